"""Records of the ledger: catalogue, places, holders, units, query rows, plain-dict form."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import cast

import attrs
import pendulum
from attrs import AttrsInstance

from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import Money
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.violations import _html_table

__all__ = [
    "AdjustmentLine",
    "AssetUnit",
    "CategorySummary",
    "Condition",
    "CountLine",
    "CustodyGap",
    "Decision",
    "HazardUsage",
    "Holder",
    "HolderKind",
    "Holding",
    "ItemKind",
    "ItemType",
    "LedgerSnapshot",
    "LoanRow",
    "LossKind",
    "LossReport",
    "PendingAdjustment",
    "Place",
    "PlaceKind",
    "Reconciliation",
    "ReconciliationLine",
    "StockRow",
    "StockTake",
    "SummaryScope",
    "TrailEntry",
    "UnitPosition",
    "to_records",
]


class ItemKind(enum.Enum):
    """How an item type is tracked (AS-10)."""

    FIXED_ASSET = "fixed_asset"
    """固定资产: tracked per unit by tag, with original value and acquisition date."""
    CONSUMABLE = "consumable"
    """低值易耗品: tracked by quantity, valued at the item's unit cost."""
    BULK_FIXED_ASSET = "bulk_fixed_asset"
    """大批同类物资: fixed assets below the unit threshold, booked as a batch (AS-10's
    bulk clause); counted by quantity like a consumable, but filed under a
    depreciation category (e.g. student desks: 学生用家具)."""


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


class SummaryScope(enum.Enum):
    """Which locations a monthly summary treats as "the books" (AS-8)."""

    STOREROOMS = "storerooms"
    """材料账: the storerooms; issues leave the scope, returns come back into it."""
    SCHOOL = "school"
    """The whole school: issues and returns are internal and net to zero."""


@attrs.frozen(slots=True, field_transformer=checked_fields())
class ItemType:
    """An item type of the catalogue (物品档案, AS-1).

    Attributes:
        item_id: Identifier of the type, e.g. ``"broom"``.
        name: Display name, e.g. ``"扫帚"``.
        category: Depreciation category (DC-6); ``CONSUMABLES`` for inventory.
        unit: Unit of count, e.g. ``"把"``.
        kind: Fixed asset (per unit by tag), bulk fixed asset or consumable (both
            by quantity) (AS-10).
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

    @property
    def fixed_asset(self) -> bool:
        """Whether the type is booked as fixed assets, by tag or as a bulk batch (AS-10)."""
        return self.kind is not ItemKind.CONSUMABLE


@attrs.frozen(slots=True, field_transformer=checked_fields())
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


@attrs.frozen(slots=True, field_transformer=checked_fields())
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


@attrs.frozen(slots=True, field_transformer=checked_fields())
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


@attrs.frozen(slots=True, field_transformer=checked_fields())
class StockRow:
    """A quantity of one item at one location (on hand, a holding, the returned pool).

    Attributes:
        location_id: The place or holder.
        item_id: The item type.
        holding: Available, returned pool, on loan or in repair.
        quantity: How many units.
        tags: The tags of the units there (fixed assets), sorted.
        value: Their value: original values of the tags, or quantity × unit cost.
    """

    location_id: str
    item_id: str
    holding: Holding
    quantity: int
    tags: tuple[str, ...]
    value: Money


@attrs.frozen(slots=True, field_transformer=checked_fields())
class UnitPosition:
    """Where a tagged unit is and in which condition.

    Attributes:
        tag: The unit's tag.
        item_id: Its item type.
        location_id: Where it is (``""`` when gone).
        holding: Available, returned pool, on loan, in repair, or gone.
        condition: Its condition.
    """

    tag: str
    item_id: str
    location_id: str
    holding: Holding
    condition: Condition


@attrs.frozen(slots=True, field_transformer=checked_fields())
class LoanRow:
    """A loan (借用, AS-5).

    Attributes:
        loan_id: The loan's id.
        item_id: The item type.
        from_place: The place it was lent from and returns to.
        borrower_id: The borrower.
        quantity: How many units.
        tags: Their tags (fixed assets).
        lent_on: The day it was lent.
        due_on: The day it is due back.
        returned_on: The day it came back, if it did.
        days_overdue: Days past the due date at the query's date (0 if not overdue).
    """

    loan_id: str
    item_id: str
    from_place: str
    borrower_id: str
    quantity: int
    tags: tuple[str, ...]
    lent_on: pendulum.Date
    due_on: pendulum.Date
    returned_on: pendulum.Date | None = None
    days_overdue: int = 0


@attrs.frozen(slots=True, field_transformer=checked_fields())
class TrailEntry:
    """One step in the life of a tagged unit (AS-7).

    Attributes:
        seq: Position of the event in recording order.
        effective_on: The event's effective date.
        event: The event type, e.g. ``"Issued"``.
        from_location: Where the unit came from (``""`` for a receipt).
        to_location: Where it went (``""`` when it left the books).
        condition: Its condition after the event, when the event states one.
        recorded_by: Who recorded the event.
        reason: Why.
    """

    seq: int
    effective_on: pendulum.Date
    event: str
    from_location: str
    to_location: str
    condition: Condition | None
    recorded_by: str
    reason: str


@attrs.frozen(slots=True, field_transformer=checked_fields())
class CustodyGap:
    """A room, or a holding, that nobody answers for (AS-4).

    Attributes:
        place_id: The place without a custodian.
        item_id: An item there whose type has no custodian either (``""`` for the room).
        quantity: How many units of it are there (0 for the room row).
    """

    place_id: str
    item_id: str
    quantity: int


@attrs.frozen(slots=True, field_transformer=checked_fields())
class CategorySummary:
    """A month's movements of one category (AS-8), in quantity and value.

    ``closing = opening + received - issued + returned - disposed + adjusted``, in
    quantity and in value.

    Attributes:
        year: The year.
        month: The month (1-12).
        category: The depreciation category.
        opening_qty: On the books at the start of the month.
        received_qty: Received (入库).
        issued_qty: Left the scope to holders or rooms (出库).
        returned_qty: Came back into the scope (归还、交旧).
        disposed_qty: Disposed of (报废).
        adjusted_qty: Stock-take surplus less shortage and recorded losses.
        closing_qty: On the books at the end of the month.
        opening_value: Value at the start.
        received_value: Value received.
        issued_value: Value issued.
        returned_value: Value returned.
        disposed_value: Value disposed of.
        adjusted_value: Value adjusted.
        closing_value: Value at the end.
    """

    year: int
    month: int
    category: AssetCategory
    opening_qty: int
    received_qty: int
    issued_qty: int
    returned_qty: int
    disposed_qty: int
    adjusted_qty: int
    closing_qty: int
    opening_value: Money
    received_value: Money
    issued_value: Money
    returned_value: Money
    disposed_value: Money
    adjusted_value: Money
    closing_value: Money

    def _repr_html_(self) -> str:
        qty = (
            self.opening_qty,
            self.received_qty,
            self.issued_qty,
            self.returned_qty,
            self.disposed_qty,
            self.adjusted_qty,
            self.closing_qty,
        )
        value = (
            self.opening_value,
            self.received_value,
            self.issued_value,
            self.returned_value,
            self.disposed_value,
            self.adjusted_value,
            self.closing_value,
        )
        return _html_table(
            (
                "",
                "期初 opening",
                "入库 received",
                "领用 issued",
                "退回 returned",
                "报废 disposed",
                "调整 adjusted",
                "期末 closing",
            ),
            [("数量 qty", *qty), ("金额 value", *value)],
            caption=f"{self.year}-{self.month:02d} {self.category.value}",
        )


@attrs.frozen(slots=True, field_transformer=checked_fields())
class CountLine:
    """One counted line of a stock-take.

    Attributes:
        item_id: The item type.
        counted: How many units were found.
        tags: The tags found (fixed assets); ``counted`` must equal their number.
    """

    item_id: str
    counted: int
    tags: tuple[str, ...] = ()


@attrs.frozen(slots=True, field_transformer=checked_fields())
class StockTake:
    """A physical count of one place at a date (盘点, AS-2).

    Items of the place that have no line are counted as zero.

    Attributes:
        count_id: Identifier of the count.
        place_id: The place counted.
        counted_on: The day of the count.
        counted_by: Who counted.
        lines: The counted lines.
    """

    count_id: str
    place_id: str
    counted_on: pendulum.Date
    counted_by: str
    lines: tuple[CountLine, ...]


@attrs.frozen(slots=True, field_transformer=checked_fields())
class ReconciliationLine:
    """Book against counted for one item (账物核对, AS-2).

    Attributes:
        item_id: The item type.
        book: Available on the books at the place on the count date.
        counted: Found.
        surplus: Counted above the books (盘盈).
        shortage: Counted below the books (盘亏).
        surplus_tags: Tags found but not booked there.
        shortage_tags: Tags booked there but not found.
        unit_value: Value of one unit (unit cost) for consumables.
        surplus_value: Value of the surplus.
        shortage_value: Value of the shortage.
    """

    item_id: str
    book: int
    counted: int
    surplus: int
    shortage: int
    surplus_tags: tuple[str, ...]
    shortage_tags: tuple[str, ...]
    unit_value: Money
    surplus_value: Money
    shortage_value: Money


@attrs.frozen(slots=True, field_transformer=checked_fields())
class Reconciliation:
    """The reconciliation of a stock-take against the books (AS-2).

    Attributes:
        count_id: The stock-take's id.
        place_id: The place counted.
        counted_on: The day of the count.
        lines: One line per item on the books or counted, sorted by item.
    """

    count_id: str
    place_id: str
    counted_on: pendulum.Date
    lines: tuple[ReconciliationLine, ...]

    @property
    def balanced(self) -> bool:
        """Whether book equals physical on every line (账物相符)."""
        return all(line.surplus == 0 and line.shortage == 0 for line in self.lines)

    def differences(self) -> tuple[ReconciliationLine, ...]:
        """The lines with a surplus or a shortage."""
        return tuple(line for line in self.lines if line.surplus or line.shortage)


@attrs.frozen(slots=True, field_transformer=checked_fields())
class AdjustmentLine:
    """A posted surplus or shortage of one item (待处理财产损溢, AS-2).

    Attributes:
        item_id: The item type.
        surplus: Units added to the books.
        shortage: Units taken off the books.
        surplus_tags: New tags added (fixed assets).
        shortage_tags: Tags taken off (fixed assets).
        unit_value: Value of one unit: the unit cost, also the original value of surplus
            tags.
    """

    item_id: str
    surplus: int
    shortage: int
    surplus_tags: tuple[str, ...]
    shortage_tags: tuple[str, ...]
    unit_value: Money


@attrs.frozen(slots=True, field_transformer=checked_fields())
class PendingAdjustment:
    """A posted stock-take adjustment and the decision on it (待处理财产损溢).

    Attributes:
        count_id: The stock-take.
        place_id: The place counted.
        posted_on: The effective date of the posting.
        line: The adjustment.
        decision: Pending until decided.
    """

    count_id: str
    place_id: str
    posted_on: pendulum.Date
    line: AdjustmentLine
    decision: Decision


@attrs.frozen(slots=True, field_transformer=checked_fields())
class LossReport:
    """A damage-claim input for the compensation area (损坏/遗失).

    Produced when an exchange records the loss of an old unit, when a hand-back or
    a loan return finds damage, on a damage report, and for a stock-take shortage
    posted with a responsible holder. It exposes the unit's value attributes under
    the same names as [`AssetUnit`][schoollogistics.assets.AssetUnit].

    Attributes:
        kind: Lost, damaged, or shortage.
        item_id: The item type.
        tag: The unit's tag (``""`` for a consumable).
        name: The item type's name.
        description: Name and tag (or quantity), for notices.
        category: Depreciation category (DC-6).
        original_value: Original value of what is reported: the unit's for a tagged
            unit, quantity × unit cost for consumables.
        unit_value: Value of one unit.
        quantity: How many units (1 for a tagged unit).
        acquired_on: Acquisition date (for consumables: the day of the loss).
        holder_id: The person or class answerable (遗失/损坏人).
        occurred_on: The effective date of the event.
        reason: The event's reason.
        condition: The condition found (``UNUSABLE`` for a loss).
        location_id: Where it happened (holder or place).
        event_seq: Position of the originating event in recording order.
    """

    kind: LossKind
    item_id: str
    tag: str
    name: str
    description: str
    category: AssetCategory
    original_value: Money
    unit_value: Money
    quantity: int
    acquired_on: pendulum.Date
    holder_id: str
    occurred_on: pendulum.Date
    reason: str
    condition: Condition
    location_id: str
    event_seq: int


@attrs.frozen(slots=True, field_transformer=checked_fields())
class HazardUsage:
    """Hazardous issues to one holder in one period against the limit (AS-9).

    Attributes:
        item_id: The hazardous item type.
        holder_id: Who received it.
        period_start: First day of the period.
        period_end: Last day of the period.
        issued: Quantity issued in the period.
        limit: The item's limit per period (``None``: no limit).
        over_limit: Whether ``issued`` exceeds ``limit``.
    """

    item_id: str
    holder_id: str
    period_start: pendulum.Date
    period_end: pendulum.Date
    issued: int
    limit: int | None
    over_limit: bool


@attrs.frozen(slots=True, field_transformer=checked_fields())
class LedgerSnapshot:
    """The whole state of a ledger as one comparable, serializable record.

    Two ledgers are equal when their snapshots and event logs are.

    Attributes:
        items: The catalogue, sorted by id.
        places: The places, sorted by id.
        holders: The holders, sorted by id.
        stock: Every non-zero quantity, sorted by location, item, holding.
        units: Every tagged unit's record, sorted by tag.
        positions: Every tagged unit's position, sorted by tag.
        loans: Every loan, sorted by id.
        pending: Posted stock-take adjustments and their decisions.
        closed_through: Last day of the last closed month (AS-8), if any.
        last_effective_on: The latest effective date on the books, if any.
    """

    items: tuple[ItemType, ...]
    places: tuple[Place, ...]
    holders: tuple[Holder, ...]
    stock: tuple[StockRow, ...]
    units: tuple[AssetUnit, ...]
    positions: tuple[UnitPosition, ...]
    loans: tuple[LoanRow, ...]
    pending: tuple[PendingAdjustment, ...]
    closed_through: pendulum.Date | None
    last_effective_on: pendulum.Date | None


def _plain(value: object) -> object:
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if attrs.has(type(value)):
        return _fields(cast("AttrsInstance", value))
    return value


def _fields(record: AttrsInstance) -> dict[str, object]:
    return {k: _plain(v) for k, v in attrs.asdict(record, recurse=False).items()}


def to_records(rows: Iterable[AttrsInstance]) -> list[dict[str, object]]:
    """Turn query records into plain dicts (``pandas.DataFrame(to_records(rows))`` works).

    Money becomes ``Decimal`` (exact), enums their value, tuples lists, nested records
    dicts; dates stay dates.

    Args:
        rows: Records returned by the ledger's queries.

    Returns:
        One dict per row, keyed by field name, in field order.
    """
    return [_fields(row) for row in rows]
