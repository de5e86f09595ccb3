"""Types of this area that serialize (read by ``schoollogistics.serialization``).

This module must not import ``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Final

from schoollogistics.purchasing._commands import COMMAND_TYPES, FinanceCommand
from schoollogistics.purchasing._events import (
    EVENT_TYPES,
    FinanceEvent,
    FinanceState,
    RecordedFinanceEvent,
)
from schoollogistics.purchasing._policy import ApprovalTier, DayCount, FinancePolicy
from schoollogistics.purchasing._records import (
    BookReturn,
    BudgetLine,
    CarryOver,
    CashEntry,
    CashMonthClose,
    Delivery,
    DeliveryLine,
    EntryKind,
    FeeCharge,
    FeeItem,
    FeeList,
    FinanceRecords,
    OrderLine,
    Posting,
    PostingSubject,
    Purchase,
    PurchaseOrder,
    PurchaseRequest,
    Quota,
    Quote,
    ReceiptBook,
    Reimbursement,
    RequestLine,
    Signature,
    SignerRole,
    SubsidyCase,
    SubsidyFunds,
    SubsidyPayment,
    Voucher,
)

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = (
    DayCount,
    ApprovalTier,
    FinancePolicy,
    RequestLine,
    PurchaseRequest,
    Quote,
    OrderLine,
    PurchaseOrder,
    DeliveryLine,
    Delivery,
    SignerRole,
    Signature,
    Voucher,
    Reimbursement,
    Purchase,
    BudgetLine,
    EntryKind,
    CashEntry,
    CashMonthClose,
    PostingSubject,
    Posting,
    FeeItem,
    FeeList,
    ReceiptBook,
    FeeCharge,
    BookReturn,
    Quota,
    SubsidyCase,
    SubsidyFunds,
    SubsidyPayment,
    CarryOver,
    FinanceRecords,
    *EVENT_TYPES,
    *COMMAND_TYPES,
    FinanceState,
    RecordedFinanceEvent,
)
TAGGED_UNIONS: Final[tuple[object, ...]] = (FinanceEvent, FinanceCommand)
