"""The guards of the finance office: one function per rule and concern (PR-1 … SB-7).

Each guard takes the office's state, the event about to be recorded and the
policy, and raises the typed refusal or returns. ``GUARDS`` says which guards
apply to each event type, in order (the first refusal wins); the office runs
them before the fold, so a refused event changes nothing. Deadlines (SB-4) are
not guarded: a late payment is still a fact to record; the audit reports it.
A payment to a pupil who was not approved or of another amount (SB-5) is also
recorded and reported rather than refused, so that a bank's list of payments
can be imported as it is.

Sources: school regulations 000 … 004 (see ``docs/explanation/rules/purchasing.md``).
"""

# ruff: noqa: ARG001 - every guard has the signature (state, event, policy), used or not

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from schoollogistics.core.money import Money
from schoollogistics.errors import Phrase
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
from schoollogistics.purchasing._fold import Office
from schoollogistics.purchasing._policy import FinancePolicy, days_between
from schoollogistics.purchasing._records import (
    EntryKind,
    PostingSubject,
    Purchase,
    PurchaseRequest,
    SubsidyCase,
)
from schoollogistics.purchasing._vouchers import check_voucher
from schoollogistics.purchasing.errors import (
    BannedFeeError,
    BudgetCapError,
    DuplicateFinanceIdError,
    FeeNotApprovedError,
    FeeWaivedError,
    FundsNotBankedError,
    InvalidFinanceRecordError,
    LeadTimeError,
    MonthClosedError,
    NegativeBalanceError,
    PostingTooShortError,
    PriceAboveReferenceError,
    PurchaseStageError,
    QuotaExceededError,
    ReceiptNumberError,
    SeparationError,
    SubsidyStageError,
    TooFewQuotesError,
    UnapprovedPurchaseError,
    UnknownFinanceIdError,
    VoucherRefusedError,
)

__all__ = [
    "GUARDS",
    "check",
    "lead_days",
    "pr1_request_a_week_ahead",
    "pr1_request_unique",
    "pr2_approval_after_request",
    "pr2_approver_of_tier",
    "pr2_no_order_without_approval",
    "pr2_purchase_known",
    "pr3_no_price_above_reference_without_reason",
    "pr3_not_fewer_quotes_than_policy",
    "pr3_quote_before_order",
    "pr3_supervisor_is_a_third_person",
    "pr4_accepted_after_order",
    "pr4_acceptor_not_buyer",
    "pr4_reimbursed_after_store",
    "pr4_stored_after_acceptance",
    "pr5_voucher_passes_check",
    "pr6_budget_line_known",
    "pr6_budget_line_unique",
    "pr6_within_budget_cap",
    "pr7_banked_before_spent",
    "pr7_close_once",
    "pr7_entry_unique",
    "pr7_income_to_bank_known",
    "pr7_month_open",
    "pr7_no_red_figures",
    "pr8_fee_list_has_no_banned_item",
    "pr8_fee_list_unique",
    "pr8_fee_on_posted_list",
    "pr8_posting_unique",
    "pr9_book_returned_once",
    "pr9_book_unique",
    "pr9_receipt_from_issued_book",
    "sb1_approved_after_application",
    "sb1_case_registered_fresh",
    "sb2_quota_unique",
    "sb2_within_quota",
    "sb3_posting_lasted_minimum",
    "sb4_round_known",
    "sb4_round_unique",
    "sb6_textbook_fee_waived",
]

_STEP_ZH: Final = {
    "approve": "审批",
    "quote": "询价",
    "order": "下单采购",
    "accept": "验收",
    "store": "入库",
    "reimburse": "报销",
    "apply": "申请",
    "approve case": "审批资助",
}


def _stage_error(purchase: Purchase, step: str) -> PurchaseStageError:
    return PurchaseStageError(
        request_id=purchase.request_id, stage=purchase.stage, step=step, step_zh=_STEP_ZH[step]
    )


def _purchase(state: Office, request_id: str) -> Purchase:
    found = state.purchases.get(request_id)
    if found is None:
        raise UnknownFinanceIdError(kind="PurchaseRequest", id=request_id)
    return found


def lead_days(request: PurchaseRequest, policy: FinancePolicy) -> int:
    """PR-1: how many days before the day needed the request was filed (school time)."""
    filed = request.filed_at.in_timezone(policy.timezone)
    return request.needed_on.toordinal() - filed.toordinal()


# ---------------------------------------------------------------- PR-1 requests


def pr1_request_unique(state: Office, event: PurchaseRequested, policy: FinancePolicy) -> None:
    """PR-1: each purchase request (采购申请单) is recorded once under its number."""
    if event.request.request_id in state.purchases:
        raise DuplicateFinanceIdError(kind="PurchaseRequest", id=event.request.request_id)


def pr1_request_a_week_ahead(
    state: Office, event: PurchaseRequested, policy: FinancePolicy
) -> None:
    """PR-1: a request is filed at least a week before the day needed ("必须提前一周").

    A later request is allowed when marked urgent with a reason.
    """
    request = event.request
    days = lead_days(request, policy)
    if days < policy.lead_days and not request.urgent_reason.strip():
        raise LeadTimeError(request_id=request.request_id, days=days, minimum=policy.lead_days)


# ---------------------------------------------------------------- PR-2 approval


def pr2_purchase_known(state: Office, event: FinanceEvent, policy: FinancePolicy) -> None:
    """PR-2: an approval, quote, order, delivery or reimbursement names a filed request."""
    _purchase(state, _request_id_of(event))


def _request_id_of(event: FinanceEvent) -> str:
    if isinstance(event, PurchaseApproved | GoodsStored):
        return event.request_id
    if isinstance(event, QuoteRecorded):
        return event.quote.request_id
    if isinstance(event, OrderPlaced):
        return event.order.request_id
    if isinstance(event, DeliveryAccepted):
        return event.delivery.request_id
    if isinstance(event, Reimbursed):
        return event.reimbursement.request_id
    raise AssertionError(type(event))  # pragma: no cover - GUARDS lists the types


def pr2_approval_after_request(
    state: Office, event: PurchaseApproved, policy: FinancePolicy
) -> None:
    """PR-2: a request is approved once, after it was filed ("待批准后方能购买")."""
    purchase = state.purchases[event.request_id]
    if purchase.stage != "requested":
        raise _stage_error(purchase, "approve")
    if event.at < purchase.request.filed_at:
        raise InvalidFinanceRecordError(
            record="PurchaseApproved",
            field="at",
            reason=Phrase("is before the request was filed", "早于申请时间"),
        )


def pr2_approver_of_tier(state: Office, event: PurchaseApproved, policy: FinancePolicy) -> None:
    """PR-2: the approver is the one of the request's value tier (default: the principal)."""
    purchase = state.purchases[event.request_id]
    required = policy.approver_for(purchase.request.estimate)
    if event.role != required:
        raise UnapprovedPurchaseError(request_id=event.request_id, approver=required)


def pr2_no_order_without_approval(state: Office, event: OrderPlaced, policy: FinancePolicy) -> None:
    """PR-2: no order without an approval dated before it ("未经批准采购的一律不认账")."""
    purchase = state.purchases[event.order.request_id]
    if purchase.approved_at is None or purchase.approved_at > event.order.at:
        raise UnapprovedPurchaseError(
            request_id=purchase.request_id,
            approver=policy.approver_for(purchase.request.estimate),
        )
    if purchase.stage != "approved":
        raise _stage_error(purchase, "order")
    for line in event.order.lines:
        if purchase.request.line(line.line_id) is None:
            raise UnknownFinanceIdError(kind="RequestLine", id=line.line_id)


# ---------------------------------------------------------------- PR-3 quotes


def pr3_quote_before_order(state: Office, event: QuoteRecorded, policy: FinancePolicy) -> None:
    """PR-3: quotes are for a line of the request and come before the order (货比三家)."""
    purchase = state.purchases[event.quote.request_id]
    if purchase.request.line(event.quote.line_id) is None:
        raise UnknownFinanceIdError(kind="RequestLine", id=event.quote.line_id)
    if purchase.order is not None:
        raise _stage_error(purchase, "quote")


def _needs_quotes(purchase: Purchase, line_id: str, policy: FinancePolicy) -> bool:
    line = purchase.request.line(line_id)
    return line is not None and line.estimate.amount >= policy.quote_threshold.amount


def pr3_not_fewer_quotes_than_policy(
    state: Office, event: OrderPlaced, policy: FinancePolicy
) -> None:
    """PR-3: each line at or above the threshold has three quotes ("货比三家").

    The quotes are from different suppliers.
    """
    purchase = state.purchases[event.order.request_id]
    for line in event.order.lines:
        if not _needs_quotes(purchase, line.line_id, policy):
            continue
        suppliers = {q.supplier for q in purchase.quotes if q.line_id == line.line_id}
        if len(suppliers) < policy.min_quotes:
            raise TooFewQuotesError(
                request_id=purchase.request_id,
                line_id=line.line_id,
                quotes=len(suppliers),
                minimum=policy.min_quotes,
            )


def pr3_no_price_above_reference_without_reason(
    state: Office, event: OrderPlaced, policy: FinancePolicy
) -> None:
    """PR-3: no price above the market reference, nor above the lowest quote without a reason.

    "物品价格只能等于或者低于市场价格".
    """
    purchase = state.purchases[event.order.request_id]
    for line in event.order.lines:
        price = line.unit_price
        request_line = purchase.request.line(line.line_id)
        reference = None if request_line is None else request_line.reference_price
        quotes = [q.unit_price for q in purchase.quotes if q.line_id == line.line_id]
        if reference is not None and price.amount > reference.amount:
            what, what_zh, limit = "the market reference", "市场价", reference
        elif quotes and price.amount > min(q.amount for q in quotes) and not line.reason.strip():
            what, what_zh = "the lowest quote", "最低报价"
            limit = min(quotes, key=lambda q: q.amount)
        else:
            continue
        raise PriceAboveReferenceError(
            request_id=purchase.request_id,
            line_id=line.line_id,
            price=price,
            limit=limit,
            what=what,
            what_zh=what_zh,
        )


def pr3_supervisor_is_a_third_person(
    state: Office, event: OrderPlaced, policy: FinancePolicy
) -> None:
    """PR-3: a supervisor who is neither requester nor buyer signs ("第三人监督")."""
    purchase = state.purchases[event.order.request_id]
    supervisor = event.order.supervisor
    if supervisor in {purchase.request.requester, event.order.buyer}:
        raise SeparationError(
            request_id=purchase.request_id, role="supervisor", role_zh="监督人", person=supervisor
        )


# ---------------------------------------------------------------- PR-4 stages


def pr4_accepted_after_order(state: Office, event: DeliveryAccepted, policy: FinancePolicy) -> None:
    """PR-4: goods are accepted (验收) after the order, for its lines."""
    purchase = state.purchases[event.delivery.request_id]
    order = purchase.order
    if order is None or purchase.delivery is not None or event.delivery.at < order.at:
        raise _stage_error(purchase, "accept")
    ordered = {line.line_id for line in order.lines}
    for line in event.delivery.lines:
        if line.line_id not in ordered:
            raise UnknownFinanceIdError(kind="OrderLine", id=line.line_id)


def pr4_acceptor_not_buyer(state: Office, event: DeliveryAccepted, policy: FinancePolicy) -> None:
    """PR-4: goods are accepted by someone other than the buyer (configurable, default on)."""
    purchase = state.purchases[event.delivery.request_id]
    order = purchase.order
    if policy.acceptor_not_buyer and order is not None and event.delivery.acceptor == order.buyer:
        raise SeparationError(
            request_id=purchase.request_id,
            role="acceptor",
            role_zh="验收人",
            person=event.delivery.acceptor,
        )


def pr4_stored_after_acceptance(state: Office, event: GoodsStored, policy: FinancePolicy) -> None:
    """PR-4: goods are received into stock (入库, AS-1) after their acceptance."""
    purchase = state.purchases[event.request_id]
    if purchase.delivery is None or purchase.stored_on is not None:
        raise _stage_error(purchase, "store")


def pr4_reimbursed_after_store(state: Office, event: Reimbursed, policy: FinancePolicy) -> None:
    """PR-4: a purchase is reimbursed (报销) only once stored, and once.

    "严格履行开支单据与物品入库签字手续".
    """
    purchase = state.purchases[event.reimbursement.request_id]
    if purchase.stored_on is None or purchase.reimbursement is not None:
        raise _stage_error(purchase, "reimburse")


def pr5_voucher_passes_check(state: Office, event: Reimbursed, policy: FinancePolicy) -> None:
    """PR-5: a reimbursement's voucher passes ``check_voucher`` (it finds nothing).

    Seven elements, an allowed kind, the amount in words agreeing, three signatures.
    """
    reimbursement = event.reimbursement
    day = reimbursement.at.in_timezone(policy.timezone).date()
    found = check_voucher(reimbursement.voucher, policy, on=day)
    if found:
        raise VoucherRefusedError(
            voucher_id=reimbursement.voucher.voucher_id,
            findings=tuple(sorted({violation.code for violation in found})),
        )


# ---------------------------------------------------------------- PR-6 budgets


def pr6_budget_line_unique(state: Office, event: BudgetAdopted, policy: FinancePolicy) -> None:
    """PR-6: each budget line is adopted once (moving money between lines needs approval)."""
    if event.budget.line_id in state.budgets:
        raise DuplicateFinanceIdError(kind="BudgetLine", id=event.budget.line_id)


def pr6_budget_line_known(state: Office, event: PurchaseRequested, policy: FinancePolicy) -> None:
    """PR-6: a request is charged to an adopted budget line (限额包干)."""
    if event.request.budget_line not in state.budgets:
        raise UnknownFinanceIdError(kind="BudgetLine", id=event.request.budget_line)


def pr6_within_budget_cap(state: Office, event: OrderPlaced, policy: FinancePolicy) -> None:
    """PR-6: an order that would take its line over the cap is refused unless re-approved."""
    purchase = state.purchases[event.order.request_id]
    line = state.budgets[purchase.request.budget_line]
    quantities = {line.line_id: line.quantity for line in purchase.request.lines}
    amount = Money.sum(
        ordered.unit_price * quantities.get(ordered.line_id, 0) for ordered in event.order.lines
    )
    committed = state.committed.get(line.line_id, Money(0))
    if (committed + amount).amount > line.cap.amount and event.order.cap_reapproved_by is None:
        raise BudgetCapError(line=line.line_id, committed=committed, amount=amount, cap=line.cap)


# ---------------------------------------------------------------- PR-7 cash


def pr7_entry_unique(state: Office, event: CashRecorded, policy: FinancePolicy) -> None:
    """PR-7: each cash-book entry is recorded once under its number."""
    if event.entry.entry_id in state.cash:
        raise DuplicateFinanceIdError(kind="CashEntry", id=event.entry.entry_id)


def _check_open(state: Office, fund: str, day: object) -> None:
    key = f"{day.year:04d}-{day.month:02d}"  # type: ignore[attr-defined]  # a date
    if (fund, key) in state.closed:
        raise MonthClosedError(fund=fund, month=key)


def pr7_month_open(
    state: Office, event: CashRecorded | IncomeBanked, policy: FinancePolicy
) -> None:
    """PR-7: an entry dated in a closed month of the fund is refused (月结, as AS-8)."""
    if isinstance(event, CashRecorded):
        _check_open(state, event.entry.fund, event.entry.on)
    else:
        _check_open(state, state.cash[event.entry_id].fund, event.on)


def pr7_banked_before_spent(state: Office, event: CashRecorded, policy: FinancePolicy) -> None:
    """PR-7: income is banked before any spending of the fund ("收支两条线", no "边收边用")."""
    entry = event.entry
    if entry.kind is not EntryKind.SPENDING:
        return
    waiting = state.unbanked.get(entry.fund)
    if waiting:
        raise FundsNotBankedError(fund=entry.fund, entry_id=next(iter(waiting)))


def pr7_no_red_figures(state: Office, event: CashRecorded, policy: FinancePolicy) -> None:
    """PR-7: a spending never takes the fund's balance below zero ("不允许出现红字")."""
    entry = event.entry
    if entry.kind is not EntryKind.SPENDING:
        return
    balance = state.balances.get(entry.fund, Money(0))
    if entry.amount.amount > balance.amount:
        raise NegativeBalanceError(fund=entry.fund, amount=entry.amount, balance=balance)


def pr7_income_to_bank_known(state: Office, event: IncomeBanked, policy: FinancePolicy) -> None:
    """PR-7: what is banked is recorded income not yet banked, banked on or after its day."""
    entry = state.cash.get(event.entry_id)
    if entry is None or entry.kind is not EntryKind.INCOME:
        raise UnknownFinanceIdError(kind="income", id=event.entry_id)
    if entry.banked_on is not None or event.on < entry.on:
        raise InvalidFinanceRecordError(
            record="IncomeBanked",
            field="on",
            reason=Phrase("already banked, or before the income", "已入账，或早于收入日"),
        )


def pr7_close_once(state: Office, event: CashMonthClosed, policy: FinancePolicy) -> None:
    """PR-7: a fund's month is closed once (月结)."""
    close = event.close
    if (close.fund, close.key) in state.closed:
        raise MonthClosedError(fund=close.fund, month=close.key)


# ---------------------------------------------------------------- PR-8 fees


def pr8_fee_list_unique(state: Office, event: FeeListApproved, policy: FinancePolicy) -> None:
    """PR-8: one approved fee list per term."""
    if event.fee_list.term_id in state.fee_lists:
        raise DuplicateFinanceIdError(kind="FeeList", id=event.fee_list.term_id)


def pr8_fee_list_has_no_banned_item(
    state: Office, event: FeeListApproved, policy: FinancePolicy
) -> None:
    """PR-8: banned items (教辅费, 试卷资料费, 班费, 插班费, fines) are never approved.

    Nor, in compulsory education, 杂费 and 课本费 (SB-6).
    """
    for item in event.fee_list.items:
        if policy.fee_refusal(item.name) is not None:
            raise BannedFeeError(item=item.name)


def pr8_posting_unique(state: Office, event: Posted, policy: FinancePolicy) -> None:
    """PR-8, SB-3: each posting (公示) is recorded once under its id."""
    if event.posting.posting_id in state.postings:
        raise DuplicateFinanceIdError(kind="Posting", id=event.posting.posting_id)


def pr8_fee_on_posted_list(state: Office, event: FeeCharged, policy: FinancePolicy) -> None:
    """PR-8: a fee is charged only from the term's approved, posted list, at its amount.

    "收费有公示"; banned items are always refused.
    """
    charge = event.charge
    if charge.charge_id in state.charges:
        raise DuplicateFinanceIdError(kind="FeeCharge", id=charge.charge_id)
    if policy.fee_refusal(charge.item) is not None:
        raise BannedFeeError(item=charge.item)
    fee_list = state.fee_lists.get(charge.term_id)
    item = None if fee_list is None else fee_list.item(charge.item)
    if item is None:
        reason = Phrase("not on the approved fee list", "不在批准的收费项目内")
    elif item.amount.amount != charge.amount.amount:
        reason = Phrase(
            "the approved amount is {amount}", "批准标准为 {amount} 元", amount=item.amount
        )
    elif not any(
        p.subject is PostingSubject.FEES and p.ref_id == charge.term_id and p.start_on <= charge.on
        for p in state.postings.values()
    ):
        reason = Phrase("the fee list is not posted yet", "收费项目尚未公示")
    else:
        return
    raise FeeNotApprovedError(item=charge.item, term_id=charge.term_id, reason=reason)


def waived_category(state: Office, pupil: str, policy: FinancePolicy) -> str | None:
    """SB-6: the category that waives a pupil's textbook fee (an approved case), if any."""
    for case in state.cases.values():
        if (
            case.pupil == pupil
            and case.approved_on is not None
            and case.category in policy.waived_categories
        ):
            return case.category
    return None


def sb6_textbook_fee_waived(state: Office, event: FeeCharged, policy: FinancePolicy) -> None:
    """SB-6: poor and disabled pupils are not charged 课本费 ("对贫困学生、残疾学生免收课本费")."""
    charge = event.charge
    if charge.item != policy.textbook_item:
        return
    category = waived_category(state, charge.pupil, policy)
    if category is not None:
        raise FeeWaivedError(pupil=charge.pupil, category=category, item=charge.item)


# ---------------------------------------------------------------- PR-9 receipt books


def pr9_book_unique(state: Office, event: ReceiptBookIssued, policy: FinancePolicy) -> None:
    """PR-9: each receipt book is registered once (票据领用)."""
    if event.book.book_id in state.books:
        raise DuplicateFinanceIdError(kind="ReceiptBook", id=event.book.book_id)


def pr9_receipt_from_issued_book(state: Office, event: FeeCharged, policy: FinancePolicy) -> None:
    """PR-9: a receipt number is one of an issued, unreturned book's range, used once."""
    charge = event.charge
    book = state.books.get(charge.book_id)
    if book is None:
        raise UnknownFinanceIdError(kind="ReceiptBook", id=charge.book_id)
    if charge.book_id in state.returns:
        reason = Phrase("the book was handed back", "票据已上交")
    elif not book.first <= charge.receipt_no <= book.last:
        reason = Phrase("outside the book's range", "不在本册号段内")
    elif charge.receipt_no in state.used[charge.book_id]:
        reason = Phrase("already used", "已使用")
    else:
        return
    raise ReceiptNumberError(book_id=charge.book_id, number=charge.receipt_no, reason=reason)


def pr9_book_returned_once(
    state: Office, event: ReceiptBookReturned, policy: FinancePolicy
) -> None:
    """PR-9: an issued book is handed back once, its voided and unused numbers in its range."""
    back = event.book_return
    book = state.books.get(back.book_id)
    if book is None:
        raise UnknownFinanceIdError(kind="ReceiptBook", id=back.book_id)
    if back.book_id in state.returns:
        raise DuplicateFinanceIdError(kind="BookReturn", id=back.book_id)
    numbers = (*back.voided, *(() if back.unused_from is None else (back.unused_from,)))
    if any(not book.first <= n <= book.last for n in numbers):
        raise InvalidFinanceRecordError(
            record="BookReturn",
            field="voided",
            reason=Phrase("a number outside the book's range", "号码不在本册号段内"),
        )


# ---------------------------------------------------------------- SB subsidies


def sb2_quota_unique(state: Office, event: QuotaAllocated, policy: FinancePolicy) -> None:
    """SB-2: one quota per subsidy type and period (指标数)."""
    key = (event.quota.subsidy_type, event.quota.period)
    if key in state.quotas:
        raise DuplicateFinanceIdError(kind="Quota", id=f"{key[0]} {key[1]}")


def sb1_case_registered_fresh(state: Office, event: CaseRegistered, policy: FinancePolicy) -> None:
    """SB-1: a case is registered once, not yet approved ("登记申请审批").

    Its application is dated on or after its registration.
    """
    case = event.case
    if case.case_id in state.cases:
        raise DuplicateFinanceIdError(kind="SubsidyCase", id=case.case_id)
    if case.approved_on is not None:
        raise SubsidyStageError(
            case_id=case.case_id, stage="approved", step="apply", step_zh=_STEP_ZH["apply"]
        )
    if case.applied_on < case.registered_on:
        raise SubsidyStageError(
            case_id=case.case_id, stage="unregistered", step="apply", step_zh=_STEP_ZH["apply"]
        )


def _case(state: Office, case_id: str) -> SubsidyCase:
    found = state.cases.get(case_id)
    if found is None:
        raise UnknownFinanceIdError(kind="SubsidyCase", id=case_id)
    return found


def sb1_approved_after_application(
    state: Office, event: CaseApproved, policy: FinancePolicy
) -> None:
    """SB-1: a case is approved once, after its application."""
    case = _case(state, event.case_id)
    if case.approved_on is not None or event.on < case.applied_on:
        stage = "approved" if case.approved_on is not None else "applied"
        raise SubsidyStageError(
            case_id=case.case_id, stage=stage, step="approve case", step_zh=_STEP_ZH["approve case"]
        )


def sb2_within_quota(state: Office, event: CaseApproved, policy: FinancePolicy) -> None:
    """SB-2: approved cases per type and period stay within the quota ("指标数")."""
    case = state.cases[event.case_id]
    key = (case.subsidy_type, case.period)
    quota = state.quotas.get(key)
    if quota is None:
        raise UnknownFinanceIdError(kind="Quota", id=f"{key[0]} {key[1]}")
    approved = state.approved.get(key, 0)
    if approved + 1 > quota.count:
        raise QuotaExceededError(
            subsidy_type=key[0], period=key[1], approved=approved + 1, quota=quota.count
        )


def sb4_round_unique(state: Office, event: FundsReceived, policy: FinancePolicy) -> None:
    """SB-4: each round's money is recorded once, with the day it was received."""
    if event.funds.round_id in state.funds:
        raise DuplicateFinanceIdError(kind="SubsidyFunds", id=event.funds.round_id)


def sb4_round_known(
    state: Office, event: SubsidyPaid | FundsCarriedOver, policy: FinancePolicy
) -> None:
    """SB-4, SB-5: a payment or carry-over is for a round whose money was received."""
    if isinstance(event, SubsidyPaid):
        if event.payment.payment_id in state.payments:
            raise DuplicateFinanceIdError(kind="SubsidyPayment", id=event.payment.payment_id)
        round_id = event.payment.round_id
    else:
        round_id = event.carry_over.round_id
    if round_id not in state.funds:
        raise UnknownFinanceIdError(kind="SubsidyFunds", id=round_id)


def posted_days(
    state: Office, round_id: str, day: object, policy: FinancePolicy
) -> tuple[int, bool]:
    """SB-3: how many days the round's list had been posted before ``day``, and whether posted."""
    best, posted = 0, False
    for posting in state.postings.values():
        if posting.subject is not PostingSubject.SUBSIDIES or posting.ref_id != round_id:
            continue
        posted = True
        last = min(posting.end_on, day.subtract(days=1))  # type: ignore[attr-defined]  # a date
        days = days_between(posting.start_on.subtract(days=1), last, policy, state.working_days)
        best = max(best, days)
    return best, posted


def sb3_posting_lasted_minimum(state: Office, event: SubsidyPaid, policy: FinancePolicy) -> None:
    """SB-3: no payment before the round's list has been posted for its minimum.

    "公示时间不得少于一周": default 7 calendar days, both ends counted, before
    the day of payment.
    """
    payment = event.payment
    days, _posted = posted_days(state, payment.round_id, payment.paid_on, policy)
    if days < policy.posting_days:
        raise PostingTooShortError(
            round_id=payment.round_id,
            paid_on=payment.paid_on.isoformat(),
            days=days,
            minimum=policy.posting_days,
        )


GUARDS: Final[Mapping[type, tuple[Callable[..., None], ...]]] = MappingProxyType(
    {
        BudgetAdopted: (pr6_budget_line_unique,),
        PurchaseRequested: (pr1_request_unique, pr1_request_a_week_ahead, pr6_budget_line_known),
        QuoteRecorded: (pr2_purchase_known, pr3_quote_before_order),
        PurchaseApproved: (pr2_purchase_known, pr2_approval_after_request, pr2_approver_of_tier),
        OrderPlaced: (
            pr2_purchase_known,
            pr2_no_order_without_approval,
            pr3_not_fewer_quotes_than_policy,
            pr3_no_price_above_reference_without_reason,
            pr3_supervisor_is_a_third_person,
            pr6_within_budget_cap,
        ),
        DeliveryAccepted: (pr2_purchase_known, pr4_accepted_after_order, pr4_acceptor_not_buyer),
        GoodsStored: (pr2_purchase_known, pr4_stored_after_acceptance),
        Reimbursed: (pr2_purchase_known, pr4_reimbursed_after_store, pr5_voucher_passes_check),
        CashRecorded: (
            pr7_entry_unique,
            pr7_month_open,
            pr7_banked_before_spent,
            pr7_no_red_figures,
        ),
        IncomeBanked: (pr7_income_to_bank_known, pr7_month_open),
        CashMonthClosed: (pr7_close_once,),
        FeeListApproved: (pr8_fee_list_unique, pr8_fee_list_has_no_banned_item),
        Posted: (pr8_posting_unique,),
        ReceiptBookIssued: (pr9_book_unique,),
        FeeCharged: (pr8_fee_on_posted_list, sb6_textbook_fee_waived, pr9_receipt_from_issued_book),
        ReceiptBookReturned: (pr9_book_returned_once,),
        QuotaAllocated: (sb2_quota_unique,),
        CaseRegistered: (sb1_case_registered_fresh,),
        CaseApproved: (sb1_approved_after_application, sb2_within_quota),
        FundsReceived: (sb4_round_unique,),
        SubsidyPaid: (sb4_round_known, sb3_posting_lasted_minimum),
        FundsCarriedOver: (sb4_round_known,),
    }
)
"""The guards of each event type, in the order they run (one key per ``EVENT_TYPES``)."""


def check(state: Office, event: FinanceEvent, policy: FinancePolicy) -> None:
    """Run the guards of the event's type; raise the first refusal."""
    for guard in GUARDS[type(event)]:
        guard(state, event, policy)
