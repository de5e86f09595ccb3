"""The shared kernel: money, time, identifiers, violations and the findings catalogue.

It imports nothing else from schoollogistics but
[`errors`][schoollogistics.errors]; every area builds on it.
"""

from schoollogistics.core.categories import AssetCategory, AssetClass
from schoollogistics.core.findings import FINDINGS, Finding, finding
from schoollogistics.core.ids import require_id
from schoollogistics.core.money import (
    FEN,
    Money,
    MoneyInput,
    Rounding,
    allocate,
    allocate_fen,
    non_negative,
    parse_capital,
    to_capital,
    to_decimal,
)
from schoollogistics.core.time import (
    DEFAULT_TIMEZONE,
    DateInput,
    DateRange,
    DateTimeInput,
    as_date,
    as_datetime,
    get_timezone,
    hours,
    hours_text,
    in_zone,
    local_date,
    parse_date,
    parse_datetime,
    school_date,
    school_datetime,
)
from schoollogistics.core.violations import Params, Severity, Violation, sort_violations

__all__ = [
    "DEFAULT_TIMEZONE",
    "FEN",
    "FINDINGS",
    "AssetCategory",
    "AssetClass",
    "DateInput",
    "DateRange",
    "DateTimeInput",
    "Finding",
    "Money",
    "MoneyInput",
    "Params",
    "Rounding",
    "Severity",
    "Violation",
    "allocate",
    "allocate_fen",
    "as_date",
    "as_datetime",
    "finding",
    "get_timezone",
    "hours",
    "hours_text",
    "in_zone",
    "local_date",
    "non_negative",
    "parse_capital",
    "parse_date",
    "parse_datetime",
    "require_id",
    "school_date",
    "school_datetime",
    "sort_violations",
    "to_capital",
    "to_decimal",
]
