"""The fold of the finance office: how each accepted event changes the state (no checks)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from schoollogistics.core.money import Money
from schoollogistics.purchasing._events import (
    BudgetAdopted,
    CaseApproved,
    CaseRegistered,
    CashMonthClosed,
    CashRecorded,
    DeliveryAccepted,
    FeeCharged,
    FeeListApproved,
    FinanceEvent,
    FundsCarriedOver,
    FundsReceived,
    GoodsStored,
    IncomeBanked,
    OrderPlaced,
    Posted,
    PurchaseApproved,
    PurchaseRequested,
    QuotaAllocated,
    QuoteRecorded,
    ReceiptBookIssued,
    ReceiptBookReturned,
    Reimbursed,
    SubsidyPaid,
)
from schoollogistics.purchasing._records import (
    BookReturn,
    BudgetLine,
    CarryOver,
    CashEntry,
    CashMonthClose,
    FeeCharge,
    FeeList,
    FinanceRecords,
    Posting,
    Purchase,
    Quota,
    ReceiptBook,
    SubsidyCase,
    SubsidyFunds,
    SubsidyPayment,
)
from schoollogistics.repairs import SchoolDays

__all__ = ["FOLDS", "Office", "fold"]


@attrs.define(eq=False)
class Office:
    """What a finance office holds after its events (indexes the guards read).

    Attributes:
        office_id: The office.
        working_days: The working days SB-3 and SB-4 count with ``DayCount.WORKING``.
        events: Every accepted event, in order.
        budgets: The budget lines, by id.
        committed: What the orders commit on each budget line.
        purchases: The purchases, by request id, each as it stands now.
        cash: The cash-book entries, by id, in the order recorded.
        balances: The banked balance of each fund.
        unbanked: The income entries not yet banked, by fund.
        closes: The month closes, in order.
        closed: The closed months, as ``(fund, "YYYY-MM")``.
        fee_lists: The approved fee lists, by term.
        postings: The postings, by id.
        books: The receipt books, by id.
        used: The receipt numbers used, by book.
        returns: The returned books, by id.
        charges: The charges, by id.
        quotas: The quotas, by (subsidy type, period).
        cases: The subsidy cases, by id, each as it stands now.
        approved: The approved cases, by (subsidy type, period).
        funds: The subsidy money received, by round.
        payments: The subsidy payments, by id.
        carry_overs: The money carried over, in order.
    """

    office_id: str
    working_days: SchoolDays | None = None
    events: list[FinanceEvent] = attrs.field(factory=list)
    budgets: dict[str, BudgetLine] = attrs.field(factory=dict)
    committed: dict[str, Money] = attrs.field(factory=dict)
    purchases: dict[str, Purchase] = attrs.field(factory=dict)
    cash: dict[str, CashEntry] = attrs.field(factory=dict)
    balances: dict[str, Money] = attrs.field(factory=dict)
    unbanked: dict[str, dict[str, CashEntry]] = attrs.field(factory=dict)
    closes: list[CashMonthClose] = attrs.field(factory=list)
    closed: set[tuple[str, str]] = attrs.field(factory=set)
    fee_lists: dict[str, FeeList] = attrs.field(factory=dict)
    postings: dict[str, Posting] = attrs.field(factory=dict)
    books: dict[str, ReceiptBook] = attrs.field(factory=dict)
    used: dict[str, set[int]] = attrs.field(factory=dict)
    returns: dict[str, BookReturn] = attrs.field(factory=dict)
    charges: dict[str, FeeCharge] = attrs.field(factory=dict)
    quotas: dict[tuple[str, str], Quota] = attrs.field(factory=dict)
    cases: dict[str, SubsidyCase] = attrs.field(factory=dict)
    approved: dict[tuple[str, str], int] = attrs.field(factory=dict)
    funds: dict[str, SubsidyFunds] = attrs.field(factory=dict)
    payments: dict[str, SubsidyPayment] = attrs.field(factory=dict)
    carry_overs: list[CarryOver] = attrs.field(factory=list)

    def records(self) -> FinanceRecords:
        """The records as plain data for the audit."""
        return FinanceRecords(
            purchases=tuple(self.purchases.values()),
            budgets=tuple(self.budgets.values()),
            cash=tuple(self.cash.values()),
            closes=tuple(self.closes),
            fee_lists=tuple(self.fee_lists.values()),
            postings=tuple(self.postings.values()),
            charges=tuple(self.charges.values()),
            books=tuple(self.books.values()),
            returns=tuple(self.returns.values()),
            quotas=tuple(self.quotas.values()),
            cases=tuple(self.cases.values()),
            funds=tuple(self.funds.values()),
            payments=tuple(self.payments.values()),
            carry_overs=tuple(self.carry_overs),
        )


def _evolve(state: Office, request_id: str, **changes: object) -> None:
    # attrs.evolve's typed signature wants each field's own type; the changes are
    # the event's fields, typed by the events.
    state.purchases[request_id] = attrs.evolve(state.purchases[request_id], **changes)  # type: ignore[arg-type]


def _budget(state: Office, event: BudgetAdopted) -> None:
    state.budgets[event.budget.line_id] = event.budget


def _requested(state: Office, event: PurchaseRequested) -> None:
    state.purchases[event.request.request_id] = Purchase(request=event.request)


def _quoted(state: Office, event: QuoteRecorded) -> None:
    purchase = state.purchases[event.quote.request_id]
    _evolve(state, event.quote.request_id, quotes=(*purchase.quotes, event.quote))


def _approved(state: Office, event: PurchaseApproved) -> None:
    _evolve(
        state,
        event.request_id,
        approved_at=event.at,
        approved_by=event.by,
        approver_role=event.role,
    )


def _ordered(state: Office, event: OrderPlaced) -> None:
    request_id = event.order.request_id
    _evolve(state, request_id, order=event.order)
    purchase = state.purchases[request_id]
    line = purchase.request.budget_line
    state.committed[line] = state.committed.get(line, Money(0)) + purchase.ordered_total()


def _accepted(state: Office, event: DeliveryAccepted) -> None:
    _evolve(state, event.delivery.request_id, delivery=event.delivery)


def _stored(state: Office, event: GoodsStored) -> None:
    _evolve(state, event.request_id, stored_on=event.on, ledger_sequences=event.ledger_sequences)


def _reimbursed(state: Office, event: Reimbursed) -> None:
    _evolve(state, event.reimbursement.request_id, reimbursement=event.reimbursement)


def _cash(state: Office, event: CashRecorded) -> None:
    entry = event.entry
    state.cash[entry.entry_id] = entry
    balance = state.balances.get(entry.fund, Money(0))
    if entry.kind.value == "spending":
        state.balances[entry.fund] = balance - entry.amount
    elif entry.banked_on is None:
        state.unbanked.setdefault(entry.fund, {})[entry.entry_id] = entry
    else:
        state.balances[entry.fund] = balance + entry.amount


def _banked(state: Office, event: IncomeBanked) -> None:
    entry = attrs.evolve(state.cash[event.entry_id], banked_on=event.on)
    state.cash[event.entry_id] = entry
    del state.unbanked[entry.fund][entry.entry_id]
    state.balances[entry.fund] = state.balances.get(entry.fund, Money(0)) + entry.amount


def _closed(state: Office, event: CashMonthClosed) -> None:
    state.closes.append(event.close)
    state.closed.add((event.close.fund, event.close.key))


def _fee_list(state: Office, event: FeeListApproved) -> None:
    state.fee_lists[event.fee_list.term_id] = event.fee_list


def _posted(state: Office, event: Posted) -> None:
    state.postings[event.posting.posting_id] = event.posting


def _book(state: Office, event: ReceiptBookIssued) -> None:
    state.books[event.book.book_id] = event.book
    state.used[event.book.book_id] = set()


def _charged(state: Office, event: FeeCharged) -> None:
    state.charges[event.charge.charge_id] = event.charge
    state.used[event.charge.book_id].add(event.charge.receipt_no)


def _returned(state: Office, event: ReceiptBookReturned) -> None:
    state.returns[event.book_return.book_id] = event.book_return


def _quota(state: Office, event: QuotaAllocated) -> None:
    state.quotas[event.quota.subsidy_type, event.quota.period] = event.quota


def _registered(state: Office, event: CaseRegistered) -> None:
    state.cases[event.case.case_id] = event.case


def _case_approved(state: Office, event: CaseApproved) -> None:
    case = attrs.evolve(
        state.cases[event.case_id], approved_on=event.on, approved_by=event.by, amount=event.amount
    )
    state.cases[event.case_id] = case
    key = (case.subsidy_type, case.period)
    state.approved[key] = state.approved.get(key, 0) + 1


def _funds(state: Office, event: FundsReceived) -> None:
    state.funds[event.funds.round_id] = event.funds


def _paid(state: Office, event: SubsidyPaid) -> None:
    state.payments[event.payment.payment_id] = event.payment


def _carried(state: Office, event: FundsCarriedOver) -> None:
    state.carry_overs.append(event.carry_over)


FOLDS: Final[Mapping[type, Callable[..., None]]] = MappingProxyType(
    {
        BudgetAdopted: _budget,
        PurchaseRequested: _requested,
        QuoteRecorded: _quoted,
        PurchaseApproved: _approved,
        OrderPlaced: _ordered,
        DeliveryAccepted: _accepted,
        GoodsStored: _stored,
        Reimbursed: _reimbursed,
        CashRecorded: _cash,
        IncomeBanked: _banked,
        CashMonthClosed: _closed,
        FeeListApproved: _fee_list,
        Posted: _posted,
        ReceiptBookIssued: _book,
        FeeCharged: _charged,
        ReceiptBookReturned: _returned,
        QuotaAllocated: _quota,
        CaseRegistered: _registered,
        CaseApproved: _case_approved,
        FundsReceived: _funds,
        SubsidyPaid: _paid,
        FundsCarriedOver: _carried,
    }
)
"""The state change of each event type."""


def fold(state: Office, event: FinanceEvent) -> None:
    """Apply one (trusted) event and append it to the events."""
    FOLDS[type(event)](state, event)
    state.events.append(event)
