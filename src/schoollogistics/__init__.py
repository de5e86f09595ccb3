"""schoollogistics: the rules of Chinese school logistics (学校后勤) as a pure Python library.

The top level exports the shared kernel (money, time, violations, errors). Each
area is a subpackage with its own public API:

* [`schoollogistics.assets`][schoollogistics.assets]: asset ledger (资产台账);
* [`schoollogistics.food_samples`][schoollogistics.food_samples]: food-sample retention (食品留样);
* [`schoollogistics.compensation`][schoollogistics.compensation]: damage compensation (损坏赔偿);
* [`schoollogistics.school_calendar`][schoollogistics.school_calendar]: calendar engine (行事历);
* [`schoollogistics.serialization`][schoollogistics.serialization]: JSON-ready data;
* [`schoollogistics.testing`][schoollogistics.testing]: Hypothesis strategies (extra ``testing``).
"""

from importlib.metadata import PackageNotFoundError, version

from schoollogistics.core import (
    DEFAULT_TIMEZONE,
    FEN,
    DateRange,
    Money,
    Params,
    Severity,
    Violation,
    allocate,
    as_date,
    as_datetime,
    hours,
    parse_date,
    parse_datetime,
    school_date,
    school_datetime,
    sort_violations,
    to_capital,
)
from schoollogistics.errors import (
    AssetError,
    CalendarError,
    CompensationError,
    FoodSampleError,
    InvalidInputError,
    MoneyError,
    SchoolLogisticsError,
    SerializationError,
    TimeError,
)

try:
    __version__ = version("schoollogistics")
except PackageNotFoundError:  # pragma: no cover - only when run from a bare source tree
    __version__ = "0.0.0+unknown"

__all__ = [
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
