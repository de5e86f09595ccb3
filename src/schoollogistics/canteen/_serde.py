"""Types of this area that serialize (read by ``schoollogistics.serialization``).

This module must not import ``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Final

from schoollogistics.canteen._commands import COMMAND_TYPES, CanteenCommand
from schoollogistics.canteen._events import (
    EVENT_TYPES,
    CanteenEvent,
    CanteenState,
    RecordedCanteenEvent,
)
from schoollogistics.canteen._policy import CanteenPolicy, IssueOrder, Payout, Rounding
from schoollogistics.canteen._records import (
    Accompaniment,
    Account,
    AccountLine,
    CanteenLog,
    Certificate,
    Clearance,
    CostKind,
    DishInfo,
    Disinfection,
    DisinfectionTarget,
    Draw,
    HealthCertificate,
    Inspection,
    IssueRecord,
    Leave,
    Lot,
    LotDisposal,
    MealExpense,
    MealFeePayment,
    MealIncome,
    MealStatement,
    Menu,
    MorningCheck,
    Publication,
    Refund,
    RefundPaid,
    RosterEntry,
    ServingDays,
    Supplier,
    Symptom,
    Tasting,
    WasteRemoval,
)

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = (
    CanteenPolicy,
    Rounding,
    Payout,
    IssueOrder,
    ServingDays,
    MealFeePayment,
    Leave,
    Refund,
    RefundPaid,
    Certificate,
    Supplier,
    Lot,
    Inspection,
    Draw,
    IssueRecord,
    LotDisposal,
    HealthCertificate,
    Symptom,
    MorningCheck,
    Clearance,
    RosterEntry,
    DishInfo,
    Menu,
    Tasting,
    Accompaniment,
    Account,
    CostKind,
    MealIncome,
    MealExpense,
    AccountLine,
    MealStatement,
    Publication,
    WasteRemoval,
    DisinfectionTarget,
    Disinfection,
    CanteenLog,
    *EVENT_TYPES,
    *COMMAND_TYPES,
    CanteenState,
    RecordedCanteenEvent,
)
TAGGED_UNIONS: Final[tuple[object, ...]] = (CanteenEvent, CanteenCommand)
