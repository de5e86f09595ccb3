"""A school's compensation policy: configurable, defaults from RULES.md, never punitive.

[`CompensationPolicy`][schoollogistics.compensation.policy.CompensationPolicy]
bundles the school's choices for rules DC-2 … DC-9. Every knob can only keep
or reduce the charge: a multiplier above 1 or a surcharge is refused when the
policy is built (DC-5, ``compensation.fine_refused``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

import attrs

from schoollogistics.compensation._common import check_amount
from schoollogistics.compensation.claims import Cause
from schoollogistics.compensation.depreciation import DepreciationPolicy
from schoollogistics.compensation.errors import FineRefusedError, InvalidPolicyError
from schoollogistics.core.money import Money, to_decimal

__all__ = ["DEFAULT_COMPENSABLE_CAUSES", "CompensationPolicy", "NoOneIdentified", "ValueBasis"]


class ValueBasis(enum.Enum):
    """How a destroyed or lost item is valued (rule DC-4)."""

    NET_BOOK_VALUE = "net_book_value"
    """账面净值 (the default): original value minus accumulated depreciation (DC-6)."""
    REPLACEMENT_COST = "replacement_cost"
    """重置成本: what an equivalent item costs now (the item must give it)."""
    ORIGINAL_PRICE = "original_price"
    """原价: the original value, ignoring depreciation."""

    @property
    def label_zh(self) -> str:
        """The Chinese name of the basis."""
        return _BASIS_ZH[self]


_BASIS_ZH: Final = {
    ValueBasis.NET_BOOK_VALUE: "账面净值",
    ValueBasis.REPLACEMENT_COST: "重置成本",
    ValueBasis.ORIGINAL_PRICE: "原价",
}


class NoOneIdentified(enum.Enum):
    """Who pays for compensable damage when no one is identified (rule DC-3)."""

    HOLDER_PAYS = "holder_pays"
    """The class or unit holding the property pays (the default)."""
    SCHOOL_BEARS = "school_bears"
    """The school bears the loss; only the repair or write-off follows."""


DEFAULT_COMPENSABLE_CAUSES: Final = (
    Cause.DELIBERATE,
    Cause.NEGLIGENT,
    Cause.ACCIDENTAL,
    Cause.UNKNOWN,
)
"""Man-made damage is compensated (DC-2); unknown causes fall to the holder (DC-3)."""


def _causes(value: Iterable[Cause]) -> tuple[Cause, ...]:
    causes = tuple(value)
    for cause in causes:
        if not isinstance(cause, Cause):
            raise InvalidPolicyError(field="compensable_causes", reason=f"{cause!r} is not a Cause")
    if Cause.NATURAL_WEAR in causes:
        raise InvalidPolicyError(
            field="compensable_causes",
            reason="natural wear is repaired by the school at no charge (DC-2) / 自然损耗不得收费",
        )
    return tuple(sorted(set(causes), key=lambda c: c.value))


def _multiplier(value: object) -> Decimal:
    number = to_decimal(value, field="multiplier")
    if number > 1:
        raise FineRefusedError(what=f"multiplier {number}", reason="multiplier > 1 / 倍数大于 1")
    if number < 0:
        raise InvalidPolicyError(field="multiplier", reason=f"{number} is negative / 为负")
    return number


def _surcharge(value: object) -> Money:
    money = value if isinstance(value, Money) else Money(value)  # type: ignore[arg-type]
    if money.amount > 0:
        raise FineRefusedError(
            what=f"surcharge {money}", reason="a surcharge is a fine / 附加费即罚款"
        )
    if money.amount < 0:
        raise InvalidPolicyError(field="surcharge", reason=f"{money} is negative / 为负")
    return money


def _rate(value: object) -> Decimal:
    number = to_decimal(value, field="hardship_reduction")
    if not 0 <= number <= 1:
        raise InvalidPolicyError(
            field="hardship_reduction", reason=f"{number} is not between 0 and 1 / 应在 0 到 1 之间"
        )
    return number


def _threshold(value: object) -> Money:
    return check_amount(value, field="write_off_below")


@attrs.frozen
class CompensationPolicy:
    """A school's compensation policy; the defaults follow RULES.md DC-2 … DC-9.

    Attributes:
        compensable_causes: Causes that are charged (DC-2). Natural wear can
            never be listed: the school repairs it at no charge.
        no_one_identified: Who pays when no party is identified (DC-3):
            the holding class or unit by default.
        value_basis: How destroyed or lost items are valued (DC-4): net book
            value by default. A repair is always capped at this value.
        multiplier: A factor applied to the loss, at most 1 (DC-5); below 1
            the school bears part of every loss. Default 1.
        surcharge: Must be zero: a surcharge is a fine (DC-5). Present so that
            a request for one is refused with ``compensation.fine_refused``.
        hardship_reduction: The share of a payer's part removed by a
            ``Hardship.REDUCED`` decision (between 0 and 1; default 0.5).
        write_off_below: Totals above zero and below this amount are written
            off (核销), e.g. ``Money("5")``; default zero (nothing written off).
        guardian_pays_for_minor: A minor's guardian is named as payer (DC-8,
            default ``True``).
        flag_deliberate: Deliberate damage raises a discipline flag (DC-9,
            default ``True``).
        depreciation: Life table and month convention (DC-6).
    """

    compensable_causes: tuple[Cause, ...] = attrs.field(
        default=DEFAULT_COMPENSABLE_CAUSES, converter=_causes
    )
    no_one_identified: NoOneIdentified = NoOneIdentified.HOLDER_PAYS
    value_basis: ValueBasis = ValueBasis.NET_BOOK_VALUE
    multiplier: Decimal = attrs.field(default=Decimal(1), converter=_multiplier)
    surcharge: Money = attrs.field(factory=Money.zero, converter=_surcharge)
    hardship_reduction: Decimal = attrs.field(default=Decimal("0.5"), converter=_rate)
    write_off_below: Money = attrs.field(factory=Money.zero, converter=_threshold)
    guardian_pays_for_minor: bool = True
    flag_deliberate: bool = True
    depreciation: DepreciationPolicy = attrs.field(factory=DepreciationPolicy)
    _write_off_fen: int = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_write_off_fen", self.write_off_below.fen)

    @property
    def write_off_fen(self) -> int:
        """The write-off threshold in whole fen (precomputed)."""
        return self._write_off_fen

    @classmethod
    def default(cls) -> CompensationPolicy:
        """The RULES.md defaults."""
        return cls()

    def is_compensable(self, cause: Cause) -> bool:
        """Whether damage of this cause is charged (DC-2)."""
        return cause in self.compensable_causes
