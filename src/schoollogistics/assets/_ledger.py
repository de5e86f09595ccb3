"""The asset ledger (资产台账): command → event → guards → fold, event log and queries."""

from __future__ import annotations

import bisect
import operator
from collections.abc import Iterable, Sequence
from decimal import Decimal
from itertools import islice
from typing import Final, TypeVar, assert_never, cast

import attrs
import pendulum

from schoollogistics.assets._commands import (
    AssignCustodian,
    CloseMonth,
    DecideAdjustments,
    Dispose,
    Exchange,
    HandBack,
    Issue,
    LedgerCommand,
    Lend,
    PostStockTake,
    Receive,
    RecordRepair,
    RegisterHolder,
    RegisterItem,
    RegisterPlace,
    ReportDamage,
    Restock,
    ReturnLoan,
    SendToRepair,
    Transfer,
)
from schoollogistics.assets._events import (
    AdjustmentDecided,
    AssetEvent,
    CustodianAssigned,
    DamageReported,
    Disposed,
    Exchanged,
    HolderRegistered,
    Issued,
    ItemRegistered,
    Lent,
    LoanReturned,
    MonthClosed,
    PlaceRegistered,
    Received,
    RecordedAssetEvent,
    Repaired,
    Restocked,
    Returned,
    SentToRepair,
    StockTakePosted,
    Transferred,
)
from schoollogistics.assets._fast import RUNNERS
from schoollogistics.assets._fold import FOLDS, Checkpoint, State, fold
from schoollogistics.assets._policy import LedgerPolicy
from schoollogistics.assets._records import (
    AdjustmentLine,
    AssetUnit,
    CategorySummary,
    Condition,
    CustodyGap,
    Decision,
    HazardUsage,
    Holder,
    HolderKind,
    Holding,
    ItemKind,
    ItemType,
    LedgerSnapshot,
    LoanRow,
    LossReport,
    PendingAdjustment,
    Place,
    PlaceKind,
    Reconciliation,
    StockRow,
    StockTake,
    SummaryScope,
    TrailEntry,
    UnitPosition,
)
from schoollogistics.assets._reports import (
    invariant_violations,
    loss_reports,
    monthly_summary,
    movements,
    open_damage,
    reconcile,
    trail,
)
from schoollogistics.assets._rules import (
    as2_count_valid,
    as2_surplus_not_booked_elsewhere,
    as3_unreturned_needs_recorded_loss,
    as8_not_in_closed_month,
    check,
)
from schoollogistics.assets.errors import (
    InvalidQuantityError,
    MonthClosedError,
    TagsMismatchError,
    UnknownItemError,
    UnknownUnitError,
)
from schoollogistics.core import _columnar
from schoollogistics.core._versions import check_expected_version, check_sequences, check_since
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.ids import require_id
from schoollogistics.core.money import Money, MoneyInput, non_negative
from schoollogistics.core.shapes import check_instance_of, check_int
from schoollogistics.core.time import DateInput, as_date, school_date
from schoollogistics.core.violations import Violation
from schoollogistics.errors import FieldTypeError, InvalidArgumentError, Phrase

__all__ = ["AssetLedger"]

_E = TypeVar("_E", bound=AssetEvent)
_EARLIEST: Final = pendulum.Date(1, 1, 1)
MAX_CHECKPOINT_EVERY: Final = 1_000_000_000
_EFFECTIVE_ON: Final = operator.attrgetter("effective_on")


def _effective(event: AssetEvent) -> pendulum.Date:
    return event.effective_on


def _tags(tags: Iterable[str], field: str = "tags") -> tuple[str, ...]:
    given: object = tags
    if not isinstance(given, (list, tuple, frozenset, set)):
        raise FieldTypeError(
            field=field,
            expected="a list or tuple of tags",
            expected_zh="标签列表或元组",
            type_name=type(given).__name__,
        )
    if isinstance(tags, str):  # pragma: no cover - refused above, kept for the message
        raise InvalidArgumentError(
            field=field,
            reason=Phrase(
                "pass a sequence of tags, not one string", "须为标签序列，而非单个字符串"
            ),
        )
    return tuple(require_id(tag, field=field) for tag in tags)


def _count(quantity: int | None, tags: tuple[str, ...], field: str = "quantity") -> int:
    if quantity is None:
        return len(tags) or 1
    if type(quantity) is not int or quantity <= 0:
        raise InvalidQuantityError(field=field, value=str(quantity))
    return quantity


def _money(value: MoneyInput | None, field: str) -> Money | None:
    return None if value is None else non_negative(value, field=field)


def _condition(value: object) -> Condition:
    if not isinstance(value, Condition):
        raise InvalidArgumentError(
            field="condition",
            reason=Phrase(
                "not a Condition: {value!r}", "不是「Condition」：「{value}」", value=value
            ),
        )
    return value


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidArgumentError(
            field=field,
            reason=Phrase(
                "expected text, got {type_name}",
                "须为文本，得到的是「{type_name}」",
                type_name=type(value).__name__,
            ),
        )
    return value


class AssetLedger:
    """The asset ledger (资产台账): a mutable aggregate that validates before it changes.

    One entry point, [`execute`][schoollogistics.assets.AssetLedger.execute]:
    a command (``Receive``, ``Issue``, ``Exchange`` …) becomes its event, the
    guards of the event's rules run against the current state, and only then is
    the event appended and folded. A refused command raises an
    [`AssetError`][schoollogistics.errors.AssetError] subclass and changes nothing
    (the event log and [`snapshot`][schoollogistics.assets.AssetLedger.snapshot]
    stay identical). The methods (``receive``, ``issue`` …) are conveniences that
    build the command. The state is the fold of the events in effective-date order
    (ties in recording order): ``AssetLedger.replay(ledger.events) == ledger``.

    Each command takes ``on`` (the effective date, a ``date``), ``by`` (who records
    it) and ``reason``. An entry dated before the latest effective date on the books
    (back-dated) is accepted when the whole history stays valid with it inserted at
    its date; one dated in a closed month is refused (AS-8). An entry in date
    order costs O(1). A back-dated one restarts the fold from the nearest state
    checkpoint before its date, folds (trusted) up to it, and checks it and every
    later event again: its cost grows with how far back it is dated, not with the
    size of the ledger (see "Checkpoints" below).

    Checkpoints: the ledger keeps copies of its state (its tables, without the two
    append-only loan histories, of which it keeps the lengths) every
    ``checkpoint_every`` events in effective order, at most
    [`MAX_CHECKPOINTS`][schoollogistics.assets.AssetLedger.MAX_CHECKPOINTS] of
    them, thinned so that their spacing grows with their age (the refold of an
    entry starts at most about twice as far back as the entry is, once the
    entry is older than ``checkpoint_every`` events). Checkpoints before the
    last closed month are dropped: nothing can be dated there (AS-8).

    Rules: AS-1 … AS-11, one guard each per concern (see the rules page).

    Optimistic concurrency: the ledger's
    [`version`][schoollogistics.assets.AssetLedger.version] is the number of
    events it holds. ``execute`` and every convenience method that records take
    ``expected_version``: the version the caller built the command from. When
    the ledger has moved past it, the call is refused with
    [`VersionConflictError`][schoollogistics.errors.VersionConflictError] and
    changes nothing. [`recorded`][schoollogistics.assets.AssetLedger.recorded]
    gives the events with their sequence numbers (1 for the first) for a store
    that keeps ``(stream, sequence)`` unique, and
    [`from_recorded`][schoollogistics.assets.AssetLedger.from_recorded] rebuilds
    the ledger from them.

    Args:
        policy: The rules' policies; defaults follow RULES.md.
        checkpoint_every: Events between two state checkpoints (default
            [`CHECKPOINT_EVERY`][schoollogistics.assets.AssetLedger.CHECKPOINT_EVERY]).
    """

    CHECKPOINT_EVERY: Final = 10_000
    """Events between two checkpoints, by default.

    A checkpoint copies the state's tables except the loan histories: about
    35,000 entries, a few milliseconds, on the benchmark's 1M-event ledger. At
    10,000 events apart that adds well under a microsecond per recorded event
    (a few per cent of an in-order command), while a back-dated entry refolds
    (trusted, about 1 µs per event) at most that many events past the nearest
    checkpoint before checking the later history again.
    """

    MAX_CHECKPOINTS: Final = 16
    """The most checkpoints a ledger keeps: their memory is at most this many
    copies of the state's tables (reported by ``checkpoint_entries``)."""

    __slots__ = (
        "_checkpoint_every",
        "_checkpoints",
        "_events",
        "_events_view",
        "_ordered",
        "_policy",
        "_state",
    )

    def __init__(
        self, policy: LedgerPolicy | None = None, *, checkpoint_every: int = CHECKPOINT_EVERY
    ) -> None:
        self._policy = policy if policy is not None else LedgerPolicy()
        self._checkpoint_every = check_int(
            checkpoint_every, "checkpoint_every", 1, MAX_CHECKPOINT_EVERY
        )
        self._state = State(self._policy)
        self._events: list[AssetEvent] = []
        self._events_view: tuple[AssetEvent, ...] | None = None
        # The events in effective order; ``None`` while that is the recording order.
        self._ordered: list[AssetEvent] | None = None
        self._checkpoints: list[Checkpoint] = []

    # ------------------------------------------------------------ event log

    @classmethod
    def replay(
        cls,
        events: Iterable[AssetEvent],
        policy: LedgerPolicy | None = None,
        *,
        check: bool = True,
        checkpoint_every: int = CHECKPOINT_EVERY,
    ) -> AssetLedger:
        """Rebuild a ledger from its events (given in recording order).

        The events are folded in effective-date order (stable). With ``check``
        (default) every event goes through its guards as when it was recorded, so
        a tampered log is refused with the same typed errors; ``check=False``
        trusts the log and only folds.

        Raises:
            AssetError: an event is inconsistent with those before it, or is dated in
                a month closed before it was recorded (AS-8).
        """
        ledger = cls(policy, checkpoint_every=checkpoint_every)
        log = list(events)
        dates = list(map(_EFFECTIVE_ON, log))
        _check_closed_months(log, dates)
        in_order = all(map(operator.le, dates, islice(dates, 1, None)))
        ordered = log if in_order else sorted(log, key=_effective)
        stops = _planned(len(log), ledger._checkpoint_every, cls.MAX_CHECKPOINTS)
        taken: list[Checkpoint] = []
        _fold_all(ledger._state, ordered, check=check, stops=stops, taken=taken)
        ledger._events = log
        ledger._ordered = None if in_order else ordered
        ledger._checkpoints = taken
        ledger._drop_closed_checkpoints()
        return ledger

    @classmethod
    def from_recorded(
        cls,
        recorded: Sequence[RecordedAssetEvent],
        policy: LedgerPolicy | None = None,
        *,
        check: bool = True,
        checkpoint_every: int = CHECKPOINT_EVERY,
    ) -> AssetLedger:
        """Rebuild a ledger from its recorded events (a list or tuple, as a store returns them).

        The sequence numbers must run 1, 2, 3 … in the order given: a gap, a
        duplicate or an out-of-order number is refused before anything is
        folded. Then the events are replayed as by
        [`replay`][schoollogistics.assets.AssetLedger.replay] (``check`` and
        ``checkpoint_every`` as there). ``from_recorded(ledger.recorded())``
        equals ``ledger``.

        Raises:
            FieldTypeError: ``recorded`` is not a list or tuple, or an item of it
                is not a ``RecordedAssetEvent``.
            EventSequenceError: a gap, duplicate or out-of-order sequence number.
            AssetError: as ``replay``.
        """
        envelopes = _envelopes(recorded)
        check_sequences(envelope.sequence for envelope in envelopes)
        events = [envelope.event for envelope in envelopes]
        return cls.replay(events, policy, check=check, checkpoint_every=checkpoint_every)

    @property
    def version(self) -> int:
        """The number of events the ledger holds (0 when new).

        A write built from this version passes it as ``expected_version``; the
        sequence number of the next event recorded is ``version + 1``.
        """
        return len(self._events)

    def recorded(self, since: int = 0) -> tuple[RecordedAssetEvent, ...]:
        """The events recorded after version ``since``, each with its sequence number.

        ``recorded()`` is the whole log (sequences 1 … ``version``); after a
        write built from version ``v``, ``recorded(v)`` is what to append to the
        store.

        Raises:
            FieldTypeError: ``since`` is not an ``int``.
            ValueOutOfRangeError: ``since`` is negative or beyond ``version``.
        """
        start = check_since(since, len(self._events))
        return tuple(
            RecordedAssetEvent(sequence, event)
            for sequence, event in enumerate(self._events[start:], start + 1)
        )

    def _check_version(self, expected_version: object) -> None:
        check_expected_version(expected_version, len(self._events))

    @property
    def events(self) -> tuple[AssetEvent, ...]:
        """Every accepted event, in recording order.

        The tuple is made once and kept until the next event is recorded, so
        reading ``events`` again costs nothing (it used to copy the whole log).
        """
        view = self._events_view
        if view is None:
            view = self._events_view = tuple(self._events)
        return view

    @property
    def policy(self) -> LedgerPolicy:
        """The policies the ledger applies."""
        return self._policy

    def __len__(self) -> int:
        return len(self._events)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AssetLedger):
            return NotImplemented
        return self._events == other._events and self.snapshot() == other.snapshot()

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle the ledger as its event log, column-wise, and its policy.

        Loading replays the events trusted (``check=False``): they were accepted
        when recorded. Compact and fast enough to ship to Dask workers.
        """
        events = _columnar.pack_union(AssetEvent, self._events)
        return _rebuild_ledger, (events, self._policy, self._checkpoint_every)

    # Mutable aggregate: unhashable. mypy wants ``__hash__`` to be a method, and
    # ``None`` is the documented way to opt out of hashing.
    __hash__ = None  # type: ignore[assignment]

    def as_of(self, day: DateInput) -> AssetLedger:
        """The ledger as it stood at the end of ``day`` (events effective on or before it)."""
        until = as_date(day, field="day")
        ledger = AssetLedger(self._policy, checkpoint_every=self._checkpoint_every)
        kept = [event for event in self._effective_order() if event.effective_on <= until]
        _fold_all(ledger._state, kept, check=False)
        if self._ordered is None:  # recording order is effective order: one list serves
            ledger._events = kept
        else:
            ledger._events = [event for event in self._events if event.effective_on <= until]
            ledger._ordered = kept
        return ledger

    def _effective_order(self) -> list[AssetEvent]:
        ordered = self._ordered
        return self._events if ordered is None else ordered

    @property
    def checkpoint_entries(self) -> int:
        """The table entries the checkpoints hold, in all (their memory, roughly ×100 B)."""
        return sum(checkpoint.state.size() for checkpoint in self._checkpoints)

    @property
    def checkpoint_positions(self) -> tuple[int, ...]:
        """Where the checkpoints are: each is the state after that many events (effective order)."""
        return tuple(checkpoint.position for checkpoint in self._checkpoints)

    def _accept(self, event: _E) -> _E:
        state = self._state
        as8_not_in_closed_month(state, event, self._policy)
        day = event.effective_on
        if state.last_date is None or day >= state.last_date:
            check(state, event, self._policy)
            fold(state, event)
            self._events.append(event)
            if self._ordered is not None:
                self._ordered.append(event)
            position = len(self._events)
            checkpoints = self._checkpoints
            newest = checkpoints[-1].position if checkpoints else 0
            if type(event) is MonthClosed or position - newest >= self._checkpoint_every:
                checkpoints.append(Checkpoint(position, state))
                self._thin_checkpoints()
        else:
            self._accept_backdated(event)
        self._events_view = None
        return event

    def _accept_backdated(self, event: AssetEvent) -> None:
        """Insert ``event`` at its date: refold from the nearest checkpoint, check the rest.

        The events before its place are folded trusted (the books held with them
        before, and they come before it); the event and every later one are
        checked, so the outcome (state or refusal) is that of a full refold. On a
        refusal nothing is changed: the new state is built aside.
        """
        ordered = self._effective_order()
        day = event.effective_on
        place = bisect.bisect_right(ordered, day, key=_effective)
        checkpoints = self._checkpoints
        usable = bisect.bisect_right(checkpoints, place, key=_position)
        base = checkpoints[usable - 1] if usable else None
        start = base.position if base is not None else 0
        item_id = _untagged_item(event)
        if item_id is not None:
            # Without the loan histories: see _fold_item.
            state = base.state.copy(history=False) if base is not None else State(self._policy)
            _fold_item(state, ordered[start:place], item_id, check=False)
            RUNNERS[type(event)](state, event, self._policy)
            if _fold_item(state, ordered[place:], item_id, check=True):
                self._commit_by_item(event, place)
                return
            # A later stock-take counts this item: its check reads other items too.
        state = base.restore(self._state) if base is not None else State(self._policy)
        _fold_all(state, ordered[start:place], check=False)
        RUNNERS[type(event)](state, event, self._policy)
        state.last_date = max(day, state.last_date or day)
        # The later events, checked again; new checkpoints among them where the
        # plan for the longer log puts one (positions count the new event).
        count = len(ordered) + 1
        stops = [
            stop
            for stop in _planned(count, self._checkpoint_every, self.MAX_CHECKPOINTS)
            if stop > place + 1
        ]
        taken = checkpoints[:usable]
        _fold_all(state, ordered[place:], check=True, stops=stops, taken=taken, offset=place + 1)
        # Accepted: only now does anything change.
        if self._ordered is None:
            self._ordered = self._events.copy()
        self._ordered.insert(place, event)
        self._events.append(event)
        self._state = state
        self._checkpoints = taken
        self._thin_checkpoints()

    def _commit_by_item(self, event: AssetEvent, place: int) -> None:
        """Record an untagged quantity entry whose item's later events all passed again.

        See `_fold_item` for why the books are then the current books with the
        entry's own fold applied, and each checkpoint after its date that
        checkpoint with the entry folded in.
        """
        fold_event = FOLDS[type(event)]
        fold_event(self._state, event)
        for checkpoint in self._checkpoints:
            if checkpoint.position > place:
                fold_event(checkpoint.state, event)
                checkpoint.position += 1
        if self._ordered is None:
            self._ordered = self._events.copy()
        self._ordered.insert(place, event)
        self._events.append(event)

    def _drop_closed_checkpoints(self) -> None:
        """Drop the checkpoints that no entry can use: those before the last closed month."""
        closed = self._state.closed_through
        checkpoints = self._checkpoints
        if closed is None or not checkpoints:
            return
        floor = bisect.bisect_right(self._effective_order(), closed, key=_effective)
        keep_from = bisect.bisect_right(checkpoints, floor, key=_position) - 1
        if keep_from > 0:
            del checkpoints[:keep_from]

    def _thin_checkpoints(self) -> None:
        """Keep at most ``MAX_CHECKPOINTS``, spaced more widely the older they are."""
        self._drop_closed_checkpoints()
        checkpoints = self._checkpoints
        end = len(self._events)
        while len(checkpoints) > self.MAX_CHECKPOINTS:
            # Drop the one whose neighbours are closest for its age: the gap it would
            # leave, relative to its distance from the end (compared without division).
            best = 1
            best_gap = best_age = 0
            for index in range(1, len(checkpoints) - 1):
                gap = checkpoints[index + 1].position - checkpoints[index - 1].position
                age = end - checkpoints[index].position
                if best_age == 0 or gap * best_age < best_gap * age:
                    best, best_gap, best_age = index, gap, age
            del checkpoints[best]

    # ------------------------------------------------------------ the entry point

    def execute(self, command: LedgerCommand, *, expected_version: int | None = None) -> AssetEvent:
        """Run one command: validate it, turn it into its event, guard, fold (or refuse).

        Args:
            command: The command.
            expected_version: The ledger's version the command was built from;
                ``None`` (default) records whatever the ledger holds now. The
                version is checked before the command is.

        Returns:
            The accepted event (``Receive`` gives ``Received`` …).

        Raises:
            VersionConflictError: the ledger has moved past ``expected_version``
                (nothing changed: reload and try again).
            AssetError: the command is refused (typed; nothing changed).
            InvalidInputError: a value of the command is malformed, or
                ``expected_version`` is not a version (a ``bool``, negative…).
        """
        self._check_version(expected_version)
        event: AssetEvent
        match command:
            case RegisterItem():
                event = self._item_registered(command)
            case RegisterPlace():
                event = self._place_registered(command)
            case RegisterHolder():
                event = self._holder_registered(command)
            case AssignCustodian():
                event = self._custodian_assigned(command)
            case Receive():
                event = self._received(command)
            case Issue():
                event = self._issued(command)
            case Exchange():
                event = self._exchanged(command)
            case HandBack():
                event = self._returned(command)
            case Lend():
                event = self._lent(command)
            case ReturnLoan():
                event = self._loan_returned(command)
            case Transfer():
                event = self._transferred(command)
            case ReportDamage():
                event = self._damage_reported(command)
            case SendToRepair():
                event = self._sent_to_repair(command)
            case RecordRepair():
                event = self._repaired(command)
            case Restock():
                event = self._restocked(command)
            case Dispose():
                event = self._disposed(command)
            case PostStockTake():
                event = self._stock_take_posted(command)
            case DecideAdjustments():
                event = self._adjustment_decided(command)
            case CloseMonth():
                event = self._month_closed(command)
            case _:
                assert_never(command)
        return self._accept(event)

    # ------------------------------------------------------------ command → event

    def _meta(self, on: object, by: str, reason: str) -> tuple[pendulum.Date, str, str]:
        return as_date(on, field="on"), require_id(by, field="by"), _text(reason, "reason")

    def _item_registered(self, command: RegisterItem) -> ItemRegistered:
        cost = non_negative(command.unit_cost, field="unit_cost")
        kind = command.kind
        category = command.category
        if command.batch_quantity is not None:
            _count(command.batch_quantity, (), field="batch_quantity")
        if kind is None:
            kind = self._policy.threshold.classify(
                cost,
                category=category,
                lasts_over_a_year=command.lasts_over_a_year,
                batch_quantity=command.batch_quantity,
            )
        if category is None:
            category = AssetCategory.CONSUMABLES  # refused by AS-10 for a fixed asset
        item = ItemType(
            item_id=require_id(command.item_id, field="item_id"),
            name=_text(command.name, "name"),
            category=category,
            unit=_text(command.unit, "unit"),
            kind=kind,
            unit_cost=cost,
            exchange_rule=bool(command.exchange_rule),
            hazardous=bool(command.hazardous),
            custodian_id=command.custodian_id,
            issue_limit=command.issue_limit,
        )
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return ItemRegistered(item=item, effective_on=on, recorded_by=by, reason=reason)

    def _place_registered(self, command: RegisterPlace) -> PlaceRegistered:
        place = Place(
            require_id(command.place_id, field="place_id"),
            _text(command.name, "name"),
            command.kind,
            command.custodian_id,
        )
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return PlaceRegistered(place=place, effective_on=on, recorded_by=by, reason=reason)

    def _holder_registered(self, command: RegisterHolder) -> HolderRegistered:
        holder = Holder(
            require_id(command.holder_id, field="holder_id"),
            _text(command.name, "name"),
            command.kind,
        )
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return HolderRegistered(holder=holder, effective_on=on, recorded_by=by, reason=reason)

    def _custodian_assigned(self, command: AssignCustodian) -> CustodianAssigned:
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return CustodianAssigned(
            subject_id=require_id(command.subject_id, field="subject_id"),
            for_item=bool(command.for_item),
            custodian_id=require_id(command.custodian_id, field="custodian_id"),
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _received(self, command: Receive) -> Received:
        tags = _tags(command.tags)
        count = _count(command.quantity, tags)
        cost = _money(command.unit_cost, "unit_cost")
        if cost is None:
            item = self._state.items.get(command.item_id)
            if item is None:
                raise UnknownItemError(item_id=command.item_id)
            cost = item.unit_cost
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return Received(
            item_id=command.item_id,
            place_id=command.place_id,
            quantity=count,
            unit_cost=cost,
            tags=tags,
            acceptor=require_id(command.acceptor, field="acceptor"),
            supplier=_text(command.supplier, "supplier"),
            invoice_ref=_text(command.invoice_ref, "invoice_ref"),
            purchase_id=_text(command.purchase_id, "purchase_id"),
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _issued(self, command: Issue) -> Issued:
        tags = _tags(command.tags)
        count = _count(command.quantity, tags)
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return Issued(
            item_id=command.item_id,
            from_place=command.from_place,
            to_location=command.to,
            quantity=count,
            tags=tags,
            initial_allocation=bool(command.initial_allocation),
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _exchanged(self, command: Exchange) -> Exchanged:
        old = _tags(command.old_tags, "old_tags")
        lost = _tags(command.lost_tags, "lost_tags")
        new = _tags(command.new_tags, "new_tags")
        count = _count(command.quantity, new or old + lost)
        handed_back = command.handed_back
        if old or lost or new:
            back = len(old)
            if handed_back is not None and handed_back != back:
                raise TagsMismatchError(
                    item_id=command.item_id,
                    reason=Phrase(
                        "handed_back={handed_back} but {back} old tag(s)",
                        "交回数量（「handed_back」= {handed_back}）与旧标签数 {back} 不符",
                        handed_back=handed_back,
                        back=back,
                    ),
                )
        elif handed_back is None:
            back = count
        else:
            if type(handed_back) is not int:
                raise InvalidQuantityError(field="handed_back", value=str(handed_back))
            back = handed_back
        if not 0 <= back <= count:
            raise InvalidQuantityError(field="handed_back", value=str(back))
        missing = count - back
        as3_unreturned_needs_recorded_loss(
            command.item_id, missing, record_loss=command.record_loss
        )
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return Exchanged(
            item_id=command.item_id,
            holder_id=command.holder_id,
            store_id=command.store_id,
            quantity=count,
            old_tags=old,
            lost_tags=lost,
            lost_quantity=missing,
            new_tags=new,
            condition=_condition(command.condition),
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _returned(self, command: HandBack) -> Returned:
        tags = _tags(command.tags)
        count = _count(command.quantity, tags)
        condition = _condition(command.condition)
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return Returned(
            item_id=command.item_id,
            holder_id=command.holder_id,
            store_id=command.store_id,
            quantity=count,
            tags=tags,
            condition=condition,
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _lent(self, command: Lend) -> Lent:
        tags = _tags(command.tags)
        loan_id = require_id(command.loan_id, field="loan_id")
        count = _count(command.quantity, tags)
        due_on = as_date(command.due_on, field="due_on")
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return Lent(
            loan_id=loan_id,
            item_id=command.item_id,
            from_place=command.from_place,
            borrower_id=command.borrower_id,
            quantity=count,
            tags=tags,
            due_on=due_on,
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _loan_returned(self, command: ReturnLoan) -> LoanReturned:
        loan_id = require_id(command.loan_id, field="loan_id")
        condition = _condition(command.condition)
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return LoanReturned(
            loan_id=loan_id, condition=condition, effective_on=on, recorded_by=by, reason=reason
        )

    def _transferred(self, command: Transfer) -> Transferred:
        tags = _tags(command.tags)
        count = _count(command.quantity, tags)
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return Transferred(
            item_id=command.item_id,
            from_location=command.from_location,
            to_location=command.to_location,
            quantity=count,
            tags=tags,
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _damage_reported(self, command: ReportDamage) -> DamageReported:
        tags = _tags(command.tags)
        count = _count(command.quantity, tags)
        condition = _condition(command.condition)
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return DamageReported(
            item_id=command.item_id,
            location_id=command.location_id,
            quantity=count,
            tags=tags,
            condition=condition,
            responsible_id=command.responsible_id,
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _sent_to_repair(self, command: SendToRepair) -> SentToRepair:
        tags = _tags(command.tags)
        count = _count(command.quantity, tags)
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return SentToRepair(
            item_id=command.item_id,
            location_id=command.location_id,
            quantity=count,
            tags=tags,
            from_pool=bool(command.from_pool),
            repairer=_text(command.repairer, "repairer"),
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _repaired(self, command: RecordRepair) -> Repaired:
        tags = _tags(command.tags)
        count = _count(command.quantity, tags)
        cost = non_negative(command.cost, field="cost")
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return Repaired(
            item_id=command.item_id,
            location_id=command.location_id,
            quantity=count,
            tags=tags,
            cost=cost,
            capitalised=command.capitalised,
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _restocked(self, command: Restock) -> Restocked:
        tags = _tags(command.tags)
        count = _count(command.quantity, tags)
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return Restocked(
            item_id=command.item_id,
            store_id=command.store_id,
            quantity=count,
            tags=tags,
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _disposed(self, command: Dispose) -> Disposed:
        tags = _tags(command.tags)
        count = _count(command.quantity, tags)
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return Disposed(
            item_id=command.item_id,
            store_id=command.store_id,
            quantity=count,
            tags=tags,
            from_pool=bool(command.from_pool),
            approver=command.approver,
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _stock_take_posted(self, command: PostStockTake) -> StockTakePosted:
        stock_take = command.stock_take
        reconciliation = self.reconcile(stock_take)
        lines = tuple(
            AdjustmentLine(
                item_id=line.item_id,
                surplus=line.surplus,
                shortage=line.shortage,
                surplus_tags=line.surplus_tags,
                shortage_tags=line.shortage_tags,
                unit_value=line.unit_value,
            )
            for line in reconciliation.differences()
        )
        as2_surplus_not_booked_elsewhere(self._state, stock_take.place_id, lines)
        on, by, reason = self._meta(reconciliation.counted_on, command.by, command.reason)
        return StockTakePosted(
            count_id=require_id(stock_take.count_id, field="count_id"),
            place_id=stock_take.place_id,
            approver=command.approver,
            lines=lines,
            responsible_id=command.responsible_id,
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _adjustment_decided(self, command: DecideAdjustments) -> AdjustmentDecided:
        decision: object = command.decision
        if not isinstance(decision, Decision):
            raise InvalidArgumentError(
                field="decision",
                reason=Phrase(
                    "not a Decision: {value!r}", "不是「Decision」：「{value}」", value=decision
                ),
            )
        on, by, reason = self._meta(command.on, command.by, command.reason)
        return AdjustmentDecided(
            count_id=command.count_id,
            decision=decision,
            approver=command.approver,
            effective_on=on,
            recorded_by=by,
            reason=reason,
        )

    def _month_closed(self, command: CloseMonth) -> MonthClosed:
        try:
            last_day = pendulum.Date(command.year, command.month, 1).end_of("month")
        except (TypeError, ValueError) as error:
            raise InvalidArgumentError(
                field="month",
                reason=Phrase("{detail}", "不是有效的年月（「{detail}」）", detail=str(error)),
            ) from None
        summary = self.monthly_summary(command.year, command.month)
        _, by, reason = self._meta(last_day, command.by, command.reason)
        return MonthClosed(
            year=command.year,
            month=command.month,
            summary=summary,
            effective_on=last_day,
            recorded_by=by,
            reason=reason,
        )

    # ------------------------------------------------------------ conveniences
    def register_item(
        self,
        item_id: str,
        name: str,
        *,
        unit: str,
        unit_cost: MoneyInput,
        category: AssetCategory | None = None,
        kind: ItemKind | None = None,
        lasts_over_a_year: bool = True,
        batch_quantity: int | None = None,
        exchange_rule: bool = False,
        hazardous: bool = False,
        custodian_id: str | None = None,
        issue_limit: int | None = None,
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> ItemRegistered:
        """Open the record (档案) of an item type (AS-1), classified by AS-10.

        Without ``kind``, the policy's threshold classifies the item by its unit
        cost and its category's threshold: a fixed asset at or above it (needs a
        depreciation ``category``); below it, a bulk fixed asset when the bulk
        clause covers the ``category`` and the ``batch_quantity``, otherwise a
        consumable (filed under ``CONSUMABLES``).

        Raises:
            DuplicateIdError: the id is taken.
            InvalidCategoryError: a fixed asset without a depreciation category.
            CustodianRequiredError: hazardous without a custodian (AS-9).
        """
        command = RegisterItem(
            item_id=item_id,
            name=name,
            unit=unit,
            unit_cost=non_negative(unit_cost, field="unit_cost"),
            category=category,
            kind=kind,
            lasts_over_a_year=lasts_over_a_year,
            batch_quantity=batch_quantity,
            exchange_rule=exchange_rule,
            hazardous=hazardous,
            custodian_id=custodian_id,
            issue_limit=issue_limit,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._item_registered(command))

    def register_place(
        self,
        place_id: str,
        name: str,
        kind: PlaceKind,
        *,
        custodian_id: str | None = None,
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> PlaceRegistered:
        """Register a storeroom or room, with its custodian if known (AS-4)."""
        command = RegisterPlace(
            place_id=place_id,
            name=name,
            kind=kind,
            custodian_id=custodian_id,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._place_registered(command))

    def register_holder(
        self,
        holder_id: str,
        name: str,
        kind: HolderKind,
        *,
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> HolderRegistered:
        """Register a person or a class as a holder."""
        command = RegisterHolder(
            holder_id=holder_id,
            name=name,
            kind=kind,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._holder_registered(command))

    def assign_custodian(
        self,
        subject_id: str,
        custodian_id: str,
        *,
        for_item: bool = False,
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> CustodianAssigned:
        """Make someone answer for a place (or, with ``for_item``, an item type) (AS-4)."""
        command = AssignCustodian(
            subject_id=subject_id,
            custodian_id=custodian_id,
            for_item=for_item,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._custodian_assigned(command))

    def receive(
        self,
        item_id: str,
        place_id: str,
        quantity: int | None = None,
        *,
        acceptor: str,
        unit_cost: MoneyInput | None = None,
        tags: Iterable[str] = (),
        supplier: str = "",
        invoice_ref: str = "",
        purchase_id: str = "",
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> Received:
        """Accept goods into a storeroom (入库, AS-1).

        The receipt names its acceptor (验收人) and its supplier or invoice reference
        (or both), and may name the purchase it comes from (``purchase_id``, PR-4). A
        fixed asset needs one new tag per unit; each unit's original value is
        ``unit_cost`` (default: the item's) and its acquisition date ``on``.

        Raises:
            AssetError: unknown item (``assets.unknown_item``), not a storeroom,
                tags missing or already used.
        """
        command = Receive(
            item_id=item_id,
            place_id=place_id,
            quantity=quantity,
            acceptor=acceptor,
            unit_cost=_money(unit_cost, "unit_cost"),
            tags=_tags(tags),
            supplier=supplier,
            invoice_ref=invoice_ref,
            purchase_id=purchase_id,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._received(command))

    def issue(
        self,
        item_id: str,
        from_place: str,
        to: str,
        quantity: int | None = None,
        *,
        tags: Iterable[str] = (),
        initial_allocation: bool = False,
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> Issued:
        """Issue from a storeroom to a holder or room (领用, AS-1).

        An item under the exchange rule goes out only with ``initial_allocation``
        (to a holder who holds none, by default) or by
        [`exchange`][schoollogistics.assets.AssetLedger.exchange] (AS-3). A
        hazardous item is issued by its custodian within its limit (AS-9).

        Raises:
            InsufficientStockError: not enough in stock (AS-11).
            ExchangeRequiredError, InitialAllocationRefusedError: AS-3.
            HazardCustodianError, HazardLimitError: AS-9.
        """
        command = Issue(
            item_id=item_id,
            from_place=from_place,
            to=to,
            quantity=quantity,
            tags=_tags(tags),
            initial_allocation=initial_allocation,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._issued(command))

    def exchange(
        self,
        item_id: str,
        holder_id: str,
        store_id: str,
        quantity: int | None = None,
        *,
        handed_back: int | None = None,
        old_tags: Iterable[str] = (),
        lost_tags: Iterable[str] = (),
        new_tags: Iterable[str] = (),
        condition: Condition = Condition.WORN,
        record_loss: bool = False,
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> Exchanged:
        """New for old, in one atomic step (以旧换新, AS-3).

        The holder hands back ``handed_back`` old units (default: all) in
        ``condition``, which go to the storeroom's returned pool; ``quantity`` new
        units go out. Units not handed back are refused unless ``record_loss``: then
        they leave the books as a loss and
        [`loss_reports`][schoollogistics.assets.AssetLedger.loss_reports] yields a
        damage-claim input naming the holder. The holder's count never changes.

        For a fixed asset, name the tags: ``old_tags`` handed back, ``lost_tags``
        not handed back, ``new_tags`` going out.

        Raises:
            OldUnitMissingError: fewer handed back than taken, loss not recorded.
            NothingToExchangeError: the holder holds fewer than ``quantity``.
            InsufficientStockError: not enough new units in stock (AS-11).
        """
        command = Exchange(
            item_id=item_id,
            holder_id=holder_id,
            store_id=store_id,
            quantity=quantity,
            handed_back=handed_back,
            old_tags=_tags(old_tags, "old_tags"),
            lost_tags=_tags(lost_tags, "lost_tags"),
            new_tags=_tags(new_tags, "new_tags"),
            condition=condition,
            record_loss=record_loss,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._exchanged(command))

    def hand_back(
        self,
        item_id: str,
        holder_id: str,
        store_id: str,
        quantity: int | None = None,
        *,
        condition: Condition,
        tags: Iterable[str] = (),
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> Returned:
        """Take units back from a holder or room into a storeroom (归还, AS-6).

        The hand-back check's ``condition`` is required: good units go back to stock
        (by default), others to the returned pool; a condition of the policy's claim
        set yields a damage-claim input naming the holder.
        """
        command = HandBack(
            item_id=item_id,
            holder_id=holder_id,
            store_id=store_id,
            quantity=quantity,
            condition=condition,
            tags=_tags(tags),
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._returned(command))

    def lend(
        self,
        loan_id: str,
        item_id: str,
        from_place: str,
        borrower_id: str,
        quantity: int | None = None,
        *,
        due_on: DateInput,
        tags: Iterable[str] = (),
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> Lent:
        """Lend units from a place to a registered holder until ``due_on`` (借出, AS-5)."""
        command = Lend(
            loan_id=loan_id,
            item_id=item_id,
            from_place=from_place,
            borrower_id=borrower_id,
            quantity=quantity,
            due_on=as_date(due_on, field="due_on"),
            tags=_tags(tags),
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._lent(command))

    def return_loan(
        self,
        loan_id: str,
        *,
        condition: Condition,
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> LoanReturned:
        """Take a loan back to the place that lent it, with the condition check (AS-5, AS-6)."""
        command = ReturnLoan(
            loan_id=loan_id, condition=condition, on=as_date(on, field="on"), by=by, reason=reason
        )
        self._check_version(expected_version)
        return self._accept(self._loan_returned(command))

    def transfer(
        self,
        item_id: str,
        from_location: str,
        to_location: str,
        quantity: int | None = None,
        *,
        tags: Iterable[str] = (),
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> Transferred:
        """Move units between rooms or holders, on the record (调拨, AS-4)."""
        command = Transfer(
            item_id=item_id,
            from_location=from_location,
            to_location=to_location,
            quantity=quantity,
            tags=_tags(tags),
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._transferred(command))

    def report_damage(
        self,
        item_id: str,
        location_id: str,
        quantity: int | None = None,
        *,
        tags: Iterable[str] = (),
        condition: Condition = Condition.DAMAGED,
        responsible_id: str | None = None,
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> DamageReported:
        """Record damage found on available units (a claim input when the condition calls)."""
        command = ReportDamage(
            item_id=item_id,
            location_id=location_id,
            quantity=quantity,
            tags=_tags(tags),
            condition=condition,
            responsible_id=responsible_id,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._damage_reported(command))

    def send_to_repair(
        self,
        item_id: str,
        location_id: str,
        quantity: int | None = None,
        *,
        tags: Iterable[str] = (),
        from_pool: bool = False,
        repairer: str = "",
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> SentToRepair:
        """Send units to repair, from available stock or a storeroom's returned pool (AS-7)."""
        command = SendToRepair(
            item_id=item_id,
            location_id=location_id,
            quantity=quantity,
            tags=_tags(tags),
            from_pool=from_pool,
            repairer=repairer,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._sent_to_repair(command))

    def record_repair(
        self,
        item_id: str,
        location_id: str,
        quantity: int | None = None,
        *,
        cost: MoneyInput,
        tags: Iterable[str] = (),
        capitalised: bool = False,
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> Repaired:
        """Record units back from repair in good condition, with the cost (AS-7).

        ``capitalised`` adds the cost to the units' cost (an improvement, RP-5)
        instead of expensing it (the default).
        """
        command = RecordRepair(
            item_id=item_id,
            location_id=location_id,
            quantity=quantity,
            cost=non_negative(cost, field="cost"),
            tags=_tags(tags),
            capitalised=capitalised,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._repaired(command))

    def restock(
        self,
        item_id: str,
        store_id: str,
        quantity: int | None = None,
        *,
        tags: Iterable[str] = (),
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> Restocked:
        """Put units of the returned pool back into stock for reissue (AS-3)."""
        command = Restock(
            item_id=item_id,
            store_id=store_id,
            quantity=quantity,
            tags=_tags(tags),
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._restocked(command))

    def dispose(
        self,
        item_id: str,
        store_id: str,
        quantity: int | None = None,
        *,
        approver: str,
        tags: Iterable[str] = (),
        from_pool: bool = False,
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> Disposed:
        """Write units off (报废, AS-7): approved, from storeroom stock or the returned pool.

        Raises:
            ApproverRequiredError: no approver, or the recorder approving (by default).
            DisposalSourceError: the units are not in a storeroom.
        """
        command = Dispose(
            item_id=item_id,
            store_id=store_id,
            quantity=quantity,
            approver=approver,
            tags=_tags(tags),
            from_pool=from_pool,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._disposed(command))

    # ------------------------------------------------------------ stock-take

    def reconcile(self, stock_take: StockTake) -> Reconciliation:
        """Compare a count with the books at its place and date (账物核对, AS-2).

        The book is what is available at the place at the end of the count date
        (the returned pool, loans out and units in repair are listed elsewhere).
        Items of the place without a count line are counted as zero.

        Raises:
            AssetError: unknown place or item, tags not one per counted unit, or a
                negative count.
        """
        if not isinstance(stock_take, StockTake):
            raise InvalidArgumentError(
                field="stock_take", reason=Phrase("expected a StockTake", "须为「StockTake」")
            )
        day = as_date(stock_take.counted_on, field="counted_on")
        as2_count_valid(self._state, stock_take)
        last = self._state.last_date
        book = self if last is None or day >= last else self.as_of(day)
        return reconcile(book._state, self._state, stock_take, day)

    def post_stock_take(
        self,
        stock_take: StockTake,
        *,
        approver: str,
        responsible_id: str | None = None,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> StockTakePosted:
        """Post a count's surplus and shortage as adjustments pending a decision (AS-2).

        The adjustment is dated on the count date; the books then equal the count.
        A surplus unit gets a new record valued at the unit cost; a counted tag
        booked elsewhere is refused (record the transfer first). With
        ``responsible_id`` (e.g. the class for class property), each shortage yields
        a damage-claim input (a [`LossReport`][schoollogistics.assets.LossReport]).

        Raises:
            ApproverRequiredError: no approver, or the recorder approving (by default).
            TagBookedElsewhereError: a counted tag is on the books elsewhere.
        """
        command = PostStockTake(
            stock_take=stock_take,
            approver=approver,
            responsible_id=responsible_id,
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._stock_take_posted(command))

    def decide_adjustments(
        self,
        count_id: str,
        decision: Decision,
        *,
        approver: str,
        on: DateInput,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> AdjustmentDecided:
        """Decide a posted stock-take's pending adjustments (待处理财产损溢, AS-2)."""
        command = DecideAdjustments(
            count_id=count_id,
            decision=decision,
            approver=approver,
            on=as_date(on, field="on"),
            by=by,
            reason=reason,
        )
        self._check_version(expected_version)
        return self._accept(self._adjustment_decided(command))

    def close_month(
        self,
        year: int,
        month: int,
        *,
        by: str,
        reason: str = "",
        expected_version: int | None = None,
    ) -> MonthClosed:
        """Close a month (月结, AS-8), freezing its summary per category (storeroom scope).

        Afterwards an entry dated in that month (or before) is refused; corrections
        go into an open month. Months close one after the other (by default).

        Raises:
            MonthClosedError: the month is already closed.
            MonthSequenceError: it is not the month after the last closed one.
        """
        command = CloseMonth(year=year, month=month, by=by, reason=reason)
        self._check_version(expected_version)
        return self._accept(self._month_closed(command))

    # ------------------------------------------------------------ queries

    @property
    def closed_through(self) -> pendulum.Date | None:
        """The last day of the last closed month (AS-8), if any."""
        return self._state.closed_through

    def item(self, item_id: str) -> ItemType:
        """The catalogue record of an item type."""
        item = self._state.items.get(require_id(item_id, field="item_id"))
        if item is None:
            raise UnknownItemError(item_id=item_id)
        return item

    def items(self) -> tuple[ItemType, ...]:
        """The catalogue, sorted by id."""
        return tuple(self._state.items[k] for k in sorted(self._state.items))

    def places(self) -> tuple[Place, ...]:
        """The places, sorted by id."""
        return tuple(self._state.places[k] for k in sorted(self._state.places))

    def holders(self) -> tuple[Holder, ...]:
        """The holders, sorted by id."""
        return tuple(self._state.holders[k] for k in sorted(self._state.holders))

    def unit(self, tag: str) -> AssetUnit:
        """The record of a tagged unit (also after it left the books)."""
        unit = self._state.units.get(require_id(tag, field="tag"))
        if unit is None:
            raise UnknownUnitError(tag=tag)
        return unit

    def units(self) -> tuple[AssetUnit, ...]:
        """Every tagged unit's record, sorted by tag."""
        return tuple(self._state.units[t] for t in sorted(self._state.units))

    def position(self, tag: str) -> UnitPosition:
        """Where a tagged unit is, in which holding and condition."""
        unit = self.unit(tag)
        state = self._state
        return UnitPosition(
            tag, unit.item_id, state.unit_loc[tag], state.unit_hold[tag], state.unit_cond[tag]
        )

    def on_hand(
        self,
        *,
        location_id: str | None = None,
        item_id: str | None = None,
        holding: Holding | None = None,
        as_of: DateInput | None = None,
    ) -> tuple[StockRow, ...]:
        """Quantities by location, item and holding (non-zero), sorted.

        Args:
            location_id: Only this place or holder (what a person or room holds:
                个人领用清单, room inventory).
            item_id: Only this item type.
            holding: Only this holding (e.g. ``Holding.RETURNED`` for the pool).
            as_of: The books at the end of this day instead of now.
        """
        if location_id is not None:
            require_id(location_id, field="location_id")
        if item_id is not None:
            require_id(item_id, field="item_id")
        ledger = self if as_of is None else self.as_of(as_of)
        rows = ledger._stock_rows()
        return tuple(
            row
            for row in rows
            if (location_id is None or row.location_id == location_id)
            and (item_id is None or row.item_id == item_id)
            and (holding is None or row.holding is holding)
        )

    def holdings(self, location_id: str) -> tuple[StockRow, ...]:
        """What a person, class or room holds, in every holding."""
        return self.on_hand(location_id=location_id)

    def returned_pool(self, store_id: str | None = None) -> tuple[StockRow, ...]:
        """The returned pool (回收池) of one or every storeroom (AS-3)."""
        return self.on_hand(location_id=store_id, holding=Holding.RETURNED)

    def _stock_rows(self) -> list[StockRow]:
        state = self._state
        tags_at: dict[tuple[str, str, Holding], list[str]] = {}
        for tag, where in state.unit_loc.items():
            hold = state.unit_hold[tag]
            if hold is not Holding.GONE:
                tags_at.setdefault((where, state.units[tag].item_id, hold), []).append(tag)
        rows = []
        for holding, table in (
            (Holding.AVAILABLE, state.avail),
            (Holding.RETURNED, state.pool),
            (Holding.ON_LOAN, state.loaned),
            (Holding.IN_REPAIR, state.repair),
        ):
            for (where, item_id), quantity in table.items():
                if not quantity:
                    continue
                item = state.items[item_id]
                tags = tuple(sorted(tags_at.get((where, item_id, holding), ())))
                if tags:
                    value = Money.sum(state.units[t].original_value for t in tags)
                else:
                    value = item.unit_cost * quantity
                rows.append(StockRow(where, item_id, holding, quantity, tags, value))
        order = list(Holding)
        rows.sort(key=lambda r: (r.location_id, r.item_id, order.index(r.holding)))
        return rows

    def trail(self, tag: str) -> tuple[TrailEntry, ...]:
        """Every event in the life of a tagged unit, in effective order (AS-7)."""
        self.unit(tag)
        indexed = sorted(enumerate(self._events), key=lambda pair: pair[1].effective_on)
        return trail(indexed, tag)

    def loans(self, *, open_only: bool = False) -> tuple[LoanRow, ...]:
        """Every loan (or only those not returned), sorted by id (AS-5)."""
        state = self._state
        returned_on = dict(state.loan_returns)
        rows = []
        for loan_id in sorted(state.loans):
            loan = state.loans[loan_id]
            returned = returned_on.get(loan_id)
            if open_only and returned is not None:
                continue
            rows.append(
                LoanRow(
                    loan_id,
                    loan.item_id,
                    loan.from_place,
                    loan.borrower_id,
                    loan.quantity,
                    loan.tags,
                    loan.effective_on,
                    loan.due_on,
                    returned,
                )
            )
        return tuple(rows)

    def overdue_loans(self, as_of: DateInput) -> tuple[LoanRow, ...]:
        """Loans not returned by the end of ``as_of`` and past their due date (AS-5)."""
        day = as_date(as_of, field="as_of")
        return tuple(
            _with_overdue(row, (day - row.due_on).in_days())
            for row in self.as_of(day).loans(open_only=True)
            if row.due_on < day
        )

    def custody_gaps(self) -> tuple[CustodyGap, ...]:
        """Rooms without a custodian, and what lies there with no custodian either (AS-4)."""
        state = self._state
        gaps = []
        for place_id in sorted(state.places):
            if state.places[place_id].custodian_id:
                continue
            gaps.append(CustodyGap(place_id, "", 0))
            for (where, item_id), quantity in sorted(state.avail.items()):
                if where == place_id and quantity and not state.items[item_id].custodian_id:
                    gaps.append(CustodyGap(place_id, item_id, quantity))
        return tuple(gaps)

    def monthly_summary(
        self, year: int, month: int, *, scope: SummaryScope = SummaryScope.STOREROOMS
    ) -> tuple[CategorySummary, ...]:
        """The month's summary per category, in quantity and value (AS-8).

        The figures are opening, received, issued, returned, disposed, adjusted and
        closing. Consumables are valued at their unit cost, tagged units at their original
        value. ``scope`` says what counts as the books: the storerooms (材料账,
        default) or the whole school. Categories with no figure are left out.
        """
        if not isinstance(scope, SummaryScope):
            raise InvalidArgumentError(
                field="scope",
                reason=Phrase(
                    "not a SummaryScope: {value!r}",
                    "不是「SummaryScope」：「{value}」",
                    value=scope,
                ),
            )
        school_date(year, month, 1)  # typed refusals: not an int, a year out of range, month 13
        state = self._state
        return monthly_summary(
            self._events,
            state.items,
            state.units,
            state.stores,
            year=year,
            month=month,
            scope=scope,
        )

    def loss_reports(self) -> tuple[LossReport, ...]:
        """Damage-claim inputs for the compensation area, in recording order.

        From exchanges recording a loss (AS-3), hand-backs and loan returns found
        damaged (AS-5, AS-6), damage reports, and stock-take shortages posted with a
        responsible holder (AS-2).
        """
        state = self._state
        return loss_reports(self._events, state.items, state.units, self._policy)

    def open_damage(self, item_id: str) -> tuple[tuple[str, int], ...]:
        """Where the quantity-counted units of ``item_id`` reported damaged are now.

        ``(location, quantity)`` pairs, sorted by location: units reported damaged
        (or handed back damaged) and not yet sent to repair, disposed of or
        restocked. The compensation area posts an assessment against them.
        """
        state = self._state
        found = open_damage(self._events, state.items, state.units, self._policy)
        return tuple(sorted((where, n) for (where, item), n in found.items() if item == item_id))

    def pending_adjustments(self, *, undecided_only: bool = False) -> tuple[PendingAdjustment, ...]:
        """Posted stock-take adjustments and their decisions (待处理财产损溢, AS-2)."""
        state = self._state
        rows: list[PendingAdjustment] = []
        for count_id in sorted(state.counts):
            posted = state.counts[count_id]
            decision = state.decisions[count_id]
            if undecided_only and decision is not Decision.PENDING:
                continue
            rows.extend(
                PendingAdjustment(count_id, posted.place_id, posted.effective_on, line, decision)
                for line in posted.lines
            )
        return tuple(rows)

    def hazard_usage(self, *, over_only: bool = False) -> tuple[HazardUsage, ...]:
        """Hazardous issues per holder and period against the item's limit (AS-9)."""
        state = self._state
        period = self._policy.hazard.period
        rows = []
        for (item_id, holder_id, start), issued in sorted(state.hazard.items()):
            limit = state.items[item_id].issue_limit
            over = limit is not None and issued > limit
            if over_only and not over:
                continue
            rows.append(
                HazardUsage(item_id, holder_id, start, period.end(start), issued, limit, over)
            )
        return tuple(rows)

    def snapshot(self) -> LedgerSnapshot:
        """The whole state as one comparable, serializable record."""
        state = self._state
        positions = tuple(self.position(tag) for tag in sorted(state.units))
        return LedgerSnapshot(
            items=self.items(),
            places=self.places(),
            holders=self.holders(),
            stock=tuple(self._stock_rows()),
            units=self.units(),
            positions=positions,
            loans=self.loans(),
            pending=self.pending_adjustments(),
            closed_through=state.closed_through,
            last_effective_on=state.last_date,
        )

    def check_invariants(self) -> tuple[Violation, ...]:
        """Check the books against themselves (帐帐相符); findings as data, never raises.

        * conservation per item: received + surplus − shortage − disposed equals
          the quantity held everywhere (``assets.not_conserved``, AS-2, AS-7);
        * no negative quantity (``assets.negative_quantity``, AS-11);
        * every tagged unit on the books is counted once where it is
          (``assets.units_not_booked``, AS-1).
        """
        return invariant_violations(self._state)

    def movements(self) -> tuple[tuple[pendulum.Date, str, str, str, str, int, Decimal], ...]:
        """Every quantity movement as ``(day, item, from, to, kind, quantity, value)``.

        ``""`` stands for outside the books; kinds are ``received``, ``move``,
        ``disposed`` and ``adjust``. Useful for auditors' own aggregations.
        """
        state = self._state
        return tuple(movements(self._events, state.items, state.units))


def _with_overdue(row: LoanRow, days: int) -> LoanRow:
    return attrs.evolve(row, days_overdue=days)


_ITEM_EVENTS: Final = frozenset({
    Received, Issued, Exchanged, Returned, Lent, Transferred, DamageReported,
    SentToRepair, Repaired, Restocked, Disposed,
})  # fmt: skip
"""The events about one item type (they carry ``item_id``)."""
_REGISTER_EVENTS: Final = frozenset({
    ItemRegistered, PlaceRegistered, HolderRegistered, CustodianAssigned,
})  # fmt: skip


def _fold_item(state: State, events: Sequence[AssetEvent], item_id: str, *, check: bool) -> bool:
    """Fold (and with ``check`` guard) only what concerns one item, plus the registers.

    Used for an untagged quantity entry dated back (see `_untagged_item`):
    ``state`` is restored from a checkpoint, and only its rows of ``item_id`` and
    its registers are brought up to date, first to the entry's date (trusted),
    then, after the entry, through every later event (checked). Why this is
    exact (``test_checkpoints.py`` checks it against full refolds):

    * the entry's fold only adds or takes quantities of its item (``avail``,
      ``pool``, ``repair``, ``shortage``, ``disposed``, ``received``, ``hazard``
      rows of that item): it moves no tag, makes no loan, creates no id;
    * a guard reads the tables of its own event's item, the registers and the
      id namespaces, nothing of another item; so the later events of other items
      pass as they did, and the later events of this item (its loans' returns
      included) are checked again on rows of this item that are exact;
    * the restored state leaves out the two loan histories (every loan by id, the
      returns): only a loan id's freshness (AS-5) and the queries read them; a
      later loan of this item passed that check before and the entry makes no
      loan, and a later return is checked only when its loan is open (the open
      loans are copied);
    * a stock-take's check reads every item it has a line for: when a later one
      has a line for this item, ``False`` is returned at once and the caller
      takes the general path (refold and check everything after the date);
    * a fold adds quantities or writes values taken from its event and the
      registers, never from the quantities: once every later event passes, the
      books are the current books with the entry's own fold applied.
    """
    policy = state.policy
    runners = RUNNERS
    folds = FOLDS
    for event in events:
        kind = type(event)
        if kind in _ITEM_EVENTS:
            # Every kind of _ITEM_EVENTS has item_id (mypy cannot see the set narrow).
            if event.item_id != item_id:  # type: ignore[union-attr]  # see above
                continue
        elif kind in _REGISTER_EVENTS:
            folds[kind](state, event)
            continue
        elif isinstance(event, LoanReturned):
            loan = state.open_loans.get(event.loan_id)
            if loan is None or loan.item_id != item_id:
                continue
        elif isinstance(event, StockTakePosted) and any(
            line.item_id == item_id for line in event.lines
        ):
            if check:
                return False
        else:
            continue
        if check:
            runners[kind](state, event, policy)
        else:
            folds[kind](state, event)
    return True


def _untagged_item(event: AssetEvent) -> str | None:
    """The item of an entry whose fold only adds or takes its quantities, else ``None``."""
    if isinstance(event, Exchanged):
        if event.old_tags or event.lost_tags or event.new_tags:
            return None
        return event.item_id
    if isinstance(
        event,
        Received
        | Issued
        | Transferred
        | Returned
        | DamageReported
        | SentToRepair
        | Repaired
        | Restocked
        | Disposed,
    ):
        return None if event.tags else event.item_id
    return None


def _position(checkpoint: Checkpoint) -> int:
    return checkpoint.position


def _planned(count: int, every: int, most: int) -> list[int]:
    """Where a fold of ``count`` events takes checkpoints: back from the end, doubling.

    ``count − every``, ``count − 2·every``, ``count − 4·every`` … (at most ``most``,
    ascending): recent entries find a checkpoint close behind them, and older
    ones one at most about twice as far back as they are.
    """
    stops: list[int] = []
    distance = every
    while distance < count and len(stops) < most:
        stops.append(count - distance)
        distance *= 2
    stops.reverse()
    return stops


def _segments(length: int, stops: Sequence[int], offset: int) -> list[tuple[int, int, int | None]]:
    """Cut ``[0, length)`` at the stops (absolute positions ``offset + i``)."""
    cuts: list[tuple[int, int, int | None]] = []
    start = 0
    for stop in stops:
        local = stop - offset
        if start < local <= length:
            cuts.append((start, local, stop))
            start = local
    cuts.append((start, length, None))
    return cuts


def _fold_all(
    state: State,
    events: Sequence[AssetEvent],
    *,
    check: bool,
    stops: Sequence[int] = (),
    taken: list[Checkpoint] | None = None,
    offset: int = 0,
) -> None:
    """Guard (when ``check``) and fold events already in effective order.

    The events are positions ``offset``, ``offset + 1`` … of the effective order;
    a checkpoint is appended to ``taken`` after each position in ``stops``.
    """
    policy = state.policy
    runners = RUNNERS
    folds = FOLDS
    for start, end, stop in _segments(len(events), stops, offset):
        segment = events[start:end] if start or end != len(events) else events
        if check:
            for event in segment:
                runners[type(event)](state, event, policy)
        else:
            for event in segment:
                folds[type(event)](state, event)
        if segment:
            last = segment[-1].effective_on
            state.last_date = max(last, state.last_date or last)
        if stop is not None and taken is not None:
            taken.append(Checkpoint(stop, state))


def _check_closed_months(log: Sequence[AssetEvent], dates: Sequence[pendulum.Date]) -> None:
    """Refuse a log where an event recorded after a close is dated in the closed month (AS-8).

    Also when the log is trusted: the closed months are part of the books.
    """
    kinds = list(map(type, log))
    if MonthClosed not in kinds:
        return
    closes: list[int] = []
    at = kinds.index(MonthClosed)
    while True:
        closes.append(at)
        try:
            at = kinds.index(MonthClosed, at + 1)
        except ValueError:
            break
    bounds = [*closes, len(log)]
    later_min: pendulum.Date | None = None
    for position in range(len(closes) - 1, -1, -1):
        segment = dates[bounds[position] + 1 : bounds[position + 1]]
        if segment:
            low = min(segment)
            later_min = low if later_min is None or low < later_min else later_min
        close_day = dates[closes[position]]
        if later_min is not None and later_min <= close_day:
            raise MonthClosedError(day=later_min, closed_through=close_day)


def _envelopes(recorded: Sequence[RecordedAssetEvent]) -> list[RecordedAssetEvent]:
    """The envelopes as a list (from a list or tuple), each checked to be one."""
    given: object = recorded
    if type(given) is not list and type(given) is not tuple:
        raise FieldTypeError(
            field="recorded",
            expected="a list or tuple of RecordedAssetEvent",
            expected_zh="「RecordedAssetEvent」的列表或元组",
            type_name=type(given).__name__,
        )
    envelopes = list(recorded)
    for index, envelope in enumerate(envelopes):
        check_instance_of(envelope, RecordedAssetEvent, f"recorded[{index}]")
    return envelopes


def _rebuild_ledger(
    events: _columnar.Packed, policy: LedgerPolicy, checkpoint_every: int
) -> AssetLedger:
    """The ledger of a pickle made by ``AssetLedger.__reduce__`` (a trusted replay)."""
    log = cast("tuple[AssetEvent, ...]", _columnar.unpack_union(AssetEvent, events))
    return AssetLedger.replay(log, policy, check=False, checkpoint_every=checkpoint_every)
