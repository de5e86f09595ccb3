"""The ledger's commands: what a front end asks the ledger to do, as frozen records.

Each operation of [`AssetLedger`][schoollogistics.assets.AssetLedger] is one
command with an imperative name; ``ledger.execute(command)`` validates it, turns
it into its past-tense event, runs the guards and folds the event (or raises a
typed error and changes nothing). The convenience methods (``ledger.receive(...)``)
build the same command. Commands serialize as the ``"type"``-tagged union
[`LedgerCommand`][schoollogistics.assets.LedgerCommand].

Every command has ``by`` (who records it) and ``reason`` (why); all but
``PostStockTake`` and ``CloseMonth`` have ``on`` (the effective date).
"""

from __future__ import annotations

import typing
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.assets._records import (
    Condition,
    Decision,
    HolderKind,
    ItemKind,
    PlaceKind,
    StockTake,
)
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import Money
from schoollogistics.core.shapes import checked_fields

__all__ = [
    "COMMAND_TYPES",
    "AssignCustodian",
    "CloseMonth",
    "DecideAdjustments",
    "Dispose",
    "Exchange",
    "HandBack",
    "Issue",
    "LedgerCommand",
    "Lend",
    "PostStockTake",
    "Receive",
    "RecordRepair",
    "RegisterHolder",
    "RegisterItem",
    "RegisterPlace",
    "ReportDamage",
    "Restock",
    "ReturnLoan",
    "SendToRepair",
    "Transfer",
]


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RegisterItem:
    """Open the record (档案) of an item type (AS-1), classified by AS-10 when ``kind`` is ``None``.

    Attributes:
        item_id: The item type's id.
        name: Display name.
        unit: Unit of count.
        unit_cost: Standard unit cost (not negative).
        category: Depreciation category (``None``: consumables).
        kind: Fixed asset, bulk fixed asset or consumable (``None``: by the policy's
            threshold and bulk clause).
        lasts_over_a_year: Lasts more than a year (AS-10).
        batch_quantity: The size of the batch the type is bought in, for the bulk
            clause (AS-10); ``None`` when not a batch.
        exchange_rule: Under the new-for-old rule (AS-3).
        hazardous: Hazardous material (AS-9).
        custodian_id: Designated custodian (AS-4, AS-9).
        issue_limit: Most a holder may receive per limit period (AS-9).
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    item_id: str
    name: str
    unit: str
    unit_cost: Money
    category: AssetCategory | None = None
    kind: ItemKind | None = None
    lasts_over_a_year: bool = True
    batch_quantity: int | None = None
    exchange_rule: bool = False
    hazardous: bool = False
    custodian_id: str | None = None
    issue_limit: int | None = None
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RegisterPlace:
    """Register a storeroom or room, with its custodian if known (AS-4).

    Attributes:
        place_id: The place's id.
        name: Display name.
        kind: What the place is.
        custodian_id: Who answers for it.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    place_id: str
    name: str
    kind: PlaceKind
    custodian_id: str | None = None
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RegisterHolder:
    """Register a person or a class as a holder.

    Attributes:
        holder_id: The holder's id.
        name: Display name.
        kind: Staff, student or class.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    holder_id: str
    name: str
    kind: HolderKind
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class AssignCustodian:
    """Make someone answer for a place or an item type (AS-4).

    Attributes:
        subject_id: The place or item type.
        custodian_id: The custodian.
        for_item: The subject is an item type.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    subject_id: str
    custodian_id: str
    for_item: bool = False
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Receive:
    """Accept goods into a storeroom (入库, AS-1).

    Attributes:
        item_id: The item type.
        place_id: The storeroom.
        quantity: How many (``None``: one per tag, or 1).
        acceptor: Who accepted the goods (验收人).
        unit_cost: Cost of one unit (``None``: the item's).
        tags: New tags, one per unit (fixed assets).
        supplier: The supplier.
        invoice_ref: Invoice or delivery note reference.
        purchase_id: The purchase request it comes from (PR-4), if any.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    item_id: str
    place_id: str
    quantity: int | None = None
    acceptor: str
    unit_cost: Money | None = None
    tags: tuple[str, ...] = ()
    supplier: str = ""
    invoice_ref: str = ""
    purchase_id: str = ""
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Issue:
    """Issue from a storeroom to a holder or room (领用, AS-1, AS-3, AS-9).

    Attributes:
        item_id: The item type.
        from_place: The storeroom.
        to: The holder or room.
        quantity: How many (``None``: one per tag, or 1).
        tags: Their tags (fixed assets).
        initial_allocation: An explicit first allocation of an exchange-rule item (AS-3).
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    item_id: str
    from_place: str
    to: str
    quantity: int | None = None
    tags: tuple[str, ...] = ()
    initial_allocation: bool = False
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Exchange:
    """New for old, in one step (以旧换新, AS-3).

    Attributes:
        item_id: The item type.
        holder_id: The holder.
        store_id: The storeroom.
        quantity: Units exchanged (``None``: from the tags, or 1).
        handed_back: Old units handed back (``None``: all).
        old_tags: Tags handed back.
        lost_tags: Tags not handed back.
        new_tags: Tags going out.
        condition: Condition of the units handed back.
        record_loss: Record units not handed back as a loss.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    item_id: str
    holder_id: str
    store_id: str
    quantity: int | None = None
    handed_back: int | None = None
    old_tags: tuple[str, ...] = ()
    lost_tags: tuple[str, ...] = ()
    new_tags: tuple[str, ...] = ()
    condition: Condition = Condition.WORN
    record_loss: bool = False
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class HandBack:
    """Take units back from a holder or room into a storeroom, checked (归还, AS-6).

    Attributes:
        item_id: The item type.
        holder_id: The holder or room.
        store_id: The storeroom.
        quantity: How many.
        condition: Condition found at the check.
        tags: Their tags.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    item_id: str
    holder_id: str
    store_id: str
    quantity: int | None = None
    condition: Condition
    tags: tuple[str, ...] = ()
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Lend:
    """Lend units from a place to a registered holder until ``due_on`` (借出, AS-5).

    Attributes:
        loan_id: The loan's id.
        item_id: The item type.
        from_place: The place lending.
        borrower_id: The borrower.
        quantity: How many.
        due_on: The day they are due back.
        tags: Their tags.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    loan_id: str
    item_id: str
    from_place: str
    borrower_id: str
    quantity: int | None = None
    due_on: pendulum.Date
    tags: tuple[str, ...] = ()
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class ReturnLoan:
    """Take a loan back to the place that lent it, checked (AS-5, AS-6).

    Attributes:
        loan_id: The loan.
        condition: Condition found at the check.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    loan_id: str
    condition: Condition
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Transfer:
    """Move units between rooms or holders, on the record (调拨, AS-4).

    Attributes:
        item_id: The item type.
        from_location: Where they are.
        to_location: Where they go.
        quantity: How many.
        tags: Their tags.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    item_id: str
    from_location: str
    to_location: str
    quantity: int | None = None
    tags: tuple[str, ...] = ()
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class ReportDamage:
    """Record damage found on available units.

    Attributes:
        item_id: The item type.
        location_id: Where they are.
        quantity: How many.
        tags: Their tags.
        condition: Condition found.
        responsible_id: Who is answerable, if known.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    item_id: str
    location_id: str
    quantity: int | None = None
    tags: tuple[str, ...] = ()
    condition: Condition = Condition.DAMAGED
    responsible_id: str | None = None
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class SendToRepair:
    """Send units to repair, from available stock or the returned pool (AS-7).

    Attributes:
        item_id: The item type.
        location_id: Where they are.
        quantity: How many.
        tags: Their tags.
        from_pool: From the storeroom's returned pool.
        repairer: Who repairs them.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    item_id: str
    location_id: str
    quantity: int | None = None
    tags: tuple[str, ...] = ()
    from_pool: bool = False
    repairer: str = ""
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RecordRepair:
    """Record units back from repair in good condition, with the cost (AS-7).

    Attributes:
        item_id: The item type.
        location_id: Where they come back to.
        quantity: How many.
        cost: The repair cost (not negative).
        tags: Their tags.
        capitalised: Add the cost to the units' cost (an improvement, RP-5)
            rather than expensing it (the default).
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    item_id: str
    location_id: str
    quantity: int | None = None
    cost: Money
    tags: tuple[str, ...] = ()
    capitalised: bool = False
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Restock:
    """Put units of the returned pool back into stock for reissue (AS-3).

    Attributes:
        item_id: The item type.
        store_id: The storeroom.
        quantity: How many.
        tags: Their tags.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    item_id: str
    store_id: str
    quantity: int | None = None
    tags: tuple[str, ...] = ()
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Dispose:
    """Write units off with an approver (报废, AS-7).

    Attributes:
        item_id: The item type.
        store_id: The storeroom.
        quantity: How many.
        approver: Who approved.
        tags: Their tags.
        from_pool: From the returned pool.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    item_id: str
    store_id: str
    quantity: int | None = None
    approver: str
    tags: tuple[str, ...] = ()
    from_pool: bool = False
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class PostStockTake:
    """Post a count's surplus and shortage, pending a decision (AS-2); dated on the count date.

    Attributes:
        stock_take: The count.
        approver: Who approved the posting.
        responsible_id: Who answers for a shortage.
        by: Who records it.
        reason: Why.
    """

    stock_take: StockTake
    approver: str
    responsible_id: str | None = None
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class DecideAdjustments:
    """Decide a posted stock-take's pending adjustments (待处理财产损溢, AS-2).

    Attributes:
        count_id: The stock-take.
        decision: Written off or charged back.
        approver: Who decided.
        on: The effective date.
        by: Who records it.
        reason: Why.
    """

    count_id: str
    decision: Decision
    approver: str
    on: pendulum.Date
    by: str
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class CloseMonth:
    """Close a month (月结, AS-8), freezing its summary; dated on its last day.

    Attributes:
        year: The year.
        month: The month (1-12).
        by: Who records it.
        reason: Why.
    """

    year: int
    month: int
    by: str
    reason: str = ""


LedgerCommand: TypeAlias = (
    RegisterItem
    | RegisterPlace
    | RegisterHolder
    | AssignCustodian
    | Receive
    | Issue
    | Exchange
    | HandBack
    | Lend
    | ReturnLoan
    | Transfer
    | ReportDamage
    | SendToRepair
    | RecordRepair
    | Restock
    | Dispose
    | PostStockTake
    | DecideAdjustments
    | CloseMonth
)
"""Any command of the asset ledger (serialized with a ``"type"`` key naming the class)."""

COMMAND_TYPES: Final[tuple[type[LedgerCommand], ...]] = typing.get_args(LedgerCommand)
"""Every command type, in the order of the union (the one list)."""
