"""schoollogistics.frames: exact DataFrames of public records, and strict loading back."""

from __future__ import annotations

import builtins
import io
import sys
from decimal import Decimal

import attrs
import numpy as np
import pandas as pd
import pendulum
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schoollogistics import frames
from schoollogistics.assets import Holding, StockRow
from schoollogistics.core.money import Money
from schoollogistics.core.time import parse_offset_datetime
from schoollogistics.core.violations import Severity, Violation
from schoollogistics.errors import FieldTypeError, SerializationError
from schoollogistics.food_samples import FoodSample, TemperatureReading
from schoollogistics.frames import csv_dtypes, from_frame, to_frame
from schoollogistics.serialization import PUBLIC_TYPES
from schoollogistics.testing import fen_amounts, money, strategy_for, violations

RECORD_TYPES = [cls for cls in PUBLIC_TYPES if attrs.has(cls) and cls is not Money]
AT = pendulum.datetime(2025, 9, 1, 7, 30, tz="Asia/Shanghai")


def _sample(sample_id: str, grams: str | None) -> FoodSample:
    return FoodSample(
        sample_id,
        "m1",
        "红烧肉",
        None if grams is None else Decimal(grams),
        AT,
        "王老师",
        None,
        "c1",
    )


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda cls: cls.__name__)
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_from_frame_of_to_frame_is_identity(cls: type, data: st.DataObject) -> None:
    records = data.draw(st.lists(strategy_for(cls), max_size=4))
    assert from_frame(cls, to_frame(records, cls)) == records


@given(st.lists(money(places=6), min_size=1, max_size=20))
def test_money_column_is_exact_decimal_and_sums_exactly(amounts: list[Money]) -> None:
    rows = [StockRow("r1", "chair", Holding.AVAILABLE, 1, (), amount) for amount in amounts]
    column = to_frame(rows)["value"]
    assert isinstance(column.dtype, pd.ArrowDtype)
    assert pa.types.is_decimal(column.dtype.pyarrow_dtype)
    assert column.sum() == sum((a.amount for a in amounts), Decimal(0))


@given(st.lists(fen_amounts(0, 10_000), min_size=1, max_size=5))
def test_fen_amounts_show_with_two_places(amounts: list[Money]) -> None:
    rows = [StockRow("r1", "chair", Holding.AVAILABLE, 1, (), amount) for amount in amounts]
    dtype = to_frame(rows)["value"].dtype
    assert dtype == pd.ArrowDtype(pa.decimal128(15, 2))


def test_moments_are_school_zone_and_dates_are_dates() -> None:
    frame = to_frame([TemperatureReading("c1", AT, Decimal("3.5"))])
    assert str(frame["at"].dtype) == "datetime64[ns, Asia/Shanghai]"
    assert frame["at"][0] == pd.Timestamp("2025-09-01 07:30", tz="Asia/Shanghai")
    assert frame["celsius"].dtype == pd.ArrowDtype(pa.decimal128(16, 1))


def test_violation_params_are_columns_and_severity_a_category() -> None:
    found = [
        Violation("food_samples.underweight", Severity.ERROR, "s1", "FS-2", {"grams": "100"}),
        Violation("food_samples.late", Severity.WARNING, "s2", "FS-3", {"hours": "49"}),
    ]
    frame = to_frame(found)
    assert {"param.grams", "param.hours"} <= set(frame.columns)
    assert frame["param.grams"].isna().tolist() == [False, True]
    assert list(frame["severity"].cat.categories) == ["error", "warning", "info"]
    assert frame["severity"].value_counts()["error"] == 1
    assert from_frame(Violation, frame) == found


@given(st.lists(violations(), max_size=5))
def test_violations_round_trip(found: list[Violation]) -> None:
    assert from_frame(Violation, to_frame(found, Violation)) == found


def test_missing_values_are_absent_fields() -> None:
    frame = to_frame([_sample("s1", "150")])
    frame["grams"] = [None]
    frame["dish"] = [float("nan")]
    (loaded,) = from_frame(FoodSample, frame)
    assert loaded.grams is None
    assert loaded.dish is None


def test_a_float_weight_is_refused_as_a_measurement_with_its_row() -> None:
    frame = to_frame([_sample("s1", "150"), _sample("s2", "90")])
    frame["grams"] = [150.0, 90.5]
    with pytest.raises(SerializationError) as caught:
        from_frame(FoodSample, frame)
    assert caught.value.params["paths"] == ("[0].grams", "[1].grams")
    assert "measurement" in caught.value.message_en
    assert "money" in caught.value.message_en  # "... not money"
    assert "refused as money" not in caught.value.message_en
    assert caught.value.path == "[0].grams"


def test_a_float_amount_is_refused_as_money() -> None:
    frame = to_frame([StockRow("r1", "chair", Holding.AVAILABLE, 1, (), Money("12.50"))])
    frame["value"] = [12.5]
    with pytest.raises(SerializationError) as caught:
        from_frame(StockRow, frame)
    assert caught.value.params["codes"] == ("money.float_refused",)
    assert caught.value.params["paths"] == ("[0].value",)


def test_a_float_integer_is_refused() -> None:
    frame = to_frame([StockRow("r1", "chair", Holding.AVAILABLE, 1, (), Money("12.50"))])
    frame["quantity"] = [1.0]
    with pytest.raises(SerializationError) as caught:
        from_frame(StockRow, frame)
    assert caught.value.params["codes"] == ("serialization.wrong_type",)
    assert "integer" in caught.value.message_en


def test_from_dict_refusals_carry_the_row_index() -> None:
    frame = to_frame([_sample("s1", "150"), _sample("s2", "90"), _sample("s3", "80")])
    frame["taken_at"] = frame["taken_at"].astype(object)
    frame.loc[2, "taken_at"] = "2025-09-01T07:30:00"  # no offset
    with pytest.raises(SerializationError) as caught:
        from_frame(FoodSample, frame)
    assert caught.value.params["paths"] == ("[2].taken_at",)
    assert caught.value.params["codes"] == ("time.naive_refused",)


def test_bad_json_text_and_unknown_columns_are_refused() -> None:
    frame = to_frame([StockRow("r1", "chair", Holding.AVAILABLE, 1, ("t1",), Money(1))])
    frame["tags"] = ["[not json"]
    with pytest.raises(SerializationError, match="JSON text expected"):
        from_frame(StockRow, frame)
    frame = to_frame([StockRow("r1", "chair", Holding.AVAILABLE, 1, (), Money(1))])
    frame["colour"] = ["red"]
    with pytest.raises(SerializationError) as caught:
        from_frame(StockRow, frame)
    assert caught.value.params["codes"] == ("serialization.unknown_key",)
    assert caught.value.params["paths"] == ("[0]",)


def test_a_csv_export_loads_back_with_csv_dtypes() -> None:
    samples = [_sample("s1", "150.0"), _sample("s2", None), _sample("s3", "90.25")]
    text = to_frame(samples).to_csv(index=False)
    frame = pd.read_csv(io.StringIO(text), dtype=csv_dtypes(FoodSample))
    with pytest.raises(SerializationError, match="taken_at"):  # "2025-09-01 07:30:00+08:00"
        from_frame(FoodSample, frame)
    frame["taken_at"] = pd.to_datetime(frame["taken_at"], format="ISO8601")
    assert from_frame(FoodSample, frame) == samples
    found = [Violation("x.y", Severity.INFO, "s1", "FS-1", {"grams": "100"})]
    text = to_frame(found).to_csv(index=False)
    frame = pd.read_csv(io.StringIO(text), dtype=csv_dtypes(Violation))
    assert from_frame(Violation, frame) == found
    rows = [StockRow("r1", "chair", Holding.AVAILABLE, 3, (), Money("45"))]
    text = to_frame(rows).to_csv(index=False)
    assert from_frame(StockRow, pd.read_csv(io.StringIO(text), dtype=csv_dtypes(StockRow))) == rows


def test_a_csv_read_with_inferred_types_is_refused_plainly() -> None:
    text = to_frame([_sample("s1", "150.5")]).to_csv(index=False)
    with pytest.raises(SerializationError, match="measurement"):
        from_frame(FoodSample, pd.read_csv(io.StringIO(text)))


def test_records_of_one_class_only() -> None:
    reading = TemperatureReading("c1", AT, Decimal(3))
    with pytest.raises(FieldTypeError):
        to_frame([reading, _sample("s1", "1")])
    with pytest.raises(FieldTypeError):
        to_frame([])
    empty = to_frame([], TemperatureReading)
    assert list(empty.columns) == ["cabinet_id", "at", "celsius"]
    assert from_frame(TemperatureReading, empty) == []


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def refuse(name: str, *args: object, **kwargs: object) -> object:
        if name in {"pandas", "pyarrow"}:
            raise ImportError(name=name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.delitem(sys.modules, "pandas", raising=False)
    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(ImportError, match=r"schoollogistics\[pandas\]"):
        frames.to_frame([])


def test_cells_of_other_python_types_are_read_by_their_shape() -> None:
    reading = TemperatureReading("c1", AT, Decimal("3.5"))
    frame = pd.DataFrame(
        {
            "cabinet_id": pd.Series([np.str_("c1")], dtype=object),
            "at": pd.Series([AT], dtype=object),
            "celsius": pd.Series([Decimal("3.5")], dtype=object),
        }
    )
    assert from_frame(TemperatureReading, frame) == [reading]
    frame["at"] = [pd.Timestamp("2025-09-01 07:30")]  # naive
    with pytest.raises(SerializationError) as caught:
        from_frame(TemperatureReading, frame)
    assert caught.value.params["codes"] == ("time.naive_refused",)


def test_dates_parsed_by_pandas_and_enum_members_are_accepted() -> None:
    found = [Violation("x.y", Severity.INFO, "s1", "FS-1")]
    frame = to_frame(found)
    frame["severity"] = pd.Series([Severity.INFO], dtype=object)
    assert from_frame(Violation, frame) == found
    rows = [StockRow("r1", "chair", Holding.AVAILABLE, 3, (), Money("45"))]
    frame = to_frame(rows)
    frame["quantity"] = pd.Series([np.int64(3)], dtype=object)
    assert from_frame(StockRow, frame) == rows


def test_moments_before_1901_keep_their_instant() -> None:
    early = parse_offset_datetime("1900-06-01T12:00:00+08:00")
    frame = to_frame([TemperatureReading("c1", early, Decimal(3))])
    (loaded,) = from_frame(TemperatureReading, frame)
    assert loaded.at == early


def test_csv_dtypes_never_read_a_float() -> None:
    for cls in RECORD_TYPES:
        assert set(csv_dtypes(cls).values()) <= {"Int64", "boolean"}
        assert csv_dtypes(cls)["anything"] is str
    assert csv_dtypes(StockRow)["quantity"] == "Int64"
