"""Refusals of the purchasing area (``purchasing.*``): purchases, cash, fees, subsidies.

Every command a [`FinanceOffice`][schoollogistics.purchasing.FinanceOffice] executes
is checked by the guards of its event before anything changes; a refused command
raises one of these errors and leaves the office exactly as it was. Malformed
records are refused when they are built, with
[`InvalidFinanceRecordError`][schoollogistics.purchasing.errors.InvalidFinanceRecordError].
Audit findings (and the voucher check) are not errors: they are returned as data.
"""

from __future__ import annotations

from schoollogistics.core.money import Money
from schoollogistics.errors import Phrase, PurchasingError

__all__ = [
    "BannedFeeError",
    "BudgetCapError",
    "DuplicateFinanceIdError",
    "FeeNotApprovedError",
    "FeeWaivedError",
    "FundsNotBankedError",
    "InvalidFinanceRecordError",
    "LeadTimeError",
    "MonthClosedError",
    "NegativeBalanceError",
    "PostingTooShortError",
    "PriceAboveReferenceError",
    "PurchaseStageError",
    "QuotaExceededError",
    "ReceiptNumberError",
    "SeparationError",
    "SubsidyStageError",
    "TooFewQuotesError",
    "UnapprovedPurchaseError",
    "UnknownFinanceIdError",
    "VoucherRefusedError",
]


class InvalidFinanceRecordError(PurchasingError, ValueError):
    """A record is malformed (a request without lines, a posting ending before it starts)."""

    code = "purchasing.invalid_record"
    message_en_template = "invalid {record} record, field {field}: {reason}"
    message_zh_template = "「{record}」记录的字段「{field}」无效：{reason}"

    record: str
    field: str
    reason: Phrase


class DuplicateFinanceIdError(PurchasingError, ValueError):
    """A record with this id is already recorded."""

    code = "purchasing.duplicate_id"
    message_en_template = "{kind} {id} is already recorded"
    message_zh_template = "「{kind}」「{id}」已登记"

    kind: str
    id: str


class UnknownFinanceIdError(PurchasingError, KeyError):
    """No record of this kind with this id is recorded."""

    code = "purchasing.unknown_id"
    message_en_template = "no {kind} {id} on record"
    message_zh_template = "没有「{kind}」「{id}」的记录"

    def __str__(self) -> str:
        return Exception.__str__(self)

    kind: str
    id: str


class PurchaseStageError(PurchasingError, ValueError):
    """A purchase is not at the stage the step needs (PR-4: plan, approve, accept, store, pay)."""

    code = "purchasing.wrong_stage"
    message_en_template = "purchase {request_id} is {stage}: cannot {step}"
    message_zh_template = "采购「{request_id}」当前为「{stage}」，不能「{step_zh}」"

    request_id: str
    stage: str
    step: str
    step_zh: str


class LeadTimeError(PurchasingError, ValueError):
    """A request filed less than the lead time before the day needed, not marked urgent (PR-1)."""

    code = "purchasing.lead_time"
    message_en_template = (
        "purchase request {request_id} is filed {days} day(s) before it is needed; "
        "at least {minimum} are required unless it is marked urgent with a reason"
    )
    message_zh_template = (
        "采购申请「{request_id}」仅提前 {days} 天填报，须至少提前 {minimum} 天；"
        "确属急需的须注明原因"
    )

    request_id: str
    days: int
    minimum: int


class UnapprovedPurchaseError(PurchasingError, ValueError):
    """An order placed without an approval dated before it, or by the wrong approver (PR-2)."""

    code = "purchasing.unapproved"
    message_en_template = (
        "purchase {request_id} has no approval by {approver} dated before the order: "
        "an unapproved purchase is not recognised"
    )
    message_zh_template = (
        "采购「{request_id}」下单前未经「{approver}」审批：未经批准的采购一律不认账"
    )

    request_id: str
    approver: str


class TooFewQuotesError(PurchasingError, ValueError):
    """A line ordered with fewer quotes from different suppliers than the policy asks (PR-3)."""

    code = "purchasing.too_few_quotes"
    message_en_template = (
        "purchase {request_id} line {line_id}: {quotes} quote(s) from different suppliers, "
        "at least {minimum} required"
    )
    message_zh_template = (
        "采购「{request_id}」第「{line_id}」项：仅有 {quotes} 家报价，须货比 {minimum} 家"
    )

    request_id: str
    line_id: str
    quotes: int
    minimum: int


class PriceAboveReferenceError(PurchasingError, ValueError):
    """A price above the lowest quote or the market reference, with no recorded reason (PR-3)."""

    code = "purchasing.price_above_reference"
    message_en_template = (
        "purchase {request_id} line {line_id}: price {price} is above {limit} ({what}) "
        "and no reason is recorded"
    )
    message_zh_template = (
        "采购「{request_id}」第「{line_id}」项：单价 {price} 元高于{what_zh} {limit} 元，"
        "且未注明原因"
    )

    request_id: str
    line_id: str
    price: Money
    limit: Money
    what: str
    what_zh: str


class SeparationError(PurchasingError, ValueError):
    """The supervisor or acceptor is the requester or buyer (PR-3, PR-4)."""

    code = "purchasing.separation"
    message_en_template = (
        "purchase {request_id}: the {role} {person} is also its requester or buyer"
    )
    message_zh_template = "采购「{request_id}」：「{role_zh}」「{person}」不能同时是申请人或采购人"

    request_id: str
    role: str
    role_zh: str
    person: str


class VoucherRefusedError(PurchasingError, ValueError):
    """A reimbursement whose voucher fails the check (PR-5): the finding codes are listed."""

    code = "purchasing.voucher_refused"
    message_en_template = "voucher {voucher_id} is refused: {findings}"
    message_zh_template = "报销凭证「{voucher_id}」不合格：「{findings}」"

    voucher_id: str
    findings: tuple[str, ...]


class BudgetCapError(PurchasingError, ValueError):
    """An order that would take its budget line over its cap, not re-approved (PR-6)."""

    code = "purchasing.over_cap"
    message_en_template = (
        "budget line {line}: {committed} committed + {amount} would exceed the cap {cap}"
    )
    message_zh_template = (
        "预算科目「{line}」：已支出 {committed} 元，再支 {amount} 元将超过限额 {cap} 元"
    )

    line: str
    committed: Money
    amount: Money
    cap: Money


class FundsNotBankedError(PurchasingError, ValueError):
    """Spending from a fund that holds income not yet banked (PR-7: 收支两条线)."""

    code = "purchasing.not_banked"
    message_en_template = (
        "fund {fund}: income {entry_id} is not banked yet; income is banked before any spending"
    )
    message_zh_template = "经费「{fund}」：收入「{entry_id}」尚未存入账户，不得边收边用"

    fund: str
    entry_id: str


class NegativeBalanceError(PurchasingError, ValueError):
    """A spending larger than the banked balance of the fund (PR-7: no red figures)."""

    code = "purchasing.negative_balance"
    message_en_template = "fund {fund}: spending {amount} exceeds the balance {balance}"
    message_zh_template = "经费「{fund}」：支出 {amount} 元超过余额 {balance} 元，不允许出现红字"

    fund: str
    amount: Money
    balance: Money


class MonthClosedError(PurchasingError, ValueError):
    """An entry dated in a closed month of the cash book (PR-7, like AS-8)."""

    code = "purchasing.month_closed"
    message_en_template = (
        "fund {fund}: month {month} is closed; post the correction in an open month"
    )
    message_zh_template = "经费「{fund}」：{month} 已结账，更正请记入未结账月份"

    fund: str
    month: str


class FeeNotApprovedError(PurchasingError, ValueError):
    """A charge not on the term's approved fee list, or before the list was posted (PR-8)."""

    code = "purchasing.fee_not_approved"
    message_en_template = "fee {item} for term {term_id} is refused: {reason}"
    message_zh_template = "学期「{term_id}」收费项目「{item}」被拒绝：{reason}"

    item: str
    term_id: str
    reason: Phrase


class BannedFeeError(PurchasingError, ValueError):
    """A fee item that is always refused (教辅费, 试卷资料费, 班费, 插班费, fines; PR-8)."""

    code = "purchasing.fee_banned"
    message_en_template = "fee item {item} is never charged (乱收费)"
    message_zh_template = "「{item}」属于禁止收取的费用，坚决杜绝乱收费"

    item: str


class FeeWaivedError(PurchasingError, ValueError):
    """A textbook fee charged to a pupil whose category waives it (SB-6)."""

    code = "purchasing.fee_waived"
    message_en_template = "pupil {pupil} ({category}) is exempt from {item}"
    message_zh_template = "学生「{pupil}」（「{category}」）免收「{item}」"

    pupil: str
    category: str
    item: str


class ReceiptNumberError(PurchasingError, ValueError):
    """A receipt number outside an issued, unreturned book, or used twice (PR-9)."""

    code = "purchasing.receipt_number"
    message_en_template = "receipt {number} of book {book_id}: {reason}"
    message_zh_template = "票据「{book_id}」第 {number} 号：{reason}"

    book_id: str
    number: int
    reason: Phrase


class SubsidyStageError(PurchasingError, ValueError):
    """A subsidy case step out of order: register, apply, approve (SB-1)."""

    code = "purchasing.subsidy_stage"
    message_en_template = "subsidy case {case_id} is {stage}: cannot {step}"
    message_zh_template = "资助「{case_id}」当前为「{stage}」，不能「{step_zh}」"

    case_id: str
    stage: str
    step: str
    step_zh: str


class QuotaExceededError(PurchasingError, ValueError):
    """An approval beyond the quota allocated for the subsidy type and period (SB-2)."""

    code = "purchasing.quota_exceeded"
    message_en_template = (
        "subsidy {subsidy_type} {period}: {approved} approved, the quota is {quota}"
    )
    message_zh_template = (
        "资助「{subsidy_type}」「{period}」：已批准 {approved} 人，指标数为 {quota}"
    )

    subsidy_type: str
    period: str
    approved: int
    quota: int


class PostingTooShortError(PurchasingError, ValueError):
    """A subsidy paid before its list has been posted for the minimum (SB-3)."""

    code = "purchasing.posting_too_short"
    message_en_template = (
        "round {round_id}: paying on {paid_on}, but the list has been posted {days} day(s) "
        "of the {minimum} required"
    )
    message_zh_template = (
        "资助批次「{round_id}」：{paid_on} 发放时名单仅公示 {days} 天，须公示满 {minimum} 天"
    )

    round_id: str
    paid_on: str
    days: int
    minimum: int
