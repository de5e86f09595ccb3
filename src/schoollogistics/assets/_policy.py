"""The ledger's policies: every configurable rule of AS-1 … AS-11, defaults from RULES.md."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

import attrs
import pendulum

from schoollogistics.assets._records import Condition, ItemKind, PlaceKind
from schoollogistics.assets.errors import InvalidLedgerPolicyError
from schoollogistics.core.categories import AssetCategory, AssetClass
from schoollogistics.core.money import COMPUTE_CONTEXT, Money
from schoollogistics.errors import Phrase

__all__ = [
    "BulkClause",
    "CountSchedulePolicy",
    "DisposalPolicy",
    "ExchangePolicy",
    "FixedAssetThreshold",
    "HandBackPolicy",
    "HazardPolicy",
    "LedgerPolicy",
    "LimitPeriod",
    "MonthClosePolicy",
    "StockTakePolicy",
]


class LimitPeriod(enum.Enum):
    """The period over which a hazardous issue limit counts (AS-9)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    def start(self, day: pendulum.Date) -> pendulum.Date:
        """The first day of the period containing ``day`` (weeks start on Monday)."""
        if self is LimitPeriod.DAY:
            return day
        if self is LimitPeriod.WEEK:
            return day.subtract(days=day.weekday())
        return day.replace(day=1)

    def end(self, day: pendulum.Date) -> pendulum.Date:
        """The last day of the period containing ``day``."""
        if self is LimitPeriod.DAY:
            return day
        if self is LimitPeriod.WEEK:
            return self.start(day).add(days=6)
        return day.end_of("month")


_BULK_DEFAULT: frozenset[AssetCategory] = frozenset(
    {
        AssetCategory.BOOKS_AND_ARCHIVES,
        AssetCategory.FURNITURE,
        AssetCategory.STUDENT_FURNITURE,
        AssetCategory.TOOLS_AND_FITTINGS,
    }
)


def _positive_money(field: str) -> Callable[[object], Money]:
    def convert(value: object) -> Money:
        amount = value if isinstance(value, Money) else Money(value)  # type: ignore[arg-type]  # Money checks
        if amount.amount <= 0:
            raise InvalidLedgerPolicyError(
                policy="FixedAssetThreshold",
                field=field,
                reason=Phrase("must be positive", "须为正数"),
            )
        return amount

    return convert


def _pairs(
    value: Iterable[tuple[AssetCategory, Money]],
) -> tuple[tuple[AssetCategory, Money], ...]:
    return tuple(value)


def _threshold(value: object) -> Money:
    return _positive_money("min_unit_value")(value)


def _category_set(value: Iterable[AssetCategory]) -> frozenset[AssetCategory]:
    """Freeze the categories a bulk clause covers (a named converter, for mypy)."""
    return frozenset(value)


@attrs.frozen
class BulkClause:
    """AS-10, the bulk clause (大批同类物资).

    "单位价值虽未达到规定标准，但是耐用时间在一年以上的大批同类物资，作为固定资产管理"
    (事业单位财务规则, 2022); the accounting standard names the kinds: "如图书、家具、用具、
    装具等". A batch of like-kind items, each below the threshold and each lasting more
    than a year, is booked as fixed assets when its category is on the list and the
    batch is large enough. Such items are counted by quantity
    ([`ItemKind.BULK_FIXED_ASSET`][schoollogistics.assets.ItemKind.BULK_FIXED_ASSET])
    and keep their depreciation category, so the student-furniture life applies to
    desks bought by the hundred.

    The rules do not say how large "大批" is: the minimum batch is the library's
    choice (50 units, about one classroom's desks and chairs), and a school may
    add a minimum total value.

    Attributes:
        categories: The categories the clause covers (default: books, furniture,
            student furniture, fittings: 图书、家具、用具、装具).
        min_quantity: The smallest batch the clause applies to (default 50).
        min_total_value: If set, the batch's total value (quantity × unit cost)
            must also reach it (default: not required).
        enabled: Apply the clause at all (default yes).
    """

    categories: frozenset[AssetCategory] = attrs.field(
        default=_BULK_DEFAULT, converter=_category_set
    )
    min_quantity: int = attrs.field(default=50)
    min_total_value: Money | None = None
    enabled: bool = True

    @min_quantity.validator
    def _check_min_quantity(self, _attribute: attrs.Attribute[int], value: object) -> None:
        if type(value) is not int or value < 2:  # a batch has two or more
            raise InvalidLedgerPolicyError(
                policy="BulkClause",
                field="min_quantity",
                reason=Phrase("must be a whole number ≥ 2", "须为不小于 2 的整数"),
            )

    def __attrs_post_init__(self) -> None:
        listed: frozenset[object] = self.categories
        for category in listed:
            if not isinstance(category, AssetCategory) or category.asset_class is None:
                raise InvalidLedgerPolicyError(
                    policy="BulkClause",
                    field="categories",
                    reason=Phrase(
                        "lists {category}, which is not a fixed-asset category",
                        "所列「{category}」不是固定资产类别",
                        category=getattr(category, "value", category),
                    ),
                )
        if self.min_total_value is not None:
            _positive_money("min_total_value")(self.min_total_value)

    def applies(self, category: AssetCategory, unit_cost: Money, batch_quantity: int) -> bool:
        """Whether a batch of ``batch_quantity`` items of ``category`` is booked as fixed assets."""
        if not self.enabled or category not in self.categories:
            return False
        if batch_quantity < self.min_quantity:
            return False
        if self.min_total_value is None:
            return True
        total = COMPUTE_CONTEXT.multiply(unit_cost.amount, batch_quantity)  # not the caller's
        return total >= self.min_total_value.amount


@attrs.frozen
class FixedAssetThreshold:
    """AS-10: the fixed-asset threshold, per category, with the bulk clause.

    Default: unit value ≥ 1000 yuan and used for more than a year makes a fixed
    asset, for every category (事业单位财务规则, 2022). The 2012 rules set 1500
    yuan for special equipment (专用设备):
    [`legacy_2012`][schoollogistics.assets.FixedAssetThreshold.legacy_2012] gives
    that profile, and ``per_category`` any other. Below the threshold an item is a
    consumable, unless the [`BulkClause`][schoollogistics.assets.BulkClause]
    books its batch as fixed assets. A registration can always override the
    classification with an explicit kind.

    Attributes:
        min_unit_value: The threshold of every category not listed in ``per_category``.
        per_category: Thresholds that differ, one ``(category, amount)`` pair per category.
        bulk: The bulk clause.
    """

    min_unit_value: Money = attrs.field(factory=lambda: Money(1000), converter=_threshold)
    per_category: tuple[tuple[AssetCategory, Money], ...] = attrs.field(
        default=(), converter=_pairs
    )
    bulk: BulkClause = BulkClause()

    def __attrs_post_init__(self) -> None:
        seen: set[AssetCategory] = set()
        pairs: tuple[tuple[object, object], ...] = self.per_category
        for category, amount in pairs:
            if not isinstance(category, AssetCategory) or category.asset_class is None:
                raise InvalidLedgerPolicyError(
                    policy="FixedAssetThreshold",
                    field="per_category",
                    reason=Phrase(
                        "lists {category}, which is not a fixed-asset category",
                        "所列「{category}」不是固定资产类别",
                        category=getattr(category, "value", category),
                    ),
                )
            if category in seen:
                raise InvalidLedgerPolicyError(
                    policy="FixedAssetThreshold",
                    field="per_category",
                    reason=Phrase(
                        "lists {category} twice", "「{category}」重复", category=category.value
                    ),
                )
            seen.add(category)
            _positive_money("per_category")(amount)

    @classmethod
    def legacy_2012(cls) -> FixedAssetThreshold:
        """The 2012 profile: 1000 yuan, but 1500 yuan for special equipment (专用设备).

        From 事业单位财务规则 (财政部令第68号, 2012) and 行政单位财务规则 (财政部令第71号).
        """
        special = sorted(AssetClass.SPECIAL_EQUIPMENT.categories, key=lambda c: c.value)
        pairs = [(category, Money(1500)) for category in special]
        return cls(per_category=pairs)

    def minimum_for(self, category: AssetCategory | None) -> Money:
        """The threshold of ``category`` (the general one when ``None``)."""
        for listed, amount in self.per_category:
            if listed is category:
                return amount
        return self.min_unit_value

    def classify(
        self,
        unit_cost: Money,
        *,
        category: AssetCategory | None = None,
        lasts_over_a_year: bool = True,
        batch_quantity: int | None = None,
    ) -> ItemKind:
        """Return the kind an item of this unit value would have (AS-10).

        Args:
            unit_cost: The unit value.
            category: The depreciation category, for its own threshold and the bulk clause.
            lasts_over_a_year: Each item lasts more than a year.
            batch_quantity: The size of the batch it comes in, for the bulk clause.
        """
        if not lasts_over_a_year:
            return ItemKind.CONSUMABLE
        if unit_cost.amount >= self.minimum_for(category).amount:
            return ItemKind.FIXED_ASSET
        if (
            category is not None
            and batch_quantity is not None
            and self.bulk.applies(category, unit_cost, batch_quantity)
        ):
            return ItemKind.BULK_FIXED_ASSET
        return ItemKind.CONSUMABLE


@attrs.frozen
class ExchangePolicy:
    """AS-3: new for old (以旧换新).

    An item under the exchange rule goes out only by exchange or as an explicit
    initial allocation; by default an initial allocation is refused to a holder
    who already holds the item.

    Attributes:
        initial_only_when_empty: Refuse an initial allocation to a holder who holds some.
    """

    initial_only_when_empty: bool = True


@attrs.frozen
class HandBackPolicy:
    """AS-5, AS-6: the condition check at a hand-back or a loan return.

    Attributes:
        claim_conditions: Conditions that make a damage-claim input (a
            [`LossReport`][schoollogistics.assets.LossReport]); natural wear is not one (DC-2).
        good_returns_to_stock: A unit returned in good condition goes back to stock;
            otherwise it goes to the returned pool.
    """

    claim_conditions: frozenset[Condition] = frozenset({Condition.DAMAGED, Condition.UNUSABLE})
    good_returns_to_stock: bool = True


@attrs.frozen
class HazardPolicy:
    """AS-9: hazardous materials, one custodian, limited issues (专人保管、限量发放).

    Attributes:
        period: The period an item's ``issue_limit`` counts over (per holder).
        custodian_issues_only: Only the item's custodian may record its issues.
    """

    period: LimitPeriod = LimitPeriod.MONTH
    custodian_issues_only: bool = True


@attrs.frozen
class DisposalPolicy:
    """AS-7: disposal (报废) needs an approver.

    Attributes:
        approver_distinct: The approver must be another person than the recorder.
    """

    approver_distinct: bool = True


@attrs.frozen
class StockTakePolicy:
    """AS-2: posting a stock-take's surplus and shortage needs an approver.

    Attributes:
        approver_distinct: The approver must be another person than the recorder.
    """

    approver_distinct: bool = True


@attrs.frozen
class MonthClosePolicy:
    """AS-8: months close one after the other (每月结账一次).

    Attributes:
        sequential: After the first close, only the month after the last closed one
            may be closed.
    """

    sequential: bool = True


@attrs.frozen
class CountSchedulePolicy:
    """AS-2 and the seeds: how often each kind of place must be counted.

    Defaults from the seeds: class property twice a term (期中、期末); offices and
    public rooms once a term ("办公室和公用教室的财产每学期检查一次"); storerooms at year
    end ("年终对库房进行盘点") — at least one count per school year.

    Attributes:
        per_term: Counts required per term for each kind of place.
        storeroom_per_year: Counts required per school year for a storeroom.
    """

    per_term: tuple[tuple[PlaceKind, int], ...] = (
        (PlaceKind.CLASSROOM, 2),
        (PlaceKind.OFFICE, 1),
        (PlaceKind.LAB, 1),
        (PlaceKind.CANTEEN, 1),
        (PlaceKind.OTHER, 1),
    )
    storeroom_per_year: int = 1

    def required(self, kind: PlaceKind) -> int:
        """Counts required per term for places of ``kind`` (0 for storerooms)."""
        for place_kind, count in self.per_term:
            if place_kind is kind:
                return count
        return 0


@attrs.frozen
class LedgerPolicy:
    """All the policies of the ledger, each with the default of RULES.md.

    Attributes:
        threshold: AS-10 fixed-asset threshold.
        exchange: AS-3 new-for-old exchange.
        hand_back: AS-5/AS-6 condition check at hand-back.
        hazard: AS-9 hazardous materials.
        disposal: AS-7 disposal approval.
        stock_take: AS-2 stock-take approval.
        month_close: AS-8 monthly close.
    """

    threshold: FixedAssetThreshold = FixedAssetThreshold()
    exchange: ExchangePolicy = ExchangePolicy()
    hand_back: HandBackPolicy = HandBackPolicy()
    hazard: HazardPolicy = HazardPolicy()
    disposal: DisposalPolicy = DisposalPolicy()
    stock_take: StockTakePolicy = StockTakePolicy()
    month_close: MonthClosePolicy = MonthClosePolicy()
