"""The commands of the canteen: what a front end asks for, in the imperative (CN-1 … CN-9).

Each command is a frozen record (a ``"type"``-tagged
[`CanteenCommand`][schoollogistics.canteen.CanteenCommand] in JSON) run by
[`Canteen.execute`][schoollogistics.canteen.Canteen.execute], which returns the
event recorded or raises the typed refusal. Each command records the event at
the same index of the unions, of the same fields, except ``IssueStock``: the
canteen chooses the lots (first to expire, first out) and records them in
``StockIssued``.
"""

from __future__ import annotations

import typing
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.canteen._records import (
    Accompaniment,
    Clearance,
    Disinfection,
    HealthCertificate,
    Inspection,
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
    _day,
    _id,
    _optional_id,
)
from schoollogistics.core.shapes import checked_fields

__all__ = [
    "COMMAND_TYPES",
    "CanteenCommand",
    "CheckStoreroom",
    "ClearHandler",
    "DisposeLot",
    "IssueStock",
    "LogDisinfection",
    "LogWaste",
    "PayRefund",
    "PostExpense",
    "PostIncome",
    "PublishStatement",
    "PurgeLotRecords",
    "ReceiveLot",
    "RecordAccompaniment",
    "RecordLeave",
    "RecordMorningCheck",
    "RecordPayment",
    "RecordTasting",
    "RegisterCertificate",
    "RosterHandler",
    "ServeMeal",
    "WithholdDish",
]


@attrs.frozen(field_transformer=checked_fields())
class RecordPayment:
    """Record a pupil's meal fee (CN-1). Records ``PaymentRecorded``.

    Attributes:
        payment: The payment.
    """

    payment: MealFeePayment


@attrs.frozen(field_transformer=checked_fields())
class RecordLeave:
    """Record a pupil's leave (CN-1). Records ``LeaveRecorded``.

    Attributes:
        leave: The leave.
    """

    leave: Leave


@attrs.frozen(field_transformer=checked_fields())
class PayRefund:
    """Pay out a refund (CN-1: never above what was paid). Records ``RefundPaidOut``.

    Attributes:
        refund: The payout.
    """

    refund: RefundPaid


@attrs.frozen(field_transformer=checked_fields())
class ReceiveLot:
    """Accept a lot with its inspection record (CN-2, CN-4, CN-5). Records ``LotReceived``.

    Attributes:
        lot: The lot.
        inspection: Its inspection record.
    """

    lot: Lot
    inspection: Inspection


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class IssueStock:
    """Issue stock of a product (CN-2). Records ``StockIssued`` with the lots drawn.

    Without ``lot_id`` the policy's order chooses (first to expire, first out,
    expired lots skipped and reported); a named lot must not be expired.

    Attributes:
        issue_id: The issue's id.
        product: The product.
        quantity: How many units (at least 1).
        on: The day.
        by: The storekeeper.
        lot_id: A lot named by the storekeeper, if any.
    """

    issue_id: str = attrs.field(converter=_id)
    product: str = attrs.field(converter=_id)
    quantity: int = attrs.field(metadata={"minimum": 1})
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)
    lot_id: str | None = attrs.field(default=None, converter=_optional_id)


@attrs.frozen(field_transformer=checked_fields())
class DisposeLot:
    """Dispose of (part of) a lot (CN-2). Records ``LotDisposed``.

    Attributes:
        disposal: The disposal.
    """

    disposal: LotDisposal


@attrs.frozen(field_transformer=checked_fields())
class RegisterCertificate:
    """Register a health certificate (CN-3). Records ``CertificateRegistered``.

    Attributes:
        certificate: The certificate.
    """

    certificate: HealthCertificate


@attrs.frozen(field_transformer=checked_fields())
class RecordMorningCheck:
    """Record a morning check (CN-3). Records ``MorningCheckRecorded``.

    Attributes:
        check: The check.
    """

    check: MorningCheck


@attrs.frozen(field_transformer=checked_fields())
class ClearHandler:
    """Clear a handler to return to duty (CN-3). Records ``HandlerCleared``.

    Attributes:
        clearance: The clearance.
    """

    clearance: Clearance


@attrs.frozen(field_transformer=checked_fields())
class RosterHandler:
    """Put a handler on a day's roster (CN-3). Records ``HandlerRostered``.

    Attributes:
        entry: The roster entry.
    """

    entry: RosterEntry


@attrs.frozen(field_transformer=checked_fields())
class ServeMeal:
    """Record a meal's menu as served (CN-5: no banned food). Records ``MealServed``.

    Attributes:
        menu: The meal and its dishes' categories.
    """

    menu: Menu


@attrs.frozen(field_transformer=checked_fields())
class RecordTasting:
    """Record a tasting (CN-7). Records ``TastingRecorded``.

    Attributes:
        tasting: The tasting.
    """

    tasting: Tasting


@attrs.frozen(field_transformer=checked_fields())
class RecordAccompaniment:
    """Record a 陪餐 (CN-6). Records ``AccompanimentRecorded``.

    Attributes:
        accompaniment: The record.
    """

    accompaniment: Accompaniment


@attrs.frozen(field_transformer=checked_fields())
class PostIncome:
    """Post income to a meal account (CN-8). Records ``IncomePosted``.

    Attributes:
        income: The entry.
    """

    income: MealIncome


@attrs.frozen(field_transformer=checked_fields())
class PostExpense:
    """Post spending to a meal account (CN-8: 专款专用). Records ``ExpensePosted``.

    Attributes:
        expense: The entry.
    """

    expense: MealExpense


@attrs.frozen(field_transformer=checked_fields())
class PublishStatement:
    """Publish a month's statement (CN-8). Records ``StatementPublished``.

    Attributes:
        publication: The publication.
    """

    publication: Publication


@attrs.frozen(field_transformer=checked_fields())
class LogWaste:
    """Log a food-waste removal (CN-9). Records ``WasteLogged``.

    Attributes:
        removal: The removal.
    """

    removal: WasteRemoval


@attrs.frozen(field_transformer=checked_fields())
class LogDisinfection:
    """Log a disinfection (CN-9). Records ``DisinfectionLogged``.

    Attributes:
        disinfection: The entry.
    """

    disinfection: Disinfection


@attrs.frozen(field_transformer=checked_fields())
class CheckStoreroom:
    """Record a check of the storeroom (CN-2: no expired lot on hand). Records ``StoreroomChecked``.

    Refused while a lot past its expiry on the check's day has units on hand:
    dispose of it first (``DisposeLot``: who, when, how much).

    Attributes:
        storeroom_check: The check.
    """

    storeroom_check: StoreroomCheck


@attrs.frozen(field_transformer=checked_fields())
class PurgeLotRecords:
    """Destroy a lot's inspection record and vouchers (CN-4). Records ``LotRecordsPurged``.

    Refused before the retention ends (``CanteenPolicy.keep_records_until``).

    Attributes:
        purge: The destruction.
    """

    purge: RecordsPurge


@attrs.frozen(field_transformer=checked_fields())
class WithholdDish:
    """Withhold a dish from service, after a failed tasting (CN-7). Records ``DishWithheld``.

    Attributes:
        withholding: The record.
    """

    withholding: Withholding


CanteenCommand: TypeAlias = (
    RecordPayment
    | RecordLeave
    | PayRefund
    | ReceiveLot
    | IssueStock
    | DisposeLot
    | RegisterCertificate
    | RecordMorningCheck
    | ClearHandler
    | RosterHandler
    | ServeMeal
    | RecordTasting
    | RecordAccompaniment
    | PostIncome
    | PostExpense
    | PublishStatement
    | LogWaste
    | LogDisinfection
    | CheckStoreroom
    | PurgeLotRecords
    | WithholdDish
)
"""Any command of the canteen (serialized with a ``"type"`` tag)."""

COMMAND_TYPES: Final[tuple[type[CanteenCommand], ...]] = typing.get_args(CanteenCommand)
"""The command types, in the order of the union (each records the event at the same index)."""
