"""The one-pass audit against the audit it replaced: the same findings, in the same order.

``_reference_audit`` is the audit before issue 11, kept verbatim (eight checks, each
a separate pass, on exact instants). Every property here asks for *equality* of the
two results (the same violations, in the same order, with the same parameters), on:

* small logs on a half-hour grid with moments nudged by a microsecond, so that the
  48-hour boundary, the 125 g minimum, readings at the edges of a window, gaps of
  exactly ``max_reading_gap``, holds placed exactly when a sample falls due, samples
  and disposals without their other half all occur; some of them in 1988, when
  China kept daylight saving time (the audit then cannot compare wall clocks);
* the public strategies of ``schoollogistics.testing`` (records anywhere in
  2000-2099, policies in three zones);
* fault-injected simulated canteens, and inputs in shuffled order.

The reference checks, run on the library's ``AuditContext``, also pin the indexes it
offers to checks of one's own (they were written against that interface).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import DateRange, Violation, school_datetime
from schoollogistics.core.violations import sort_violations
from schoollogistics.errors import InvalidArgumentError
from schoollogistics.food_samples import (
    DEFAULT_CHECKS,
    AuditContext,
    Disposal,
    FoodSample,
    Hold,
    Meal,
    MealKind,
    RetentionPolicy,
    SampleLog,
    TemperatureReading,
    _fast,
    audit_log,
)
from schoollogistics.food_samples.errors import InvalidRecordError
from schoollogistics.testing import date_ranges
from schoollogistics.testing.food_samples import retention_policies, sample_logs, simulate_canteen

from . import _reference_audit as reference
from ._faults import FAULTS, compliant

US = dt.timedelta(microseconds=1)
DISHES = ("米饭", "青菜", "鱼")
# 2025 (a fixed offset), and the days around China's clock changes of 1988
# (forward on 17 April, back on 11 September): wall clocks are then not instants.
BASES = (
    school_datetime(2025, 9, 1),
    school_datetime(1988, 4, 16),
    school_datetime(1988, 9, 10),
)


def same(log: SampleLog, policy: RetentionPolicy, period: DateRange) -> tuple[Violation, ...]:
    """Audit with both; assert the very same result; return it."""
    found = audit_log(log, policy, period)
    expected = reference.audit_log(log, policy, period)
    assert found == expected
    return found


# ---------------------------------------------------------------- logs near every boundary


@st.composite
def edge_logs(draw: st.DrawFn) -> tuple[SampleLog, RetentionPolicy, DateRange]:
    base = draw(st.sampled_from(BASES))
    days = draw(st.integers(1, 3))
    period = DateRange(base.date(), base.date().add(days=days - 1))
    retention_hours = draw(st.sampled_from([24, 48]))
    policy = RetentionPolicy(
        min_grams=draw(st.sampled_from([Decimal(100), Decimal(125)])),
        retention=pendulum.duration(hours=retention_hours),
        max_celsius=draw(st.sampled_from([Decimal(4), Decimal(8)])),
        reviewer_required=draw(st.booleans()),
        max_reading_gap=pendulum.duration(hours=draw(st.sampled_from([2, 4]))),
        overdue_after=pendulum.duration(hours=draw(st.sampled_from([72, 96]))),
        timezone=draw(st.sampled_from(["Asia/Shanghai", "Asia/Shanghai", "UTC"])),
    )

    def at(half_hours: int) -> pendulum.DateTime:
        nudge = draw(st.sampled_from([0, 0, 0, 1, -1]))
        return base.add(minutes=30 * half_hours, microseconds=nudge)

    # the half hours where something starts or ends: the period, and a whole overdue
    # time or retention before its end
    horizon = 48 * days
    overdue = int(policy.overdue_after.total_seconds()) // 1800
    edges = [0, horizon, horizon - overdue, horizon - 2 * retention_hours, -1]

    def anywhere(low: int, high: int) -> pendulum.DateTime:
        return at(draw(st.sampled_from(edges) | st.integers(low, high)))

    meals = [
        Meal(
            f"m{day}",
            base.date().add(days=day),
            draw(st.sampled_from([MealKind.LUNCH, MealKind.DINNER])),
            at(48 * day + 23),
            tuple(DISHES[: draw(st.integers(1, 3))]),
        )
        for day in range(draw(st.integers(0, days + 1)))  # the last may be after the period
    ]
    twice = draw(st.booleans())
    if meals and twice:  # the same meal recorded twice, differently
        twin = meals[0]
        meals.append(attrs.evolve(twin, service_start=twin.service_start.add(minutes=5)))
    meal_ids = [m.meal_id for m in meals]
    samples: list[FoodSample] = []
    for number in range(draw(st.integers(0, 7))):
        meal_id = draw(st.sampled_from([*meal_ids, "ghost", "ghost"]))
        day = int(meal_id[1:]) if meal_id != "ghost" else draw(st.integers(-1, days))
        sample_id = f"s{number}" if draw(st.integers(0, 9)) else "s0"  # sometimes twice
        samples.append(
            FoodSample(
                sample_id,
                meal_id,
                draw(st.sampled_from([*DISHES, "汤", None, " ", ""])),
                draw(
                    st.sampled_from(
                        [None, Decimal(99), Decimal(100), Decimal("124.9"), Decimal(125), 130]
                    )
                ),
                at(48 * day + 23 + draw(st.integers(-3, 1)))
                if draw(st.integers(0, 4))
                else anywhere(-48, horizon),
                draw(st.sampled_from(["张三", "张三", "Zhang", None, " "])),
                draw(st.sampled_from(["李四", "李四", " ", None])),
                draw(st.sampled_from(["C1", "C1", "C1", "C2", None, " "])),
            )
        )
    disposals: list[Disposal] = []
    for sample in samples:
        if draw(st.integers(0, 3)):  # most samples are discarded once, in order
            kind = draw(st.sampled_from(["retention", "overdue", "grid"]))
            if kind == "grid":
                moment = anywhere(0, 48 * (days + 5))
            else:
                limit = policy.retention if kind == "retention" else policy.overdue_after
                offset = draw(st.sampled_from([-US, dt.timedelta(0), US, -dt.timedelta(hours=1)]))
                moment = sample.taken_at + _fast.plain(limit) + offset
            disposals.append(
                Disposal(
                    sample.sample_id, moment, draw(st.sampled_from(["王五", "王五", None, " "]))
                )
            )
    disposals.extend(  # extra ones: a sample discarded twice, or naming no sample
        Disposal(
            draw(st.sampled_from([*(s.sample_id for s in samples), "zz"])),
            anywhere(-2, 48 * (days + 5)),
            draw(st.sampled_from(["王五", None])),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    readings: list[TemperatureReading] = []
    if draw(st.booleans()):  # a regular log, so that long clean windows occur
        step = draw(st.sampled_from([1, 4, 8, 9]))
        start = draw(st.integers(-8, 8))
        readings += [
            TemperatureReading("C1", at(k), Decimal(3))
            for k in range(start, 48 * (days + 4) - draw(st.integers(0, 60)), step)
        ]
    readings += [
        TemperatureReading(
            draw(st.sampled_from(["C1", "C1", "C2", "C3"])),
            at(draw(st.integers(-4, 48 * (days + 4)))),
            draw(
                st.sampled_from([Decimal(-1), Decimal(0), Decimal(3), Decimal(8), Decimal("8.1")])
            ),
        )
        for _ in range(draw(st.integers(0, 12)))
    ]
    holds = []
    for number in range(draw(st.integers(0, 2))):
        moments = [d.discarded_at for d in disposals]
        placed = (  # sometimes exactly when a sample is discarded
            draw(st.sampled_from(moments))
            if draw(st.booleans()) and moments
            else anywhere(0, 48 * (days + 4))
        )
        # (Hold compares its own moments by wall clock: keep them apart across a change)
        later = [m for m in moments if m >= placed and m.timestamp() >= placed.timestamp()]
        steps = draw(st.none() | st.just(0) | st.integers(3, 48 * 3))
        released = None if steps is None else placed.add(minutes=30 * steps)
        if draw(st.booleans()) and later:  # released exactly when a sample is discarded
            released = draw(st.sampled_from(later))
        by_meals = bool(meal_ids) and draw(st.booleans())
        start = draw(st.integers(0, 48 * days))
        holds.append(
            Hold(
                f"h{number}",
                placed,
                "校长",
                "腹泻",
                meal_ids=(draw(st.sampled_from(meal_ids)),) if by_meals else (),
                taken_from=None if by_meals else at(start),
                taken_until=None if by_meals else at(start + draw(st.integers(3, 48))),
                released_at=released,
                released_by=None if released is None else "局",
            )
        )
    order = draw(st.sampled_from(["as made", "shuffled", "reversed"]))
    if order == "shuffled":
        samples = draw(st.permutations(samples))
        disposals = draw(st.permutations(disposals))
        readings = draw(st.permutations(readings))
    elif order == "reversed":
        samples.reverse()
        disposals.reverse()
        readings.reverse()
    log = SampleLog(
        meals=meals, samples=samples, disposals=disposals, readings=readings, holds=holds
    )
    return log, policy, period


@pytest.mark.rule("FS-1")
@pytest.mark.rule("FS-2")
@pytest.mark.rule("FS-3")
@pytest.mark.rule("FS-4")
@pytest.mark.rule("FS-5")
@pytest.mark.rule("FS-6")
@pytest.mark.rule("FS-7")
@pytest.mark.rule("FS-8")
@settings(max_examples=400, deadline=None)
@given(case=edge_logs())
def test_the_one_pass_audit_finds_exactly_what_the_old_audit_found(
    case: tuple[SampleLog, RetentionPolicy, DateRange],
) -> None:
    log, policy, period = case
    same(log, policy, period)


@settings(max_examples=150, deadline=None)
@given(case=edge_logs())
def test_each_check_returns_its_rule_of_the_old_audit(
    case: tuple[SampleLog, RetentionPolicy, DateRange],
) -> None:
    log, policy, period = case
    context = AuditContext.build(log, policy, period)
    old = reference.AuditContext.build(log, policy, period)
    for check, before in zip(DEFAULT_CHECKS, reference.DEFAULT_CHECKS, strict=True):
        assert check(context) == sort_violations(before(old))
        assert audit_log(log, policy, period, checks=(check,)) == reference.audit_log(
            log, policy, period, checks=(before,)
        )


@settings(max_examples=150, deadline=None)
@given(case=edge_logs())
def test_checks_of_ones_own_read_the_same_indexes(
    case: tuple[SampleLog, RetentionPolicy, DateRange],
) -> None:
    """The old checks, run on the new context's public indexes, find what they found."""
    log, policy, period = case
    context = AuditContext.build(log, policy, period)
    old = reference.AuditContext.build(log, policy, period)
    for before in reference.DEFAULT_CHECKS:
        assert before(context) == before(old)  # type: ignore[arg-type] # the same interface
    assert (context.start_at, context.horizon) == (old.start_at, old.horizon)
    assert context.meals == old.meals
    assert context.conflicting_meals == old.conflicting_meals
    assert context.samples == old.samples
    assert context.taken == old.taken
    assert context.meal_of == old.meal_of
    assert context.disposed_at == old.disposed_at
    assert context.disposal == old.disposal
    assert context.more_disposals == old.more_disposals
    assert context.orphan_disposals == old.orphan_disposals
    assert context.holds == old.holds


@settings(max_examples=200, deadline=None)
@given(log=sample_logs(), policy=retention_policies(), period=date_ranges())
def test_the_same_findings_on_the_public_strategies(
    log: SampleLog, policy: RetentionPolicy, period: DateRange
) -> None:
    same(log, policy, period)


@settings(max_examples=60, deadline=None)
@given(
    log=sample_logs(),
    policy=retention_policies(),
    data=st.data(),
)
def test_the_same_findings_when_the_period_covers_the_records(
    log: SampleLog, policy: RetentionPolicy, data: st.DataObject
) -> None:
    """Random records, audited over a period around one of their meals or samples."""
    days = [m.day for m in log.meals] + [s.taken_at.date() for s in log.samples]
    if not days:
        same(log, policy, DateRange(pendulum.Date(2025, 1, 1), pendulum.Date(2025, 1, 1)))
        return
    day = data.draw(st.sampled_from(days))
    same(log, policy, DateRange(day.subtract(days=1), day.add(days=data.draw(st.integers(0, 3)))))


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_the_same_findings_for_each_injected_fault(kind: str) -> None:
    policy = RetentionPolicy()
    log, period = compliant(4, 3, 3, policy)
    inject, _ = FAULTS[kind]
    for sample in (log.samples[0], log.samples[len(log.samples) // 2], log.samples[-1]):
        same(inject(log, sample, policy), policy, period)


@settings(max_examples=40, deadline=None)
@given(
    kinds=st.lists(st.sampled_from(sorted(FAULTS)), min_size=1, max_size=5, unique=True),
    data=st.data(),
)
def test_the_same_findings_for_several_faults_in_any_order(
    kinds: list[str], data: st.DataObject
) -> None:
    policy = RetentionPolicy()
    log, period = compliant(4, 2, 3, policy)
    for number, kind in enumerate(kinds):  # a different sample for each fault
        log = FAULTS[kind][0](log, log.samples[number], policy)
    again = attrs.evolve(log.disposals[-1], discarded_by=None)
    log = attrs.evolve(log, disposals=(*log.disposals, again))
    shuffled = SampleLog(
        meals=data.draw(st.permutations(log.meals)),
        samples=data.draw(st.permutations(log.samples)),
        disposals=data.draw(st.permutations(log.disposals)),
        readings=data.draw(st.permutations(log.readings)),
        holds=data.draw(st.permutations(log.holds)),
    )
    assert same(log, policy, period) == same(shuffled, policy, period)


# ---------------------------------------------------------------- named cases


def test_a_simulated_month_with_several_cabinets_and_schools() -> None:
    logs = [
        simulate_canteen(pendulum.Date(2025, 3, 1), 31, school=f"s{n}", meals_per_day=2 + n % 3)
        for n in range(3)
    ]
    merged = SampleLog(
        meals=[m for log in logs for m in log.meals],
        samples=[s for log in logs for s in log.samples],
        disposals=[d for log in logs for d in log.disposals],
        readings=[r for log in logs for r in log.readings],
    )
    assert same(merged, RetentionPolicy(), DateRange.month(2025, 3)) == ()
    # the last week's samples not yet discarded, the readings out of order
    kept = SampleLog(
        meals=merged.meals,
        samples=merged.samples,
        disposals=[d for d in merged.disposals if d.discarded_at.day < 25],
        readings=merged.readings[::-1],
    )
    assert len(same(kept, RetentionPolicy(), DateRange.month(2025, 3))) > 0


def test_the_audit_across_a_clock_change_compares_instants() -> None:
    """April 1988: the wall clock moved an hour; 48 h stay 172,800 seconds."""
    period = DateRange(pendulum.Date(1988, 4, 14), pendulum.Date(1988, 4, 20))
    log = simulate_canteen(period.start, len(period))
    assert same(log, RetentionPolicy(), period) == ()
    first = log.samples[len(log.samples) // 2]
    exactly = Disposal(first.sample_id, first.earliest_discard_at(RetentionPolicy()), "王五")
    early = attrs.evolve(exactly, discarded_at=exactly.discarded_at - US)
    for disposal, found in ((exactly, False), (early, True)):
        disposals = [disposal if d.sample_id == first.sample_id else d for d in log.disposals]
        result = same(attrs.evolve(log, disposals=disposals), RetentionPolicy(), period)
        assert ("food_samples.discarded_too_early" in {v.code for v in result}) is found


@pytest.mark.rule("FS-6")
@pytest.mark.parametrize(("nudge", "late"), [(-US, True), (dt.timedelta(0), False), (US, False)])
def test_never_discarded_and_due_exactly_at_the_horizon(nudge: dt.timedelta, late: bool) -> None:
    policy = RetentionPolicy()
    period = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 3))
    taken = school_datetime(2025, 9, 4) - _fast.plain(policy.overdue_after) + nudge
    meal = Meal("m0", period.start, MealKind.BREAKFAST, taken.add(hours=1), ("米饭",))
    sample = FoodSample("s0", "m0", "米饭", Decimal(130), taken, "张三", "李四", "C1")
    readings = [TemperatureReading("C1", taken.add(hours=k), Decimal(3)) for k in range(80)]
    log = SampleLog(meals=[meal], samples=[sample], readings=readings)
    found = same(log, policy, period)
    assert [v.code for v in found] == (["food_samples.kept_past_time"] if late else [])


@pytest.mark.rule("FS-5")
@pytest.mark.parametrize("nudge", [-US, dt.timedelta(0)])
def test_a_sample_taken_at_the_horizon_has_no_window(nudge: dt.timedelta) -> None:
    period = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 1))
    horizon = school_datetime(2025, 9, 2)
    meal = Meal("m0", period.start, MealKind.DINNER, horizon, ("米饭",))
    sample = FoodSample("s0", "m0", "米饭", Decimal(130), horizon + nudge, "张三", "李四", "C1")
    warm = [TemperatureReading("C1", horizon + nudge, Decimal(30))]
    disposal = [Disposal("s0", horizon.add(hours=50), "王五")]
    log = SampleLog(meals=[meal], samples=[sample], readings=warm, disposals=disposal)
    found = same(log, RetentionPolicy(), period)
    assert ("food_samples.temperature_out_of_range" in {v.code for v in found}) is bool(nudge)


def test_the_longest_durations() -> None:
    """A retention of 31 years (the longest a duration may be): the findings agree."""
    longest = dt.timedelta(seconds=10**9)
    policy = RetentionPolicy(retention=longest, overdue_after=longest, max_reading_gap=longest)
    log, period = compliant(2, 1, 2)
    same(log, policy, period)
    same(attrs.evolve(log, disposals=()), policy, period)
    same(log, RetentionPolicy(overdue_after=longest), period)


def test_the_scale_is_steady_only_when_wall_clocks_are_instants() -> None:
    zone = school_datetime(2025, 1, 1).tzinfo
    assert zone is not None
    margin = dt.timedelta(days=5)

    def steady(*moments: pendulum.DateTime) -> bool:
        return _fast.steady_scale(zone, [(min(moments), max(moments))], margin)

    assert steady(school_datetime(2025, 3, 1), school_datetime(2025, 4, 1))
    assert _fast.steady_scale(zone, [], margin)
    assert not steady(school_datetime(1988, 4, 1), school_datetime(1988, 5, 1))
    assert not steady(school_datetime(1988, 4, 20), school_datetime(1988, 9, 1))  # in DST
    assert not steady(school_datetime(1991, 9, 20))  # five days after the last change
    assert steady(school_datetime(1991, 9, 25))
    assert not steady(school_datetime(2020, 1, 1), school_datetime(2030, 1, 1))  # too long


@pytest.mark.parametrize(
    "steps",
    [
        [30] * 20,
        [30] * 9 + [241] + [30] * 9,
        [30] * 9 + [240] + [30] * 9,
        [1] * 50 + [300] + [1] * 50,
        [300, 1, 300, 1],
        [0, 0, 0, 500, 0],
        [240],
        [],
    ],
)
def test_the_strided_gap_scan_finds_every_long_step(steps: list[int]) -> None:
    times = [dt.timedelta(minutes=sum(steps[:k])) for k in range(len(steps) + 1)]
    limit = dt.timedelta(minutes=240)
    expected = [k for k in range(len(times) - 1) if times[k + 1] - times[k] > limit]
    assert _fast.long_steps(times, limit, _sub) == expected


@given(st.lists(st.integers(0, 600), max_size=60), st.integers(1, 400))
def test_the_strided_gap_scan_is_the_plain_scan(steps: list[int], limit: int) -> None:
    times = [dt.timedelta(minutes=sum(steps[:k])) for k in range(len(steps) + 1)]
    gap = dt.timedelta(minutes=limit)
    expected = [k for k in range(len(times) - 1) if times[k + 1] - times[k] > gap]
    assert _fast.long_steps(times, gap, _sub) == expected


def _sub(a: dt.timedelta, b: dt.timedelta) -> dt.timedelta:
    return a - b


def test_the_instant_converter_across_zones() -> None:
    """Moments of several zones, alternating: each is the exact time since 0001-01-01 UTC."""
    instant, instants = _fast.instant_converter()
    moments: list[dt.datetime] = [
        school_datetime(2025, 3, 1, 8),
        school_datetime(2025, 3, 1, 8).in_timezone("UTC"),
        school_datetime(1988, 4, 17, 3),
        school_datetime(2025, 3, 1, 8).in_timezone("Europe/Paris"),
        school_datetime(2025, 3, 1, 9),
    ]
    exact = [_fast.since(moment, _fast.ORIGIN) for moment in moments]
    assert [instant(moment) for moment in moments] == exact
    assert instants(moments) == exact
    assert instants([]) == []


def test_records_of_a_subclass_are_refused_as_before() -> None:
    class Relabelled(FoodSample):  # accepted by SampleLog (an instance of FoodSample)
        __slots__ = ()

    log, period = compliant(1, 1, 1)
    odd = Relabelled(*attrs.astuple(log.samples[0], recurse=False))
    bad = attrs.evolve(log, samples=(odd,))
    with pytest.raises(InvalidRecordError) as refused:
        audit_log(bad, RetentionPolicy(), period)
    with pytest.raises(InvalidRecordError) as before:
        reference.audit_log(bad, RetentionPolicy(), period)
    assert refused.value.params == before.value.params
    assert refused.value.params["field"] == "samples"


def test_the_indexes_of_a_log_without_holds() -> None:
    log, period = compliant(1, 1, 1)
    context = AuditContext.build(log, RetentionPolicy(), period)
    assert context.covering_holds(0) == []
    assert context.findings("FS-2") == ()
    with pytest.raises(InvalidArgumentError):
        context.findings("FS-9")
    assert context.series("no such cabinet") is None
    cabinet = str(log.samples[0].cabinet_id)
    assert context.series(cabinet) is context.series(cabinet)  # built once
    assert context.service_start(log.meals[0].meal_id) == context.instant(
        log.meals[0].service_start
    )
