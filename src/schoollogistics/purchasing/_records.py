"""The records of purchasing, vouchers, cash, fees and subsidies (PR-1 … PR-9, SB-1 … SB-7).

Every record is a frozen attrs class with plain typed fields, so that records
exported by another system (a spreadsheet of the 采购申请单, a bank's list of
subsidy payments) load with [`from_dict`][schoollogistics.serialization.from_dict]
and can be audited. A [`Purchase`][schoollogistics.purchasing.Purchase] carries
its whole life (request, quotes, approval, order, delivery, store, reimbursement):
the office's fold evolves it one step at a time, as repairs fold a work order.
"""

from __future__ import annotations

import enum
from typing import Final

import attrs
import pendulum

from schoollogistics.core.ids import require_id
from schoollogistics.core.money import Money, non_negative
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import as_date, as_datetime
from schoollogistics.errors import Phrase
from schoollogistics.purchasing.errors import InvalidFinanceRecordError

__all__ = [
    "BookReturn",
    "BudgetLine",
    "CarryOver",
    "CashEntry",
    "CashMonthClose",
    "Delivery",
    "DeliveryLine",
    "EntryKind",
    "FeeCharge",
    "FeeItem",
    "FeeList",
    "FinanceRecords",
    "OrderLine",
    "Posting",
    "PostingSubject",
    "Purchase",
    "PurchaseOrder",
    "PurchaseRequest",
    "Quota",
    "Quote",
    "ReceiptBook",
    "Reimbursement",
    "RequestLine",
    "Signature",
    "SignerRole",
    "SubsidyCase",
    "SubsidyFunds",
    "SubsidyPayment",
    "Voucher",
]


MAX_LINES: Final = 200
"""The most lines a request, an order, a delivery or a fee list has (a bound on hostile input)."""


def _moment(value: object) -> pendulum.DateTime:
    return as_datetime(value, field="at")


def _day(value: object) -> pendulum.Date:
    return as_date(value, field="on")


def _optional_day(value: object) -> pendulum.Date | None:
    return None if value is None else as_date(value, field="on")


def _id(value: object) -> str:
    return require_id(value, field="id")


def _optional_id(value: object) -> str | None:
    return None if value is None else require_id(value, field="id")


def _amount(value: object) -> Money:
    return non_negative(value, field="amount")  # type: ignore[arg-type]  # refused if not money


def _optional_amount(value: object) -> Money | None:
    return None if value is None else _amount(value)


def _invalid(reason: Phrase, record: str, field: str) -> InvalidFinanceRecordError:
    return InvalidFinanceRecordError(record=record, field=field, reason=reason)


# ---------------------------------------------------------------- purchasing


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RequestLine:
    """One line of a purchase request: an item, how many, the estimate (PR-1, PR-3).

    Attributes:
        line_id: The line's id within the request (``"1"``).
        item: What is bought (品名、规格).
        quantity: How many (at least 1).
        estimated_price: The estimated unit price (估价).
        reference_price: The market reference unit price (市场价), if known: the
            price paid may not be above it (PR-3).
        item_id: The asset-ledger item type the goods are received as (AS-1),
            if they go into stock.
    """

    line_id: str = attrs.field(converter=_id)
    item: str = attrs.field(converter=_id)
    quantity: int = attrs.field(metadata={"minimum": 1})
    estimated_price: Money = attrs.field(converter=_amount)
    reference_price: Money | None = attrs.field(default=None, converter=_optional_amount)
    item_id: str | None = attrs.field(default=None, converter=_optional_id)

    @property
    def estimate(self) -> Money:
        """Quantity × estimated unit price."""
        return self.estimated_price * self.quantity


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class PurchaseRequest:
    """A purchase request (采购申请单), filed ahead of the day the goods are needed (PR-1).

    Attributes:
        request_id: The request's number.
        filed_at: When it was filed (aware).
        requester: Who asks (申请人).
        unit: The requesting unit (部门、学校).
        purpose: What it is for (用途).
        needed_on: The day the goods are needed (需用日期).
        lines: The items, each once by ``line_id``.
        budget_line: The budget line it is charged to (PR-6).
        urgent_reason: Why a request later than the lead time is urgent (PR-1).
    """

    request_id: str = attrs.field(converter=_id)
    filed_at: pendulum.DateTime = attrs.field(converter=_moment)
    requester: str = attrs.field(converter=_id)
    unit: str = attrs.field(converter=_id)
    purpose: str = attrs.field(converter=_id)
    needed_on: pendulum.Date = attrs.field(converter=_day)
    lines: tuple[RequestLine, ...] = attrs.field(metadata={"max_items": MAX_LINES})
    budget_line: str = attrs.field(converter=_id)
    urgent_reason: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.lines:
            raise _invalid(Phrase("has no lines", "没有采购明细"), "PurchaseRequest", "lines")
        if len({line.line_id for line in self.lines}) != len(self.lines):
            raise _invalid(Phrase("repeats a line id", "明细编号重复"), "PurchaseRequest", "lines")

    @property
    def estimate(self) -> Money:
        """The whole request's estimate (the sum of its lines)."""
        return Money.sum(line.estimate for line in self.lines)

    def line(self, line_id: str) -> RequestLine | None:
        """The line with this id, if any."""
        for line in self.lines:
            if line.line_id == line_id:
                return line
        return None


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Quote:
    """A supplier's quote for one line of a request (货比三家, PR-3).

    Attributes:
        request_id: The request.
        line_id: The line quoted.
        supplier: Who quotes.
        unit_price: The quoted unit price.
        on: When.
    """

    request_id: str = attrs.field(converter=_id)
    line_id: str = attrs.field(converter=_id)
    supplier: str = attrs.field(converter=_id)
    unit_price: Money = attrs.field(converter=_amount)
    on: pendulum.Date = attrs.field(converter=_day)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class OrderLine:
    """What is bought for one line: from whom, at what price, and why if not the lowest (PR-3).

    Attributes:
        line_id: The request line.
        supplier: The supplier chosen.
        unit_price: The price paid per unit.
        reason: Why the price is above the lowest quote or the reference (PR-3).
    """

    line_id: str = attrs.field(converter=_id)
    supplier: str = attrs.field(converter=_id)
    unit_price: Money = attrs.field(converter=_amount)
    reason: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class PurchaseOrder:
    """The purchase itself (采购), after approval, with a third person supervising (PR-2, PR-3).

    Attributes:
        request_id: The request.
        at: When the order was placed (aware).
        buyer: Who buys (采购人).
        supervisor: The third person who supervises (监督人), neither requester nor buyer.
        lines: What is bought, one per ordered request line.
        cap_reapproved_by: Who re-approved an order above its budget cap (PR-6).
    """

    request_id: str = attrs.field(converter=_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    buyer: str = attrs.field(converter=_id)
    supervisor: str = attrs.field(converter=_id)
    lines: tuple[OrderLine, ...] = attrs.field(metadata={"max_items": MAX_LINES})
    cap_reapproved_by: str | None = attrs.field(default=None, converter=_optional_id)

    def __attrs_post_init__(self) -> None:
        if not self.lines:
            raise _invalid(Phrase("has no lines", "没有采购明细"), "PurchaseOrder", "lines")


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class DeliveryLine:
    """What arrived for one line (验收): how many, and the new tags of fixed assets.

    Attributes:
        line_id: The request line.
        quantity: How many units were accepted.
        tags: One new asset tag per unit for a fixed asset (AS-1).
    """

    line_id: str = attrs.field(converter=_id)
    quantity: int = attrs.field(metadata={"minimum": 1})
    tags: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Delivery:
    """The acceptance of delivered goods (验收), by someone other than the buyer (PR-4).

    Attributes:
        request_id: The request.
        at: When the goods were accepted.
        acceptor: Who accepted them (验收人).
        store_id: The storeroom they go into (an asset-ledger place), if stocked.
        invoice_ref: The invoice or delivery note (AS-1 receipt source).
        lines: What arrived.
    """

    request_id: str = attrs.field(converter=_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    acceptor: str = attrs.field(converter=_id)
    store_id: str | None = attrs.field(default=None, converter=_optional_id)
    invoice_ref: str = ""
    lines: tuple[DeliveryLine, ...] = attrs.field(metadata={"max_items": MAX_LINES})


class SignerRole(enum.Enum):
    """Who signs a reimbursement voucher (PR-5; the value is the stable serialized key)."""

    PRINCIPAL = "principal"
    """The principal (校长): purpose, approval and date."""
    HANDLER = "handler"
    """The handler (经办人)."""
    WITNESS = "witness"
    """A witness who knows the facts (证明人)."""
    OTHER = "other"
    """Anyone else (验收人、会计)."""


SIGNER_ZH: Final = {
    SignerRole.PRINCIPAL: "校长",
    SignerRole.HANDLER: "经办人",
    SignerRole.WITNESS: "证明人",
    SignerRole.OTHER: "其他",
}


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Signature:
    """One signature on a voucher (PR-5).

    Attributes:
        role: In what capacity.
        name: Who.
        on: When, if dated.
    """

    role: SignerRole
    name: str = attrs.field(converter=_id)
    on: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Voucher:
    """A reimbursement voucher (报销凭证) as a clerk types it in: every element may be missing.

    [`check_voucher`][schoollogistics.purchasing.check_voucher] returns what is
    wrong with it as findings (PR-5); nothing here is refused when the record
    is built, so that a faulty voucher can be recorded and reported.

    Attributes:
        voucher_id: The voucher's number.
        kind: The kind of voucher as written (税务统一发票, 白条 …).
        payer_unit: 1. the paying unit (单位).
        item_name: 2. the item (名称).
        quantity: 3. the quantity (数量).
        unit_price: 4. the unit price (单价).
        amount: 5a. the amount in figures (小写金额).
        amount_in_words: 5b. the amount in words (大写金额), as written.
        seal: 6. the issuer's seal (印章) is present.
        issuer: 7a. who issued it (开票人).
        issued_on: 7b. the date (年月日).
        valid_until: The last day it may be used, if the kind expires.
        signatures: The signatures on it.
    """

    voucher_id: str = attrs.field(converter=_id)
    kind: str = ""
    payer_unit: str = ""
    item_name: str = ""
    quantity: int | None = None
    unit_price: Money | None = None
    amount: Money | None = None
    amount_in_words: str = ""
    seal: bool = False
    issuer: str = ""
    issued_on: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)
    valid_until: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)
    signatures: tuple[Signature, ...] = attrs.field(default=(), metadata={"max_items": 20})


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Reimbursement:
    """The reimbursement of a purchase (报销): the voucher and the store-receipt signature (PR-4).

    Attributes:
        request_id: The purchase.
        at: When it was reimbursed.
        voucher: The voucher.
        store_signed_by: Who signed the store receipt (入库签字).
    """

    request_id: str = attrs.field(converter=_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    voucher: Voucher
    store_signed_by: str = attrs.field(converter=_id)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Purchase:
    """A purchase with its whole life so far (PR-1 … PR-6): one spreadsheet row to audit.

    Attributes:
        request: The request (采购申请单).
        quotes: The quotes, in the order recorded.
        approved_at: When it was approved, if it was.
        approved_by: Who approved it.
        approver_role: The role that approved it (PR-2 value tiers).
        order: The order, once placed.
        delivery: The acceptance, once the goods arrived.
        stored_on: The day the goods were received into stock (AS-1), if they were.
        ledger_sequences: The asset-ledger sequence numbers of its receipts.
        reimbursement: The reimbursement, once paid.
    """

    request: PurchaseRequest
    quotes: tuple[Quote, ...] = attrs.field(default=(), metadata={"max_items": 50})
    approved_at: pendulum.DateTime | None = None
    approved_by: str | None = attrs.field(default=None, converter=_optional_id)
    approver_role: str | None = attrs.field(default=None, converter=_optional_id)
    order: PurchaseOrder | None = None
    delivery: Delivery | None = None
    stored_on: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)
    ledger_sequences: tuple[int, ...] = ()
    reimbursement: Reimbursement | None = None

    @property
    def request_id(self) -> str:
        """The request's number."""
        return self.request.request_id

    @property
    def stage(self) -> str:
        """Where the purchase stands: requested, approved, ordered, accepted, stored, reimbursed."""
        if self.reimbursement is not None:
            return "reimbursed"
        if self.stored_on is not None:
            return "stored"
        if self.delivery is not None:
            return "accepted"
        if self.order is not None:
            return "ordered"
        if self.approved_at is not None:
            return "approved"
        return "requested"

    def ordered_total(self) -> Money:
        """What the order costs: price × requested quantity per ordered line (zero before)."""
        if self.order is None:
            return Money(0)
        quantities = {line.line_id: line.quantity for line in self.request.lines}
        return Money.sum(
            line.unit_price * quantities.get(line.line_id, 0) for line in self.order.lines
        )


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class BudgetLine:
    """A budget line with its cap (限额包干, PR-6).

    Attributes:
        line_id: The line (a unit or category and period: ``"office-2025"``).
        cap: The most that may be committed to it.
        name: What it is for.
    """

    line_id: str = attrs.field(converter=_id)
    cap: Money = attrs.field(converter=_amount)
    name: str = ""


# ---------------------------------------------------------------- cash (PR-7)


class EntryKind(enum.Enum):
    """Income or spending in a cash book (the value is the stable serialized key)."""

    INCOME = "income"
    """Money received (收入)."""
    SPENDING = "spending"
    """Money paid out (支出)."""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class CashEntry:
    """One line of a fund's cash book (PR-7).

    Attributes:
        entry_id: The entry's number.
        fund: The fund (经费: 公用经费, 资助资金, 代收费 …).
        on: The day.
        kind: Income or spending.
        amount: How much (positive).
        description: What for (摘要).
        banked_on: For income, the day it was paid into the fund's account
            (收支两条线); ``None`` until then.
    """

    entry_id: str = attrs.field(converter=_id)
    fund: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    kind: EntryKind
    amount: Money = attrs.field(converter=_amount)
    description: str = attrs.field(converter=_id)
    banked_on: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)

    def __attrs_post_init__(self) -> None:
        if self.amount.amount <= 0:
            raise _invalid(Phrase("must be positive", "必须为正数"), "CashEntry", "amount")
        if self.banked_on is not None and (
            self.kind is EntryKind.SPENDING or self.banked_on < self.on
        ):
            raise _invalid(
                Phrase(
                    "only income is banked, on or after its day", "只有收入入账，且不早于收入日"
                ),
                "CashEntry",
                "banked_on",
            )


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class CashMonthClose:
    """A fund's month closed (月结, PR-7 like AS-8): later entries dated in it are refused.

    Attributes:
        fund: The fund.
        year: The year.
        month: The month (1 … 12).
        on: When it was closed.
    """

    fund: str = attrs.field(converter=_id)
    year: int = attrs.field(metadata={"minimum": 2000})
    month: int = attrs.field(metadata={"minimum": 1})
    on: pendulum.Date = attrs.field(converter=_day)

    def __attrs_post_init__(self) -> None:
        if self.month > 12:
            raise _invalid(Phrase("is not a month", "不是月份"), "CashMonthClose", "month")

    @property
    def key(self) -> str:
        """``"2025-09"``."""
        return f"{self.year:04d}-{self.month:02d}"


# ---------------------------------------------------------------- postings, fees (PR-8, PR-9)


class PostingSubject(enum.Enum):
    """What a public posting (公示) shows (the value is the stable serialized key)."""

    FEES = "fees"
    """A term's approved fee list (收费公示, PR-8); ``ref_id`` is the term."""
    SUBSIDIES = "subsidies"
    """A subsidy round's approved list (资助名单公示, SB-3); ``ref_id`` is the round."""
    PAYMENTS = "payments"
    """A subsidy round's paid list (SB-7); ``ref_id`` is the round."""
    ACCOUNTS = "accounts"
    """A fund's monthly income and spending (收支公示, PR-7); ``ref_id`` is the fund."""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Posting:
    """A public posting (公示): what, from when to when (inclusive), and where.

    Attributes:
        posting_id: The posting's id.
        subject: What it shows.
        ref_id: The term, round or fund it shows.
        start_on: The first day posted.
        end_on: The last day posted (inclusive).
        where: Where it is posted (学校公示栏, the school's website …).
    """

    posting_id: str = attrs.field(converter=_id)
    subject: PostingSubject
    ref_id: str = attrs.field(converter=_id)
    start_on: pendulum.Date = attrs.field(converter=_day)
    end_on: pendulum.Date = attrs.field(converter=_day)
    where: str = attrs.field(converter=_id)

    def __attrs_post_init__(self) -> None:
        if self.end_on < self.start_on:
            raise _invalid(Phrase("ends before it starts", "结束早于开始"), "Posting", "end_on")

    @property
    def days(self) -> int:
        """How many calendar days it is posted (both ends counted)."""
        return self.end_on.toordinal() - self.start_on.toordinal() + 1


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class FeeItem:
    """One approved fee item (收费项目): what, how much, on whose authority (PR-8).

    Attributes:
        name: The item (住宿费, 作业本费 …).
        amount: The approved amount per pupil.
        authority: The approving authority and document (物价局、教育局文件).
    """

    name: str = attrs.field(converter=_id)
    amount: Money = attrs.field(converter=_amount)
    authority: str = attrs.field(converter=_id)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class FeeList:
    """A term's approved fee list (PR-8): the only fees that may be charged.

    Attributes:
        term_id: The term.
        items: The approved items, each once by name.
        approved_on: When it was approved.
    """

    term_id: str = attrs.field(converter=_id)
    items: tuple[FeeItem, ...] = attrs.field(metadata={"max_items": MAX_LINES})
    approved_on: pendulum.Date = attrs.field(converter=_day)

    def __attrs_post_init__(self) -> None:
        if len({item.name for item in self.items}) != len(self.items):
            raise _invalid(Phrase("repeats an item", "收费项目重复"), "FeeList", "items")

    def item(self, name: str) -> FeeItem | None:
        """The item of this name, if approved."""
        for item in self.items:
            if item.name == name:
                return item
        return None


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class ReceiptBook:
    """A receipt book issued to a collector (票据领用, PR-9).

    Attributes:
        book_id: The book's number.
        first: The first receipt number.
        last: The last receipt number (inclusive).
        collector: Who collects with it.
        issued_on: When it was issued.
    """

    book_id: str = attrs.field(converter=_id)
    first: int = attrs.field(metadata={"minimum": 1})
    last: int = attrs.field(metadata={"minimum": 1})
    collector: str = attrs.field(converter=_id)
    issued_on: pendulum.Date = attrs.field(converter=_day)

    def __attrs_post_init__(self) -> None:
        if self.last < self.first:
            raise _invalid(Phrase("ends before it starts", "止号小于起号"), "ReceiptBook", "last")


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class FeeCharge:
    """A fee charged to a pupil, with its receipt (PR-8, PR-9, SB-6).

    Attributes:
        charge_id: The charge's id.
        term_id: The term.
        pupil: The pupil charged.
        item: The fee item.
        amount: How much.
        on: When.
        book_id: The receipt book.
        receipt_no: The receipt number used.
    """

    charge_id: str = attrs.field(converter=_id)
    term_id: str = attrs.field(converter=_id)
    pupil: str = attrs.field(converter=_id)
    item: str = attrs.field(converter=_id)
    amount: Money = attrs.field(converter=_amount)
    on: pendulum.Date = attrs.field(converter=_day)
    book_id: str = attrs.field(converter=_id)
    receipt_no: int = attrs.field(metadata={"minimum": 1})


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class BookReturn:
    """A receipt book handed back when collection ends (PR-9).

    Attributes:
        book_id: The book.
        on: When.
        voided: The voided numbers (all copies kept, 作废).
        unused_from: The first unused number (``None``: every number used or voided).
        handed_in: The money handed in with it.
    """

    book_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    voided: tuple[int, ...] = ()
    unused_from: int | None = None
    handed_in: Money = attrs.field(converter=_amount)


# ---------------------------------------------------------------- subsidies (SB)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class Quota:
    """The quota (指标数) of approved cases for a subsidy type and period (SB-2).

    Attributes:
        subsidy_type: The subsidy (贫困寄宿生生活补助 …).
        period: The period (``"2025-autumn"``).
        count: How many cases may be approved.
    """

    subsidy_type: str = attrs.field(converter=_id)
    period: str = attrs.field(converter=_id)
    count: int = attrs.field(metadata={"minimum": 0})


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class SubsidyCase:
    """A pupil's subsidy case: registered, applied for, approved, in that order (SB-1).

    Attributes:
        case_id: The case's id.
        pupil: The pupil.
        class_name: The pupil's class (shown on the posting).
        category: The family-difficulty category (from the category list, data).
        subsidy_type: The subsidy applied for.
        period: The period.
        registered_on: When the difficulty was registered (登记).
        applied_on: When the application was made (申请).
        guardian: The guardian, who may be paid in the pupil's stead (SB-5).
        approved_on: When the school's review approved it (审批), if it did.
        approved_by: Who approved it.
        amount: The approved amount, once approved.
    """

    case_id: str = attrs.field(converter=_id)
    pupil: str = attrs.field(converter=_id)
    class_name: str = attrs.field(converter=_id)
    category: str = attrs.field(converter=_id)
    subsidy_type: str = attrs.field(converter=_id)
    period: str = attrs.field(converter=_id)
    registered_on: pendulum.Date = attrs.field(converter=_day)
    applied_on: pendulum.Date = attrs.field(converter=_day)
    guardian: str = ""
    approved_on: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)
    approved_by: str | None = attrs.field(default=None, converter=_optional_id)
    amount: Money | None = attrs.field(default=None, converter=_optional_amount)

    def __attrs_post_init__(self) -> None:
        if (self.approved_on is None) != (self.amount is None):
            raise _invalid(
                Phrase("an approval has a day and an amount", "审批须有日期和金额"),
                "SubsidyCase",
                "amount",
            )


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class SubsidyFunds:
    """Money received for a round of a subsidy (资助资金到账, SB-4).

    Attributes:
        round_id: The round.
        subsidy_type: The subsidy.
        period: The period: the round pays the approved cases of this type and period.
        amount: How much was received.
        received_on: The day the school received it.
    """

    round_id: str = attrs.field(converter=_id)
    subsidy_type: str = attrs.field(converter=_id)
    period: str = attrs.field(converter=_id)
    amount: Money = attrs.field(converter=_amount)
    received_on: pendulum.Date = attrs.field(converter=_day)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class SubsidyPayment:
    """One payment to a pupil (发放, SB-4, SB-5, SB-7).

    Attributes:
        payment_id: The payment's id.
        round_id: The round.
        case_id: The case paid.
        payee: Who received it (the pupil or the guardian).
        amount: How much.
        paid_on: When.
        method: How (现金, 银行卡 …).
        reference: A signature or bank reference (签字、银行流水号).
    """

    payment_id: str = attrs.field(converter=_id)
    round_id: str = attrs.field(converter=_id)
    case_id: str = attrs.field(converter=_id)
    payee: str = attrs.field(converter=_id)
    amount: Money = attrs.field(converter=_amount)
    paid_on: pendulum.Date = attrs.field(converter=_day)
    method: str = ""
    reference: str = ""


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class CarryOver:
    """Money of a round carried to the next round, recorded as such (SB-5).

    Attributes:
        round_id: The round.
        amount: How much is carried over.
        on: When.
        reason: Why (a pupil left, an approved case withdrawn …).
    """

    round_id: str = attrs.field(converter=_id)
    amount: Money = attrs.field(converter=_amount)
    on: pendulum.Date = attrs.field(converter=_day)
    reason: str = attrs.field(converter=_id)


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class FinanceRecords:
    """Everything the audit reads, as plain data (an office's own, or imported).

    Attributes:
        purchases: The purchases, each with its life.
        budgets: The budget lines.
        cash: The cash-book entries of every fund.
        closes: The month closes.
        fee_lists: The approved fee lists.
        postings: The public postings.
        charges: The fees charged.
        books: The receipt books issued.
        returns: The receipt books handed back.
        quotas: The subsidy quotas.
        cases: The subsidy cases.
        funds: The subsidy money received, by round.
        payments: The subsidy payments.
        carry_overs: The money carried to the next round.
    """

    purchases: tuple[Purchase, ...] = ()
    budgets: tuple[BudgetLine, ...] = ()
    cash: tuple[CashEntry, ...] = ()
    closes: tuple[CashMonthClose, ...] = ()
    fee_lists: tuple[FeeList, ...] = ()
    postings: tuple[Posting, ...] = ()
    charges: tuple[FeeCharge, ...] = ()
    books: tuple[ReceiptBook, ...] = ()
    returns: tuple[BookReturn, ...] = ()
    quotas: tuple[Quota, ...] = ()
    cases: tuple[SubsidyCase, ...] = ()
    funds: tuple[SubsidyFunds, ...] = ()
    payments: tuple[SubsidyPayment, ...] = ()
    carry_overs: tuple[CarryOver, ...] = ()
