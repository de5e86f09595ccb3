"""The asset ledger (资产台账): commands, event log and queries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

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
from schoollogistics.assets._policy import (
    LedgerPolicy,
)
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
    ReconciliationLine,
    StockRow,
    StockTake,
    SummaryScope,
    TrailEntry,
    UnitPosition,
)
from schoollogistics.assets._reports import loss_reports, monthly_summary, movements, trail
from schoollogistics.assets._state import State, consumable_tagged
from schoollogistics.assets.errors import (
    DuplicateIdError,
    InvalidQuantityError,
    MonthClosedError,
    OldUnitMissingError,
    TagBookedElsewhereError,
    TagsMismatchError,
    UnknownItemError,
    UnknownLocationError,
    UnknownUnitError,
)
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.ids import require_id
from schoollogistics.core.money import Money, MoneyInput
from schoollogistics.core.time import as_date
from schoollogistics.core.violations import Severity, Violation
from schoollogistics.errors import InvalidArgumentError

__all__ = ["AssetLedger"]


def _effective(event: Any) -> pendulum.Date:
    return event.effective_on  # type: ignore[no-any-return]


def _tags(tags: Iterable[str], field: str = "tags") -> tuple[str, ...]:
    if isinstance(tags, str):
        raise InvalidArgumentError(field=field, reason="pass a sequence of tags, not one string")
    return tuple(require_id(tag, field=field) for tag in tags)


def _count(quantity: int | None, tags: tuple[str, ...], field: str = "quantity") -> int:
    if quantity is None:
        return len(tags) or 1
    if type(quantity) is not int or quantity <= 0:
        raise InvalidQuantityError(field=field, value=quantity)
    return quantity


def _money(value: MoneyInput, field: str) -> Money:
    money = value if isinstance(value, Money) else Money(value)
    if money.is_negative():
        raise InvalidQuantityError(field=field, value=str(money))
    return money


def _condition(value: object) -> Condition:
    if not isinstance(value, Condition):
        raise InvalidArgumentError(field="condition", reason=f"not a Condition: {value!r}")
    return value


def _text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidArgumentError(field=field, reason=f"expected text, got {type(value).__name__}")
    return value


class AssetLedger:
    """The asset ledger (资产台账): a mutable aggregate that validates before it changes.

    Every command validates fully against the current state, then appends one
    immutable event and applies it; a refused command raises an
    [`AssetError`][schoollogistics.errors.AssetError] subclass and changes nothing
    (the event log and [`snapshot`][schoollogistics.assets.AssetLedger.snapshot]
    stay identical). The state is the fold of the events in effective-date order
    (ties in recording order): ``AssetLedger.replay(ledger.events) == ledger``.

    Each command takes ``on`` (the effective date, a ``date``), ``by`` (who records
    it) and ``reason``. An entry dated before the latest effective date on the books
    (back-dated) is accepted when the whole history stays valid with it inserted at
    its date (the ledger refolds and checks every event: O(events), about 3 s for a
    million events; an entry in date order costs O(1)); one dated in a
    closed month is refused (AS-8).

    Rules: AS-1 (every receipt and issue registered), AS-2 (stock-take), AS-3
    (new-for-old), AS-4 (transfers, custodians), AS-5 (loans), AS-6 (hand-back
    check), AS-7 (lifecycle, disposal), AS-8 (monthly close), AS-9 (hazardous),
    AS-10 (threshold), AS-11 (no red figures).

    Args:
        policy: The rules' policies; defaults follow RULES.md.
    """

    __slots__ = ("_events", "_policy", "_state")

    def __init__(self, policy: LedgerPolicy | None = None) -> None:
        self._policy = policy if policy is not None else LedgerPolicy()
        self._state = State(self._policy)
        self._events: list[Any] = []

    # ------------------------------------------------------------ event log

    @classmethod
    def replay(
        cls,
        events: Iterable[AssetEvent],
        policy: LedgerPolicy | None = None,
        *,
        check: bool = True,
    ) -> AssetLedger:
        """Rebuild a ledger from its events (given in recording order).

        The events are folded in effective-date order (stable). With ``check``
        (default) every event is validated as when it was recorded, so a tampered
        log is refused with the same typed errors; ``check=False`` trusts the log.

        Raises:
            AssetError: an event is inconsistent with those before it, or is dated in
                a month closed before it was recorded (AS-8).
        """
        ledger = cls(policy)
        log = list(events)
        if not ledger._state.fold_log(log, check=check):
            _check_closed_months(log, [event.effective_on for event in log])
            ledger._state = State(ledger._policy)
            ledger._state.fold(sorted(log, key=_effective), check=check)
        ledger._events = log
        return ledger

    @property
    def events(self) -> tuple[AssetEvent, ...]:
        """Every accepted event, in recording order."""
        return tuple(self._events)

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

    __hash__ = None  # type: ignore[assignment]

    def as_of(self, day: object) -> AssetLedger:
        """The ledger as it stood at the end of ``day`` (events effective on or before it)."""
        until = as_date(day, field="day")
        ledger = AssetLedger(self._policy)
        ordered = self._ordered()
        kept = [event for event in ordered if event.effective_on <= until]
        ledger._state.fold(kept, check=False)
        ledger._events = [event for event in self._events if event.effective_on <= until]
        return ledger

    def _ordered(self) -> list[Any]:
        return sorted(self._events, key=_effective)

    def _accept(self, event: Any) -> Any:
        state = self._state
        day = event.effective_on
        closed = state.closed_through
        if closed is not None and day <= closed:
            raise MonthClosedError(day=day, closed_through=closed)
        if state.last_date is None or day >= state.last_date:
            state.apply(event, check=True)
        else:
            fresh = State(self._policy)
            fresh.fold(sorted([*self._events, event], key=_effective), check=True)
            self._state = fresh
        self._events.append(event)
        return event

    # ------------------------------------------------------------ registration

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
        exchange_rule: bool = False,
        hazardous: bool = False,
        custodian_id: str | None = None,
        issue_limit: int | None = None,
        on: object,
        by: str,
        reason: str = "",
    ) -> ItemRegistered:
        """Open the record (档案) of an item type (AS-1), classified by AS-10.

        Without ``kind``, the policy's threshold classifies the item by its unit
        cost: a fixed asset at or above it (needs a depreciation ``category``),
        a consumable below it (filed under ``CONSUMABLES``).

        Raises:
            DuplicateIdError: the id is taken.
            InvalidCategoryError: a fixed asset without a depreciation category.
            CustodianRequiredError: hazardous without a custodian (AS-9).
        """
        cost = _money(unit_cost, "unit_cost")
        if kind is None:
            kind = self._policy.threshold.classify(cost, lasts_over_a_year=lasts_over_a_year)
        if kind is ItemKind.CONSUMABLE and category is None:
            category = AssetCategory.CONSUMABLES
        if category is None:
            category = AssetCategory.CONSUMABLES  # refused below: fixed assets need one
        item = ItemType(
            item_id=require_id(item_id, field="item_id"),
            name=_text(name, "name"),
            category=category,
            unit=_text(unit, "unit"),
            kind=kind,
            unit_cost=cost,
            exchange_rule=bool(exchange_rule),
            hazardous=bool(hazardous),
            custodian_id=custodian_id,
            issue_limit=issue_limit,
        )
        return self._accept(ItemRegistered(item=item, **self._meta(on, by, reason)))  # type: ignore[no-any-return]

    def register_place(
        self,
        place_id: str,
        name: str,
        kind: PlaceKind,
        *,
        custodian_id: str | None = None,
        on: object,
        by: str,
        reason: str = "",
    ) -> PlaceRegistered:
        """Register a storeroom or room, with its custodian if known (AS-4)."""
        place = Place(
            require_id(place_id, field="place_id"), _text(name, "name"), kind, custodian_id
        )
        return self._accept(PlaceRegistered(place=place, **self._meta(on, by, reason)))  # type: ignore[no-any-return]

    def register_holder(
        self,
        holder_id: str,
        name: str,
        kind: HolderKind,
        *,
        on: object,
        by: str,
        reason: str = "",
    ) -> HolderRegistered:
        """Register a person or a class as a holder."""
        holder = Holder(require_id(holder_id, field="holder_id"), _text(name, "name"), kind)
        return self._accept(HolderRegistered(holder=holder, **self._meta(on, by, reason)))  # type: ignore[no-any-return]

    def assign_custodian(
        self,
        subject_id: str,
        custodian_id: str,
        *,
        for_item: bool = False,
        on: object,
        by: str,
        reason: str = "",
    ) -> CustodianAssigned:
        """Make someone answer for a place (or, with ``for_item``, an item type) (AS-4)."""
        event = CustodianAssigned(
            subject_id=require_id(subject_id, field="subject_id"),
            for_item=bool(for_item),
            custodian_id=require_id(custodian_id, field="custodian_id"),
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    # ------------------------------------------------------------ movements

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
        on: object,
        by: str,
        reason: str = "",
    ) -> Received:
        """Accept goods into a storeroom (入库, AS-1).

        The receipt names its acceptor (验收人) and its supplier or invoice reference
        (or both). A fixed asset needs one new tag per unit; each unit's original value is
        ``unit_cost`` (default: the item's) and its acquisition date ``on``.

        Raises:
            AssetError: unknown item (``assets.unknown_item``), not a storeroom,
                tags missing or already used.
        """
        tag_tuple = _tags(tags)
        count = _count(quantity, tag_tuple)
        if unit_cost is None:
            item = self._state.items.get(item_id)
            if item is None:
                raise UnknownItemError(item_id=item_id)
            cost = item.unit_cost
        else:
            cost = _money(unit_cost, "unit_cost")
        event = Received(
            item_id=item_id,
            place_id=place_id,
            quantity=count,
            unit_cost=cost,
            tags=tag_tuple,
            acceptor=require_id(acceptor, field="acceptor"),
            supplier=_text(supplier, "supplier"),
            invoice_ref=_text(invoice_ref, "invoice_ref"),
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def issue(
        self,
        item_id: str,
        from_place: str,
        to: str,
        quantity: int | None = None,
        *,
        tags: Iterable[str] = (),
        initial_allocation: bool = False,
        on: object,
        by: str,
        reason: str = "",
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
        tag_tuple = _tags(tags)
        event = Issued(
            item_id=item_id,
            from_place=from_place,
            to_location=to,
            quantity=_count(quantity, tag_tuple),
            tags=tag_tuple,
            initial_allocation=bool(initial_allocation),
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

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
        on: object,
        by: str,
        reason: str = "",
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
        old = _tags(old_tags, "old_tags")
        lost = _tags(lost_tags, "lost_tags")
        new = _tags(new_tags, "new_tags")
        count = _count(quantity, new or old + lost)
        if old or lost or new:
            back = len(old)
            if handed_back is not None and handed_back != back:
                raise TagsMismatchError(
                    item_id=item_id,
                    reason=f"handed_back={handed_back} but {back} old tag(s) / 交回数量与标签不符",
                )
        elif handed_back is None:
            back = count
        else:
            if isinstance(handed_back, bool) or not isinstance(handed_back, int):
                raise InvalidQuantityError(field="handed_back", value=handed_back)
            back = handed_back
        if not 0 <= back <= count:
            raise InvalidQuantityError(field="handed_back", value=back)
        missing = count - back
        if missing and not record_loss:
            raise OldUnitMissingError(item_id=item_id, missing=missing)
        event = Exchanged(
            item_id=item_id,
            holder_id=holder_id,
            store_id=store_id,
            quantity=count,
            old_tags=old,
            lost_tags=lost,
            lost_quantity=missing,
            new_tags=new,
            condition=_condition(condition),
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def hand_back(
        self,
        item_id: str,
        holder_id: str,
        store_id: str,
        quantity: int | None = None,
        *,
        condition: Condition,
        tags: Iterable[str] = (),
        on: object,
        by: str,
        reason: str = "",
    ) -> Returned:
        """Take units back from a holder or room into a storeroom (归还, AS-6).

        The hand-back check's ``condition`` is required: good units go back to stock
        (by default), others to the returned pool; a condition of the policy's claim
        set yields a damage-claim input naming the holder.
        """
        tag_tuple = _tags(tags)
        event = Returned(
            item_id=item_id,
            holder_id=holder_id,
            store_id=store_id,
            quantity=_count(quantity, tag_tuple),
            tags=tag_tuple,
            condition=_condition(condition),
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def lend(
        self,
        loan_id: str,
        item_id: str,
        from_place: str,
        borrower_id: str,
        quantity: int | None = None,
        *,
        due_on: object,
        tags: Iterable[str] = (),
        on: object,
        by: str,
        reason: str = "",
    ) -> Lent:
        """Lend units from a place to a registered holder until ``due_on`` (借出, AS-5)."""
        tag_tuple = _tags(tags)
        event = Lent(
            loan_id=require_id(loan_id, field="loan_id"),
            item_id=item_id,
            from_place=from_place,
            borrower_id=borrower_id,
            quantity=_count(quantity, tag_tuple),
            tags=tag_tuple,
            due_on=as_date(due_on, field="due_on"),
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def return_loan(
        self,
        loan_id: str,
        *,
        condition: Condition,
        on: object,
        by: str,
        reason: str = "",
    ) -> LoanReturned:
        """Take a loan back to the place that lent it, with the condition check (AS-5, AS-6)."""
        event = LoanReturned(
            loan_id=require_id(loan_id, field="loan_id"),
            condition=_condition(condition),
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def transfer(
        self,
        item_id: str,
        from_location: str,
        to_location: str,
        quantity: int | None = None,
        *,
        tags: Iterable[str] = (),
        on: object,
        by: str,
        reason: str = "",
    ) -> Transferred:
        """Move units between rooms or holders, on the record (调拨, AS-4)."""
        tag_tuple = _tags(tags)
        event = Transferred(
            item_id=item_id,
            from_location=from_location,
            to_location=to_location,
            quantity=_count(quantity, tag_tuple),
            tags=tag_tuple,
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def report_damage(
        self,
        item_id: str,
        location_id: str,
        quantity: int | None = None,
        *,
        tags: Iterable[str] = (),
        condition: Condition = Condition.DAMAGED,
        responsible_id: str | None = None,
        on: object,
        by: str,
        reason: str = "",
    ) -> DamageReported:
        """Record damage found on available units (a claim input when the condition calls)."""
        tag_tuple = _tags(tags)
        event = DamageReported(
            item_id=item_id,
            location_id=location_id,
            quantity=_count(quantity, tag_tuple),
            tags=tag_tuple,
            condition=_condition(condition),
            responsible_id=responsible_id,
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def send_to_repair(
        self,
        item_id: str,
        location_id: str,
        quantity: int | None = None,
        *,
        tags: Iterable[str] = (),
        from_pool: bool = False,
        repairer: str = "",
        on: object,
        by: str,
        reason: str = "",
    ) -> SentToRepair:
        """Send units to repair, from available stock or a storeroom's returned pool (AS-7)."""
        tag_tuple = _tags(tags)
        event = SentToRepair(
            item_id=item_id,
            location_id=location_id,
            quantity=_count(quantity, tag_tuple),
            tags=tag_tuple,
            from_pool=bool(from_pool),
            repairer=_text(repairer, "repairer"),
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def record_repair(
        self,
        item_id: str,
        location_id: str,
        quantity: int | None = None,
        *,
        cost: MoneyInput,
        tags: Iterable[str] = (),
        on: object,
        by: str,
        reason: str = "",
    ) -> Repaired:
        """Record units back from repair in good condition, with the cost (AS-7)."""
        tag_tuple = _tags(tags)
        event = Repaired(
            item_id=item_id,
            location_id=location_id,
            quantity=_count(quantity, tag_tuple),
            tags=tag_tuple,
            cost=_money(cost, "cost"),
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def restock(
        self,
        item_id: str,
        store_id: str,
        quantity: int | None = None,
        *,
        tags: Iterable[str] = (),
        on: object,
        by: str,
        reason: str = "",
    ) -> Restocked:
        """Put units of the returned pool back into stock for reissue (AS-3)."""
        tag_tuple = _tags(tags)
        event = Restocked(
            item_id=item_id,
            store_id=store_id,
            quantity=_count(quantity, tag_tuple),
            tags=tag_tuple,
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def dispose(
        self,
        item_id: str,
        store_id: str,
        quantity: int | None = None,
        *,
        approver: str,
        tags: Iterable[str] = (),
        from_pool: bool = False,
        on: object,
        by: str,
        reason: str = "",
    ) -> Disposed:
        """Write units off (报废, AS-7): approved, from storeroom stock or the returned pool.

        Raises:
            ApproverRequiredError: no approver, or the recorder approving (by default).
            DisposalSourceError: the units are not in a storeroom.
        """
        tag_tuple = _tags(tags)
        event = Disposed(
            item_id=item_id,
            store_id=store_id,
            quantity=_count(quantity, tag_tuple),
            tags=tag_tuple,
            from_pool=bool(from_pool),
            approver=approver,
            **self._meta(on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

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
            raise InvalidArgumentError(field="stock_take", reason="expected a StockTake")
        day = as_date(stock_take.counted_on, field="counted_on")
        place_id = stock_take.place_id
        if place_id not in self._state.places:
            raise UnknownLocationError(field="place_id", location_id=place_id)
        last = self._state.last_date
        book = self if last is None or day >= last else self.as_of(day)
        state = book._state
        counted: dict[str, tuple[int, tuple[str, ...]]] = {}
        seen_tags: set[str] = set()
        for line in stock_take.lines:
            item = self._state.items.get(line.item_id)
            if item is None:
                raise UnknownItemError(item_id=line.item_id)
            if line.item_id in counted:
                raise DuplicateIdError(kind="count line item", value=line.item_id)
            if isinstance(line.counted, bool) or not isinstance(line.counted, int):
                raise InvalidQuantityError(field="counted", value=line.counted)
            if line.counted < 0:
                raise InvalidQuantityError(field="counted", value=line.counted)
            tags = _tags(line.tags)
            if item.tracked and (len(tags) != line.counted or len(set(tags)) != len(tags)):
                raise TagsMismatchError(
                    item_id=line.item_id, reason="one distinct tag per counted unit / 每件一个标签"
                )
            if not item.tracked and tags:
                raise consumable_tagged(line.item_id)
            if seen_tags.intersection(tags):
                raise TagsMismatchError(
                    item_id=line.item_id,
                    reason=f"tag(s) {sorted(seen_tags.intersection(tags))} counted on two lines"
                    " / 同一标签出现在两行",
                )
            seen_tags.update(tags)
            counted[line.item_id] = (line.counted, tags)
        booked_items = {
            item_id for (where, item_id), n in state.avail.items() if where == place_id and n
        }
        booked_tags: dict[str, set[str]] = {}
        for tag, where in state.unit_loc.items():
            if where == place_id and state.unit_hold[tag] is Holding.AVAILABLE:
                booked_tags.setdefault(state.units[tag].item_id, set()).add(tag)
        lines = []
        for item_id in sorted(booked_items | set(counted)):
            item = self._state.items[item_id]
            book_qty = state.avail.get((place_id, item_id), 0)
            found, found_tags = counted.get(item_id, (0, ()))
            if item.tracked:
                booked = booked_tags.get(item_id, set())
                surplus_tags = tuple(sorted(set(found_tags) - booked))
                shortage_tags = tuple(sorted(booked - set(found_tags)))
                surplus, shortage = len(surplus_tags), len(shortage_tags)
                shortage_value = Money.sum(
                    self._state.units[t].original_value for t in shortage_tags
                )
            else:
                surplus_tags = shortage_tags = ()
                surplus, shortage = max(found - book_qty, 0), max(book_qty - found, 0)
                shortage_value = item.unit_cost * shortage
            lines.append(
                ReconciliationLine(
                    item_id=item_id,
                    book=book_qty,
                    counted=found,
                    surplus=surplus,
                    shortage=shortage,
                    surplus_tags=surplus_tags,
                    shortage_tags=shortage_tags,
                    unit_value=item.unit_cost,
                    surplus_value=item.unit_cost * surplus,
                    shortage_value=shortage_value,
                )
            )
        return Reconciliation(stock_take.count_id, place_id, day, tuple(lines))

    def post_stock_take(
        self,
        stock_take: StockTake,
        *,
        approver: str,
        responsible_id: str | None = None,
        by: str,
        reason: str = "",
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
        reconciliation = self.reconcile(stock_take)
        lines = []
        for line in reconciliation.differences():
            for tag in line.surplus_tags:
                if tag in self._state.units:
                    raise TagBookedElsewhereError(
                        tag=tag,
                        place_id=stock_take.place_id,
                        booked_at=self._state.unit_loc[tag] or "(off the books / 已销账)",
                    )
            lines.append(
                AdjustmentLine(
                    item_id=line.item_id,
                    surplus=line.surplus,
                    shortage=line.shortage,
                    surplus_tags=line.surplus_tags,
                    shortage_tags=line.shortage_tags,
                    unit_value=line.unit_value,
                )
            )
        event = StockTakePosted(
            count_id=require_id(stock_take.count_id, field="count_id"),
            place_id=stock_take.place_id,
            approver=approver,
            lines=tuple(lines),
            responsible_id=responsible_id,
            **self._meta(reconciliation.counted_on, by, reason),
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def decide_adjustments(
        self,
        count_id: str,
        decision: Decision,
        *,
        approver: str,
        on: object,
        by: str,
        reason: str = "",
    ) -> AdjustmentDecided:
        """Decide a posted stock-take's pending adjustments (待处理财产损溢, AS-2)."""
        if not isinstance(decision, Decision):
            raise InvalidArgumentError(field="decision", reason=f"not a Decision: {decision!r}")
        event = AdjustmentDecided(
            count_id=count_id, decision=decision, approver=approver, **self._meta(on, by, reason)
        )
        return self._accept(event)  # type: ignore[no-any-return]

    # ------------------------------------------------------------ monthly close

    def close_month(self, year: int, month: int, *, by: str, reason: str = "") -> MonthClosed:
        """Close a month (月结, AS-8), freezing its summary per category (storeroom scope).

        Afterwards an entry dated in that month (or before) is refused; corrections
        go into an open month. Months close one after the other (by default).

        Raises:
            MonthClosedError: the month is already closed.
            MonthSequenceError: it is not the month after the last closed one.
        """
        try:
            last_day = pendulum.Date(year, month, 1).end_of("month")
        except (TypeError, ValueError) as error:
            raise InvalidArgumentError(field="month", reason=str(error)) from None
        summary = self.monthly_summary(year, month)
        event = MonthClosed(
            year=year, month=month, summary=summary, **self._meta(last_day, by, reason)
        )
        return self._accept(event)  # type: ignore[no-any-return]

    def _meta(self, on: object, by: str, reason: str) -> dict[str, Any]:
        return {
            "effective_on": as_date(on, field="on"),
            "recorded_by": require_id(by, field="by"),
            "reason": _text(reason, "reason"),
        }

    # ------------------------------------------------------------ queries

    @property
    def closed_through(self) -> pendulum.Date | None:
        """The last day of the last closed month (AS-8), if any."""
        return self._state.closed_through

    def item(self, item_id: str) -> ItemType:
        """The catalogue record of an item type."""
        item = self._state.items.get(item_id)
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
        unit = self._state.units.get(tag)
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
        as_of: object = None,
    ) -> tuple[StockRow, ...]:
        """Quantities by location, item and holding (non-zero), sorted.

        Args:
            location_id: Only this place or holder (what a person or room holds:
                个人领用清单, room inventory).
            item_id: Only this item type.
            holding: Only this holding (e.g. ``Holding.RETURNED`` for the pool).
            as_of: The books at the end of this day instead of now.
        """
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

    def overdue_loans(self, as_of: object) -> tuple[LoanRow, ...]:
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
            raise InvalidArgumentError(field="scope", reason=f"not a SummaryScope: {scope!r}")
        try:
            pendulum.Date(year, month, 1)
        except (TypeError, ValueError) as error:
            raise InvalidArgumentError(field="month", reason=str(error)) from None
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
        """Check the books against themselves (帐帐相符); findings as data.

        * conservation per item: received + surplus − shortage − disposed equals
          the quantity held everywhere (AS-2, AS-7);
        * no negative quantity (AS-11);
        * every tagged unit on the books is counted once where it is.
        """
        state = self._state
        found: list[Violation] = []
        held: dict[str, int] = {}
        for table in (state.avail, state.pool, state.loaned, state.repair):
            for (where, item_id), quantity in table.items():
                held[item_id] = held.get(item_id, 0) + quantity
                if quantity < 0:
                    found.append(
                        _violation(
                            "assets.negative_quantity",
                            f"{where}/{item_id}",
                            "AS-11",
                            {"quantity": quantity},
                            "negative quantity on the books",
                            "账面数量为负",
                        )
                    )
        for item_id in sorted(state.items):
            expected = (
                state.received.get(item_id, 0)
                + state.surplus.get(item_id, 0)
                - state.shortage.get(item_id, 0)
                - state.disposed.get(item_id, 0)
            )
            if held.get(item_id, 0) != expected:
                found.append(
                    _violation(
                        "assets.not_conserved",
                        item_id,
                        "AS-2",
                        {"expected": expected, "held": held.get(item_id, 0)},
                        "quantity held differs from received + surplus − shortage − disposed",
                        "在账数量不等于入库 + 盘盈 − 盘亏 − 报废",
                    )
                )
        tables = {
            Holding.AVAILABLE: state.avail,
            Holding.RETURNED: state.pool,
            Holding.ON_LOAN: state.loaned,
            Holding.IN_REPAIR: state.repair,
        }
        tag_counts: dict[tuple[str, str, Holding], int] = {}
        for tag, where in state.unit_loc.items():
            hold = state.unit_hold[tag]
            if hold is not Holding.GONE:
                key = (where, state.units[tag].item_id, hold)
                tag_counts[key] = tag_counts.get(key, 0) + 1
        for hold, table in tables.items():  # a tracked quantity with no tag is a defect too
            for (where, item_id), quantity in table.items():
                if quantity and state.items[item_id].tracked:
                    tag_counts.setdefault((where, item_id, hold), 0)
        for (where, item_id, hold), count in sorted(
            tag_counts.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2].value)
        ):
            if tables[hold].get((where, item_id), 0) != count:
                found.append(
                    _violation(
                        "assets.units_not_booked",
                        f"{where}/{item_id}",
                        "AS-1",
                        {"units": count, "booked": tables[hold].get((where, item_id), 0)},
                        "tagged units and booked quantity disagree",
                        "资产卡片与账面数量不符",
                    )
                )
        return tuple(found)

    def movements(self) -> tuple[tuple[pendulum.Date, str, str, str, str, int, Decimal], ...]:
        """Every quantity movement as ``(day, item, from, to, kind, quantity, value)``.

        ``""`` stands for outside the books; kinds are ``received``, ``move``,
        ``disposed`` and ``adjust``. Useful for auditors' own aggregations.
        """
        state = self._state
        return tuple(movements(self._events, state.items, state.units))


def _with_overdue(row: LoanRow, days: int) -> LoanRow:
    return attrs.evolve(row, days_overdue=days)


def _violation(  # noqa: PLR0917 - a private record builder
    code: str, subject: str, rule: str, params: dict[str, Any], en: str, zh: str
) -> Violation:
    return Violation(code, Severity.ERROR, subject, rule, params, en, zh)


def _check_closed_months(log: Sequence[Any], dates: Sequence[pendulum.Date]) -> None:
    """Refuse a log where an event recorded after a close is dated in the closed month."""
    closes = [index for index, event in enumerate(log) if type(event) is MonthClosed]
    if not closes:
        return
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
