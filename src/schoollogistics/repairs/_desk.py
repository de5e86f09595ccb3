"""The repair desk (后勤报修台): a pure aggregate that records requests, orders and rounds.

A command becomes its event (same fields), the guards of ``_rules.py`` check
it against the state, and the fold of ``_fold.py`` records it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Final

import attrs

from schoollogistics.core._versions import check_expected_version, check_sequences, check_since
from schoollogistics.core.findings import FINDINGS
from schoollogistics.core.ids import require_id
from schoollogistics.core.shapes import check_instance_of
from schoollogistics.core.time import DateRange
from schoollogistics.core.violations import Violation
from schoollogistics.errors import FieldTypeError, RepairError
from schoollogistics.repairs._commands import COMMAND_TYPES, DeskCommand
from schoollogistics.repairs._events import EVENT_TYPES, DeskEvent, DeskState, RecordedDeskEvent
from schoollogistics.repairs._fold import Desk, fold
from schoollogistics.repairs._policy import RepairPolicy
from schoollogistics.repairs._records import RepairLog, RepairRequest, SchoolDays, WorkOrder
from schoollogistics.repairs._rules import GUARDS, check
from schoollogistics.repairs.errors import UnknownRepairIdError

__all__ = ["RepairDesk"]

_EVENT_OF: Final[Mapping[type, type]] = MappingProxyType(
    dict(zip(COMMAND_TYPES, EVENT_TYPES, strict=True))
)
"""The event each command type records (same fields, same index in the unions)."""


class RepairDesk:
    """A school's repair desk and everything recorded on it (RP-1 … RP-7).

    A pure aggregate: it reads no clock (every moment is an argument) and
    records each accepted command as an event.
    [`execute`][schoollogistics.repairs.RepairDesk.execute] is the one entry
    point: it builds the event, runs the guards of its type and raises a typed
    [`RepairError`][schoollogistics.errors.RepairError] when one refuses (the
    desk is then exactly as it was), or folds the event in.

    Optimistic concurrency as on the other aggregates: ``version`` is the number
    of events; ``execute(command, expected_version=v)`` refuses with
    ``VersionConflictError`` when the desk moved past ``v``; ``recorded()``
    gives the events with their sequence numbers and ``from_recorded`` rebuilds.

    Args:
        desk_id: The desk's id.
        policy: The policy enforced (default: RULES.md).
        school_days: The school days the deadlines count (used by the audit).
    """

    __slots__ = ("_desk", "_policy", "_school_days")

    def __init__(
        self,
        desk_id: str,
        *,
        school_days: SchoolDays,
        policy: RepairPolicy | None = None,
    ) -> None:
        check_instance_of(school_days, SchoolDays, "school_days")
        self._desk = Desk(require_id(desk_id, field="desk_id"))
        self._policy = RepairPolicy() if policy is None else policy
        self._school_days = school_days

    @classmethod
    def replay(
        cls,
        desk_id: str,
        events: Iterable[DeskEvent],
        *,
        school_days: SchoolDays,
        policy: RepairPolicy | None = None,
        check: bool = True,
    ) -> RepairDesk:
        """Rebuild a desk from its events (through the guards unless ``check=False``).

        Raises:
            RepairError: with ``check=True``, an event the rules refuse.
        """
        desk = cls(desk_id, school_days=school_days, policy=policy)
        for event in events:
            if check:
                desk._record(event)
            else:
                fold(desk._desk, event)
        return desk

    @classmethod
    def from_state(cls, state: DeskState, *, check: bool = True) -> RepairDesk:
        """Rebuild a desk from its serializable state."""
        return cls.replay(
            state.desk_id,
            state.events,
            school_days=state.school_days,
            policy=state.policy,
            check=check,
        )

    @classmethod
    def from_recorded(
        cls,
        desk_id: str,
        recorded: Sequence[RecordedDeskEvent],
        *,
        school_days: SchoolDays,
        policy: RepairPolicy | None = None,
        check: bool = True,
    ) -> RepairDesk:
        """Rebuild a desk from its recorded events (sequences 1, 2, 3 … in order).

        Raises:
            FieldTypeError: ``recorded`` is not a list or tuple of ``RecordedDeskEvent``.
            EventSequenceError: a gap, duplicate or out-of-order sequence number.
            RepairError: with ``check=True``, an event the rules refuse.
        """
        given: object = recorded
        if type(given) is not list and type(given) is not tuple:
            raise FieldTypeError(
                field="recorded",
                expected="a list or tuple of RecordedDeskEvent",
                expected_zh="「RecordedDeskEvent」的列表或元组",
                type_name=type(given).__name__,
            )
        for index, envelope in enumerate(recorded):
            check_instance_of(envelope, RecordedDeskEvent, f"recorded[{index}]")
        check_sequences(envelope.sequence for envelope in recorded)
        return cls.replay(
            desk_id,
            [envelope.event for envelope in recorded],
            school_days=school_days,
            policy=policy,
            check=check,
        )

    # ------------------------------------------------------------ properties

    @property
    def desk_id(self) -> str:
        """The desk's id."""
        return self._desk.desk_id

    @property
    def policy(self) -> RepairPolicy:
        """The policy the desk enforces."""
        return self._policy

    @property
    def school_days(self) -> SchoolDays:
        """The school days its deadlines count."""
        return self._school_days

    @property
    def version(self) -> int:
        """The number of events the desk holds (0 when new)."""
        return len(self._desk.events)

    @property
    def events(self) -> tuple[DeskEvent, ...]:
        """Every accepted operation, in order."""
        return tuple(self._desk.events)

    def recorded(self, since: int = 0) -> tuple[RecordedDeskEvent, ...]:
        """The events after version ``since``, each with its sequence number.

        Raises:
            FieldTypeError: ``since`` is not an ``int``.
            ValueOutOfRangeError: ``since`` is negative or beyond ``version``.
        """
        events = self._desk.events
        start = check_since(since, len(events))
        return tuple(
            RecordedDeskEvent(sequence, event)
            for sequence, event in enumerate(events[start:], start + 1)
        )

    def state(self) -> DeskState:
        """The whole desk as one frozen, serializable record."""
        return DeskState(self.desk_id, self._policy, self._school_days, tuple(self._desk.events))

    # ------------------------------------------------------------ the entry point

    def execute(self, command: DeskCommand, *, expected_version: int | None = None) -> DeskEvent:
        """Run a command: build its event, check it against the rules, record it.

        Raises:
            VersionConflictError: the desk moved past ``expected_version``.
            RepairError: the rules refuse the command (the desk is unchanged).
            InvalidInputError: ``expected_version`` is not a version.
        """
        check_expected_version(expected_version, len(self._desk.events))
        event_type = _EVENT_OF.get(type(command))
        if event_type is None:
            raise FieldTypeError(
                field="command",
                expected="a DeskCommand",
                expected_zh="「DeskCommand」",
                type_name=type(command).__name__,
            )
        event: DeskEvent = event_type(*attrs.astuple(command, recurse=False))
        return self._record(event)

    def _record(self, event: DeskEvent) -> DeskEvent:
        for guard in GUARDS[type(event)]:
            guard(self._desk, event, self._policy)
        fold(self._desk, event)
        return event

    # ------------------------------------------------------------ queries

    def request(self, request_id: str) -> RepairRequest:
        """The request with this id.

        Raises:
            UnknownRepairIdError: no such request.
        """
        try:
            return self._desk.requests[request_id]
        except KeyError:
            raise UnknownRepairIdError(kind="RepairRequest", id=request_id) from None

    def order(self, order_id: str) -> WorkOrder:
        """The work order with this id, as it stands now.

        Raises:
            UnknownRepairIdError: no such order.
        """
        try:
            return self._desk.orders[order_id]
        except KeyError:
            raise UnknownRepairIdError(kind="WorkOrder", id=order_id) from None

    def log(self) -> RepairLog:
        """The records as plain data for the audit (``audit_repairs``)."""
        return self._desk.log()

    def audit(self, period: DateRange) -> tuple[Violation, ...]:
        """Audit the desk's own records over ``period`` with its policy and school days."""
        from schoollogistics.repairs._audit import audit_repairs  # noqa: PLC0415 - cycle

        return audit_repairs(self.log(), self._policy, period, school_days=self._school_days)

    def check_invariants(self) -> tuple[Violation, ...]:
        """The desk's internal consistency, as findings: empty when consistent; never raises.

        The events, replayed through the guards, are accepted and give the same records.
        """
        again = Desk(self.desk_id)
        for index, event in enumerate(self._desk.events):
            try:
                check(again, event, self._policy)
            except RepairError as error:
                return (
                    FINDINGS["repairs.history_refused"].violation(
                        self.desk_id,
                        index=str(index),
                        event=type(event).__name__,
                        refusal=error.code,
                    ),
                )
            fold(again, event)
        if again.log() != self._desk.log():
            return (FINDINGS["repairs.history_mismatch"].violation(self.desk_id),)
        return ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RepairDesk):
            return NotImplemented
        return self.state() == other.state()

    # A mutable aggregate is unhashable; mypy sees None as incompatible with
    # object.__hash__'s signature, which cannot be avoided when un-hashing a class.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        desk = self._desk
        return (
            f"RepairDesk({desk.desk_id!r}, requests={len(desk.requests)}, "
            f"orders={len(desk.orders)}, rounds={len(desk.rounds)})"
        )
