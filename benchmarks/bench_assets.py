"""Asset ledger benchmarks: replay, back-dated entries, memory (issues 3 and 11).

50 places (a storeroom and 49 rooms), 200 item types (20 fixed-asset types with
2,000 tagged units, 180 consumables of which 30 under the exchange rule) and 100
holders. The mixed events are receive, issue, exchange, return, transfer, lend
and loan return, spread over one school year (about 2,740 a day at 1M). They are
generated directly (a deterministic generator that keeps its own books so that
every event is valid), then replayed.

What each figure is, and what its baseline does:

* ``assets.replay``: ``AssetLedger.replay(events)`` with every event checked
  (every guard of AS-1 ... AS-11 that applies), events per second. Baseline: a
  bare dict loop applying the same quantity changes, with the keys prebuilt
  (``(place, item)`` tuples made by the generator, outside the timing), no rule,
  no tag, loan, hazard or month table, no event objects read. Subject and
  baseline alternate (A B A B ..., ≥ 5 pairs, process CPU time, a collection
  before each run); the median of each and the median per-pair ratio.
* ``assets.replay_trusted``: the same with ``check=False`` (folds only).
* ``assets.replay_growth``: checked replay time per event at 1M and 3M over
  that at 100k (1.0 is linear), beside the same growth of the bare loop on the
  same events (``baseline``): the part of the growth that the memory hierarchy
  gives any loop over this many objects.
* ``assets.backdated_{1,7,30}d``: a receipt of a consumable (untagged) dated 1,
  7 and 30 days before the last entry, behind N events (median of 5 entries
  each, on the same ledger): the ledger restores its nearest state checkpoint
  before the date and re-checks only that item's later events (the shortcut for
  untagged quantity entries). ``assets.backdated_tagged_7d``: a receipt of a new
  tagged unit 7 days back, which takes the general path (refold from the
  checkpoint, every later event checked again). Baseline (``_full``): what an
  entry cost before checkpoints, a full sorted and checked refold of the N
  events (one run).
* ``assets.memory_*``: bytes the replayed ledger keeps alive per event
  (``retained_memory``): ``memory_ledger`` counts the ledger alone (its two
  lists, its state tables and its checkpoints; the events are built before the
  trace), ``memory_with_events`` also counts the event objects (built inside the
  trace). No baseline structure is counted. ``checkpoint_entries`` is the number
  of table entries the checkpoints hold.
"""

from __future__ import annotations

import gc
from functools import partial
from typing import Any

import pendulum
from _measure import alternate, median_cpu, rate_record, record, retained_memory

from schoollogistics import Money
from schoollogistics.assets import (
    AssetLedger,
    Condition,
    Exchanged,
    Holder,
    HolderKind,
    HolderRegistered,
    Issued,
    ItemKind,
    ItemRegistered,
    ItemType,
    Lent,
    LoanReturned,
    Place,
    PlaceKind,
    PlaceRegistered,
    Received,
    Returned,
    Transferred,
)
from schoollogistics.core import AssetCategory

STORE = "store"
ROOMS = [f"room-{i:02d}" for i in range(49)]
HOLDERS = [f"staff-{i:03d}" for i in range(100)]
FIXED = [f"fixed-{i:02d}" for i in range(20)]
CONSUMABLES = [f"cons-{i:03d}" for i in range(150)]
EXCHANGE = [f"exch-{i:02d}" for i in range(30)]
UNITS_PER_FIXED = 100
ACTOR = "clerk"
SUPPLIER = "supplier"


class _Lcg:
    """A tiny deterministic generator (the benchmark needs no real randomness)."""

    def __init__(self, seed: int) -> None:
        self.state = seed

    def below(self, n: int) -> int:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % n


def generate(n: int) -> tuple[list[Any], list[tuple[tuple[Any, Any, int], ...]]]:
    """``n`` valid mixed events, and for each the bare quantity changes (src, dst, q)."""
    rng = _Lcg(20250901)
    days = [pendulum.Date(2025, 9, 1).add(days=i) for i in range(366)]
    day0 = days[0]
    events: list[Any] = []
    changes: list[tuple[tuple[Any, Any, int], ...]] = []
    none: tuple[tuple[Any, Any, int], ...] = ()
    for place in (STORE, *ROOMS):
        kind = PlaceKind.STOREROOM if place == STORE else PlaceKind.CLASSROOM
        events.append(
            PlaceRegistered(
                place=Place(place, place, kind, ACTOR), effective_on=day0, recorded_by=ACTOR
            )
        )
    for holder in HOLDERS:
        events.append(
            HolderRegistered(
                holder=Holder(holder, holder, HolderKind.STAFF),
                effective_on=day0,
                recorded_by=ACTOR,
            )
        )
    cost = Money("12.50")
    value = Money("3200")
    for item_id in FIXED:
        item = ItemType(
            item_id, item_id, AssetCategory.TEACHING_INSTRUMENTS, "台", ItemKind.FIXED_ASSET, value
        )
        events.append(ItemRegistered(item=item, effective_on=day0, recorded_by=ACTOR))
    for item_id in CONSUMABLES + EXCHANGE:
        item = ItemType(
            item_id,
            item_id,
            AssetCategory.CONSUMABLES,
            "件",
            ItemKind.CONSUMABLE,
            cost,
            exchange_rule=item_id in EXCHANGE,
        )
        events.append(ItemRegistered(item=item, effective_on=day0, recorded_by=ACTOR))
    changes.extend([none] * len(events))

    avail: dict[tuple[str, str], int] = {}
    where: dict[str, str] = {}
    free_tags: dict[str, list[str]] = {}  # tags in the store, per item
    placed: list[str] = []  # tags in rooms
    loans: list[tuple[str, Lent]] = []

    def add(key: tuple[str, str], q: int) -> None:
        avail[key] = avail.get(key, 0) + q

    def receive(
        item_id: str, quantity: int, unit_cost: Money, on: pendulum.Date, tags: tuple[str, ...] = ()
    ) -> None:
        events.append(
            Received(
                item_id=item_id,
                place_id=STORE,
                quantity=quantity,
                unit_cost=unit_cost,
                tags=tags,
                acceptor=ACTOR,
                supplier=SUPPLIER,
                effective_on=on,
                recorded_by=ACTOR,
            )
        )
        changes.append(((None, (STORE, item_id), quantity),))
        add((STORE, item_id), quantity)

    for item_id in FIXED:
        new_tags = tuple(f"{item_id}-{u:03d}" for u in range(UNITS_PER_FIXED))
        receive(item_id, len(new_tags), value, day0, new_tags)
        free_tags[item_id] = list(new_tags)
        for tag in new_tags:
            where[tag] = STORE
    for item_id in CONSUMABLES + EXCHANGE:
        receive(item_id, 1000, cost, day0)
    for item_id in EXCHANGE:  # initial allocation: two per room
        for room in ROOMS:
            events.append(
                Issued(
                    item_id=item_id,
                    from_place=STORE,
                    to_location=room,
                    quantity=2,
                    initial_allocation=True,
                    effective_on=day0,
                    recorded_by=ACTOR,
                )
            )
            changes.append((((STORE, item_id), (room, item_id), 2),))
            add((STORE, item_id), -2)
            add((room, item_id), 2)

    locations = ROOMS + HOLDERS
    loan_no = 0
    while len(events) < n:
        day_index = min(len(events) * 365 // max(n, 1), 365)
        day = days[day_index]
        roll = rng.below(100)
        if roll < 10:  # receive a consumable
            item_id = CONSUMABLES[rng.below(len(CONSUMABLES))]
            receive(item_id, 50, cost, day)
        elif roll < 35:  # issue a consumable
            item_id = CONSUMABLES[rng.below(len(CONSUMABLES))]
            to = locations[rng.below(len(locations))]
            q = 1 + rng.below(3)
            if avail.get((STORE, item_id), 0) < q:
                continue
            events.append(
                Issued(
                    item_id=item_id,
                    from_place=STORE,
                    to_location=to,
                    quantity=q,
                    effective_on=day,
                    recorded_by=ACTOR,
                )
            )
            changes.append((((STORE, item_id), (to, item_id), q),))
            add((STORE, item_id), -q)
            add((to, item_id), q)
        elif roll < 47:  # exchange a broom-like item
            item_id = EXCHANGE[rng.below(len(EXCHANGE))]
            room = ROOMS[rng.below(len(ROOMS))]
            if avail.get((STORE, item_id), 0) < 1:
                events.append(
                    Received(
                        item_id=item_id,
                        place_id=STORE,
                        quantity=100,
                        unit_cost=cost,
                        acceptor=ACTOR,
                        supplier=SUPPLIER,
                        effective_on=day,
                        recorded_by=ACTOR,
                    )
                )
                changes.append(((None, (STORE, item_id), 100),))
                add((STORE, item_id), 100)
                continue
            events.append(
                Exchanged(
                    item_id=item_id,
                    holder_id=room,
                    store_id=STORE,
                    quantity=1,
                    condition=Condition.WORN,
                    effective_on=day,
                    recorded_by=ACTOR,
                )
            )
            changes.append(
                (((STORE, item_id), ("pool", item_id), 1), ((room, item_id), (room, item_id), 0))
            )
            add((STORE, item_id), -1)
        elif roll < 60:  # return a consumable
            item_id = CONSUMABLES[rng.below(len(CONSUMABLES))]
            holder = locations[rng.below(len(locations))]
            if avail.get((holder, item_id), 0) < 1:
                continue
            events.append(
                Returned(
                    item_id=item_id,
                    holder_id=holder,
                    store_id=STORE,
                    quantity=1,
                    condition=Condition.GOOD,
                    effective_on=day,
                    recorded_by=ACTOR,
                )
            )
            changes.append((((holder, item_id), (STORE, item_id), 1),))
            add((holder, item_id), -1)
            add((STORE, item_id), 1)
        elif roll < 75:  # transfer a consumable or a tagged unit between rooms
            if roll < 70:
                item_id = CONSUMABLES[rng.below(len(CONSUMABLES))]
                source = locations[rng.below(len(locations))]
                target = locations[rng.below(len(locations))]
                if source == target or avail.get((source, item_id), 0) < 1:
                    continue
                tags: tuple[str, ...] = ()
            else:
                if not placed:
                    continue
                index = rng.below(len(placed))
                tag = placed[index]
                item_id = tag[:8]
                source = where[tag]
                target = ROOMS[rng.below(len(ROOMS))]
                if source == target:
                    continue
                tags = (tag,)
                where[tag] = target
            events.append(
                Transferred(
                    item_id=item_id,
                    from_location=source,
                    to_location=target,
                    quantity=1,
                    tags=tags,
                    effective_on=day,
                    recorded_by=ACTOR,
                )
            )
            changes.append((((source, item_id), (target, item_id), 1),))
            add((source, item_id), -1)
            add((target, item_id), 1)
        elif roll < 85:  # issue a tagged unit to a room (or bring one back)
            item_id = FIXED[rng.below(len(FIXED))]
            if free_tags[item_id] and rng.below(2):
                tag = free_tags[item_id].pop()
                room = ROOMS[rng.below(len(ROOMS))]
                events.append(
                    Issued(
                        item_id=item_id,
                        from_place=STORE,
                        to_location=room,
                        quantity=1,
                        tags=(tag,),
                        effective_on=day,
                        recorded_by=ACTOR,
                    )
                )
                changes.append((((STORE, item_id), (room, item_id), 1),))
                add((STORE, item_id), -1)
                add((room, item_id), 1)
                where[tag] = room
                placed.append(tag)
            elif placed:
                tag = placed.pop(rng.below(len(placed)))
                item_id = tag[:8]
                room = where[tag]
                events.append(
                    Returned(
                        item_id=item_id,
                        holder_id=room,
                        store_id=STORE,
                        quantity=1,
                        tags=(tag,),
                        condition=Condition.GOOD,
                        effective_on=day,
                        recorded_by=ACTOR,
                    )
                )
                changes.append((((room, item_id), (STORE, item_id), 1),))
                add((room, item_id), -1)
                add((STORE, item_id), 1)
                where[tag] = STORE
                free_tags[item_id].append(tag)
        elif loans and (roll < 92 or len(loans) > 200):  # a loan comes back
            loan_tag, lent = loans.pop(rng.below(len(loans)))
            events.append(
                LoanReturned(
                    loan_id=lent.loan_id,
                    condition=Condition.GOOD,
                    effective_on=day,
                    recorded_by=ACTOR,
                )
            )
            changes.append((((lent.borrower_id, "L"), (STORE, lent.item_id), 1),))
            add((STORE, lent.item_id), 1)
            free_tags[lent.item_id].append(loan_tag)
        else:  # lend a tagged unit
            item_id = FIXED[rng.below(len(FIXED))]
            if not free_tags[item_id]:
                continue
            tag = free_tags[item_id].pop()
            loan_no += 1
            borrower = HOLDERS[rng.below(len(HOLDERS))]
            lent = Lent(
                loan_id=f"loan-{loan_no}",
                item_id=item_id,
                from_place=STORE,
                borrower_id=borrower,
                quantity=1,
                tags=(tag,),
                due_on=days[min(day_index + 14, 365)],
                effective_on=day,
                recorded_by=ACTOR,
            )
            events.append(lent)
            changes.append((((STORE, item_id), (borrower, "L"), 1),))
            add((STORE, item_id), -1)
            loans.append((tag, lent))
    return events[:n], changes[:n]


def _bare(changes: list[tuple[tuple[Any, Any, int], ...]]) -> dict[Any, int]:
    books: dict[Any, int] = {}
    get = books.get
    for change in changes:
        for source, target, q in change:
            books[source] = get(source, 0) - q
            books[target] = get(target, 0) + q
    return books


def _backdate(books: AssetLedger, day: pendulum.Date) -> Received:
    return books.receive(
        CONSUMABLES[0], STORE, 1, acceptor=ACTOR, supplier=SUPPLIER, on=day, by=ACTOR
    )


def _same_books(ledger: AssetLedger, bare: dict[Any, int]) -> None:
    assert ledger.check_invariants() == ()
    held = {
        (row.location_id, row.item_id): row.quantity
        for row in ledger.on_hand()
        if row.holding.value == "available"
    }
    expected = {key: q for key, q in bare.items() if key is not None and q}
    assert {key: q for key, q in held.items() if key in expected} == expected


def bench_replay(quick: bool) -> list[dict[str, Any]]:
    n = 20_000 if quick else 1_000_000
    pairs = 5
    events, changes = generate(n)
    checked = alternate(
        lambda: AssetLedger.replay(events, check=True), lambda: _bare(changes), pairs=pairs
    )
    trusted = alternate(
        lambda: AssetLedger.replay(events, check=False), lambda: _bare(changes), pairs=pairs
    )
    ledger = AssetLedger.replay(events)
    assert ledger.check_invariants() == ()
    changes.clear()
    return [
        rate_record("assets.replay", n, checked, "events/s"),
        rate_record("assets.replay_trusted", n, trusted, "events/s"),
    ]


def bench_growth(quick: bool) -> list[dict[str, Any]]:
    sizes = (2_000, 20_000) if quick else (100_000, 1_000_000, 3_000_000)
    ours: list[float] = []
    bare: list[float] = []
    for size in sizes:
        events, changes = generate(size)
        measured = alternate(
            partial(AssetLedger.replay, events),
            partial(_bare, changes),
            pairs=5,
        )
        ours.append(measured.subject / size)
        bare.append(measured.baseline / size)
        del events, changes
        gc.collect()
    return [
        {
            "name": "assets.replay_growth",
            "value": round(ours[index] / ours[0], 3),
            "unit": f"x time per event at {size} vs {sizes[0]}",
            "bare_loop_growth": round(bare[index] / bare[0], 3),
        }
        for index, size in enumerate(sizes)
        if index
    ]


def bench_backdated(quick: bool) -> list[dict[str, Any]]:
    n = 20_000 if quick else 1_000_000
    events, _ = generate(n)
    books = AssetLedger.replay(events, check=False)
    last_day = max(event.effective_on for event in events)
    results = []
    for back in (1, 7, 30):
        day = last_day.subtract(days=back)
        later = sum(1 for event in events if event.effective_on > day)
        spent, _ = median_cpu(5, partial(_backdate, books, day))
        results.append(
            record(
                f"assets.backdated_{back}d",
                spent * 1000,
                f"ms per entry {back} day(s) back ({later} later events) behind {n}",
            )
        )
    # A tagged receipt (a new projector) takes the general path: refold from the
    # checkpoint, every later event checked again.
    day = last_day.subtract(days=7)
    tags = iter(f"bench-new-{number}" for number in range(1_000))

    def tagged() -> Received:
        return books.receive(
            FIXED[0], STORE, tags=[next(tags)], acceptor=ACTOR, supplier=SUPPLIER, on=day, by=ACTOR
        )

    spent, _ = median_cpu(5, tagged)
    results.append(
        record(
            "assets.backdated_tagged_7d",
            spent * 1000,
            f"ms per tagged entry 7 days back behind {n}",
        )
    )
    assert books == AssetLedger.replay(books.events)
    probe = _backdate(AssetLedger.replay(events, check=False), last_day.subtract(days=7))
    full, _ = median_cpu(1, lambda: AssetLedger.replay([*events, probe]))
    results.append(record("assets.backdated_full", full * 1000, f"ms: full refold of {n}"))
    results.append(record("assets.checkpoint_entries", books.checkpoint_entries, "entries"))
    return results


def bench_memory(quick: bool) -> list[dict[str, Any]]:
    n = 10_000 if quick else 1_000_000
    events, _ = generate(n)
    gc.collect()
    ledger_only, _, ledger = retained_memory(partial(AssetLedger.replay, events))
    assert len(ledger) == n
    del ledger, events
    gc.collect()
    with_events, _, ledger = retained_memory(lambda: AssetLedger.replay(generate(n)[0]))
    assert len(ledger) == n
    return [
        record("assets.memory_ledger", ledger_only / n, "bytes/event (ledger alone)"),
        record("assets.memory_with_events", with_events / n, "bytes/event (ledger + events)"),
    ]


BENCHMARKS = {
    "assets.replay": bench_replay,
    "assets.growth": bench_growth,
    "assets.backdated": bench_backdated,
    "assets.memory": bench_memory,
}
