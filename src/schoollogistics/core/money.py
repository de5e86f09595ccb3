"""Exact money in yuan (元), never a float.

[`Money`][schoollogistics.core.money.Money] wraps a `Decimal`
amount of yuan. It is built from ``str``, ``int`` or ``Decimal``; a ``float``,
NaN or an infinity is refused with a typed error. Arithmetic is exact; rounding
to the fen (分, 0.01 yuan) happens only through
[`Money.quantize_fen`][schoollogistics.core.money.Money.quantize_fen] with a
stated mode, ``ROUND_HALF_UP`` by default (``Decimal``'s own default would be
half-even). [`allocate`][schoollogistics.core.money.allocate] splits an amount
exactly to the fen, and
[`to_capital`][schoollogistics.core.money.to_capital] writes it in Chinese
capital numerals (大写金额) as on vouchers and notices.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Self, SupportsIndex, TypeAlias, cast

import attrs

from schoollogistics.errors import (
    AmountNotFiniteError,
    AmountNotInFenError,
    AmountTextError,
    AmountTypeError,
    FloatAmountError,
    InvalidWeightsError,
    NegativeAmountError,
)

__all__ = [
    "FEN",
    "Money",
    "MoneyInput",
    "Rounding",
    "allocate",
    "allocate_fen",
    "non_negative",
    "to_capital",
    "to_decimal",
]

FEN: Final = Decimal("0.01")
"""One fen (分), the smallest unit money is rounded to."""

MoneyInput: TypeAlias = "Money | Decimal | int | str"
"""What [`Money`][schoollogistics.core.money.Money] accepts (never ``float``)."""

Rounding: TypeAlias = str
"""A rounding mode of the ``decimal`` module, e.g. ``decimal.ROUND_HALF_UP``."""

_ROUNDINGS: Final = frozenset(
    {
        decimal.ROUND_UP,
        decimal.ROUND_DOWN,
        decimal.ROUND_CEILING,
        decimal.ROUND_FLOOR,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_05UP,
    }
)


def to_decimal(value: object, *, field: str = "amount") -> Decimal:
    """Convert an exact numeric input to a finite ``Decimal``.

    Args:
        value: A ``str`` (``"12.50"``), an ``int``, a ``Decimal`` or a
            [`Money`][schoollogistics.core.money.Money].
        field: The argument name, used in error messages.

    Returns:
        The value as a finite ``Decimal``, with its exponent kept (``"12.50"``
        stays ``Decimal("12.50")``).

    Raises:
        FloatAmountError: ``value`` is a ``float`` (code ``money.float_refused``).
        AmountTypeError: ``value`` is of another type, ``bool`` included.
        AmountTextError: ``value`` is a string that is not a number.
        AmountNotFiniteError: ``value`` is NaN or an infinity.
    """
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise AmountTypeError(type_name="bool", field=field)
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "")  # Decimal itself accepts "1_000"
        try:
            result = Decimal(text)
        except decimal.InvalidOperation:
            raise AmountTextError(value=value, field=field) from None
    elif isinstance(value, float):
        raise FloatAmountError(value=value, field=field)
    else:
        raise AmountTypeError(type_name=type(value).__name__, field=field)
    if not result.is_finite():
        raise AmountNotFiniteError(value=value, field=field)
    return result


def _decimal_converter(value: Money | Decimal | int | str) -> Decimal:
    return to_decimal(value)


def _check_rounding(rounding: str) -> str:
    if rounding not in _ROUNDINGS:
        raise AmountTypeError(type_name=f"rounding mode {rounding!r}", field="rounding")
    return rounding


def _trusted(amount: Decimal) -> Money:
    """Build Money from a Decimal already known to be finite (skips the checks)."""
    money = _new(Money)
    _set_amount(money, amount)
    return money


@attrs.frozen(order=False, repr=False)
class Money:
    """An exact amount of yuan.

    ``Money("12.50")``, ``Money(12)`` and ``Money(Decimal("12.5"))`` are the same
    amount; ``Money(12.5)`` raises ``FloatAmountError`` (``money.float_refused``).
    Amounts compare and hash by value, so ``Money("1.0") == Money("1.00")``.
    Adding, subtracting, negating and multiplying by an ``int`` or ``Decimal``
    are exact; dividing is not offered: use
    [`allocate`][schoollogistics.core.money.allocate] to split.

    Attributes:
        amount: The amount in yuan, as given (its exponent is kept).
    """

    amount: Decimal = attrs.field(converter=_decimal_converter)

    @classmethod
    def zero(cls) -> Self:
        """Return zero yuan."""
        return cls(Decimal(0))

    @classmethod
    def from_fen(cls, fen: int) -> Money:
        """Build an amount from a whole number of fen (``from_fen(1250)`` is 12.50)."""
        if isinstance(fen, bool) or not isinstance(fen, int):
            raise AmountTypeError(type_name=type(fen).__name__, field="fen")
        return _trusted(Decimal(fen).scaleb(-2))

    @property
    def fen(self) -> int:
        """The amount as a whole number of fen; refused if it has sub-fen digits."""
        scaled = self.amount.scaleb(2)
        if scaled != scaled.to_integral_value():
            raise AmountNotInFenError(value=self.amount)
        return int(scaled)

    @property
    def is_fen_exact(self) -> bool:
        """Whether the amount is a whole number of fen."""
        scaled = self.amount.scaleb(2)
        return scaled == scaled.to_integral_value()

    def quantize_fen(self, rounding: Rounding = ROUND_HALF_UP) -> Money:
        """Round to the fen with an explicit mode (default ``ROUND_HALF_UP``).

        ``Money("0.125").quantize_fen()`` is 0.13; with
        ``rounding=decimal.ROUND_HALF_EVEN`` it is 0.12.
        """
        _check_rounding(rounding)
        return _trusted(self.amount.quantize(FEN, rounding=rounding))

    def __lt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.amount <= other.amount

    def __gt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.amount > other.amount

    def __ge__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self.amount >= other.amount

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return _trusted(self.amount + other.amount)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return _trusted(self.amount - other.amount)

    def __neg__(self) -> Money:
        return _trusted(-self.amount)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return _trusted(abs(self.amount))

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, float):
            raise FloatAmountError(value=factor, field="factor")
        if isinstance(factor, bool) or not isinstance(factor, (int, Decimal)):
            return NotImplemented
        return Money(self.amount * to_decimal(factor, field="factor"))

    __rmul__ = __mul__

    def __bool__(self) -> bool:
        return bool(self.amount)

    def __round__(self, ndigits: SupportsIndex | None = None) -> Money:
        """``round(m)`` rounds half-up to the fen; other precisions are refused."""
        if ndigits not in (None, 2):
            raise AmountTypeError(type_name=f"round(ndigits={ndigits})", field="ndigits")
        return self.quantize_fen()

    def is_negative(self) -> bool:
        """Whether the amount is below zero."""
        return self.amount < 0

    def __str__(self) -> str:
        return f"{self.amount}"

    def __repr__(self) -> str:
        return f"Money('{self.amount}')"

    def to_capital(self) -> str:
        """The amount in Chinese capital numerals (see [to_capital][schoollogistics.core.money.to_capital])."""  # noqa: E501
        return to_capital(self)

    @staticmethod
    def sum(amounts: Iterable[Money]) -> Money:
        """Add amounts exactly; the sum of nothing is zero."""
        total = Decimal(0)
        for amount in amounts:
            total += amount.amount
        return _trusted(total)


_new = object.__new__
_set_amount = Money.amount.__set__  # type: ignore[attr-defined]  # the slot descriptor


def allocate(total: MoneyInput, weights: Sequence[int | Decimal | str]) -> tuple[Money, ...]:
    """Split ``total`` among parties in proportion to ``weights``, exactly to the fen.

    The largest-remainder method: every part is first rounded down (toward zero)
    to the fen, then the fen left over go one each to the parts with the
    largest remainders, ties going to the earlier part. Hence, always:

    * the parts add up exactly to ``total`` (rule DC-7);
    * every part is within one fen of its exact share ``total * w / sum(w)``;
    * the result depends only on the inputs (deterministic tie-break).

    A negative total is split like its opposite and negated. A zero weight
    gets exactly zero.

    Args:
        total: The amount to split; it must be a whole number of fen.
        weights: Non-negative weights (``int``, ``Decimal`` or decimal
            ``str``), at least one of them positive. ``allocate(t, [1, 1, 1])``
            splits evenly.

    Returns:
        One part per weight, in the order of ``weights``.

    Raises:
        AmountNotInFenError: ``total`` has fractions of a fen.
        InvalidWeightsError: no weights, a negative weight, or all zero.
        FloatAmountError: a weight or the total is a ``float``.
    """
    money = total if isinstance(total, Money) else Money(total)  # pragma: no mutate (speed)
    parts = _split_fen(money.fen, _integer_weights(weights))  # weights checked there
    return tuple(Money.from_fen(part) for part in parts)


def allocate_fen(total_fen: int, weights: Sequence[int]) -> tuple[int, ...]:
    """The largest-remainder split of [`allocate`][schoollogistics.core.money.allocate], in fen.

    The one allocation of the library (DC-7): ``allocate`` calls it after turning
    its amount into fen and its weights into integers; a caller that already
    works in whole fen (an assessment) calls it directly.

    Args:
        total_fen: The whole number of fen to split.
        weights: Non-negative integer weights, at least one of them positive.

    Returns:
        One part in fen per weight, adding up exactly to ``total_fen``.

    Raises:
        InvalidWeightsError: no weights, a negative weight, or all zero.
    """
    _check_integer_weights(weights)
    return _split_fen(total_fen, weights)


def _split_fen(total_fen: int, weights: Sequence[int]) -> tuple[int, ...]:
    """The largest-remainder split of valid integer weights (checked by the caller)."""
    if total_fen < 0:  # split like its opposite, then negate
        return tuple(-part for part in _split_fen(-total_fen, weights))
    int_sum = sum(weights)
    magnitude = total_fen
    floors: list[int] = []
    remainders: list[int] = []
    for w in weights:
        q, r = divmod(magnitude * w, int_sum)
        floors.append(q)
        remainders.append(r)
    left = magnitude - sum(floors)
    if left:
        order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
        for i in order[:left]:
            floors[i] += 1
    return tuple(floors)


def _check_integer_weights(weights: Sequence[int]) -> None:
    if not weights:
        raise InvalidWeightsError(weights="[]", reason="no parties / 没有分摊方")
    for w in weights:
        if isinstance(w, bool) or not isinstance(w, int):
            raise InvalidWeightsError(
                weights=list(weights), reason="weights must be int / 权重须为整数"
            )
        if w < 0:
            raise InvalidWeightsError(weights=list(weights), reason="negative weight / 权重为负")
    if not any(weights):
        raise InvalidWeightsError(
            weights=list(weights), reason="weights sum to zero / 权重之和为零"
        )


def non_negative(value: MoneyInput, *, field: str) -> Money:
    """``value`` as [`Money`][schoollogistics.core.money.Money], refused when below zero.

    The one non-negative amount check of every area (a unit cost, a repair cost,
    a price, a fee).

    Raises:
        NegativeAmountError: the amount is negative (``money.negative``).
        FloatAmountError: ``value`` is a ``float`` (and the other money errors of
            [`to_decimal`][schoollogistics.core.money.to_decimal]).
    """
    money = value if isinstance(value, Money) else Money(value)
    if money.amount < 0:
        raise NegativeAmountError(field=field, value=money)
    return money


def _integer_weights(weights: Sequence[int | Decimal | str]) -> list[int]:
    """Validate weights and scale them to integers with the same ratios (exactly)."""
    if not weights:
        raise InvalidWeightsError(weights="[]", reason="no parties / 没有分摊方")
    if all(type(w) is int for w in weights):  # pragma: no mutate (the fast path of ints)
        int_weights = cast("list[int]", list(weights))  # pragma: no mutate (a no-op)
    else:
        exact = [to_decimal(w, field="weight") for w in weights]
        exponent = min(int(w.as_tuple().exponent) for w in exact)
        scale = Decimal(10) ** -exponent  # exact: a positive exponent divides every weight
        int_weights = [int(w * scale) for w in exact]
    if any(w < 0 for w in int_weights):
        raise InvalidWeightsError(weights=weights, reason="negative weight / 权重为负")
    if not any(int_weights):
        raise InvalidWeightsError(weights=weights, reason="weights sum to zero / 权重之和为零")
    return int_weights


# ---------------------------------------------------------------- capital numerals

_DIGITS: Final = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS: Final = ("", "拾", "佰", "仟")
_MAX_CAPITAL: Final = Decimal("9999999999999999.99")


def _group_text(group: int) -> str:
    """Write 0 < group < 10000 with 拾/佰/仟 and inner zeros collapsed to one 零."""
    text = ""
    pending_zero = False  # pragma: no mutate (None is as false)
    for position in (3, 2, 1, 0):
        digit = (group // 10**position) % 10
        if digit == 0:
            if text:
                pending_zero = True
            continue
        if pending_zero:
            text += "零"
            pending_zero = False  # pragma: no mutate (None is as false)
        text += _DIGITS[digit] + _SMALL_UNITS[position]
    return text


def _below_yi_text(value: int) -> str:
    """Write 0 < value < 10^8 with 万 as the group unit."""
    high, low = divmod(value, 10000)
    if not high:
        return _group_text(low)
    text = _group_text(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + _group_text(low)
    return text


def _integer_text(yuan: int) -> str:
    """Write 0 < yuan < 10^16: 亿 is the top unit, so 10001亿 is 壹万零壹亿.

    Zeros at the end of a unit's digits are not written; zeros between
    non-zero digits are written as one 零 (壹亿零壹仟, 壹拾万零壹拾).
    """
    high, low = divmod(yuan, 10**8)
    if not high:
        return _below_yi_text(low)
    text = _below_yi_text(high) + "亿"
    if low:
        text += ("零" if low < 10**7 else "") + _below_yi_text(low)
    return text


def to_capital(amount: MoneyInput) -> str:
    """Write an amount in Chinese capital numerals (大写金额), as on vouchers.

    The conventions (those of the People's Bank's rules for filling in
    vouchers, in the variant that omits the optional 零 after 元):

    * ``1234.56`` → 壹仟贰佰叁拾肆元伍角陆分
    * ``100`` → 壹佰元整 (整 ends an amount without fen)
    * ``1000.05`` → 壹仟元零伍分 (零 stands for the missing 角)
    * ``0.50`` → 伍角; ``0`` → 零元整
    * ``100000010`` → 壹亿零壹拾元整
    * ``-5.50`` → 负伍元伍角 (a negative amount is prefixed with 负)

    Args:
        amount: The amount; it must be a whole number of fen and below
            10\N{SUPERSCRIPT ONE}\N{SUPERSCRIPT SIX} yuan.

    Raises:
        AmountNotInFenError: the amount has fractions of a fen (round it first).
        AmountTypeError: the amount is too large to write.
    """
    money = amount if isinstance(amount, Money) else Money(amount)  # pragma: no mutate (speed)
    total_fen = money.fen
    if abs(money.amount) > _MAX_CAPITAL:
        raise AmountTypeError(type_name="amount of 10^16 yuan or more")
    if total_fen == 0:
        return "零元整"
    yuan, cents = divmod(abs(total_fen), 100)
    jiao, fen = divmod(cents, 10)
    text = "负" if total_fen < 0 else ""
    if yuan:
        text += _integer_text(yuan) + "元"
    if cents == 0:
        return text + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    return text
