"""The events of the canteen: what happened, in the past tense (CN-1 … CN-9).

[`CanteenEvent`][schoollogistics.canteen.CanteenEvent] is written once;
``EVENT_TYPES`` is read from it, and the serialization registry, the strategies
and the guard table derive from it.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Final, TypeAlias

import attrs

from schoollogistics.canteen._policy import CanteenPolicy
from schoollogistics.canteen._records import (
    Accompaniment,
    Clearance,
    Disinfection,
    HealthCertificate,
    Inspection,
    IssueRecord,
    Leave,
    Lot,
    LotDisposal,
    MealExpense,
    MealFeePayment,
    MealIncome,
    Menu,
    MorningCheck,
    Publication,
    RecordsPurge,
    RefundPaid,
    RosterEntry,
    StoreroomCheck,
    Tasting,
    WasteRemoval,
    Withholding,
)
from schoollogistics.core.ids import require_id
from schoollogistics.core.shapes import checked_fields

__all__ = [
    "EVENT_TYPES",
    "AccompanimentRecorded",
    "CanteenEvent",
    "CanteenState",
    "CertificateRegistered",
    "DishWithheld",
    "DisinfectionLogged",
    "ExpensePosted",
    "HandlerCleared",
    "HandlerRostered",
    "IncomePosted",
    "LeaveRecorded",
    "LotDisposed",
    "LotReceived",
    "LotRecordsPurged",
    "MealServed",
    "MorningCheckRecorded",
    "PaymentRecorded",
    "RecordedCanteenEvent",
    "RefundPaidOut",
    "StatementPublished",
    "StockIssued",
    "StoreroomChecked",
    "TastingRecorded",
    "WasteLogged",
]


@attrs.frozen(field_transformer=checked_fields())
class PaymentRecorded:
    """Event: a pupil's meal fee was recorded as paid (CN-1).

    Attributes:
        payment: The payment.
    """

    payment: MealFeePayment


@attrs.frozen(field_transformer=checked_fields())
class LeaveRecorded:
    """Event: a pupil's leave was recorded (请假登记) (CN-1).

    Attributes:
        leave: The leave.
    """

    leave: Leave


@attrs.frozen(field_transformer=checked_fields())
class RefundPaidOut:
    """Event: a refund was paid out (CN-1).

    Attributes:
        refund: The payout.
    """

    refund: RefundPaid


@attrs.frozen(field_transformer=checked_fields())
class LotReceived:
    """Event: a lot was accepted into the storeroom with its inspection record (CN-2, CN-4).

    Attributes:
        lot: The lot.
        inspection: Its inspection record.
    """

    lot: Lot
    inspection: Inspection


@attrs.frozen(field_transformer=checked_fields())
class StockIssued:
    """Event: stock was issued, drawing on the lots the policy's order chose (CN-2).

    Attributes:
        issue: The issue and its draws.
    """

    issue: IssueRecord


@attrs.frozen(field_transformer=checked_fields())
class LotDisposed:
    """Event: (part of) a lot was disposed of (CN-2).

    Attributes:
        disposal: The disposal.
    """

    disposal: LotDisposal


@attrs.frozen(field_transformer=checked_fields())
class CertificateRegistered:
    """Event: a handler's health certificate was registered (CN-3).

    Attributes:
        certificate: The certificate.
    """

    certificate: HealthCertificate


@attrs.frozen(field_transformer=checked_fields())
class MorningCheckRecorded:
    """Event: a handler's morning check was recorded (晨检) (CN-3).

    Attributes:
        check: The check.
    """

    check: MorningCheck


@attrs.frozen(field_transformer=checked_fields())
class HandlerCleared:
    """Event: a handler was cleared to return to duty (CN-3).

    Attributes:
        clearance: The clearance.
    """

    clearance: Clearance


@attrs.frozen(field_transformer=checked_fields())
class HandlerRostered:
    """Event: a handler was put on a day's roster (CN-3).

    Attributes:
        entry: The roster entry.
    """

    entry: RosterEntry


@attrs.frozen(field_transformer=checked_fields())
class MealServed:
    """Event: a meal's menu was recorded as served (CN-5).

    Attributes:
        menu: The meal and its dishes' categories.
    """

    menu: Menu


@attrs.frozen(field_transformer=checked_fields())
class TastingRecorded:
    """Event: a dish was tasted (试尝) (CN-7).

    Attributes:
        tasting: The tasting.
    """

    tasting: Tasting


@attrs.frozen(field_transformer=checked_fields())
class AccompanimentRecorded:
    """Event: a 陪餐 record was made (CN-6).

    Attributes:
        accompaniment: The record.
    """

    accompaniment: Accompaniment


@attrs.frozen(field_transformer=checked_fields())
class IncomePosted:
    """Event: income was posted to a meal account (CN-8).

    Attributes:
        income: The entry.
    """

    income: MealIncome


@attrs.frozen(field_transformer=checked_fields())
class ExpensePosted:
    """Event: spending was posted to a meal account (CN-8).

    Attributes:
        expense: The entry.
    """

    expense: MealExpense


@attrs.frozen(field_transformer=checked_fields())
class StatementPublished:
    """Event: a month's meal-account statement was published (公示) (CN-8).

    Attributes:
        publication: The publication.
    """

    publication: Publication


@attrs.frozen(field_transformer=checked_fields())
class WasteLogged:
    """Event: a food-waste removal was logged (CN-9).

    Attributes:
        removal: The removal.
    """

    removal: WasteRemoval


@attrs.frozen(field_transformer=checked_fields())
class DisinfectionLogged:
    """Event: a disinfection was logged (CN-9).

    Attributes:
        disinfection: The entry.
    """

    disinfection: Disinfection


@attrs.frozen(field_transformer=checked_fields())
class StoreroomChecked:
    """Event: the storeroom was checked and held no lot past its expiry (CN-2).

    Attributes:
        storeroom_check: The check.
    """

    storeroom_check: StoreroomCheck


@attrs.frozen(field_transformer=checked_fields())
class LotRecordsPurged:
    """Event: a lot's inspection record and vouchers were destroyed after retention (CN-4).

    Attributes:
        purge: The destruction.
    """

    purge: RecordsPurge


@attrs.frozen(field_transformer=checked_fields())
class DishWithheld:
    """Event: a dish was withheld from service (CN-7).

    Attributes:
        withholding: The record.
    """

    withholding: Withholding


CanteenEvent: TypeAlias = (
    PaymentRecorded
    | LeaveRecorded
    | RefundPaidOut
    | LotReceived
    | StockIssued
    | LotDisposed
    | CertificateRegistered
    | MorningCheckRecorded
    | HandlerCleared
    | HandlerRostered
    | MealServed
    | TastingRecorded
    | AccompanimentRecorded
    | IncomePosted
    | ExpensePosted
    | StatementPublished
    | WasteLogged
    | DisinfectionLogged
    | StoreroomChecked
    | LotRecordsPurged
    | DishWithheld
)
"""Everything a canteen records, in order (serialized with a ``"type"`` tag)."""

EVENT_TYPES: Final[tuple[type[CanteenEvent], ...]] = typing.get_args(CanteenEvent)
"""The event types, in the order of the union."""


@attrs.frozen(field_transformer=checked_fields())
class RecordedCanteenEvent:
    """An accepted event with its sequence number (1 for the first): one stored row.

    Attributes:
        sequence: The event's position in the canteen's history.
        event: The event.
    """

    sequence: int = attrs.field(metadata={"minimum": 1})
    event: CanteenEvent


def _canteen_id(value: object) -> str:
    return require_id(value, field="canteen_id")


def _events(value: Iterable[CanteenEvent]) -> tuple[CanteenEvent, ...]:
    return tuple(value)


@attrs.frozen(field_transformer=checked_fields())
class CanteenState:
    """A canteen's whole history as one serializable record (``Canteen.from_state``).

    Attributes:
        canteen_id: The canteen.
        policy: The policy it enforces.
        events: Its events, in order.
    """

    canteen_id: str = attrs.field(converter=_canteen_id)
    policy: CanteenPolicy
    events: tuple[CanteenEvent, ...] = attrs.field(converter=_events)
