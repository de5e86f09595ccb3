"""How long the backend's start takes: rebuild a ledger of 1M stored events by trusted replay.

    uv run --group backend python examples/backend/rebuild_bench.py [--events N] [--db PATH]

Records ``N`` events (default 1,000,000) through the ledger (receipts and issues of
chalk, receipts and new-for-old exchanges of brooms, a day per 4,000 events, each
with its own invoice or reason, so that no two bodies are equal), appends them to a
fresh SQLite store in one transaction, then times what the server does at start:
read the rows, load each body with the strict loader, and ``from_recorded(...,
check=False)``. Prints each phase and the total. Not run by CI (it takes about a
minute); the figure is reported in docs/how-to/backend.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pendulum
from event_store import EventStore
from web import LedgerService

from schoollogistics.assets import AssetLedger, HolderKind, PlaceKind

CLERK = "t-li"
PER_DAY = 4000


def record(events: int) -> AssetLedger:
    """A ledger of exactly ``events`` events, all accepted by the rules."""
    ledger = AssetLedger()
    start = pendulum.Date(2025, 9, 1)
    ledger.register_place("store", "总务库房", PlaceKind.STOREROOM, on=start, by=CLERK)
    ledger.register_holder("class-32", "三(2)班", HolderKind.CLASS, on=start, by=CLERK)
    ledger.register_item("chalk", "粉笔", unit="盒", unit_cost="3.50", on=start, by=CLERK)
    ledger.register_item(
        "broom", "扫帚", unit="把", unit_cost="15.00", exchange_rule=True, on=start, by=CLERK
    )
    ledger.receive("broom", "store", 2, acceptor=CLERK, invoice_ref="FP-0", on=start, by=CLERK)
    ledger.issue("broom", "store", "class-32", 1, initial_allocation=True, on=start, by=CLERK)
    i = ledger.version
    while ledger.version < events:
        day = start.add(days=i // PER_DAY)
        step = i % 4
        if step == 0:
            ledger.receive(
                "chalk", "store", 1, acceptor=CLERK, invoice_ref=f"FP-{i}", on=day, by=CLERK
            )
        elif step == 1:
            ledger.issue("chalk", "store", "class-32", 1, on=day, by=CLERK, reason=f"领用 {i}")
        elif step == 2:
            ledger.receive(
                "broom", "store", 1, acceptor=CLERK, invoice_ref=f"FP-{i}", on=day, by=CLERK
            )
        else:
            ledger.exchange("broom", "class-32", "store", 1, on=day, by=CLERK, reason=f"换新 {i}")
        i += 1
    return ledger


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="the SQLite file (default: a temporary one)")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = args.db or Path(folder.name) / "events.sqlite3"
    path.unlink(missing_ok=True)
    stream = "ledger/school-1"

    started = time.perf_counter()
    ledger = record(args.events)
    recorded = time.perf_counter() - started
    store = EventStore.sqlite(path)
    started = time.perf_counter()
    store.append(stream, ledger.recorded())
    appended = time.perf_counter() - started
    print(f"setup: {args.events:,} events recorded in {recorded:.1f} s, stored in {appended:.1f} s")
    print(f"database: {path.stat().st_size / 1e6:.0f} MB")
    del ledger

    started = time.perf_counter()
    rows = store.rows(stream)
    read = time.perf_counter() - started
    started = time.perf_counter()
    envelopes = store.load(stream)
    loaded = time.perf_counter() - started - read  # load() reads the rows again
    started = time.perf_counter()
    rebuilt = AssetLedger.from_recorded(envelopes, check=False)
    folded = time.perf_counter() - started
    assert rebuilt.version == len(rows) == args.events
    del envelopes, rebuilt, rows

    service = LedgerService(store)
    report = service.rebuild()
    print(f"read the rows:           {read:6.1f} s")
    print(f"load the bodies:         {loaded:6.1f} s  (serialization.loads, strict)")
    print(f"from_recorded(check=False): {folded:6.1f} s")
    print(
        f"LedgerService.rebuild(): {report.seconds:6.1f} s for {report.events:,} events "
        f"({report.events / report.seconds:,.0f} events/s)"
    )
    store.close()
    folder.cleanup()


if __name__ == "__main__":
    main()
