"""The food-sample audit as it was before issue 11: the reference oracle of the fused audit.

A verbatim copy of ``food_samples/_audit.py`` and ``food_samples/_fast.py`` at
commit c16a46a (eight checks, each a separate pass over indexes built once, on
exact ``timedelta`` instants). The property tests of ``test_food_samples_fused.py``
hold the audit of the library to exactly these findings, in this order, with these
parameters; the checks below also exercise the public attributes of the library's
``AuditContext`` (they were written against that interface). Do not "improve" this
file: it is the definition of the expected behaviour.
"""

from __future__ import annotations

import datetime as dt
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from itertools import compress, count, islice, repeat
from types import MappingProxyType
from typing import Final

import pendulum

from schoollogistics.core.findings import FINDINGS as ALL_FINDINGS
from schoollogistics.core.findings import Finding
from schoollogistics.core.time import DateRange, get_timezone, hours_text
from schoollogistics.core.violations import Violation, sort_violations
from schoollogistics.errors import Phrase
from schoollogistics.food_samples._policy import RetentionPolicy
from schoollogistics.food_samples._records import (
    Disposal,
    FoodSample,
    Hold,
    Meal,
    SampleLog,
    TemperatureReading,
)
from schoollogistics.food_samples.errors import InvalidRecordError

# ======================================================== old _fast.py

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


# ======================================================== old _audit.py

_NO_CABINET: Final = object()
_SAMPLE_ID: Final = operator.attrgetter("sample_id")


# ------------------------------------------------------- findings (from the core catalogue)

FINDINGS: Final[Mapping[str, Finding]] = MappingProxyType(
    {code: entry for code, entry in ALL_FINDINGS.items() if entry.rule.startswith("FS-")}
)
"""Every audit finding the food-sample audit can return, by code (read-only)."""

_LABELS_ZH: Final = {
    "dish": "菜品名称",
    "grams": "留样数量",
    "taken_by": "留样人",
    "reviewed_by": "审核人",
    "cabinet_id": "留样柜",
}


# ---------------------------------------------------------------- context


class AuditContext:
    """The indexes an audit builds once and every check reads (read-only by convention).

    Parallel lists describe the samples in scope: those of the meals served in
    the period, and samples naming an unknown meal that were taken in it. Times
    are [`Instant`][schoollogistics.food_samples.Instant]s.

    Args:
        log: The records to audit.
        policy: The retention policy.
        period: The audited days.

    Attributes:
        policy: The retention policy applied.
        period: The audited days.
        start_at: The first moment of the period.
        horizon: The first moment after the period: what happens later is not
            known to the audit (windows are cut there).
        meals: The meals served in the period, one per id, by id.
        conflicting_meals: Ids of meals recorded more than once with different
            contents, with the number of distinct records.
        samples: The samples in scope.
        taken: When each was taken.
        meal_of: Each sample's meal, or ``None`` when the meal is not on record.
        disposed_at: When each sample was first discarded, or ``None``.
        disposal: The record of that disposal, or ``None``.
        more_disposals: Further disposal records of a sample id (a sample
            should be discarded once; each record is checked), as (instant, record).
        orphan_disposals: Disposals in the period naming no known sample.
        holds: Every hold, as (placed, released or ``None``, hold).

    Raises:
        InvalidRecordError: ``period`` is not a `DateRange`, ``policy`` not a
            `RetentionPolicy`, or a record is of the wrong type.
    """

    __slots__ = (
        "_all_meal_ids",
        "_instant",
        "_instants",
        "_readings",
        "_series",
        "_service_starts",
        "_timezone",
        "conflicting_meals",
        "disposal",
        "disposed_at",
        "holds",
        "horizon",
        "meal_of",
        "meals",
        "more_disposals",
        "orphan_disposals",
        "period",
        "policy",
        "samples",
        "start_at",
        "taken",
    )

    def __init__(self, log: SampleLog, policy: RetentionPolicy, period: DateRange) -> None:
        if not isinstance(period, DateRange):
            raise InvalidRecordError(
                record="audit",
                field="period",
                reason=Phrase("expected a DateRange", "须为「DateRange」"),
            )
        if not isinstance(policy, RetentionPolicy):
            raise InvalidRecordError(
                record="audit",
                field="policy",
                reason=Phrase("expected a RetentionPolicy", "须为「RetentionPolicy」"),
            )
        self.policy = policy
        self.period = period
        zone = get_timezone(policy.timezone)
        self._timezone = zone
        instant, instants = instant_converter()
        self._instant = instant
        self._instants = instants
        after = period.end.add(days=1)
        self.start_at = instant(
            pendulum.datetime(period.start.year, period.start.month, period.start.day, tz=zone)
        )
        self.horizon = instant(pendulum.datetime(after.year, after.month, after.day, tz=zone))
        self.meals: dict[str, Meal] = {}
        self.conflicting_meals: dict[str, int] = {}
        self._service_starts: dict[str, Instant] = {}
        self._all_meal_ids: frozenset[str] = frozenset()
        self.samples: list[FoodSample] = []
        self.taken: list[Instant] = []
        self.meal_of: list[Meal | None] = []
        self.disposed_at: list[Instant | None] = []
        self.disposal: list[Disposal | None] = []
        self.more_disposals: dict[str, list[tuple[Instant, Disposal]]] = {}
        self.orphan_disposals: list[tuple[Instant, Disposal]] = []
        self.holds: list[tuple[Instant, Instant | None, Hold]] = []
        self._readings: dict[str, list[TemperatureReading]] = {}
        self._series: dict[str, Series] = {}
        self._index_meals(log.meals)
        self._index_samples(log.samples)
        self._index_disposals(log.disposals, log.samples)
        self._index_readings(log.readings)
        self._index_holds(log.holds)

    @classmethod
    def build(cls, log: SampleLog, policy: RetentionPolicy, period: DateRange) -> AuditContext:
        """Index the records of ``log`` for an audit of ``period`` under ``policy``."""
        return cls(log, policy, period)

    def _index_meals(self, meals: Iterable[Meal]) -> None:
        chosen: dict[str, Meal] = {}
        variants: dict[str, set[Meal]] = {}
        instant = self._instant
        for meal in meals:
            if type(meal) is not Meal:
                raise _wrong_type(field="meals", value=meal)
            known = chosen.get(meal.meal_id)
            if known is None:
                chosen[meal.meal_id] = meal
            elif known != meal:
                variants.setdefault(meal.meal_id, {known}).add(meal)
                chosen[meal.meal_id] = min(known, meal, key=lambda m: _meal_key(m, instant))
        self.conflicting_meals = {meal_id: len(found) for meal_id, found in variants.items()}
        start, end = self.period.start, self.period.end
        self.meals = {k: m for k, m in chosen.items() if start <= m.day <= end}
        self._service_starts = {k: instant(m.service_start) for k, m in self.meals.items()}
        self._all_meal_ids = frozenset(chosen)

    def _index_samples(self, samples: Iterable[FoodSample]) -> None:
        meals = self.meals
        all_meals = self._all_meal_ids
        kept, meal_of = self.samples, self.meal_of
        unknown: list[FoodSample] = []
        last_id: object = None
        last_meal: Meal | None = None
        for sample in samples:
            if type(sample) is not FoodSample:
                raise _wrong_type(field="samples", value=sample)
            meal_id = sample.meal_id
            if meal_id == last_id:  # samples of one meal usually come together
                meal = last_meal
            else:
                meal = last_meal = meals.get(meal_id)
                last_id = meal_id
            if meal is not None:
                kept.append(sample)
                meal_of.append(meal)
            elif meal_id not in all_meals:
                unknown.append(sample)
        self.taken = self._instants([sample.taken_at for sample in kept])
        for sample in unknown:
            moment = self._instant(sample.taken_at)
            if self.start_at <= moment < self.horizon:
                kept.append(sample)
                self.taken.append(moment)
                meal_of.append(None)

    def _index_disposals(
        self, disposals: Iterable[Disposal], everything: Iterable[FoodSample]
    ) -> None:
        """Join the disposals to the samples in scope.

        The join itself is the speed module's merge join
        (``_fast.join_disposals``). ``everything`` (every sample record) is read
        only when a disposal names no sample in scope, to tell a sample out of
        scope from none at all; such a disposal in the period is an orphan (FS-6).
        """
        records = disposals if isinstance(disposals, tuple) else tuple(disposals)
        for disposal in records:
            if type(disposal) is not Disposal:
                raise _wrong_type(field="disposals", value=disposal)
        moments = self._instants([disposal.discarded_at for disposal in records])
        ids = list(map(_SAMPLE_ID, self.samples))
        self.disposed_at, self.disposal, unmatched = join_disposals(
            ids, records, moments, self.more_disposals
        )
        if unmatched:
            elsewhere = frozenset(map(_SAMPLE_ID, everything))
            start_at, horizon = self.start_at, self.horizon
            self.orphan_disposals.extend(
                (moment, disposal)
                for moment, disposal in unmatched
                if disposal.sample_id not in elsewhere and start_at <= moment < horizon
            )

    def _index_readings(self, readings: Iterable[TemperatureReading]) -> None:
        wanted = {s.cabinet_id for s in self.samples}
        by_cabinet = self._readings
        for reading in readings:
            if type(reading) is not TemperatureReading:
                raise _wrong_type(field="readings", value=reading)
            cabinet = reading.cabinet_id
            if cabinet not in wanted:
                continue
            found = by_cabinet.get(cabinet)
            if found is None:
                by_cabinet[cabinet] = [reading]
            else:
                found.append(reading)

    def _index_holds(self, holds: Iterable[Hold]) -> None:
        instant = self._instant
        for hold in holds:
            if type(hold) is not Hold:
                raise _wrong_type(field="holds", value=hold)
            released = None if hold.released_at is None else instant(hold.released_at)
            self.holds.append((instant(hold.placed_at), released, hold))

    # ------------------------------------------------------------ helpers for checks

    def instant(self, value: dt.datetime) -> Instant:
        """The exact instant of an aware moment (the audit's time scale)."""
        return self._instant(value)

    def show(self, instant: Instant) -> str:
        """An instant as ISO 8601 text in the school's zone."""
        return pendulum.instance(ORIGIN + instant).in_timezone(self._timezone).isoformat()

    def disposals_of(self, index: int) -> list[tuple[Instant, Disposal]]:
        """Every disposal record of the ``index``-th sample in scope, as (instant, record)."""
        moment, disposal = self.disposed_at[index], self.disposal[index]
        if moment is None or disposal is None:
            return []
        return [(moment, disposal), *self.more_disposals.get(disposal.sample_id, ())]

    def service_start(self, meal_id: str) -> Instant:
        """When service of an in-scope meal starts."""
        return self._service_starts[meal_id]

    def series(self, cabinet_id: str) -> Series | None:
        """The sorted readings of a cabinet (built on first use), or ``None`` if it has none."""
        found = self._series.get(cabinet_id)
        if found is None:
            readings = self._readings.get(cabinet_id)
            if readings is None:
                return None
            found = Series(
                self._instants([reading.at for reading in readings]),
                [reading.celsius for reading in readings],
                self.policy,
            )
            self._series[cabinet_id] = found
        return found

    def covering_holds(self, index: int) -> list[tuple[Instant, Instant | None, Hold]]:
        """The holds covering the ``index``-th sample in scope."""
        if not self.holds:
            return []
        sample = self.samples[index]
        taken = self.taken[index]
        instant = self._instant
        found = []
        for entry in self.holds:
            hold = entry[2]
            if sample.meal_id in hold.meal_ids or (
                hold.taken_from is not None
                and hold.taken_until is not None
                and instant(hold.taken_from) <= taken < instant(hold.taken_until)
            ):
                found.append(entry)
        return found


def _wrong_type(*, field: str, value: object) -> InvalidRecordError:
    return InvalidRecordError(
        record="audit",
        field=field,
        reason=Phrase(
            "unexpected {type_name}", "不应为「{type_name}」", type_name=type(value).__name__
        ),
    )


def _meal_key(
    meal: Meal, instant: Callable[[dt.datetime], Instant]
) -> tuple[Instant, int, str, tuple[str, ...], str]:
    return (
        instant(meal.service_start),
        meal.day.toordinal(),
        meal.kind.value,
        meal.dishes,
        meal.event_name or "",
    )


def _meal_params(meal: Meal) -> dict[str, str]:
    return {"meal": meal.meal_id, "meal_zh": meal.label_zh}


def _blank(value: str | None) -> bool:
    return not (value and value.strip())


# ---------------------------------------------------------------- checks


Check = Callable[[AuditContext], tuple[Violation, ...]]
"""An audit check: a pure function of the audit context returning its findings."""


def fs1_dishes_sampled(context: AuditContext) -> tuple[Violation, ...]:
    """FS-1: every dish of every meal has a sample; samples match served meals and dishes.

    A sample without a dish name counts for no dish (FS-4 reports the missing
    name). Meals recorded twice with different contents are reported, and the
    audit goes on with one of them (the earliest service start).
    """
    found: list[Violation] = []
    # the dishes sampled of each meal met (``None`` once complete; see _fast)
    sampled: dict[str, set[str | None] | None] = {}
    unserved = FINDINGS["food_samples.sample_of_unserved_dish"]
    unknown = FINDINGS["food_samples.sample_without_meal"]
    last: Meal | None = None
    dishes: set[str | None] = set()
    for sample, meal in zip(context.samples, context.meal_of, strict=True):
        if meal is None:
            found.append(unknown.violation(sample.sample_id, meal=sample.meal_id))
            continue
        if meal is not last:  # samples of one meal usually come together
            if last is not None:
                settle_dishes(sampled, last, dishes)
            dishes = dishes_so_far(sampled, meal.meal_id)
            last = meal
        dish = sample.dish
        dishes.add(dish)
        if dish not in meal.dishes and not _blank(dish):
            found.append(unserved.violation(sample.sample_id, dish=str(dish), **_meal_params(meal)))
    if last is not None:
        settle_dishes(sampled, last, dishes)
    missing = FINDINGS["food_samples.dish_without_sample"]
    nothing: set[str | None] = set()
    for meal_id, meal in context.meals.items():
        got = sampled.get(meal_id, nothing)
        if got is None:
            continue
        found.extend(
            missing.violation(
                f"{meal_id}/{dish}",
                dish=dish,
                day=meal.day.isoformat(),
                kind=meal.event_name or meal.kind.value,
                **_meal_params(meal),
            )
            for dish in meal.dishes
            if dish not in got
        )
    conflict = FINDINGS["food_samples.conflicting_meals"]
    found.extend(
        conflict.violation(meal_id, count=str(count))
        for meal_id, count in context.conflicting_meals.items()
        if meal_id in context.meals
    )
    return tuple(found)


def fs2_weights(context: AuditContext) -> tuple[Violation, ...]:
    """FS-2: each sample weighs at least the policy minimum (default 125 g)."""
    minimum = context.policy.min_grams
    finding = FINDINGS["food_samples.underweight"]
    return tuple(
        finding.violation(
            sample.sample_id, dish=str(sample.dish), grams=str(sample.grams), minimum=str(minimum)
        )
        for sample in context.samples
        if sample.grams is not None and sample.grams < minimum
    )


def fs3_retention(context: AuditContext) -> tuple[Violation, ...]:
    """FS-3: no sample is discarded before the retention (default 48 h) has elapsed."""
    retention = plain(context.policy.retention)
    finding = FINDINGS["food_samples.discarded_too_early"]
    more = context.more_disposals
    found: list[Violation] = []
    for index, (sample, taken, first) in enumerate(
        zip(context.samples, context.taken, context.disposed_at, strict=True)
    ):
        if first is None:
            continue
        earliest = taken + retention
        if first >= earliest and (not more or sample.sample_id not in more):
            continue
        found.extend(
            finding.violation(
                sample.sample_id,
                discarded_at=context.show(at),
                earliest_discard_at=context.show(earliest),
                retention_hours=hours_text(retention),
            )
            for at, _ in context.disposals_of(index)
            if at < earliest
        )
    return tuple(found)


def fs4_labels(context: AuditContext) -> tuple[Violation, ...]:
    """FS-4: each sample record names the dish, quantity, sampler (and reviewer) and cabinet."""
    policy = context.policy
    reviewer = policy.reviewer_required
    finding = FINDINGS["food_samples.missing_label"]
    found: list[Violation] = []
    for sample in context.samples:
        dish = sample.dish
        taken_by = sample.taken_by
        reviewed_by = sample.reviewed_by
        cabinet = sample.cabinet_id
        if (
            sample.grams is not None
            and dish
            and dish.strip()
            and taken_by
            and taken_by.strip()
            and (not reviewer or (reviewed_by and reviewed_by.strip()))
            and cabinet
            and cabinet.strip()
        ):
            continue
        fields = sample.missing_labels(policy)
        found.append(
            finding.violation(
                sample.sample_id,
                fields=", ".join(fields),
                fields_zh="、".join(_LABELS_ZH[f] for f in fields),
            )
        )
    return tuple(found)


def fs5_temperatures(context: AuditContext) -> tuple[Violation, ...]:
    """FS-5: readings in range and without long gaps while a sample is in its window.

    A sample's window runs from when it was taken for the retention time, cut at
    the end of the audited period. Each cabinet's readings are sorted once; the
    readings of a window are found by bisection. A reading outside
    ``[min_celsius, max_celsius]`` (inclusive) inside the window is reported once
    per sample with the first such reading and their count. A gap is a stretch of
    more than ``max_reading_gap`` between consecutive readings that overlaps the
    window; before the first and after the last reading, the window's own start
    and end stand in for the missing reading.
    """
    policy = context.policy
    retention = plain(policy.retention)
    max_gap = plain(policy.max_reading_gap)
    horizon = context.horizon
    out = FINDINGS["food_samples.temperature_out_of_range"]
    gap_finding = FINDINGS["food_samples.temperature_gap"]
    limits = {"minimum": str(policy.min_celsius), "maximum": str(policy.max_celsius)}
    gap_hours = hours_text(max_gap)
    found: list[Violation] = []
    last_cabinet: object = _NO_CABINET
    series: Series | None = None
    for sample, start in zip(context.samples, context.taken, strict=True):
        cabinet = sample.cabinet_id
        if cabinet is not last_cabinet:
            if _blank(cabinet):
                continue
            last_cabinet = cabinet
            series = context.series(str(cabinet))
        end = start + retention
        if end > horizon:
            end = horizon
            if end <= start:
                continue
        gap = (
            None if no_gap_possible(series, start, end) else _first_gap(series, start, end, max_gap)
        )
        if gap is not None:
            found.append(
                gap_finding.violation(
                    sample.sample_id,
                    cabinet=str(cabinet),
                    gap_from=context.show(gap[0]),
                    gap_to=context.show(gap[1]),
                    max_gap_hours=gap_hours,
                )
            )
        if series is None or not series.out_of_range:
            continue
        bad = series.out_of_range
        times = series.times
        low = bisect_left(times, start)
        high = bisect_right(times, end)
        first = bisect_left(bad, low)
        if first < len(bad) and bad[first] < high:
            index = bad[first]
            found.append(
                out.violation(
                    sample.sample_id,
                    cabinet=str(cabinet),
                    at=context.show(times[index]),
                    celsius=str(series.celsius[index]),
                    count=str(bisect_left(bad, high) - first),
                    **limits,
                )
            )
    return tuple(found)


def _first_gap(
    series: Series | None, start: Instant, end: Instant, max_gap: Instant
) -> tuple[Instant, Instant] | None:
    """The earliest reading gap longer than ``max_gap`` overlapping ``(start, end)``."""
    if series is None or not series.times:
        return (start, end) if end - start > max_gap else None
    times = series.times
    count = len(times)
    after_start = bisect_right(times, start)  # times[:after_start] are <= start
    before_end = bisect_left(times, end)  # times[:before_end] are < end
    if after_start == 0 and times[0] - start > max_gap:
        return (start, times[0])
    first = after_start - 1 if after_start > 0 else 0
    last = before_end if before_end < count else count - 1
    gaps = series.big_gaps
    if gaps:
        position = bisect_left(gaps, first)
        if position < len(gaps) and gaps[position] < last:
            index = gaps[position]
            return (times[index], times[index + 1])
    if before_end == count and end - times[-1] > max_gap:
        return (times[-1], end)
    return None


def fs6_disposals(context: AuditContext) -> tuple[Violation, ...]:
    """FS-6: disposals say who destroyed the sample; samples are not kept long past their time.

    A sample is *kept past its time* (a warning) when no disposal is recorded and
    the period ends after ``overdue_after`` (default 72 h) from its taking, or
    when its first disposal came after that. From records alone the audit cannot
    tell a sample still in the cabinet from one destroyed without a record, so
    the finding says both. A hold (FS-7) suspends the clock: a sample under a hold
    still in force at the end of the period is not reported, and a released hold
    gives the same grace after the release (``overdue_after − retention``).
    A disposal naming no known sample is reported too.
    """
    policy = context.policy
    overdue = plain(policy.overdue_after)
    grace = overdue - plain(policy.retention)
    horizon = context.horizon
    unsigned = FINDINGS["food_samples.disposal_unsigned"]
    late = FINDINGS["food_samples.kept_past_time"]
    found: list[Violation] = []
    more = context.more_disposals
    has_holds = bool(context.holds)
    rows = zip(context.samples, context.taken, context.disposed_at, context.disposal, strict=True)
    for index, (sample, taken, first, record) in enumerate(rows):
        if record is not None:
            signer = record.discarded_by
            if not (signer and signer.strip()) or (more and sample.sample_id in more):
                found.extend(
                    unsigned.violation(sample.sample_id, discarded_at=context.show(at))
                    for at, disposal in context.disposals_of(index)
                    if _blank(disposal.discarded_by)
                )
        due: Instant | None = taken + overdue
        if has_holds:
            due = _hold_deadline(context, index, taken + overdue, grace, horizon)
        if due is None:
            continue
        if first is None:
            if horizon > due:
                found.append(
                    late.violation(
                        sample.sample_id,
                        taken_at=context.show(taken),
                        due_by=context.show(due),
                        state="no disposal is recorded: still kept, or destroyed without a record",
                        state_zh="无销毁记录：仍在留存或销毁未登记",
                    )
                )
        elif first > due:
            found.append(
                late.violation(
                    sample.sample_id,
                    taken_at=context.show(taken),
                    due_by=context.show(due),
                    state=f"it was discarded only at {context.show(first)}",
                    state_zh=f"迟至 {context.show(first)} 才销毁",
                )
            )
    orphan = FINDINGS["food_samples.disposal_without_sample"]
    found.extend(
        orphan.violation(disposal.sample_id, discarded_at=context.show(at))
        for at, disposal in context.orphan_disposals
    )
    return tuple(found)


def _hold_deadline(
    context: AuditContext, index: int, due: Instant, grace: Instant, horizon: Instant
) -> Instant | None:
    """The disposal deadline under holds, or ``None`` while a hold is still in force.

    Only holds placed before the sample became overdue count (a later hold does
    not excuse a sample already kept too long).
    """
    extended = due
    for placed, released, _ in context.covering_holds(index):
        if placed > due or placed >= horizon:
            continue
        if released is None or released >= horizon:
            return None
        extended = max(extended, released + grace)
    return extended


def fs7_holds(context: AuditContext) -> tuple[Violation, ...]:
    """FS-7: no sample is discarded while a hold covering it is in force."""
    if not context.holds:
        return ()
    finding = FINDINGS["food_samples.held_sample_discarded"]
    found: list[Violation] = []
    for index, sample in enumerate(context.samples):
        entries = context.disposals_of(index)
        if not entries:
            continue
        holds = context.covering_holds(index)
        found.extend(
            finding.violation(sample.sample_id, discarded_at=context.show(at), hold=hold.hold_id)
            for at, _ in entries
            for placed, released, hold in holds
            if placed <= at and (released is None or at < released)
        )
    return tuple(found)


def fs8_taken_before_service(context: AuditContext) -> tuple[Violation, ...]:
    """FS-8: each sample is taken no later than the start of its meal's service."""
    finding = FINDINGS["food_samples.taken_after_service"]
    found: list[Violation] = []
    last: Meal | None = None
    start = NOT_LOOKED_UP
    for sample, taken, meal in zip(context.samples, context.taken, context.meal_of, strict=True):
        if meal is None:
            continue
        if meal is not last:  # samples of one meal usually come together
            start = context.service_start(meal.meal_id)
            last = meal
        if taken > start:
            found.append(
                finding.violation(
                    sample.sample_id,
                    taken_at=context.show(taken),
                    service_start=context.show(start),
                    **_meal_params(meal),
                )
            )
    return tuple(found)


DEFAULT_CHECKS: Final[tuple[Check, ...]] = (
    fs1_dishes_sampled,
    fs2_weights,
    fs3_retention,
    fs4_labels,
    fs5_temperatures,
    fs6_disposals,
    fs7_holds,
    fs8_taken_before_service,
)
"""The rule set FS-1 … FS-8, one check per rule, in rule order."""


# ---------------------------------------------------------------- entry points


def audit(
    meals: Iterable[Meal],
    samples: Iterable[FoodSample],
    disposals: Iterable[Disposal],
    readings: Iterable[TemperatureReading],
    policy: RetentionPolicy,
    period: DateRange,
    *,
    holds: Iterable[Hold] = (),
    checks: tuple[Check, ...] = DEFAULT_CHECKS,
) -> tuple[Violation, ...]:
    """Audit food-sample records over a period (FS-1 … FS-8).

    The records may come from a cabinet or from another system; the findings are
    returned as data, each with its rule ID, in a canonical order that does not
    depend on the order of the inputs.

    Args:
        meals: The meals; those whose day is in ``period`` are audited.
        samples: The samples (those of audited meals, plus any naming an unknown
            meal and taken in the period).
        disposals: The disposal records.
        readings: The temperature readings of the cabinets.
        policy: The retention policy.
        period: The audited days (the end of its last day is the audit horizon).
        holds: The incident holds (FS-7), with their releases.
        checks: The rule set to run (default: every FS check).

    Returns:
        The findings, sorted by rule, code, subject and parameters.

    Raises:
        InvalidRecordError: ``period`` or ``policy`` is of the wrong type, or a
            record is of the wrong type.
    """
    log = SampleLog(
        meals=tuple(meals),
        samples=tuple(samples),
        disposals=tuple(disposals),
        readings=tuple(readings),
        holds=tuple(holds),
    )
    return audit_log(log, policy, period, checks=checks)


def audit_log(
    log: SampleLog,
    policy: RetentionPolicy,
    period: DateRange,
    *,
    checks: tuple[Check, ...] = DEFAULT_CHECKS,
) -> tuple[Violation, ...]:
    """Audit a [`SampleLog`][schoollogistics.food_samples.SampleLog] (see `audit`)."""
    context = AuditContext.build(log, policy, period)
    found: list[Violation] = []
    for check in checks:
        found.extend(check(context))
    return sort_violations(found)
