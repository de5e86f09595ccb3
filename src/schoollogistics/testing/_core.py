"""Strategies for the shared kernel."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final, TypeAlias

import pendulum
from hypothesis import strategies as st

from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import Money
from schoollogistics.core.time import DEFAULT_TIMEZONE, DateRange
from schoollogistics.core.violations import Params, Severity, Violation

__all__ = [
    "KERNEL_STRATEGIES",
    "aware_datetimes",
    "date_ranges",
    "dates",
    "fen_amounts",
    "money",
    "params",
    "severities",
    "violations",
    "weights",
]

_MIN_DAY: Final = pendulum.Date(2000, 1, 1)
_MAX_DAY: Final = pendulum.Date(2099, 12, 31)


def fen_amounts(
    min_value: Decimal | int | str = -1_000_000, max_value: Decimal | int | str = 1_000_000
) -> st.SearchStrategy[Money]:
    """Amounts that are whole numbers of fen, between the bounds (yuan)."""
    low = int(Decimal(min_value) * 100)
    high = int(Decimal(max_value) * 100)
    return st.integers(low, high).map(Money.from_fen)


def money(places: int = 4) -> st.SearchStrategy[Money]:
    """Any exact amount with up to ``places`` decimal places (sub-fen included)."""
    return st.decimals(
        min_value=-(10**9), max_value=10**9, places=places, allow_nan=False, allow_infinity=False
    ).map(Money)


def weights(min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[list[int]]:
    """Allocation weights: non-negative ints, at least one positive."""
    return st.lists(st.integers(0, 1000), min_size=min_size, max_size=max_size).filter(
        lambda ws: sum(ws) > 0
    )


def dates(
    min_value: pendulum.Date = _MIN_DAY, max_value: pendulum.Date = _MAX_DAY
) -> st.SearchStrategy[pendulum.Date]:
    """Calendar days as pendulum ``Date``."""
    return st.dates(min_value, max_value).map(lambda d: pendulum.Date(d.year, d.month, d.day))


def aware_datetimes(tz: str = DEFAULT_TIMEZONE) -> st.SearchStrategy[pendulum.DateTime]:
    """Aware moments (whole seconds) on the school's wall clock."""
    zone = pendulum.timezone(tz)
    return st.datetimes(
        min_value=pendulum.naive(2000, 1, 1), max_value=pendulum.naive(2099, 12, 31)
    ).map(lambda d: pendulum.instance(d.replace(microsecond=0), tz=zone))


def date_ranges() -> st.SearchStrategy[DateRange]:
    """Inclusive day ranges of up to about a year."""
    return st.builds(
        lambda start, length: DateRange(start, start.add(days=length)),
        dates(max_value=pendulum.Date(2098, 12, 31)),
        st.integers(0, 400),
    )


_TEXT: Final = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=0, max_size=12
)


def params() -> st.SearchStrategy[Params]:
    """Violation parameters."""
    return st.dictionaries(_TEXT.filter(bool), _TEXT, max_size=4).map(Params)


def severities() -> st.SearchStrategy[Severity]:
    """Violation severities."""
    return st.sampled_from(Severity)


def violations() -> st.SearchStrategy[Violation]:
    """Arbitrary well-formed findings."""
    return st.builds(
        Violation,
        code=st.from_regex(r"\A[a-z_]+\.[a-z_]+\Z"),
        severity=severities(),
        subject=_TEXT,
        rule=st.from_regex(r"\A(AS|FS|DC|CA)-[1-9]\Z"),
        params=params(),
        message_en=_TEXT,
        message_zh=_TEXT,
    )


StrategyTable: TypeAlias = "Mapping[object, st.SearchStrategy[object]]"
"""Strategies of an area by the public type (or union) they generate."""

KERNEL_STRATEGIES: Final[StrategyTable] = {
    AssetCategory: st.sampled_from(AssetCategory),
    Money: money(),
    Violation: violations(),
    Severity: severities(),
    Params: params(),
    DateRange: date_ranges(),
}
