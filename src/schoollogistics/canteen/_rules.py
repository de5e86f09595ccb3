"""The guards of the canteen: one function per rule and concern (CN-1 … CN-9).

Each guard takes the canteen's state, the event about to be recorded and the
policy, and raises the typed refusal or returns. ``GUARDS`` says which guards
apply to each event type, in order (the first refusal wins); the canteen runs
them before the fold, so a refused event changes nothing. What is a fact to
record rather than a refusal (a tasting after service, a month published late,
a handler on duty without a morning check) is left to the audit.

Sources: seeds 001, 002, 004 and the 2019 规定 (see ``docs/explanation/rules/canteen.md``).
"""

# ruff: noqa: ARG001 - every guard has the signature (state, event, policy), used or not

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from schoollogistics.canteen._events import (
    AccompanimentRecorded,
    CanteenEvent,
    CertificateRegistered,
    DishWithheld,
    DisinfectionLogged,
    ExpensePosted,
    HandlerCleared,
    HandlerRostered,
    IncomePosted,
    LeaveRecorded,
    LotDisposed,
    LotReceived,
    LotRecordsPurged,
    MealServed,
    MorningCheckRecorded,
    PaymentRecorded,
    RefundPaidOut,
    StatementPublished,
    StockIssued,
    StoreroomChecked,
    TastingRecorded,
    WasteLogged,
)
from schoollogistics.canteen._fold import Kitchen
from schoollogistics.canteen._policy import NATIONAL_BANNED, CanteenPolicy
from schoollogistics.canteen._records import CERTIFICATE_ZH, Account, Certificate, CostKind
from schoollogistics.canteen._storeroom import is_expired, plan_issue
from schoollogistics.canteen.errors import (
    BannedFoodError,
    CollectorNotApprovedError,
    DuplicateCanteenIdError,
    ExpiredLotError,
    ExpiredStockOnHandError,
    HandlerUnfitError,
    InspectionIncompleteError,
    InsufficientStockError,
    InvalidCanteenRecordError,
    PupilAccountMisuseError,
    RetentionNotEndedError,
    UnknownCanteenIdError,
)
from schoollogistics.errors import Phrase

__all__ = [
    "GUARDS",
    "check",
    "cn1_leave_id_unique",
    "cn1_payment_id_unique",
    "cn1_refund_within_paid",
    "cn2_disposal_within_stock",
    "cn2_issue_first_expiry_first_out",
    "cn2_lot_id_unique",
    "cn2_lot_not_expired_on_receipt",
    "cn2_storeroom_check_finds_no_expired_lot",
    "cn3_certificate_id_unique",
    "cn3_one_check_per_day",
    "cn3_roster_fit_handler",
    "cn4_inspection_complete",
    "cn4_records_kept_through_retention",
    "cn5_meal_id_unique",
    "cn5_menu_not_banned",
    "cn5_purchase_not_banned",
    "cn6_meal_known",
    "cn7_tasted_dish_served",
    "cn7_withheld_dish_of_meal",
    "cn8_entry_id_unique",
    "cn8_pupil_fees_for_pupil_meals",
    "cn9_collector_approved",
    "cn9_entry_id_unique",
]


# ---------------------------------------------------------------- CN-1 meal fees


def cn1_payment_id_unique(state: Kitchen, event: PaymentRecorded, policy: CanteenPolicy) -> None:
    """CN-1: each meal-fee payment is recorded once under its id."""
    if event.payment.payment_id in state.payments:
        raise DuplicateCanteenIdError(kind="MealFeePayment", id=event.payment.payment_id)


def cn1_leave_id_unique(state: Kitchen, event: LeaveRecorded, policy: CanteenPolicy) -> None:
    """CN-1: each leave (请假登记) is recorded once under its id."""
    if event.leave.leave_id in state.leaves:
        raise DuplicateCanteenIdError(kind="Leave", id=event.leave.leave_id)


def cn1_refund_within_paid(state: Kitchen, event: RefundPaidOut, policy: CanteenPolicy) -> None:
    """CN-1: a refund is for a recorded payment, and all its payouts never exceed what was paid."""
    payment = state.payments.get(event.refund.payment_id)
    if payment is None:
        raise UnknownCanteenIdError(kind="MealFeePayment", id=event.refund.payment_id)
    if not event.refund.amount.is_fen_exact:
        raise InvalidCanteenRecordError(
            record="RefundPaid",
            field="amount",
            reason=Phrase("not a whole number of fen", "金额须精确到分"),
        )
    total = state.refunded.get(payment.payment_id, 0) + event.refund.amount.fen
    if total > payment.paid.fen:
        raise InvalidCanteenRecordError(
            record="RefundPaid",
            field="amount",
            reason=Phrase(
                "refunds of {total} fen would exceed the {paid} fen paid",
                "累计退费 {total} 分将超过已缴 {paid} 分",
                total=total,
                paid=payment.paid.fen,
            ),
        )


# ---------------------------------------------------------------- CN-2 the storeroom


def cn2_lot_id_unique(state: Kitchen, event: LotReceived, policy: CanteenPolicy) -> None:
    """CN-2: each lot is received once under its id."""
    if event.lot.lot_id in state.lots:
        raise DuplicateCanteenIdError(kind="Lot", id=event.lot.lot_id)


def cn2_lot_not_expired_on_receipt(
    state: Kitchen, event: LotReceived, policy: CanteenPolicy
) -> None:
    """CN-2: no expired food enters the storeroom ("确保库内无过期食品", seed 004)."""
    if is_expired(event.lot, event.inspection.delivered_on):
        raise ExpiredLotError(
            lot_id=event.lot.lot_id, expiry=event.lot.expiry, on=event.inspection.delivered_on
        )


def cn2_issue_first_expiry_first_out(
    state: Kitchen, event: StockIssued, policy: CanteenPolicy
) -> None:
    """CN-2: an issue takes the lot that expires first and never an expired lot.

    A lot named by the storekeeper must be of the product, unexpired and in stock;
    otherwise the draws must be exactly those of the policy's order (FEFO by default,
    a tie to the lot received first; FIFO when configured), expired lots skipped.
    """
    issue = event.issue
    if issue.issue_id in state.issues:
        raise DuplicateCanteenIdError(kind="IssueRecord", id=issue.issue_id)
    for draw in issue.draws:
        lot = state.lots.get(draw.lot_id)
        if lot is None or lot.product != issue.product:
            raise UnknownCanteenIdError(kind="Lot", id=draw.lot_id)
        if is_expired(lot, issue.on):
            raise ExpiredLotError(lot_id=lot.lot_id, expiry=lot.expiry, on=issue.on)
    if issue.lot_named:
        if len(issue.draws) != 1 or issue.draws[0].quantity != issue.quantity:
            raise InvalidCanteenRecordError(
                record="IssueRecord",
                field="draws",
                reason=Phrase("a named lot is one draw", "指定批次出库只能有一条"),
            )
        (named,) = issue.draws
        have = state.on_hand.get(named.lot_id, 0)
        if named.quantity > have:
            raise InsufficientStockError(
                product=issue.product, quantity=named.quantity, available=have, on=issue.on
            )
        return
    lots = list(state.lots.values())
    draws, skipped, available = plan_issue(
        lots, state.on_hand, issue.product, quantity=issue.quantity, on=issue.on, policy=policy
    )
    if issue.quantity > available:
        raise InsufficientStockError(
            product=issue.product, quantity=issue.quantity, available=available, on=issue.on
        )
    if draws != issue.draws or skipped != issue.skipped_expired:
        raise InvalidCanteenRecordError(
            record="IssueRecord",
            field="draws",
            reason=Phrase(
                "the draws are not first expiry, first out",
                "出库批次不符合先到期先出库",
            ),
        )


def cn2_disposal_within_stock(state: Kitchen, event: LotDisposed, policy: CanteenPolicy) -> None:
    """CN-2: a disposal is recorded once, for a lot in stock, never below zero."""
    disposal = event.disposal
    if disposal.disposal_id in state.disposals:
        raise DuplicateCanteenIdError(kind="LotDisposal", id=disposal.disposal_id)
    lot = state.lots.get(disposal.lot_id)
    if lot is None:
        raise UnknownCanteenIdError(kind="Lot", id=disposal.lot_id)
    have = state.on_hand[lot.lot_id]
    if disposal.quantity > have:
        raise InsufficientStockError(
            product=lot.product, quantity=disposal.quantity, available=have, on=disposal.on
        )


def cn2_storeroom_check_finds_no_expired_lot(
    state: Kitchen, event: StoreroomChecked, policy: CanteenPolicy
) -> None:
    """CN-2: a storeroom check finds no lot past its expiry on hand (seed 004).

    Each check is recorded once under its id. Every lot expired on the check's day
    with units still on hand must first be removed by a recorded disposal (who,
    when, how much); until then the check is refused.
    """
    check_ = event.storeroom_check
    if check_.check_id in state.storeroom_checks:
        raise DuplicateCanteenIdError(kind="StoreroomCheck", id=check_.check_id)
    expired = [
        lot.lot_id
        for lot in state.lots.values()
        if state.on_hand[lot.lot_id] > 0 and is_expired(lot, check_.on)
    ]
    if expired:
        raise ExpiredStockOnHandError(
            check_id=check_.check_id, on=check_.on, lots=", ".join(expired)
        )


# ---------------------------------------------------------------- CN-3 handlers


def cn3_certificate_id_unique(
    state: Kitchen, event: CertificateRegistered, policy: CanteenPolicy
) -> None:
    """CN-3: each health certificate is registered once under its number."""
    if event.certificate.certificate_id in state.certificates:
        raise DuplicateCanteenIdError(kind="HealthCertificate", id=event.certificate.certificate_id)


def cn3_one_check_per_day(
    state: Kitchen, event: MorningCheckRecorded, policy: CanteenPolicy
) -> None:
    """CN-3: a handler has one morning check (晨检) per day."""
    key = (event.check.handler_id, event.check.day)
    if key in state.checks:
        raise DuplicateCanteenIdError(
            kind="MorningCheck", id=f"{event.check.handler_id}@{event.check.day.isoformat()}"
        )


def cn3_roster_fit_handler(state: Kitchen, event: HandlerRostered, policy: CanteenPolicy) -> None:
    """CN-3: only a handler with a health certificate valid that day, not off duty, is rostered.

    A handler whose morning check that day found a symptom (fever, diarrhoea, a skin
    wound or infection, a sore throat) is off duty until a recorded clearance.
    """
    entry = event.entry
    valid = any(
        certificate.handler_id == entry.handler_id
        and certificate.examined_on
        <= entry.day
        <= policy.certificate_valid_through(certificate.examined_on)
        for certificate in state.certificates.values()
    )
    if not valid:
        raise HandlerUnfitError(
            handler_id=entry.handler_id,
            day=entry.day,
            reason=Phrase("no health certificate valid that day", "无当日有效的健康证明"),
        )
    check_of_day = state.checks.get((entry.handler_id, entry.day))
    if (
        check_of_day is not None
        and not check_of_day.passed
        and (entry.handler_id, entry.day) not in state.clearances
    ):
        raise HandlerUnfitError(
            handler_id=entry.handler_id,
            day=entry.day,
            reason=Phrase(
                "the morning check found {symptoms}: off duty until cleared",
                "晨检发现{symptoms_zh}，未经复岗确认不得上岗",
                symptoms=", ".join(s.value for s in check_of_day.symptoms),
                symptoms_zh="、".join(s.label_zh for s in check_of_day.symptoms),
            ),
        )


# ---------------------------------------------------------------- CN-4 inbound inspection


def cn4_inspection_complete(state: Kitchen, event: LotReceived, policy: CanteenPolicy) -> None:
    """CN-4: a delivery is accepted only with its certificates and signed acceptance (索证索票).

    The supplier's licence and an invoice or delivery note always; a quarantine
    certificate where the law requires one; one acceptor, two when the policy asks
    for 双人验收; never a 三无 product.
    """
    lot, inspection = event.lot, event.inspection
    missing: list[Certificate] = []
    needed = [Certificate.SUPPLIER_LICENCE, Certificate.INVOICE]
    if lot.needs_quarantine:
        needed.append(Certificate.QUARANTINE)
    missing = [c for c in needed if c not in inspection.certificates]
    if inspection.lot_id != lot.lot_id:
        raise InspectionIncompleteError(
            lot_id=lot.lot_id,
            missing=Phrase("the inspection is of another lot", "验收记录不是本批次的"),
        )
    if inspection.three_no:
        raise InspectionIncompleteError(
            lot_id=lot.lot_id, missing=Phrase("a 三无 product", "三无产品")
        )
    if missing:
        raise InspectionIncompleteError(
            lot_id=lot.lot_id,
            missing=Phrase(
                "certificates not seen: {names}",
                "未索取：{names_zh}",
                names=", ".join(c.value for c in missing),
                names_zh="、".join(CERTIFICATE_ZH[c] for c in missing),
            ),
        )
    needed_signers = 2 if policy.two_acceptors else 1
    if len(set(inspection.accepted_by)) < needed_signers:
        raise InspectionIncompleteError(
            lot_id=lot.lot_id,
            missing=Phrase(
                "{count} acceptor(s) must sign", "须 {count} 人验收签字", count=needed_signers
            ),
        )


def cn4_records_kept_through_retention(
    state: Kitchen, event: LotRecordsPurged, policy: CanteenPolicy
) -> None:
    """CN-4: a lot's records and vouchers are destroyed only after their retention (§50 ¶2).

    Kept at least six months after the product's expiry, or two years after the
    delivery when no shelf life is stated (``CanteenPolicy.keep_records_until``);
    the records of a lot are destroyed once.
    """
    purge = event.purge
    lot = state.lots.get(purge.lot_id)
    if lot is None:
        raise UnknownCanteenIdError(kind="Lot", id=purge.lot_id)
    if purge.lot_id in state.purges:
        raise DuplicateCanteenIdError(kind="RecordsPurge", id=purge.lot_id)
    keep_until = policy.keep_records_until(lot, state.inspections[lot.lot_id].delivered_on)
    if purge.on < keep_until:
        raise RetentionNotEndedError(lot_id=lot.lot_id, keep_until=keep_until, on=purge.on)


# ---------------------------------------------------------------- CN-5 banned foods


def _banned_zh(category: str) -> str:
    return NATIONAL_BANNED.get(category, category)


def cn5_purchase_not_banned(state: Kitchen, event: LotReceived, policy: CanteenPolicy) -> None:
    """CN-5: no purchase in a banned high-risk category (2019 规定 §36)."""
    for category in event.lot.categories:
        if category in policy.banned:
            raise BannedFoodError(
                what=Phrase("purchase", "采购"),
                name=event.lot.product,
                category=_banned_zh(category),
            )


def cn5_meal_id_unique(state: Kitchen, event: MealServed, policy: CanteenPolicy) -> None:
    """CN-5: each meal is recorded once under its id (its menu is checked once)."""
    if event.menu.meal.meal_id in state.menus:
        raise DuplicateCanteenIdError(kind="Meal", id=event.menu.meal.meal_id)


def cn5_menu_not_banned(state: Kitchen, event: MealServed, policy: CanteenPolicy) -> None:
    """CN-5: no dish in a banned high-risk category (冷荤, 生食, 裱花蛋糕, 四季豆 …)."""
    for dish in event.menu.dishes:
        for category in dish.categories:
            if category in policy.banned:
                raise BannedFoodError(
                    what=Phrase("menu item", "菜品"), name=dish.name, category=_banned_zh(category)
                )


# ---------------------------------------------------------------- CN-6, CN-7 service


def cn6_meal_known(
    state: Kitchen, event: AccompanimentRecorded | TastingRecorded, policy: CanteenPolicy
) -> None:
    """CN-6, CN-7: a 陪餐 or tasting record is for a recorded meal."""
    meal_id = (
        event.accompaniment.meal_id
        if isinstance(event, AccompanimentRecorded)
        else event.tasting.meal_id
    )
    if meal_id not in state.menus:
        raise UnknownCanteenIdError(kind="Meal", id=meal_id)


def cn7_tasted_dish_served(state: Kitchen, event: TastingRecorded, policy: CanteenPolicy) -> None:
    """CN-7: the dish tasted is a dish of the meal."""
    meal = state.menus[event.tasting.meal_id].meal
    if event.tasting.dish not in meal.dishes:
        raise UnknownCanteenIdError(kind="Dish", id=event.tasting.dish)


def cn7_withheld_dish_of_meal(state: Kitchen, event: DishWithheld, policy: CanteenPolicy) -> None:
    """CN-7: a dish withheld (a dish that failed tasting) is a dish of a recorded meal, once."""
    withholding = event.withholding
    menu = state.menus.get(withholding.meal_id)
    if menu is None:
        raise UnknownCanteenIdError(kind="Meal", id=withholding.meal_id)
    if withholding.dish not in menu.meal.dishes:
        raise UnknownCanteenIdError(kind="Dish", id=withholding.dish)
    if (withholding.meal_id, withholding.dish) in state.withholdings:
        raise DuplicateCanteenIdError(
            kind="Withholding", id=f"{withholding.meal_id}/{withholding.dish}"
        )


# ---------------------------------------------------------------- CN-8 accounts


def cn8_entry_id_unique(
    state: Kitchen, event: IncomePosted | ExpensePosted, policy: CanteenPolicy
) -> None:
    """CN-8: each account entry is posted once under its id."""
    entry_id = event.income.entry_id if isinstance(event, IncomePosted) else event.expense.entry_id
    if entry_id in state.incomes or entry_id in state.expenses:
        raise DuplicateCanteenIdError(kind="AccountEntry", id=entry_id)


def cn8_pupil_fees_for_pupil_meals(
    state: Kitchen, event: ExpensePosted, policy: CanteenPolicy
) -> None:
    """CN-8: pupils' meal fees pay only for pupils' meals (专款专用, seed 004)."""
    expense = event.expense
    if expense.account is Account.PUPIL and expense.kind is not CostKind.PUPIL_MEALS:
        raise PupilAccountMisuseError(entry_id=expense.entry_id, kind=expense.kind.value)


# ---------------------------------------------------------------- CN-9 logs


def cn9_entry_id_unique(
    state: Kitchen, event: WasteLogged | DisinfectionLogged, policy: CanteenPolicy
) -> None:
    """CN-9: each waste or disinfection entry is logged once under its id."""
    if isinstance(event, WasteLogged):
        if event.removal.removal_id in state.waste:
            raise DuplicateCanteenIdError(kind="WasteRemoval", id=event.removal.removal_id)
    elif event.disinfection.entry_id in state.disinfections:
        raise DuplicateCanteenIdError(kind="Disinfection", id=event.disinfection.entry_id)


def cn9_collector_approved(state: Kitchen, event: WasteLogged, policy: CanteenPolicy) -> None:
    """CN-9: food waste goes only to a collector on the approved list.

    Checked once the school has entered its list (``approved_collectors`` not ``None``).
    """
    if not policy.collector_approved(event.removal.collector):
        raise CollectorNotApprovedError(
            removal_id=event.removal.removal_id, collector=event.removal.collector
        )


GUARDS: Final[Mapping[type, tuple[Callable[..., None], ...]]] = MappingProxyType(
    {
        PaymentRecorded: (cn1_payment_id_unique,),
        LeaveRecorded: (cn1_leave_id_unique,),
        RefundPaidOut: (cn1_refund_within_paid,),
        LotReceived: (
            cn2_lot_id_unique,
            cn4_inspection_complete,
            cn2_lot_not_expired_on_receipt,
            cn5_purchase_not_banned,
        ),
        StockIssued: (cn2_issue_first_expiry_first_out,),
        LotDisposed: (cn2_disposal_within_stock,),
        CertificateRegistered: (cn3_certificate_id_unique,),
        MorningCheckRecorded: (cn3_one_check_per_day,),
        HandlerCleared: (),
        HandlerRostered: (cn3_roster_fit_handler,),
        MealServed: (cn5_meal_id_unique, cn5_menu_not_banned),
        TastingRecorded: (cn6_meal_known, cn7_tasted_dish_served),
        AccompanimentRecorded: (cn6_meal_known,),
        IncomePosted: (cn8_entry_id_unique,),
        ExpensePosted: (cn8_entry_id_unique, cn8_pupil_fees_for_pupil_meals),
        StatementPublished: (),
        WasteLogged: (cn9_entry_id_unique, cn9_collector_approved),
        DisinfectionLogged: (cn9_entry_id_unique,),
        StoreroomChecked: (cn2_storeroom_check_finds_no_expired_lot,),
        LotRecordsPurged: (cn4_records_kept_through_retention,),
        DishWithheld: (cn7_withheld_dish_of_meal,),
    }
)
"""The guards of each event type, in the order they run (one key per ``EVENT_TYPES``)."""


def check(state: Kitchen, event: CanteenEvent, policy: CanteenPolicy) -> None:
    """Run the guards of the event's type; raise the first refusal."""
    for guard in GUARDS[type(event)]:
        guard(state, event, policy)
