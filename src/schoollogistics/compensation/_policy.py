"""The policies of the compensation area: depreciation (DC-6) and compensation (DC-2 … DC-9).

Each policy cites its rule IDs and takes its defaults from RULES.md:

* [`LifeTable`][schoollogistics.compensation.LifeTable] and
  [`DepreciationPolicy`][schoollogistics.compensation.DepreciationPolicy] (DC-6): the
  school table of useful lives (中小学校固定资产折旧年限表, 财会〔2018〕20号 附表2) and the
  month convention (当月增加当月计提 by default);
* [`CompensationPolicy`][schoollogistics.compensation.CompensationPolicy]
  (DC-2 … DC-9): which causes are charged, who pays when no one is identified, how a
  loss is valued, relief and write-off. Every knob can only keep or reduce the charge:
  a multiplier above 1 or a surcharge is refused when the policy is built (DC-5,
  ``compensation.fine_refused``).

The checks are the DC guards of ``_rules.py``; amounts use the kernel's checks
(``money.negative``, ``money.not_in_fen``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final, NamedTuple

import attrs

from schoollogistics.compensation._records import Cause, amount_in_fen
from schoollogistics.compensation._rules import (
    dc2_natural_wear_never_charged,
    dc5_no_multiplier_above_one,
    dc5_no_surcharge,
    dc5_relief_only_reduces,
    dc6_life_in_whole_years,
    dc6_life_not_below_the_table,
)
from schoollogistics.compensation.errors import InvalidPolicyError
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import Money, MoneyInput, to_decimal
from schoollogistics.core.shapes import checked_fields
from schoollogistics.errors import Phrase

__all__ = [
    "DEFAULT_COMPENSABLE_CAUSES",
    "DEFAULT_LIVES",
    "CategoryLife",
    "CompensationPolicy",
    "DepreciationPolicy",
    "LifeTable",
    "MonthConvention",
    "NoOneIdentified",
    "ValueBasis",
]


# ---------------------------------------------------------------- DC-6 depreciation

DEFAULT_LIVES: Final[Mapping[AssetCategory, int | None]] = MappingProxyType(
    {
        AssetCategory.COMPUTERS: 6,
        AssetCategory.OFFICE_EQUIPMENT: 6,
        AssetCategory.VEHICLES: 8,
        AssetCategory.MACHINERY: 10,
        AssetCategory.ELECTRICAL_APPLIANCES: 5,
        AssetCategory.TEACHING_INSTRUMENTS: 5,
        AssetCategory.ARTS_EQUIPMENT: 5,
        AssetCategory.SPORTS_EQUIPMENT: 5,
        AssetCategory.ENTERTAINMENT_EQUIPMENT: 5,
        AssetCategory.OTHER_SPECIAL_EQUIPMENT: 10,
        AssetCategory.FURNITURE: 15,
        AssetCategory.STUDENT_FURNITURE: 5,
        AssetCategory.TOOLS_AND_FITTINGS: 5,
        AssetCategory.BUILDINGS_STEEL_CONCRETE: 50,
        AssetCategory.BUILDINGS_BRICK: 30,
        AssetCategory.SIMPLE_STRUCTURES: 8,
        AssetCategory.BOOKS_AND_ARCHIVES: None,
        AssetCategory.CULTURAL_RELICS: None,
        AssetCategory.PLANTS_AND_ANIMALS: None,
        AssetCategory.CONSUMABLES: None,
        AssetCategory.BUILDINGS_STEEL: 50,
        AssetCategory.BUILDINGS_BRICK_WOOD: 30,
        AssetCategory.BUILDING_FIXTURES: 8,
        AssetCategory.STRUCTURES: 8,
        AssetCategory.LIBRARY_EQUIPMENT: 5,
        AssetCategory.COMMUNICATIONS_EQUIPMENT: 5,
        AssetCategory.BROADCAST_EQUIPMENT: 5,
        AssetCategory.INSTRUMENTS: 5,
        AssetCategory.MEASURING_EQUIPMENT: 5,
        AssetCategory.METROLOGY_EQUIPMENT: 5,
        AssetCategory.POLICE_EQUIPMENT: 3,
        AssetCategory.LAND: None,
        AssetCategory.NOMINAL_VALUE_ASSETS: None,
    }
)
"""Useful lives in years of the school table (DC-6, 附表2), read-only; ``None``: not depreciated.

Every row of 中小学校固定资产折旧年限表: 房屋及构筑物 (钢结构 50, 钢筋混凝土结构 50, 砖混结构 30,
砖木结构 30, 简易房 8, 房屋附属设施 8, 构筑物 8); 通用设备 (计算机设备 6, 办公设备 6, 车辆 8,
图书档案设备 5, 机械设备 10, 电气设备 5, 通信设备 5, 广播、电视、电影设备 5, 仪器仪表 5,
电子和通信测量设备 5, 计量标准器具及量具、衡器 5); 专用设备 (专用仪器仪表 5, 文艺设备 5,
体育设备 5, 娱乐设备 5, 公安专用设备 3, 其他专用设备 10); 家具 15, 学生用家具 5, 用具和装具 5.
Not depreciated, the five classes of 政府会计准则第3号: 文物和陈列品, 动植物, 图书、档案,
单独计价入账的土地, 以名义金额计量的固定资产; and, by this library's choice, consumables.

The lives are **floors** (DC-6): an override may lengthen a life, never shorten it
(``compensation.life_below_minimum``).
"""


class MonthConvention(enum.Enum):
    """When depreciation starts (rule DC-6); it always stops in the month the asset leaves."""

    SAME_MONTH = "same_month"
    """当月增加当月计提: the month of acquisition is charged (the default)."""
    NEXT_MONTH = "next_month"
    """次月计提: depreciation starts the month after acquisition."""


@attrs.frozen(field_transformer=checked_fields())
class CategoryLife:
    """The useful life of one category (one row of the life table).

    A life below the school table's is refused (DC-6: the table's lives are
    floors), with ``compensation.life_below_minimum``; a longer one is allowed.

    Attributes:
        category: The asset category.
        years: Useful life in whole years; ``None`` means not depreciated.
    """

    category: AssetCategory
    years: int | None

    def __attrs_post_init__(self) -> None:
        dc6_life_in_whole_years(self.category, self.years)
        dc6_life_not_below_the_table(self.category, self.years, DEFAULT_LIVES[self.category])


def _normalise_lives(rows: Iterable[CategoryLife]) -> tuple[CategoryLife, ...]:
    by_category = {row.category: row for row in rows}
    for category in AssetCategory:
        by_category.setdefault(category, CategoryLife(category, DEFAULT_LIVES[category]))
    return tuple(sorted(by_category.values(), key=lambda row: row.category.value))


@attrs.frozen(field_transformer=checked_fields())
class LifeTable:
    """Useful lives per category, as data (rule DC-6); the defaults are the school table's.

    Build it with [`default`][schoollogistics.compensation.LifeTable.default]
    and derive with [`with_life`][schoollogistics.compensation.LifeTable.with_life];
    a category missing from ``rows`` takes its default. Lookups are indexed
    (one dictionary built at construction).

    Attributes:
        rows: One row per category, sorted by category value.
    """

    rows: tuple[CategoryLife, ...] = attrs.field(factory=tuple, converter=_normalise_lives)
    _months: Mapping[AssetCategory, int] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        months = {row.category: row.years * 12 for row in self.rows if row.years is not None}
        object.__setattr__(self, "_months", MappingProxyType(months))

    @classmethod
    def default(cls) -> LifeTable:
        """The school table of RULES.md DC-6."""
        return cls()

    @classmethod
    def from_years(cls, lives: Mapping[AssetCategory, int | None]) -> LifeTable:
        """Override some categories (``None`` for not depreciated); others keep their default."""
        return cls(tuple(CategoryLife(c, y) for c, y in lives.items()))

    def with_life(self, category: AssetCategory, years: int | None) -> LifeTable:
        """A copy with one category's life changed (``None``: not depreciated)."""
        rows = [row for row in self.rows if row.category is not category]
        return LifeTable((*rows, CategoryLife(category, years)))

    @property
    def months_by_category(self) -> Mapping[AssetCategory, int]:
        """Life in months of every depreciated category (the precomputed index, read-only)."""
        return self._months

    def years(self, category: AssetCategory) -> int | None:
        """The useful life of ``category`` in years, ``None`` if not depreciated."""
        months = self._months.get(category)
        return None if months is None else months // 12

    def life_months(self, category: AssetCategory) -> int | None:
        """The useful life of ``category`` in months, ``None`` if not depreciated."""
        return self._months.get(category)


@attrs.frozen(field_transformer=checked_fields())
class DepreciationPolicy:
    """How a school depreciates (rule DC-6).

    Attributes:
        life_table: Useful lives per category (default: the school table).
        convention: Whether the month of acquisition is charged (default: yes).
    """

    life_table: LifeTable = attrs.field(factory=LifeTable)
    convention: MonthConvention = MonthConvention.SAME_MONTH


# ---------------------------------------------------------------- DC-2 … DC-9 compensation


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


class AssessmentPlan(NamedTuple):
    """A policy as the assessment's hot path reads it, built once per policy (private).

    ``CompensationPolicy`` keeps one in a private field; ``assess`` unpacks it
    instead of walking the policy's nested records on every claim.

    Attributes:
        lives: Life in months of each category, in the order of ``AssetCategory``
            (``None``: not depreciated); an asset's ``_category_index`` indexes it.
        start_offset: 0 when the month of acquisition is charged, 1 when
            depreciation starts the month after (DC-6).
        value_basis: How a destroyed or lost item is valued (DC-4).
        multiplier: The multiplier as an exact ratio ``(numerator, denominator)``;
            ``None`` when it is 1.
        compensable: The causes that are charged (DC-2); a short tuple, as
            ``in`` compares enum members by identity without hashing them.
        holder_pays: The holder pays when no one is identified (DC-3).
        write_off_fen: Totals above zero and below this are written off.
        guardian_pays: A minor's guardian is named as payer (DC-8).
        flag_deliberate: Deliberate damage is flagged (DC-9).
    """

    lives: tuple[int | None, ...]
    start_offset: int
    value_basis: ValueBasis
    multiplier: tuple[int, int] | None
    compensable: tuple[Cause, ...]
    holder_pays: bool
    write_off_fen: int
    guardian_pays: bool
    flag_deliberate: bool


def _causes(value: Iterable[Cause]) -> tuple[Cause, ...]:
    causes = tuple(value)
    for cause in causes:
        if not isinstance(cause, Cause):
            raise InvalidPolicyError(
                field="compensable_causes",
                reason=Phrase("{cause!r} is not a Cause", "「{cause}」不是「Cause」", cause=cause),
            )
    dc2_natural_wear_never_charged(natural_wear_listed=Cause.NATURAL_WEAR in causes)
    return tuple(sorted(set(causes), key=lambda c: c.value))


def _multiplier(value: Decimal | int | str) -> Decimal:
    return dc5_no_multiplier_above_one(to_decimal(value, field="multiplier"))


def _surcharge(value: MoneyInput) -> Money:
    return dc5_no_surcharge(Money(value))


def _rate(value: Decimal | int | str) -> Decimal:
    return dc5_relief_only_reduces(to_decimal(value, field="hardship_reduction"))


def _threshold(value: MoneyInput) -> Money:
    return amount_in_fen(value, field="write_off_below")


@attrs.frozen(field_transformer=checked_fields())
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
    _plan: AssessmentPlan = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        write_off = self.write_off_below.fen
        object.__setattr__(self, "_write_off_fen", write_off)
        multiplier = self.multiplier
        depreciation = self.depreciation
        months = depreciation.life_table.months_by_category
        plan = AssessmentPlan(
            lives=tuple(months.get(category) for category in AssetCategory),
            start_offset=0 if depreciation.convention is MonthConvention.SAME_MONTH else 1,
            value_basis=self.value_basis,
            multiplier=None if multiplier == 1 else multiplier.as_integer_ratio(),
            compensable=self.compensable_causes,
            holder_pays=self.no_one_identified is NoOneIdentified.HOLDER_PAYS,
            write_off_fen=write_off,
            guardian_pays=self.guardian_pays_for_minor,
            flag_deliberate=self.flag_deliberate,
        )
        object.__setattr__(self, "_plan", plan)

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
