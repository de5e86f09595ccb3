"""The canteen (食堂): a pure aggregate that records fees, stock, handlers, meals, accounts, logs.

A command becomes its event, the guards of ``_rules.py`` check it against the
state, and the fold of ``_fold.py`` records it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Final

import attrs

from schoollogistics.canteen._commands import COMMAND_TYPES, CanteenCommand, IssueStock
from schoollogistics.canteen._events import (
    EVENT_TYPES,
    CanteenEvent,
    CanteenState,
    RecordedCanteenEvent,
    StockIssued,
)
from schoollogistics.canteen._fold import Kitchen, fold
from schoollogistics.canteen._policy import CanteenPolicy
from schoollogistics.canteen._records import CanteenLog, Draw, IssueRecord, Lot, ServingDays
from schoollogistics.canteen._rules import GUARDS, check
from schoollogistics.canteen._storeroom import plan_issue
from schoollogistics.canteen.errors import UnknownCanteenIdError
from schoollogistics.core._versions import check_expected_version, check_sequences, check_since
from schoollogistics.core.findings import FINDINGS
from schoollogistics.core.ids import require_id
from schoollogistics.core.shapes import check_instance_of
from schoollogistics.core.time import DateRange
from schoollogistics.core.violations import Violation
from schoollogistics.errors import CanteenError, FieldTypeError

__all__ = ["Canteen"]

_EVENT_OF: Final[Mapping[type, type]] = MappingProxyType(
    dict(zip(COMMAND_TYPES, EVENT_TYPES, strict=True))
)
"""The event each command type records (same index in the unions)."""


class Canteen:
    """A school canteen and everything recorded about it (CN-1 … CN-9).

    A pure aggregate: it reads no clock (every day and moment is an argument) and
    records each accepted command as an event.
    [`execute`][schoollogistics.canteen.Canteen.execute] is the one entry point:
    it builds the event, runs the guards of its type and raises a typed
    [`CanteenError`][schoollogistics.errors.CanteenError] when one refuses (the
    canteen is then exactly as it was), or folds the event in.

    Optimistic concurrency as on the other aggregates: ``version`` is the number
    of events; ``execute(command, expected_version=v)`` refuses with
    ``VersionConflictError`` when the canteen moved past ``v``.

    Args:
        canteen_id: The canteen's id.
        policy: The policy enforced (default: RULES.md).
    """

    __slots__ = ("_kitchen", "_policy")

    def __init__(self, canteen_id: str, *, policy: CanteenPolicy | None = None) -> None:
        if policy is not None:
            check_instance_of(policy, CanteenPolicy, "policy")
        self._kitchen = Kitchen(require_id(canteen_id, field="canteen_id"))
        self._policy = CanteenPolicy() if policy is None else policy

    @classmethod
    def replay(
        cls,
        canteen_id: str,
        events: Iterable[CanteenEvent],
        *,
        policy: CanteenPolicy | None = None,
        check: bool = True,
    ) -> Canteen:
        """Rebuild a canteen from its events (through the guards unless ``check=False``).

        Raises:
            CanteenError: with ``check=True``, an event the rules refuse.
        """
        canteen = cls(canteen_id, policy=policy)
        for event in events:
            if check:
                canteen._record(event)
            else:
                fold(canteen._kitchen, event)
        return canteen

    @classmethod
    def from_state(cls, state: CanteenState, *, check: bool = True) -> Canteen:
        """Rebuild a canteen from its serializable state."""
        return cls.replay(state.canteen_id, state.events, policy=state.policy, check=check)

    @classmethod
    def from_recorded(
        cls,
        canteen_id: str,
        recorded: Sequence[RecordedCanteenEvent],
        *,
        policy: CanteenPolicy | None = None,
        check: bool = True,
    ) -> Canteen:
        """Rebuild a canteen from its recorded events (sequences 1, 2, 3 … in order).

        Raises:
            FieldTypeError: ``recorded`` is not a list or tuple of ``RecordedCanteenEvent``.
            EventSequenceError: a gap, duplicate or out-of-order sequence number.
            CanteenError: with ``check=True``, an event the rules refuse.
        """
        given: object = recorded
        if type(given) is not list and type(given) is not tuple:
            raise FieldTypeError(
                field="recorded",
                expected="a list or tuple of RecordedCanteenEvent",
                expected_zh="「RecordedCanteenEvent」的列表或元组",
                type_name=type(given).__name__,
            )
        for index, envelope in enumerate(recorded):
            check_instance_of(envelope, RecordedCanteenEvent, f"recorded[{index}]")
        check_sequences(envelope.sequence for envelope in recorded)
        return cls.replay(
            canteen_id, [envelope.event for envelope in recorded], policy=policy, check=check
        )

    # ------------------------------------------------------------ properties

    @property
    def canteen_id(self) -> str:
        """The canteen's id."""
        return self._kitchen.canteen_id

    @property
    def policy(self) -> CanteenPolicy:
        """The policy the canteen enforces."""
        return self._policy

    @property
    def version(self) -> int:
        """The number of events the canteen holds (0 when new)."""
        return len(self._kitchen.events)

    @property
    def events(self) -> tuple[CanteenEvent, ...]:
        """Every accepted operation, in order."""
        return tuple(self._kitchen.events)

    def recorded(self, since: int = 0) -> tuple[RecordedCanteenEvent, ...]:
        """The events after version ``since``, each with its sequence number.

        Raises:
            FieldTypeError: ``since`` is not an ``int``.
            ValueOutOfRangeError: ``since`` is negative or beyond ``version``.
        """
        events = self._kitchen.events
        start = check_since(since, len(events))
        return tuple(
            RecordedCanteenEvent(sequence, event)
            for sequence, event in enumerate(events[start:], start + 1)
        )

    def state(self) -> CanteenState:
        """The whole canteen as one frozen, serializable record."""
        return CanteenState(self.canteen_id, self._policy, tuple(self._kitchen.events))

    # ------------------------------------------------------------ the entry point

    def execute(
        self, command: CanteenCommand, *, expected_version: int | None = None
    ) -> CanteenEvent:
        """Run a command: build its event, check it against the rules, record it.

        Raises:
            VersionConflictError: the canteen moved past ``expected_version``.
            CanteenError: the rules refuse the command (the canteen is unchanged).
            InvalidInputError: ``expected_version`` is not a version.
        """
        check_expected_version(expected_version, len(self._kitchen.events))
        event_type = _EVENT_OF.get(type(command))
        if event_type is None:
            raise FieldTypeError(
                field="command",
                expected="a CanteenCommand",
                expected_zh="「CanteenCommand」",
                type_name=type(command).__name__,
            )
        if isinstance(command, IssueStock):
            return self._record(self._issue(command))
        event: CanteenEvent = event_type(*attrs.astuple(command, recurse=False))
        return self._record(event)

    def _issue(self, command: IssueStock) -> StockIssued:
        """The event of an issue: the named lot, or the lots the policy's order chooses."""
        kitchen = self._kitchen
        if command.lot_id is not None:
            if command.lot_id not in kitchen.lots:
                raise UnknownCanteenIdError(kind="Lot", id=command.lot_id)
            draws: tuple[Draw, ...] = (Draw(command.lot_id, command.quantity),)
            skipped: tuple[str, ...] = ()
        else:
            draws, skipped, _ = plan_issue(
                list(kitchen.lots.values()),
                kitchen.on_hand,
                command.product,
                quantity=command.quantity,
                on=command.on,
                policy=self._policy,
            )
        return StockIssued(
            IssueRecord(
                issue_id=command.issue_id,
                product=command.product,
                quantity=command.quantity,
                on=command.on,
                by=command.by,
                draws=draws,
                skipped_expired=skipped,
                lot_named=command.lot_id is not None,
            )
        )

    def _record(self, event: CanteenEvent) -> CanteenEvent:
        for guard in GUARDS[type(event)]:
            guard(self._kitchen, event, self._policy)
        fold(self._kitchen, event)
        return event

    # ------------------------------------------------------------ queries

    def lot(self, lot_id: str) -> Lot:
        """The lot with this id.

        Raises:
            UnknownCanteenIdError: no such lot.
        """
        try:
            return self._kitchen.lots[lot_id]
        except KeyError:
            raise UnknownCanteenIdError(kind="Lot", id=lot_id) from None

    def on_hand(self, lot_id: str) -> int:
        """The units of the lot on hand.

        Raises:
            UnknownCanteenIdError: no such lot.
        """
        self.lot(lot_id)
        return self._kitchen.on_hand[lot_id]

    def stock(self, product: str) -> int:
        """The units of ``product`` on hand, expired or not."""
        kitchen = self._kitchen
        return sum(
            kitchen.on_hand[lot.lot_id] for lot in kitchen.lots.values() if lot.product == product
        )

    def log(self) -> CanteenLog:
        """The records as plain data for the audit (``audit_canteen``)."""
        return self._kitchen.log()

    def audit(self, period: DateRange, *, serving_days: ServingDays) -> tuple[Violation, ...]:
        """Audit the canteen's own records over ``period`` with its policy."""
        from schoollogistics.canteen._audit import audit_canteen  # noqa: PLC0415 - cycle

        return audit_canteen(self.log(), self._policy, period, serving_days=serving_days)

    def check_invariants(self) -> tuple[Violation, ...]:
        """The canteen's internal consistency, as findings: empty when consistent; never raises.

        The events, replayed through the guards, are accepted and give the same
        records; no lot's quantity on hand is negative.
        """
        again = Kitchen(self.canteen_id)
        for index, event in enumerate(self._kitchen.events):
            try:
                check(again, event, self._policy)
            except CanteenError as error:
                return (
                    FINDINGS["canteen.history_refused"].violation(
                        self.canteen_id,
                        index=str(index),
                        event=type(event).__name__,
                        refusal=error.code,
                    ),
                )
            fold(again, event)
        if again.log() != self._kitchen.log() or again.on_hand != self._kitchen.on_hand:
            return (FINDINGS["canteen.history_mismatch"].violation(self.canteen_id),)
        if any(units < 0 for units in self._kitchen.on_hand.values()):
            return (FINDINGS["canteen.history_mismatch"].violation(self.canteen_id),)
        return ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Canteen):
            return NotImplemented
        return self.state() == other.state()

    # A mutable aggregate is unhashable; mypy sees None as incompatible with
    # object.__hash__'s signature, which cannot be avoided when un-hashing a class.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        kitchen = self._kitchen
        return (
            f"Canteen({kitchen.canteen_id!r}, lots={len(kitchen.lots)}, "
            f"meals={len(kitchen.menus)}, events={len(kitchen.events)})"
        )
