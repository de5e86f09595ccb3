"""The shared kernel: money, time, identifiers and violations.

It imports nothing else from schoollogistics but
[`errors`][schoollogistics.errors]; every area builds on it.
"""

from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.ids import require_id
from schoollogistics.core.money import (
    FEN,
    Money,
    MoneyInput,
    Rounding,
    allocate,
    to_capital,
    to_decimal,
)
from schoollogistics.core.time import (
    DEFAULT_TIMEZONE,
    DateRange,
    as_date,
    as_datetime,
    get_timezone,
    hours,
    parse_date,
    parse_datetime,
    school_date,
    school_datetime,
)
from schoollogistics.core.violations import Params, Severity, Violation, sort_violations

__all__ = [
    "DEFAULT_TIMEZONE",
    "FEN",
    "AssetCategory",
    "DateRange",
    "Money",
    "MoneyInput",
    "Params",
    "Rounding",
    "Severity",
    "Violation",
    "allocate",
    "as_date",
    "as_datetime",
    "get_timezone",
    "hours",
    "parse_date",
    "parse_datetime",
    "require_id",
    "school_date",
    "school_datetime",
    "sort_violations",
    "to_capital",
    "to_decimal",
]
