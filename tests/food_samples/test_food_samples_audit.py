"""The audit: compliant logs audit clean, a fault yields exactly its code, order does not matter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import DateRange, Severity, Violation, school_datetime, serialization
from schoollogistics.errors import FieldTypeError
from schoollogistics.food_samples import (
    DEFAULT_CHECKS,
    FINDINGS,
    AuditContext,
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
from schoollogistics.food_samples.errors import InvalidRecordError
from schoollogistics.testing.food_samples import simulate_canteen

from ._faults import FAULTS, OPTIONAL_UNDER_POLICY, START, compliant

POLICIES = st.builds(
    RetentionPolicy,
    min_grams=st.sampled_from([Decimal(100), Decimal(125), Decimal(200)]),
    retention=st.sampled_from([pendulum.duration(hours=24), pendulum.duration(hours=48)]),
    min_celsius=st.just(Decimal(0)),
    max_celsius=st.sampled_from([Decimal(4), Decimal(8), Decimal(10)]),
    reviewer_required=st.booleans(),
    max_reading_gap=st.sampled_from([pendulum.duration(hours=2), pendulum.duration(hours=4)]),
    overdue_after=st.sampled_from([pendulum.duration(hours=72), pendulum.duration(hours=96)]),
)


def codes(found: tuple[Violation, ...]) -> set[str]:
    return {v.code for v in found}


# ---------------------------------------------------------------- properties


@pytest.mark.rule("FS-1")
@pytest.mark.rule("FS-5")
@pytest.mark.rule("FS-6")
@given(
    policy=POLICIES,
    days=st.integers(1, 4),
    meals=st.integers(1, 4),
    dishes=st.integers(1, 4),
)
def test_a_compliant_canteen_audits_clean(
    policy: RetentionPolicy, days: int, meals: int, dishes: int
) -> None:
    log, period = compliant(days, meals, dishes, policy)
    assert audit_log(log, policy, period) == ()


@pytest.mark.rule("FS-1")
@pytest.mark.rule("FS-2")
@pytest.mark.rule("FS-3")
@pytest.mark.rule("FS-4")
@pytest.mark.rule("FS-5")
@pytest.mark.rule("FS-6")
@pytest.mark.rule("FS-7")
@pytest.mark.rule("FS-8")
@settings(max_examples=100)
@given(
    kind=st.sampled_from(sorted(FAULTS)),
    policy=POLICIES,
    meal=st.integers(0, 3),
    dish=st.integers(0, 2),
)
def test_each_injected_fault_yields_exactly_its_code(
    kind: str, policy: RetentionPolicy, meal: int, dish: int
) -> None:
    log, period = compliant(5, 4, 3, policy)
    sample = log.samples[meal * 3 + dish]  # a sample of the first day
    inject, code = FAULTS[kind]
    found = audit_log(inject(log, sample, policy), policy, period)
    if kind in OPTIONAL_UNDER_POLICY and not policy.reviewer_required:
        assert found == ()  # FS-4: the reviewer is configurable
        return
    assert codes(found) == {code}
    assert all(v.rule == FINDINGS[code].rule for v in found)
    subjects = {v.subject for v in found}
    if FINDINGS[code].rule == "FS-5":  # a cabinet fault touches every sample inside then
        assert sample.sample_id in subjects
    else:  # one fault, one subject (the sample, its dish or the meal)
        assert len(subjects) == 1


# Findings only SampleCabinet.check_invariants returns (the cabinet's own consistency).
INVARIANT_ONLY = {
    "food_samples.sample_in_other_cabinet",
    "food_samples.history_refused",
    "food_samples.history_mismatch",
}


def test_every_finding_code_and_rule_has_a_fault() -> None:
    assert {code for _, code in FAULTS.values()} == set(FINDINGS) - INVARIANT_ONLY
    assert {FINDINGS[code].rule for _, code in FAULTS.values()} == {f"FS-{n}" for n in range(1, 9)}


@pytest.mark.rule("FS-1")
@pytest.mark.rule("FS-3")
@pytest.mark.rule("FS-4")
@pytest.mark.rule("FS-5")
@pytest.mark.rule("FS-6")
@pytest.mark.rule("FS-7")
@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_each_fault_kind_alone_under_the_default_policy(kind: str) -> None:
    """Every kind is exercised at least once, whatever Hypothesis draws above."""
    policy = RetentionPolicy()
    log, period = compliant(5, 2, 3, policy)  # long enough for "kept past its time"
    inject, code = FAULTS[kind]
    found = audit_log(inject(log, log.samples[1], policy), policy, period)
    assert codes(found) == {code}


@pytest.mark.rule("FS-7")
@given(
    kinds=st.lists(st.sampled_from(sorted(FAULTS)), min_size=1, max_size=5, unique=True),
    data=st.data(),
)
def test_the_result_does_not_depend_on_input_order(kinds: list[str], data: st.DataObject) -> None:
    """All five collections are permuted; every log has holds and duplicate disposals."""
    policy = RetentionPolicy()
    log, period = compliant(4, 2, 3, policy)
    if not {"held_discard", "held_meal_discard"} & set(kinds):
        kinds = [*kinds, data.draw(st.sampled_from(["held_discard", "held_meal_discard"]))]
    for number, kind in enumerate(kinds):
        log = FAULTS[kind][0](log, log.samples[number], policy)
    again_disposed = attrs.evolve(log.disposals[-1], discarded_by=None)
    log = attrs.evolve(log, disposals=(*log.disposals, again_disposed))
    expected = audit_log(log, policy, period)
    assert len(log.holds) >= 1
    assert len(codes(expected)) >= 2
    again = audit(
        data.draw(st.permutations(log.meals)),
        data.draw(st.permutations(log.samples)),
        data.draw(st.permutations(log.disposals)),
        data.draw(st.permutations(log.readings)),
        policy,
        period,
        holds=data.draw(st.permutations(log.holds)),
    )
    assert again == expected


def test_findings_are_sorted_canonically() -> None:
    policy = RetentionPolicy()
    log, period = compliant(4, 4, 5, policy)
    for number, kind in enumerate(sorted(FAULTS)):
        log = FAULTS[kind][0](log, log.samples[number], policy)
    found = audit_log(log, policy, period)
    assert [v.sort_key() for v in found] == sorted(v.sort_key() for v in found)
    assert len(codes(found)) == len(FINDINGS) - len(INVARIANT_ONLY)


# ---------------------------------------------------------------- examples


def _meal(meal_id: str = "m1", dishes: tuple[str, ...] = ("米饭", "青菜")) -> Meal:
    return Meal(
        meal_id,
        pendulum.Date(2025, 9, 1),
        MealKind.LUNCH,
        school_datetime(2025, 9, 1, 11, 30),
        dishes,
    )


def _sample(sample_id: str = "s1", dish: str | None = "米饭", **changes: Any) -> FoodSample:
    sample = FoodSample(
        sample_id,
        "m1",
        dish,
        Decimal(130),
        school_datetime(2025, 9, 1, 11, 0),
        "张三",
        "李四",
        "C1",
    )
    return attrs.evolve(sample, **changes)


SEPT = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 1))


def _readings(hours: int = 60, every: int = 1, start: int = 10) -> list[TemperatureReading]:
    first = school_datetime(2025, 9, 1, start)
    return [
        TemperatureReading("C1", first.add(hours=h), Decimal(4)) for h in range(0, hours, every)
    ]


@pytest.mark.rule("FS-1")
def test_dish_without_sample_names_meal_and_dish() -> None:
    found = audit([_meal()], [_sample()], [], _readings(), RetentionPolicy(), SEPT)
    (missing,) = found
    assert missing.code == "food_samples.dish_without_sample"
    assert missing.subject == "m1/青菜"
    assert missing.rule == "FS-1"
    assert "青菜" in missing.message_zh
    assert "2025-09-01 午餐" in missing.message_zh


@pytest.mark.rule("FS-2")
def test_underweight_is_below_the_minimum_only() -> None:
    policy = RetentionPolicy()
    samples = [_sample("a", grams=Decimal("124.9")), _sample("b", "青菜", grams=125)]
    found = audit([_meal()], samples, [], _readings(), policy, SEPT)
    assert [(v.code, v.subject, v.params["grams"]) for v in found] == [
        ("food_samples.underweight", "a", "124.9")
    ]
    assert "125" in found[0].message_zh
    context = AuditContext.build(SampleLog(samples=samples), policy, SEPT)
    assert fs2_weights(context) == found  # samples of an unknown meal are still weighed


@pytest.mark.rule("FS-3")
def test_discarded_too_early_names_the_earliest_time() -> None:
    sample = _sample()
    early = Disposal("s1", school_datetime(2025, 9, 3, 10, 59, 59), "王五")
    period = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 2))
    found = audit(
        [_meal(dishes=("米饭",))], [sample], [early], _readings(), RetentionPolicy(), period
    )
    assert codes(found) == {"food_samples.discarded_too_early"}
    assert found[0].params["earliest_discard_at"] == "2025-09-03T11:00:00+08:00"
    assert found[0].params["retention_hours"] == "48"
    exactly = attrs.evolve(early, discarded_at=school_datetime(2025, 9, 3, 11))
    assert (
        audit(
            [_meal(dishes=("米饭",))], [sample], [exactly], _readings(), RetentionPolicy(), period
        )
        == ()
    )


@pytest.mark.rule("FS-4")
def test_missing_labels_are_listed_and_reviewer_is_configurable() -> None:
    sample = _sample(dish=" ", grams=None, taken_by=None, reviewed_by="", cabinet_id=None)
    found = audit([_meal(dishes=("米饭",))], [sample], [], [], RetentionPolicy(), SEPT)
    # the nameless sample counts for no dish (FS-1) and has no cabinet to read (no FS-5)
    assert codes(found) == {"food_samples.missing_label", "food_samples.dish_without_sample"}
    label = next(v for v in found if v.rule == "FS-4")
    assert label.params["fields"] == "dish, grams, taken_by, reviewed_by, cabinet_id"
    assert "留样人" in label.message_zh
    lenient = RetentionPolicy(reviewer_required=False)
    no_reviewer = _sample(reviewed_by=None)
    assert audit([_meal(dishes=("米饭",))], [no_reviewer], [], _readings(), lenient, SEPT) == ()


@pytest.mark.rule("FS-5")
def test_excursion_reported_once_per_sample_with_first_reading_and_count() -> None:
    readings = _readings()
    readings[3] = attrs.evolve(readings[3], celsius=Decimal("9.5"))
    readings[5] = attrs.evolve(readings[5], celsius=Decimal(-1))
    found = audit([_meal(dishes=("米饭",))], [_sample()], [], readings, RetentionPolicy(), SEPT)
    (warm,) = found
    assert warm.code == "food_samples.temperature_out_of_range"
    assert warm.params["celsius"] == "9.5"
    assert warm.params["count"] == "2"
    assert warm.params["at"] == "2025-09-01T13:00:00+08:00"
    # a reading before the sample was taken does not count
    before = _readings()
    before[0] = attrs.evolve(before[0], celsius=Decimal(20))
    assert audit([_meal(dishes=("米饭",))], [_sample()], [], before, RetentionPolicy(), SEPT) == ()


@pytest.mark.rule("FS-5")
@pytest.mark.parametrize(
    ("hours", "every", "start", "gap"),
    [
        (60, 1, 12, ("2025-09-01T11:00:00+08:00", "2025-09-01T16:00:00+08:00")),  # leading
        (2, 1, 10, ("2025-09-01T11:00:00+08:00", "2025-09-02T00:00:00+08:00")),  # trailing
        (60, 5, 10, ("2025-09-01T10:00:00+08:00", "2025-09-01T15:00:00+08:00")),  # interior
        (0, 1, 10, ("2025-09-01T11:00:00+08:00", "2025-09-02T00:00:00+08:00")),  # none at all
        (1, 1, 30, ("2025-09-01T11:00:00+08:00", "2025-09-02T06:00:00+08:00")),  # all later
    ],
)
def test_reading_gaps(hours: int, every: int, start: int, gap: tuple[str, str]) -> None:
    readings = _readings(hours, every, start if start < 24 else 10)
    if start >= 24:
        readings = [attrs.evolve(r, at=r.at.add(hours=start - 10)) for r in readings]
    if hours == 60 and every == 1 and start == 12:
        readings = [attrs.evolve(r, at=r.at.add(hours=4)) for r in readings]
    found = audit([_meal(dishes=("米饭",))], [_sample()], [], readings, RetentionPolicy(), SEPT)
    assert codes(found) == {"food_samples.temperature_gap"}
    assert (found[0].params["gap_from"], found[0].params["gap_to"]) == gap
    assert found[0].params["max_gap_hours"] == "4"


@pytest.mark.rule("FS-5")
def test_gap_exactly_the_maximum_is_allowed() -> None:
    readings = _readings(60, 4)
    assert (
        audit([_meal(dishes=("米饭",))], [_sample()], [], readings, RetentionPolicy(), SEPT) == ()
    )
    far = [r for r in readings if r.at != school_datetime(2025, 9, 1, 14)]
    found = audit([_meal(dishes=("米饭",))], [_sample()], [], far, RetentionPolicy(), SEPT)
    assert codes(found) == {"food_samples.temperature_gap"}


@pytest.mark.rule("FS-6")
def test_kept_past_time_is_a_warning_and_holds_suspend_it() -> None:
    period = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 5))
    readings = _readings(24 * 5)
    found = audit([_meal(dishes=("米饭",))], [_sample()], [], readings, RetentionPolicy(), period)
    (late,) = found
    assert late.code == "food_samples.kept_past_time"
    assert late.severity is Severity.WARNING
    assert late.params["due_by"] == "2025-09-04T11:00:00+08:00"
    hold = Hold.for_meals(
        "h1", ["m1"], placed_at=school_datetime(2025, 9, 1, 20), placed_by="校长", reason="腹泻"
    )
    assert (
        audit(
            [_meal(dishes=("米饭",))],
            [_sample()],
            [],
            readings,
            RetentionPolicy(),
            period,
            holds=[hold],
        )
        == ()
    )
    released = hold.released(at=school_datetime(2025, 9, 3, 12), by="疾控中心")
    found = audit(
        [_meal(dishes=("米饭",))],
        [_sample()],
        [],
        readings,
        RetentionPolicy(),
        period,
        holds=[released],
    )
    assert found[0].params["due_by"] == "2025-09-04T12:00:00+08:00"
    # a hold placed after the sample was already overdue does not excuse it
    after = Hold.for_meals(
        "h2", ["m1"], placed_at=school_datetime(2025, 9, 5, 9), placed_by="校长", reason="腹泻"
    )
    found = audit(
        [_meal(dishes=("米饭",))],
        [_sample()],
        [],
        readings,
        RetentionPolicy(),
        period,
        holds=[after],
    )
    assert codes(found) == {"food_samples.kept_past_time"}


@pytest.mark.rule("FS-6")
def test_several_disposals_of_one_sample_are_each_checked() -> None:
    period = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 5))
    ok = Disposal("s1", school_datetime(2025, 9, 3, 12), "王五")
    early = Disposal("s1", school_datetime(2025, 9, 2, 12), None)
    found = audit(
        [_meal(dishes=("米饭",))],
        [_sample()],
        [ok, early],
        _readings(24 * 5),
        RetentionPolicy(),
        period,
    )
    assert codes(found) == {"food_samples.discarded_too_early", "food_samples.disposal_unsigned"}
    again = audit(
        [_meal(dishes=("米饭",))],
        [_sample()],
        [early, ok],
        _readings(24 * 5),
        RetentionPolicy(),
        period,
    )
    assert again == found


@pytest.mark.rule("FS-7")
def test_held_sample_discarded_only_while_the_hold_is_in_force() -> None:
    period = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 5))
    disposal = Disposal("s1", school_datetime(2025, 9, 3, 12), "王五")
    hold = Hold.for_meals(
        "h1", ["m1"], placed_at=school_datetime(2025, 9, 1, 20), placed_by="校长", reason="腹泻"
    )
    args = ([_meal(dishes=("米饭",))], [_sample()], [disposal], _readings(24 * 5))
    found = audit(*args, RetentionPolicy(), period, holds=[hold])
    assert codes(found) == {"food_samples.held_sample_discarded"}
    assert found[0].params["hold"] == "h1"
    released = hold.released(at=school_datetime(2025, 9, 3, 12), by="疾控中心")
    assert audit(*args, RetentionPolicy(), period, holds=[released]) == ()
    later = Hold.for_meals(
        "h2", ["m1"], placed_at=school_datetime(2025, 9, 3, 13), placed_by="校长", reason="腹泻"
    )
    assert audit(*args, RetentionPolicy(), period, holds=[later]) == ()
    other = Hold.for_meals(
        "h3", ["m9"], placed_at=school_datetime(2025, 9, 1, 20), placed_by="校长", reason="腹泻"
    )
    assert audit(*args, RetentionPolicy(), period, holds=[other]) == ()


@pytest.mark.rule("FS-8")
def test_taken_exactly_at_service_start_is_on_time() -> None:
    on_time = _sample(taken_at=school_datetime(2025, 9, 1, 11, 30))
    assert (
        audit([_meal(dishes=("米饭",))], [on_time], [], _readings(), RetentionPolicy(), SEPT) == ()
    )
    late = _sample(taken_at=school_datetime(2025, 9, 1, 11, 30, 1))
    (found,) = audit([_meal(dishes=("米饭",))], [late], [], _readings(), RetentionPolicy(), SEPT)
    assert found.code == "food_samples.taken_after_service"
    assert found.params["service_start"] == "2025-09-01T11:30:00+08:00"
    assert "开餐" in found.message_zh


@pytest.mark.rule("FS-1")
def test_scope_is_the_meals_of_the_period() -> None:
    log, _ = compliant(4, 2, 2)
    one_day = DateRange(START.add(days=1), START.add(days=1))
    assert audit_log(log, RetentionPolicy(), one_day) == ()
    context = AuditContext.build(log, RetentionPolicy(), one_day)
    assert len(context.samples) == 4
    assert set(context.meals) == {m.meal_id for m in log.meals if m.day == START.add(days=1)}
    # samples of unknown meals outside the period are out of scope, as are orphan disposals
    stray = attrs.evolve(log.samples[0], sample_id="x", meal_id="gone")
    ghost = Disposal("ghost", log.samples[0].taken_at, "王五")
    log = attrs.evolve(log, samples=(*log.samples, stray), disposals=(*log.disposals, ghost))
    assert audit_log(log, RetentionPolicy(), one_day) == ()


def test_conflicting_meals_only_reported_in_scope_and_identical_copies_are_fine() -> None:
    log, period = compliant(2, 1, 1)
    meal = log.meals[0]
    log = attrs.evolve(log, meals=(*log.meals, meal))
    assert audit_log(log, RetentionPolicy(), period) == ()
    other = attrs.evolve(meal, dishes=("米饭", "汤"))
    found = audit_log(attrs.evolve(log, meals=(other, *log.meals)), RetentionPolicy(), period)
    # the earliest-starting variant is kept; both differ only in dishes, so tie-break on dishes
    assert "food_samples.conflicting_meals" in codes(found)
    outside = DateRange(START.add(days=1), START.add(days=1))
    found = audit_log(attrs.evolve(log, meals=(other, *log.meals)), RetentionPolicy(), outside)
    assert found == ()


def test_audit_refuses_wrong_types() -> None:
    with pytest.raises(InvalidRecordError):
        audit([], [], [], [], RetentionPolicy(), "2025-09")  # type: ignore[arg-type]
    with pytest.raises(InvalidRecordError):
        audit([], [], [], [], None, SEPT)  # type: ignore[arg-type]
    # a record of the wrong type is refused by the type checks of the SampleLog built
    junk: list[Any] = [{"not": "a record"}]
    fields = ("meals", "samples", "disposals", "readings")
    expected = ("Meal", "FoodSample", "Disposal", "TemperatureReading")
    for position, (field, record) in enumerate(zip(fields, expected, strict=True)):
        args: list[list[Any]] = [[], [], [], []]
        args[position] = junk
        with pytest.raises(FieldTypeError) as info:
            audit(args[0], args[1], args[2], args[3], RetentionPolicy(), SEPT)
        assert info.value.code == "input.wrong_type"
        assert dict(info.value.params) == {
            "field": f"SampleLog.{field}[0]",
            "expected": f"a {record}",
            "expected_zh": f"记录「{record}」",
            "type_name": "dict",
        }
    with pytest.raises(FieldTypeError) as hold:
        audit([], [], [], [], RetentionPolicy(), SEPT, holds=["h"])  # type: ignore[list-item]
    assert dict(hold.value.params) == {
        "field": "SampleLog.holds[0]",
        "expected": "a Hold",
        "expected_zh": "记录「Hold」",
        "type_name": "str",
    }


def test_checks_are_a_tuple_of_pure_functions() -> None:
    assert isinstance(DEFAULT_CHECKS, tuple)
    assert len(DEFAULT_CHECKS) == 8
    log, period = compliant(2, 1, 2)
    log = FAULTS["underweight"][0](log, log.samples[0], RetentionPolicy())
    only = audit_log(log, RetentionPolicy(), period, checks=(fs2_weights,))
    assert codes(only) == {"food_samples.underweight"}
    assert audit_log(log, RetentionPolicy(), period, checks=()) == ()


def test_audit_of_records_exported_by_another_system() -> None:
    exported = {
        "meals": [
            {
                "meal_id": "2025-09-01-lunch",
                "day": "2025-09-01",
                "kind": "lunch",
                "service_start": "2025-09-01T11:30:00+08:00",
                "dishes": ["米饭", "番茄炒蛋"],
                "event_name": None,
            }
        ],
        "samples": [
            {
                "sample_id": "LY-001",
                "meal_id": "2025-09-01-lunch",
                "dish": "米饭",
                "grams": "130",
                "taken_at": "2025-09-01T03:05:00Z",
                "taken_by": "张三",
                "reviewed_by": None,
                "cabinet_id": "C1",
            }
        ],
        "disposals": [],
        "readings": [
            {"cabinet_id": "C1", "at": f"2025-09-01T{h:02d}:00:00+08:00", "celsius": "3.5"}
            for h in range(24)
        ],
        "holds": [],
    }
    log: SampleLog = serialization.from_dict(SampleLog, exported)
    found = audit_log(log, RetentionPolicy(), SEPT)
    assert codes(found) == {"food_samples.dish_without_sample", "food_samples.missing_label"}
    assert log.samples[0].taken_at == school_datetime(2025, 9, 1, 11, 5)
    assert serialization.loads(SampleLog, serialization.dumps(log)) == log


@pytest.mark.rule("FS-3")
def test_instants_are_exact_across_a_clock_change() -> None:
    """China observed daylight saving in 1986-1991: 48 h stay 172,800 seconds."""
    day = pendulum.Date(1988, 4, 16)  # clocks went forward on 17 April
    meal = Meal("m", day, "lunch", school_datetime(1988, 4, 16, 12, 30), ("粥",))
    sample = FoodSample("s", "m", "粥", 130, school_datetime(1988, 4, 16, 12), "张三", "李四", "C1")
    earliest = sample.earliest_discard_at(RetentionPolicy())
    assert earliest == school_datetime(1988, 4, 18, 13)  # the wall clock moved an hour
    assert (earliest - sample.taken_at).in_seconds() == 172_800
    period = DateRange(day, day.add(days=3))
    readings = [
        TemperatureReading("C1", sample.taken_at.add(minutes=30 * k), Decimal(3))
        for k in range(200)
    ]
    disposals = [Disposal("s", earliest.subtract(seconds=1), "王五")]
    found = audit([meal], [sample], disposals, readings, RetentionPolicy(), period)
    assert codes(found) == {"food_samples.discarded_too_early"}
    assert found[0].params["earliest_discard_at"] == earliest.isoformat()
    ok = [Disposal("s", earliest, "王五")]
    assert audit([meal], [sample], ok, readings, RetentionPolicy(), period) == ()
    context = AuditContext.build(SampleLog(samples=[sample]), RetentionPolicy(), period)
    assert context.instant(earliest) - context.instant(sample.taken_at) == dt.timedelta(hours=48)


def test_findings_catalogue() -> None:
    assert {f.rule for f in FINDINGS.values()} == {f"FS-{n}" for n in range(1, 9)}
    assert [f for f in FINDINGS.values() if f.severity is Severity.WARNING] == [
        FINDINGS["food_samples.kept_past_time"]
    ]
    assert "FS-2" in repr(FINDINGS["food_samples.underweight"])
    with pytest.raises(TypeError):
        FINDINGS["x"] = FINDINGS["food_samples.underweight"]  # type: ignore[index]


def test_simulated_year_is_large_and_clean() -> None:
    log = simulate_canteen(pendulum.Date(2025, 1, 1), 31)
    assert len(log.samples) == 31 * 3 * 10
    period = DateRange.month(2025, 1)
    assert audit_log(log, RetentionPolicy(), period) == ()


@pytest.mark.rule("FS-5")
def test_other_cabinets_and_windows_after_the_horizon_are_ignored() -> None:
    readings = [*_readings(), TemperatureReading("C9", school_datetime(2025, 9, 1, 12), 30)]
    assert (
        audit([_meal(dishes=("米饭",))], [_sample()], [], readings, RetentionPolicy(), SEPT) == ()
    )
    next_day = _sample(taken_at=school_datetime(2025, 9, 2, 1))
    found = audit([_meal(dishes=("米饭",))], [next_day], [], [], RetentionPolicy(), SEPT)
    assert codes(found) == {"food_samples.taken_after_service"}


@pytest.mark.rule("FS-6")
def test_a_sample_recorded_twice_shares_its_disposals() -> None:
    """An export that lists a sample twice: the disposal applies to both copies."""
    period = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 5))
    sample = _sample()
    disposal = Disposal("s1", school_datetime(2025, 9, 3, 12), "王五")
    args = ([_meal(dishes=("米饭",))], [sample, sample], [disposal], _readings(24 * 5))
    assert audit(*args, RetentionPolicy(), period) == ()
    early = Disposal("s1", school_datetime(2025, 9, 2, 12), "王五")
    found = audit(*args[:2], [early], args[3], RetentionPolicy(), period)
    assert [v.code for v in found] == ["food_samples.discarded_too_early"] * 2


@pytest.mark.rule("FS-7")
def test_a_hold_is_in_force_from_the_moment_it_is_placed() -> None:
    period = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 5))
    at = school_datetime(2025, 9, 3, 12)
    args = ([_meal(dishes=("米饭",))], [_sample()], [Disposal("s1", at, "王五")], _readings(24 * 5))
    placed_then = Hold.for_meals("h1", ["m1"], placed_at=at, placed_by="校长", reason="腹泻")
    found = audit(*args, RetentionPolicy(), period, holds=[placed_then])
    assert codes(found) == {"food_samples.held_sample_discarded"}
    just_after = Hold.for_meals(
        "h1", ["m1"], placed_at=at.add(microseconds=1), placed_by="校长", reason="腹泻"
    )
    assert audit(*args, RetentionPolicy(), period, holds=[just_after]) == ()


@pytest.mark.rule("FS-8")
def test_a_sample_of_an_unknown_meal_does_not_stop_the_service_check() -> None:
    orphan = _sample("s0", meal_id="m9")
    late = _sample("s1", taken_at=school_datetime(2025, 9, 1, 11, 31))
    found = audit(
        [_meal(dishes=("米饭",))], [orphan, late], [], _readings(), RetentionPolicy(), SEPT
    )
    assert "food_samples.taken_after_service" in codes(found)
    assert [v.subject for v in found if v.code == "food_samples.taken_after_service"] == ["s1"]


@pytest.mark.rule("FS-6")
def test_a_sample_never_discarded_is_reported_with_its_exact_params() -> None:
    period = DateRange(pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 5))
    meals, samples, readings = [_meal(dishes=("米饭",))], [_sample()], _readings(24 * 5)
    (found,) = audit(meals, samples, [], readings, RetentionPolicy(), period)
    assert (found.code, found.subject, found.severity) == (
        "food_samples.kept_past_time",
        "s1",
        Severity.WARNING,
    )
    assert dict(found.params) == {
        "due_by": "2025-09-04T11:00:00+08:00",
        "state": "no disposal is recorded: still kept, or destroyed without a record",
        "state_zh": "无销毁记录：仍在留存或销毁未登记",
        "taken_at": "2025-09-01T11:00:00+08:00",
    }
    assert found.message_zh == (
        "留样 s1 于 2025-09-01T11:00:00+08:00 留取，无销毁记录：仍在留存或销毁未登记"
        "（应于 2025-09-04T11:00:00+08:00 前销毁）"
    )
