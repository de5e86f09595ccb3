"""The ledger's policies: every configurable rule of AS-1 … AS-11, defaults from RULES.md."""

from __future__ import annotations

import enum

import attrs
import pendulum

from schoollogistics.assets._records import Condition, ItemKind, PlaceKind
from schoollogistics.core.money import Money

__all__ = [
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


@attrs.frozen
class FixedAssetThreshold:
    """AS-10: an item is a fixed asset when its unit value reaches the threshold.

    Default: unit value ≥ 1000 yuan and used for more than a year (事业单位财务规则
    §41). Older rules set 1500 yuan for special equipment: pass ``min_unit_value``.
    A registration can always override the classification with an explicit kind.

    Attributes:
        min_unit_value: The smallest unit value of a fixed asset.
    """

    min_unit_value: Money = attrs.field(factory=lambda: Money(1000))

    def classify(self, unit_cost: Money, *, lasts_over_a_year: bool = True) -> ItemKind:
        """Return the kind an item of this unit value would have."""
        if lasts_over_a_year and unit_cost.amount >= self.min_unit_value.amount:
            return ItemKind.FIXED_ASSET
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
