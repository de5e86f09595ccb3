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
        yield report(
            "",
            f"{item.name} × {quantity}",
            item.unit_cost * quantity,
            item.unit_cost,
            quantity,
            event.effective_on,
        )


def loss_reports(
    events: Sequence[AssetEvent],
    items: dict[str, ItemType],
    units: dict[str, AssetUnit],
    policy: LedgerPolicy,
) -> tuple[LossReport, ...]:
    """Damage-claim inputs produced by the events, in recording order."""
    claim = policy.hand_back.claim_conditions
    loans: dict[str, Lent] = {}
    found: list[LossReport] = []
    gone = Condition.UNUSABLE
    for seq, event in enumerate(events):
        if isinstance(event, Lent):
            loans[event.loan_id] = event
        elif isinstance(event, Exchanged) and event.lost_quantity:
            item = items[event.item_id]
            found.extend(
                _reports_for(
                    LossKind.LOST,
                    event,
                    seq,
                    item,
                    units,
                    event.lost_tags,
                    event.lost_quantity,
                    event.holder_id,
                    event.holder_id,
                    gone,
                )
            )
        elif isinstance(event, Returned) and event.condition in claim:
            item = items[event.item_id]
            found.extend(
                _reports_for(
                    LossKind.DAMAGED,
                    event,
                    seq,
                    item,
                    units,
                    event.tags,
                    event.quantity,
                    event.holder_id,
                    event.holder_id,
                    event.condition,
                )
            )
        elif isinstance(event, LoanReturned) and event.condition in claim:
            loan = loans[event.loan_id]
            found.extend(
                _reports_for(
                    LossKind.DAMAGED,
                    event,
                    seq,
                    items[loan.item_id],
                    units,
                    loan.tags,
                    loan.quantity,
                    loan.borrower_id,
                    loan.borrower_id,
                    event.condition,
                )
            )
        elif isinstance(event, DamageReported) and event.condition in claim:
            found.extend(
                _reports_for(
                    LossKind.DAMAGED,
                    event,
                    seq,
                    items[event.item_id],
                    units,
                    event.tags,
                    event.quantity,
                    event.responsible_id or event.location_id,
                    event.location_id,
                    event.condition,
                )
            )
        elif isinstance(event, StockTakePosted) and event.responsible_id:
            for line in event.lines:
                found.extend(
                    _reports_for(
                        LossKind.SHORTAGE,
                        event,
                        seq,
                        items[line.item_id],
                        units,
                        line.shortage_tags,
                        line.shortage,
                        event.responsible_id,
                        event.place_id,
                        gone,
                    )
                )
    return tuple(found)


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
