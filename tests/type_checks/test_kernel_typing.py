"""Documented kernel usage type-checks (mypy --strict runs over tests/).

``assert_type`` makes mypy fail when a public signature drifts from what the docs
promise; at run time the same lines execute as ordinary tests.
"""

from __future__ import annotations

from decimal import Decimal
from typing import assert_type

import pendulum

from schoollogistics import (
    DateRange,
    Money,
    Violation,
    allocate,
    as_date,
    as_datetime,
    parse_datetime,
    school_datetime,
    serialization,
    to_capital,
)


def test_money_usage_types() -> None:
    price = Money("12.50")
    assert_type(price + Money(1), Money)
    assert_type(price * 3, Money)
    assert_type(price * Decimal("0.5"), Money)
    assert_type(price.quantize_fen(), Money)
    assert_type(price.amount, Decimal)
    assert_type(price.fen, int)
    assert_type(allocate(price, [1, 1]), tuple[Money, ...])
    assert_type(to_capital(price), str)


def test_time_usage_types() -> None:
    moment = school_datetime(2025, 9, 1, 11, 30)
    assert_type(moment, pendulum.DateTime)
    assert_type(as_datetime(moment), pendulum.DateTime)
    assert_type(parse_datetime("2025-09-01T11:30"), pendulum.DateTime)
    assert_type(as_date(moment.date()), pendulum.Date)
    assert_type(DateRange.month(2025, 9), DateRange)


def test_serialization_usage_types() -> None:
    text = serialization.dumps(Money("1"))
    assert_type(text, str)
    assert_type(serialization.loads(Money, text), Money)
    assert_type(serialization.from_dict(list[Violation], []), list[Violation])
