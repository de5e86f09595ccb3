"""The demo district: deterministic, faults exactly what the audit finds, no Hypothesis needed."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from functools import cache

import attrs
import pendulum
import pytest

from schoollogistics.core.time import DateRange
from schoollogistics.demo import (
    DemoSchool,
    District,
    FaultKind,
    FaultRates,
    demo_district,
    simulate_canteen,
)
from schoollogistics.demo._district import _school_name
from schoollogistics.demo._stream import Stream
from schoollogistics.errors import InvalidInputError
from schoollogistics.food_samples import RetentionPolicy, audit_log
from schoollogistics.testing import food_samples as testing_food_samples


@cache
def district() -> District:
    return demo_district(3, seed=7)


def _found(school: DemoSchool) -> dict[str, int]:
    return dict(sorted(Counter(v.code for v in school.audit_food()).items()))


def test_same_arguments_give_an_equal_district() -> None:
    assert demo_district(3, seed=7) == district()


def test_a_different_seed_gives_a_different_district() -> None:
    other = demo_district(3, seed=8)
    assert other != district()
    assert [s.faults for s in other.schools] != [s.faults for s in district().schools]


@pytest.mark.parametrize("number", range(3))
def test_injected_faults_are_exactly_what_the_audit_finds(number: int) -> None:
    school = district().schools[number]
    assert _found(school) == school.expected_findings()
    named = Counter((v.code, v.subject) for v in school.audit_food())
    declared = Counter((f.code, s) for f in school.faults for s in f.samples)
    assert named == declared


def test_faults_of_every_kind_are_injected_somewhere() -> None:
    rates = FaultRates(underweight=200, early_disposal=200, missing_label=200, excursion=2000)
    busy = demo_district(2, seed=3, rates=rates)
    kinds = {f.kind for s in busy.schools for f in s.faults}
    assert kinds == set(FaultKind)
    for school in busy.schools:
        assert _found(school) == school.expected_findings()
        assert school.rates in {rates.scaled(k) for k in range(4)}


def test_no_rates_give_clean_schools() -> None:
    clean = demo_district(
        2, rates=FaultRates(underweight=0, early_disposal=0, missing_label=0, excursion=0)
    )
    for school in clean.schools:
        assert school.faults == ()
        assert school.audit_food() == ()
        assert school.expected_findings() == {}


def test_the_ledgers_replay_without_invariant_violations() -> None:
    for school in district().schools:
        ledger = school.ledger()
        assert ledger.check_invariants() == ()
        assert len(ledger.events) == len(school.ledger_events)
        kinds = {type(e).__name__ for e in school.ledger_events}
        assert {
            "ItemRegistered",
            "Received",
            "Issued",
            "Exchanged",
            "Lent",
            "LoanReturned",
        } <= kinds


def test_the_claims_assess() -> None:
    for school in district().schools:
        assessments = school.assessments()
        assert len(assessments) == len(school.claims) == 2
        for assessment in assessments:
            assert assessment.total.amount > 0
            assert sum(s.amount.amount for s in assessment.shares) == assessment.total.amount


def test_meals_are_served_on_school_days_only() -> None:
    school = district().schools[0]
    assert school.food.meals
    assert all(school.calendar.is_school_day(meal.day) for meal in school.food.meals)


def test_school_lookup() -> None:
    assert district().school("s02").school_id == "s02"
    with pytest.raises(KeyError):
        district().school("s99")


@pytest.mark.parametrize("schools", [0, 201, True, "3"])
def test_sizes_out_of_range_are_refused(schools: object) -> None:
    with pytest.raises(InvalidInputError):
        demo_district(schools)  # type: ignore[arg-type]  # deliberately wrong


def test_names_repeat_with_a_campus_number_past_twenty() -> None:
    assert _school_name(1) == "红星小学"
    assert _school_name(21) == "红星小学2校区"


def test_a_year_without_a_notice_is_provisional() -> None:
    later = demo_district(1, year=2030, rates=FaultRates(excursion=0))
    assert later.schools[0].calendar.holidays.provisional_years


def test_the_stream_is_deterministic() -> None:
    a, b = Stream(1, 2), Stream(1, 2)
    assert [a.next() for _ in range(5)] == [b.next() for _ in range(5)]
    assert Stream(1, 3).next() != Stream(1, 2).next()
    assert Stream(5).choice("abc") in "abc"


def test_testing_re_exports_the_simulator() -> None:
    assert testing_food_samples.simulate_canteen is simulate_canteen


def test_serve_on_limits_the_days_served() -> None:
    start = pendulum.Date(2025, 9, 1)
    log = simulate_canteen(start, 7, serve_on={start, start.add(days=2)})
    assert {meal.day for meal in log.meals} == {start, start.add(days=2)}
    assert audit_log(log, RetentionPolicy(), DateRange(start, start.add(days=6))) == ()


def test_records_are_immutable() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        district().schools[0].name = "x"  # type: ignore[misc]  # deliberately


_BLOCKED = """
import sys
sys.modules["hypothesis"] = None
import schoollogistics.demo as demo
d = demo.demo_district(1, rates=demo.FaultRates(excursion=0))
assert d.schools[0].food.samples
assert "hypothesis" not in [m for m in sys.modules if sys.modules[m] is not None]
print("ok")
"""


def test_import_works_without_hypothesis() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _BLOCKED], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_everything_in_all_exists() -> None:
    import schoollogistics.demo as demo

    assert sorted(demo.__all__) == [
        "DemoSchool",
        "District",
        "FaultKind",
        "FaultRates",
        "InjectedFault",
        "demo_district",
        "demo_food_log",
        "simulate_canteen",
    ]
    for name in demo.__all__:
        assert hasattr(demo, name)


def test_demo_food_log_is_the_school_of_the_district() -> None:
    from schoollogistics.demo import demo_food_log

    district = demo_district(2, seed=4)
    assert demo_food_log("s02", seed=4) == district.school("s02").food
