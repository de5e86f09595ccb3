"""The audit of purchasing, cash, fees and subsidies: plain records in, findings out.

[`audit_finance`][schoollogistics.purchasing.audit_finance] works on records from
any source (an office's own records or an export), one check per rule and
concern, each a pure function of an [`AuditInput`][schoollogistics.purchasing.AuditInput];
the findings come from the core catalogue and are returned in a canonical
order, so the audit does not depend on the order of the records (a property
test pins this).

The default audit does not call the purchase checks one after the other: it
makes one pass over the purchases and asks the same per-purchase tests the
checks ask (``_late``, ``_unapproved`` …), so that it gives exactly the
findings of ``DEFAULT_CHECKS`` run one by one at a fraction of the cost.

What is in the period: purchases whose request was filed in it; cash entries,
charges and payments dated in it; receipt books issued in it; subsidy rounds
whose money was received in it; cases approved in it. SB-3 and SB-4 count
calendar days by default (``FinancePolicy.day_count``); with working days they
count the ``working_days`` given (Monday to Friday when not given).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

import attrs
import pendulum

from schoollogistics.core.findings import FINDINGS as ALL_FINDINGS
from schoollogistics.core.findings import Finding
from schoollogistics.core.money import COMPUTE_CONTEXT, Money, parse_capital, to_capital
from schoollogistics.core.time import DateRange, get_timezone
from schoollogistics.core.violations import Violation, sort_violations
from schoollogistics.errors import AmountNotInFenError, CapitalTextError
from schoollogistics.purchasing._policy import DayCount, FinancePolicy, days_after, days_between
from schoollogistics.purchasing._records import (
    CashEntry,
    EntryKind,
    FinanceRecords,
    PostingSubject,
    Purchase,
    Signature,
    SignerRole,
    SubsidyCase,
    SubsidyFunds,
)
from schoollogistics.purchasing._vouchers import REQUIRED_SIGNERS, check_voucher
from schoollogistics.repairs import SchoolDays

__all__ = [
    "DEFAULT_CHECKS",
    "FINDINGS",
    "AuditInput",
    "audit_finance",
    "pr1_requested_a_week_ahead",
    "pr2_approved_before_purchase",
    "pr2_approved_by_tier",
    "pr3_price_not_above_quotes_or_market",
    "pr3_quotes_compared",
    "pr3_supervised_by_a_third_person",
    "pr4_stages_in_order",
    "pr5_vouchers_valid",
    "pr6_within_caps",
    "pr7_accounts_posted",
    "pr7_balances_never_red",
    "pr7_spending_after_banking",
    "pr8_fees_from_posted_list",
    "pr9_receipt_books_reconciled",
    "round_balance",
    "sb1_stages_in_order",
    "sb2_approved_within_quota",
    "sb3_posted_a_week",
    "sb4_paid_within_two_days",
    "sb5_exact_amounts_to_approved_pupils",
    "sb5_funds_accounted",
    "sb6_textbook_fees_waived",
    "sb7_payments_recorded_and_posted",
    "textbook_waivers",
]

FINDINGS: Final[Mapping[str, Finding]] = MappingProxyType(
    {code: entry for code, entry in ALL_FINDINGS.items() if entry.rule.startswith(("PR-", "SB-"))}
)
"""Every finding the audit can return, by code (read-only)."""

_F: Final = ALL_FINDINGS
_ORDINAL: Final = dt.datetime.toordinal
_ZERO: Final = Decimal(0)
_CC: Final = COMPUTE_CONTEXT  # exact for the bounded domains, whatever the caller's context


@attrs.frozen
class AuditInput:
    """What a check reads: the records, the policy, the period and the working days.

    Attributes:
        records: The records.
        policy: The policy.
        period: The audited days.
        working_days: The working days SB-3 and SB-4 count with ``DayCount.WORKING``.
    """

    records: FinanceRecords
    policy: FinancePolicy
    period: DateRange
    working_days: SchoolDays | None = None
    _zone: pendulum.Timezone = attrs.field(init=False, eq=False, repr=False)
    _first: int = attrs.field(init=False, eq=False, repr=False)
    _last: int = attrs.field(init=False, eq=False, repr=False)
    _words: dict[str, Decimal | None] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_zone", get_timezone(self.policy.timezone))
        object.__setattr__(self, "_first", self.period.start.toordinal())
        object.__setattr__(self, "_last", self.period.end.toordinal())

    @property
    def zone(self) -> pendulum.Timezone:
        """The school's timezone."""
        return self._zone

    @property
    def first_ordinal(self) -> int:
        """The ordinal of the period's first day."""
        return self._first

    @property
    def last_ordinal(self) -> int:
        """The ordinal of the period's last day."""
        return self._last

    def local_date(self, moment: pendulum.DateTime) -> pendulum.Date:
        """The school-time day of ``moment``."""
        return moment.in_timezone(self._zone).date()

    def local_ordinal(self, moment: pendulum.DateTime) -> int:
        """The ordinal of the school-time day of ``moment``."""
        zone = moment.tzinfo
        if zone is not self._zone and getattr(zone, "key", None) != self._zone.key:
            moment = moment.in_timezone(self._zone)
        return _ORDINAL(moment)  # C-level: the day as shown in its own zone

    @property
    def single_approver(self) -> str | None:
        """The approver when the policy has one approval tier (PR-2), else ``None``."""
        tiers = self.policy.approval_tiers
        return tiers[0].approver if len(tiers) == 1 else None

    def day_in_period(self, day: pendulum.Date) -> bool:
        """Whether ``day`` is a day of the period."""
        return self._first <= day.toordinal() <= self._last

    def purchases(self) -> list[Purchase]:
        """The purchases whose request was filed in the period."""
        first, last, ordinal = self._first, self._last, self.local_ordinal
        return [p for p in self.records.purchases if first <= ordinal(p.request.filed_at) <= last]

    @property
    def words(self) -> dict[str, Decimal | None]:
        """The memo of ``read_words`` (read it, do not write it)."""
        return self._words

    def read_words(self, text: str, likely: Money | None = None) -> Decimal | None:
        """The amount ``parse_capital`` reads in ``text`` (stripped), memoised by text.

        ``None`` when the text is not the capital numerals of an amount. The memo is
        keyed by the text, not the amount: a text's hash is kept by the string,
        a ``Decimal``'s is computed afresh for each new amount (about 1 µs).
        ``likely`` (the voucher's amount in figures) is tried first: when
        ``to_capital(likely)`` is the text, that is what parsing would read, at a
        third of the cost.
        """
        if text in self._words:
            return self._words[text]
        if likely is not None:
            try:
                written = to_capital(likely)
            except AmountNotInFenError:  # sub-fen figures: no words can match them
                written = None
            if written == text.strip():
                self._words[text] = likely.amount
                return likely.amount
        try:
            found: Decimal | None = parse_capital(text.strip()).amount
        except CapitalTextError:
            found = None
        self._words[text] = found
        return found


Check = Callable[[AuditInput], tuple[Violation, ...]]


# ---------------------------------------------------------------- per-purchase tests


def _late(purchase: Purchase, data: AuditInput) -> Violation | None:
    request = purchase.request
    days = request.needed_on.toordinal() - data.local_ordinal(request.filed_at)
    if days >= data.policy.lead_days or request.urgent_reason.strip():
        return None
    return _F["purchasing.request_late"].violation(
        request.request_id, days=days, minimum=data.policy.lead_days
    )


def _unapproved(purchase: Purchase) -> Violation | None:
    order = purchase.order
    if order is None:
        return None
    approved = purchase.approved_at
    if approved is not None and approved <= order.at:
        return None
    return _F["purchasing.bought_without_approval"].violation(
        purchase.request.request_id, ordered_at=order.at
    )


def _wrong_approver(purchase: Purchase, data: AuditInput) -> Violation | None:
    role = purchase.approver_role
    if purchase.approved_at is None or role is None:
        return None
    if role == data.single_approver:
        return None  # the one tier: no estimate to compute
    estimate = purchase.request.estimate
    required = data.policy.approver_for(estimate)
    if role == required:
        return None
    return _F["purchasing.wrong_approver"].violation(
        purchase.request.request_id, estimate=estimate, role=role, required=required
    )


def _quotes(purchase: Purchase, data: AuditInput) -> list[Violation]:
    order = purchase.order
    if order is None:
        return []
    policy = data.policy
    threshold = policy.quote_threshold.amount
    found = []
    for request_line in purchase.request.lines:
        if not any(line.line_id == request_line.line_id for line in order.lines):
            continue
        if threshold and request_line.estimate.amount < threshold:
            continue
        suppliers = {q.supplier for q in purchase.quotes if q.line_id == request_line.line_id}
        if len(suppliers) < policy.min_quotes:
            found.append(
                _F["purchasing.too_few_quotes"].violation(
                    purchase.request.request_id,
                    line=request_line.line_id,
                    quotes=len(suppliers),
                    minimum=policy.min_quotes,
                )
            )
    return found


def _prices(purchase: Purchase) -> list[Violation]:
    order = purchase.order
    if order is None:
        return []
    found = []
    subject = purchase.request.request_id
    for line in order.lines:
        price = line.unit_price.amount
        request_line = purchase.request.line(line.line_id)
        reference = None if request_line is None else request_line.reference_price
        if reference is not None and price > reference.amount:
            found.append(
                _F["purchasing.price_above_market"].violation(
                    subject, line=line.line_id, price=line.unit_price, reference=reference
                )
            )
        quoted = [q.unit_price for q in purchase.quotes if q.line_id == line.line_id]
        if quoted and not line.reason.strip():
            lowest = min(quoted, key=_AMOUNT)
            if price > lowest.amount:
                found.append(
                    _F["purchasing.price_above_lowest_quote"].violation(
                        subject, line=line.line_id, price=line.unit_price, lowest=lowest
                    )
                )
    return found


def _AMOUNT(money: Money) -> Decimal:  # noqa: N802 - a key function, like operator.attrgetter
    return money.amount


def _unsupervised(purchase: Purchase) -> Violation | None:
    order = purchase.order
    if order is None:
        return None
    if order.supervisor not in {purchase.request.requester, order.buyer}:
        return None
    return _F["purchasing.unsupervised"].violation(
        purchase.request.request_id, supervisor=order.supervisor
    )


def _stages(purchase: Purchase, data: AuditInput) -> list[Violation]:
    found = []
    subject = purchase.request.request_id
    order, delivery = purchase.order, purchase.delivery
    if delivery is not None:
        if order is None:
            found.append(
                _F["purchasing.stage_skipped"].violation(subject, stage="accepted", missing="order")
            )
        elif data.policy.acceptor_not_buyer and delivery.acceptor == order.buyer:
            found.append(
                _F["purchasing.accepted_by_buyer"].violation(subject, acceptor=delivery.acceptor)
            )
    if purchase.stored_on is not None and delivery is None:
        found.append(
            _F["purchasing.stage_skipped"].violation(subject, stage="stored", missing="acceptance")
        )
    if purchase.reimbursement is not None and purchase.stored_on is None:
        found.append(
            _F["purchasing.stage_skipped"].violation(
                subject, stage="reimbursed", missing="store receipt"
            )
        )
    return found


def _voucher(purchase: Purchase, data: AuditInput) -> tuple[Violation, ...]:
    reimbursement = purchase.reimbursement
    if reimbursement is None:
        return ()
    voucher = reimbursement.voucher
    policy = data.policy
    amount = voucher.amount
    until = voucher.valid_until
    if (  # the valid voucher, at C speed: the full check only for a faulty one
        amount is not None
        and voucher.kind in policy.voucher_kinds
        and voucher.payer_unit
        and voucher.item_name
        and voucher.quantity is not None
        and voucher.unit_price is not None
        and voucher.seal
        and voucher.issuer
        and voucher.issued_on is not None
        and (until is None or data.local_ordinal(reimbursement.at) <= until.toordinal())
        and _CC.multiply(voucher.unit_price.amount, voucher.quantity) == amount.amount
        and len(voucher.signatures) >= policy.min_signatures
        and len({s.name for s in voucher.signatures}) >= policy.min_signatures
        and {s.role for s in voucher.signatures} >= _REQUIRED
        and data.read_words(voucher.amount_in_words, amount) == amount.amount
    ):
        return ()
    return check_voucher(voucher, policy, on=data.local_date(reimbursement.at))


_PRINCIPAL: Final = SignerRole.PRINCIPAL
_HANDLER: Final = SignerRole.HANDLER
_WITNESS: Final = SignerRole.WITNESS


def _clean(purchase: Purchase, data: AuditInput, filed: int, fast: _Fast) -> bool:
    """Whether the purchase certainly has no finding: the common case, tested inline.

    ``False`` means "run the per-rule tests" (which then find what is wrong), so
    this only decides speed, never findings. ``filed`` is the ordinal of the
    request's school-time filing day; ``fast`` the policy's values it reads.
    """
    lead, approver, min_quotes, any_threshold, separate, kinds, signers, words, zone = fast
    request = purchase.request
    if request.needed_on.toordinal() - filed < lead:
        return False
    order = purchase.order
    role = purchase.approver_role
    if role is not None and role != approver and purchase.approved_at is not None:
        return False
    if order is None:
        return purchase.delivery is None and purchase.stored_on is None
    approved = purchase.approved_at
    if approved is None or approved > order.at:
        return False
    supervisor = order.supervisor
    if supervisor == request.requester or supervisor == order.buyer:  # noqa: PLR1714 - speed
        return False
    lines, ordered = request.lines, order.lines
    if len(lines) != 1 or len(ordered) != 1 or any_threshold:
        return False
    line, bought = lines[0], ordered[0]
    line_id = line.line_id
    if line_id != bought.line_id:
        return False
    price = bought.unit_price.amount
    reference = line.reference_price
    if reference is not None and price > reference.amount:
        return False
    suppliers = set()  # one loop, no Decimal min: the quotes are all for this line
    below = False  # and none is below the price paid (or a reason is recorded)
    for quote in purchase.quotes:
        if quote.line_id != line_id:
            return False
        if quote.unit_price.amount < price:
            below = True
        suppliers.add(quote.supplier)
    if len(suppliers) < min_quotes or (below and not bought.reason.strip()):
        return False
    delivery = purchase.delivery
    if delivery is None:
        return purchase.stored_on is None and purchase.reimbursement is None
    if separate and delivery.acceptor == order.buyer:
        return False
    reimbursement = purchase.reimbursement
    if reimbursement is None:
        return True
    if purchase.stored_on is None:
        return False
    voucher = reimbursement.voucher
    amount = voucher.amount
    unit_price = voucher.unit_price
    quantity = voucher.quantity
    until = voucher.valid_until
    if (
        amount is None
        or unit_price is None
        or quantity is None
        or voucher.issued_on is None
        or not voucher.seal
        or not voucher.payer_unit
        or not voucher.item_name
        or not voucher.issuer
        or voucher.kind not in kinds
        or unit_price.amount * quantity != amount.amount
    ):
        return False
    if until is not None:  # the day of payment, in C when the moment is in the school's zone
        paid = reimbursement.at
        day = _ORDINAL(paid) if paid.tzinfo is zone else data.local_ordinal(paid)
        if day > until.toordinal():
            return False
    if not _signed(voucher.signatures, signers):
        return False
    text = voucher.amount_in_words
    read = words[text] if text in words else data.read_words(text, amount)
    return read == amount.amount


def _signed(signatures: tuple[Signature, ...], signers: int) -> bool:
    """Whether ``signers`` distinct names signed, among them the three required roles.

    ``False`` may also mean "not surely" (the per-rule tests decide). Roles are
    compared by identity (``in`` on a tuple): hashing an enum member runs Python code.
    """
    if len(signatures) == 3 and signers <= 3:  # the usual voucher: no set, no list
        first, second, third = signatures
        one, two, three = first.name, second.name, third.name
        if signers > 1 and (one in (two, three) or two == three):
            return False
        roles: tuple[SignerRole, ...] = (first.role, second.role, third.role)
    else:
        if len({signature.name for signature in signatures}) < signers:
            return False
        roles = tuple(signature.role for signature in signatures)
    return _PRINCIPAL in roles and _HANDLER in roles and _WITNESS in roles


_Words = dict[str, Decimal | None]
_Fast = tuple[int, "str | None", int, bool, bool, frozenset[str], int, _Words, object]


def _fast(data: AuditInput) -> _Fast:
    policy = data.policy
    return (
        policy.lead_days,
        data.single_approver,
        policy.min_quotes,
        bool(policy.quote_threshold.amount),
        policy.acceptor_not_buyer,
        frozenset(policy.voucher_kinds),  # a text's hash is kept by the string
        policy.min_signatures,
        data.words,
        data.zone,
    )


def _purchase_findings(purchase: Purchase, data: AuditInput) -> list[Violation]:
    found: list[Violation] = [
        one
        for one in (
            _late(purchase, data),
            _unapproved(purchase),
            _wrong_approver(purchase, data),
            _unsupervised(purchase),
        )
        if one is not None
    ]
    if purchase.order is not None:
        found += _quotes(purchase, data)
        found += _prices(purchase)
    if purchase.delivery is not None or purchase.stored_on is not None:
        found += _stages(purchase, data)
    if purchase.reimbursement is not None:
        found += _voucher(purchase, data)
    return found


# ---------------------------------------------------------------- PR checks


def pr1_requested_a_week_ahead(data: AuditInput) -> tuple[Violation, ...]:
    """PR-1: each request was filed at least a week before the day needed, or marked urgent."""
    return tuple(v for p in data.purchases() if (v := _late(p, data)) is not None)


def pr2_approved_before_purchase(data: AuditInput) -> tuple[Violation, ...]:
    """PR-2: each order has an approval dated before it ("一律不认账" otherwise)."""
    return tuple(v for p in data.purchases() if (v := _unapproved(p)) is not None)


def pr2_approved_by_tier(data: AuditInput) -> tuple[Violation, ...]:
    """PR-2: each approval is by the approver of the request's value tier."""
    return tuple(v for p in data.purchases() if (v := _wrong_approver(p, data)) is not None)


def pr3_quotes_compared(data: AuditInput) -> tuple[Violation, ...]:
    """PR-3: each ordered line at or above the threshold had three quotes (货比三家)."""
    return tuple(v for p in data.purchases() for v in _quotes(p, data))


def pr3_price_not_above_quotes_or_market(data: AuditInput) -> tuple[Violation, ...]:
    """PR-3: each price is at most the market reference and the lowest quote.

    A price above the lowest quote is allowed with a recorded reason.
    """
    return tuple(v for p in data.purchases() for v in _prices(p))


def pr3_supervised_by_a_third_person(data: AuditInput) -> tuple[Violation, ...]:
    """PR-3: each order's supervisor is neither its requester nor its buyer (第三人监督)."""
    return tuple(v for p in data.purchases() if (v := _unsupervised(p)) is not None)


def pr4_stages_in_order(data: AuditInput) -> tuple[Violation, ...]:
    """PR-4: plan → approve → accept → store → reimburse, each after the one before.

    The acceptor is not the buyer (configurable).
    """
    return tuple(v for p in data.purchases() for v in _stages(p, data))


def pr5_vouchers_valid(data: AuditInput) -> tuple[Violation, ...]:
    """PR-5: each reimbursement's voucher passes ``check_voucher``."""
    return tuple(v for p in data.purchases() for v in _voucher(p, data))


def pr6_within_caps(data: AuditInput) -> tuple[Violation, ...]:
    """PR-6: what the orders commit on each budget line stays within its cap (限额包干).

    The orders of the requests filed in the period count; a line with an order
    re-approved over the cap is not reported.
    """
    committed: dict[str, Decimal] = {}
    reapproved: set[str] = set()
    for purchase in data.purchases():
        _commit(purchase, committed, reapproved)
    return _over_caps(data, committed, reapproved)


def _commit(purchase: Purchase, committed: dict[str, Decimal], reapproved: set[str]) -> None:
    """PR-6: add what the purchase's order commits to its budget line."""
    order = purchase.order
    if order is None:
        return
    line = purchase.request.budget_line
    lines = purchase.request.lines
    if len(lines) == 1 and len(order.lines) == 1 and order.lines[0].line_id == lines[0].line_id:
        total = _CC.multiply(order.lines[0].unit_price.amount, lines[0].quantity)  # common case
    else:
        total = purchase.ordered_total().amount
    committed[line] = _CC.add(committed.get(line, _ZERO), total)
    if order.cap_reapproved_by is not None:
        reapproved.add(line)


def _over_caps(
    data: AuditInput, committed: dict[str, Decimal], reapproved: set[str]
) -> tuple[Violation, ...]:
    return tuple(
        _F["purchasing.over_cap"].violation(budget.line_id, committed=Money(spent), cap=budget.cap)
        for budget in data.records.budgets
        if (spent := committed.get(budget.line_id, _ZERO)) > budget.cap.amount
        and budget.line_id not in reapproved
    )


def _cash_walk(data: AuditInput) -> tuple[list[Violation], list[Violation]]:
    """PR-7: walk each fund's entries in date order: spent before banked, red figures."""
    unbanked_found: list[Violation] = []
    red: list[Violation] = []
    by_fund: dict[str, list[_Row]] = {}
    for entry in data.records.cash:
        rows = by_fund.setdefault(entry.fund, [])
        if entry.kind is EntryKind.INCOME:
            rows.append((entry.on.toordinal(), 0, entry.entry_id, entry))
            if entry.banked_on is not None:
                rows.append((entry.banked_on.toordinal(), 1, entry.entry_id, entry))
        else:
            rows.append((entry.on.toordinal(), 2, entry.entry_id, entry))
    for fund in sorted(by_fund):
        balance = Money(0)
        waiting: dict[str, str] = {}
        for ordinal, step, entry_id, entry in sorted(by_fund[fund], key=_ROW):
            in_period = data.first_ordinal <= ordinal <= data.last_ordinal
            if step == _RECEIVED:
                waiting[entry_id] = entry_id
            elif step == _BANKED:
                waiting.pop(entry_id, None)
                balance += entry.amount
            else:
                if waiting and in_period:
                    unbanked_found.append(
                        _F["purchasing.spent_before_banked"].violation(
                            fund, entry=entry_id, on=entry.on, income=min(waiting)
                        )
                    )
                balance -= entry.amount
                if balance.is_negative() and in_period:
                    red.append(
                        _F["purchasing.red_figure"].violation(
                            fund, balance=balance, entry=entry_id, on=entry.on
                        )
                    )
    return unbanked_found, red


_Row = tuple[int, int, str, CashEntry]
"""A step of a cash book: day ordinal, step (received 0, banked 1, spent 2), entry id, entry."""
_RECEIVED: Final = 0
_BANKED: Final = 1


def _ROW(row: _Row) -> tuple[int, int, str]:  # noqa: N802 - a key function
    return row[0], row[1], row[2]


def pr7_spending_after_banking(data: AuditInput) -> tuple[Violation, ...]:
    """PR-7: no fund spends while it holds income not yet banked (收支两条线, no 边收边用)."""
    return tuple(_cash_walk(data)[0])


def pr7_balances_never_red(data: AuditInput) -> tuple[Violation, ...]:
    """PR-7: no fund's banked balance goes below zero ("不允许出现红字")."""
    return tuple(_cash_walk(data)[1])


def pr7_accounts_posted(data: AuditInput) -> tuple[Violation, ...]:
    """PR-7: each closed month of a fund has its income and spending posted (收支公示)."""
    posted = [p for p in data.records.postings if p.subject is PostingSubject.ACCOUNTS]
    found = []
    for close in data.records.closes:
        if not data.day_in_period(close.on):
            continue
        if not any(
            p.ref_id == close.fund and p.start_on >= close.on.replace(day=1) for p in posted
        ):
            found.append(
                _F["purchasing.accounts_not_posted"].violation(close.fund, month=close.key)
            )
    return tuple(found)


def pr8_fees_from_posted_list(data: AuditInput) -> tuple[Violation, ...]:
    """PR-8: each fee charged is on its term's approved, posted list, at its amount.

    Banned items are never charged.
    """
    lists = {fee_list.term_id: fee_list for fee_list in data.records.fee_lists}
    posted: dict[str, pendulum.Date] = {}
    for posting in data.records.postings:
        if posting.subject is PostingSubject.FEES:
            known = posted.get(posting.ref_id)
            posted[posting.ref_id] = (
                posting.start_on if known is None else min(known, posting.start_on)
            )
    found = []
    for charge in data.records.charges:
        if not data.day_in_period(charge.on):
            continue
        subject = charge.charge_id
        if data.policy.fee_refusal(charge.item) is not None:
            found.append(_F["purchasing.fee_banned"].violation(subject, item=charge.item))
            continue
        fee_list = lists.get(charge.term_id)
        item = None if fee_list is None else fee_list.item(charge.item)
        if item is None:
            found.append(
                _F["purchasing.fee_off_list"].violation(
                    subject, item=charge.item, term=charge.term_id
                )
            )
            continue
        if item.amount.amount != charge.amount.amount:
            found.append(
                _F["purchasing.fee_amount_differs"].violation(
                    subject, item=charge.item, amount=charge.amount, approved=item.amount
                )
            )
        start = posted.get(charge.term_id)
        if start is None or start > charge.on:
            found.append(
                _F["purchasing.fee_before_posting"].violation(
                    subject, on=charge.on, term=charge.term_id
                )
            )
    return tuple(found)


def _ranges(numbers: list[int]) -> str:
    parts, start = [], None
    for index, number in enumerate(numbers):
        if start is None:
            start = number
        if index + 1 == len(numbers) or numbers[index + 1] != number + 1:
            parts.append(str(start) if start == number else f"{start}-{number}")
            start = None
    return ",".join(parts)


def pr9_receipt_books_reconciled(data: AuditInput) -> tuple[Violation, ...]:
    """PR-9: each returned receipt book reconciles with no gaps, and its money.

    Used + voided + unused = its range, and the used receipts total what was
    handed in; a book not returned is reported.
    """
    returns = {back.book_id: back for back in data.records.returns}
    used: dict[str, dict[int, Money]] = {}
    for charge in data.records.charges:
        used.setdefault(charge.book_id, {})[charge.receipt_no] = charge.amount
    found = []
    for book in data.records.books:
        if not data.day_in_period(book.issued_on):
            continue
        back = returns.get(book.book_id)
        if back is None:
            found.append(
                _F["purchasing.book_not_returned"].violation(
                    book.book_id, collector=book.collector, issued_on=book.issued_on
                )
            )
            continue
        spent = used.get(book.book_id, {})
        unused = range(back.unused_from, book.last + 1) if back.unused_from is not None else ()
        accounted = set(spent) | set(back.voided) | set(unused)
        gaps = [n for n in range(book.first, book.last + 1) if n not in accounted]
        if gaps:
            found.append(
                _F["purchasing.receipts_unaccounted"].violation(book.book_id, numbers=_ranges(gaps))
            )
        total = Money.sum(spent.values())
        if total.amount != back.handed_in.amount:
            found.append(
                _F["purchasing.receipts_total_differs"].violation(
                    book.book_id, total=total, handed_in=back.handed_in
                )
            )
    return tuple(found)


# ---------------------------------------------------------------- SB checks


def sb1_stages_in_order(data: AuditInput) -> tuple[Violation, ...]:
    """SB-1: register → apply → approve, each dated, in that order."""
    found = []
    for case in data.records.cases:
        if not data.day_in_period(case.registered_on):
            continue
        if case.applied_on < case.registered_on:
            found.append(
                _F["subsidies.case_out_of_order"].violation(
                    case.case_id,
                    stage="applied",
                    on=case.applied_on,
                    before="registered",
                    before_on=case.registered_on,
                )
            )
        if case.approved_on is not None and case.approved_on < case.applied_on:
            found.append(
                _F["subsidies.case_out_of_order"].violation(
                    case.case_id,
                    stage="approved",
                    on=case.approved_on,
                    before="applied",
                    before_on=case.applied_on,
                )
            )
    return tuple(found)


def _approved(data: AuditInput) -> dict[tuple[str, str], list[SubsidyCase]]:
    groups: dict[tuple[str, str], list[SubsidyCase]] = {}
    for case in data.records.cases:
        if case.approved_on is not None:
            groups.setdefault((case.subsidy_type, case.period), []).append(case)
    return groups


def sb2_approved_within_quota(data: AuditInput) -> tuple[Violation, ...]:
    """SB-2: approved cases per subsidy type and period stay within the quota (指标数)."""
    groups = _approved(data)
    return tuple(
        _F["subsidies.over_quota"].violation(
            f"{quota.subsidy_type} {quota.period}", approved=count, quota=quota.count
        )
        for quota in data.records.quotas
        if (count := len(groups.get((quota.subsidy_type, quota.period), ()))) > quota.count
        and any(
            data.day_in_period(c.approved_on)  # type: ignore[arg-type]  # approved
            for c in groups[quota.subsidy_type, quota.period]
        )
    )


def _rounds(data: AuditInput) -> list[SubsidyFunds]:
    return [funds for funds in data.records.funds if data.day_in_period(funds.received_on)]


def _posted_days(data: AuditInput, round_id: str, day: pendulum.Date) -> tuple[int, bool]:
    best, posted = 0, False
    for posting in data.records.postings:
        if posting.subject is not PostingSubject.SUBSIDIES or posting.ref_id != round_id:
            continue
        posted = True
        last = min(posting.end_on, day.subtract(days=1))
        days = days_between(posting.start_on.subtract(days=1), last, data.policy, data.working_days)
        best = max(best, days)
    return best, posted


def sb3_posted_a_week(data: AuditInput) -> tuple[Violation, ...]:
    """SB-3: each round's list was posted for at least a week before each payment.

    "公示时间不得少于一周"; a round paid without a posting is reported once.
    """
    found = []
    rounds = {funds.round_id for funds in _rounds(data)}
    unposted: set[str] = set()
    for payment in data.records.payments:
        if payment.round_id not in rounds:
            continue
        days, posted = _posted_days(data, payment.round_id, payment.paid_on)
        if not posted:
            unposted.add(payment.round_id)
        elif days < data.policy.posting_days:
            found.append(
                _F["subsidies.posted_too_short"].violation(
                    payment.round_id,
                    payment=payment.payment_id,
                    paid_on=payment.paid_on,
                    days=days,
                    minimum=data.policy.posting_days,
                )
            )
    found += [_F["subsidies.not_posted"].violation(round_id) for round_id in sorted(unposted)]
    return tuple(found)


def payment_due(funds: SubsidyFunds, data: AuditInput) -> pendulum.Date:
    """SB-4: the last day a round's pupils may be paid.

    ``payment_days`` after receipt, or after the posting's end when the money
    arrives before it ends (calendar or working days, as the policy counts).
    """
    base = funds.received_on
    for posting in data.records.postings:
        if posting.subject is PostingSubject.SUBSIDIES and posting.ref_id == funds.round_id:
            base = max(base, posting.end_on)
    return days_after(base, data.policy.payment_days, data.policy, data.working_days)


def sb4_paid_within_two_days(data: AuditInput) -> tuple[Violation, ...]:
    """SB-4: each listed pupil is paid within two days of the money's receipt.

    "经费必须在领到两天内发放到享受的学生手中"; days as the policy counts them
    (default calendar days); an approved case still unpaid after the deadline
    is reported too.
    """
    found = []
    working = data.policy.day_count is DayCount.WORKING
    unit, unit_zh = ("working day(s)", "工作日") if working else ("day(s)", "自然日")
    groups = _approved(data)
    for funds in _rounds(data):
        due = payment_due(funds, data)
        paid: set[str] = set()
        for payment in data.records.payments:
            if payment.round_id != funds.round_id:
                continue
            paid.add(payment.case_id)
            if payment.paid_on > due:
                late = days_between(due, payment.paid_on, data.policy, data.working_days)
                found.append(
                    _F["subsidies.paid_late"].violation(
                        payment.payment_id,
                        paid_on=payment.paid_on,
                        due=due,
                        late=late,
                        unit=unit,
                        unit_zh=unit_zh,
                    )
                )
        if due <= data.period.end:
            found.extend(
                _F["subsidies.unpaid"].violation(funds.round_id, case=case.case_id, due=due)
                for case in groups.get((funds.subsidy_type, funds.period), ())
                if case.case_id not in paid
            )
    return tuple(found)


def sb5_exact_amounts_to_approved_pupils(data: AuditInput) -> tuple[Violation, ...]:
    """SB-5: each payment goes to an approved pupil of the round, of the approved amount.

    The payee is the pupil or the guardian (不张冠李戴); no averaging, no withholding.
    """
    cases = {case.case_id: case for case in data.records.cases}
    rounds = {funds.round_id: funds for funds in _rounds(data)}
    found = []
    paid: dict[str, Money] = {}
    for payment in data.records.payments:
        funds = rounds.get(payment.round_id)
        if funds is None:
            continue
        case = cases.get(payment.case_id)
        if (
            case is None
            or case.amount is None
            or (case.subsidy_type, case.period) != (funds.subsidy_type, funds.period)
            or payment.payee not in {case.pupil, case.guardian}
        ):
            found.append(
                _F["subsidies.payee_not_approved"].violation(
                    payment.payment_id,
                    payee=payment.payee,
                    round=payment.round_id,
                    case=payment.case_id,
                )
            )
            continue
        paid[case.case_id] = paid.get(case.case_id, Money(0)) + payment.amount
    for case_id, amount in sorted(paid.items()):
        approved = cases[case_id].amount
        if approved is not None and approved.amount != amount.amount:
            found.append(
                _F["subsidies.amount_differs"].violation(case_id, paid=amount, approved=approved)
            )
    return tuple(found)


def round_balance(records: FinanceRecords, round_id: str) -> tuple[Money, Money, Money]:
    """SB-5: a round's money received, paid and carried over (received = paid + carried)."""
    received = Money.sum(f.amount for f in records.funds if f.round_id == round_id)
    paid = Money.sum(p.amount for p in records.payments if p.round_id == round_id)
    carried = Money.sum(c.amount for c in records.carry_overs if c.round_id == round_id)
    return received, paid, carried


def sb5_funds_accounted(data: AuditInput) -> tuple[Violation, ...]:
    """SB-5: each round's money is paid out or carried over and recorded as such (不挪用).

    Received = paid + carried over, once the round is due.
    """
    found = []
    for funds in _rounds(data):
        if payment_due(funds, data) > data.period.end:
            continue
        received, paid, carried = round_balance(data.records, funds.round_id)
        if received.amount != _CC.add(paid.amount, carried.amount):
            found.append(
                _F["subsidies.funds_unaccounted"].violation(
                    funds.round_id, received=received, paid=paid, carried=carried
                )
            )
    return tuple(found)


def textbook_waivers(
    cases: Iterable[SubsidyCase], policy: FinancePolicy | None = None
) -> Mapping[str, str]:
    """SB-6: the pupils whose textbook fee (课本费) is waived, with the category that waives it.

    A pupil of an approved case in one of the policy's waived categories (贫困, 残疾 by
    default); read-only, in the order of the cases.
    """
    settings = FinancePolicy() if policy is None else policy
    return MappingProxyType(
        {
            case.pupil: case.category
            for case in cases
            if case.approved_on is not None and case.category in settings.waived_categories
        }
    )


def sb6_textbook_fees_waived(data: AuditInput) -> tuple[Violation, ...]:
    """SB-6: no textbook fee (课本费) is charged to a poor or disabled pupil.

    The pupil's approved case is in a waived category of the policy.
    """
    policy = data.policy
    waived = textbook_waivers(data.records.cases, policy)
    return tuple(
        _F["subsidies.textbook_fee_charged"].violation(
            charge.charge_id, pupil=charge.pupil, category=waived[charge.pupil], item=charge.item
        )
        for charge in data.records.charges
        if charge.item == policy.textbook_item
        and charge.pupil in waived
        and data.day_in_period(charge.on)
    )


def sb7_payments_recorded_and_posted(data: AuditInput) -> tuple[Violation, ...]:
    """SB-7: each payment records its method and reference, and the paid list is posted.

    The reference is a signature or a bank reference (公示 of the paid list).
    """
    rounds = {funds.round_id for funds in _rounds(data)}
    found = []
    paid_rounds: set[str] = set()
    for payment in data.records.payments:
        if payment.round_id not in rounds:
            continue
        paid_rounds.add(payment.round_id)
        for name, zh in (("method", "发放方式"), ("reference", "签字或银行流水号")):
            if not getattr(payment, name).strip():
                found.append(
                    _F["subsidies.payment_unrecorded"].violation(
                        payment.payment_id, missing=name, missing_zh=zh
                    )
                )
    posted = {p.ref_id for p in data.records.postings if p.subject is PostingSubject.PAYMENTS}
    found += [
        _F["subsidies.paid_list_not_posted"].violation(round_id)
        for round_id in sorted(paid_rounds - posted)
    ]
    return tuple(found)


_PURCHASE_CHECKS: Final[tuple[Check, ...]] = (
    pr1_requested_a_week_ahead,
    pr2_approved_before_purchase,
    pr2_approved_by_tier,
    pr3_quotes_compared,
    pr3_price_not_above_quotes_or_market,
    pr3_supervised_by_a_third_person,
    pr4_stages_in_order,
    pr5_vouchers_valid,
)

_OTHER_CHECKS: Final[tuple[Check, ...]] = (
    pr6_within_caps,
    pr7_spending_after_banking,
    pr7_balances_never_red,
    pr7_accounts_posted,
    pr8_fees_from_posted_list,
    pr9_receipt_books_reconciled,
    sb1_stages_in_order,
    sb2_approved_within_quota,
    sb3_posted_a_week,
    sb4_paid_within_two_days,
    sb5_exact_amounts_to_approved_pupils,
    sb5_funds_accounted,
    sb6_textbook_fees_waived,
    sb7_payments_recorded_and_posted,
)

DEFAULT_CHECKS: Final[tuple[Check, ...]] = (*_PURCHASE_CHECKS, *_OTHER_CHECKS)
"""Every check, one (or two) per rule, in rule order."""

_REQUIRED: Final = frozenset(REQUIRED_SIGNERS)


def audit_finance(
    records: FinanceRecords,
    policy: FinancePolicy,
    period: DateRange,
    *,
    working_days: SchoolDays | None = None,
    checks: tuple[Check, ...] = DEFAULT_CHECKS,
) -> tuple[Violation, ...]:
    """Audit purchases, vouchers, cash, fees and subsidies: findings as data, canonical order.

    Args:
        records: The records (``FinanceOffice.records()`` or imported).
        policy: The policy (``FinancePolicy()``: RULES.md).
        period: The audited days.
        working_days: The working days SB-3 and SB-4 count with ``DayCount.WORKING``.
        checks: The checks to run (default: all; the purchases in one pass).
    """
    data = AuditInput(records, policy, period, working_days)
    found: list[Violation] = []
    with decimal.localcontext(COMPUTE_CONTEXT):  # never the caller's precision or traps
        if checks is DEFAULT_CHECKS:
            found += _purchases_in_one_pass(data)
            for check in _OTHER_CHECKS:
                if check is not pr6_within_caps:
                    found += check(data)
        else:
            for check in checks:
                found += check(data)
    return sort_violations(found)


def _purchases_in_one_pass(data: AuditInput) -> list[Violation]:
    """The purchase checks and PR-6 in one pass: the findings of the checks run one by one.

    Each purchase in the period is tested by ``_clean`` first; only one that is not
    certainly clean goes through the per-rule tests. PR-6's common case (one line
    ordered as requested) is added up inline. Called in ``COMPUTE_CONTEXT``.
    """
    found: list[Violation] = []
    first, last = data.first_ordinal, data.last_ordinal
    zone = data.zone
    key = zone.key
    committed: dict[str, Decimal] = {}
    reapproved: set[str] = set()
    fast = _fast(data)
    for purchase in data.records.purchases:
        request = purchase.request
        filed_at = request.filed_at
        tz = filed_at.tzinfo
        if tz is zone or getattr(tz, "key", None) == key:
            filed = _ORDINAL(filed_at)
        else:
            filed = data.local_ordinal(filed_at)
        if not first <= filed <= last:
            continue
        order = purchase.order
        if order is not None:  # PR-6, the common case inline (see _commit)
            lines, bought = request.lines, order.lines
            if (
                len(lines) == 1
                and len(bought) == 1
                and order.cap_reapproved_by is None
                and bought[0].line_id == lines[0].line_id
            ):
                budget = request.budget_line
                total = bought[0].unit_price.amount * lines[0].quantity  # exact: COMPUTE_CONTEXT
                committed[budget] = committed.get(budget, _ZERO) + total
            else:
                _commit(purchase, committed, reapproved)
        if not _clean(purchase, data, filed, fast):
            found += _purchase_findings(purchase, data)
    found += _over_caps(data, committed, reapproved)
    return found
