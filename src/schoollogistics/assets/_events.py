"""The ledger's events: immutable, compact records of accepted commands.

Every event has an effective date (``effective_on``, distinct from its position
in the recording order), who recorded it (``recorded_by``) and why (``reason``).
Events are ``slots`` records holding shared strings and dates, so that a million
of them fit in well under a gigabyte.
"""

from __future__ import annotations

import typing
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.assets._records import (
    AdjustmentLine,
    CategorySummary,
    Condition,
    Decision,
    Holder,
    ItemType,
    Place,
)
from schoollogistics.core.money import Money
from schoollogistics.core.shapes import checked_fields

__all__ = [
    "EVENT_TYPES",
    "AdjustmentDecided",
    "AssetEvent",
    "CustodianAssigned",
    "DamageReported",
    "Disposed",
    "Exchanged",
    "HolderRegistered",
    "Issued",
    "ItemRegistered",
    "Lent",
    "LoanReturned",
    "MonthClosed",
    "PlaceRegistered",
    "Received",
    "RecordedAssetEvent",
    "Repaired",
    "Restocked",
    "Returned",
    "SentToRepair",
    "StockTakePosted",
    "Transferred",
]

_METADATA: Final = ("effective_on", "recorded_by", "reason")


@attrs.frozen(slots=True, kw_only=True)
class _EventMeta:
    """The metadata every event carries (its own fields come first, these last).

    Attributes:
        effective_on: Effective date.
        recorded_by: Who recorded it.
        reason: Why.
    """

    effective_on: pendulum.Date
    recorded_by: str
    reason: str = ""


def _metadata_last(
    _cls: type, fields: list[attrs.Attribute[object]]
) -> list[attrs.Attribute[object]]:
    """Put the inherited metadata after the event's own fields.

    attrs lists inherited fields first; events have always listed theirs last, and
    the field order shows in ``repr``, ``attrs.fields``, ``to_dict`` and ``to_records``.
    """
    return [f for f in fields if f.name not in _METADATA] + [
        f for f in fields if f.name in _METADATA
    ]


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class ItemRegistered(_EventMeta):
    """An item type entered the catalogue (建档, AS-1).

    Attributes:
        item: The item type.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    item: ItemType


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class PlaceRegistered(_EventMeta):
    """A storeroom or room was registered.

    Attributes:
        place: The place.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    place: Place


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class HolderRegistered(_EventMeta):
    """A person or class was registered as a holder.

    Attributes:
        holder: The holder.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    holder: Holder


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class CustodianAssigned(_EventMeta):
    """A custodian now answers for a place or an item type (AS-4).

    Attributes:
        subject_id: The place or item type.
        for_item: Whether the subject is an item type (else a place).
        custodian_id: The custodian.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    subject_id: str
    for_item: bool
    custodian_id: str


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class Received(_EventMeta):
    """Goods were accepted into a storeroom (入库, AS-1).

    Attributes:
        item_id: The item type.
        place_id: The storeroom.
        quantity: How many units.
        unit_cost: Cost (original value) of one unit.
        tags: New tags, one per unit (fixed assets).
        acceptor: Who accepted the goods (验收人).
        supplier: The supplier.
        invoice_ref: Invoice or delivery note reference.
        purchase_id: The purchase request it comes from (PR-4; empty when none,
            and in receipts recorded before the field existed).
        effective_on: Effective date (the acquisition date of the units).
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    item_id: str
    place_id: str
    quantity: int
    unit_cost: Money
    tags: tuple[str, ...] = ()
    acceptor: str
    supplier: str = ""
    invoice_ref: str = ""
    purchase_id: str = ""


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class Issued(_EventMeta):
    """Units left a storeroom to a holder or room (领用, AS-1).

    Attributes:
        item_id: The item type.
        from_place: The storeroom.
        to_location: The holder or room.
        quantity: How many units.
        tags: Their tags (fixed assets).
        initial_allocation: An explicit first allocation of an exchange-rule item (AS-3).
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    item_id: str
    from_place: str
    to_location: str
    quantity: int
    tags: tuple[str, ...] = ()
    initial_allocation: bool = False


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class Exchanged(_EventMeta):
    """A holder handed back old units and took as many new ones, in one step (以旧换新, AS-3).

    ``quantity`` old units leave the holder: ``quantity - lost_quantity`` go to the
    storeroom's returned pool in ``condition``; ``lost_quantity`` were not handed
    back and leave the books as a recorded loss. ``quantity`` new units go out.

    Attributes:
        item_id: The item type.
        holder_id: The holder.
        store_id: The storeroom.
        quantity: Units exchanged.
        old_tags: Tags handed back (fixed assets).
        lost_tags: Tags not handed back (fixed assets).
        lost_quantity: Units not handed back.
        new_tags: Tags of the new units (fixed assets).
        condition: Condition of the units handed back.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    item_id: str
    holder_id: str
    store_id: str
    quantity: int
    old_tags: tuple[str, ...] = ()
    lost_tags: tuple[str, ...] = ()
    lost_quantity: int = 0
    new_tags: tuple[str, ...] = ()
    condition: Condition = Condition.WORN


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class Returned(_EventMeta):
    """A holder or room handed units back to a storeroom, checked for condition (归还, AS-6).

    Attributes:
        item_id: The item type.
        holder_id: The holder or room handing back.
        store_id: The storeroom.
        quantity: How many units.
        tags: Their tags (fixed assets).
        condition: Condition found at the hand-back check.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    item_id: str
    holder_id: str
    store_id: str
    quantity: int
    tags: tuple[str, ...] = ()
    condition: Condition = Condition.GOOD


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class Lent(_EventMeta):
    """Units were lent to a borrower until a due date (借出, AS-5).

    Attributes:
        loan_id: The loan's id.
        item_id: The item type.
        from_place: The place lending (and receiving the return).
        borrower_id: The borrower.
        quantity: How many units.
        tags: Their tags (fixed assets).
        due_on: The day they are due back.
        effective_on: Effective date (the day lent).
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    loan_id: str
    item_id: str
    from_place: str
    borrower_id: str
    quantity: int
    tags: tuple[str, ...] = ()
    due_on: pendulum.Date


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class LoanReturned(_EventMeta):
    """A loan came back to the place that lent it, checked for condition (归还, AS-5).

    Attributes:
        loan_id: The loan.
        condition: Condition found at the return check.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    loan_id: str
    condition: Condition = Condition.GOOD


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class Transferred(_EventMeta):
    """Units moved between rooms or holders (调拨, AS-4).

    Attributes:
        item_id: The item type.
        from_location: Where they were.
        to_location: Where they go.
        quantity: How many units.
        tags: Their tags (fixed assets).
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    item_id: str
    from_location: str
    to_location: str
    quantity: int
    tags: tuple[str, ...] = ()


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class DamageReported(_EventMeta):
    """Damage was found on available units at a location.

    Attributes:
        item_id: The item type.
        location_id: Where the units are.
        quantity: How many units.
        tags: Their tags (fixed assets).
        condition: Condition found.
        responsible_id: Who is answerable, if known (else the location answers, DC-3).
        reason: What happened.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
    """

    item_id: str
    location_id: str
    quantity: int
    tags: tuple[str, ...] = ()
    condition: Condition = Condition.DAMAGED
    responsible_id: str | None = None


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class SentToRepair(_EventMeta):
    """Units went to repair from a location's available stock or a returned pool (维修, AS-7).

    Attributes:
        item_id: The item type.
        location_id: Where the units are (and come back to).
        quantity: How many units.
        tags: Their tags (fixed assets).
        from_pool: Taken from the storeroom's returned pool (else from available stock).
        repairer: Who repairs them.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    item_id: str
    location_id: str
    quantity: int
    tags: tuple[str, ...] = ()
    from_pool: bool = False
    repairer: str = ""


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class Repaired(_EventMeta):
    """Units came back from repair, in good condition, with the cost (维修完成, AS-7).

    Attributes:
        item_id: The item type.
        location_id: Where they come back to.
        quantity: How many units.
        tags: Their tags (fixed assets).
        cost: The repair cost.
        capitalised: The cost is added to the units' cost (资本化, an improvement
            under a policy that capitalises them, RP-5), restarting their
            depreciation over the remaining life; by default an expense.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    item_id: str
    location_id: str
    quantity: int
    tags: tuple[str, ...] = ()
    cost: Money
    capitalised: bool = False


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class Restocked(_EventMeta):
    """Units of a returned pool were put back into stock for reissue (再利用, AS-3).

    Attributes:
        item_id: The item type.
        store_id: The storeroom.
        quantity: How many units.
        tags: Their tags (fixed assets).
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    item_id: str
    store_id: str
    quantity: int
    tags: tuple[str, ...] = ()


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class Disposed(_EventMeta):
    """Units were written off, with an approver (报废, AS-7).

    Attributes:
        item_id: The item type.
        store_id: The storeroom.
        quantity: How many units.
        tags: Their tags (fixed assets).
        from_pool: From the returned pool (else from storeroom stock).
        approver: Who approved.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    item_id: str
    store_id: str
    quantity: int
    tags: tuple[str, ...] = ()
    from_pool: bool = False
    approver: str


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class StockTakePosted(_EventMeta):
    """A stock-take's surplus and shortage were posted, pending a decision (AS-2).

    Attributes:
        count_id: The stock-take.
        place_id: The place counted.
        approver: Who approved the posting.
        lines: The adjustments (only lines with a difference).
        responsible_id: Who answers for a shortage, if named (a class for class property).
        effective_on: Effective date (the count date).
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    count_id: str
    place_id: str
    approver: str
    lines: tuple[AdjustmentLine, ...] = ()
    responsible_id: str | None = None


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class AdjustmentDecided(_EventMeta):
    """The pending adjustments of a stock-take were decided (待处理财产损溢处理, AS-2).

    Attributes:
        count_id: The stock-take.
        decision: Written off or charged back.
        approver: Who decided.
        effective_on: Effective date.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    count_id: str
    decision: Decision
    approver: str


@attrs.frozen(slots=True, kw_only=True, field_transformer=checked_fields(_metadata_last))
class MonthClosed(_EventMeta):
    """A month was closed with its summary per category (月结, AS-8).

    Attributes:
        year: The year.
        month: The month.
        summary: The month's summary per category (storeroom scope), frozen at closing.
        effective_on: The last day of the month.
        recorded_by: Who recorded it (inherited by every event).
        reason: Why (inherited by every event; empty by default).
    """

    year: int
    month: int
    summary: tuple[CategorySummary, ...] = ()


AssetEvent: TypeAlias = (
    ItemRegistered
    | PlaceRegistered
    | HolderRegistered
    | CustodianAssigned
    | Received
    | Issued
    | Exchanged
    | Returned
    | Lent
    | LoanReturned
    | Transferred
    | DamageReported
    | SentToRepair
    | Repaired
    | Restocked
    | Disposed
    | StockTakePosted
    | AdjustmentDecided
    | MonthClosed
)
"""Any event of the asset ledger (serialized with a ``"type"`` key naming the class).

Besides its own fields, every event has ``effective_on`` (its effective date),
``recorded_by`` (who recorded it) and ``reason`` (why, empty by default).
"""

EVENT_TYPES: Final[tuple[type[AssetEvent], ...]] = typing.get_args(AssetEvent)
"""Every event type, in the order of the union: the one list (serialization, the
testing strategies, the guard and fold tables and the public face derive from it)."""


@attrs.frozen(slots=True, field_transformer=checked_fields())
class RecordedAssetEvent:
    """An accepted event with its sequence number: what a store writes, one row each.

    The event itself is a domain fact and knows nothing of storage; the envelope
    adds where it stands in the ledger's recording order. A store keeps
    ``(stream, sequence)`` unique (a primary key): two writers that built their
    commands from the same version both try to write the same sequence number,
    and the store refuses the second (see the concurrency how-to).

    Attributes:
        sequence: The event's position in the recording order, 1 for the first;
            after ``n`` events the ledger's version is ``n``.
        event: The event.
    """

    sequence: int = attrs.field(metadata={"minimum": 1})
    event: AssetEvent
