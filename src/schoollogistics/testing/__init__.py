"""Public Hypothesis strategies for every public type (install the ``testing`` extra).

Systems that import schoollogistics can property-test their own integration
with these, for example that whatever they store round-trips::

    from hypothesis import given
    from schoollogistics import serialization
    from schoollogistics.testing import money


    @given(money())
    def test_store_roundtrip(amount): ...

[`strategy_for`][schoollogistics.testing.strategy_for] finds the strategy of any
type in [`PUBLIC_TYPES`][schoollogistics.serialization.PUBLIC_TYPES]; each area
contributes its strategies in a submodule (``schoollogistics.testing.assets``,
``.food_samples``, ``.compensation``, ``.school_calendar``, ``.repairs``,
``.canteen``, ``.purchasing``, ``.safety``).
"""

from __future__ import annotations

from typing import TypeVar, overload

try:
    from hypothesis import strategies as st
except ImportError as exc:  # the optional ``testing`` extra is not installed
    _msg = (
        "schoollogistics.testing needs Hypothesis, which comes with the 'testing' extra: "
        "pip install 'schoollogistics[testing]' "
        "(schoollogistics.testing 需要 Hypothesis，请安装 testing 扩展："
        "pip install 'schoollogistics[testing]')"
    )
    raise ImportError(_msg, name=exc.name, path=exc.path) from exc

from schoollogistics.testing import assets as _assets
from schoollogistics.testing import canteen as _canteen
from schoollogistics.testing import compensation as _compensation
from schoollogistics.testing import food_samples as _food_samples
from schoollogistics.testing import purchasing as _purchasing
from schoollogistics.testing import repairs as _repairs
from schoollogistics.testing import safety as _safety
from schoollogistics.testing import school_calendar as _school_calendar
from schoollogistics.testing._core import (
    KERNEL_STRATEGIES,
    aware_datetimes,
    date_ranges,
    dates,
    fen_amounts,
    money,
    params,
    severities,
    violations,
    weights,
)

__all__ = [
    "aware_datetimes",
    "date_ranges",
    "dates",
    "fen_amounts",
    "money",
    "params",
    "severities",
    "strategy_for",
    "violations",
    "weights",
]


T = TypeVar("T")


@overload
def strategy_for(cls: type[T]) -> st.SearchStrategy[T]: ...
@overload
def strategy_for(cls: object) -> st.SearchStrategy[object]: ...
def strategy_for(cls: object) -> st.SearchStrategy[object]:
    """Return the strategy generating values of a public type.

    Raises:
        KeyError: no strategy is registered for ``cls``.
    """
    for table in (
        KERNEL_STRATEGIES,
        _assets.STRATEGIES,
        _food_samples.STRATEGIES,
        _compensation.STRATEGIES,
        _school_calendar.STRATEGIES,
        _repairs.STRATEGIES,
        _canteen.STRATEGIES,
        _purchasing.STRATEGIES,
        _safety.STRATEGIES,
    ):
        if cls in table:
            return table[cls]
    raise KeyError(cls)
