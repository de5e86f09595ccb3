"""The public API is explicit: ``__all__`` is pinned, and everything in it exists."""

from __future__ import annotations

import importlib

import pytest

import schoollogistics

TOP_LEVEL = [
    "DEFAULT_TIMEZONE",
    "FEN",
    "AssetError",
    "CalendarError",
    "CompensationError",
    "DateRange",
    "FoodSampleError",
    "InvalidInputError",
    "Money",
    "MoneyError",
    "Params",
    "SchoolLogisticsError",
    "SerializationError",
    "Severity",
    "TimeError",
    "Violation",
    "__version__",
    "allocate",
    "as_date",
    "as_datetime",
    "hours",
    "parse_date",
    "parse_datetime",
    "school_date",
    "school_datetime",
    "sort_violations",
    "to_capital",
]


def test_top_level_all_is_pinned() -> None:
    assert sorted(schoollogistics.__all__) == sorted(TOP_LEVEL)


@pytest.mark.parametrize(
    "module",
    [
        "schoollogistics",
        "schoollogistics.core",
        "schoollogistics.errors",
        "schoollogistics.serialization",
        "schoollogistics.testing",
        "schoollogistics.assets",
        "schoollogistics.food_samples",
        "schoollogistics.repairs",
        "schoollogistics.purchasing",
        "schoollogistics.safety",
        "schoollogistics.safety.errors",
        "schoollogistics.compensation",
        "schoollogistics.school_calendar",
        "schoollogistics.demo",
        "schoollogistics.plots",
        "schoollogistics.columnar",
        "schoollogistics.district",
    ],
)
def test_everything_in_all_exists(module: str) -> None:
    imported = importlib.import_module(module)
    for name in imported.__all__:
        assert hasattr(imported, name), f"{module}.{name}"


def test_version_from_metadata() -> None:
    assert schoollogistics.__version__ == importlib.metadata.version("schoollogistics")


def test_columnar_all_is_pinned() -> None:
    columnar = importlib.import_module("schoollogistics.columnar")
    assert sorted(columnar.__all__) == [
        "COLUMNS",
        "ColumnarLog",
        "EXTRA",
        "audit_columns",
        "columns_to_log",
        "kept_records",
        "log_to_columns",
    ]
