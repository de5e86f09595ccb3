"""The ledger's state and the fold of events into it: state changes only.

Each event type has one fold function ``(state, event) -> None`` that applies an
event the guards of [`_rules`][] have already accepted (or that a trusted replay
takes as given). A fold never checks and never raises on purpose. Quantities live
in plain dicts keyed by ``(location, item)``, one dict per holding, so that
applying an event is a handful of dict operations and never copies state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import islice
from typing import Final, TypeVar, cast

import attrs
import pendulum

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
    Repaired,
    Restocked,
    Returned,
    SentToRepair,
    StockTakePosted,
    Transferred,
)
from schoollogistics.assets._policy import LedgerPolicy
from schoollogistics.assets._records import (
    AssetUnit,
    Condition,
    Decision,
    Holder,
    Holding,
    ItemType,
    Place,
    PlaceKind,
)
from schoollogistics.core.money import Money

__all__ = ["FOLDS", "Checkpoint", "Key", "State", "fold"]

Key = tuple[str, str]
"""``(location_id, item_id)``: the key of every quantity table."""

_E = TypeVar("_E", bound=AssetEvent)

_AVAILABLE: Final = Holding.AVAILABLE
_RETURNED: Final = Holding.RETURNED
_ON_LOAN: Final = Holding.ON_LOAN
_IN_REPAIR: Final = Holding.IN_REPAIR
_GONE: Final = Holding.GONE
_GOOD: Final = Condition.GOOD
_SCALARS: Final = frozenset({"policy", "closed_through", "closed_month", "last_date"})
"""The slots of ``State`` that are not tables."""


class State:
    """The mutable state folded from events (internal; the ledger guards it)."""

    __slots__ = (
        "avail",
        "closed_month",
        "closed_through",
        "counts",
        "decisions",
        "disposed",
        "hazard",
        "holders",
        "items",
        "last_date",
        "loan_returns",
        "loaned",
        "loans",
        "locations",
        "open_loans",
        "places",
        "policy",
        "pool",
        "received",
        "repair",
        "shortage",
        "stores",
        "surplus",
        "unit_cond",
        "unit_hold",
        "unit_loc",
        "units",
    )

    def __init__(self, policy: LedgerPolicy) -> None:
        self.policy = policy
        self.items: dict[str, ItemType] = {}
        self.places: dict[str, Place] = {}
        self.holders: dict[str, Holder] = {}
        self.locations: set[str] = set()
        self.stores: set[str] = set()
        self.avail: dict[Key, int] = {}
        self.pool: dict[Key, int] = {}
        self.loaned: dict[Key, int] = {}
        self.repair: dict[Key, int] = {}
        self.units: dict[str, AssetUnit] = {}
        self.unit_loc: dict[str, str] = {}
        self.unit_hold: dict[str, Holding] = {}
        self.unit_cond: dict[str, Condition] = {}
        self.loans: dict[str, Lent] = {}  # every loan, by id
        self.open_loans: dict[str, Lent] = {}  # the loans not yet returned
        self.loan_returns: list[tuple[str, pendulum.Date]] = []  # (loan, day), in fold order
        self.hazard: dict[tuple[str, str, pendulum.Date], int] = {}
        self.received: dict[str, int] = {}
        self.disposed: dict[str, int] = {}
        self.surplus: dict[str, int] = {}
        self.shortage: dict[str, int] = {}
        self.counts: dict[str, StockTakePosted] = {}
        self.decisions: dict[str, Decision] = {}
        self.closed_through: pendulum.Date | None = None
        self.closed_month: tuple[int, int] | None = None
        self.last_date: pendulum.Date | None = None

    def copy(self, *, history: bool = True) -> State:
        """An independent copy: every table copied, the records in them shared.

        The values in the tables are immutable (frozen records, enums, ints,
        dates), so a shallow copy of each table is a full copy of the state.
        With ``history=False`` the two append-only histories (``loans``, every
        loan by id, and ``loan_returns``) are left empty: a checkpoint keeps only
        their lengths (see `Checkpoint`), which is what makes it cheap.
        """
        new = State.__new__(State)
        new.policy = self.policy
        new.items = self.items.copy()
        new.places = self.places.copy()
        new.holders = self.holders.copy()
        new.locations = self.locations.copy()
        new.stores = self.stores.copy()
        new.avail = self.avail.copy()
        new.pool = self.pool.copy()
        new.loaned = self.loaned.copy()
        new.repair = self.repair.copy()
        new.units = self.units.copy()
        new.unit_loc = self.unit_loc.copy()
        new.unit_hold = self.unit_hold.copy()
        new.unit_cond = self.unit_cond.copy()
        new.loans = self.loans.copy() if history else {}
        new.open_loans = self.open_loans.copy()
        new.loan_returns = self.loan_returns.copy() if history else []
        new.hazard = self.hazard.copy()
        new.received = self.received.copy()
        new.disposed = self.disposed.copy()
        new.surplus = self.surplus.copy()
        new.shortage = self.shortage.copy()
        new.counts = self.counts.copy()
        new.decisions = self.decisions.copy()
        new.closed_through = self.closed_through
        new.closed_month = self.closed_month
        new.last_date = self.last_date
        return new

    def size(self) -> int:
        """The number of entries in all tables (what a copy costs, roughly)."""
        return sum(len(getattr(self, name)) for name in self.__slots__ if name not in _SCALARS)


Fold = Callable[[State, AssetEvent], None]
_FOLDS: dict[type, Fold] = {}


def _folds(kind: type[_E]) -> Callable[[Callable[[State, _E], None]], Callable[[State, _E], None]]:
    def register(function: Callable[[State, _E], None]) -> Callable[[State, _E], None]:
        # The table is only ever called with an event of exactly ``kind``
        # (``FOLDS[type(event)]``), so narrowing the parameter is sound.
        _FOLDS[kind] = cast("Fold", function)
        return function

    return register


def fold(state: State, event: AssetEvent) -> None:
    """Apply one accepted event and advance the latest effective date."""
    _FOLDS[type(event)](state, event)
    day = event.effective_on
    last = state.last_date
    if last is None or day > last:
        state.last_date = day


def _move_tags(
    state: State,
    tags: tuple[str, ...],
    location_id: str,
    holding: Holding,
    condition: Condition | None = None,
) -> None:
    unit_loc = state.unit_loc
    unit_hold = state.unit_hold
    for tag in tags:
        unit_loc[tag] = location_id
        unit_hold[tag] = holding
    if condition is not None:
        unit_cond = state.unit_cond
        for tag in tags:
            unit_cond[tag] = condition


def _new_units(
    state: State, item: ItemType, tags: tuple[str, ...], day: pendulum.Date, value: Money
) -> None:
    for tag in tags:
        state.units[tag] = AssetUnit(
            tag=tag,
            item_id=item.item_id,
            name=item.name,
            description=f"{item.name} {tag}",
            category=item.category,
            original_value=value,
            acquired_on=day,
        )
        state.unit_cond[tag] = _GOOD


def _count_hazard(state: State, event: Issued | Exchanged, holder_id: str) -> None:
    key = (event.item_id, holder_id, state.policy.hazard.period.start(event.effective_on))
    state.hazard[key] = state.hazard.get(key, 0) + event.quantity


# ---------------------------------------------------------------- registration


@_folds(ItemRegistered)
def _item_registered(state: State, event: ItemRegistered) -> None:
    state.items[event.item.item_id] = event.item


@_folds(PlaceRegistered)
def _place_registered(state: State, event: PlaceRegistered) -> None:
    place = event.place
    state.places[place.place_id] = place
    state.locations.add(place.place_id)
    if place.kind is PlaceKind.STOREROOM:
        state.stores.add(place.place_id)


@_folds(HolderRegistered)
def _holder_registered(state: State, event: HolderRegistered) -> None:
    holder = event.holder
    state.holders[holder.holder_id] = holder
    state.locations.add(holder.holder_id)


@_folds(CustodianAssigned)
def _custodian_assigned(state: State, event: CustodianAssigned) -> None:
    if event.for_item:
        item = state.items[event.subject_id]
        state.items[item.item_id] = attrs.evolve(item, custodian_id=event.custodian_id)
    else:
        place = state.places[event.subject_id]
        state.places[event.subject_id] = attrs.evolve(place, custodian_id=event.custodian_id)


# ---------------------------------------------------------------- movements


@_folds(Received)
def _received(state: State, event: Received) -> None:
    item_id = event.item_id
    key = (event.place_id, item_id)
    avail = state.avail
    avail[key] = avail.get(key, 0) + event.quantity
    state.received[item_id] = state.received.get(item_id, 0) + event.quantity
    if event.tags:
        _new_units(state, state.items[item_id], event.tags, event.effective_on, event.unit_cost)
        _move_tags(state, event.tags, event.place_id, _AVAILABLE)


@_folds(Issued)
def _issued(state: State, event: Issued) -> None:
    item_id = event.item_id
    source = (event.from_place, item_id)
    target = (event.to_location, item_id)
    quantity = event.quantity
    avail = state.avail
    avail[source] -= quantity
    avail[target] = avail.get(target, 0) + quantity
    if event.tags:
        _move_tags(state, event.tags, event.to_location, _AVAILABLE)
    if state.items[item_id].hazardous:
        _count_hazard(state, event, event.to_location)


@_folds(Exchanged)
def _exchanged(state: State, event: Exchanged) -> None:
    item_id = event.item_id
    holder_id = event.holder_id
    store_id = event.store_id
    quantity = event.quantity
    lost = event.lost_quantity
    store_key = (store_id, item_id)
    state.avail[store_key] -= quantity
    back = quantity - lost
    if back:
        pool = state.pool
        pool[store_key] = pool.get(store_key, 0) + back
    if lost:
        state.shortage[item_id] = state.shortage.get(item_id, 0) + lost
    if state.items[item_id].hazardous:
        _count_hazard(state, event, holder_id)
    if event.new_tags:
        _move_tags(state, event.old_tags, store_id, _RETURNED, event.condition)
        _move_tags(state, event.lost_tags, "", _GONE)
        _move_tags(state, event.new_tags, holder_id, _AVAILABLE)


@_folds(Returned)
def _returned(state: State, event: Returned) -> None:
    item_id = event.item_id
    quantity = event.quantity
    avail = state.avail
    to_stock = event.condition is _GOOD and state.policy.hand_back.good_returns_to_stock
    target_table = avail if to_stock else state.pool
    target = (event.store_id, item_id)
    avail[(event.holder_id, item_id)] -= quantity
    target_table[target] = target_table.get(target, 0) + quantity
    if event.tags:
        holding = _AVAILABLE if to_stock else _RETURNED
        _move_tags(state, event.tags, event.store_id, holding, event.condition)


@_folds(Lent)
def _lent(state: State, event: Lent) -> None:
    item_id = event.item_id
    quantity = event.quantity
    state.loans[event.loan_id] = event
    state.avail[(event.from_place, item_id)] -= quantity
    target = (event.borrower_id, item_id)
    loaned = state.loaned
    loaned[target] = loaned.get(target, 0) + quantity
    state.open_loans[event.loan_id] = event
    if event.tags:
        _move_tags(state, event.tags, event.borrower_id, _ON_LOAN)


@_folds(LoanReturned)
def _loan_returned(state: State, event: LoanReturned) -> None:
    loan = state.open_loans.pop(event.loan_id)
    item_id = loan.item_id
    state.loaned[(loan.borrower_id, item_id)] -= loan.quantity
    target = (loan.from_place, item_id)
    state.avail[target] = state.avail.get(target, 0) + loan.quantity
    state.loan_returns.append((event.loan_id, event.effective_on))
    if loan.tags:
        _move_tags(state, loan.tags, loan.from_place, _AVAILABLE, event.condition)


@_folds(Transferred)
def _transferred(state: State, event: Transferred) -> None:
    item_id = event.item_id
    target = (event.to_location, item_id)
    avail = state.avail
    avail[(event.from_location, item_id)] -= event.quantity
    avail[target] = avail.get(target, 0) + event.quantity
    if event.tags:
        _move_tags(state, event.tags, event.to_location, _AVAILABLE)


@_folds(DamageReported)
def _damage_reported(state: State, event: DamageReported) -> None:
    for tag in event.tags:
        state.unit_cond[tag] = event.condition


@_folds(SentToRepair)
def _sent_to_repair(state: State, event: SentToRepair) -> None:
    key = (event.location_id, event.item_id)
    source_table = state.pool if event.from_pool else state.avail
    source_table[key] -= event.quantity
    state.repair[key] = state.repair.get(key, 0) + event.quantity
    if event.tags:
        _move_tags(state, event.tags, event.location_id, _IN_REPAIR)


@_folds(Repaired)
def _repaired(state: State, event: Repaired) -> None:
    key = (event.location_id, event.item_id)
    state.repair[key] -= event.quantity
    state.avail[key] = state.avail.get(key, 0) + event.quantity
    if event.tags:
        _move_tags(state, event.tags, event.location_id, _AVAILABLE, _GOOD)


@_folds(Restocked)
def _restocked(state: State, event: Restocked) -> None:
    key = (event.store_id, event.item_id)
    state.pool[key] -= event.quantity
    state.avail[key] = state.avail.get(key, 0) + event.quantity
    if event.tags:
        _move_tags(state, event.tags, event.store_id, _AVAILABLE)


@_folds(Disposed)
def _disposed(state: State, event: Disposed) -> None:
    key = (event.store_id, event.item_id)
    source_table = state.pool if event.from_pool else state.avail
    source_table[key] -= event.quantity
    state.disposed[event.item_id] = state.disposed.get(event.item_id, 0) + event.quantity
    if event.tags:
        _move_tags(state, event.tags, "", _GONE)


@_folds(StockTakePosted)
def _stock_take_posted(state: State, event: StockTakePosted) -> None:
    place_id = event.place_id
    avail = state.avail
    for line in event.lines:
        item_id = line.item_id
        key = (place_id, item_id)
        avail[key] = avail.get(key, 0) + line.surplus - line.shortage
        state.surplus[item_id] = state.surplus.get(item_id, 0) + line.surplus
        state.shortage[item_id] = state.shortage.get(item_id, 0) + line.shortage
        if line.surplus_tags:
            item = state.items[item_id]
            _new_units(state, item, line.surplus_tags, event.effective_on, line.unit_value)
            _move_tags(state, line.surplus_tags, place_id, _AVAILABLE)
        _move_tags(state, line.shortage_tags, "", _GONE)
    state.counts[event.count_id] = event
    state.decisions[event.count_id] = Decision.PENDING


@_folds(AdjustmentDecided)
def _adjustment_decided(state: State, event: AdjustmentDecided) -> None:
    state.decisions[event.count_id] = event.decision


@_folds(MonthClosed)
def _month_closed(state: State, event: MonthClosed) -> None:
    state.closed_month = (event.year, event.month)
    state.closed_through = event.effective_on


class Checkpoint:
    """The state after the first ``position`` events in effective order (internal).

    The tables are copied, except the two append-only histories, of which only
    the lengths are kept: every state folded later from the same prefix holds
    the same first entries there, so `restore` takes them from the live state.
    """

    __slots__ = ("loans", "position", "returns", "state")

    def __init__(self, position: int, state: State) -> None:
        self.position = position
        self.state = state.copy(history=False)
        self.loans = len(state.loans)
        self.returns = len(state.loan_returns)

    def restore(self, live: State) -> State:
        """A fresh state equal to the one checkpointed; ``live`` lends the histories."""
        state = self.state.copy(history=False)
        state.loans = dict(islice(live.loans.items(), self.loans))
        state.loan_returns = live.loan_returns[: self.returns]
        return state


FOLDS: Final[Mapping[type, Fold]] = _FOLDS
"""The fold function of each event type (every type of ``EVENT_TYPES`` has one)."""
