"""The food-sample audit: plain records in, findings (violations) out (FS-1 … FS-8).

The audit works on records from any source: a
[`SampleCabinet`][schoollogistics.food_samples.SampleCabinet]'s own log or data
exported by another system. The rule set is a tuple of checks, one per rule;
each check is a pure function ``(context) -> tuple[Violation, ...]`` of an
[`AuditContext`][schoollogistics.food_samples.AuditContext] (the beancount way).
The findings come back in a canonical order, so the result does not depend on
the order of the inputs.

**One pass.** The eight rules of the default checks are decided together, in one
pass over the samples (`_audit_pass`): for each sample in scope, its meal and
dishes (FS-1), weight (FS-2), disposals (FS-3, FS-6), labels (FS-4), cabinet
readings (FS-5), holds (FS-7) and service time (FS-8) are looked at once, and
each check returns the findings of its rule from that pass. The moments of the
records are compared as they are, as aware datetimes of the school's zone, when
that is exact (one zone object, no change of offset over the span of the
records; see ``_fast.steady_scale``), and in UTC otherwise. The temperature
check sorts each cabinet's readings once and finds the readings of a sample's
window by bisection: the audit is O(n log n) in the number of records, never
samples × readings.

The indexes the context offers to checks of one's own (``samples``, ``taken``,
``disposed_at`` …, on exact ``timedelta`` instants) are built on first use.
"""

from __future__ import annotations

import datetime as dt
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import islice
from types import MappingProxyType
from typing import Final

import pendulum

from schoollogistics.core.findings import FINDINGS as ALL_FINDINGS
from schoollogistics.core.findings import Finding
from schoollogistics.core.time import DateRange, get_timezone, hours_text
from schoollogistics.core.violations import Violation, sort_violations
from schoollogistics.errors import InvalidArgumentError, Phrase
from schoollogistics.food_samples._fast import (
    DAY,
    ORIGIN,
    Instant,
    Series,
    dishes_so_far,
    instant_converter,
    join_disposals,
    plain,
    settle_dishes,
    since,
    steady_scale,
    to_utc,
)
from schoollogistics.food_samples._policy import RetentionPolicy
from schoollogistics.food_samples._records import (
    _ZONE,
    Disposal,
    FoodSample,
    Hold,
    Meal,
    SampleLog,
    TemperatureReading,
)
from schoollogistics.food_samples.errors import InvalidRecordError

__all__ = [
    "DEFAULT_CHECKS",
    "FINDINGS",
    "AuditContext",
    "Check",
    "Finding",
    "Instant",
    "audit",
    "audit_log",
    "fs1_dishes_sampled",
    "fs2_weights",
    "fs3_retention",
    "fs4_labels",
    "fs5_temperatures",
    "fs6_disposals",
    "fs7_holds",
    "fs8_taken_before_service",
]

_SAMPLE_ID: Final = operator.attrgetter("sample_id")
_TAKEN_AT: Final = operator.attrgetter("taken_at")
_DISCARDED_AT: Final = operator.attrgetter("discarded_at")
_READ_AT: Final = operator.attrgetter("at")
_CELSIUS: Final = operator.attrgetter("celsius")
_CABINET: Final = operator.attrgetter("cabinet_id")
_SHIFT: Final = dt.datetime.__add__  # C-level: pendulum's ``+`` runs in Python
_RULES: Final = tuple(f"FS-{number}" for number in range(1, 9))
_UNSET: Final = object()  # no label seen yet
_NO_RECORD: Final = "no disposal is recorded: still kept, or destroyed without a record"
_NO_RECORD_ZH: Final = "无销毁记录：仍在留存或销毁未登记"


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
    """What an audit knows of its records, for the checks to read (read-only by convention).

    The default checks read the findings of the audit's single pass over the
    samples (`findings`). Checks of one's own may read the indexes below, built
    on first use. Parallel lists describe the samples in scope: those of the
    meals served in the period, and samples naming an unknown meal that were
    taken in it. Times are [`Instant`][schoollogistics.food_samples.Instant]s.

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

    Raises:
        InvalidRecordError: ``period`` is not a `DateRange`, ``policy`` not a
            `RetentionPolicy`, or a record is of the wrong type.
    """

    __slots__ = (
        "_all_meal_ids",
        "_disposal",
        "_disposed_at",
        "_found",
        "_holds",
        "_indexed",
        "_instant",
        "_instants",
        "_log",
        "_meal_of",
        "_more_disposals",
        "_orphan_disposals",
        "_readings",
        "_samples",
        "_series",
        "_service_starts",
        "_taken",
        "_timezone",
        "conflicting_meals",
        "horizon",
        "meals",
        "period",
        "policy",
        "start_at",
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
        _check_types(log.meals, Meal, "meals")
        _check_types(log.samples, FoodSample, "samples")
        _check_types(log.disposals, Disposal, "disposals")
        _check_types(log.readings, TemperatureReading, "readings")
        _check_types(log.holds, Hold, "holds")
        self.policy = policy
        self.period = period
        self._log = log
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
        self._all_meal_ids: frozenset[str] = frozenset()
        self._index_meals(log.meals)
        self._found: dict[str, tuple[Violation, ...]] | None = None
        self._indexed = False
        self._samples: list[FoodSample] = []
        self._taken: list[Instant] = []
        self._meal_of: list[Meal | None] = []
        self._disposed_at: list[Instant | None] = []
        self._disposal: list[Disposal | None] = []
        self._more_disposals: dict[str, list[tuple[Instant, Disposal]]] = {}
        self._orphan_disposals: list[tuple[Instant, Disposal]] = []
        self._holds: list[tuple[Instant, Instant | None, Hold]] = []
        self._readings: dict[str, list[TemperatureReading]] = {}
        self._series: dict[str, Series[Instant]] = {}
        self._service_starts: dict[str, Instant] = {}

    @classmethod
    def build(cls, log: SampleLog, policy: RetentionPolicy, period: DateRange) -> AuditContext:
        """Index the records of ``log`` for an audit of ``period`` under ``policy``."""
        return cls(log, policy, period)

    def findings(self, rule: str) -> tuple[Violation, ...]:
        """The findings of one rule (``"FS-1"`` … ``"FS-8"``) from the audit's single pass.

        The pass runs on the first call and decides every rule at once; the
        findings come in the canonical order.

        Raises:
            InvalidArgumentError: ``rule`` is not one of FS-1 … FS-8.
        """
        if rule not in _RULES:
            raise InvalidArgumentError(
                field="rule", reason=Phrase("not a rule FS-1 … FS-8", "不是食品留样审计的规则")
            )
        if self._found is None:
            found = _audit_pass(self)
            self._found = {rule: sort_violations(found[rule]) for rule in _RULES}
        return self._found[rule]

    def _index_meals(self, meals: Iterable[Meal]) -> None:
        chosen: dict[str, Meal] = {}
        variants: dict[str, set[Meal]] = {}
        instant = self._instant
        for meal in meals:
            known = chosen.get(meal.meal_id)
            if known is None:
                chosen[meal.meal_id] = meal
            elif known != meal:
                variants.setdefault(meal.meal_id, {known}).add(meal)
                chosen[meal.meal_id] = min(known, meal, key=lambda m: _meal_key(m, instant))
        self.conflicting_meals = {meal_id: len(found) for meal_id, found in variants.items()}
        start, end = self.period.start, self.period.end
        self.meals = {k: m for k, m in chosen.items() if start <= m.day <= end}
        self._all_meal_ids = frozenset(chosen)

    # ------------------------------------------------ the indexes, for checks of one's own

    @property
    def samples(self) -> list[FoodSample]:
        """The samples in scope."""
        return self._index()._samples

    @property
    def taken(self) -> list[Instant]:
        """When each sample in scope was taken."""
        return self._index()._taken

    @property
    def meal_of(self) -> list[Meal | None]:
        """Each sample's meal, or ``None`` when the meal is not on record."""
        return self._index()._meal_of

    @property
    def disposed_at(self) -> list[Instant | None]:
        """When each sample was first discarded, or ``None``."""
        return self._index()._disposed_at

    @property
    def disposal(self) -> list[Disposal | None]:
        """The record of that disposal, or ``None``."""
        return self._index()._disposal

    @property
    def more_disposals(self) -> dict[str, list[tuple[Instant, Disposal]]]:
        """Further disposal records of a sample id, as (instant, record).

        A sample should be discarded once; each record is checked.
        """
        return self._index()._more_disposals

    @property
    def orphan_disposals(self) -> list[tuple[Instant, Disposal]]:
        """Disposals in the period naming no known sample, as (instant, record)."""
        return self._index()._orphan_disposals

    @property
    def holds(self) -> list[tuple[Instant, Instant | None, Hold]]:
        """Every hold, as (placed, released or ``None``, hold)."""
        return self._index()._holds

    def _index(self) -> AuditContext:
        if not self._indexed:
            self._indexed = True
            log = self._log
            self._service_starts = {
                k: self._instant(m.service_start) for k, m in self.meals.items()
            }
            self._index_samples(log.samples)
            self._index_disposals(log.disposals, log.samples)
            self._index_readings(log.readings)
            self._index_holds(log.holds)
        return self

    def _index_samples(self, samples: Iterable[FoodSample]) -> None:
        meals = self.meals
        all_meals = self._all_meal_ids
        kept, meal_of = self._samples, self._meal_of
        unknown: list[FoodSample] = []
        for sample in samples:
            meal = meals.get(sample.meal_id)
            if meal is not None:
                kept.append(sample)
                meal_of.append(meal)
            elif sample.meal_id not in all_meals:
                unknown.append(sample)
        self._taken = self._instants([sample.taken_at for sample in kept])
        for sample in unknown:
            moment = self._instant(sample.taken_at)
            if self.start_at <= moment < self.horizon:
                kept.append(sample)
                self._taken.append(moment)
                meal_of.append(None)

    def _index_disposals(
        self, disposals: Sequence[Disposal], everything: Iterable[FoodSample]
    ) -> None:
        moments = self._instants([disposal.discarded_at for disposal in disposals])
        ids = list(map(_SAMPLE_ID, self._samples))
        self._disposed_at, self._disposal, unmatched = join_disposals(
            ids, disposals, moments, self._more_disposals
        )
        if unmatched:
            elsewhere = frozenset(map(_SAMPLE_ID, everything))
            start_at, horizon = self.start_at, self.horizon
            self._orphan_disposals.extend(
                (moment, disposal)
                for moment, disposal in unmatched
                if disposal.sample_id not in elsewhere and start_at <= moment < horizon
            )

    def _index_readings(self, readings: Iterable[TemperatureReading]) -> None:
        wanted = {s.cabinet_id for s in self._samples}
        by_cabinet = self._readings
        for reading in readings:
            if reading.cabinet_id in wanted:
                by_cabinet.setdefault(reading.cabinet_id, []).append(reading)

    def _index_holds(self, holds: Iterable[Hold]) -> None:
        instant = self._instant
        for hold in holds:
            released = None if hold.released_at is None else instant(hold.released_at)
            self._holds.append((instant(hold.placed_at), released, hold))

    # ------------------------------------------------------------ helpers for checks

    def instant(self, value: dt.datetime) -> Instant:
        """The exact instant of an aware moment (the time scale of the indexes)."""
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
        return self._index()._service_starts[meal_id]

    def series(self, cabinet_id: str) -> Series[Instant] | None:
        """The sorted readings of a cabinet (built on first use), or ``None`` if it has none."""
        found = self._series.get(cabinet_id)
        if found is None:
            readings = self._index()._readings.get(cabinet_id)
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


def _check_types(records: Sequence[object], kind: type, field: str) -> None:
    """Refuse a record that is not exactly of ``kind`` (one C-level count when all are)."""
    if operator.countOf(map(type, records), kind) != len(records):
        wrong = next(record for record in records if type(record) is not kind)
        raise InvalidRecordError(
            record="audit",
            field=field,
            reason=Phrase(
                "unexpected {type_name}", "不应为「{type_name}」", type_name=type(wrong).__name__
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


# ---------------------------------------------------------------- the pass


class _Scale:
    """The moments of one audit on one exact scale (see ``_fast.steady_scale``).

    Either the records' own moments (aware datetimes of the school's default zone,
    where the records' converters put every moment), or all of them taken to UTC.
    ``start`` and ``end`` are the first moment of the period and the horizon on
    that scale.

    The span checked covers the moments that are compared with others: when
    samples were taken, when service starts, the readings, and the period. The
    disposals are left out: a disposal is compared only with its own sample's
    taking (their difference against the retention or the overdue time) and
    with the period's ends. Inside the span that is exact; a disposal outside it
    lies more than ``margin`` (over two days more than the overdue time) from
    every moment it is compared with, and offsets differ by less than two days,
    so the outcome of each comparison is the same. Several disposals of one
    sample are ordered by their exact instants (``join_disposals``).
    """

    __slots__ = ("discarded", "end", "groups", "services", "start", "taken")

    def __init__(self, context: AuditContext) -> None:
        log = context._log
        self.taken: list[dt.datetime] = list(map(_TAKEN_AT, log.samples))
        self.discarded: list[dt.datetime] = list(map(_DISCARDED_AT, log.disposals))
        services: list[dt.datetime] = [meal.service_start for meal in context.meals.values()]
        self.groups = _reading_groups(log.readings)
        start = ORIGIN + context.start_at
        end = ORIGIN + context.horizon
        policy = context.policy
        margin = plain(policy.overdue_after) + plain(policy.max_reading_gap) + 2 * DAY
        bounds = [(min(values), max(values)) for values in (self.taken, services) if values]
        bounds.extend(group.bounds() for group in self.groups.values())
        bounds.append((start, end))
        if steady_scale(_ZONE, bounds, margin):
            self.start = dt.datetime.astimezone(start, _ZONE)
            self.end = dt.datetime.astimezone(end, _ZONE)
        else:
            self.start, self.end = start, end
            self.taken = to_utc(self.taken)
            self.discarded = to_utc(self.discarded)
            services = to_utc(services)
            for group in self.groups.values():
                group.times = to_utc(group.times)
                group.increasing = None
        self.services = dict(zip(context.meals, services, strict=True))


class _Group:
    """The readings of one cabinet, before they are sorted into a `Series`."""

    __slots__ = ("celsius", "increasing", "times")

    def __init__(self, readings: Sequence[TemperatureReading]) -> None:
        self.times: list[dt.datetime] = list(map(_READ_AT, readings))
        self.celsius = list(map(_CELSIUS, readings))
        self.increasing: bool | None = None

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The earliest and the latest reading (noting whether they come in order)."""
        times = self.times
        self.increasing = all(map(operator.lt, times, islice(times, 1, None)))
        return (times[0], times[-1]) if self.increasing else (min(times), max(times))


def _reading_groups(readings: Sequence[TemperatureReading]) -> dict[str, _Group]:
    """The readings by cabinet (one C-level count when a single cabinet is read)."""
    if not readings:
        return {}
    first = readings[0].cabinet_id
    if operator.countOf(map(_CABINET, readings), first) == len(readings):
        return {first: _Group(readings)}
    by_cabinet: dict[str, list[TemperatureReading]] = {}
    for reading in readings:
        found = by_cabinet.get(reading.cabinet_id)
        if found is None:
            by_cabinet[reading.cabinet_id] = [reading]
        else:
            found.append(reading)
    return {cabinet: _Group(found) for cabinet, found in by_cabinet.items()}


def _earlier(moment: dt.datetime, other: dt.datetime) -> bool:
    """Whether ``moment`` is the earlier instant (whatever the zones and the scale)."""
    return since(moment, ORIGIN) < since(other, ORIGIN)


class _Cabinet:
    """A cabinet's sorted readings, with what the FS-5 check of a window needs of them.

    A window ``[taken, min(taken + retention, end)]`` with ``first <= taken <=
    cover`` has readings on both sides and no long gap (the series has none);
    ``bad`` says whether any reading is out of range.
    """

    __slots__ = ("bad", "cover", "first", "series")

    def __init__(
        self, series: Series[dt.datetime] | None, end: dt.datetime, retention: dt.timedelta
    ) -> None:
        self.series = series
        self.bad = series is not None and bool(series.out_of_range)
        self.first = self.cover = end  # no window starting before ``end`` passes
        if series is not None and not series.big_gaps:
            last = series.times[-1]
            if last >= end:
                self.first, self.cover = series.times[0], end
            else:
                self.first, self.cover = series.times[0], _SHIFT(last, -retention)


def _check_disposals(  # noqa: PLR0917 - the pass's own helper
    too_early: list[Violation],
    unsigned: list[Violation],
    sample_id: str,
    taken: dt.datetime,
    entries: list[tuple[dt.datetime, Disposal]],
    retention: dt.timedelta,
    show: Callable[[Instant], str],
) -> None:
    """FS-3 and FS-6 for a sample discarded more than once: each record is checked."""
    earliest = since(taken, ORIGIN) + retention
    for moment, disposal in entries:
        if since(moment, taken) < retention:
            too_early.append(
                FINDINGS["food_samples.discarded_too_early"].violation(
                    sample_id,
                    discarded_at=show(since(moment, ORIGIN)),
                    earliest_discard_at=show(earliest),
                    retention_hours=hours_text(retention),
                )
            )
        if _blank(disposal.discarded_by):
            unsigned.append(
                FINDINGS["food_samples.disposal_unsigned"].violation(
                    sample_id, discarded_at=show(since(moment, ORIGIN))
                )
            )


def _first_gap(
    series: Series[dt.datetime] | None,
    start: dt.datetime,
    end: dt.datetime,
    max_gap: dt.timedelta,
) -> tuple[dt.datetime, dt.datetime] | None:
    """The earliest reading gap longer than ``max_gap`` overlapping ``(start, end)``."""
    if series is None or not series.times:
        return (start, end) if since(end, start) > max_gap else None
    times = series.times
    size = len(times)
    after_start = bisect_right(times, start)  # times[:after_start] are <= start
    before_end = bisect_left(times, end)  # times[:before_end] are < end
    if after_start == 0 and since(times[0], start) > max_gap:
        return (start, times[0])
    first = after_start - 1 if after_start > 0 else 0
    last = before_end if before_end < size else size - 1
    gaps = series.big_gaps
    if gaps:
        position = bisect_left(gaps, first)
        if position < len(gaps) and gaps[position] < last:
            index = gaps[position]
            return (times[index], times[index + 1])
    if before_end == size and since(end, times[-1]) > max_gap:
        return (times[-1], end)
    return None


def _hold_deadline(
    covering: list[tuple[Instant, Instant | None, Hold]],
    due: Instant,
    grace: Instant,
    horizon: Instant,
) -> Instant | None:
    """The disposal deadline under holds, or ``None`` while a hold is still in force.

    Only holds placed before the sample became overdue count (a later hold does
    not excuse a sample already kept too long).
    """
    extended = due
    for placed, released, _ in covering:
        if placed > due or placed >= horizon:
            continue
        if released is None or released >= horizon:
            return None
        extended = max(extended, released + grace)
    return extended


def _audit_pass(context: AuditContext) -> dict[str, list[Violation]]:  # noqa: PLR0915
    """Every rule FS-1 … FS-8 in one pass over the samples: the findings, by rule.

    One loop visits each sample once, in input order, and decides every rule
    about it; the readings, disposals and holds are indexed before it. Written
    as one function on purpose: a call per sample and per rule would cost more
    than the rules themselves. Each section names its rule.
    """
    policy = context.policy
    log = context._log
    show = context.show
    scale = _Scale(context)
    start, end = scale.start, scale.end
    retention = plain(policy.retention)
    overdue = plain(policy.overdue_after)
    grace = overdue - retention
    max_gap = plain(policy.max_reading_gap)
    minimum = policy.min_grams
    reviewer = policy.reviewer_required
    retention_hours = hours_text(retention)
    gap_hours = hours_text(max_gap)
    limits = {"minimum": str(policy.min_celsius), "maximum": str(policy.max_celsius)}
    late_limit = _SHIFT(end, -overdue)  # never discarded, taken before: overdue at the end
    horizon = context.horizon
    f1: list[Violation] = []
    f2: list[Violation] = []
    f3: list[Violation] = []
    f4: list[Violation] = []
    f5: list[Violation] = []
    f6: list[Violation] = []
    f7: list[Violation] = []
    f8: list[Violation] = []
    unserved = FINDINGS["food_samples.sample_of_unserved_dish"]
    unknown = FINDINGS["food_samples.sample_without_meal"]
    underweight = FINDINGS["food_samples.underweight"]
    too_early = FINDINGS["food_samples.discarded_too_early"]
    missing_label = FINDINGS["food_samples.missing_label"]
    out_of_range = FINDINGS["food_samples.temperature_out_of_range"]
    gap_finding = FINDINGS["food_samples.temperature_gap"]
    unsigned = FINDINGS["food_samples.disposal_unsigned"]
    late = FINDINGS["food_samples.kept_past_time"]
    held_discarded = FINDINGS["food_samples.held_sample_discarded"]
    after_service = FINDINGS["food_samples.taken_after_service"]

    def at(moment: dt.datetime) -> str:
        return show(since(moment, ORIGIN))

    # ---- the disposal join (a sample's disposals: the first one and any further ones)
    samples = log.samples
    disposals = log.disposals
    sample_ids = list(map(_SAMPLE_ID, samples))
    more: dict[str, list[tuple[dt.datetime, Disposal]]] = {}
    first_at: Sequence[dt.datetime | None]
    first_record: Sequence[Disposal | None]
    unmatched: list[tuple[dt.datetime, Disposal]]
    if list(map(_SAMPLE_ID, disposals)) == sample_ids and len(set(sample_ids)) == len(sample_ids):
        first_at, first_record, unmatched = scale.discarded, disposals, []  # one each, in order
    else:
        first_at, first_record, unmatched = join_disposals(
            sample_ids, disposals, scale.discarded, more, _earlier
        )

    # ---- the holds (FS-6, FS-7), on exact instants: rare, so kept plain
    holds = [
        (
            since(hold.placed_at, ORIGIN),
            None if hold.released_at is None else since(hold.released_at, ORIGIN),
            hold,
        )
        for hold in log.holds
    ]
    ranges = [
        None
        if hold.taken_from is None or hold.taken_until is None
        else (since(hold.taken_from, ORIGIN), since(hold.taken_until, ORIGIN))
        for hold in log.holds
    ]

    # ---- the readings (FS-5), sorted per cabinet on first use
    groups = scale.groups
    built: dict[str, _Cabinet] = {}

    def cabinet_of(cabinet: str) -> _Cabinet:
        found = built.get(cabinet)
        if found is None:
            group = groups.get(cabinet)
            series = (
                None
                if group is None
                else Series(group.times, group.celsius, policy, since, increasing=group.increasing)
            )
            found = built[cabinet] = _Cabinet(series, end, retention)
        return found

    # ---- the loop: each sample once, every rule about it
    meals = context.meals
    meals_get = meals.get
    all_meal_ids = context._all_meal_ids
    services = scale.services
    no_holds = not holds
    sampled: dict[str, set[str | None] | None] = {}  # FS-1: the dishes sampled of each meal
    dishes: set[str | None] = set()
    menu: tuple[str, ...] = ()
    last_meal: Meal | None = None
    meal: Meal | None = None
    service = end
    # the last value of a label and whether it was filled in (labels repeat from sample
    # to sample: comparing with the last one is cheaper than looking at it again)
    last_id: object = _UNSET
    last_taken_by: object = _UNSET
    last_reviewed_by: object = _UNSET
    last_cabinet: object = _UNSET
    last_signer: object = _UNSET
    out_of_scope = taken_by_ok = cabinet_ok = signer_ok = labels_ok = False
    reviewed_ok = not reviewer
    # the cabinet of the last sample: its readings, and the window starts for which no
    # gap is possible (``first <= taken <= cover``); ``bad``: a reading out of range
    readings: Series[dt.datetime] | None = None
    first = cover = end
    bad = False
    for sample, taken, record, discarded in zip(
        samples, scale.taken, first_record, first_at, strict=True
    ):
        meal_id = sample.meal_id
        if meal_id != last_id:
            last_id = meal_id
            meal = meals_get(meal_id)
            if meal is not None:
                service = services[meal_id]
                menu = meal.dishes
                if meal is not last_meal:  # samples of one meal usually come together
                    if last_meal is not None:
                        settle_dishes(sampled, last_meal, dishes)
                    dishes = dishes_so_far(sampled, meal_id)
                    last_meal = meal
            else:
                out_of_scope = meal_id in all_meal_ids  # a meal of another period
        dish = sample.dish
        # FS-1 (dishes sampled) and FS-8 (taken before service)
        if meal is not None:
            dishes.add(dish)
            if dish in menu:  # a dish of the menu: named (menus have no blank dish)
                dish_ok = True
            else:
                dish_ok = bool(dish and dish.strip())
                if dish_ok:
                    f1.append(
                        unserved.violation(sample.sample_id, dish=str(dish), **_meal_params(meal))
                    )
            if taken > service:
                f8.append(
                    after_service.violation(
                        sample.sample_id,
                        taken_at=at(taken),
                        service_start=at(service),
                        **_meal_params(meal),
                    )
                )
        elif out_of_scope or not start <= taken < end:
            continue  # not in scope: a meal of another period, or no meal and taken outside
        else:
            f1.append(unknown.violation(sample.sample_id, meal=meal_id))
            dish_ok = bool(dish and dish.strip())
        # FS-2 (weight) and FS-4 (labels)
        grams = sample.grams
        if grams is not None and grams < minimum:
            f2.append(
                underweight.violation(
                    sample.sample_id, dish=str(dish), grams=str(grams), minimum=str(minimum)
                )
            )
        taken_by = sample.taken_by
        cabinet = sample.cabinet_id
        if taken_by != last_taken_by:
            last_taken_by = taken_by
            taken_by_ok = bool(taken_by and taken_by.strip())
            labels_ok = taken_by_ok and reviewed_ok and cabinet_ok
        if reviewer:
            reviewed_by = sample.reviewed_by
            if reviewed_by != last_reviewed_by:
                last_reviewed_by = reviewed_by
                reviewed_ok = bool(reviewed_by and reviewed_by.strip())
                labels_ok = taken_by_ok and reviewed_ok and cabinet_ok
        if cabinet != last_cabinet:
            last_cabinet = cabinet
            cabinet_ok = bool(cabinet and cabinet.strip())
            labels_ok = taken_by_ok and reviewed_ok and cabinet_ok
            if cabinet_ok:
                found = cabinet_of(str(cabinet))
                readings, first, cover, bad = found.series, found.first, found.cover, found.bad
        if not (labels_ok and dish_ok and grams is not None):
            fields = sample.missing_labels(policy)
            f4.append(
                missing_label.violation(
                    sample.sample_id,
                    fields=", ".join(fields),
                    fields_zh="、".join(_LABELS_ZH[f] for f in fields),
                )
            )
        # FS-5 (temperatures while the sample is in its window, cut at the horizon)
        if cabinet_ok and taken < end:
            if not first <= taken <= cover:  # else no gap is possible
                window_end = end if since(end, taken) <= retention else _SHIFT(taken, retention)
                gap = _first_gap(readings, taken, window_end, max_gap)
                if gap is not None:
                    f5.append(
                        gap_finding.violation(
                            sample.sample_id,
                            cabinet=str(cabinet),
                            gap_from=at(gap[0]),
                            gap_to=at(gap[1]),
                            max_gap_hours=gap_hours,
                        )
                    )
            if bad and readings is not None:
                window_end = end if since(end, taken) <= retention else _SHIFT(taken, retention)
                wrong = readings.out_of_range
                times = readings.times
                high = bisect_right(times, window_end)
                position = bisect_left(wrong, bisect_left(times, taken))
                if position < len(wrong) and wrong[position] < high:
                    index = wrong[position]
                    f5.append(
                        out_of_range.violation(
                            sample.sample_id,
                            cabinet=str(cabinet),
                            at=at(times[index]),
                            celsius=str(readings.celsius[index]),
                            count=str(bisect_left(wrong, high) - position),
                            **limits,
                        )
                    )
        # FS-3 (retention), FS-6 (disposals signed, not kept past time), FS-7 (holds)
        if record is not None and discarded is not None:
            held = since(discarded, taken)
            signer = record.discarded_by
            if signer != last_signer:
                last_signer = signer
                signer_ok = bool(signer and signer.strip())
            if more and sample.sample_id in more:  # several disposals: each is checked
                _check_disposals(
                    f3,
                    f6,
                    sample.sample_id,
                    taken,
                    [(discarded, record), *more[sample.sample_id]],
                    retention,
                    show,
                )
            else:
                if held < retention:
                    f3.append(
                        too_early.violation(
                            sample.sample_id,
                            discarded_at=at(discarded),
                            earliest_discard_at=show(since(taken, ORIGIN) + retention),
                            retention_hours=retention_hours,
                        )
                    )
                if not signer_ok:
                    f6.append(unsigned.violation(sample.sample_id, discarded_at=at(discarded)))
            if no_holds:
                if held > overdue:
                    f6.append(
                        late.violation(
                            sample.sample_id,
                            taken_at=at(taken),
                            due_by=show(since(taken, ORIGIN) + overdue),
                            state=f"it was discarded only at {at(discarded)}",
                            state_zh=f"迟至 {at(discarded)} 才销毁",
                        )
                    )
                continue
        elif no_holds:
            if taken < late_limit:
                f6.append(
                    late.violation(
                        sample.sample_id,
                        taken_at=at(taken),
                        due_by=show(since(taken, ORIGIN) + overdue),
                        state=_NO_RECORD,
                        state_zh=_NO_RECORD_ZH,
                    )
                )
            continue
        # with holds (rare): the plain way, on exact instants
        sample_id = sample.sample_id
        entries: list[tuple[dt.datetime, Disposal]] = []
        if record is not None and discarded is not None:
            entries = [(discarded, record), *more.get(sample_id, ())]
        taken_instant = since(taken, ORIGIN)
        covering = [
            entry
            for entry, window in zip(holds, ranges, strict=True)
            if meal_id in entry[2].meal_ids
            or (window is not None and window[0] <= taken_instant < window[1])
        ]
        due = _hold_deadline(covering, taken_instant + overdue, grace, horizon)
        if due is not None:
            if discarded is None:
                if horizon > due:
                    f6.append(
                        late.violation(
                            sample_id,
                            taken_at=at(taken),
                            due_by=show(due),
                            state=_NO_RECORD,
                            state_zh=_NO_RECORD_ZH,
                        )
                    )
            elif since(discarded, ORIGIN) > due:
                f6.append(
                    late.violation(
                        sample_id,
                        taken_at=at(taken),
                        due_by=show(due),
                        state=f"it was discarded only at {at(discarded)}",
                        state_zh=f"迟至 {at(discarded)} 才销毁",
                    )
                )
        for moment, _ in entries:
            moment_instant = since(moment, ORIGIN)
            f7.extend(
                held_discarded.violation(sample_id, discarded_at=at(moment), hold=hold.hold_id)
                for placed, released, hold in covering
                if placed <= moment_instant and (released is None or moment_instant < released)
            )
    # FS-1: the dishes without a sample, and meals recorded twice
    if last_meal is not None:
        settle_dishes(sampled, last_meal, dishes)
    missing = FINDINGS["food_samples.dish_without_sample"]
    nothing: set[str | None] = set()
    for meal_id, served in meals.items():
        got = sampled.get(meal_id, nothing)
        if got is None:
            continue
        f1.extend(
            missing.violation(
                f"{meal_id}/{dish}",
                dish=dish,
                day=served.day.isoformat(),
                kind=served.event_name or served.kind.value,
                **_meal_params(served),
            )
            for dish in served.dishes
            if dish not in got
        )
    conflict = FINDINGS["food_samples.conflicting_meals"]
    f1.extend(
        conflict.violation(meal_id, count=str(count))
        for meal_id, count in context.conflicting_meals.items()
        if meal_id in meals
    )
    # FS-6: disposals naming no sample, in the period
    orphan = FINDINGS["food_samples.disposal_without_sample"]
    f6.extend(
        orphan.violation(disposal.sample_id, discarded_at=at(moment))
        for moment, disposal in unmatched
        if start <= moment < end
    )
    return dict(zip(_RULES, (f1, f2, f3, f4, f5, f6, f7, f8), strict=True))


# ---------------------------------------------------------------- checks


Check = Callable[[AuditContext], tuple[Violation, ...]]
"""An audit check: a pure function of the audit context returning its findings."""


def fs1_dishes_sampled(context: AuditContext) -> tuple[Violation, ...]:
    """FS-1: every dish of every meal has a sample; samples match served meals and dishes.

    A sample without a dish name counts for no dish (FS-4 reports the missing
    name). Meals recorded twice with different contents are reported, and the
    audit goes on with one of them (the earliest service start).
    """
    return context.findings("FS-1")


def fs2_weights(context: AuditContext) -> tuple[Violation, ...]:
    """FS-2: each sample weighs at least the policy minimum (default 125 g)."""
    return context.findings("FS-2")


def fs3_retention(context: AuditContext) -> tuple[Violation, ...]:
    """FS-3: no sample is discarded before the retention (default 48 h) has elapsed."""
    return context.findings("FS-3")


def fs4_labels(context: AuditContext) -> tuple[Violation, ...]:
    """FS-4: each sample record names the dish, quantity, sampler (and reviewer) and cabinet."""
    return context.findings("FS-4")


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
    return context.findings("FS-5")


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
    return context.findings("FS-6")


def fs7_holds(context: AuditContext) -> tuple[Violation, ...]:
    """FS-7: no sample is discarded while a hold covering it is in force."""
    return context.findings("FS-7")


def fs8_taken_before_service(context: AuditContext) -> tuple[Violation, ...]:
    """FS-8: each sample is taken no later than the start of its meal's service."""
    return context.findings("FS-8")


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


def audit(  # noqa: PLR0917 - the signature the issue names
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
