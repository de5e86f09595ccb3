"""Depreciation (折旧) of school assets: straight line, monthly, no residual (rule DC-6).

The rules, all pinned by tests:

* **Straight line, monthly, no residual value** (年限平均法, 净残值为零). An asset of
  original value ``V`` and useful life ``Y`` years depreciates over ``L = 12 Y``
  months. The monthly amount is ``V / L`` rounded to the fen with
  ``ROUND_HALF_UP``; months ``1 … L-1`` charge that amount and **the last
  month absorbs the rounding** (it charges ``V`` minus what was charged
  before), so the schedule adds up to ``V`` exactly, to the fen. When the
  rounded monthly amount is so large that ``V`` would be exceeded early (a
  value of a few fen over many months), the month that reaches ``V`` charges
  only what is left and the later months charge zero: accumulated
  depreciation never exceeds ``V``.
* **Month convention** (`MonthConvention`): by default an asset starts
  depreciating in the month it is acquired
  (当月增加当月计提); a school may choose the next month (次月计提). Either way an
  asset stops in the month it leaves (当月减少当月不提): that month is not charged.
* **Stops at full depreciation**: after ``L`` months the net book value is zero
  and stays zero.
* **Not depreciated** (§17 of 政府会计准则第3号): books and archives, cultural
  relics, plants and animals, and, by this library's choice, consumables
  (低值易耗品: expensed when issued, never capitalised). Their value stays
  their original value (or their replacement cost, when a compensation policy
  asks for it).

Everything works in whole fen internally (integer arithmetic, no pendulum
arithmetic per asset): the month index of a date is ``12 × year + month``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final, Protocol

import attrs
import pendulum

from schoollogistics.compensation._common import check_amount as _check_amount
from schoollogistics.compensation.errors import (
    IncidentBeforeAcquisitionError,
    InvalidLifeError,
    NotAnAssetError,
)
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import Money
from schoollogistics.core.time import as_date

__all__ = [
    "DEFAULT_LIVES",
    "AssetLike",
    "AssetValue",
    "CategoryLife",
    "DepreciationMonth",
    "DepreciationPolicy",
    "LifeTable",
    "MonthConvention",
    "accumulated_depreciation",
    "depreciation_schedule",
    "months_depreciated",
    "net_book_value",
]


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
    }
)
"""Useful lives in years of the school table (DC-6, 附表2), read-only; ``None``: not depreciated."""


class MonthConvention(enum.Enum):
    """When depreciation starts (rule DC-6); it always stops in the month the asset leaves."""

    SAME_MONTH = "same_month"
    """当月增加当月计提: the month of acquisition is charged (the default)."""
    NEXT_MONTH = "next_month"
    """次月计提: depreciation starts the month after acquisition."""


def _check_years(category: AssetCategory, years: object) -> None:
    if years is None:
        return
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        raise InvalidLifeError(category=category.value, years=years)


@attrs.frozen
class CategoryLife:
    """The useful life of one category (one row of the life table).

    Attributes:
        category: The asset category.
        years: Useful life in whole years; ``None`` means not depreciated.
    """

    category: AssetCategory
    years: int | None

    def __attrs_post_init__(self) -> None:
        _check_years(self.category, self.years)


def _normalise_lives(rows: Iterable[CategoryLife]) -> tuple[CategoryLife, ...]:
    by_category = {row.category: row for row in rows}
    for category in AssetCategory:
        by_category.setdefault(category, CategoryLife(category, DEFAULT_LIVES[category]))
    return tuple(sorted(by_category.values(), key=lambda row: row.category.value))


@attrs.frozen
class LifeTable:
    """Useful lives per category, as data (rule DC-6); the defaults are the school table's.

    Build it with [`default`][schoollogistics.compensation.depreciation.LifeTable.default]
    and derive with [`with_life`][schoollogistics.compensation.depreciation.LifeTable.with_life];
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


@attrs.frozen
class DepreciationPolicy:
    """How a school depreciates (rule DC-6).

    Attributes:
        life_table: Useful lives per category (default: the school table).
        convention: Whether the month of acquisition is charged (default: yes).
    """

    life_table: LifeTable = attrs.field(factory=LifeTable)
    convention: MonthConvention = MonthConvention.SAME_MONTH


class AssetLike(Protocol):
    """What the compensation area reads from an asset record.

    The asset ledger's unit records and loss reports expose these attributes;
    any object with them (or a plain
    [`AssetValue`][schoollogistics.compensation.depreciation.AssetValue]) will do.
    Loss reports may also carry ``tag``, ``item_id``, ``holder_id`` and
    ``occurred_on``, which claims read when present.

    Attributes:
        original_value: The original value (原值).
        acquired_on: The day it was acquired (购置日期).
        category: Its depreciation category.
    """

    @property
    def original_value(self) -> Money:
        """The original value (原值)."""

    @property
    def acquired_on(self) -> pendulum.Date:
        """The day it was acquired."""

    @property
    def category(self) -> AssetCategory:
        """Its depreciation category."""


def _read(obj: object, attribute: str) -> object:
    try:
        return getattr(obj, attribute)
    except AttributeError:
        raise NotAnAssetError(type_name=type(obj).__name__, attribute=attribute) from None


def _original_converter(value: object) -> Money:
    return _check_amount(value, field="original_value")


def _optional_amount(value: object) -> Money | None:
    return None if value is None else _check_amount(value, field="replacement_cost")


def _date_converter(value: object) -> pendulum.Date:
    return as_date(value, field="acquired_on")


@attrs.frozen
class AssetValue:
    """The values of an asset that depreciation and compensation need.

    Attributes:
        original_value: Original value (原值), whole fen, not negative.
        acquired_on: The day it was acquired.
        category: Its depreciation category (DC-6).
        replacement_cost: What an equivalent new item costs today (重置成本), if known;
            used only when a policy values losses at replacement cost (DC-4).
    """

    original_value: Money = attrs.field(converter=_original_converter)
    acquired_on: pendulum.Date = attrs.field(converter=_date_converter)
    category: AssetCategory = attrs.field(validator=attrs.validators.instance_of(AssetCategory))
    replacement_cost: Money | None = attrs.field(default=None, converter=_optional_amount)
    _acquired_index: int = attrs.field(init=False, eq=False, repr=False, hash=False)
    _original_fen: int = attrs.field(init=False, eq=False, repr=False, hash=False)
    _replacement_fen: int = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index = self.acquired_on.year * 12 + self.acquired_on.month - 1
        object.__setattr__(self, "_acquired_index", index)
        object.__setattr__(self, "_original_fen", self.original_value.fen)
        replacement = self.replacement_cost
        object.__setattr__(self, "_replacement_fen", 0 if replacement is None else replacement.fen)

    @classmethod
    def from_asset(cls, asset: AssetLike, *, replacement_cost: Money | None = None) -> AssetValue:
        """Read the values from any object satisfying [`AssetLike`][schoollogistics.compensation.depreciation.AssetLike].

        Raises:
            NotAnAssetError: an attribute is missing (``compensation.not_an_asset``).
        """  # noqa: E501
        if isinstance(asset, AssetValue):
            return (
                asset
                if replacement_cost is None
                else attrs.evolve(asset, replacement_cost=replacement_cost)
            )
        return cls(
            original_value=_read(asset, "original_value"),
            acquired_on=_read(asset, "acquired_on"),
            category=_read(asset, "category"),  # type: ignore[arg-type]
            replacement_cost=replacement_cost,
        )

    @property
    def acquired_month_index(self) -> int:
        """``12 × year + month − 1`` of the acquisition (integer month arithmetic)."""
        return self._acquired_index

    @property
    def original_fen(self) -> int:
        """The original value in whole fen."""
        return self._original_fen

    @property
    def replacement_fen(self) -> int:
        """The replacement cost in whole fen (0 when none is given)."""
        return self._replacement_fen


@attrs.frozen
class DepreciationMonth:
    """One month of a depreciation schedule (折旧明细).

    Attributes:
        year: Calendar year of the month.
        month: Calendar month (1–12).
        number: 1 for the first depreciated month, up to the life in months.
        amount: Depreciation charged this month.
        accumulated: Accumulated depreciation at the end of the month.
        net_book_value: Original value minus accumulated depreciation.
    """

    year: int
    month: int
    number: int
    amount: Money
    accumulated: Money
    net_book_value: Money


# ---------------------------------------------------------------- integer core


def monthly_fen(original_fen: int, life_months: int) -> int:
    """The monthly amount ``original / life`` in fen, rounded ``ROUND_HALF_UP``."""
    return (2 * original_fen + life_months) // (2 * life_months)


def accumulated_fen(original_fen: int, life_months: int, months: int) -> int:
    """Accumulated depreciation in fen after ``months`` depreciated months (DC-6)."""
    if months <= 0:
        return 0
    if months >= life_months:
        return original_fen
    return min(months * monthly_fen(original_fen, life_months), original_fen)


def elapsed_months(
    acquired_index: int,
    on_index: int,
    life_months: int,
    convention: MonthConvention,
    *,
    leaving: bool,
) -> int:
    """Depreciated months from acquisition to the month ``on_index`` (clamped to the life).

    The month ``on_index`` itself is charged unless the asset leaves in it.
    """
    start = acquired_index if convention is MonthConvention.SAME_MONTH else acquired_index + 1
    months = on_index - start + (0 if leaving else 1)
    if months <= 0:
        return 0
    return min(months, life_months)


def _month_index(day: pendulum.Date) -> int:
    return day.year * 12 + day.month - 1


def _on_index(asset: AssetValue, on: object) -> int:
    day = as_date(on, field="on")
    if day < asset.acquired_on:
        raise IncidentBeforeAcquisitionError(
            item="asset", incident_on=day, acquired_on=asset.acquired_on
        )
    return _month_index(day)


def months_depreciated(
    asset: AssetValue,
    on: pendulum.Date,
    policy: DepreciationPolicy | None = None,
    *,
    leaving: bool = False,
) -> int:
    """How many months of depreciation have been charged by ``on`` (rule DC-6).

    Args:
        asset: The asset's values.
        on: The day of valuation.
        policy: Life table and month convention (default: the school table).
        leaving: The asset leaves the books in ``on``'s month (destroyed,
            lost, disposed): that month is not charged (当月减少当月不提).

    Returns:
        A number between 0 and the life in months; 0 for a category that is
        not depreciated.

    Raises:
        IncidentBeforeAcquisitionError: ``on`` is before the acquisition.
    """
    policy = policy or DepreciationPolicy()
    index = _on_index(asset, on)
    life = policy.life_table.life_months(asset.category)
    if life is None:
        return 0
    return elapsed_months(
        asset.acquired_month_index, index, life, policy.convention, leaving=leaving
    )


def accumulated_depreciation(
    asset: AssetValue,
    on: pendulum.Date,
    policy: DepreciationPolicy | None = None,
    *,
    leaving: bool = False,
) -> Money:
    """Accumulated depreciation (累计折旧) at ``on``: never decreasing, never above the original.

    See [`months_depreciated`][schoollogistics.compensation.depreciation.months_depreciated]
    for the arguments.
    """
    policy = policy or DepreciationPolicy()
    months = months_depreciated(asset, on, policy, leaving=leaving)
    life = policy.life_table.life_months(asset.category)
    if life is None:
        return Money.zero()
    return Money.from_fen(accumulated_fen(asset.original_fen, life, months))


def net_book_value(
    asset: AssetValue,
    on: pendulum.Date,
    policy: DepreciationPolicy | None = None,
    *,
    leaving: bool = False,
) -> Money:
    """Net book value (账面净值) at ``on``: original minus accumulated, never negative (DC-6)."""
    accumulated = accumulated_depreciation(asset, on, policy, leaving=leaving)
    return Money.from_fen(asset.original_fen - accumulated.fen)


def depreciation_schedule(
    asset: AssetValue, policy: DepreciationPolicy | None = None
) -> tuple[DepreciationMonth, ...]:
    """The full monthly schedule of an asset (DC-6); empty if its category is not depreciated.

    The amounts add up exactly to the original value: the last month absorbs
    the rounding of the monthly amount (``ROUND_HALF_UP`` to the fen).
    """
    policy = policy or DepreciationPolicy()
    life = policy.life_table.life_months(asset.category)
    if life is None:
        return ()
    original = asset.original_fen
    first = asset.acquired_month_index + (
        0 if policy.convention is MonthConvention.SAME_MONTH else 1
    )
    months: list[DepreciationMonth] = []
    before = 0
    for number in range(1, life + 1):
        after = accumulated_fen(original, life, number)
        year, month0 = divmod(first + number - 1, 12)
        months.append(
            DepreciationMonth(
                year=year,
                month=month0 + 1,
                number=number,
                amount=Money.from_fen(after - before),
                accumulated=Money.from_fen(after),
                net_book_value=Money.from_fen(original - after),
            )
        )
        before = after
    return tuple(months)
