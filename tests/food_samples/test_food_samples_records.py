"""Records and policy: defaults follow the rules, bad records are refused, serde round-trips."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import schoollogistics.food_samples as food_samples
from schoollogistics import school_datetime, serialization
from schoollogistics.core.money import DECIMAL_FRACTION_DIGITS, DECIMAL_INTEGER_DIGITS
from schoollogistics.errors import (
    AmountOutOfRangeError,
    EmptyIdentifierError,
    FieldTypeError,
    NaiveDateTimeError,
    SerializationError,
    UnknownTimezoneError,
)
from schoollogistics.food_samples import (
    FINDINGS,
    CabinetState,
    Disposal,
    FoodSample,
    Hold,
    Meal,
    MealKind,
    RetentionPolicy,
    SampleLog,
    TemperatureReading,
    _serde,
)
from schoollogistics.food_samples.errors import InvalidRecordError
from schoollogistics.testing import strategy_for
from schoollogistics.testing.food_samples import STRATEGIES, simulate_canteen

ROOT = Path(__file__).resolve().parents[2]
AT = school_datetime(2025, 9, 1, 11)

EXPECTED_ALL = [
    "COMMAND_TYPES",
    "DEFAULT_CHECKS",
    "EVENT_TYPES",
    "FINDINGS",
    "AuditContext",
    "CabinetCommand",
    "CabinetEvent",
    "CabinetState",
    "Check",
    "Discard",
    "Disposal",
    "Finding",
    "FoodSample",
    "Hold",
    "HoldPlaced",
    "HoldReleased",
    "Instant",
    "Meal",
    "MealKind",
    "PlaceHold",
    "RecordTemperature",
    "RecordedCabinetEvent",
    "Release",
    "RetentionPolicy",
    "SampleCabinet",
    "SampleDiscarded",
    "SampleLog",
    "SampleTaken",
    "TakeSample",
    "TemperatureReading",
    "TemperatureRecorded",
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


def test_all_is_pinned_and_sorted() -> None:
    assert food_samples.__all__ == EXPECTED_ALL

    def isort_key(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert sorted(EXPECTED_ALL, key=isort_key) == EXPECTED_ALL


@pytest.mark.rule("FS-2")
@pytest.mark.rule("FS-3")
@pytest.mark.rule("FS-4")
@pytest.mark.rule("FS-5")
@pytest.mark.rule("FS-6")
def test_policy_defaults_follow_the_rules() -> None:
    policy = RetentionPolicy()
    assert policy.min_grams == 125
    assert policy.retention.total_seconds() == 48 * 3600
    assert policy.min_celsius == 0
    assert policy.max_celsius == 8
    assert policy.reviewer_required is True
    assert policy.max_reading_gap.total_seconds() == 4 * 3600
    assert policy.overdue_after.total_seconds() == 72 * 3600
    assert policy.timezone == "Asia/Shanghai"


@pytest.mark.parametrize(
    "changes",
    [
        {"min_grams": 0},
        {"min_grams": True},
        {"min_grams": "heavy"},
        {"min_grams": Decimal("NaN")},
        {"min_grams": [125]},
        {"retention": dt.timedelta(0)},
        {"retention": 48},
        {"min_celsius": 9},
        {"max_reading_gap": dt.timedelta(0)},
        {"overdue_after": dt.timedelta(hours=47)},
    ],
)
def test_policy_refuses_inconsistent_values(changes: dict[str, Any]) -> None:
    with pytest.raises(InvalidRecordError) as info:
        RetentionPolicy(**changes)
    assert info.value.code == "food_samples.invalid_record"


def test_policy_accepts_plain_values() -> None:
    policy = RetentionPolicy(
        min_grams="100", retention=dt.timedelta(hours=24), max_celsius=4.5, min_celsius=0
    )
    assert policy.min_grams == Decimal(100)
    assert policy.max_celsius == Decimal("4.5")
    assert isinstance(policy.retention, pendulum.Duration)
    with pytest.raises(UnknownTimezoneError):
        RetentionPolicy(timezone="Mars/Olympus")


@pytest.mark.rule("FS-1")
def test_meal_kinds_and_event_names() -> None:
    meal = Meal("m", pendulum.Date(2025, 9, 1), "lunch", AT, ["米饭", "汤"])
    assert meal.kind is MealKind.LUNCH
    assert meal.dishes == ("米饭", "汤")
    assert meal.label_zh == "2025-09-01 午餐"
    event = Meal("e", pendulum.Date(2025, 9, 1), MealKind.EVENT, AT, {"蛋糕", "水果"}, "运动会")
    assert event.label_zh == "2025-09-01 运动会"
    assert event.dishes == ("水果", "蛋糕")
    assert MealKind.SNACK.label_zh == "加餐"
    bad: list[dict[str, Any]] = [
        {"kind": "brunch"},
        {"kind": MealKind.EVENT},
        {"kind": MealKind.EVENT, "event_name": " "},
        {"event_name": "运动会"},
        {"dishes": ["米饭", "米饭"]},
        {"dishes": ["米饭", ""]},
        {"dishes": [1]},
        {"event_name": 3},
    ]
    for changes in bad:
        args: dict[str, Any] = {
            "meal_id": "m",
            "day": pendulum.Date(2025, 9, 1),
            "kind": "lunch",
            "service_start": AT,
            "dishes": ["米饭"],
            **changes,
        }
        with pytest.raises(InvalidRecordError):
            Meal(**args)
    with pytest.raises(FieldTypeError) as wrong:  # one text is not a list of dishes
        Meal("m", pendulum.Date(2025, 9, 1), "lunch", AT, "米饭")
    assert wrong.value.params == {
        "field": "Meal.dishes",
        "expected": "a list or tuple",
        "expected_zh": "列表或元组",
        "type_name": "str",
    }
    with pytest.raises(EmptyIdentifierError):
        Meal(" ", pendulum.Date(2025, 9, 1), "lunch", AT, ["米饭"])


def test_sample_fields_are_checked() -> None:
    sample = FoodSample("s", "m", "米饭", 130.5, AT, "张三", "李四", "C1")
    assert sample.grams == Decimal("130.5")
    with pytest.raises(InvalidRecordError):
        FoodSample("s", "m", "米饭", -1, AT, "张三", "李四", "C1")
    with pytest.raises(InvalidRecordError):
        FoodSample("s", "m", 3, 130, AT, "张三", "李四", "C1")
    with pytest.raises(NaiveDateTimeError) as info:
        FoodSample("s", "m", "米饭", 130, dt.datetime(2025, 9, 1, 11), "张", "李", "C1")  # noqa: DTZ001
    assert info.value.params["field"] == "taken_at"
    utc = dt.datetime(2025, 9, 1, 3, tzinfo=dt.UTC)
    converted = FoodSample("s", "m", "米饭", 130, utc, "张", "李", "C1")
    assert converted.taken_at == AT
    assert converted.taken_at.timezone_name == "Asia/Shanghai"


@pytest.mark.rule("FS-3")
def test_earliest_discard_is_an_absolute_duration() -> None:
    sample = FoodSample("s", "m", "米饭", 130, AT, "张三", "李四", "C1")
    assert sample.earliest_discard_at(RetentionPolicy()) == AT.add(hours=48)
    odd = RetentionPolicy(retention=dt.timedelta(hours=30, seconds=7))
    assert sample.earliest_discard_at(odd) - AT == dt.timedelta(hours=30, seconds=7)


@pytest.mark.rule("FS-7")
def test_holds_cover_meals_or_time_ranges() -> None:
    sample = FoodSample("s", "m", "米饭", 130, AT, "张三", "李四", "C1")
    by_meal = Hold.for_meals("h", ["m", "m", "x"], placed_at=AT, placed_by="校长", reason="r")
    assert by_meal.meal_ids == ("m", "x")
    assert by_meal.covers(sample)
    by_time = Hold.for_period(
        "h", AT, AT.add(seconds=1), placed_at=AT, placed_by="校长", reason="r"
    )
    assert by_time.covers(sample)
    assert not Hold.for_period(
        "h", AT.add(seconds=1), AT.add(hours=1), placed_at=AT, placed_by="校长", reason="r"
    ).covers(sample)
    assert not Hold.for_meals("h", ["y"], placed_at=AT, placed_by="校长", reason="r").covers(sample)
    assert by_meal.in_force(AT)
    assert not by_meal.in_force(AT.subtract(seconds=1))
    released = by_meal.released(at=AT.add(hours=1), by="局")
    assert released.in_force(AT)
    assert not released.in_force(AT.add(hours=1))
    bad: list[dict[str, Any]] = [
        {},
        {"taken_from": AT},
        {"taken_from": AT, "taken_until": AT},
        {"meal_ids": ["m"], "released_at": AT},
        {"meal_ids": ["m"], "released_at": AT.subtract(seconds=1), "released_by": "局"},
    ]
    for changes in bad:
        with pytest.raises(InvalidRecordError):
            Hold("h", AT, "校长", "r", **changes)
    with pytest.raises(FieldTypeError) as wrong:  # one id is not a list of meal ids
        Hold("h", AT, "校长", "r", meal_ids="m")
    assert wrong.value.params == {
        "field": "Hold.meal_ids",
        "expected": "a list or tuple",
        "expected_zh": "列表或元组",
        "type_name": "str",
    }


def test_readings_and_disposals() -> None:
    reading = TemperatureReading("C1", AT, "3.5")
    assert reading.celsius == Decimal("3.5")
    with pytest.raises(InvalidRecordError):
        TemperatureReading("C1", AT, "warm")
    with pytest.raises(InvalidRecordError):
        TemperatureReading("C1", AT, Decimal("Infinity"))
    assert Disposal("s", AT, None).discarded_by is None


def test_serializable_types_all_have_strategies() -> None:
    assert set(_serde.SERIALIZABLE_TYPES) == set(STRATEGIES)
    for cls in _serde.SERIALIZABLE_TYPES:
        assert strategy_for(cls) is STRATEGIES[cls]


@given(log=STRATEGIES[SampleLog])
def test_sample_logs_round_trip(log: SampleLog) -> None:
    assert serialization.loads(SampleLog, serialization.dumps(log)) == log


@given(state=STRATEGIES[CabinetState])
def test_cabinet_states_round_trip(state: CabinetState) -> None:
    assert serialization.from_dict(CabinetState, serialization.to_dict(state)) == state


def test_loading_a_bad_record_names_the_path_and_code() -> None:
    data = cast(
        "dict[str, Any]",
        serialization.to_dict(simulate_canteen(pendulum.Date(2025, 9, 1), 1, dishes_per_meal=1)),
    )
    data["samples"][0]["grams"] = "-5"
    data["readings"][2]["at"] = "2025-09-01T00:00:00"
    with pytest.raises(SerializationError) as info:
        serialization.from_dict(SampleLog, data)
    codes = info.value.codes
    assert "food_samples.invalid_record" in codes
    assert "time.naive_refused" in codes
    assert any("$.samples[0]" in e for e in info.value.errors)


def test_simulator_refuses_bad_sizes() -> None:
    from schoollogistics.errors import InvalidInputError

    with pytest.raises(InvalidInputError):
        simulate_canteen(pendulum.Date(2025, 9, 1), 0)
    with pytest.raises(InvalidInputError):
        simulate_canteen(pendulum.Date(2025, 9, 1), 1, reading_every=dt.timedelta(hours=5))
    log = simulate_canteen(pendulum.Date(2025, 9, 1), 1, meals_per_day=4, dishes_per_meal=12)
    assert len(log.meals) == 4
    assert log.meals[0].dishes[-1] == "菜品12"


def test_every_rule_is_cited_in_tests_and_every_code_is_documented() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("*.py"))
    cited = set(re.findall(r"FS-[1-8]", text))
    assert cited == {f"FS-{n}" for n in range(1, 9)}
    page = (ROOT / "docs" / "reference" / "errors" / "food-samples.md").read_text(encoding="utf-8")
    for code in FINDINGS:
        assert f"`{code}`" in page, code


@pytest.mark.rule("FS-2")
@pytest.mark.rule("FS-5")
@given(
    value=st.floats(allow_nan=False, allow_infinity=False, min_value=0, max_value=1e6)
    .map(lambda v: round(v, DECIMAL_FRACTION_DIGITS))  # within the decimal bounds as it prints
    .filter(lambda v: _fraction_digits(v) <= DECIMAL_FRACTION_DIGITS)
)
def test_float_measurements_are_read_by_their_shortest_text(value: float) -> None:
    """Grams and temperatures are measurements, not money: a float is read as it prints.

    ``130.5`` becomes ``Decimal("130.5")`` (not the binary expansion), so a threshold
    comparison sees the value the user wrote; NaN and infinities are refused. A float
    whose shortest text has more than 10 fraction digits is out of the decimal domain
    (see ``test_float_measurements_beyond_the_decimal_bounds_are_refused``).
    """
    sample = FoodSample("s", "m", "米饭", value, AT, "张三", "李四", "C1")
    assert sample.grams == Decimal(repr(value))
    assert TemperatureReading("C1", AT, -value).celsius == Decimal(repr(-value))
    assert serialization.loads(FoodSample, serialization.dumps(sample)) == sample


def _fraction_digits(value: float) -> int:
    exponent = Decimal(repr(value)).as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1.2525977616314776, "1.2525977616314776"),  # 16 fraction digits as it prints
        (0.1 + 0.2, "0.30000000000000004"),
        (1e-11, "1E-11"),
        (1e16, "1E+16"),  # 17 integer digits
    ],
)
def test_float_measurements_beyond_the_decimal_bounds_are_refused(value: float, text: str) -> None:
    """Read as it prints, such a float has too many digits: refused, never rounded."""
    for build, field in (
        (lambda v: FoodSample("s", "m", "米饭", v, AT, "张三", "李四", "C1"), "FoodSample.grams"),
        (lambda v: TemperatureReading("C1", AT, v), "TemperatureReading.celsius"),
    ):
        with pytest.raises(AmountOutOfRangeError) as info:
            build(value)
        assert info.value.code == "money.out_of_range"
        assert info.value.params == {
            "value": Decimal(text),
            "field": field,
            "integer_digits": DECIMAL_INTEGER_DIGITS,
            "fraction_digits": DECIMAL_FRACTION_DIGITS,
        }


def test_float_edge_cases() -> None:
    grams = FoodSample("s", "m", "米饭", 124.9, AT, "张", "李", "C1").grams
    assert grams == Decimal("124.9")
    assert grams is not None
    assert grams < 125
    for bad in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(InvalidRecordError):
            TemperatureReading("C1", AT, bad)
        with pytest.raises(InvalidRecordError):
            FoodSample("s", "m", "米饭", bad, AT, "张", "李", "C1")
    with pytest.raises(InvalidRecordError):
        FoodSample("s", "m", "米饭", True, AT, "张", "李", "C1")
    # the shared JSON loader refuses fractional JSON numbers for every Decimal field
    data = cast(
        "dict[str, Any]",
        serialization.to_dict(FoodSample("s", "m", "米饭", "130.5", AT, "张", "李", "C1")),
    )
    data["grams"] = 130.5
    with pytest.raises(SerializationError) as info:
        serialization.from_dict(FoodSample, data)
    assert "money.float_refused" in info.value.codes
