"""Catalogue, places, holders, units and the configurable policies of the ledger."""

from __future__ import annotations

import enum

import attrs
import pendulum

from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import Money

__all__ = [
    "AssetUnit",
    "Condition",
    "CountSchedulePolicy",
    "Decision",
    "DisposalPolicy",
    "ExchangePolicy",
    "FixedAssetThreshold",
    "HandBackPolicy",
    "HazardPolicy",
    "Holder",
    "HolderKind",
    "Holding",
    "ItemKind",
    "ItemType",
    "LedgerPolicy",
    "LimitPeriod",
    "LossKind",
    "MonthClosePolicy",
    "Place",
    "PlaceKind",
    "StockTakePolicy",
    "SummaryScope",
]


class ItemKind(enum.Enum):
    """How an item type is tracked (AS-10)."""

    FIXED_ASSET = "fixed_asset"
    """固定资产: tracked per unit by tag, with original value and acquisition date."""
    CONSUMABLE = "consumable"
    """低值易耗品: tracked by quantity, valued at the item's unit cost."""


class PlaceKind(enum.Enum):
    """What a place is."""

    STOREROOM = "storeroom"
    """库房: receipts, issues, exchanges and disposals go through one."""
    CLASSROOM = "classroom"
    """教室 (class property, 班级财产)."""
    OFFICE = "office"
    """办公室."""
    LAB = "lab"
    """功能教室、实验室."""
    CANTEEN = "canteen"
    """食堂."""
    OTHER = "other"
    """Any other room or area."""


class HolderKind(enum.Enum):
    """Who holds items issued to them."""

    STAFF = "staff"
    """教职工."""
    STUDENT = "student"
    """学生."""
    CLASS = "class"
    """班级 (holds class property as a whole)."""


class Condition(enum.Enum):
    """The state of a unit checked at hand-back (AS-6)."""

    GOOD = "good"
    """完好."""
    WORN = "worn"
    """自然损耗 (natural wear; no charge, DC-2)."""
    DAMAGED = "damaged"
    """损坏 (repairable)."""
    UNUSABLE = "unusable"
    """毁损 (beyond repair)."""


class Holding(enum.Enum):
    """Where within a location a quantity sits."""

    AVAILABLE = "available"
    """In stock at a storeroom, or in use where it is (在库/在用)."""
    RETURNED = "returned"
    """In the returned pool of a storeroom (回收池: to repair, reissue or dispose of)."""
    ON_LOAN = "on_loan"
    """Lent to the borrower (借出)."""
    IN_REPAIR = "in_repair"
    """Sent to repair (维修中)."""
    GONE = "gone"
    """Off the books: disposed of, lost, or written off as a shortage (tagged units only)."""


class LossKind(enum.Enum):
    """What a damage-claim input reports."""

    LOST = "lost"
    """遗失: not handed back at an exchange."""
    DAMAGED = "damaged"
    """损坏: found damaged at a hand-back, a loan return or a damage report."""
    SHORTAGE = "shortage"
    """盘亏: missing at a stock-take with a responsible holder named."""


class Decision(enum.Enum):
    """The decision on a stock-take's pending adjustments (待处理财产损溢, AS-2)."""

    PENDING = "pending"
    """Awaiting a decision."""
    WRITE_OFF = "write_off"
    """核销: accepted as a loss or gain of the school."""
    CHARGE_BACK = "charge_back"
    """责任人赔偿: charged to the responsible holder (damage compensation)."""


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


class SummaryScope(enum.Enum):
    """Which locations a monthly summary treats as "the books" (AS-8)."""

    STOREROOMS = "storerooms"
    """材料账: the storerooms; issues leave the scope, returns come back into it."""
    SCHOOL = "school"
    """The whole school: issues and returns are internal and net to zero."""


@attrs.frozen(slots=True)
class ItemType:
    """An item type of the catalogue (物品档案, AS-1).

    Attributes:
        item_id: Identifier of the type, e.g. ``"broom"``.
        name: Display name, e.g. ``"扫帚"``.
        category: Depreciation category (DC-6); ``CONSUMABLES`` for inventory.
        unit: Unit of count, e.g. ``"把"``.
        kind: Fixed asset (per unit by tag) or consumable (by quantity) (AS-10).
        unit_cost: Standard unit cost; the default original value of received units.
        exchange_rule: Under the new-for-old rule (以旧换新, AS-3).
        hazardous: Hazardous material (危险品, AS-9).
        custodian_id: Designated custodian (保管人), required when hazardous (AS-4, AS-9).
        issue_limit: Most a holder may receive per limit period; ``None`` for no limit (AS-9).
    """

    item_id: str
    name: str
    category: AssetCategory
    unit: str
    kind: ItemKind
    unit_cost: Money
    exchange_rule: bool = False
    hazardous: bool = False
    custodian_id: str | None = None
    issue_limit: int | None = None

    @property
    def tracked(self) -> bool:
        """Whether units are tracked one by one by tag (fixed assets)."""
        return self.kind is ItemKind.FIXED_ASSET


@attrs.frozen(slots=True)
class Place:
    """A storeroom or room (库房、教室、办公室...).

    Attributes:
        place_id: Identifier, e.g. ``"store"`` or ``"room-3-2"``.
        name: Display name.
        kind: What the place is.
        custodian_id: The person who answers for it (室室有人管, AS-4), if assigned.
    """

    place_id: str
    name: str
    kind: PlaceKind
    custodian_id: str | None = None


@attrs.frozen(slots=True)
class Holder:
    """A person or a class that can hold, borrow and hand back items.

    Attributes:
        holder_id: Identifier, e.g. ``"t-wang"`` or ``"class-3-2"``.
        name: Display name.
        kind: Staff, student or class.
    """

    holder_id: str
    name: str
    kind: HolderKind


@attrs.frozen(slots=True)
class AssetUnit:
    """One tagged unit of a fixed asset (固定资产卡片).

    The compensation area reads these attributes by name.

    Attributes:
        tag: The unit's asset tag (资产编号).
        item_id: Its item type.
        name: The item type's name.
        description: Name and tag, e.g. ``"投影仪 PJ-001"``.
        category: Depreciation category (DC-6).
        original_value: Original value (原值).
        acquired_on: Acquisition date (the receipt's effective date, or the count date
            for a surplus found at a stock-take).
    """

    tag: str
    item_id: str
    name: str
    description: str
    category: AssetCategory
    original_value: Money
    acquired_on: pendulum.Date


# ---------------------------------------------------------------- policies


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
