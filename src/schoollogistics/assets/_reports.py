"""Reports computed from the event log: movements, monthly summary, trails, loss reports."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

import pendulum

from schoollogistics.assets._events import (
    AssetEvent,
    DamageReported,
    Disposed,
    Exchanged,
    Issued,
    Lent,
    LoanReturned,
    Received,
    Repaired,
    Restocked,
    Returned,
    SentToRepair,
    StockTakePosted,
    Transferred,
)
from schoollogistics.assets._fold import State
from schoollogistics.assets._policy import (
    LedgerPolicy,
)
from schoollogistics.assets._records import (
    AssetUnit,
    CategorySummary,
    Condition,
    Holding,
    ItemType,
    LossKind,
    LossReport,
    Reconciliation,
    ReconciliationLine,
    StockTake,
    SummaryScope,
    TrailEntry,
)
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.findings import FINDINGS
from schoollogistics.core.money import COMPUTE_CONTEXT, Money
from schoollogistics.core.violations import Violation

RECEIVED = "received"
MOVE = "move"
DISPOSED = "disposed"
ADJUST = "adjust"

Movement = tuple[pendulum.Date, str, str, str, str, int, Decimal]
"""(day, item_id, from_location, to_location, kind, quantity, value); ``""`` is outside."""


def _value(
    item: ItemType, units: dict[str, AssetUnit], tags: tuple[str, ...], quantity: int
) -> Decimal:
    if tags:
        total = Decimal(0)
        for tag in tags:  # in the library's context, never the caller's
            total = COMPUTE_CONTEXT.add(total, units[tag].original_value.amount)
        return total
    return COMPUTE_CONTEXT.multiply(item.unit_cost.amount, quantity)


def movements(
    events: Sequence[AssetEvent], items: dict[str, ItemType], units: dict[str, AssetUnit]
) -> Iterator[Movement]:
    """Decompose events into quantity movements between locations (for summaries)."""
    loans = {event.loan_id: event for event in events if isinstance(event, Lent)}
    for event in events:
        day = event.effective_on
        if isinstance(event, Received):
            item = items[event.item_id]
            value = _value(item, units, event.tags, event.quantity)
            yield day, event.item_id, "", event.place_id, RECEIVED, event.quantity, value
        elif isinstance(event, (Issued, Transferred)):
            item = items[event.item_id]
            source = event.from_place if isinstance(event, Issued) else event.from_location
            value = _value(item, units, event.tags, event.quantity)
            yield day, event.item_id, source, event.to_location, MOVE, event.quantity, value
        elif isinstance(event, Exchanged):
            yield from _exchange_movements(event, items, units)
        elif isinstance(event, Returned):
            item = items[event.item_id]
            value = _value(item, units, event.tags, event.quantity)
            yield day, event.item_id, event.holder_id, event.store_id, MOVE, event.quantity, value
        elif isinstance(event, (Lent, LoanReturned)):
            loan = loans[event.loan_id]
            value = _value(items[loan.item_id], units, loan.tags, loan.quantity)
            ends = (loan.from_place, loan.borrower_id)
            source, target = ends if isinstance(event, Lent) else ends[::-1]
            yield day, loan.item_id, source, target, MOVE, loan.quantity, value
        elif isinstance(event, Disposed):
            value = _value(items[event.item_id], units, event.tags, event.quantity)
            yield day, event.item_id, event.store_id, "", DISPOSED, event.quantity, value
        elif isinstance(event, StockTakePosted):
            for line in event.lines:
                item = items[line.item_id]
                if line.surplus:
                    value = COMPUTE_CONTEXT.multiply(line.unit_value.amount, line.surplus)
                    yield day, line.item_id, "", event.place_id, ADJUST, line.surplus, value
                if line.shortage:
                    value = _value(item, units, line.shortage_tags, line.shortage)
                    yield day, line.item_id, event.place_id, "", ADJUST, line.shortage, value


def _exchange_movements(
    event: Exchanged, items: dict[str, ItemType], units: dict[str, AssetUnit]
) -> Iterator[Movement]:
    item = items[event.item_id]
    day = event.effective_on
    back = event.quantity - event.lost_quantity
    if back:
        value = _value(item, units, event.old_tags, back)
        yield day, event.item_id, event.holder_id, event.store_id, MOVE, back, value
    if event.lost_quantity:
        value = _value(item, units, event.lost_tags, event.lost_quantity)
        yield day, event.item_id, event.holder_id, "", ADJUST, event.lost_quantity, value
    value = _value(item, units, event.new_tags, event.quantity)
    yield day, event.item_id, event.store_id, event.holder_id, MOVE, event.quantity, value


_FIGURES = ("opening", "received", "issued", "returned", "disposed", "adjusted")


def monthly_summary(
    events: Sequence[AssetEvent],
    items: dict[str, ItemType],
    units: dict[str, AssetUnit],
    stores: set[str],
    *,
    year: int,
    month: int,
    scope: SummaryScope,
) -> tuple[CategorySummary, ...]:
    """The month's summary per category (AS-8); see `AssetLedger.monthly_summary`."""
    start = pendulum.Date(year, month, 1)
    end = start.end_of("month")
    if scope is SummaryScope.STOREROOMS:

        def inside(location: str) -> bool:
            return location in stores
    else:

        def inside(location: str) -> bool:
            return location != ""

    qty: dict[tuple[AssetCategory, str], int] = {}
    val: dict[tuple[AssetCategory, str], Decimal] = {}

    def add(category: AssetCategory, figure: str, quantity: int, value: Decimal) -> None:
        key = (category, figure)
        qty[key] = qty.get(key, 0) + quantity
        val[key] = COMPUTE_CONTEXT.add(val.get(key, Decimal(0)), value)

    for day, item_id, source, target, kind, quantity, value in movements(events, items, units):
        if day > end:
            continue
        category = items[item_id].category
        src_in = inside(source)
        dst_in = inside(target)
        if src_in == dst_in:
            continue
        sign = 1 if dst_in else -1
        if day < start:
            add(category, "opening", sign * quantity, sign * value)
        elif kind == RECEIVED:
            add(category, "received", quantity, value)
        elif kind == DISPOSED:
            add(category, "disposed", quantity, value)
        elif kind == ADJUST:
            add(category, "adjusted", sign * quantity, sign * value)
        elif dst_in:
            add(category, "returned", quantity, value)
        else:
            add(category, "issued", quantity, value)
    rows: list[CategorySummary] = []
    for category in AssetCategory:
        q = {f: qty.get((category, f), 0) for f in _FIGURES}
        v = {f: val.get((category, f), Decimal(0)) for f in _FIGURES}
        if not any(q.values()) and not any(v.values()):
            continue
        closing_q = (
            q["opening"] + q["received"] - q["issued"] + q["returned"] - q["disposed"]
        ) + q["adjusted"]
        closing_v = (
            v["opening"] + v["received"] - v["issued"] + v["returned"] - v["disposed"]
        ) + v["adjusted"]
        rows.append(
            CategorySummary(
                year=year,
                month=month,
                category=category,
                opening_qty=q["opening"],
                received_qty=q["received"],
                issued_qty=q["issued"],
                returned_qty=q["returned"],
                disposed_qty=q["disposed"],
                adjusted_qty=q["adjusted"],
                closing_qty=closing_q,
                opening_value=Money(v["opening"]),
                received_value=Money(v["received"]),
                issued_value=Money(v["issued"]),
                returned_value=Money(v["returned"]),
                disposed_value=Money(v["disposed"]),
                adjusted_value=Money(v["adjusted"]),
                closing_value=Money(closing_v),
            )
        )
    return tuple(rows)


# ---------------------------------------------------------------- trail


def _ends(
    event: AssetEvent, tag: str, loans: dict[str, Lent]
) -> tuple[str, str, Condition | None] | None:
    """Where ``tag`` went in ``event``: (from, to, condition), or None if not touched."""
    if isinstance(event, Received):
        return ("", event.place_id, Condition.GOOD) if tag in event.tags else None
    if isinstance(event, Issued) and tag in event.tags:
        return event.from_place, event.to_location, None
    if isinstance(event, Transferred) and tag in event.tags:
        return event.from_location, event.to_location, None
    if isinstance(event, Exchanged):
        if tag in event.old_tags:
            return event.holder_id, event.store_id, event.condition
        if tag in event.lost_tags:
            return event.holder_id, "", None
        if tag in event.new_tags:
            return event.store_id, event.holder_id, None
        return None
    if isinstance(event, Returned) and tag in event.tags:
        return event.holder_id, event.store_id, event.condition
    if isinstance(event, Lent) and tag in event.tags:
        return event.from_place, event.borrower_id, None
    if isinstance(event, LoanReturned):
        loan = loans[event.loan_id]
        if tag in loan.tags:
            return loan.borrower_id, loan.from_place, event.condition
        return None
    if isinstance(event, (DamageReported, SentToRepair, Repaired, Restocked)) and tag in event.tags:
        where = event.store_id if isinstance(event, Restocked) else event.location_id
        condition = (
            event.condition
            if isinstance(event, DamageReported)
            else (Condition.GOOD if isinstance(event, Repaired) else None)
        )
        return where, where, condition
    if isinstance(event, Disposed) and tag in event.tags:
        return event.store_id, "", None
    if isinstance(event, StockTakePosted):
        for line in event.lines:
            if tag in line.surplus_tags:
                return "", event.place_id, Condition.GOOD
            if tag in line.shortage_tags:
                return event.place_id, "", None
    return None


def trail(ordered: Sequence[tuple[int, AssetEvent]], tag: str) -> tuple[TrailEntry, ...]:
    """The events touching ``tag``, in effective order (AS-7 lifecycle)."""
    loans = {event.loan_id: event for _, event in ordered if isinstance(event, Lent)}
    entries: list[TrailEntry] = []
    for seq, event in ordered:
        ends = _ends(event, tag, loans)
        if ends is None:
            continue
        entries.append(
            TrailEntry(
                seq=seq,
                effective_on=event.effective_on,
                event=type(event).__name__,
                from_location=ends[0],
                to_location=ends[1],
                condition=ends[2],
                recorded_by=event.recorded_by,
                reason=event.reason,
            )
        )
    return tuple(entries)


# ---------------------------------------------------------------- loss reports


_Lot = tuple[pendulum.Date, Money, int]
"""A receipt lot: receipt date, unit cost, quantity left."""


class _Lots:
    """Receipt lots of quantity-counted items, followed through the events (AS-1, DC-4).

    The lot rule, the library's choice: every location (storeroom, holder, room)
    holds lots ``(receipt date, unit cost, quantity)`` of each untagged item;
    units leaving a location take its **oldest lots first** (first in, first out
    by receipt date) and carry their receipt's date and cost with them. A stock-take
    surplus is a lot dated on the count at the item's unit cost. When a location
    has no lot left for a unit (events recorded out of order), the unit is dated
    on the event at the item's unit cost, as before.
    """

    def __init__(self) -> None:
        self._at: dict[tuple[str, str], list[_Lot]] = {}

    def add(self, where: str, item_id: str, lots: list[_Lot]) -> None:
        if not lots:
            return
        bag = self._at.setdefault((where, item_id), [])
        bag.extend(lot for lot in lots if lot[2])
        bag.sort(key=lambda lot: lot[0].toordinal())

    def peek(self, where: str, item_id: str, quantity: int, *, skip: int = 0) -> list[_Lot]:
        """The lots of the oldest ``quantity`` units after the first ``skip``, unchanged."""
        seen: list[_Lot] = []
        for day, cost, size in self._at.get((where, item_id), []):
            if quantity <= 0:
                break
            if skip >= size:
                skip -= size
                continue
            left = size - skip
            skip = 0
            used = min(left, quantity)
            seen.append((day, cost, used))
            quantity -= used
        return seen

    def take(self, where: str, item_id: str, quantity: int) -> list[_Lot]:
        taken = self.peek(where, item_id, quantity)
        bag = self._at.get((where, item_id), [])
        for _, _, used in taken:
            day, cost, n = bag[0]
            if used == n:
                bag.pop(0)
            else:
                bag[0] = (day, cost, n - used)
        return taken

    def move(self, source: str, target: str, item_id: str, quantity: int) -> None:
        self.add(target, item_id, self.take(source, item_id, quantity))


def _reports_for(  # noqa: PLR0917 - private, called positionally in one place
    kind: LossKind,
    event: AssetEvent,
    seq: int,
    item: ItemType,
    units: dict[str, AssetUnit],
    tags: tuple[str, ...],
    quantity: int,
    holder_id: str,
    location_id: str,
    condition: Condition,
    lots: list[_Lot] | None = None,
) -> Iterator[LossReport]:
    def report(  # noqa: PLR0917 - the per-unit fields of one report
        tag: str,
        description: str,
        original_value: Money,
        unit_value: Money,
        count: int,
        acquired_on: pendulum.Date,
    ) -> LossReport:
        return LossReport(
            kind=kind,
            item_id=item.item_id,
            tag=tag,
            name=item.name,
            description=description,
            category=item.category,
            original_value=original_value,
            unit_value=unit_value,
            quantity=count,
            acquired_on=acquired_on,
            holder_id=holder_id,
            occurred_on=event.effective_on,
            reason=event.reason,
            condition=condition,
            location_id=location_id,
            event_seq=seq,
        )

    if tags:
        for tag in tags:
            unit = units[tag]
            yield report(
                tag,
                unit.description,
                unit.original_value,
                unit.original_value,
                1,
                unit.acquired_on,
            )
    elif quantity:
        found = list(lots or [])
        missing = quantity - sum(n for _, _, n in found)
        if missing > 0:
            found.append((event.effective_on, item.unit_cost, missing))
        for day, cost, count in found:
            yield report("", f"{item.name} × {count}", cost * count, cost, count, day)


def _follow_lots(lots: _Lots, event: AssetEvent, items: dict[str, ItemType]) -> None:
    """Move the receipt lots of untagged items as ``event`` moves units (the lot rule)."""
    if isinstance(event, Received):
        if not event.tags:
            lots.add(
                event.place_id,
                event.item_id,
                [(event.effective_on, event.unit_cost, event.quantity)],
            )
    elif isinstance(event, Issued):
        if not event.tags:
            lots.move(event.from_place, event.to_location, event.item_id, event.quantity)
    elif isinstance(event, Exchanged):
        if not event.new_tags and not event.old_tags:
            item_id = event.item_id
            new = lots.take(event.store_id, item_id, event.quantity)
            lots.take(event.holder_id, item_id, event.lost_quantity)
            lots.move(
                event.holder_id, event.store_id, item_id, event.quantity - event.lost_quantity
            )
            lots.add(event.holder_id, item_id, new)
    elif isinstance(event, Returned):
        if not event.tags:
            lots.move(event.holder_id, event.store_id, event.item_id, event.quantity)
    elif isinstance(event, Transferred):
        if not event.tags:
            lots.move(event.from_location, event.to_location, event.item_id, event.quantity)
    elif isinstance(event, Lent):
        if not event.tags:
            lots.move(event.from_place, event.borrower_id, event.item_id, event.quantity)
    elif isinstance(event, Disposed):
        if not event.tags:
            lots.take(event.store_id, event.item_id, event.quantity)
    elif isinstance(event, StockTakePosted):
        for line in event.lines:
            if line.surplus_tags or line.shortage_tags:
                continue
            if line.shortage:
                lots.take(event.place_id, line.item_id, line.shortage)
            if line.surplus:
                cost = items[line.item_id].unit_cost
                lots.add(event.place_id, line.item_id, [(event.effective_on, cost, line.surplus)])


def loss_reports(
    events: Sequence[AssetEvent],
    items: dict[str, ItemType],
    units: dict[str, AssetUnit],
    policy: LedgerPolicy,
) -> tuple[LossReport, ...]:
    """Damage-claim inputs produced by the events, in recording order (see ``loss_scan``)."""
    return loss_scan(events, items, units, policy)[0]


def open_damage(
    events: Sequence[AssetEvent],
    items: dict[str, ItemType],
    units: dict[str, AssetUnit],
    policy: LedgerPolicy,
) -> dict[tuple[str, str], int]:
    """Quantity-counted units reported damaged and not yet repaired, disposed or restocked.

    Keyed by ``(location, item)``: where the open units are now.
    """
    return {key: n for key, n in loss_scan(events, items, units, policy)[1].items() if n}


def loss_scan(  # noqa: PLR0915 - one branch per event kind
    events: Sequence[AssetEvent],
    items: dict[str, ItemType],
    units: dict[str, AssetUnit],
    policy: LedgerPolicy,
) -> tuple[tuple[LossReport, ...], dict[tuple[str, str], int]]:
    """Damage-claim inputs produced by the events, in recording order, and the open units.

    **One open report per damaged unit** (DC-5: nothing is charged twice). A
    unit stays *open* from its report until it is sent to repair, disposed of or
    put back into stock; while it is open, a later hand-back, loan return,
    damage report or loss of the same unit yields no second report. Tagged units
    are followed by tag; quantity-counted units by how many open units each
    location holds (they travel with hand-backs, transfers and loan returns).

    **Lots**: a quantity-counted report takes the acquisition date and unit value
    of the receipts its units came from, oldest first (see ``_Lots``); a report
    whose units come from two receipts is split into one report per receipt.
    """
    claim = policy.hand_back.claim_conditions
    loans: dict[str, Lent] = {}
    found: list[LossReport] = []
    gone = Condition.UNUSABLE
    lots = _Lots()
    open_tags: set[str] = set()
    open_qty: dict[tuple[str, str], int] = {}

    def fresh(tags: tuple[str, ...]) -> tuple[str, ...]:
        new = tuple(tag for tag in tags if tag not in open_tags)
        open_tags.update(tags)
        return new

    def close(tags: tuple[str, ...], where: str, item_id: str, quantity: int) -> None:
        open_tags.difference_update(tags)
        if not tags:
            key = (where, item_id)
            open_qty[key] = max(open_qty.get(key, 0) - quantity, 0)

    def carry(source: str, target: str, item_id: str, quantity: int) -> int:
        """Move open units with the units moved; returns how many were open."""
        key = (source, item_id)
        moved = min(open_qty.get(key, 0), quantity)
        if moved:
            open_qty[key] -= moved
            open_qty[(target, item_id)] = open_qty.get((target, item_id), 0) + moved
        return moved

    for seq, event in enumerate(events):
        if isinstance(event, Lent):
            loans[event.loan_id] = event
        elif isinstance(event, Exchanged) and event.lost_quantity:
            item = items[event.item_id]
            lost_tags = fresh(event.lost_tags)
            open_tags.difference_update(event.lost_tags)
            lost = 0 if event.lost_tags else event.lost_quantity
            key = (event.holder_id, event.item_id)
            already = min(open_qty.get(key, 0), lost)
            if not event.lost_tags:
                open_qty[key] = open_qty.get(key, 0) - already
            if lost_tags or lost - already:
                found.extend(
                    _reports_for(
                        LossKind.LOST,
                        event,
                        seq,
                        item,
                        units,
                        lost_tags,
                        lost - already,
                        event.holder_id,
                        event.holder_id,
                        gone,
                        lots.peek(event.holder_id, event.item_id, lost - already, skip=already),
                    )
                )
        elif isinstance(event, Returned) and event.condition in claim:
            item = items[event.item_id]
            new_tags = fresh(event.tags)
            already = carry(event.holder_id, event.store_id, event.item_id, event.quantity)
            count = 0 if event.tags else event.quantity - already
            if new_tags or count:
                found.extend(
                    _reports_for(
                        LossKind.DAMAGED,
                        event,
                        seq,
                        item,
                        units,
                        new_tags,
                        count,
                        event.holder_id,
                        event.holder_id,
                        event.condition,
                        lots.peek(event.holder_id, event.item_id, count, skip=already),
                    )
                )
            if count:
                key = (event.store_id, event.item_id)
                open_qty[key] = open_qty.get(key, 0) + count
        elif isinstance(event, LoanReturned) and event.condition in claim:
            loan = loans[event.loan_id]
            new_tags = fresh(loan.tags)
            already = carry(loan.borrower_id, loan.from_place, loan.item_id, loan.quantity)
            count = 0 if loan.tags else loan.quantity - already
            if new_tags or count:
                found.extend(
                    _reports_for(
                        LossKind.DAMAGED,
                        event,
                        seq,
                        items[loan.item_id],
                        units,
                        new_tags,
                        count,
                        loan.borrower_id,
                        loan.borrower_id,
                        event.condition,
                        lots.peek(loan.borrower_id, loan.item_id, count, skip=already),
                    )
                )
            if count:
                key = (loan.from_place, loan.item_id)
                open_qty[key] = open_qty.get(key, 0) + count
        elif isinstance(event, DamageReported) and event.condition in claim:
            new_tags = fresh(event.tags)
            key = (event.location_id, event.item_id)
            already = open_qty.get(key, 0)
            count = 0 if event.tags else event.quantity
            if new_tags or count:
                found.extend(
                    _reports_for(
                        LossKind.DAMAGED,
                        event,
                        seq,
                        items[event.item_id],
                        units,
                        new_tags,
                        count,
                        event.responsible_id or event.location_id,
                        event.location_id,
                        event.condition,
                        lots.peek(event.location_id, event.item_id, count, skip=already),
                    )
                )
            if count:
                open_qty[key] = already + count
        elif isinstance(event, StockTakePosted) and event.responsible_id:
            for line in event.lines:
                shortage_tags = fresh(line.shortage_tags)
                open_tags.difference_update(line.shortage_tags)
                found.extend(
                    _reports_for(
                        LossKind.SHORTAGE,
                        event,
                        seq,
                        items[line.item_id],
                        units,
                        shortage_tags,
                        0 if line.shortage_tags else line.shortage,
                        event.responsible_id,
                        event.place_id,
                        gone,
                        lots.peek(event.place_id, line.item_id, line.shortage),
                    )
                )
        # Units leave the open set when they go to repair, are disposed of or restocked.
        if isinstance(event, SentToRepair):
            close(event.tags, event.location_id, event.item_id, event.quantity)
        elif isinstance(event, Disposed | Restocked):
            close(event.tags, event.store_id, event.item_id, event.quantity)
        elif isinstance(event, Transferred) and not event.tags:
            carry(event.from_location, event.to_location, event.item_id, event.quantity)
        elif isinstance(event, Returned) and event.condition not in claim and not event.tags:
            carry(event.holder_id, event.store_id, event.item_id, event.quantity)
        if isinstance(event, LoanReturned):
            loan = loans[event.loan_id]
            if not loan.tags:
                lots.move(loan.borrower_id, loan.from_place, loan.item_id, loan.quantity)
        else:
            _follow_lots(lots, event, items)
    return tuple(found), open_qty


# ---------------------------------------------------------------- reconciliation (AS-2)


def reconcile(
    book: State, current: State, stock_take: StockTake, counted_on: pendulum.Date
) -> Reconciliation:
    """Compare a validated count with ``book`` (the state at the count date), AS-2.

    The catalogue and unit records come from ``current`` (the ledger now); the
    book is what is available at the place at the end of the count date.
    """
    place_id = stock_take.place_id
    counted = {line.item_id: (line.counted, tuple(line.tags)) for line in stock_take.lines}
    booked_items = {
        item_id for (where, item_id), n in book.avail.items() if where == place_id and n
    }
    booked_tags: dict[str, set[str]] = {}
    for tag, where in book.unit_loc.items():
        if where == place_id and book.unit_hold[tag] is Holding.AVAILABLE:
            booked_tags.setdefault(book.units[tag].item_id, set()).add(tag)
    lines = []
    for item_id in sorted(booked_items | set(counted)):
        item = current.items[item_id]
        book_qty = book.avail.get((place_id, item_id), 0)
        found, found_tags = counted.get(item_id, (0, ()))
        if item.tracked:
            booked = booked_tags.get(item_id, set())
            surplus_tags = tuple(sorted(set(found_tags) - booked))
            shortage_tags = tuple(sorted(booked - set(found_tags)))
            surplus, shortage = len(surplus_tags), len(shortage_tags)
            shortage_value = Money.sum(current.units[t].original_value for t in shortage_tags)
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
    return Reconciliation(stock_take.count_id, place_id, counted_on, tuple(lines))


# ---------------------------------------------------------------- invariants


def invariant_violations(state: State) -> tuple[Violation, ...]:
    """The books against themselves (帐帐相符): conservation, no red figure, units booked."""
    found: list[Violation] = []
    held: dict[str, int] = {}
    negative = FINDINGS["assets.negative_quantity"]
    for table in (state.avail, state.pool, state.loaned, state.repair):
        for (where, item_id), quantity in table.items():
            held[item_id] = held.get(item_id, 0) + quantity
            if quantity < 0:
                found.append(negative.violation(f"{where}/{item_id}", quantity=quantity))
    not_conserved = FINDINGS["assets.not_conserved"]
    for item_id in sorted(state.items):
        expected = (
            state.received.get(item_id, 0)
            + state.surplus.get(item_id, 0)
            - state.shortage.get(item_id, 0)
            - state.disposed.get(item_id, 0)
        )
        if held.get(item_id, 0) != expected:
            found.append(
                not_conserved.violation(item_id, expected=expected, held=held.get(item_id, 0))
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
    not_booked = FINDINGS["assets.units_not_booked"]
    for (where, item_id, hold), count in sorted(
        tag_counts.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2].value)
    ):
        booked = tables[hold].get((where, item_id), 0)
        if booked != count:
            found.append(not_booked.violation(f"{where}/{item_id}", units=count, booked=booked))
    return tuple(found)
