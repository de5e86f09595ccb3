"""Fixtures of the example backend's tests: the backend's modules on sys.path, the stores.

Run by .ci/run (examples/backend/e2e.sh):
``uv run --group backend pytest examples/backend/tests --no-cov -p no:cacheprovider -n0``.
The PostgreSQL store is tested only when ``SCHOOLLOGISTICS_PG_URL`` is set.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(BACKEND))

from event_store import EventStore  # noqa: E402

PG_URL = os.environ.get("SCHOOLLOGISTICS_PG_URL")


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param(
            "postgres",
            marks=pytest.mark.skipif(
                PG_URL is None, reason="set SCHOOLLOGISTICS_PG_URL to test on PostgreSQL"
            ),
        ),
    ]
)
def store_factory(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[], EventStore]]:
    """Opens stores on one database: SQLite in a fresh file, or PostgreSQL."""
    opened: list[EventStore] = []

    def open_store() -> EventStore:
        if request.param == "sqlite":
            store = EventStore.sqlite(tmp_path / "events.sqlite3")
        else:
            assert PG_URL is not None
            store = EventStore.postgres(PG_URL)
        opened.append(store)
        return store

    yield open_store
    for store in opened:
        store.close()


@pytest.fixture
def stream() -> str:
    """A stream name of its own (the PostgreSQL database is shared between runs)."""
    return f"ledger/test-{uuid.uuid4().hex[:12]}"
