"""Serve the example backend: ``uv run --group backend python examples/backend/serve.py``.

Options: ``--db PATH`` (a SQLite file, default build/backend/ledger.sqlite3),
``--pg URL`` (PostgreSQL instead), ``--host``, ``--port``, ``--demo SCHOOL`` (record a
demo school's setup if its stream is empty). On start every stored ledger is
rebuilt by trusted replay and the time it took is printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import uvicorn
from event_store import EventStore
from web import LedgerService, create_app, seed_demo

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "build" / "backend" / "ledger.sqlite3")
    parser.add_argument("--pg", help="a PostgreSQL URL (instead of --db)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--demo", metavar="SCHOOL", help="seed this school if it is empty")
    args = parser.parse_args(argv)
    if args.pg:
        store = EventStore.postgres(args.pg)
    else:
        args.db.parent.mkdir(parents=True, exist_ok=True)
        store = EventStore.sqlite(args.db)
    service = LedgerService(store)
    rebuilt = service.rebuild()
    print(
        f"rebuilt {rebuilt.streams} stream(s), {rebuilt.events} event(s) "
        f"in {rebuilt.seconds:.3f} s",
        flush=True,
    )
    if args.demo and seed_demo(service, args.demo):
        print(f"seeded the demo school {args.demo!r}", flush=True)
    print(f"serving on http://{args.host}:{args.port}/", flush=True)
    try:
        uvicorn.run(create_app(service), host=args.host, port=args.port, log_level="warning")
    finally:
        store.close()


if __name__ == "__main__":
    main()
