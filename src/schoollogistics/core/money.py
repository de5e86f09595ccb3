"""Exact money in yuan (元), never a float.

[`Money`][schoollogistics.core.money.Money] wraps a `Decimal`
amount of yuan. It is built from ``str``, ``int`` or ``Decimal``; a ``float``,
NaN or an infinity is refused with a typed error.

**The money domain.** An amount has at most 13 integer digits (below ten
trillion yuan) and at most 6 fraction digits (a ten-thousandth of a fen);
anything outside is refused with ``money.out_of_range``, at the boundary and
as the result of arithmetic. Text follows one grammar (see
[`to_decimal`][schoollogistics.core.money.to_decimal]). Every operation runs in
the library's own decimal context
[`MONEY_CONTEXT`][schoollogistics.core.money.MONEY_CONTEXT] (34 digits, fixed
traps), never the caller's, so no result depends on ``decimal.getcontext()``;
within the domain, arithmetic is exact, and an operation that could not be
exact is refused rather than rounded. Rounding to the fen (分, 0.01 yuan)
happens only through
[`Money.quantize_fen`][schoollogistics.core.money.Money.quantize_fen] with a
stated mode, ``ROUND_HALF_UP`` by default (``Decimal``'s own default would be
half-even). [`allocate`][schoollogistics.core.money.allocate] splits an amount
exactly to the fen, and
[`to_capital`][schoollogistics.core.money.to_capital] writes it in Chinese
capital numerals (大写金额) as on vouchers and notices.
"""

from __future__ import annotations

import decimal
import functools
import heapq
import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Final, Self, SupportsIndex, TypeAlias

import attrs

from schoollogistics.errors import (
    AmountNotFiniteError,
    AmountNotInFenError,
    AmountOutOfRangeError,
    AmountTextError,
    AmountTypeError,
    CapitalTextError,
    FloatAmountError,
    InvalidWeightsError,
    NegativeAmountError,
    Phrase,
)

__all__ = [
    "COMPUTE_CONTEXT",
    "DECIMAL_FRACTION_DIGITS",
    "DECIMAL_INTEGER_DIGITS",
    "FEN",
    "MAX_PARTIES",
    "MONEY_CONTEXT",
    "MONEY_FRACTION_DIGITS",
    "MONEY_INTEGER_DIGITS",
    "NUMBER_PATTERN",
    "Money",
    "MoneyInput",
    "Rounding",
    "allocate",
    "allocate_fen",
    "decimal_pattern",
    "non_negative",
    "parse_capital",
    "to_capital",
    "to_decimal",
    "to_exact_decimal",
    "trusted_from_fen",
]

FEN: Final = Decimal("0.01")
"""One fen (分), the smallest unit money is rounded to."""

MoneyInput: TypeAlias = "Money | Decimal | int | str"
"""What [`Money`][schoollogistics.core.money.Money] accepts (never ``float``)."""

Rounding: TypeAlias = str
"""A rounding mode of the ``decimal`` module, e.g. ``decimal.ROUND_HALF_UP``."""

MONEY_INTEGER_DIGITS: Final = 13
"""At most this many digits before the point: an amount is below 10^13 yuan."""

MONEY_FRACTION_DIGITS: Final = 6
"""At most this many digits after the point (trailing zeros count)."""

DECIMAL_INTEGER_DIGITS: Final = 15
"""At most this many integer digits in a non-money decimal (a weight, a rate, grams)."""

DECIMAL_FRACTION_DIGITS: Final = 10
"""At most this many fraction digits in a non-money decimal."""

MAX_PARTIES: Final = 10_000
"""The most weights [`allocate`][schoollogistics.core.money.allocate] accepts."""

NUMBER_PATTERN: Final = r"^[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$"
"""The one grammar of decimal text (money and other decimals), as a regular expression.

An optional sign, ASCII digits, an optional fraction; no exponent, no spaces, no
other digits (full-width, Arabic-Indic). Grouping commas are accepted only in the
strict ``1,234.56`` form (groups of three, before the point). ``"12,50"``,
``"1e3"``, ``" 7 "``, ``".5"`` and ``"5."`` are refused.
"""

_MAX_TEXT: Final = 64  # longer text cannot be in either domain; refused before parsing


def decimal_pattern(integer_digits: int, fraction_digits: int) -> str:
    """The grammar of ``NUMBER_PATTERN`` with digit bounds, as a regular expression.

    Digits are counted as written (leading and trailing zeros count), so that the
    JSON Schema's ``pattern`` and the converter accept exactly the same text.
    ``decimal_pattern(13, 6)`` is the pattern of money.
    """
    grouped = []
    groups = 1
    while integer_digits - 3 * groups >= 1:
        first = min(3, integer_digits - 3 * groups)
        grouped.append(f"[0-9]{{1,{first}}}(?:,[0-9]{{3}}){{{groups}}}")
        groups += 1
    integer = "|".join([f"[0-9]{{1,{integer_digits}}}", *grouped])
    fraction = f"(?:\\.[0-9]{{1,{fraction_digits}}})?" if fraction_digits else ""
    return f"^[+-]?(?:{integer}){fraction}$"


_PATTERNS: dict[tuple[int, int], re.Pattern[str]] = {}


def _pattern(integer_digits: int, fraction_digits: int) -> re.Pattern[str]:
    key = (integer_digits, fraction_digits)
    compiled = _PATTERNS.get(key)
    if compiled is None:
        text = decimal_pattern(integer_digits, fraction_digits)
        compiled = re.compile(text.removeprefix("^").removesuffix("$"), re.ASCII)
        _PATTERNS[key] = compiled
    return compiled


_NUMBER: Final = re.compile(NUMBER_PATTERN.removeprefix("^").removesuffix("$"), re.ASCII)

MONEY_CONTEXT: Final = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_UP,
    Emax=999,
    Emin=-999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[
        decimal.InvalidOperation,
        decimal.DivisionByZero,
        decimal.Overflow,
        decimal.Underflow,
        decimal.Inexact,
    ],
)
"""The library's own decimal context: 34 digits, every inexact result trapped.

Money arithmetic never reads the caller's context (``decimal.getcontext()``):
it runs through this context's methods, so a caller's ``prec=6`` or cleared
traps change nothing. ``Inexact`` is trapped: an operation that would have to
round raises (and is reported as ``money.out_of_range``) instead of rounding.
Rounding happens only in [`Money.quantize_fen`][schoollogistics.core.money.Money.quantize_fen].
"""

COMPUTE_CONTEXT: Final = decimal.Context(
    prec=60,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999,
    Emin=-999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""The context of an area's intermediate ratios (a share of a charge, a relief).

Sixty digits: with the bounded domains, products are exact and a quotient is
close enough that rounding it to a whole fen afterwards (with a stated mode)
gives the same fen as the exact rational would. Areas compute in
``decimal.localcontext(COMPUTE_CONTEXT)``, never in the caller's context.
"""

_ROUNDING_CONTEXT: Final = decimal.Context(
    prec=34,
    rounding=decimal.ROUND_HALF_UP,
    Emax=999,
    Emin=-999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_MONEY_MAX_ADJUSTED: Final = MONEY_INTEGER_DIGITS - 1
_FEN_LIMIT: Final = 10 ** (MONEY_INTEGER_DIGITS + 2)
_ONE: Final = Decimal(1)

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


def _parse(value: str, field: str, integer_digits: int, fraction_digits: int) -> Decimal:
    if len(value) > _MAX_TEXT or _NUMBER.fullmatch(value) is None:
        raise AmountTextError(value=value[:_MAX_TEXT], field=field)
    if _pattern(integer_digits, fraction_digits).fullmatch(value) is None:
        raise AmountOutOfRangeError(
            value=value,
            field=field,
            integer_digits=integer_digits,
            fraction_digits=fraction_digits,
        )
    return Decimal(value.replace(",", ""))  # the grammar leaves nothing Decimal could refuse


def _exact(value: object, *, field: str, integer_digits: int, fraction_digits: int) -> Decimal:
    """``value`` as a finite Decimal within the given digit bounds (the common checks)."""
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, str):
        result = _parse(value, field, integer_digits, fraction_digits)
    elif isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise AmountTypeError(type_name="bool", field=field)
    elif isinstance(value, int):
        if abs(value) >= 10**integer_digits:
            raise AmountOutOfRangeError(
                value=value,
                field=field,
                integer_digits=integer_digits,
                fraction_digits=fraction_digits,
            )
        return Decimal(value)
    elif isinstance(value, float):
        raise FloatAmountError(value=value, field=field)
    else:
        raise AmountTypeError(type_name=type(value).__name__, field=field)
    if not result.is_finite():
        raise AmountNotFiniteError(value=value, field=field)
    exponent = int(result.as_tuple().exponent)
    if exponent < -fraction_digits or (result and result.adjusted() >= integer_digits):
        raise AmountOutOfRangeError(
            value=value,
            field=field,
            integer_digits=integer_digits,
            fraction_digits=fraction_digits,
        )
    if exponent > 0:  # 1E+3 is written out as 1000 (the grammar has no exponent)
        return result.quantize(_ONE, context=MONEY_CONTEXT)
    return result


def to_decimal(value: object, *, field: str = "amount") -> Decimal:
    """Convert an exact amount of money to a finite ``Decimal`` in the money domain.

    Args:
        value: A ``str`` in the grammar of
            [`NUMBER_PATTERN`][schoollogistics.core.money.NUMBER_PATTERN]
            (``"12.50"``, ``"-3"``, ``"1,234.56"``), an ``int``, a ``Decimal``
            or a [`Money`][schoollogistics.core.money.Money].
        field: The argument name, used in error messages.

    Returns:
        The value as a finite ``Decimal``, with its exponent kept (``"12.50"``
        stays ``Decimal("12.50")``; ``Decimal("1E+3")`` becomes ``1000``).

    Raises:
        FloatAmountError: ``value`` is a ``float`` (code ``money.float_refused``).
        AmountTypeError: ``value`` is of another type, ``bool`` included.
        AmountTextError: ``value`` is a string outside the grammar.
        AmountNotFiniteError: ``value`` is NaN or an infinity.
        AmountOutOfRangeError: more than 13 integer or 6 fraction digits
            (``money.out_of_range``).
    """
    return _exact(
        value,
        field=field,
        integer_digits=MONEY_INTEGER_DIGITS,
        fraction_digits=MONEY_FRACTION_DIGITS,
    )


def to_exact_decimal(value: object, *, field: str) -> Decimal:
    """Like [`to_decimal`][schoollogistics.core.money.to_decimal], for non-money decimals.

    The same grammar and refusals, with the bounds of a weight, a rate or a
    measurement: at most 15 integer and 10 fraction digits.
    """
    return _exact(
        value,
        field=field,
        integer_digits=DECIMAL_INTEGER_DIGITS,
        fraction_digits=DECIMAL_FRACTION_DIGITS,
    )


def _out_of_range(value: object, field: str) -> AmountOutOfRangeError:
    return AmountOutOfRangeError(
        value=value,
        field=field,
        integer_digits=MONEY_INTEGER_DIGITS,
        fraction_digits=MONEY_FRACTION_DIGITS,
    )


def _in_domain(result: Decimal, field: str) -> Decimal:
    """``result`` of an operation, refused when it left the money domain."""
    if result.adjusted() > _MONEY_MAX_ADJUSTED and result:
        raise _out_of_range(result, field)
    return result


def _decimal_converter(value: Money | Decimal | int | str) -> Decimal:
    return to_decimal(value)


def _check_rounding(rounding: str) -> str:
    given: object = rounding
    if type(given) is not str or rounding not in _ROUNDINGS:
        shown = rounding[:40] if type(given) is str else type(given).__name__
        raise AmountTypeError(type_name=f"rounding mode {shown!r}", field="rounding")
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
        if not -_FEN_LIMIT < fen < _FEN_LIMIT:
            raise _out_of_range(fen, "fen")
        return _trusted(MONEY_CONTEXT.scaleb(Decimal(fen), -2))

    @property
    def fen(self) -> int:
        """The amount as a whole number of fen; refused if it has sub-fen digits."""
        scaled = MONEY_CONTEXT.scaleb(self.amount, 2)
        whole = int(scaled)  # toward zero; equal to ``scaled`` exactly when it has no sub-fen digit
        if scaled != whole:
            raise AmountNotInFenError(value=self.amount)
        return whole

    @property
    def is_fen_exact(self) -> bool:
        """Whether the amount is a whole number of fen."""
        scaled = MONEY_CONTEXT.scaleb(self.amount, 2)
        return scaled == int(scaled)

    def quantize_fen(self, rounding: Rounding = ROUND_HALF_UP) -> Money:
        """Round to the fen with an explicit mode (default ``ROUND_HALF_UP``).

        ``Money("0.125").quantize_fen()`` is 0.13; with
        ``rounding=decimal.ROUND_HALF_EVEN`` it is 0.12.
        """
        _check_rounding(rounding)
        return _trusted(self.amount.quantize(FEN, rounding=rounding, context=_ROUNDING_CONTEXT))

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
        return _trusted(_in_domain(MONEY_CONTEXT.add(self.amount, other.amount), "amount"))

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return _trusted(_in_domain(MONEY_CONTEXT.subtract(self.amount, other.amount), "amount"))

    def __neg__(self) -> Money:
        return _trusted(MONEY_CONTEXT.minus(self.amount))

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return _trusted(MONEY_CONTEXT.abs(self.amount))

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, float):
            raise FloatAmountError(value=factor, field="factor")
        if isinstance(factor, bool) or not isinstance(factor, (int, Decimal)):
            return NotImplemented
        exact = factor if isinstance(factor, int) else to_exact_decimal(factor, field="factor")
        try:
            product = MONEY_CONTEXT.multiply(self.amount, exact)
        except decimal.DecimalException:
            raise _out_of_range(self.amount, "factor") from None
        return Money(product)

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
        given: object = amounts
        if isinstance(given, (str, bytes, Money)) or not isinstance(given, Iterable):
            raise AmountTypeError(type_name=type(given).__name__, field="amounts")
        add = MONEY_CONTEXT.add
        total = Decimal(0)
        try:
            for amount in amounts:
                if type(amount) is not Money:
                    raise AmountTypeError(type_name=type(amount).__name__, field="amounts[]")
                total = add(total, amount.amount)
        except decimal.DecimalException:
            raise _out_of_range(total, "sum") from None
        except AmountTypeError:
            raise
        except Exception:  # noqa: BLE001 - a caller's iterable that fails while iterated
            raise AmountTypeError(type_name=type(given).__name__, field="amounts") from None
        return _trusted(_in_domain(total, "sum"))


_new = object.__new__
_set_amount = Money.amount.__set__  # type: ignore[attr-defined]  # the slot descriptor
_scaleb: Final = MONEY_CONTEXT.scaleb


def trusted_from_fen(fen: int) -> Money:
    """[`Money.from_fen`][schoollogistics.core.money.Money.from_fen] without its checks, for hot paths.

    The caller guarantees what ``from_fen`` would check: ``fen`` is an ``int``
    (not a ``bool``) with ``abs(fen) < 10**15``, typically because it is derived
    from amounts already in the money domain and is no larger than one of them
    (a share of a total, a month's depreciation of an original value). The
    result equals ``Money.from_fen(fen)`` and is written the same way (two
    decimal places). Anything not known valid goes through ``from_fen``.
    """  # noqa: E501
    money = _new(Money)
    _set_amount(money, _scaleb(fen, -2))  # a context method takes the int as it is
    return money


def allocate(total: MoneyInput, weights: Sequence[int | Decimal | Money]) -> tuple[Money, ...]:
    """Split ``total`` among parties in proportion to ``weights``, exactly to the fen.

    The largest-remainder method: every part is first rounded down (toward zero)
    to the fen, then the fen left over go one each to the parts with the
    largest remainders, ties going to the earlier part. Hence, always:

    * the parts add up exactly to ``total`` (rule DC-7);
    * every part is within one fen of its exact share ``total * w / sum(w)``;
    * the result depends only on the inputs (deterministic tie-break).

    A negative total is split like its opposite and negated. A zero weight
    gets exactly zero. The work is linear in the number of parties (the
    leftover fen, fewer than the parties, are placed by a heap selection).

    Args:
        total: The amount to split; it must be a whole number of fen.
        weights: A list or tuple of at most
            [`MAX_PARTIES`][schoollogistics.core.money.MAX_PARTIES] non-negative
            weights, each an ``int``, a ``Decimal`` (at most 15 integer and 10
            fraction digits) or a [`Money`][schoollogistics.core.money.Money]; at
            least one of them positive. ``allocate(t, [1, 1, 1])`` splits evenly.
            Text is refused: ``allocate("10.00", "123")`` is not a 1:2:3 split.

    Returns:
        One part per weight, in the order of ``weights``.

    Raises:
        AmountNotInFenError: ``total`` has fractions of a fen.
        InvalidWeightsError: not a list or tuple, too many, text, a negative
            weight, or all zero.
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
        weights: A list or tuple of at most
            [`MAX_PARTIES`][schoollogistics.core.money.MAX_PARTIES] non-negative
            integer weights, at least one of them positive.

    Returns:
        One part in fen per weight, adding up exactly to ``total_fen``.

    Raises:
        InvalidWeightsError: no weights, too many, a non-integer or negative
            weight, or all zero.
    """
    if isinstance(total_fen, bool) or not isinstance(total_fen, int):
        raise AmountTypeError(type_name=type(total_fen).__name__, field="total_fen")
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
        for i in heapq.nsmallest(left, range(len(weights)), key=lambda i: (-remainders[i], i)):
            floors[i] += 1
    return tuple(floors)


def _weights_shown(weights: object) -> str:
    """A short text of the weights for a message (never the whole of a huge list)."""
    if isinstance(weights, (list, tuple)):
        head = ", ".join(_weight_text(w) for w in weights[:8])
        return f"[{head}{', ...' if len(weights) > 8 else ''}] ({len(weights)} weights)"
    return f"a {type(weights).__name__}"


def _weight_text(weight: object) -> str:
    if isinstance(weight, int) and not isinstance(weight, bool) and weight.bit_length() > 64:
        return f"<integer of {weight.bit_length()} bits>"
    if isinstance(weight, (int, Decimal, Money)):
        text = str(weight)
        return text if len(text) <= 40 else text[:37] + "..."
    return f"<{type(weight).__name__}>"


def _check_container(weights: object) -> None:
    if not isinstance(weights, (list, tuple)):
        raise InvalidWeightsError(
            weights=_weights_shown(weights),
            reason=Phrase("weights must be a list or tuple", "权重须为列表"),
        )
    if not weights:
        raise InvalidWeightsError(weights="[]", reason=Phrase("no parties", "没有分摊方"))
    if len(weights) > MAX_PARTIES:
        raise InvalidWeightsError(
            weights=_weights_shown(weights),
            reason=Phrase("more than {n} parties", "分摊方超过 {n} 个", n=MAX_PARTIES),
        )


def _check_integer_weights(
    weights: Sequence[int], given: Sequence[int | Decimal | Money] | None = None
) -> None:
    _check_container(weights)
    shown = list(weights if given is None else given)
    for w in weights:
        if isinstance(w, bool) or not isinstance(w, int):
            raise InvalidWeightsError(
                weights=shown, reason=Phrase("weights must be int", "权重须为整数")
            )
        if w < 0:
            raise InvalidWeightsError(weights=shown, reason=Phrase("negative weight", "权重为负"))
        if w.bit_length() > _MAX_WEIGHT_BITS:
            raise InvalidWeightsError(weights=shown, reason=Phrase("weight too large", "权重过大"))
    if not any(weights):
        raise InvalidWeightsError(
            weights=shown, reason=Phrase("weights sum to zero", "权重之和为零")
        )


_MAX_WEIGHT_BITS: Final = 128


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


def _integer_weights(weights: Sequence[int | Decimal | Money]) -> list[int]:
    """Validate weights and scale them to integers with the same ratios (exactly)."""
    _check_container(weights)
    if all(type(w) is int for w in weights):  # pragma: no mutate (the fast path of ints)
        int_weights = [w for w in weights if isinstance(w, int)]
    else:
        exact: list[Decimal] = []
        for w in weights:
            given: object = w  # the annotation says no text; callers may still pass it
            if isinstance(given, str):
                raise InvalidWeightsError(
                    weights=_weights_shown(weights),
                    reason=Phrase(
                        "weights must be int, Decimal or Money, not text", "权重不能是文本"
                    ),
                )
            exact.append(to_exact_decimal(w, field="weight"))
        exponent = min(int(w.as_tuple().exponent) for w in exact)
        scale = MONEY_CONTEXT.scaleb(_ONE, -exponent)  # exact: at most 10 fraction digits
        int_weights = [int(MONEY_CONTEXT.multiply(w, scale)) for w in exact]
    _check_integer_weights(int_weights, weights)
    return int_weights


# ---------------------------------------------------------------- capital numerals

_DIGITS: Final = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS: Final = ("", "拾", "佰", "仟")


@functools.cache  # at most 9,999 entries (the groups there are); a hit costs ~60 ns, a miss ~1.5 µs
def _group_text(group: int) -> str:
    """Write 0 < group < 10000 with 拾/佰/仟 and inner zeros collapsed to one 零.

    Memoised: the texts are a pure function of the group, and vouchers repeat them.
    """
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
        amount: The amount; it must be a whole number of fen (the money
            domain keeps it below 10\N{SUPERSCRIPT ONE}\N{SUPERSCRIPT THREE} yuan,
            well within what 亿 can write).

    Raises:
        AmountNotInFenError: the amount has fractions of a fen (round it first).
    """
    money = amount if isinstance(amount, Money) else Money(amount)  # pragma: no mutate (speed)
    total_fen = money.fen
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


_DIGIT_VALUE: Final = {digit: value for value, digit in enumerate(_DIGITS)}
_SMALL_UNIT_VALUE: Final = {"拾": 10, "佰": 100, "仟": 1000}
_CAPITAL_LIMIT: Final = 64  # the longest amount to_capital writes is far shorter


def _not_capital(text: str, en: str, zh: str) -> CapitalTextError:
    return CapitalTextError(value=text, reason=Phrase(en, zh))


def _group_value(text: str, whole: str) -> int:
    """Read 0 < group < 10000 written with 拾/佰/仟 and 零 (the inverse of ``_group_text``)."""
    value, digit = 0, None
    for char in text:
        if char == "零":
            continue
        if char in _DIGIT_VALUE:
            if digit is not None:
                raise _not_capital(whole, "two digits in a row", "数字连写")
            digit = _DIGIT_VALUE[char]
        elif char in _SMALL_UNIT_VALUE:
            if digit is None:
                raise _not_capital(whole, "a unit without its digit", "单位前缺少数字")
            value += digit * _SMALL_UNIT_VALUE[char]
            digit = None
        else:
            raise _not_capital(whole, "an unexpected character", "含有非大写数字的字符")
    return value + (digit or 0)


def _integer_value(text: str, whole: str) -> int:
    """Read the yuan of an amount: groups of 亿 and 万 (the inverse of ``_integer_text``)."""
    value = 0
    for unit, scale in (("亿", 10**8), ("万", 10**4)):
        if unit in text:
            head, text = text.split(unit, 1)
            if not head or unit in text:
                raise _not_capital(whole, "a misplaced 亿 or 万", "亿、万的位置不对")
            value += (
                _integer_value(head, whole) if unit == "亿" else _group_value(head, whole)
            ) * scale
    return value + _group_value(text, whole)


def parse_capital(text: str) -> Money:
    """Read an amount written in Chinese capital numerals: the exact inverse of ``to_capital``.

    ``parse_capital("壹仟贰佰叁拾肆元伍角陆分")`` is ``Money("1234.56")``;
    ``parse_capital(to_capital(x)) == x`` for every whole number of fen, and a text
    is accepted only if it is exactly what ``to_capital`` writes for its amount
    (so ``壹佰元`` without 整, ``壹佰零元整`` or ``佰元整`` are refused): a clerk's
    typing is either the canonical text of one amount or refused, never guessed.

    Raises:
        CapitalTextError: ``text`` is not the capital numerals of an amount
            (``money.not_capital``).
    """
    if not isinstance(text, str):
        raise AmountTypeError(type_name=type(text).__name__, field="text")
    if not text or len(text) > _CAPITAL_LIMIT:
        raise _not_capital(text[:_CAPITAL_LIMIT], "empty or too long", "为空或过长")
    body = text.removeprefix("负")
    sign = -1 if len(body) < len(text) else 1
    if "元" in body:
        yuan_text, rest = body.split("元", 1)
        yuan = _integer_value(yuan_text, text) if yuan_text != "零" else 0
    else:
        yuan, rest = 0, body
    cents = 0
    if rest != "整":
        tail = rest.removeprefix("零")
        for unit, scale in (("角", 10), ("分", 1)):
            if unit in tail:
                head, tail = tail.split(unit, 1)
                if len(head) != 1 or head not in _DIGIT_VALUE:
                    raise _not_capital(text, "角 and 分 take one digit", "角、分前须为一位数字")
                cents += _DIGIT_VALUE[head] * scale
        if tail:
            raise _not_capital(text, "an unexpected ending", "结尾不规范")
    money = Money.from_fen(sign * (yuan * 100 + cents))
    if to_capital(money) != text:
        raise _not_capital(
            text, "not written as the rules for vouchers write it", "不符合票据大写金额的书写规范"
        )
    return money
