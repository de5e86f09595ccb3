"""The ledger's state and the fold of events into it (the hot path).

Each event type has one handler ``(event, check)``. With ``check`` true the
handler first validates the event against the current state and raises a typed
error before touching anything; only then does it mutate. Quantities live in
plain dicts keyed by ``(location, item)``, one dict per holding, so applying an
event is a handful of dict operations and never copies state.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pendulum

from schoollogistics.assets._events import (
    AdjustmentDecided,
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
from schoollogistics.assets._policy import (
    LedgerPolicy,
)
from schoollogistics.assets._records import (
    AssetUnit,
    Condition,
    Decision,
    Holding,
    ItemKind,
    ItemType,
    PlaceKind,
)
from schoollogistics.assets.errors import (
    AlreadyDecidedError,
    ApproverRequiredError,
    CustodianRequiredError,
    DisposalSourceError,
    DuplicateIdError,
    DuplicateTagError,
    ExchangeRequiredError,
    HazardCustodianError,
    HazardLimitError,
    InitialAllocationRefusedError,
    InsufficientStockError,
    InvalidCategoryError,
    InvalidDueDateError,
    InvalidQuantityError,
    LoanClosedError,
    MonthClosedError,
    MonthSequenceError,
    NotAHolderError,
    NotAStoreroomError,
    NothingToExchangeError,
    SourceRequiredError,
    TagsMismatchError,
    UnitNotHereError,
    UnitNotServiceableError,
    UnknownCountError,
    UnknownItemError,
    UnknownLoanError,
    UnknownLocationError,
    UnknownUnitError,
)
from schoollogistics.core.categories import AssetCategory

Key = tuple[str, str]

_AVAILABLE = Holding.AVAILABLE
_RETURNED = Holding.RETURNED
_ON_LOAN = Holding.ON_LOAN
_IN_REPAIR = Holding.IN_REPAIR
_GONE = Holding.GONE
_GOOD = Condition.GOOD
_SERVICEABLE = frozenset({Condition.GOOD, Condition.WORN})
_EARLIEST = pendulum.Date(1, 1, 1)


def require_approver(operation: str, approver: object, recorded_by: str, *, distinct: bool) -> None:
    """Refuse a blank approver, or the recorder approving their own entry when ``distinct``."""
    if not isinstance(approver, str) or not approver.strip():
        raise ApproverRequiredError(operation=operation, detail="")
    if distinct and approver == recorded_by:
        raise ApproverRequiredError(
            operation=operation,
            detail=f" other than the recorder {recorded_by!r} / 审批人须非登记人",
        )


def consumable_tagged(item_id: str) -> TagsMismatchError:
    """The refusal of tags given for a consumable (it has none)."""
    return TagsMismatchError(
        item_id=item_id, reason="a consumable has no tags / 低值易耗品无资产标签"
    )


class State:
    """The mutable state folded from events (internal; the ledger guards it)."""

    __slots__ = (
        "avail",
        "closed_month",
        "closed_through",
        "counts",
        "decisions",
        "disposed",
        "handlers",
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
        self.places: dict[str, Any] = {}
        self.holders: dict[str, Any] = {}
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
        self.handlers: dict[type, Callable[[Any, bool], None]] = {
            ItemRegistered: self._item_registered,
            PlaceRegistered: self._place_registered,
            HolderRegistered: self._holder_registered,
            CustodianAssigned: self._custodian_assigned,
            Received: self._received,
            Issued: self._issued,
            Exchanged: self._exchanged,
            Returned: self._returned,
            Lent: self._lent,
            LoanReturned: self._loan_returned,
            Transferred: self._transferred,
            DamageReported: self._damage_reported,
            SentToRepair: self._sent_to_repair,
            Repaired: self._repaired,
            Restocked: self._restocked,
            Disposed: self._disposed,
            StockTakePosted: self._stock_take_posted,
            AdjustmentDecided: self._adjustment_decided,
            MonthClosed: self._month_closed,
        }

    # ------------------------------------------------------------ folding

    def apply(self, event: Any, *, check: bool) -> None:
        """Validate (when ``check``) and apply one event."""
        self.handlers[type(event)](event, check)
        day = event.effective_on
        last = self.last_date
        if last is None or day > last:
            self.last_date = day

    def fold_log(self, log: Any, *, check: bool) -> bool:
        """Fold a log in recording order if it is also in effective order (one pass).

        Returns ``False`` as soon as an event is dated before the previous one (the
        caller then sorts and refolds a fresh state). An event recorded after a month
        close and dated in the closed month is refused (AS-8).
        """
        handlers = self.handlers
        previous = closed = _EARLIEST
        for event in log:
            day = event.effective_on
            if day < previous:
                return False
            if day <= closed:
                raise MonthClosedError(day=day, closed_through=closed)
            kind = type(event)
            handlers[kind](event, check)
            if kind is MonthClosed:
                closed = day
            previous = day
        if log:
            self.last_date = previous
        return True

    def fold(self, events: Any, *, check: bool) -> None:
        """Apply events already in effective order."""
        handlers = self.handlers
        for event in events:
            handlers[type(event)](event, check)
        if events:
            last = events[-1].effective_on
            self.last_date = max(last, self.last_date or last)

    # ------------------------------------------------------------ shared checks

    def _item(self, item_id: str) -> ItemType:
        item = self.items.get(item_id)
        if item is None:
            raise UnknownItemError(item_id=item_id)
        return item

    def _store(self, place_id: str, field: str) -> None:
        if place_id not in self.stores:
            if place_id not in self.locations:
                raise UnknownLocationError(field=field, location_id=place_id)
            raise NotAStoreroomError(field=field, location_id=place_id)

    def _location(self, location_id: str, field: str) -> None:
        if location_id not in self.locations:
            raise UnknownLocationError(field=field, location_id=location_id)

    def _quantity(self, quantity: object, field: str = "quantity") -> None:
        if type(quantity) is not int or quantity <= 0:  # exactly int: bool is refused
            raise InvalidQuantityError(field=field, value=quantity)

    def _enough(
        self,
        table: dict[Key, int],
        key: Key,
        quantity: int,
        holding: Holding,
        day: pendulum.Date,
    ) -> None:
        available = table.get(key, 0)
        if available < quantity:
            raise InsufficientStockError(
                item_id=key[1],
                location_id=key[0],
                holding=holding.value,
                available=available,
                requested=quantity,
                day=day,
            )

    def _tags(
        self,
        item: ItemType,
        tags: tuple[str, ...],
        quantity: int,
        location_id: str,
        holding: Holding,
        *,
        serviceable: bool = False,
    ) -> None:
        """Tags: required and matching for a tracked item, absent for a consumable."""
        if item.kind is not ItemKind.FIXED_ASSET:
            if tags:
                raise consumable_tagged(item.item_id)
            return
        if len(tags) != quantity or len(set(tags)) != quantity:
            raise TagsMismatchError(
                item_id=item.item_id,
                reason=f"{quantity} distinct tag(s) needed, got {list(tags)} / 标签须与数量一致",
            )
        for tag in tags:
            self._unit_at(item, tag, location_id, holding)
            if serviceable and self.unit_cond[tag] not in _SERVICEABLE:
                raise UnitNotServiceableError(tag=tag, condition=self.unit_cond[tag].value)

    def _unit_at(self, item: ItemType, tag: str, location_id: str, holding: Holding) -> None:
        unit = self.units.get(tag)
        if unit is None:
            raise UnknownUnitError(tag=tag)
        where = self.unit_loc[tag]
        state = self.unit_hold[tag]
        if unit.item_id != item.item_id or where != location_id or state is not holding:
            raise UnitNotHereError(
                tag=tag,
                expected=holding.value,
                location_id=location_id,
                actual=f"{unit.item_id} {state.value} at {where!r}",
            )

    def _new_tags(self, item: ItemType, tags: tuple[str, ...], quantity: int) -> None:
        if item.kind is not ItemKind.FIXED_ASSET:
            if tags:
                raise consumable_tagged(item.item_id)
            return
        if len(tags) != quantity or len(set(tags)) != quantity:
            raise TagsMismatchError(
                item_id=item.item_id,
                reason=f"{quantity} distinct new tag(s) needed / 须为每件新资产提供不同标签",
            )
        for tag in tags:
            if not tag.strip():
                raise TagsMismatchError(item_id=item.item_id, reason="blank tag / 标签为空")
            if tag in self.units:
                raise DuplicateTagError(tag=tag)

    def _move_tags(
        self,
        tags: tuple[str, ...],
        location_id: str,
        holding: Holding,
        condition: Condition | None = None,
    ) -> None:
        unit_loc = self.unit_loc
        unit_hold = self.unit_hold
        for tag in tags:
            unit_loc[tag] = location_id
            unit_hold[tag] = holding
        if condition is not None:
            unit_cond = self.unit_cond
            for tag in tags:
                unit_cond[tag] = condition

    def _new_units(self, item: ItemType, tags: tuple[str, ...], event: Any, value: Any) -> None:
        for tag in tags:
            self.units[tag] = AssetUnit(
                tag=tag,
                item_id=item.item_id,
                name=item.name,
                description=f"{item.name} {tag}",
                category=item.category,
                original_value=value,
                acquired_on=event.effective_on,
            )
            self.unit_cond[tag] = _GOOD

    # ------------------------------------------------------------ registration

    def _fresh_location(self, location_id: str, kind: str) -> None:
        if not location_id.strip():
            raise UnknownLocationError(field=kind, location_id=location_id)
        if location_id in self.locations:
            raise DuplicateIdError(kind=kind, value=location_id)

    def _item_registered(self, event: ItemRegistered, check: bool) -> None:  # noqa: FBT001 - hot path
        item = event.item
        if check:
            if not item.item_id.strip():
                raise UnknownItemError(item_id=item.item_id)
            if item.item_id in self.items:
                raise DuplicateIdError(kind="item", value=item.item_id)
            is_consumables = item.category is AssetCategory.CONSUMABLES
            if item.tracked and is_consumables:
                raise InvalidCategoryError(
                    item_id=item.item_id,
                    reason="a fixed asset needs a depreciation category / 固定资产须有折旧类别",
                )
            if not item.tracked and not is_consumables:
                raise InvalidCategoryError(
                    item_id=item.item_id,
                    reason="inventory below the threshold is filed as consumables / "
                    "低值易耗品归入低值易耗品类",
                )
            if item.hazardous and not item.custodian_id:
                raise CustodianRequiredError(item_id=item.item_id)
            if item.issue_limit is not None:
                self._quantity(item.issue_limit, "issue_limit")
        self.items[item.item_id] = item

    def _place_registered(self, event: PlaceRegistered, check: bool) -> None:  # noqa: FBT001 - hot path
        place = event.place
        if check:
            self._fresh_location(place.place_id, "place")
        self.places[place.place_id] = place
        self.locations.add(place.place_id)
        if place.kind is PlaceKind.STOREROOM:
            self.stores.add(place.place_id)

    def _holder_registered(self, event: HolderRegistered, check: bool) -> None:  # noqa: FBT001 - hot path
        holder = event.holder
        if check:
            self._fresh_location(holder.holder_id, "holder")
        self.holders[holder.holder_id] = holder
        self.locations.add(holder.holder_id)

    def _custodian_assigned(self, event: CustodianAssigned, check: bool) -> None:  # noqa: FBT001 - hot path
        if event.for_item:
            item = self._item(event.subject_id)
            self.items[item.item_id] = attrs.evolve(item, custodian_id=event.custodian_id)
        else:
            place = self.places.get(event.subject_id)
            if place is None:
                raise UnknownLocationError(field="place", location_id=event.subject_id)
            self.places[event.subject_id] = attrs.evolve(place, custodian_id=event.custodian_id)
        del check  # nothing else to validate: lookups above refuse unknown subjects

    # ------------------------------------------------------------ movements

    def _received(self, event: Received, check: bool) -> None:  # noqa: FBT001 - hot path
        item_id = event.item_id
        place_id = event.place_id
        quantity = event.quantity
        if check:
            item = self._item(item_id)
            self._store(place_id, "place_id")
            self._quantity(quantity)
            if event.unit_cost.is_negative():
                raise InvalidQuantityError(field="unit_cost", value=str(event.unit_cost))
            if not (event.supplier.strip() or event.invoice_ref.strip()):
                raise SourceRequiredError(item_id=item_id)
            self._new_tags(item, event.tags, quantity)
        key = (place_id, item_id)
        avail = self.avail
        avail[key] = avail.get(key, 0) + quantity
        self.received[item_id] = self.received.get(item_id, 0) + quantity
        if event.tags:
            self._new_units(self.items[item_id], event.tags, event, event.unit_cost)
            self._move_tags(event.tags, place_id, _AVAILABLE)

    def _issued(self, event: Issued, check: bool) -> None:  # noqa: FBT001 - hot path
        item_id = event.item_id
        source = (event.from_place, item_id)
        target = (event.to_location, item_id)
        quantity = event.quantity
        avail = self.avail
        if check:
            item = self._item(item_id)
            self._store(event.from_place, "from_place")
            self._location(event.to_location, "to_location")
            self._quantity(quantity)
            self._tags(item, event.tags, quantity, event.from_place, _AVAILABLE, serviceable=True)
            self._enough(avail, source, quantity, _AVAILABLE, event.effective_on)
            if item.exchange_rule:
                held = avail.get(target, 0)
                if not event.initial_allocation:
                    raise ExchangeRequiredError(item_id=item_id)
                if held and self.policy.exchange.initial_only_when_empty:
                    raise InitialAllocationRefusedError(
                        holder_id=event.to_location, item_id=item_id, held=held
                    )
            if item.hazardous:
                self._check_hazard(item, event, event.to_location)
        avail[source] -= quantity
        avail[target] = avail.get(target, 0) + quantity
        if event.tags:
            self._move_tags(event.tags, event.to_location, _AVAILABLE)
        if self.items[item_id].hazardous:
            self._count_hazard(event, event.to_location)

    def _check_hazard(self, item: ItemType, event: Issued | Exchanged, holder_id: str) -> None:
        """AS-9: only the custodian hands hazardous units out, within the limit per period."""
        policy = self.policy.hazard
        if policy.custodian_issues_only and event.recorded_by != item.custodian_id:
            raise HazardCustodianError(
                item_id=item.item_id, custodian_id=item.custodian_id, actor=event.recorded_by
            )
        if item.issue_limit is not None:
            start = policy.period.start(event.effective_on)
            total = self.hazard.get((item.item_id, holder_id, start), 0) + event.quantity
            if total > item.issue_limit:
                raise HazardLimitError(
                    holder_id=holder_id,
                    item_id=item.item_id,
                    total=total,
                    limit=item.issue_limit,
                    period_start=start,
                )

    def _count_hazard(self, event: Issued | Exchanged, holder_id: str) -> None:
        key = (event.item_id, holder_id, self.policy.hazard.period.start(event.effective_on))
        self.hazard[key] = self.hazard.get(key, 0) + event.quantity

    def _exchanged(self, event: Exchanged, check: bool) -> None:  # noqa: FBT001 - hot path
        item_id = event.item_id
        holder_id = event.holder_id
        store_id = event.store_id
        quantity = event.quantity
        lost = event.lost_quantity
        avail = self.avail
        store_key = (store_id, item_id)
        if check:
            item = self._item(item_id)
            self._store(store_id, "store_id")
            self._location(holder_id, "holder_id")
            if holder_id in self.stores:
                raise NotAHolderError(field="holder_id", location_id=holder_id)
            self._quantity(quantity)
            if type(lost) is not int or not 0 <= lost <= quantity:
                raise InvalidQuantityError(field="lost_quantity", value=lost)
            if item.tracked:
                self._tags(item, event.old_tags, quantity - lost, holder_id, _AVAILABLE)
                self._tags(item, event.lost_tags, lost, holder_id, _AVAILABLE)
                if set(event.old_tags) & set(event.lost_tags):
                    raise TagsMismatchError(
                        item_id=item_id, reason="a tag both handed back and lost / 标签重复"
                    )
            else:
                self._tags(item, event.old_tags + event.lost_tags, 0, holder_id, _AVAILABLE)
            self._tags(item, event.new_tags, quantity, store_id, _AVAILABLE, serviceable=True)
            held = avail.get((holder_id, item_id), 0)
            if held < quantity:
                raise NothingToExchangeError(
                    holder_id=holder_id, item_id=item_id, held=held, requested=quantity
                )
            self._enough(avail, store_key, quantity, _AVAILABLE, event.effective_on)
            if item.hazardous:  # new units handed out count as issues (AS-9)
                self._check_hazard(item, event, holder_id)
        avail[store_key] -= quantity
        back = quantity - lost
        if back:
            pool = self.pool
            pool[store_key] = pool.get(store_key, 0) + back
        if lost:
            self.shortage[item_id] = self.shortage.get(item_id, 0) + lost
        if self.items[item_id].hazardous:
            self._count_hazard(event, holder_id)
        if event.new_tags:
            self._move_tags(event.old_tags, store_id, _RETURNED, event.condition)
            self._move_tags(event.lost_tags, "", _GONE)
            self._move_tags(event.new_tags, holder_id, _AVAILABLE)

    def _returned(self, event: Returned, check: bool) -> None:  # noqa: FBT001 - hot path
        item_id = event.item_id
        source = (event.holder_id, item_id)
        quantity = event.quantity
        avail = self.avail
        if check:
            item = self._item(item_id)
            self._store(event.store_id, "store_id")
            self._location(event.holder_id, "holder_id")
            self._quantity(quantity)
            self._tags(item, event.tags, quantity, event.holder_id, _AVAILABLE)
            self._enough(avail, source, quantity, _AVAILABLE, event.effective_on)
        to_stock = event.condition is _GOOD and self.policy.hand_back.good_returns_to_stock
        target_table = avail if to_stock else self.pool
        target = (event.store_id, item_id)
        avail[source] -= quantity
        target_table[target] = target_table.get(target, 0) + quantity
        if event.tags:
            self._move_tags(
                event.tags, event.store_id, _AVAILABLE if to_stock else _RETURNED, event.condition
            )

    def _lent(self, event: Lent, check: bool) -> None:  # noqa: FBT001 - hot path
        item_id = event.item_id
        source = (event.from_place, item_id)
        quantity = event.quantity
        avail = self.avail
        if check:
            item = self._item(item_id)
            if event.from_place not in self.places:
                raise UnknownLocationError(field="from_place", location_id=event.from_place)
            if event.borrower_id not in self.holders:
                raise NotAHolderError(field="borrower_id", location_id=event.borrower_id)
            self._quantity(quantity)
            if event.due_on < event.effective_on:
                raise InvalidDueDateError(due_on=event.due_on, lent_on=event.effective_on)
            self._tags(item, event.tags, quantity, event.from_place, _AVAILABLE, serviceable=True)
            self._enough(avail, source, quantity, _AVAILABLE, event.effective_on)
            # The last check is the one look-up in the table of every loan ever made,
            # which grows with the log: it inserts the loan unless the id is taken
            # (nothing else has been touched yet).
            if self.loans.setdefault(event.loan_id, event) is not event:
                raise DuplicateIdError(kind="loan", value=event.loan_id)
        else:
            self.loans[event.loan_id] = event
        target = (event.borrower_id, item_id)
        avail[source] -= quantity
        loaned = self.loaned
        loaned[target] = loaned.get(target, 0) + quantity
        self.open_loans[event.loan_id] = event
        if event.tags:
            self._move_tags(event.tags, event.borrower_id, _ON_LOAN)

    def _loan_returned(self, event: LoanReturned, check: bool) -> None:  # noqa: FBT001 - hot path
        # Open loans are few: the return is looked up there, not among every loan.
        loan = self.open_loans.pop(event.loan_id, None)
        if loan is None:
            loan = self.loans.get(event.loan_id)
            if loan is None:
                raise UnknownLoanError(loan_id=event.loan_id)
            if check:
                raise LoanClosedError(loan_id=event.loan_id)
        item_id = loan.item_id
        self.loaned[(loan.borrower_id, item_id)] -= loan.quantity
        target = (loan.from_place, item_id)
        self.avail[target] = self.avail.get(target, 0) + loan.quantity
        self.loan_returns.append((event.loan_id, event.effective_on))
        if loan.tags:
            self._move_tags(loan.tags, loan.from_place, _AVAILABLE, event.condition)

    def _transferred(self, event: Transferred, check: bool) -> None:  # noqa: FBT001 - hot path
        item_id = event.item_id
        source = (event.from_location, item_id)
        target = (event.to_location, item_id)
        quantity = event.quantity
        avail = self.avail
        if check:
            item = self._item(item_id)
            self._location(event.from_location, "from_location")
            self._location(event.to_location, "to_location")
            if event.from_location == event.to_location:
                raise UnknownLocationError(
                    field="to_location (same as from_location)", location_id=event.to_location
                )
            self._quantity(quantity)
            self._tags(item, event.tags, quantity, event.from_location, _AVAILABLE)
            self._enough(avail, source, quantity, _AVAILABLE, event.effective_on)
        avail[source] -= quantity
        avail[target] = avail.get(target, 0) + quantity
        if event.tags:
            self._move_tags(event.tags, event.to_location, _AVAILABLE)

    def _damage_reported(self, event: DamageReported, check: bool) -> None:  # noqa: FBT001 - hot path
        if check:
            item = self._item(event.item_id)
            self._location(event.location_id, "location_id")
            self._quantity(event.quantity)
            self._tags(item, event.tags, event.quantity, event.location_id, _AVAILABLE)
            key = (event.location_id, event.item_id)
            self._enough(self.avail, key, event.quantity, _AVAILABLE, event.effective_on)
        for tag in event.tags:
            self.unit_cond[tag] = event.condition

    def _sent_to_repair(self, event: SentToRepair, check: bool) -> None:  # noqa: FBT001 - hot path
        key = (event.location_id, event.item_id)
        source_table = self.pool if event.from_pool else self.avail
        holding = _RETURNED if event.from_pool else _AVAILABLE
        if check:
            item = self._item(event.item_id)
            if event.from_pool:
                self._store(event.location_id, "location_id")
            else:
                self._location(event.location_id, "location_id")
            self._quantity(event.quantity)
            self._tags(item, event.tags, event.quantity, event.location_id, holding)
            self._enough(source_table, key, event.quantity, holding, event.effective_on)
        source_table[key] -= event.quantity
        self.repair[key] = self.repair.get(key, 0) + event.quantity
        if event.tags:
            self._move_tags(event.tags, event.location_id, _IN_REPAIR)

    def _repaired(self, event: Repaired, check: bool) -> None:  # noqa: FBT001 - hot path
        key = (event.location_id, event.item_id)
        if check:
            item = self._item(event.item_id)
            self._location(event.location_id, "location_id")
            self._quantity(event.quantity)
            if event.cost.is_negative():
                raise InvalidQuantityError(field="cost", value=str(event.cost))
            self._tags(item, event.tags, event.quantity, event.location_id, _IN_REPAIR)
            self._enough(self.repair, key, event.quantity, _IN_REPAIR, event.effective_on)
        self.repair[key] -= event.quantity
        self.avail[key] = self.avail.get(key, 0) + event.quantity
        if event.tags:
            self._move_tags(event.tags, event.location_id, _AVAILABLE, _GOOD)

    def _restocked(self, event: Restocked, check: bool) -> None:  # noqa: FBT001 - hot path
        key = (event.store_id, event.item_id)
        if check:
            item = self._item(event.item_id)
            self._store(event.store_id, "store_id")
            self._quantity(event.quantity)
            self._tags(item, event.tags, event.quantity, event.store_id, _RETURNED)
            self._enough(self.pool, key, event.quantity, _RETURNED, event.effective_on)
        self.pool[key] -= event.quantity
        self.avail[key] = self.avail.get(key, 0) + event.quantity
        if event.tags:
            self._move_tags(event.tags, event.store_id, _AVAILABLE)

    def _disposed(self, event: Disposed, check: bool) -> None:  # noqa: FBT001 - hot path
        key = (event.store_id, event.item_id)
        source_table = self.pool if event.from_pool else self.avail
        holding = _RETURNED if event.from_pool else _AVAILABLE
        if check:
            item = self._item(event.item_id)
            if event.store_id not in self.stores:
                raise DisposalSourceError(
                    reason=f"{event.store_id!r} is not a storeroom / 不是库房"
                )
            require_approver(
                "disposal / 报废",
                event.approver,
                event.recorded_by,
                distinct=self.policy.disposal.approver_distinct,
            )
            self._quantity(event.quantity)
            self._tags(item, event.tags, event.quantity, event.store_id, holding)
            self._enough(source_table, key, event.quantity, holding, event.effective_on)
        source_table[key] -= event.quantity
        self.disposed[event.item_id] = self.disposed.get(event.item_id, 0) + event.quantity
        if event.tags:
            self._move_tags(event.tags, "", _GONE)

    def _stock_take_posted(self, event: StockTakePosted, check: bool) -> None:  # noqa: FBT001 - hot path
        place_id = event.place_id
        if check:
            if event.count_id in self.counts:
                raise DuplicateIdError(kind="stock-take", value=event.count_id)
            self._location(place_id, "place_id")
            if place_id not in self.places:
                raise UnknownLocationError(field="place_id", location_id=place_id)
            require_approver(
                "stock-take posting / 盘点调账",
                event.approver,
                event.recorded_by,
                distinct=self.policy.stock_take.approver_distinct,
            )
            seen: set[str] = set()
            new_tags: set[str] = set()
            for line in event.lines:
                item = self._item(line.item_id)
                if line.item_id in seen:
                    raise DuplicateIdError(kind="adjustment line item", value=line.item_id)
                seen.add(line.item_id)
                if new_tags.intersection(line.surplus_tags):
                    raise DuplicateTagError(tag=min(new_tags.intersection(line.surplus_tags)))
                new_tags.update(line.surplus_tags)
                for field, value in (("surplus", line.surplus), ("shortage", line.shortage)):
                    if type(value) is not int or value < 0:
                        raise InvalidQuantityError(field=field, value=value)
                self._new_tags(item, line.surplus_tags, line.surplus)
                self._tags(item, line.shortage_tags, line.shortage, place_id, _AVAILABLE)
                key = (place_id, line.item_id)
                self._enough(self.avail, key, line.shortage, _AVAILABLE, event.effective_on)
        avail = self.avail
        for line in event.lines:
            item_id = line.item_id
            key = (place_id, item_id)
            avail[key] = avail.get(key, 0) + line.surplus - line.shortage
            self.surplus[item_id] = self.surplus.get(item_id, 0) + line.surplus
            self.shortage[item_id] = self.shortage.get(item_id, 0) + line.shortage
            if line.surplus_tags:
                self._new_units(self.items[item_id], line.surplus_tags, event, line.unit_value)
                self._move_tags(line.surplus_tags, place_id, _AVAILABLE)
            self._move_tags(line.shortage_tags, "", _GONE)
        self.counts[event.count_id] = event
        self.decisions[event.count_id] = Decision.PENDING

    def _adjustment_decided(self, event: AdjustmentDecided, check: bool) -> None:  # noqa: FBT001 - hot path
        if check:
            current = self.decisions.get(event.count_id)
            if current is None:
                raise UnknownCountError(count_id=event.count_id)
            if current is not Decision.PENDING or event.decision is Decision.PENDING:
                raise AlreadyDecidedError(count_id=event.count_id)
            require_approver(
                "decision on pending adjustments / 待处理财产损溢处理",
                event.approver,
                event.recorded_by,
                distinct=False,
            )
        self.decisions[event.count_id] = event.decision

    def _month_closed(self, event: MonthClosed, check: bool) -> None:  # noqa: FBT001 - hot path
        if check:
            month = (event.year, event.month)
            closed = self.closed_month
            if closed is not None:
                if month <= closed:
                    raise MonthClosedError(
                        day=pendulum.Date(event.year, event.month, 1),
                        closed_through=self.closed_through,
                    )
                expected = (closed[0] + closed[1] // 12, closed[1] % 12 + 1)
                if self.policy.month_close.sequential and month != expected:
                    raise MonthSequenceError(
                        month=f"{month[0]}-{month[1]:02d}",
                        expected=f"{expected[0]}-{expected[1]:02d}",
                    )
        self.closed_month = (event.year, event.month)
        self.closed_through = event.effective_on
