"""Helpers shared by the compensation modules (internal)."""

from __future__ import annotations

from schoollogistics.compensation.errors import InvalidAmountError
from schoollogistics.core.money import Money

__all__ = ["check_amount"]


def check_amount(value: object, *, field: str) -> Money:
    """A non-negative whole-fen amount, or refuse it (``compensation.invalid_amount``).

    The amount is returned with exactly two decimals (``Money("368")`` becomes
    ``368.00``), so that every amount of the area has one canonical form, in
    records and in their serialized text alike.
    """
    money = value if isinstance(value, Money) else Money(value)  # type: ignore[arg-type]
    if money.amount < 0:
        raise InvalidAmountError(field=field, value=money, reason="negative / 为负")
    if not money.is_fen_exact:
        raise InvalidAmountError(field=field, value=money, reason="fractions of a fen / 不足一分")
    return Money.from_fen(money.fen)
