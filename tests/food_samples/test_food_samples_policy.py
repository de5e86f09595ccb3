"""The retention policy: every refusal names its field and reason; the boundaries are exact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pendulum
import pytest

from schoollogistics.errors import FieldTypeError, UnknownTimezoneError
from schoollogistics.food_samples import RetentionPolicy
from schoollogistics.food_samples.errors import InvalidRecordError

MICRO = dt.timedelta(seconds=1)  # durations are whole seconds (their JSON form)


@pytest.mark.rule("FS-2")
@pytest.mark.rule("FS-3")
@pytest.mark.rule("FS-4")
@pytest.mark.rule("FS-5")
@pytest.mark.rule("FS-6")
@pytest.mark.parametrize(
    ("changes", "field", "reason"),
    [
        ({"min_grams": 0}, "min_grams", "must be positive"),
        ({"min_grams": Decimal("-0.1")}, "min_grams", "must be positive"),
        ({"retention": dt.timedelta(0)}, "retention", "must be positive"),
        ({"retention": -MICRO}, "retention", "must be positive"),
        ({"min_celsius": Decimal("8.1")}, "min_celsius", "is above max_celsius"),
        ({"max_reading_gap": dt.timedelta(0)}, "max_reading_gap", "must be positive"),
        ({"max_reading_gap": -MICRO}, "max_reading_gap", "must be positive"),
        (
            {"overdue_after": dt.timedelta(hours=48) - MICRO},
            "overdue_after",
            "is shorter than the retention",
        ),
        ({"retention": 48}, "duration", "expected a duration (timedelta)"),
        ({"min_grams": True}, "number", "a bool is not a number"),
        ({"max_celsius": "warm"}, "number", "'warm' is not a number"),
        ({"max_celsius": [8]}, "number", "a list is not a number"),
        ({"max_celsius": Decimal("Infinity")}, "number", "not a finite number"),
    ],
)
def test_each_refusal_names_its_field_and_reason(
    changes: dict[str, Any], field: str, reason: str
) -> None:
    with pytest.raises(InvalidRecordError) as info:
        RetentionPolicy(**changes)
    assert info.value.params == {"record": "RetentionPolicy", "field": field, "reason": reason}
    assert (info.value.record, info.value.field, info.value.reason) == (
        "RetentionPolicy",
        field,
        reason,
    )


@pytest.mark.parametrize(("value", "type_name"), [(1, "int"), ("yes", "str"), (None, "NoneType")])
def test_reviewer_required_must_be_a_bool(value: object, type_name: str) -> None:
    """A flag of the wrong type is refused by the record's type check, before its own rules."""
    with pytest.raises(FieldTypeError) as info:
        RetentionPolicy(reviewer_required=value)  # type: ignore[arg-type]
    assert info.value.code == "input.wrong_type"
    assert info.value.params == {
        "field": "RetentionPolicy.reviewer_required",
        "expected": "true or false",
        "expected_zh": "布尔值",
        "type_name": type_name,
    }


@pytest.mark.rule("FS-2")
@pytest.mark.rule("FS-3")
@pytest.mark.rule("FS-5")
@pytest.mark.rule("FS-6")
def test_the_limits_themselves_are_allowed() -> None:
    assert RetentionPolicy(min_grams=Decimal("0.1")).min_grams == Decimal("0.1")
    assert RetentionPolicy(retention=MICRO, overdue_after=MICRO).retention == MICRO
    assert RetentionPolicy(min_celsius=8, max_celsius=8).min_celsius == 8
    assert RetentionPolicy(max_reading_gap=MICRO).max_reading_gap == MICRO
    assert RetentionPolicy(overdue_after=dt.timedelta(hours=48)).overdue_after == pendulum.duration(
        hours=48
    )
    assert RetentionPolicy(reviewer_required=False).reviewer_required is False


def test_numbers_and_durations_are_converted_exactly() -> None:
    policy = RetentionPolicy(
        min_grams="125.5",
        min_celsius=1,
        max_celsius=4.5,
        retention=dt.timedelta(days=2, seconds=5),
        max_reading_gap=pendulum.duration(hours=3),
        overdue_after=dt.timedelta(days=3),
    )
    assert policy.min_grams == Decimal("125.5")
    assert type(policy.min_celsius) is Decimal
    assert policy.max_celsius == Decimal("4.5")
    assert type(policy.retention) is pendulum.Duration
    assert policy.retention == dt.timedelta(days=2, seconds=5)
    assert (policy.retention.days, policy.retention.seconds, policy.retention.microseconds) == (
        2,
        5,
        0,
    )
    assert type(policy.overdue_after) is pendulum.Duration
    assert policy.max_reading_gap == pendulum.duration(hours=3)


def test_an_unknown_timezone_is_refused() -> None:
    with pytest.raises(UnknownTimezoneError):
        RetentionPolicy(timezone="Mars/Olympus")
    assert RetentionPolicy(timezone="UTC").timezone == "UTC"


def test_a_duration_with_a_fraction_of_a_second_is_refused() -> None:
    """Durations are whole seconds, the precision of their JSON form: nothing is cut off."""
    from schoollogistics.errors import FieldTypeError

    with pytest.raises(FieldTypeError) as info:
        RetentionPolicy(retention=dt.timedelta(hours=48, microseconds=1))
    assert info.value.field == "RetentionPolicy.retention"
