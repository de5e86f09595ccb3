"""Serialization: hooks, tagged unions, unknown keys, paths, every public type round-trips."""

from __future__ import annotations

from typing import Any, cast

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics import DateRange, Money, Severity, Violation, serialization
from schoollogistics.errors import SerializationError, UnknownKeyError
from schoollogistics.serialization import PUBLIC_TYPES, dumps, from_dict, loads, to_dict
from schoollogistics.testing import strategy_for


def test_money_and_decimal_as_text() -> None:
    assert to_dict(Money("12.50")) == "12.50"
    assert from_dict(Money, "12.50") == Money("12.50")
    with pytest.raises(SerializationError) as info:  # decimals are text, never JSON numbers
        from_dict(Money, 12)
    assert info.value.codes == ("serialization.wrong_type",)


def test_float_money_refused_with_its_code() -> None:
    with pytest.raises(SerializationError) as info:
        loads(Money, "12.5")
    assert info.value.code == "serialization.invalid"
    assert info.value.codes == ("money.float_refused",)


def test_datetime_with_offset_back_to_pendulum() -> None:
    moment = pendulum.datetime(2025, 9, 1, 7, 30, tz="Asia/Shanghai")
    text = dumps(moment)
    assert text == '"2025-09-01T07:30:00+08:00"'
    back: pendulum.DateTime = loads(pendulum.DateTime, text)
    assert isinstance(back, pendulum.DateTime)
    assert back == moment


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('"2025-09-01T07:30:00"', "time.naive_refused"),
        ('"yesterday"', "time.unparseable"),
        ("17", "time.wrong_type"),
    ],
)
def test_datetime_errors(text: str, code: str) -> None:
    with pytest.raises(SerializationError) as info:
        loads(pendulum.DateTime, text)
    assert info.value.codes == (code,)


def test_date_and_duration() -> None:
    assert dumps(pendulum.Date(2025, 9, 1)) == '"2025-09-01"'
    assert loads(pendulum.Date, '"2025-09-01"') == pendulum.Date(2025, 9, 1)
    assert to_dict(pendulum.duration(hours=48)) == 172_800
    assert from_dict(pendulum.Duration, 172_800) == pendulum.duration(hours=48)
    with pytest.raises(SerializationError):
        from_dict(pendulum.Duration, "48h")
    with pytest.raises(SerializationError):
        from_dict(pendulum.Date, 20250901)


def test_enum_by_value() -> None:
    assert to_dict(Severity.WARNING) == "warning"
    with pytest.raises(SerializationError):
        from_dict(Severity, "fatal")


def test_unknown_key_refused_with_path() -> None:
    data = cast("dict[str, Any]", to_dict(DateRange.month(2025, 9)))
    data["extra"] = 1
    with pytest.raises(UnknownKeyError) as info:
        from_dict(DateRange, data)
    assert info.value.code == "serialization.unknown_key"
    assert "extra" in info.value.message_en
    assert info.value.errors == ("serialization.unknown_key: unknown key(s) 'extra' @ $",)
    assert info.value.paths == ("$",)


def test_nested_error_names_the_path() -> None:
    data = [to_dict(DateRange.month(2025, 9)), {"start": "2025-09-01", "end": "bad"}]
    with pytest.raises(SerializationError) as info:
        from_dict(list[DateRange], data)
    assert any(e.endswith("@ $[1].end") for e in info.value.errors)


def test_missing_key_and_wrong_shape() -> None:
    with pytest.raises(SerializationError) as info:
        from_dict(DateRange, {"start": "2025-09-01"})
    assert "missing" in info.value.message_en
    with pytest.raises(SerializationError):
        from_dict(Violation, {**cast("dict[str, Any]", to_dict(_violation())), "params": [1, 2]})
    with pytest.raises(SerializationError):
        from_dict(Violation, {**cast("dict[str, Any]", to_dict(_violation())), "severity": "fatal"})


def test_domain_validation_in_constructor_becomes_serialization_error() -> None:
    with pytest.raises(SerializationError) as info:
        from_dict(DateRange, {"start": "2025-09-02", "end": "2025-09-01"})
    assert "input.invalid" in info.value.codes


def test_not_json() -> None:
    with pytest.raises(SerializationError) as info:
        loads(Money, "{")
    assert "not JSON" in info.value.message_en


def test_chinese_kept_readable() -> None:
    assert "留样" in dumps(_violation())


def _violation() -> Violation:
    return Violation(
        "food_samples.underweight", Severity.ERROR, "S-1", "FS-2", {"grams": "100"}, "x", "留样不足"
    )


def test_every_public_type_has_a_strategy() -> None:
    for cls in PUBLIC_TYPES:
        assert strategy_for(cls) is not None, cls
    with pytest.raises(KeyError):
        strategy_for(object)


@pytest.mark.parametrize("cls", PUBLIC_TYPES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_round_trip_every_public_type(cls: Any, data: st.DataObject) -> None:
    value = data.draw(strategy_for(cls))
    assert from_dict(cls, to_dict(value)) == value
    assert loads(cls, dumps(value)) == value


@given(st.lists(strategy_for(Violation), max_size=5))
def test_violation_lists_round_trip(items: list[Violation]) -> None:
    assert serialization.loads(list[Violation], serialization.dumps(items)) == items
