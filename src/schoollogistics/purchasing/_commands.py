"""The commands of the finance office: what a front end asks for, in the imperative.

Each command is a frozen record (a ``"type"``-tagged
[`FinanceCommand`][schoollogistics.purchasing.FinanceCommand] in JSON) run by
[`FinanceOffice.execute`][schoollogistics.purchasing.FinanceOffice.execute], which
returns the event recorded or raises the typed refusal. Each command records the
event of the same fields at the same index of the unions (``RequestPurchase``
records ``PurchaseRequested`` …).
"""

from __future__ import annotations

import typing
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.core.money import Money
from schoollogistics.core.shapes import checked_fields
from schoollogistics.purchasing._records import (
    BookReturn,
    BudgetLine,
    CarryOver,
    CashEntry,
    CashMonthClose,
    Delivery,
    FeeCharge,
    FeeList,
    Posting,
    PurchaseOrder,
    PurchaseRequest,
    Quota,
    Quote,
    ReceiptBook,
    Reimbursement,
    SubsidyCase,
    SubsidyFunds,
    SubsidyPayment,
    _amount,
    _day,
    _id,
    _moment,
)

__all__ = [
    "COMMAND_TYPES",
    "AcceptDelivery",
    "AdoptBudget",
    "AllocateQuota",
    "ApproveCase",
    "ApproveFeeList",
    "ApprovePurchase",
    "BankIncome",
    "CarryOverFunds",
    "ChargeFee",
    "CloseCashMonth",
    "FinanceCommand",
    "IssueReceiptBook",
    "PaySubsidy",
    "PlaceOrder",
    "Post",
    "ReceiveFunds",
    "RecordCash",
    "RecordQuote",
    "RecordStored",
    "RegisterCase",
    "Reimburse",
    "RequestPurchase",
    "ReturnReceiptBook",
]


@attrs.frozen(field_transformer=checked_fields())
class AdoptBudget:
    """Adopt a budget line with its cap (PR-6).

    Records [`BudgetAdopted`][schoollogistics.purchasing.BudgetAdopted].

    Attributes:
        budget: The budget line.
    """

    budget: BudgetLine


@attrs.frozen(field_transformer=checked_fields())
class RequestPurchase:
    """File a purchase request (采购申请单) (PR-1).

    Records [`PurchaseRequested`][schoollogistics.purchasing.PurchaseRequested].

    Attributes:
        request: The request.
    """

    request: PurchaseRequest


@attrs.frozen(field_transformer=checked_fields())
class RecordQuote:
    """Record a supplier's quote for a request line (PR-3).

    Records [`QuoteRecorded`][schoollogistics.purchasing.QuoteRecorded].

    Attributes:
        quote: The quote.
    """

    quote: Quote


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class ApprovePurchase:
    """Approve a request before anything is bought (PR-2).

    Records [`PurchaseApproved`][schoollogistics.purchasing.PurchaseApproved].

    Attributes:
        request_id: The request.
        at: When (aware).
        by: Who approved it.
        role: In what role (PR-2 tiers: ``principal`` …).
    """

    request_id: str = attrs.field(converter=_id)
    at: pendulum.DateTime = attrs.field(converter=_moment)
    by: str = attrs.field(converter=_id)
    role: str = attrs.field(converter=_id)


@attrs.frozen(field_transformer=checked_fields())
class PlaceOrder:
    """Place the order (采购) of an approved request (PR-2, PR-3, PR-6).

    Records [`OrderPlaced`][schoollogistics.purchasing.OrderPlaced].

    Attributes:
        order: The order.
    """

    order: PurchaseOrder


@attrs.frozen(field_transformer=checked_fields())
class AcceptDelivery:
    """Accept delivered goods (验收) (PR-4).

    Records [`DeliveryAccepted`][schoollogistics.purchasing.DeliveryAccepted].

    Attributes:
        delivery: The acceptance.
    """

    delivery: Delivery


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class RecordStored:
    """Record the goods received into stock (入库), with their ledger receipts (PR-4).

    Records [`GoodsStored`][schoollogistics.purchasing.GoodsStored].

    Attributes:
        request_id: The purchase.
        on: The day.
        ledger_sequences: The asset-ledger sequence numbers of the receipts
            (empty: goods not stocked).
    """

    request_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    ledger_sequences: tuple[int, ...] = ()


@attrs.frozen(field_transformer=checked_fields())
class Reimburse:
    """Reimburse a stored purchase against a valid voucher (报销) (PR-4, PR-5).

    Records [`Reimbursed`][schoollogistics.purchasing.Reimbursed].

    Attributes:
        reimbursement: The reimbursement.
    """

    reimbursement: Reimbursement


@attrs.frozen(field_transformer=checked_fields())
class RecordCash:
    """Record income or spending in a fund's cash book (PR-7).

    Records [`CashRecorded`][schoollogistics.purchasing.CashRecorded].

    Attributes:
        entry: The entry (income not yet banked: ``banked_on`` is ``None``).
    """

    entry: CashEntry


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class BankIncome:
    """Record income paid into the fund's account (收支两条线) (PR-7).

    Records [`IncomeBanked`][schoollogistics.purchasing.IncomeBanked].

    Attributes:
        entry_id: The income entry.
        on: The day it was banked.
    """

    entry_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)


@attrs.frozen(field_transformer=checked_fields())
class CloseCashMonth:
    """Close a month of a fund's cash book (月结) (PR-7).

    Records [`CashMonthClosed`][schoollogistics.purchasing.CashMonthClosed].

    Attributes:
        close: The close.
    """

    close: CashMonthClose


@attrs.frozen(field_transformer=checked_fields())
class ApproveFeeList:
    """Record a term's approved fee list (PR-8).

    Records [`FeeListApproved`][schoollogistics.purchasing.FeeListApproved].

    Attributes:
        fee_list: The list.
    """

    fee_list: FeeList


@attrs.frozen(field_transformer=checked_fields())
class Post:
    """Record a public posting (公示) (PR-7, PR-8, SB-3, SB-7).

    Records [`Posted`][schoollogistics.purchasing.Posted].

    Attributes:
        posting: The posting.
    """

    posting: Posting


@attrs.frozen(field_transformer=checked_fields())
class IssueReceiptBook:
    """Issue a receipt book to a collector (票据领用) (PR-9).

    Records [`ReceiptBookIssued`][schoollogistics.purchasing.ReceiptBookIssued].

    Attributes:
        book: The book.
    """

    book: ReceiptBook


@attrs.frozen(field_transformer=checked_fields())
class ChargeFee:
    """Charge a fee to a pupil on a receipt (PR-8, PR-9, SB-6).

    Records [`FeeCharged`][schoollogistics.purchasing.FeeCharged].

    Attributes:
        charge: The charge.
    """

    charge: FeeCharge


@attrs.frozen(field_transformer=checked_fields())
class ReturnReceiptBook:
    """Hand a receipt book back at the end of collection (PR-9).

    Records [`ReceiptBookReturned`][schoollogistics.purchasing.ReceiptBookReturned].

    Attributes:
        book_return: The return.
    """

    book_return: BookReturn


@attrs.frozen(field_transformer=checked_fields())
class AllocateQuota:
    """Record the quota allocated for a subsidy and period (指标数) (SB-2).

    Records [`QuotaAllocated`][schoollogistics.purchasing.QuotaAllocated].

    Attributes:
        quota: The quota.
    """

    quota: Quota


@attrs.frozen(field_transformer=checked_fields())
class RegisterCase:
    """Register a pupil's subsidy case and its application (SB-1).

    Records [`CaseRegistered`][schoollogistics.purchasing.CaseRegistered].

    Attributes:
        case: The case (not yet approved).
    """

    case: SubsidyCase


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class ApproveCase:
    """Approve a subsidy case with its amount (审批) (SB-1, SB-2).

    Records [`CaseApproved`][schoollogistics.purchasing.CaseApproved].

    Attributes:
        case_id: The case.
        on: The day.
        by: Who approved it (the school's review).
        amount: The approved amount.
    """

    case_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)
    amount: Money = attrs.field(converter=_amount)


@attrs.frozen(field_transformer=checked_fields())
class ReceiveFunds:
    """Record subsidy money received for a round (SB-4).

    Records [`FundsReceived`][schoollogistics.purchasing.FundsReceived].

    Attributes:
        funds: The money received.
    """

    funds: SubsidyFunds


@attrs.frozen(field_transformer=checked_fields())
class PaySubsidy:
    """Pay a listed pupil (发放) (SB-3, SB-4, SB-5).

    Records [`SubsidyPaid`][schoollogistics.purchasing.SubsidyPaid].

    Attributes:
        payment: The payment.
    """

    payment: SubsidyPayment


@attrs.frozen(field_transformer=checked_fields())
class CarryOverFunds:
    """Carry money of a round to the next round, recorded as such (SB-5).

    Records [`FundsCarriedOver`][schoollogistics.purchasing.FundsCarriedOver].

    Attributes:
        carry_over: The amount carried over.
    """

    carry_over: CarryOver


FinanceCommand: TypeAlias = (
    AdoptBudget
    | RequestPurchase
    | RecordQuote
    | ApprovePurchase
    | PlaceOrder
    | AcceptDelivery
    | RecordStored
    | Reimburse
    | RecordCash
    | BankIncome
    | CloseCashMonth
    | ApproveFeeList
    | Post
    | IssueReceiptBook
    | ChargeFee
    | ReturnReceiptBook
    | AllocateQuota
    | RegisterCase
    | ApproveCase
    | ReceiveFunds
    | PaySubsidy
    | CarryOverFunds
)
"""Any command of the finance office (serialized with a ``"type"`` tag)."""

COMMAND_TYPES: Final[tuple[type[FinanceCommand], ...]] = typing.get_args(FinanceCommand)
"""The command types, in the order of the union (each records the event at the same index)."""
