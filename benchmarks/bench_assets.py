"""Asset ledger benchmark: replay a million mixed events (issue 3).

50 places (a storeroom and 49 rooms), 200 item types (20 fixed-asset types with
2,000 tagged units, 180 consumables of which 30 under the exchange rule) and 100
holders. The mixed events are receive, issue, exchange, return, transfer, lend
and loan return. They are generated directly (a deterministic generator that
keeps its own books so that every event is valid), then replayed:

* ``assets.replay``: ``AssetLedger.replay(events)`` with every event checked;
  events per second, against a bare-dict baseline that applies the same quantity
  changes with no rule at all, in the same run (``ratio`` = ours / bare);
* ``assets.replay_trusted``: the same with ``check=False``;
* ``assets.replay_linearity``: time for N events over time for N/10 (target ≤ 12);
* ``assets.backdated_entry``: one receipt dated 30 days back behind the N events
  (the whole history refolded and checked), in ms;
* ``assets.memory_per_event``: peak bytes per event of the event list plus the
  replayed ledger (target < 1 KB).

Times are the best of three runs in process CPU time (``time.process_time``), so
that other processes sharing the 2-core machine do not distort the figures; the
runs of each ratio alternate (N, N/10, bare, N, N/10, bare, ...) so that a change
of load during the run weighs on both sides; the garbage collector stays on.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import pendulum
from _measure import peak_memory, record

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


T = TypeVar("T")


def best_cpu(runs: int, function: Callable[[], T]) -> tuple[float, T]:
    """Like ``_measure.best_of``, in process CPU time."""
    best = float("inf")
    result: Any = None
    for _ in range(runs):
        gc.collect()
        start = time.process_time()
        result = function()
        best = min(best, time.process_time() - start)
    return best, result


def _bare(changes: list[tuple[tuple[Any, Any, int], ...]]) -> dict[Any, int]:
    books: dict[Any, int] = {}
    get = books.get
    for change in changes:
        for source, target, q in change:
            books[source] = get(source, 0) - q
            books[target] = get(target, 0) + q
    return books


def _replay(events: list[Any], *, check: bool) -> AssetLedger:
    return AssetLedger.replay(events, check=check)


def _backdate(books: AssetLedger, last_day: pendulum.Date) -> Received:
    return books.receive(
        CONSUMABLES[0],
        STORE,
        1,
        acceptor=ACTOR,
        supplier=SUPPLIER,
        on=last_day.subtract(days=30),
        by=ACTOR,
    )


def bench_replay(quick: bool) -> list[dict[str, Any]]:
    n = 50_000 if quick else 1_000_000
    runs = 3
    events, changes = generate(n)
    small = n // 10
    head = events[:small]
    gc.collect()
    # The N and N/10 replays alternate (and so do ours and the bare baseline), so that
    # a change in the machine's load during the run weighs on both sides of each ratio.
    seconds = small_seconds = trusted = bare = float("inf")
    ledger: AssetLedger | None = None
    for _ in range(runs):
        small_seconds = min(small_seconds, best_cpu(1, lambda: _replay(head, check=True))[0])
        spent, ledger = best_cpu(1, lambda: _replay(events, check=True))
        seconds = min(seconds, spent)
        bare = min(bare, best_cpu(1, lambda: _bare(changes))[0])
        trusted = min(trusted, best_cpu(1, lambda: _replay(events, check=False))[0])
    assert ledger is not None
    assert ledger.check_invariants() == ()
    # A back-dated entry (30 days before the last effective date, in an open month)
    # refolds and checks the whole history: O(events).
    last_day = max(event.effective_on for event in events)
    backdated = float("inf")
    for _ in range(runs):
        books = _replay(events, check=False)
        backdated = min(backdated, best_cpu(1, partial(_backdate, books, last_day))[0])
    changes.clear()
    gc.collect()

    sized = 20_000 if quick else n  # tracemalloc is slow: a smaller run in quick mode

    def build_and_replay() -> AssetLedger:
        fresh, _ = generate(sized)
        return AssetLedger.replay(fresh, check=True)

    peak, _ = peak_memory(build_and_replay)
    return [
        record("assets.replay", n / seconds, "events/s", n / bare),
        record("assets.replay_trusted", n / trusted, "events/s", n / bare),
        record("assets.replay_linearity", seconds / small_seconds, f"x time for {n} vs {small}"),
        record("assets.memory_per_event", peak / sized, "bytes/event"),
        record("assets.backdated_entry", backdated * 1000, f"ms per entry behind {n} events"),
    ]


BENCHMARKS = {"assets.replay": bench_replay}
