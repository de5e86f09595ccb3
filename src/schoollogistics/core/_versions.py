"""Optimistic concurrency, shared by the aggregates: versions and sequence numbers.

An aggregate's version is the number of events it holds. A write may name the
version it was built from (``expected_version``); it is refused with
[`VersionConflictError`][schoollogistics.errors.VersionConflictError] when the
aggregate has moved on. Each recorded event has a sequence number, 1 for the
first: after ``n`` events the version is ``n`` and the last sequence is ``n``.
"""

from __future__ import annotations

from collections.abc import Iterable

from schoollogistics.core.shapes import MAX_INTEGER, check_int
from schoollogistics.errors import EventSequenceError, VersionConflictError

__all__ = ["check_expected_version", "check_sequences", "check_since"]


def check_expected_version(expected: object, actual: int) -> None:
    """Refuse a write built from another version than ``actual`` (``None``: no check).

    Raises:
        FieldTypeError: ``expected`` is not an ``int`` (a ``bool`` neither).
        ValueOutOfRangeError: ``expected`` is negative or beyond ±(2^53 − 1).
        VersionConflictError: ``expected`` is not ``actual``.
    """
    if expected is None:
        return
    version = check_int(expected, "expected_version", 0, MAX_INTEGER)
    if version != actual:
        raise VersionConflictError(expected=version, actual=actual)


def check_since(since: object, version: int) -> int:
    """``since`` if it is a version the aggregate has had (0 … ``version``), else a typed error.

    Raises:
        FieldTypeError: not an ``int``.
        ValueOutOfRangeError: negative or beyond the aggregate's version.
    """
    return check_int(since, "since", 0, version)


def check_sequences(sequences: Iterable[int], start: int = 1) -> int:
    """Check that the sequence numbers run ``start``, ``start + 1`` … with no hole.

    Returns:
        How many there were.

    Raises:
        EventSequenceError: a gap, a duplicate or an out-of-order number.
    """
    expected = start
    for index, sequence in enumerate(sequences):
        if sequence != expected:
            raise EventSequenceError(index=index, expected=expected, actual=sequence)
        expected += 1
    return expected - start
