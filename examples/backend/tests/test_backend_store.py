"""The event store: one table, a unique (stream, sequence) key, one transaction per append."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pendulum
import pytest
from event_store import EventStore
from web import demo_commands

from schoollogistics.assets import AssetLedger
from schoollogistics.errors import SerializationError, VersionConflictError

StoreFactory = Callable[[], EventStore]
DAY = pendulum.Date(2025, 9, 22)


def _demo_ledger() -> AssetLedger:
    ledger = AssetLedger()
    for command in demo_commands():
        ledger.execute(command)
    return ledger


def test_append_then_load_rebuilds_the_ledger(store_factory: StoreFactory, stream: str) -> None:
    store = store_factory()
    ledger = _demo_ledger()
    assert store.version(stream) == 0
    assert store.load(stream) == []
    store.append(stream, ledger.recorded())
    assert store.version(stream) == ledger.version
    assert stream in store.streams()
    loaded = store.load(stream)
    assert loaded == list(ledger.recorded())
    assert AssetLedger.from_recorded(loaded) == ledger
    assert store.load(stream, since=5) == list(ledger.recorded(5))


def test_streams_are_independent(store_factory: StoreFactory, stream: str) -> None:
    store = store_factory()
    ledger = _demo_ledger()
    store.append(stream, ledger.recorded())
    store.append(stream + "-b", ledger.recorded(0)[:2])
    assert store.version(stream) == ledger.version
    assert store.version(stream + "-b") == 2


def test_the_key_refuses_a_lost_update(store_factory: StoreFactory, stream: str) -> None:
    """Two replicas at one version both accept a command; the database keeps one."""
    first, second = store_factory(), store_factory()
    first.append(stream, _demo_ledger().recorded())
    replica_a = AssetLedger.from_recorded(first.load(stream))
    replica_b = AssetLedger.from_recorded(second.load(stream))
    seen = replica_a.version
    for replica in (replica_a, replica_b):
        replica.exchange("broom", "class-32", "store", 1, on=DAY, by="t-li")
    first.append(stream, replica_a.recorded(seen))
    with pytest.raises(VersionConflictError) as caught:
        second.append(stream, replica_b.recorded(seen))
    assert caught.value.params == {"expected": seen, "actual": seen + 1}
    assert second.version(stream) == seen + 1
    # The loser rebases: reload, build again, append.
    rebased = AssetLedger.from_recorded(second.load(stream))
    rebased.exchange("broom", "class-32", "store", 1, on=DAY, by="t-li")
    second.append(stream, rebased.recorded(seen + 1))
    assert first.version(stream) == seen + 2


def test_an_append_is_one_transaction(store_factory: StoreFactory, stream: str) -> None:
    store = store_factory()
    ledger = _demo_ledger()
    store.append(stream, ledger.recorded()[:3])
    # Sequences 3 (taken) and 4 (free): neither is stored.
    with pytest.raises(VersionConflictError):
        store.append(stream, ledger.recorded(2)[:2])
    assert store.version(stream) == 3
    store.append(stream, ledger.recorded(3))
    assert store.load(stream) == list(ledger.recorded())


def test_an_empty_append_stores_nothing(store_factory: StoreFactory, stream: str) -> None:
    store = store_factory()
    store.append(stream, ())
    assert store.version(stream) == 0


def test_a_row_edited_by_hand_is_refused_on_load(tmp_path: Path, stream: str) -> None:
    path = tmp_path / "events.sqlite3"
    store = EventStore.sqlite(path)
    store.append(stream, _demo_ledger().recorded()[:1])
    with closing(sqlite3.connect(path)) as other:
        other.execute(
            "UPDATE events SET body = ? WHERE stream = ?", ('{"type": "Received", "x": 1}', stream)
        )
        other.commit()
    with pytest.raises(SerializationError):
        store.load(stream)
    store.close()
