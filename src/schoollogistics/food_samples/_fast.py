"""SPEED ONLY: the tricks that keep the food-sample audit fast at district scale.

Nothing here decides a rule. The audit pass of ``_audit.py`` says what is
checked and calls these helpers for *how fast*:

* the time scale: the moments of the records are compared as they are (aware
  datetimes of one zone compare and subtract in C without consulting the zone)
  when that is exact, that is when the school's zone (where the records keep
  every moment) does not change its offset over the span they cover
  (`steady_scale`); otherwise every moment is taken to UTC first
  (`to_utc`). Exact instants (`instant_converter`) remain for the public
  interface of the audit context;
* one cabinet's readings sorted once, with indexes of the out-of-range readings
  and of the long gaps (`Series`), the gaps found by a strided scan;
* a merge join of disposals to samples (`join_disposals`);
* a per-meal dish tally that lets go of complete meals (so that the cyclic
  garbage collector does not walk an ever larger heap).

Each helper gives exactly what the plain code would; the reference audit of the
tests (the audit before issue 11, kept verbatim) pins that.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import compress, count, islice, repeat
from typing import Final, Generic, TypeVar

from schoollogistics.errors import Phrase
from schoollogistics.food_samples._policy import RetentionPolicy
from schoollogistics.food_samples._records import Disposal, Meal
from schoollogistics.food_samples.errors import InvalidRecordError

__all__ = [
    "NOT_LOOKED_UP",
    "ORIGIN",
    "Instant",
    "Series",
    "dishes_so_far",
    "instant_converter",
    "join_disposals",
    "plain",
    "settle_dishes",
    "steady_scale",
    "to_utc",
]

ORIGIN: Final = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
NOT_LOOKED_UP: Final = dt.timedelta.min  # never an offset: marks a day not looked up yet
DAY: Final = dt.timedelta(days=1)

Instant = dt.timedelta
"""The audit's time scale: the exact time elapsed since 0001-01-01T00:00 UTC."""

T = TypeVar("T", dt.datetime, dt.timedelta)

# C-level operations of the stdlib types (pendulum's DateTime overrides ``-`` and
# ``+`` in Python, and builds a pendulum object for every result).
since: Final = dt.datetime.__sub__
_UTC_OF: Final = dt.datetime.astimezone


# ---------------------------------------------------------------- exact instants


def instant_converter() -> tuple[
    Callable[[dt.datetime], Instant], Callable[[list[dt.datetime]], list[Instant]]
]:
    """A function turning aware datetimes into exact instants (time since 0001-01-01 UTC).

    The wall-clock time since 0001-01-01 in the value's own zone is one C-level
    subtraction (both operands share the zone, so no offset is consulted); the
    UTC offset is then taken off. Offsets are memoised per zone and local day:
    when a zone's offset at the first and the last microsecond of a day agree,
    the day has no clock change and that offset holds all day; on a day of
    change every value asks its zone. (Zones change their offset at most once a
    day.) The memo lives as long as one audit.
    """
    zones: dict[int, tuple[object, dt.datetime, dict[int, Instant | None]]] = {}
    utcoffset = dt.datetime.utcoffset
    last_zone: object = None
    last_origin = ORIGIN
    last_table: dict[int, Instant | None] = {}

    def offset_of(value: dt.datetime) -> Instant:
        delta = utcoffset(value)
        if delta is None:  # pragma: no cover - records only hold aware moments
            raise InvalidRecordError(
                record="audit", field="moment", reason=Phrase("naive datetime", "时间缺少时区")
            )
        return delta

    def day_offset(value: dt.datetime) -> Instant | None:
        first = dt.datetime(value.year, value.month, value.day, tzinfo=value.tzinfo)
        last = dt.datetime(
            value.year, value.month, value.day, 23, 59, 59, 999_999, tzinfo=value.tzinfo, fold=1
        )
        start = offset_of(first)
        return start if offset_of(last) == start else None

    def instant(value: dt.datetime) -> Instant:
        nonlocal last_zone, last_origin, last_table
        zone = value.tzinfo
        if zone is not last_zone:
            entry = zones.get(id(zone))
            if entry is None:
                origin = dt.datetime(1, 1, 1, tzinfo=zone)
                entry = zones[id(zone)] = (zone, origin, {})
            last_zone, last_origin, last_table = entry
        wall = since(value, last_origin)
        day = wall.days
        offset = last_table.get(day, NOT_LOOKED_UP)
        if offset is NOT_LOOKED_UP:
            offset = last_table[day] = day_offset(value)
        if offset is None:
            offset = offset_of(value)
        return wall - offset

    def instants(values: list[dt.datetime]) -> list[Instant]:
        """Many moments at once: the same as ``instant`` per value, without the call overhead."""
        out: list[Instant] = []
        if not values:
            return out
        append = out.append
        instant(values[0])  # primes the memo of the first value's zone
        zone, origin, table = last_zone, last_origin, last_table
        for value in values:
            if value.tzinfo is zone:
                wall = since(value, origin)
                offset = table.get(wall.days, NOT_LOOKED_UP)
                if offset is not NOT_LOOKED_UP and offset is not None:
                    append(wall - offset)
                    continue
            append(instant(value))
        return out

    return instant, instants


def plain(duration: dt.timedelta) -> Instant:
    """A plain timedelta (pendulum's Duration overrides arithmetic in Python)."""
    return dt.timedelta(
        days=duration.days, seconds=duration.seconds, microseconds=duration.microseconds
    )


# ---------------------------------------------------------------- the time scale of the pass


def steady_scale(
    zone: dt.tzinfo,
    bounds: Sequence[tuple[dt.datetime, dt.datetime]],
    margin: dt.timedelta,
) -> bool:
    """Whether moments of ``zone`` can be compared and subtracted as they are, exactly.

    Two aware datetimes with the same ``tzinfo`` compare and subtract by their
    wall-clock fields, without asking the zone: that is exact when the zone's
    offset is the same at both. The records keep every moment in the school's
    default zone (their converters put it there), so it is exact for every pair
    when that zone keeps one offset from ``margin`` before the earliest to
    ``margin`` after the latest moment. ``bounds`` gives the earliest and the
    latest moment of each group of moments (found by the caller). The offset is
    read at every local midnight of that span (zones change their offset at most
    once a day, as `instant_converter` assumes too). A span of more than 2,000
    days is not looked at (the caller then takes every moment to UTC, which is
    exact too, and cheaper than reading so many offsets when the records are
    spread so thin).
    """
    if not bounds:
        return True
    low = min(pair[0] for pair in bounds)
    high = max(pair[1] for pair in bounds)
    first = dt.datetime(low.year, low.month, low.day, tzinfo=zone) - margin
    last = dt.datetime(high.year, high.month, high.day, tzinfo=zone) + margin + DAY
    days = (last - first).days
    if days > _MOST_DAYS:
        return False
    midnights = map(operator.add, repeat(first), map(_days, range(days + 1)))
    return len(set(map(dt.datetime.utcoffset, midnights))) == 1


_MOST_DAYS: Final = 2_000


def _days(number: int) -> dt.timedelta:
    return dt.timedelta(days=number)


def to_utc(values: list[dt.datetime]) -> list[dt.datetime]:
    """The moments in UTC (the same instants; comparisons between them are then exact)."""
    return [_UTC_OF(value, dt.UTC) for value in values]


# ---------------------------------------------------------------- the disposal join


def join_disposals(
    ids: list[str],
    records: Sequence[Disposal],
    moments: list[T],
    more: dict[str, list[tuple[T, Disposal]]],
    earlier: Callable[[T, T], bool] = operator.lt,
) -> tuple[list[T | None], list[Disposal | None], list[tuple[T, Disposal]]]:
    """Join disposals to the samples (their ids, in order).

    Returns, per sample, the moment and record of its first disposal (or
    ``None``), and the disposals naming no sample; the further disposals of a
    sample go to ``more`` (by sample id, as (moment, record)). The first is the
    earliest by ``earlier`` (the first given of several at one moment).

    Disposal records usually come in the order of their samples, so the join
    first tries the sample after the last one matched (a merge join, reading the
    samples in order) and looks the id up in an index of every sample only when
    that fails. A dictionary of every sample id, probed in random order, stops
    fitting the processor caches at district scale and would make the cost per
    sample grow with the size of the audit. When two samples share an id (rare),
    the index is always used: the disposals go to the last of them, and the
    others copy its disposals.
    """
    size = len(ids)
    unique = len(set(ids)) == size
    position: dict[str, int] | None = None  # every id, built on first need
    twins: list[tuple[int, int]] = []  # (index, the index holding its id), rare
    if not unique:
        position = dict(zip(ids, range(size), strict=True))
        twins = [(index, position[key]) for index, key in enumerate(ids) if position[key] != index]
    following = 0  # the sample after the last one matched
    disposed_at: list[T | None] = [None] * size
    first: list[Disposal | None] = [None] * size
    unmatched: list[tuple[T, Disposal]] = []
    for disposal, moment in zip(records, moments, strict=True):
        sample_id = disposal.sample_id
        index: int | None
        if unique and following < size and ids[following] == sample_id:
            index = following
        else:
            if position is None:
                position = dict(zip(ids, range(size), strict=True))
            index = position.get(sample_id)
        if index is None:
            unmatched.append((moment, disposal))
            continue
        following = index + 1
        before = disposed_at[index]
        previous = first[index]
        if before is None or previous is None:
            disposed_at[index] = moment
            first[index] = disposal
        elif earlier(moment, before):
            more.setdefault(sample_id, []).append((before, previous))
            disposed_at[index] = moment
            first[index] = disposal
        else:
            more.setdefault(sample_id, []).append((moment, disposal))
    for index, holder in twins:
        disposed_at[index] = disposed_at[holder]
        first[index] = first[holder]
    return disposed_at, first, unmatched


# ---------------------------------------------------------------- readings


class Series(Generic[T]):
    """One cabinet's readings, sorted by time, with the indexes the FS-5 check uses.

    Readings at the same moment are ordered by temperature, so that which one is
    reported does not depend on the input order. ``times`` are instants or
    moments of one exact scale; ``sub`` subtracts two of them.

    Attributes:
        times: The moments of the readings, sorted.
        celsius: Their temperatures, in the same order.
        out_of_range: The indexes of the readings outside the policy range.
        big_gaps: The indexes ``i`` with ``times[i + 1] - times[i]`` longer than
            the policy's ``max_reading_gap``.
    """

    __slots__ = ("big_gaps", "celsius", "out_of_range", "times")

    def __init__(
        self,
        times: list[T],
        celsius: list[Decimal],
        policy: RetentionPolicy,
        sub: Callable[[T, T], dt.timedelta] = operator.sub,
        *,
        increasing: bool | None = None,
    ) -> None:
        if increasing is None:
            increasing = all(map(operator.lt, times, islice(times, 1, None)))
        if not increasing:
            pairs = sorted(zip(times, celsius, strict=True))
            times = [pair[0] for pair in pairs]
            celsius = [pair[1] for pair in pairs]
        low, high = policy.min_celsius, policy.max_celsius
        self.times: list[T] = times
        self.celsius: list[Decimal] = celsius
        self.out_of_range: list[int] = []
        if celsius and (min(celsius) < low or max(celsius) > high):
            self.out_of_range = [i for i, c in enumerate(celsius) if not low <= c <= high]
        self.big_gaps = long_steps(times, plain(policy.max_reading_gap), sub)


def long_steps(
    times: list[T], limit: dt.timedelta, sub: Callable[[T, T], dt.timedelta]
) -> list[int]:
    """The indexes ``i`` where ``times[i + 1] - times[i] > limit`` (``times`` sorted).

    A strided scan: in sorted times, a stretch of ``stride`` steps no longer than
    ``limit`` has no step longer than it, so only the stretches longer than the
    limit are looked at step by step. The stride is the number of typical steps
    that fit in the limit (1 when the readings are further apart).
    """
    size = len(times)
    if size < 2:
        return []
    typical = sub(times[-1], times[0]) // (size - 1)
    stride = max(1, limit // typical) if typical else size
    if stride == 1:
        steps = map(sub, islice(times, 1, None), times)
        return list(compress(count(), map(operator.gt, steps, repeat(limit))))
    heads = times[::stride]
    tails = times[stride::stride]
    tails.append(times[-1])  # the last stretch ends at the last reading
    last = size - 1
    found: list[int] = []
    for block in compress(count(), map(operator.gt, map(sub, tails, heads), repeat(limit))):
        start = block * stride
        found.extend(
            index
            for index in range(start, min(start + stride, last))
            if sub(times[index + 1], times[index]) > limit
        )
    return found


# ---------------------------------------------------------------- the FS-1 dish tally

# The dishes sampled so far of each meal met, or ``None`` once every dish of the
# meal is sampled: a complete meal keeps no set, so the audit does not retain one
# container per meal (which, at district scale, would make the cyclic garbage
# collector walk the ever larger heap again and again).


def dishes_so_far(sampled: dict[str, set[str | None] | None], meal_id: str) -> set[str | None]:
    """The set to add a meal's sampled dishes to (a throwaway one if the meal is complete)."""
    if meal_id not in sampled:
        dishes: set[str | None] = set()
        sampled[meal_id] = dishes
        return dishes
    known = sampled[meal_id]
    return set() if known is None else known


def settle_dishes(
    sampled: dict[str, set[str | None] | None], meal: Meal, dishes: set[str | None]
) -> None:
    """Mark ``meal`` complete (``None``) in ``sampled`` once ``dishes`` covers its menu."""
    if dishes.issuperset(meal.dishes):
        sampled[meal.meal_id] = None
