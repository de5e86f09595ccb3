"""The events of the finance office: what happened, in the past tense (PR-1 … SB-7).

[`FinanceEvent`][schoollogistics.purchasing.FinanceEvent] is written once;
``EVENT_TYPES`` is read from it, and the serialization registry, the strategies
and the guard table derive from it.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.core.money import Money
from schoollogistics.core.shapes import checked_fields
from schoollogistics.purchasing._policy import FinancePolicy
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
    "EVENT_TYPES",
    "BudgetAdopted",
    "CaseApproved",
    "CaseRegistered",
    "CashMonthClosed",
    "CashRecorded",
    "DeliveryAccepted",
    "FeeCharged",
    "FeeListApproved",
    "FinanceEvent",
    "FinanceState",
    "FundsCarriedOver",
    "FundsReceived",
    "GoodsStored",
    "IncomeBanked",
    "OrderPlaced",
    "Posted",
    "PurchaseApproved",
    "PurchaseRequested",
    "QuotaAllocated",
    "QuoteRecorded",
    "ReceiptBookIssued",
    "ReceiptBookReturned",
    "RecordedFinanceEvent",
    "Reimbursed",
    "SubsidyPaid",
]


@attrs.frozen(field_transformer=checked_fields())
class BudgetAdopted:
    """Event: a budget line was adopted (预算) (PR-6).

    Attributes:
        budget: The budget line.
    """

    budget: BudgetLine


@attrs.frozen(field_transformer=checked_fields())
class PurchaseRequested:
    """Event: a purchase request was filed (PR-1).

    Attributes:
        request: The request.
    """

    request: PurchaseRequest


@attrs.frozen(field_transformer=checked_fields())
class QuoteRecorded:
    """Event: a quote was recorded (询价) (PR-3).

    Attributes:
        quote: The quote.
    """

    quote: Quote


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class PurchaseApproved:
    """Event: a request was approved (审批) (PR-2).

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
class OrderPlaced:
    """Event: an order was placed (PR-2, PR-3, PR-6).

    Attributes:
        order: The order.
    """

    order: PurchaseOrder


@attrs.frozen(field_transformer=checked_fields())
class DeliveryAccepted:
    """Event: delivered goods were accepted (PR-4).

    Attributes:
        delivery: The acceptance.
    """

    delivery: Delivery


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class GoodsStored:
    """Event: accepted goods were received into stock (PR-4).

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
class Reimbursed:
    """Event: a purchase was reimbursed (PR-4, PR-5).

    Attributes:
        reimbursement: The reimbursement.
    """

    reimbursement: Reimbursement


@attrs.frozen(field_transformer=checked_fields())
class CashRecorded:
    """Event: an entry was recorded in a cash book (PR-7).

    Attributes:
        entry: The entry (income not yet banked: ``banked_on`` is ``None``).
    """

    entry: CashEntry


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class IncomeBanked:
    """Event: income was banked (PR-7).

    Attributes:
        entry_id: The income entry.
        on: The day it was banked.
    """

    entry_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)


@attrs.frozen(field_transformer=checked_fields())
class CashMonthClosed:
    """Event: a month of a cash book was closed (PR-7).

    Attributes:
        close: The close.
    """

    close: CashMonthClose


@attrs.frozen(field_transformer=checked_fields())
class FeeListApproved:
    """Event: a term's fee list was approved (PR-8).

    Attributes:
        fee_list: The list.
    """

    fee_list: FeeList


@attrs.frozen(field_transformer=checked_fields())
class Posted:
    """Event: a posting was put up (PR-7, PR-8, SB-3, SB-7).

    Attributes:
        posting: The posting.
    """

    posting: Posting


@attrs.frozen(field_transformer=checked_fields())
class ReceiptBookIssued:
    """Event: a receipt book was issued (PR-9).

    Attributes:
        book: The book.
    """

    book: ReceiptBook


@attrs.frozen(field_transformer=checked_fields())
class FeeCharged:
    """Event: a fee was charged (PR-8, PR-9, SB-6).

    Attributes:
        charge: The charge.
    """

    charge: FeeCharge


@attrs.frozen(field_transformer=checked_fields())
class ReceiptBookReturned:
    """Event: a receipt book was handed back (PR-9).

    Attributes:
        book_return: The return.
    """

    book_return: BookReturn


@attrs.frozen(field_transformer=checked_fields())
class QuotaAllocated:
    """Event: a quota was allocated (SB-2).

    Attributes:
        quota: The quota.
    """

    quota: Quota


@attrs.frozen(field_transformer=checked_fields())
class CaseRegistered:
    """Event: a subsidy case was registered (SB-1).

    Attributes:
        case: The case (not yet approved).
    """

    case: SubsidyCase


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class CaseApproved:
    """Event: a subsidy case was approved (SB-1, SB-2).

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
class FundsReceived:
    """Event: subsidy money was received (SB-4).

    Attributes:
        funds: The money received.
    """

    funds: SubsidyFunds


@attrs.frozen(field_transformer=checked_fields())
class SubsidyPaid:
    """Event: a pupil was paid (SB-3, SB-4, SB-5).

    Attributes:
        payment: The payment.
    """

    payment: SubsidyPayment


@attrs.frozen(field_transformer=checked_fields())
class FundsCarriedOver:
    """Event: money was carried to the next round (SB-5).

    Attributes:
        carry_over: The amount carried over.
    """

    carry_over: CarryOver


FinanceEvent: TypeAlias = (
    BudgetAdopted
    | PurchaseRequested
    | QuoteRecorded
    | PurchaseApproved
    | OrderPlaced
    | DeliveryAccepted
    | GoodsStored
    | Reimbursed
    | CashRecorded
    | IncomeBanked
    | CashMonthClosed
    | FeeListApproved
    | Posted
    | ReceiptBookIssued
    | FeeCharged
    | ReceiptBookReturned
    | QuotaAllocated
    | CaseRegistered
    | CaseApproved
    | FundsReceived
    | SubsidyPaid
    | FundsCarriedOver
)
"""Everything a finance office records, in order (serialized with a ``"type"`` tag)."""

EVENT_TYPES: Final[tuple[type[FinanceEvent], ...]] = typing.get_args(FinanceEvent)
"""The event types, in the order of the union."""


@attrs.frozen(field_transformer=checked_fields())
class RecordedFinanceEvent:
    """An accepted event with its sequence number (1 for the first): one stored row.

    Attributes:
        sequence: The event's position in the office's history.
        event: The event.
    """

    sequence: int = attrs.field(metadata={"minimum": 1})
    event: FinanceEvent


def _events(value: Iterable[FinanceEvent]) -> tuple[FinanceEvent, ...]:
    return tuple(value)


@attrs.frozen(field_transformer=checked_fields())
class FinanceState:
    """An office's whole history as one serializable record (``FinanceOffice.from_state``).

    Attributes:
        office_id: The office (a school's 财务室 and 后勤处).
        policy: The policy it enforces.
        events: Its events, in order.
    """

    office_id: str = attrs.field(converter=_id)
    policy: FinancePolicy
    events: tuple[FinanceEvent, ...] = attrs.field(converter=_events)
