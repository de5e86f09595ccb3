"""Refusals of the canteen area (``canteen.*``).

Every command a [`Canteen`][schoollogistics.canteen.Canteen] executes is checked
by the guards of its event first (``_rules.py``, one per CN rule and concern); a
refused command raises one of these errors and leaves the canteen exactly as it
was. Malformed records are refused when they are built, with
[`InvalidCanteenRecordError`][schoollogistics.canteen.errors.InvalidCanteenRecordError].
Audit findings are not errors: [`audit_canteen`][schoollogistics.canteen.audit_canteen]
returns them as data.
"""

from __future__ import annotations

import pendulum

from schoollogistics.errors import CanteenError, Phrase

__all__ = [
    "BannedFoodError",
    "CollectorNotApprovedError",
    "DuplicateCanteenIdError",
    "ExpiredLotError",
    "ExpiredStockOnHandError",
    "HandlerUnfitError",
    "InspectionIncompleteError",
    "InsufficientStockError",
    "InvalidCanteenRecordError",
    "PupilAccountMisuseError",
    "RetentionNotEndedError",
    "UnknownCanteenIdError",
]


class InvalidCanteenRecordError(CanteenError, ValueError):
    """A record is malformed (an expiry before production, a leave ending before it starts)."""

    code = "canteen.invalid_record"
    message_en_template = "invalid {record} record, field {field}: {reason}"
    message_zh_template = "「{record}」记录的字段「{field}」无效：{reason}"

    record: str
    field: str
    reason: Phrase


class DuplicateCanteenIdError(CanteenError, ValueError):
    """A lot, meal, certificate or entry with this id is already recorded."""

    code = "canteen.duplicate_id"
    message_en_template = "{kind} {id} is already recorded"
    message_zh_template = "「{kind}」「{id}」已登记"

    kind: str
    id: str


class UnknownCanteenIdError(CanteenError, KeyError):
    """No lot, meal or handler with this id is recorded."""

    code = "canteen.unknown_id"
    message_en_template = "no {kind} {id} on record"
    message_zh_template = "没有「{kind}」「{id}」的记录"

    def __str__(self) -> str:
        return Exception.__str__(self)

    kind: str
    id: str


class ExpiredLotError(CanteenError, ValueError):
    """Issuing a lot past its expiry date (CN-2)."""

    code = "canteen.expired_lot"
    message_en_template = "lot {lot_id} expired on {expiry}: it cannot be issued on {on}"
    message_zh_template = "批次「{lot_id}」已于 {expiry} 到期，{on} 不得出库"

    lot_id: str
    expiry: pendulum.Date
    on: pendulum.Date


class ExpiredStockOnHandError(CanteenError, ValueError):
    """A storeroom check while lots past their expiry are still on hand (CN-2)."""

    code = "canteen.expired_stock_on_hand"
    message_en_template = (
        "storeroom check {check_id} on {on}: lots past expiry still on hand ({lots}); "
        "record their disposal first"
    )
    message_zh_template = "{on} 库存检查「{check_id}」：库内仍有过期批次「{lots}」，须先登记处理"

    check_id: str
    on: pendulum.Date
    lots: str


class InsufficientStockError(CanteenError, ValueError):
    """An issue asks for more usable stock than the storeroom holds (CN-2)."""

    code = "canteen.insufficient_stock"
    message_en_template = (
        "cannot issue {quantity} of {product} on {on}: only {available} usable in stock"
    )
    message_zh_template = "{on} 无法出库「{product}」{quantity}：库内可用仅 {available}"

    product: str
    quantity: int
    available: int
    on: pendulum.Date


class InspectionIncompleteError(CanteenError, ValueError):
    """A delivery without its certificates, acceptors or label is refused (CN-4)."""

    code = "canteen.inspection_incomplete"
    message_en_template = "delivery of lot {lot_id} refused: {missing}"
    message_zh_template = "批次「{lot_id}」拒收：{missing}"

    lot_id: str
    missing: Phrase


class BannedFoodError(CanteenError, ValueError):
    """A menu item or purchase in a banned high-risk category (CN-5)."""

    code = "canteen.banned_food"
    message_en_template = "{what} {name} is in the banned category {category}"
    message_zh_template = "「{name}」属于禁止类别「{category}」（{what}）"

    what: Phrase
    name: str
    category: str


class HandlerUnfitError(CanteenError, ValueError):
    """Rostering a handler without a valid certificate, or who failed the day's check (CN-3)."""

    code = "canteen.handler_unfit"
    message_en_template = "handler {handler_id} cannot be rostered on {day}: {reason}"
    message_zh_template = "从业人员「{handler_id}」{day} 不得上岗：{reason}"

    handler_id: str
    day: pendulum.Date
    reason: Phrase


class PupilAccountMisuseError(CanteenError, ValueError):
    """An expense that is not a pupil-meal cost charged to the pupil account (CN-8)."""

    code = "canteen.pupil_account_misuse"
    message_en_template = (
        "expense {entry_id} ({kind}) cannot be charged to the pupils' meal account: "
        "pupils' meal fees pay only for pupils' meals"
    )
    message_zh_template = "支出「{entry_id}」（「{kind}」）不得列入学生伙食账户：学生伙食费专款专用"

    entry_id: str
    kind: str


class RetentionNotEndedError(CanteenError, ValueError):
    """Destroying a lot's inspection records before their retention ends (CN-4)."""

    code = "canteen.retention_not_ended"
    message_en_template = (
        "the records of lot {lot_id} are kept until {keep_until}: they cannot be purged on {on}"
    )
    message_zh_template = "批次「{lot_id}」的查验记录及票证须保存至 {keep_until}，{on} 不得销毁"

    lot_id: str
    keep_until: pendulum.Date
    on: pendulum.Date


class CollectorNotApprovedError(CanteenError, ValueError):
    """Food waste handed to a collector not on the approved list (CN-9)."""

    code = "canteen.collector_not_approved"
    message_en_template = "waste removal {removal_id}: collector {collector} is not approved"
    message_zh_template = "餐厨废弃物清运「{removal_id}」：收运单位「{collector}」不在核准名单内"

    removal_id: str
    collector: str
