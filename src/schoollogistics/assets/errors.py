"""Refusals of the asset ledger (``assets.*``).

Every command of [`AssetLedger`][schoollogistics.assets.AssetLedger] validates
against the current state before it changes anything; a refused command raises
one of these errors and leaves the ledger exactly as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import pendulum

from schoollogistics.errors import AssetError, Phrase

__all__ = [
    "AlreadyDecidedError",
    "ApproverRequiredError",
    "CustodianRequiredError",
    "DisposalSourceError",
    "DuplicateIdError",
    "DuplicateTagError",
    "ExchangeRequiredError",
    "HazardCustodianError",
    "HazardLimitError",
    "InitialAllocationRefusedError",
    "InsufficientStockError",
    "InvalidCategoryError",
    "InvalidDueDateError",
    "InvalidLedgerPolicyError",
    "InvalidQuantityError",
    "LoanClosedError",
    "MonthClosedError",
    "MonthSequenceError",
    "NotAHolderError",
    "NotAStoreroomError",
    "NothingToExchangeError",
    "OldUnitMissingError",
    "SourceRequiredError",
    "TagBookedElsewhereError",
    "TagsMismatchError",
    "UnitNotHereError",
    "UnitNotServiceableError",
    "UnknownCountError",
    "UnknownItemError",
    "UnknownLoanError",
    "UnknownLocationError",
    "UnknownUnitError",
]


HOLDING_WORDS: Final[Mapping[str, Phrase]] = MappingProxyType(
    {
        "available": Phrase("available", "在库/在用"),
        "returned": Phrase("returned", "回收池"),
        "on_loan": Phrase("on_loan", "借出"),
        "in_repair": Phrase("in_repair", "维修中"),
        "gone": Phrase("gone", "已销账"),
    }
)
"""The wording of each ``Holding`` value (by value) in the messages."""

CONDITION_WORDS: Final[Mapping[str, Phrase]] = MappingProxyType(
    {
        "good": Phrase("good", "完好"),
        "worn": Phrase("worn", "自然损耗"),
        "damaged": Phrase("damaged", "损坏"),
        "unusable": Phrase("unusable", "毁损"),
    }
)
"""The wording of each ``Condition`` value (by value) in the messages."""

ID_KIND_WORDS: Final[Mapping[str, Phrase]] = MappingProxyType(
    {
        "item": Phrase("item", "物品"),
        "place": Phrase("place", "场所"),
        "holder": Phrase("holder", "领用人"),
        "stock-take": Phrase("stock-take", "盘点"),
        "loan": Phrase("loan", "借用记录"),
        "adjustment line item": Phrase("adjustment line item", "调账行物品"),
        "count line item": Phrase("count line item", "盘点行物品"),
    }
)
"""What kind of identifier a ``DuplicateIdError`` names, in both languages."""


class UnknownItemError(AssetError):
    """The item type is not in the catalogue (AS-1)."""

    code = "assets.unknown_item"
    message_en_template = "item type {item_id!r} is not in the catalogue"
    message_zh_template = "物品类型「{item_id}」未在目录中登记"

    item_id: str


class UnknownLocationError(AssetError):
    """The place or holder is not registered."""

    code = "assets.unknown_location"
    message_en_template = "{field} {location_id!r} is neither a registered place nor a holder"
    message_zh_template = "「{field}」「{location_id}」不是已登记的场所或领用人"

    field: str
    location_id: str


class DuplicateIdError(AssetError):
    """An identifier (item, place, holder, loan, count) is already used."""

    code = "assets.duplicate_id"
    message_en_template = "{kind} id {value!r} is already used"
    message_zh_template = "{kind}标识「{value}」已被使用"

    kind: Phrase
    value: str


class DuplicateTagError(AssetError):
    """A tag given to a new unit is already on the books."""

    code = "assets.duplicate_tag"
    message_en_template = "tag {tag!r} is already on the books"
    message_zh_template = "资产标签「{tag}」已在账上"

    tag: str


class UnknownUnitError(AssetError):
    """No unit has this tag."""

    code = "assets.unknown_unit"
    message_en_template = "no unit is tagged {tag!r}"
    message_zh_template = "没有标签为「{tag}」的资产"

    tag: str


class UnitNotHereError(AssetError):
    """A tagged unit is not where (or not in the state) the command says."""

    code = "assets.unit_not_here"
    message_en_template = "unit {tag!r} is not {expected} at {location_id!r} (it is {actual})"
    message_zh_template = "资产「{tag}」不在「{location_id}」的{expected}状态（实际：{actual}）"

    tag: str
    expected: Phrase
    location_id: str
    actual: Phrase


class UnitNotServiceableError(AssetError):
    """A damaged or unusable unit cannot be issued or lent."""

    code = "assets.unit_not_serviceable"
    message_en_template = "unit {tag!r} is {condition}: repair it before it goes out"
    message_zh_template = "资产「{tag}」状况为{condition}，须先维修才能发出"

    tag: str
    condition: Phrase


class TagsMismatchError(AssetError):
    """Tags are missing for a tracked item, given for a consumable, or do not match the count."""

    code = "assets.tags_mismatch"
    message_en_template = "item {item_id!r}: {reason}"
    message_zh_template = "物品「{item_id}」：{reason}"

    item_id: str
    reason: Phrase


class InvalidQuantityError(AssetError):
    """A quantity is not a positive whole number."""

    code = "assets.invalid_quantity"
    message_en_template = "{field} must be a positive whole number, got {value}"
    message_zh_template = "「{field}」必须是正整数，得到的是「{value}」"

    field: str
    value: str


class InsufficientStockError(AssetError):
    """Taking more than is on the books would make a red figure (AS-11)."""

    code = "assets.insufficient_stock"
    message_en_template = (
        "only {available} of {item_id!r} {holding} at {location_id!r} on {day}, {requested} asked"
    )
    message_zh_template = (
        "{day}「{location_id}」的「{item_id}」（{holding}）仅有 {available}，申请 {requested}"
    )

    available: int
    item_id: str
    holding: Phrase
    location_id: str
    day: pendulum.Date
    requested: int


class SourceRequiredError(AssetError):
    """A receipt names neither its supplier nor an invoice reference (AS-1)."""

    code = "assets.source_required"
    message_en_template = "receipt of {item_id!r} needs a supplier or an invoice reference"
    message_zh_template = "「{item_id}」入库须登记供应商或发票号"

    item_id: str


class NotAStoreroomError(AssetError):
    """Receipts, issues, exchanges and disposals go through a storeroom."""

    code = "assets.not_a_storeroom"
    message_en_template = "{field} {location_id!r} is not a storeroom"
    message_zh_template = "「{field}」「{location_id}」不是库房"

    field: str
    location_id: str


class NotAHolderError(AssetError):
    """Only a registered person or class can borrow or hold by exchange."""

    code = "assets.not_a_holder"
    message_en_template = "{field} {location_id!r} is not a registered person or class"
    message_zh_template = "「{field}」「{location_id}」不是已登记的人员或班级"

    field: str
    location_id: str


class InvalidCategoryError(AssetError):
    """A fixed asset filed as consumables, or the reverse (AS-10)."""

    code = "assets.invalid_category"
    message_en_template = "item {item_id!r}: {reason}"
    message_zh_template = "物品「{item_id}」的类别无效：{reason}"

    item_id: str
    reason: Phrase


class InvalidLedgerPolicyError(AssetError):
    """A ledger policy has an impossible setting (e.g. an AS-10 threshold of zero)."""

    code = "assets.invalid_policy"
    message_en_template = "invalid ledger policy {policy}: {field}: {reason}"
    message_zh_template = "台账政策「{policy}」设置无效：「{field}」：{reason}"

    policy: str
    field: str
    reason: Phrase


class CustodianRequiredError(AssetError):
    """A hazardous item type needs a designated custodian (AS-9)."""

    code = "assets.custodian_required"
    message_en_template = "hazardous item {item_id!r} needs a designated custodian"
    message_zh_template = "危险品「{item_id}」必须指定专人保管"

    item_id: str


class ExchangeRequiredError(AssetError):
    """An item under the exchange rule goes out only by exchange or initial allocation (AS-3)."""

    code = "assets.exchange_required"
    message_en_template = (
        "{item_id!r} is under the new-for-old rule: exchange it, or mark the issue an initial "
        "allocation"
    )
    message_zh_template = "「{item_id}」实行以旧换新：请办理以旧换新，或注明为首次配发"

    item_id: str


class InitialAllocationRefusedError(AssetError):
    """An initial allocation to a holder who already holds the item (AS-3)."""

    code = "assets.initial_allocation_refused"
    message_en_template = (
        "{holder_id!r} already holds {held} of {item_id!r}: a new one only against an old one"
    )
    message_zh_template = "「{holder_id}」已领有 {held} 件「{item_id}」：领新须交旧"

    holder_id: str
    held: int
    item_id: str


class NothingToExchangeError(AssetError):
    """The holder holds fewer units than the exchange asks for (AS-3)."""

    code = "assets.nothing_to_exchange"
    message_en_template = "{holder_id!r} holds {held} of {item_id!r}, cannot exchange {requested}"
    message_zh_template = "「{holder_id}」仅领有 {held} 件「{item_id}」，不能换 {requested} 件"

    holder_id: str
    held: int
    item_id: str
    requested: int


class OldUnitMissingError(AssetError):
    """The old unit is not handed back and the loss is not recorded (AS-3)."""

    code = "assets.old_unit_missing"
    message_en_template = (
        "{missing} old unit(s) of {item_id!r} not handed back: record the loss to exchange"
    )
    message_zh_template = "「{item_id}」有 {missing} 件旧物未交回：须登记遗失方可换新"

    missing: int
    item_id: str


class ApproverRequiredError(AssetError):
    """A disposal or a stock-take posting needs an approver (AS-2, AS-7)."""

    code = "assets.approver_required"
    message_en_template = "{operation} needs an approver{detail}"
    message_zh_template = "{operation}须经审批人批准{detail}"

    operation: Phrase
    detail: Phrase = Phrase("", "")
    recorded_by: str = ""


class DisposalSourceError(AssetError):
    """Only units in storeroom stock or in the returned pool can be disposed of (AS-7)."""

    code = "assets.disposal_source"
    message_en_template = "disposal only from storeroom stock or the returned pool: {reason}"
    message_zh_template = "报废只能针对库存或回收池中的物品：{reason}"

    reason: Phrase


class MonthClosedError(AssetError):
    """An entry dated in a closed month (AS-8)."""

    code = "assets.month_closed"
    message_en_template = (
        "{day} is in a closed month (closed through {closed_through}): post the correction "
        "in an open month"
    )
    message_zh_template = "{day} 所在月份已结账（结至 {closed_through}）：请在未结账月份更正"

    day: pendulum.Date
    closed_through: pendulum.Date | None


class MonthSequenceError(AssetError):
    """Months are closed one after the other (AS-8)."""

    code = "assets.month_out_of_sequence"
    message_en_template = "cannot close {month}: the next month to close is {expected}"
    message_zh_template = "不能结账 {month}：应先结账 {expected}"

    month: str
    expected: str


class UnknownLoanError(AssetError):
    """No loan has this id (AS-5)."""

    code = "assets.unknown_loan"
    message_en_template = "no loan {loan_id!r}"
    message_zh_template = "没有借用记录「{loan_id}」"

    loan_id: str


class LoanClosedError(AssetError):
    """The loan was already returned (AS-5)."""

    code = "assets.loan_closed"
    message_en_template = "loan {loan_id!r} was already returned"
    message_zh_template = "借用记录「{loan_id}」已归还"

    loan_id: str


class InvalidDueDateError(AssetError):
    """A loan's due date is before the day it is lent (AS-5)."""

    code = "assets.invalid_due_date"
    message_en_template = "due date {due_on} is before the loan date {lent_on}"
    message_zh_template = "归还期限 {due_on} 早于借出日期 {lent_on}"

    due_on: pendulum.Date
    lent_on: pendulum.Date


class HazardCustodianError(AssetError):
    """A hazardous item is issued by someone other than its custodian (AS-9)."""

    code = "assets.not_hazard_custodian"
    message_en_template = (
        "hazardous {item_id!r} is issued only by its custodian {custodian_id!r}, not {actor!r}"
    )
    message_zh_template = "危险品「{item_id}」只能由专人「{custodian_id}」发放，而非「{actor}」"

    item_id: str
    custodian_id: str | None
    actor: str


class HazardLimitError(AssetError):
    """A hazardous issue above the limit for the period (AS-9)."""

    code = "assets.hazard_limit_exceeded"
    message_en_template = (
        "{holder_id!r} would receive {total} of hazardous {item_id!r} in the period from "
        "{period_start}, limit {limit}"
    )
    message_zh_template = (
        "「{holder_id}」自 {period_start} 起的周期内将领取危险品「{item_id}」共 {total}，"
        "超过限量 {limit}"
    )

    holder_id: str
    total: int
    item_id: str
    period_start: pendulum.Date
    limit: int


class TagBookedElsewhereError(AssetError):
    """A count found a unit that the books place elsewhere: record a transfer first (AS-2)."""

    code = "assets.tag_booked_elsewhere"
    message_en_template = (
        "unit {tag!r} was counted at {place_id!r} but is booked at {booked_at!r}: "
        "record the transfer first"
    )
    message_zh_template = (
        "资产「{tag}」在「{place_id}」清点到，账上却在「{booked_at}」：请先办理调拨"
    )

    tag: str
    place_id: str
    booked_at: str


class UnknownCountError(AssetError):
    """No posted stock-take has this id (AS-2)."""

    code = "assets.unknown_count"
    message_en_template = "no posted stock-take {count_id!r}"
    message_zh_template = "没有已过账的盘点「{count_id}」"

    count_id: str


class AlreadyDecidedError(AssetError):
    """The pending adjustments of this stock-take were already decided (AS-2)."""

    code = "assets.already_decided"
    message_en_template = "the adjustments of stock-take {count_id!r} were already decided"
    message_zh_template = "盘点「{count_id}」的待处理财产损溢已处理"

    count_id: str
