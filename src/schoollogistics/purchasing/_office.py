"""The finance office (财务室、后勤处): a pure aggregate of purchases, cash, fees and subsidies.

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
from schoollogistics.core.money import Money
from schoollogistics.core.shapes import check_instance_of
from schoollogistics.core.time import DateRange
from schoollogistics.core.violations import Violation
from schoollogistics.errors import FieldTypeError, PurchasingError
from schoollogistics.purchasing._commands import COMMAND_TYPES, FinanceCommand
from schoollogistics.purchasing._events import (
    EVENT_TYPES,
    FinanceEvent,
    FinanceState,
    RecordedFinanceEvent,
)
from schoollogistics.purchasing._fold import Office, fold
from schoollogistics.purchasing._policy import FinancePolicy
from schoollogistics.purchasing._records import FinanceRecords, Purchase
from schoollogistics.purchasing._rules import GUARDS, check
from schoollogistics.purchasing.errors import UnknownFinanceIdError
from schoollogistics.repairs import SchoolDays

__all__ = ["FinanceOffice"]

_EVENT_OF: Final[Mapping[type, type]] = MappingProxyType(
    dict(zip(COMMAND_TYPES, EVENT_TYPES, strict=True))
)
"""The event each command type records (same fields, same index in the unions)."""


class FinanceOffice:
    """A school's finance office and everything recorded in it (PR-1 … PR-9, SB-1 … SB-7).

    A pure aggregate: it reads no clock (every moment is an argument) and
    records each accepted command as an event.
    [`execute`][schoollogistics.purchasing.FinanceOffice.execute] is the one entry
    point: it builds the event, runs the guards of its type and raises a typed
    [`PurchasingError`][schoollogistics.errors.PurchasingError] when one refuses
    (the office is then exactly as it was), or folds the event in.

    Optimistic concurrency as on the other aggregates: ``version`` is the number
    of events; ``execute(command, expected_version=v)`` refuses with
    ``VersionConflictError`` when the office moved past ``v``.

    Args:
        office_id: The office's id.
        policy: The policy enforced (default: RULES.md).
        working_days: The working days SB-3 and SB-4 count when the policy
            counts working days (default: Monday to Friday).
    """

    __slots__ = ("_office", "_policy")

    def __init__(
        self,
        office_id: str,
        *,
        policy: FinancePolicy | None = None,
        working_days: SchoolDays | None = None,
    ) -> None:
        self._office = Office(require_id(office_id, field="office_id"), working_days)
        self._policy = FinancePolicy() if policy is None else policy

    @classmethod
    def replay(
        cls,
        office_id: str,
        events: Iterable[FinanceEvent],
        *,
        policy: FinancePolicy | None = None,
        working_days: SchoolDays | None = None,
        check: bool = True,
    ) -> FinanceOffice:
        """Rebuild an office from its events (through the guards unless ``check=False``).

        Raises:
            PurchasingError: with ``check=True``, an event the rules refuse.
        """
        office = cls(office_id, policy=policy, working_days=working_days)
        for event in events:
            if check:
                office._record(event)
            else:
                fold(office._office, event)
        return office

    @classmethod
    def from_state(
        cls, state: FinanceState, *, working_days: SchoolDays | None = None, check: bool = True
    ) -> FinanceOffice:
        """Rebuild an office from its serializable state."""
        return cls.replay(
            state.office_id,
            state.events,
            policy=state.policy,
            working_days=working_days,
            check=check,
        )

    @classmethod
    def from_recorded(
        cls,
        office_id: str,
        recorded: Sequence[RecordedFinanceEvent],
        *,
        policy: FinancePolicy | None = None,
        working_days: SchoolDays | None = None,
        check: bool = True,
    ) -> FinanceOffice:
        """Rebuild an office from its recorded events (sequences 1, 2, 3 … in order).

        Raises:
            FieldTypeError: ``recorded`` is not a list or tuple.
            EventSequenceError: a gap, duplicate or out-of-order sequence number.
            PurchasingError: with ``check=True``, an event the rules refuse.
        """
        given: object = recorded
        if type(given) is not list and type(given) is not tuple:
            raise FieldTypeError(
                field="recorded",
                expected="a list or tuple of RecordedFinanceEvent",
                expected_zh="「RecordedFinanceEvent」的列表或元组",
                type_name=type(given).__name__,
            )
        for index, envelope in enumerate(recorded):
            check_instance_of(envelope, RecordedFinanceEvent, f"recorded[{index}]")
        check_sequences(envelope.sequence for envelope in recorded)
        return cls.replay(
            office_id,
            [envelope.event for envelope in recorded],
            policy=policy,
            working_days=working_days,
            check=check,
        )

    # ------------------------------------------------------------ properties

    @property
    def office_id(self) -> str:
        """The office's id."""
        return self._office.office_id

    @property
    def policy(self) -> FinancePolicy:
        """The policy the office enforces."""
        return self._policy

    @property
    def working_days(self) -> SchoolDays | None:
        """The working days SB-3 and SB-4 count (``None``: Monday to Friday)."""
        return self._office.working_days

    @property
    def version(self) -> int:
        """The number of events the office holds (0 when new)."""
        return len(self._office.events)

    @property
    def events(self) -> tuple[FinanceEvent, ...]:
        """Every accepted operation, in order."""
        return tuple(self._office.events)

    def recorded(self, since: int = 0) -> tuple[RecordedFinanceEvent, ...]:
        """The events after version ``since``, each with its sequence number."""
        events = self._office.events
        start = check_since(since, len(events))
        return tuple(
            RecordedFinanceEvent(sequence, event)
            for sequence, event in enumerate(events[start:], start + 1)
        )

    def state(self) -> FinanceState:
        """The whole office as one frozen, serializable record."""
        return FinanceState(self.office_id, self._policy, tuple(self._office.events))

    # ------------------------------------------------------------ the entry point

    def _event_of(self, command: FinanceCommand) -> FinanceEvent:
        event_type = _EVENT_OF.get(type(command))
        if event_type is None:
            raise FieldTypeError(
                field="command",
                expected="a FinanceCommand",
                expected_zh="「FinanceCommand」",
                type_name=type(command).__name__,
            )
        event: FinanceEvent = event_type(**attrs.asdict(command, recurse=False))
        return event

    def execute(
        self, command: FinanceCommand, *, expected_version: int | None = None
    ) -> FinanceEvent:
        """Run a command: build its event, check it against the rules, record it.

        Raises:
            VersionConflictError: the office moved past ``expected_version``.
            PurchasingError: the rules refuse the command (the office is unchanged).
            InvalidInputError: ``expected_version`` is not a version.
        """
        check_expected_version(expected_version, len(self._office.events))
        return self._record(self._event_of(command))

    def check_command(self, command: FinanceCommand) -> None:
        """Run a command's guards without recording it (raise the refusal, or return)."""
        check(self._office, self._event_of(command), self._policy)

    def _record(self, event: FinanceEvent) -> FinanceEvent:
        for guard in GUARDS[type(event)]:
            guard(self._office, event, self._policy)
        fold(self._office, event)
        return event

    # ------------------------------------------------------------ queries

    def purchase(self, request_id: str) -> Purchase:
        """The purchase with this request id, as it stands now.

        Raises:
            UnknownFinanceIdError: no such request.
        """
        try:
            return self._office.purchases[request_id]
        except KeyError:
            raise UnknownFinanceIdError(kind="PurchaseRequest", id=request_id) from None

    def balance(self, fund: str) -> Money:
        """The banked balance of a fund (zero for a fund without entries)."""
        return self._office.balances.get(fund, Money(0))

    def records(self) -> FinanceRecords:
        """The records as plain data for the audit (``audit_finance``)."""
        return self._office.records()

    def audit(self, period: DateRange) -> tuple[Violation, ...]:
        """Audit the office's own records over ``period`` with its policy."""
        from schoollogistics.purchasing._audit import audit_finance  # noqa: PLC0415 - cycle

        return audit_finance(
            self.records(), self._policy, period, working_days=self._office.working_days
        )

    def check_invariants(self) -> tuple[Violation, ...]:
        """The office's internal consistency, as findings: empty when consistent; never raises.

        The events, replayed through the guards, are accepted and give the same records.
        """
        again = Office(self.office_id, self._office.working_days)
        for index, event in enumerate(self._office.events):
            try:
                check(again, event, self._policy)
            except PurchasingError as error:
                return (
                    FINDINGS["purchasing.history_refused"].violation(
                        self.office_id,
                        index=str(index),
                        event=type(event).__name__,
                        refusal=error.code,
                    ),
                )
            fold(again, event)
        if again.records() != self._office.records():
            return (FINDINGS["purchasing.history_mismatch"].violation(self.office_id),)
        return ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FinanceOffice):
            return NotImplemented
        return self.state() == other.state()

    # A mutable aggregate is unhashable; mypy sees None as incompatible with
    # object.__hash__'s signature, which cannot be avoided when un-hashing a class.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        office = self._office
        return (
            f"FinanceOffice({office.office_id!r}, purchases={len(office.purchases)}, "
            f"cash={len(office.cash)}, cases={len(office.cases)})"
        )
