"""The fold of the canteen: how each accepted event changes the state (no checks)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

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
from schoollogistics.canteen._records import (
    Accompaniment,
    CanteenLog,
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

__all__ = ["FOLDS", "Kitchen", "fold"]


@attrs.define(eq=False)
class Kitchen:
    """What a canteen holds after its events.

    Attributes:
        canteen_id: The canteen.
        events: Every accepted event, in order.
        payments: Meal fees by payment id.
        leaves: Leaves by id.
        refunds_paid: Refund payouts, in order.
        refunded: The total paid out per payment id, in fen.
        lots: Lots by id, in the order received.
        inspections: Inspection records by lot id.
        on_hand: Units on hand per lot id (never negative).
        issues: Issues by id.
        disposals: Disposals by id.
        certificates: Health certificates by id.
        checks: Morning checks by (handler, day).
        clearances: Clearances by (handler, day).
        roster: Roster entries, in order.
        menus: Meals served by meal id.
        tastings: Tastings, in order.
        accompaniments: 陪餐 records, in order.
        incomes: Income entries by id.
        expenses: Expense entries by id.
        publications: Publications, in order.
        waste: Waste removals by id.
        disinfections: Disinfections by id.
        storeroom_checks: Storeroom checks by id.
        purges: Destructions of records by lot id.
        withholdings: Dishes withheld by (meal, dish).
    """

    canteen_id: str
    events: list[CanteenEvent] = attrs.field(factory=list)
    payments: dict[str, MealFeePayment] = attrs.field(factory=dict)
    leaves: dict[str, Leave] = attrs.field(factory=dict)
    refunds_paid: list[RefundPaid] = attrs.field(factory=list)
    refunded: dict[str, int] = attrs.field(factory=dict)
    lots: dict[str, Lot] = attrs.field(factory=dict)
    inspections: dict[str, Inspection] = attrs.field(factory=dict)
    on_hand: dict[str, int] = attrs.field(factory=dict)
    issues: dict[str, IssueRecord] = attrs.field(factory=dict)
    disposals: dict[str, LotDisposal] = attrs.field(factory=dict)
    certificates: dict[str, HealthCertificate] = attrs.field(factory=dict)
    checks: dict[tuple[str, object], MorningCheck] = attrs.field(factory=dict)
    clearances: dict[tuple[str, object], Clearance] = attrs.field(factory=dict)
    roster: list[RosterEntry] = attrs.field(factory=list)
    menus: dict[str, Menu] = attrs.field(factory=dict)
    tastings: list[Tasting] = attrs.field(factory=list)
    accompaniments: list[Accompaniment] = attrs.field(factory=list)
    incomes: dict[str, MealIncome] = attrs.field(factory=dict)
    expenses: dict[str, MealExpense] = attrs.field(factory=dict)
    publications: list[Publication] = attrs.field(factory=list)
    waste: dict[str, WasteRemoval] = attrs.field(factory=dict)
    disinfections: dict[str, Disinfection] = attrs.field(factory=dict)
    storeroom_checks: dict[str, StoreroomCheck] = attrs.field(factory=dict)
    purges: dict[str, RecordsPurge] = attrs.field(factory=dict)
    withholdings: dict[tuple[str, str], Withholding] = attrs.field(factory=dict)

    def log(self) -> CanteenLog:
        """The records as plain data for the audit."""
        return CanteenLog(
            payments=tuple(self.payments.values()),
            leaves=tuple(self.leaves.values()),
            refunds_paid=tuple(self.refunds_paid),
            lots=tuple(self.lots.values()),
            inspections=tuple(self.inspections.values()),
            issues=tuple(self.issues.values()),
            disposals=tuple(self.disposals.values()),
            certificates=tuple(self.certificates.values()),
            checks=tuple(self.checks.values()),
            clearances=tuple(self.clearances.values()),
            roster=tuple(self.roster),
            menus=tuple(self.menus.values()),
            tastings=tuple(self.tastings),
            accompaniments=tuple(self.accompaniments),
            incomes=tuple(self.incomes.values()),
            expenses=tuple(self.expenses.values()),
            publications=tuple(self.publications),
            waste=tuple(self.waste.values()),
            disinfections=tuple(self.disinfections.values()),
            storeroom_checks=tuple(self.storeroom_checks.values()),
            purges=tuple(self.purges.values()),
            withholdings=tuple(self.withholdings.values()),
        )


def _payment(state: Kitchen, event: PaymentRecorded) -> None:
    state.payments[event.payment.payment_id] = event.payment


def _leave(state: Kitchen, event: LeaveRecorded) -> None:
    state.leaves[event.leave.leave_id] = event.leave


def _refund(state: Kitchen, event: RefundPaidOut) -> None:
    state.refunds_paid.append(event.refund)
    key = event.refund.payment_id
    state.refunded[key] = state.refunded.get(key, 0) + event.refund.amount.fen


def _received(state: Kitchen, event: LotReceived) -> None:
    state.lots[event.lot.lot_id] = event.lot
    state.inspections[event.lot.lot_id] = event.inspection
    state.on_hand[event.lot.lot_id] = event.lot.quantity


def _issued(state: Kitchen, event: StockIssued) -> None:
    state.issues[event.issue.issue_id] = event.issue
    for draw in event.issue.draws:
        state.on_hand[draw.lot_id] -= draw.quantity


def _disposed(state: Kitchen, event: LotDisposed) -> None:
    state.disposals[event.disposal.disposal_id] = event.disposal
    state.on_hand[event.disposal.lot_id] -= event.disposal.quantity


def _certificate(state: Kitchen, event: CertificateRegistered) -> None:
    state.certificates[event.certificate.certificate_id] = event.certificate


def _check(state: Kitchen, event: MorningCheckRecorded) -> None:
    state.checks[event.check.handler_id, event.check.day] = event.check


def _cleared(state: Kitchen, event: HandlerCleared) -> None:
    state.clearances[event.clearance.handler_id, event.clearance.day] = event.clearance


def _rostered(state: Kitchen, event: HandlerRostered) -> None:
    state.roster.append(event.entry)


def _served(state: Kitchen, event: MealServed) -> None:
    state.menus[event.menu.meal.meal_id] = event.menu


def _tasted(state: Kitchen, event: TastingRecorded) -> None:
    state.tastings.append(event.tasting)


def _accompanied(state: Kitchen, event: AccompanimentRecorded) -> None:
    state.accompaniments.append(event.accompaniment)


def _income(state: Kitchen, event: IncomePosted) -> None:
    state.incomes[event.income.entry_id] = event.income


def _expense(state: Kitchen, event: ExpensePosted) -> None:
    state.expenses[event.expense.entry_id] = event.expense


def _published(state: Kitchen, event: StatementPublished) -> None:
    state.publications.append(event.publication)


def _waste(state: Kitchen, event: WasteLogged) -> None:
    state.waste[event.removal.removal_id] = event.removal


def _disinfection(state: Kitchen, event: DisinfectionLogged) -> None:
    state.disinfections[event.disinfection.entry_id] = event.disinfection


def _storeroom_checked(state: Kitchen, event: StoreroomChecked) -> None:
    state.storeroom_checks[event.storeroom_check.check_id] = event.storeroom_check


def _purged(state: Kitchen, event: LotRecordsPurged) -> None:
    state.purges[event.purge.lot_id] = event.purge


def _withheld(state: Kitchen, event: DishWithheld) -> None:
    key = (event.withholding.meal_id, event.withholding.dish)
    state.withholdings[key] = event.withholding


FOLDS: Final[Mapping[type, Callable[..., None]]] = MappingProxyType(
    {
        PaymentRecorded: _payment,
        LeaveRecorded: _leave,
        RefundPaidOut: _refund,
        LotReceived: _received,
        StockIssued: _issued,
        LotDisposed: _disposed,
        CertificateRegistered: _certificate,
        MorningCheckRecorded: _check,
        HandlerCleared: _cleared,
        HandlerRostered: _rostered,
        MealServed: _served,
        TastingRecorded: _tasted,
        AccompanimentRecorded: _accompanied,
        IncomePosted: _income,
        ExpensePosted: _expense,
        StatementPublished: _published,
        WasteLogged: _waste,
        DisinfectionLogged: _disinfection,
        StoreroomChecked: _storeroom_checked,
        LotRecordsPurged: _purged,
        DishWithheld: _withheld,
    }
)
"""The state change of each event type."""


def fold(state: Kitchen, event: CanteenEvent) -> None:
    """Apply one (trusted) event and append it to the events."""
    FOLDS[type(event)](state, event)
    state.events.append(event)
