"""An event store for the example backend: one table, a unique (stream, sequence) key.

Plain DB-API (``sqlite3`` from the standard library by default, ``psycopg`` for
PostgreSQL) and portable SQL: the same class runs on both, only the parameter
marker and the connection differ. The store keeps the events and nothing else;
everything a page shows is derived from them by the library.

The database arbitrates concurrent writers: an append of a sequence number that
is already stored violates the primary key, the transaction is rolled back and
the store raises the library's ``VersionConflictError`` (``concurrency.version_conflict``),
so a lost update is refused by the database itself even if two processes both
passed the aggregate's own version check.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, Protocol

from schoollogistics import serialization
from schoollogistics.assets import AssetEvent, RecordedAssetEvent
from schoollogistics.errors import VersionConflictError

SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS events (
    stream   TEXT    NOT NULL,
    sequence INTEGER NOT NULL,
    body     TEXT    NOT NULL,
    PRIMARY KEY (stream, sequence)
)
"""


class Cursor(Protocol):
    """The part of a DB-API cursor the store uses."""

    def execute(self, query: str, params: Sequence[Any] = ..., /) -> object: ...
    def executemany(self, query: str, params: Sequence[Sequence[Any]], /) -> object: ...
    def fetchall(self) -> list[Any]: ...
    def fetchone(self) -> Any: ...
    def close(self) -> object: ...


class Connection(Protocol):
    """The part of a DB-API connection the store uses."""

    def cursor(self) -> Any: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def close(self) -> None: ...


class EventStore:
    """Stored events of many streams (a stream per aggregate, e.g. ``ledger/school-1``).

    Use [`sqlite`][] or [`postgres`][] to open one. Thread-safe: one connection,
    one lock (the example serves one process; the key protects across processes).
    """

    def __init__(
        self,
        connection: Connection,
        *,
        marker: str,
        integrity_error: type[Exception],
    ) -> None:
        self._connection = connection
        self._marker = marker
        self._integrity_error = integrity_error
        self._lock = threading.Lock()
        self._run(lambda cursor: cursor.execute(SCHEMA), commit=True)

    @classmethod
    def sqlite(cls, path: str | Path) -> EventStore:
        """A store in a SQLite file (created if missing); ``":memory:"`` for tests."""
        connection = sqlite3.connect(str(path), timeout=10, check_same_thread=False)
        if str(path) != ":memory:":
            connection.execute("PRAGMA journal_mode=WAL")
        return cls(connection, marker="?", integrity_error=sqlite3.IntegrityError)

    @classmethod
    def postgres(cls, url: str) -> EventStore:
        """A store in a PostgreSQL database (needs ``psycopg``)."""
        import psycopg  # noqa: PLC0415 - optional: only this constructor needs it

        connection = psycopg.connect(url)
        return cls(connection, marker="%s", integrity_error=psycopg.IntegrityError)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._connection.close()

    def _sql(self, query: str) -> str:
        return query.replace("?", self._marker)

    def _run(self, work: Callable[[Cursor], Any], *, commit: bool = False) -> Any:
        with self._lock:
            cursor = self._connection.cursor()
            try:
                result = work(cursor)
                if commit:
                    self._connection.commit()
                else:
                    # End the read transaction (psycopg opens one on every query).
                    self._connection.rollback()
            except BaseException:
                self._connection.rollback()
                raise
            finally:
                cursor.close()
            return result

    # ------------------------------------------------------------ reading

    def streams(self) -> list[str]:
        """Every stream that holds at least one event, sorted."""

        def work(cursor: Cursor) -> list[str]:
            cursor.execute("SELECT DISTINCT stream FROM events ORDER BY stream")
            return [str(row[0]) for row in cursor.fetchall()]

        result: list[str] = self._run(work)
        return result

    def version(self, stream: str) -> int:
        """The number of events stored for ``stream`` (its last sequence number)."""

        def work(cursor: Cursor) -> int:
            cursor.execute(
                self._sql("SELECT COALESCE(MAX(sequence), 0) FROM events WHERE stream = ?"),
                (stream,),
            )
            return int(cursor.fetchone()[0])

        result: int = self._run(work)
        return result

    def rows(self, stream: str, since: int = 0) -> list[tuple[int, str]]:
        """The stored rows ``(sequence, body)`` after ``since``, in sequence order."""

        def work(cursor: Cursor) -> list[tuple[int, str]]:
            cursor.execute(
                self._sql(
                    "SELECT sequence, body FROM events WHERE stream = ? AND sequence > ? "
                    "ORDER BY sequence"
                ),
                (stream, since),
            )
            return [(int(sequence), str(body)) for sequence, body in cursor.fetchall()]

        result: list[tuple[int, str]] = self._run(work)
        return result

    def load(self, stream: str, since: int = 0) -> list[RecordedAssetEvent]:
        """The stored events after ``since`` as envelopes, for ``from_recorded``.

        The bodies go through the library's strict loader, as one JSON array (about
        twice as fast as one call per row): a row edited by hand is refused with a
        typed ``SerializationError`` whose path starts with the row's index
        (``$[12].quantity``).
        """
        rows = self.rows(stream, since)
        text = "[" + ",".join(body for _, body in rows) + "]"
        events = serialization.loads(list[AssetEvent], text)
        return [
            RecordedAssetEvent(sequence, event)
            for (sequence, _), event in zip(rows, events, strict=True)
        ]

    # ------------------------------------------------------------ writing

    def append(self, stream: str, recorded: Sequence[RecordedAssetEvent]) -> None:
        """Append envelopes to ``stream`` in one transaction.

        Raises:
            VersionConflictError: a sequence number is already stored (another
                writer got there first); nothing of ``recorded`` is stored.
        """
        if not recorded:
            return
        rows = [
            (stream, envelope.sequence, serialization.dumps(envelope.event, AssetEvent))
            for envelope in recorded
        ]
        query = self._sql("INSERT INTO events (stream, sequence, body) VALUES (?, ?, ?)")
        try:
            self._run(lambda cursor: cursor.executemany(query, rows), commit=True)
        except self._integrity_error:
            expected = recorded[0].sequence - 1
            raise VersionConflictError(expected=expected, actual=self.version(stream)) from None
