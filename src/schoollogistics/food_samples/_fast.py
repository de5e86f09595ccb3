"""SPEED ONLY: the tricks that keep the food-sample audit fast at district scale.

Nothing here decides a rule. The FS checks of ``_audit.py`` say what is checked
and call these helpers for *how fast*: exact instants without per-value
timezone calls, one cabinet's readings sorted once with indexes of the
out-of-range readings and of the long gaps, a merge join of disposals to
samples, and a per-meal dish tally that lets go of complete meals (so that the
cyclic garbage collector does not walk an ever larger heap). Each helper gives
exactly what the plain code would; the tests of the checks pin that.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from decimal import Decimal
from itertools import compress, count, islice, repeat
from typing import Final

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
    "no_gap_possible",
    "plain",
    "settle_dishes",
]

ORIGIN: Final = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
NOT_LOOKED_UP: Final = dt.timedelta.min  # never an offset: marks a day not looked up yet

Instant = dt.timedelta
"""The audit's time scale: the exact time elapsed since 0001-01-01T00:00 UTC."""


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
    since = dt.datetime.__sub__
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


# ---------------------------------------------------------------- the disposal join


def join_disposals(
    ids: list[str],
    records: tuple[Disposal, ...],
    moments: list[Instant],
    more: dict[str, list[tuple[Instant, Disposal]]],
) -> tuple[list[Instant | None], list[Disposal | None], list[tuple[Instant, Disposal]]]:
    """Join disposals to the samples in scope (their ids, in order).

    Returns, per sample, the instant and record of its first disposal (or
    ``None``), and the disposals naming no sample in scope; the further disposals
    of a sample go to ``more`` (by sample id, as (instant, record)).

    Disposal records usually come in the order of their samples, so the join
    first tries the sample after the last one matched (a merge join, reading the
    samples in order) and looks the id up in an index of every sample in scope
    only when that fails. A dictionary of every sample id, probed in random
    order, stops fitting the processor caches at district scale and would make
    the cost per sample grow with the size of the audit. When two samples in
    scope share an id (rare), the index is always used: the disposals go to the
    last of them, and the others copy its disposals.
    """
    size = len(ids)
    unique = len(set(ids)) == size
    position: dict[str, int] | None = None  # every id in scope, built on first need
    twins: list[tuple[int, int]] = []  # (index, the index holding its id), rare
    if not unique:
        position = dict(zip(ids, range(size), strict=True))
        twins = [(index, position[key]) for index, key in enumerate(ids) if position[key] != index]
    following = 0  # the sample after the last one matched
    disposed_at: list[Instant | None] = [None] * size
    first: list[Disposal | None] = [None] * size
    unmatched: list[tuple[Instant, Disposal]] = []
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
        earlier = disposed_at[index]
        previous = first[index]
        if earlier is None or previous is None:
            disposed_at[index] = moment
            first[index] = disposal
        elif moment < earlier:
            more.setdefault(sample_id, []).append((earlier, previous))
            disposed_at[index] = moment
            first[index] = disposal
        else:
            more.setdefault(sample_id, []).append((moment, disposal))
    for index, holder in twins:
        disposed_at[index] = disposed_at[holder]
        first[index] = first[holder]
    return disposed_at, first, unmatched


# ---------------------------------------------------------------- readings


class Series:
    """One cabinet's readings, sorted by time, with the indexes the FS-5 check uses.

    Readings at the same moment are ordered by temperature, so that which one is
    reported does not depend on the input order.
    """

    __slots__ = ("big_gaps", "celsius", "out_of_range", "times")

    def __init__(
        self, times: list[Instant], celsius: list[Decimal], policy: RetentionPolicy
    ) -> None:
        ordered = sorted(times)
        if ordered != times or any(map(operator.eq, times, islice(times, 1, None))):
            pairs = sorted(zip(times, celsius, strict=True))
            times = [pair[0] for pair in pairs]
            celsius = [pair[1] for pair in pairs]
        low, high = policy.min_celsius, policy.max_celsius
        self.times = times
        self.celsius = celsius
        self.out_of_range: list[int] = []
        if celsius and (min(celsius) < low or max(celsius) > high):
            self.out_of_range = [i for i, c in enumerate(celsius) if not low <= c <= high]
        max_gap = plain(policy.max_reading_gap)
        steps = map(operator.sub, islice(times, 1, None), times)
        self.big_gaps = list(compress(count(), map(operator.gt, steps, repeat(max_gap))))


def no_gap_possible(series: Series | None, start: Instant, end: Instant) -> bool:
    """True when readings lie on both sides of ``[start, end]`` and no gap is long anywhere.

    A shortcut before the bisections of the FS-5 gap check: when it holds, that
    check cannot find a gap in the window.
    """
    return (
        series is not None
        and not series.big_gaps
        and bool(series.times)
        and series.times[0] <= start
        and series.times[-1] >= end
    )


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
