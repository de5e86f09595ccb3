"""The audit against a plain reference: the same findings, boundaries included (FS-1 … FS-8).

The reference below is written the obvious way (every sample against every reading,
hold and disposal, on pendulum moments), without any of the audit's indexes, joins
or shortcuts (``_fast.py``). Hypothesis draws small logs whose moments sit on a
30-minute grid, so readings exactly ``max_reading_gap`` apart, disposals exactly at
the end of the retention and holds placed exactly at a deadline all occur.
"""

# ruff: noqa: PERF401 - the reference is written the plain way on purpose

from __future__ import annotations

import itertools
from collections import Counter
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import DateRange, Violation, school_datetime
from schoollogistics.core.time import hours_text
from schoollogistics.errors import FieldTypeError
from schoollogistics.food_samples import (
    FINDINGS,
    Disposal,
    FoodSample,
    Hold,
    Meal,
    MealKind,
    RetentionPolicy,
    SampleLog,
    TemperatureReading,
    audit,
    audit_log,
    fs2_weights,
)

ZONE = "Asia/Shanghai"
T0 = school_datetime(2025, 9, 1)
DISHES = ("米饭", "青菜", "鱼")
LABELS_ZH = {
    "dish": "菜品名称",
    "grams": "留样数量",
    "taken_by": "留样人",
    "reviewed_by": "审核人",
    "cabinet_id": "留样柜",
}


def at(half_hours: int) -> pendulum.DateTime:
    return T0.add(minutes=30 * half_hours)


def show(moment: pendulum.DateTime) -> str:
    return moment.in_timezone(ZONE).isoformat()


def blank(value: str | None) -> bool:
    return value is None or not value.strip()


# ---------------------------------------------------------------- the reference


def reference(log: SampleLog, policy: RetentionPolicy, period: DateRange) -> list[Violation]:
    first_day = pendulum.datetime(period.start.year, period.start.month, period.start.day, tz=ZONE)
    after = period.end.add(days=1)
    horizon = pendulum.datetime(after.year, after.month, after.day, tz=ZONE)
    meals = {m.meal_id: m for m in log.meals if period.start <= m.day <= period.end}
    scope = [
        s
        for s in log.samples
        if s.meal_id in meals or first_day <= s.taken_at < horizon  # no meal: by time taken
    ]
    found: list[Violation] = []
    retention, overdue = policy.retention, policy.overdue_after
    grace = overdue - retention
    for served in meals.values():
        dishes = {s.dish for s in scope if s.meal_id == served.meal_id}
        for dish in served.dishes:
            if dish not in dishes:
                found.append(
                    FINDINGS["food_samples.dish_without_sample"].violation(
                        f"{served.meal_id}/{dish}",
                        dish=dish,
                        day=served.day.isoformat(),
                        kind=served.kind.value,
                        meal=served.meal_id,
                        meal_zh=served.label_zh,
                    )
                )
    for s in scope:
        meal = meals.get(s.meal_id)
        sid = s.sample_id
        if meal is None:
            found.append(
                FINDINGS["food_samples.sample_without_meal"].violation(sid, meal=s.meal_id)
            )
        elif s.dish not in meal.dishes and not blank(s.dish):
            found.append(
                FINDINGS["food_samples.sample_of_unserved_dish"].violation(
                    sid, dish=str(s.dish), meal=meal.meal_id, meal_zh=meal.label_zh
                )
            )
        if s.grams is not None and s.grams < policy.min_grams:
            found.append(
                FINDINGS["food_samples.underweight"].violation(
                    sid, dish=str(s.dish), grams=str(s.grams), minimum=str(policy.min_grams)
                )
            )
        missing = s.missing_labels(policy)
        if missing:
            found.append(
                FINDINGS["food_samples.missing_label"].violation(
                    sid,
                    fields=", ".join(missing),
                    fields_zh="、".join(LABELS_ZH[f] for f in missing),
                )
            )
        if meal is not None and s.taken_at > meal.service_start:
            found.append(
                FINDINGS["food_samples.taken_after_service"].violation(
                    sid,
                    taken_at=show(s.taken_at),
                    service_start=show(meal.service_start),
                    meal=meal.meal_id,
                    meal_zh=meal.label_zh,
                )
            )
        found.extend(_temperatures(log, policy, s, horizon))
        disposals = [d for d in log.disposals if d.sample_id == sid]
        earliest = s.taken_at + retention
        holds = [h for h in log.holds if h.covers(s)]
        for d in disposals:
            if d.discarded_at < earliest:
                found.append(
                    FINDINGS["food_samples.discarded_too_early"].violation(
                        sid,
                        discarded_at=show(d.discarded_at),
                        earliest_discard_at=show(earliest),
                        retention_hours=hours_text(retention),
                    )
                )
            if blank(d.discarded_by):
                found.append(
                    FINDINGS["food_samples.disposal_unsigned"].violation(
                        sid, discarded_at=show(d.discarded_at)
                    )
                )
            for h in holds:
                if h.placed_at <= d.discarded_at and (
                    h.released_at is None or d.discarded_at < h.released_at
                ):
                    found.append(
                        FINDINGS["food_samples.held_sample_discarded"].violation(
                            sid, discarded_at=show(d.discarded_at), hold=h.hold_id
                        )
                    )
        due: pendulum.DateTime | None = s.taken_at + overdue
        for h in holds:
            if due is None or h.placed_at > s.taken_at + overdue or h.placed_at >= horizon:
                continue
            if h.released_at is None or h.released_at >= horizon:
                due = None
            else:
                due = max(due, h.released_at + grace)
        if due is None:
            continue
        first = min((d.discarded_at for d in disposals), default=None)
        if first is None and horizon > due:
            found.append(
                FINDINGS["food_samples.kept_past_time"].violation(
                    sid,
                    taken_at=show(s.taken_at),
                    due_by=show(due),
                    state="no disposal is recorded: still kept, or destroyed without a record",
                    state_zh="无销毁记录：仍在留存或销毁未登记",
                )
            )
        elif first is not None and first > due:
            found.append(
                FINDINGS["food_samples.kept_past_time"].violation(
                    sid,
                    taken_at=show(s.taken_at),
                    due_by=show(due),
                    state=f"it was discarded only at {show(first)}",
                    state_zh=f"迟至 {show(first)} 才销毁",
                )
            )
    known = {s.sample_id for s in log.samples}
    for d in log.disposals:
        if d.sample_id not in known and first_day <= d.discarded_at < horizon:
            found.append(
                FINDINGS["food_samples.disposal_without_sample"].violation(
                    d.sample_id, discarded_at=show(d.discarded_at)
                )
            )
    return found


def _temperatures(
    log: SampleLog, policy: RetentionPolicy, s: FoodSample, horizon: pendulum.DateTime
) -> set[Violation]:
    if blank(s.cabinet_id):
        return set()
    start = s.taken_at
    end = min(start + policy.retention, horizon)
    if end <= start:
        return set()
    readings = sorted(
        ((r.at, r.celsius) for r in log.readings if r.cabinet_id == s.cabinet_id),
        key=lambda pair: (pair[0].timestamp(), pair[1]),
    )
    times = [t for t, _ in readings]
    gap_limit = policy.max_reading_gap
    gap: tuple[pendulum.DateTime, pendulum.DateTime] | None = None
    if not times:
        if end - start > gap_limit:
            gap = (start, end)
    elif times[0] > start and times[0] - start > gap_limit:
        gap = (start, times[0])
    else:
        pairs = [
            (a, b)
            for a, b in itertools.pairwise(times)
            if b - a > gap_limit and a < end and b > start
        ]
        if pairs:
            gap = pairs[0]
        elif times[-1] < end and end - times[-1] > gap_limit:
            gap = (times[-1], end)
    found: set[Violation] = set()
    cabinet = str(s.cabinet_id)
    if gap is not None:
        found.add(
            FINDINGS["food_samples.temperature_gap"].violation(
                s.sample_id,
                cabinet=cabinet,
                gap_from=show(gap[0]),
                gap_to=show(gap[1]),
                max_gap_hours=hours_text(gap_limit),
            )
        )
    bad = [
        (t, c)
        for t, c in readings
        if start <= t <= end and not policy.min_celsius <= c <= policy.max_celsius
    ]
    if bad:
        found.add(
            FINDINGS["food_samples.temperature_out_of_range"].violation(
                s.sample_id,
                cabinet=cabinet,
                at=show(bad[0][0]),
                celsius=str(bad[0][1]),
                count=str(len(bad)),
                minimum=str(policy.min_celsius),
                maximum=str(policy.max_celsius),
            )
        )
    return found


# ---------------------------------------------------------------- small logs on a grid


@st.composite
def logs(draw: st.DrawFn) -> tuple[SampleLog, RetentionPolicy, DateRange]:
    days = draw(st.integers(1, 3))
    period = DateRange(T0.date(), T0.date().add(days=days - 1))
    policy = RetentionPolicy(
        min_grams=draw(st.sampled_from([Decimal(100), Decimal(125)])),
        retention=pendulum.duration(hours=draw(st.sampled_from([24, 48]))),
        min_celsius=Decimal(0),
        max_celsius=draw(st.sampled_from([Decimal(4), Decimal(8)])),
        reviewer_required=draw(st.booleans()),
        max_reading_gap=pendulum.duration(hours=draw(st.sampled_from([2, 4]))),
        overdue_after=pendulum.duration(hours=draw(st.sampled_from([72, 96]))),
    )
    meals = [
        Meal(
            f"m{day}",
            T0.date().add(days=day),
            MealKind.LUNCH,
            at(48 * day + 23),
            tuple(DISHES[: draw(st.integers(1, 3))]),
        )
        for day in range(draw(st.integers(1, days + 1)))  # the last may be after the period
    ]
    samples = []
    for number in range(draw(st.integers(0, 6))):
        meal_id = draw(st.sampled_from([*(m.meal_id for m in meals), "ghost"]))
        day = int(meal_id[1:]) if meal_id != "ghost" else draw(st.integers(-1, days))
        samples.append(
            FoodSample(
                f"s{number}",
                meal_id,
                draw(st.sampled_from([*DISHES, "汤", None, " "])),
                draw(
                    st.sampled_from([None, Decimal(99), Decimal(100), Decimal(125), Decimal(130)])
                ),
                at(48 * day + 23 + draw(st.integers(-3, 1))),
                draw(st.sampled_from(["张三", "张三", None])),
                draw(st.sampled_from(["李四", "李四", " "])),
                draw(st.sampled_from(["C1", "C1", "C2", None])),
            )
        )
    ids = [s.sample_id for s in samples] + ["zz"]
    disposals = [
        Disposal(
            draw(st.sampled_from(ids)),
            at(draw(st.integers(0, 48 * (days + 5)))),
            draw(st.sampled_from(["王五", "王五", None, " "])),
        )
        for _ in range(draw(st.integers(0, 6)))
    ]
    readings = [
        TemperatureReading(
            draw(st.sampled_from(["C1", "C1", "C1", "C2"])),
            at(draw(st.integers(0, 48 * (days + 4)))),
            Decimal(draw(st.integers(-1, 9))),
        )
        for _ in range(draw(st.integers(0, 40)))
    ]
    if draw(st.booleans()):  # a regular log, so that long clean windows occur too
        step = draw(st.sampled_from([1, 4, 8, 9]))
        readings += [
            TemperatureReading("C1", at(k), Decimal(3)) for k in range(0, 48 * (days + 4), step)
        ]
    holds = []
    for number in range(draw(st.integers(0, 3))):
        placed = at(draw(st.integers(0, 48 * (days + 4))))
        released = draw(st.none() | st.integers(0, 48 * 3))
        by_meals = draw(st.booleans())
        start = draw(st.integers(0, 48 * days))
        holds.append(
            Hold(
                f"h{number}",
                placed,
                "校长",
                "腹泻",
                meal_ids=(draw(st.sampled_from([m.meal_id for m in meals])),) if by_meals else (),
                taken_from=None if by_meals else at(start),
                taken_until=None if by_meals else at(start + draw(st.integers(1, 48))),
                released_at=None if released is None else placed.add(minutes=30 * released),
                released_by=None if released is None else "局",
            )
        )
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
@settings(max_examples=300, deadline=None)
@given(case=logs())
def test_the_audit_finds_what_the_plain_reference_finds(
    case: tuple[SampleLog, RetentionPolicy, DateRange],
) -> None:
    log, policy, period = case
    found = audit_log(log, policy, period)
    assert Counter(found) == Counter(reference(log, policy, period))


# ---------------------------------------------------------------- named boundaries


def _one_sample_log(readings: list[int], **changes: object) -> SampleLog:
    meal = Meal("m0", T0.date(), MealKind.LUNCH, at(23), ("米饭",))
    sample = FoodSample("s0", "m0", "米饭", Decimal(130), at(22), "张三", "李四", "C1")
    return SampleLog(
        meals=[meal],
        samples=[sample],
        readings=[TemperatureReading("C1", at(k), Decimal(3)) for k in readings],
        **changes,  # type: ignore[arg-type] # test helper: the log's own fields
    )


DAY = DateRange(T0.date(), T0.date())


@pytest.mark.rule("FS-5")
@pytest.mark.parametrize(
    ("readings", "gap"),
    [
        ([14, 22, 30, 38, 46, 50], None),  # every gap exactly 4 h, last reading after the end
        ([14, 22, 31, 39, 47], (22, 31)),  # 4 h 30 min inside the window
        ([13, 22, 30, 38, 46], None),  # a long gap ending exactly when the window opens
        ([22, 30, 38, 46, 48, 60], None),  # a long gap starting exactly when the window closes
        ([23, 31, 39, 47], None),  # the first reading 30 min after the start: within 4 h
        ([31, 39, 47], (22, 31)),  # the first reading 4 h 30 min after the start
        ([30, 38, 46], None),  # exactly 4 h after the start
        ([14, 22, 30, 38, 40], None),  # the last reading exactly 4 h before the end
        ([14, 22, 30, 38, 39], (39, 48)),  # 4 h 30 min before the end (the horizon)
    ],
)
def test_reading_gap_boundaries(readings: list[int], gap: tuple[int, int] | None) -> None:
    # the window runs from the sample's taking (half-hour 22) to the horizon (48)
    found = audit_log(_one_sample_log(readings), RetentionPolicy(), DAY)
    gaps = [v for v in found if v.code == "food_samples.temperature_gap"]
    if gap is None:
        assert gaps == []
    else:
        assert [(v.params["gap_from"], v.params["gap_to"]) for v in gaps] == [
            (show(at(gap[0])), show(at(gap[1])))
        ]
        assert gaps[0].params["max_gap_hours"] == "4"
        assert gaps[0].params["cabinet"] == "C1"


@pytest.mark.rule("FS-5")
def test_readings_at_the_window_edges_count_for_the_range() -> None:
    log = _one_sample_log([14, 22, 30, 38, 46])
    warm = [TemperatureReading("C1", at(22), Decimal(9)), TemperatureReading("C1", at(48), 9)]
    outside = [TemperatureReading("C1", at(21), Decimal(9))]
    policy = RetentionPolicy(retention=pendulum.duration(hours=13))  # window [11:00, 24:00]
    found = audit_log(
        SampleLog(log.meals, log.samples, (), (*log.readings, *warm, *outside)), policy, DAY
    )
    (out,) = [v for v in found if v.code == "food_samples.temperature_out_of_range"]
    assert dict(out.params) == {
        "cabinet": "C1",
        "at": show(at(22)),
        "celsius": "9",
        "count": "2",
        "minimum": "0",
        "maximum": "8",
    }


@pytest.mark.rule("FS-6")
@pytest.mark.rule("FS-7")
def test_hold_deadline_boundaries() -> None:
    period = DateRange(T0.date(), T0.date().add(days=5))
    taken, overdue = at(22), pendulum.duration(hours=72)
    due = taken + overdue
    readings = list(range(0, 48 * 7, 4))

    def late(holds: list[Hold], disposals: list[Disposal] = ()) -> list[str]:  # type: ignore[assignment] # a tuple default
        log = _one_sample_log(readings, holds=holds, disposals=disposals)
        return [
            str(v.params["due_by"])
            for v in audit_log(log, RetentionPolicy(), period)
            if v.code == "food_samples.kept_past_time"
        ]

    def hold(placed: pendulum.DateTime, released: pendulum.DateTime | None = None) -> Hold:
        return Hold(
            "h1",
            placed,
            "校长",
            "r",
            meal_ids=("m0",),
            released_at=released,
            released_by=None if released is None else "局",
        )

    assert late([]) == [show(due)]
    assert late([hold(due)]) == []  # placed exactly when due: still suspends the clock
    assert late([hold(due.add(microseconds=1))]) == [show(due)]  # placed after: too late
    released = at(48 * 3)
    grace = released + (overdue - pendulum.duration(hours=48))
    assert late([hold(at(30), released)]) == [show(grace)]
    on_time = Disposal("s0", grace, "王五")
    assert late([hold(at(30), released)], [on_time]) == []  # discarded exactly at the deadline
    just_late = Disposal("s0", grace.add(microseconds=1), "王五")
    assert late([hold(at(30), released)], [just_late]) == [show(grace)]
    horizon = at(48 * 6)
    assert late([hold(at(30), horizon)]) == []  # released only at the horizon: in force
    assert late([hold(at(30), horizon.subtract(microseconds=1))]) == []  # grace runs past it
    early_release = at(30).add(hours=1)
    assert late([hold(at(30), early_release)]) == [show(due)]  # a short hold changes nothing


@pytest.mark.rule("FS-7")
def test_the_audit_reads_a_hold_period_as_half_open() -> None:
    disposal = [Disposal("s0", at(22 + 2 * 50), "王五")]

    def held(start: int, until: int) -> bool:
        hold = Hold("h1", at(0), "校长", "r", taken_from=at(start), taken_until=at(until))
        log = _one_sample_log(list(range(0, 48 * 4, 4)), holds=[hold], disposals=disposal)
        period = DateRange(T0.date(), T0.date().add(days=3))
        return any(
            v.code == "food_samples.held_sample_discarded"
            for v in audit_log(log, RetentionPolicy(), period)
        )

    assert held(22, 23)  # taken exactly at the start of the range
    assert not held(20, 22)  # taken exactly at its end
    assert held(21, 23)


# ---------------------------------------------------------------- more pinned edges


@pytest.mark.rule("FS-5")
@pytest.mark.parametrize(
    ("half_hour", "gap"), [(41, False), (40, False), (39, True)]
)  # taken at 20:30 / 20:00 (a window of 4 h or less) or 19:30 (more than 4 h)
def test_a_cabinet_without_readings_has_one_gap_when_the_window_is_long(
    half_hour: int, gap: bool
) -> None:
    meal = Meal("m0", T0.date(), MealKind.DINNER, at(half_hour), ("米饭",))
    sample = FoodSample("s0", "m0", "米饭", Decimal(130), at(half_hour), "张三", "李四", "C9")
    found = audit_log(SampleLog(meals=[meal], samples=[sample]), RetentionPolicy(), DAY)
    gaps = [dict(v.params) for v in found if v.code == "food_samples.temperature_gap"]
    expected = {
        "cabinet": "C9",
        "gap_from": show(at(half_hour)),
        "gap_to": show(at(48)),
        "max_gap_hours": "4",
    }
    assert gaps == ([expected] if gap else [])


@pytest.mark.rule("FS-5")
def test_a_long_gap_after_the_first_reading_inside_the_window() -> None:
    found = audit_log(_one_sample_log([23, 33, 41, 47]), RetentionPolicy(), DAY)
    gaps = [v for v in found if v.code == "food_samples.temperature_gap"]
    assert [(v.params["gap_from"], v.params["gap_to"]) for v in gaps] == [
        (show(at(23)), show(at(33)))
    ]


@pytest.mark.rule("FS-5")
def test_readings_exactly_at_the_limits_are_in_range() -> None:
    log = _one_sample_log(list(range(14, 50, 4)))
    edge = [
        TemperatureReading("C1", at(24), Decimal(8)),
        TemperatureReading("C1", at(25), Decimal(0)),
        TemperatureReading("C1", at(26), Decimal("8.1")),
        TemperatureReading("C1", at(27), Decimal("-0.1")),
    ]
    found = audit_log(
        SampleLog(log.meals, log.samples, (), (*log.readings, *edge)), RetentionPolicy(), DAY
    )
    (out,) = [v for v in found if v.code == "food_samples.temperature_out_of_range"]
    assert (out.params["at"], out.params["celsius"], out.params["count"]) == (
        show(at(26)),
        "8.1",
        "2",
    )


@pytest.mark.rule("FS-3")
def test_a_retention_with_seconds_is_exact() -> None:
    retention = pendulum.duration(hours=48, seconds=1)
    policy = RetentionPolicy(retention=retention)
    log = _one_sample_log([], disposals=[Disposal("s0", at(22).add(hours=48), "王五")])
    period = DateRange(T0.date(), T0.date().add(days=3))
    (early,) = [
        v for v in audit_log(log, policy, period) if v.code == "food_samples.discarded_too_early"
    ]
    assert early.params["earliest_discard_at"] == "2025-09-03T11:00:01+08:00"
    assert early.params["retention_hours"] == hours_text(retention)


@pytest.mark.rule("FS-1")
def test_samples_of_one_meal_need_not_come_together() -> None:
    lunch = Meal("m0", T0.date(), MealKind.LUNCH, at(23), ("米饭", "青菜"))
    dinner = Meal("m1", T0.date(), MealKind.DINNER, at(35), ("米饭",))

    def sample(sid: str, meal: str, dish: str) -> FoodSample:
        return FoodSample(sid, meal, dish, Decimal(130), at(20), "张三", "李四", "C1")

    samples = [sample("a", "m0", "米饭"), sample("b", "m1", "米饭"), sample("c", "m0", "青菜")]
    samples += [sample("d", "m1", "米饭"), sample("e", "m0", "米饭")]
    log = SampleLog(meals=[lunch, dinner], samples=samples)
    found = audit_log(log, RetentionPolicy(), DAY)
    assert "food_samples.dish_without_sample" not in {v.code for v in found}
    fewer = SampleLog(meals=[lunch, dinner], samples=samples[:2] + samples[3:])
    missing = [v for v in audit_log(fewer, RetentionPolicy(), DAY) if "without_sample" in v.code]
    assert [v.subject for v in missing] == ["m0/青菜"]


@pytest.mark.rule("FS-1")
def test_conflicting_event_meals_keep_the_smaller_name_whatever_the_order() -> None:
    first = Meal("m0", T0.date(), MealKind.EVENT, at(23), ("米饭",), "运动会")
    second = Meal("m0", T0.date(), MealKind.EVENT, at(23), ("米饭",), "艺术节")
    chosen = min(first, second, key=lambda m: m.event_name or "")
    for meals in ([first, second], [second, first]):
        found = audit_log(SampleLog(meals=meals), RetentionPolicy(), DAY)
        conflict = [v for v in found if v.code == "food_samples.conflicting_meals"]
        assert [(v.subject, dict(v.params)) for v in conflict] == [("m0", {"count": "2"})]
        (missing,) = [v for v in found if v.code == "food_samples.dish_without_sample"]
        assert missing.params["kind"] == chosen.event_name


@pytest.mark.rule("FS-6")
@pytest.mark.rule("FS-7")
def test_more_hold_deadline_edges() -> None:
    taken = T0  # taken at midnight: due 72 h later, exactly at the horizon of a 3-day period
    meal = Meal("m0", T0.date(), MealKind.BREAKFAST, at(1), ("米饭",))
    sample = FoodSample("s0", "m0", "米饭", Decimal(130), taken, "张三", "李四", "C1")
    period = DateRange(T0.date(), T0.date().add(days=2))
    horizon = at(48 * 3)
    readings = [TemperatureReading("C1", at(k), Decimal(3)) for k in range(0, 48 * 4, 4)]

    def late(holds: list[Hold], disposed: pendulum.DateTime) -> bool:
        log = SampleLog(
            meals=[meal],
            samples=[sample],
            disposals=[Disposal("s0", disposed, "王五")],
            readings=readings,
            holds=holds,
        )
        return any(
            v.code == "food_samples.kept_past_time"
            for v in audit_log(log, RetentionPolicy(), period)
        )

    def hold(
        hold_id: str, placed: pendulum.DateTime, released: pendulum.DateTime | None = None
    ) -> Hold:
        return Hold(
            hold_id,
            placed,
            "校长",
            "r",
            meal_ids=("m0",),
            released_at=released,
            released_by=None if released is None else "局",
        )

    after = horizon.add(hours=1)
    assert late([], after)
    assert late([hold("h1", horizon)], after)  # placed at the horizon: not known to the audit
    assert not late([hold("h1", horizon.subtract(microseconds=1))], after)
    assert not late([hold("h9", horizon.add(hours=1)), hold("h1", at(4))], after)  # any order
    assert not late([hold("h1", at(4)), hold("h9", horizon.add(hours=1))], after)
    # released exactly at the horizon: still in force when the period ends
    assert not late([hold("h1", at(4), horizon)], horizon.add(hours=30))
    assert late([hold("h1", at(4), horizon.subtract(hours=1))], horizon.add(hours=30))


def test_audit_passes_its_checks_and_names_wrong_records() -> None:
    log = _one_sample_log([], disposals=[Disposal("s0", at(2), None)])
    only = audit(
        log.meals, log.samples, log.disposals, [], RetentionPolicy(), DAY, checks=(fs2_weights,)
    )
    assert only == ()
    with pytest.raises(FieldTypeError) as info:
        audit([], [3], [], [], RetentionPolicy(), DAY)  # type: ignore[list-item]
    assert info.value.params == {
        "field": "SampleLog.samples[0]",
        "expected": "a FoodSample",
        "expected_zh": "记录「FoodSample」",
        "type_name": "int",
    }
