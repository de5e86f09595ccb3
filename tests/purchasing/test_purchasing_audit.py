"""The audit: a compliant term finds nothing, one fault finds exactly it, order does not matter."""

from __future__ import annotations

import decimal
from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics.core.money import Money
from schoollogistics.core.time import DateRange
from schoollogistics.purchasing import (
    DEFAULT_CHECKS,
    AuditInput,
    CarryOver,
    DayCount,
    FeeCharge,
    FinancePolicy,
    FinanceRecords,
    PostingSubject,
    audit_finance,
    render_monthly_accounts,
    render_subsidy_posting,
    round_balance,
    textbook_waivers,
)
from schoollogistics.repairs import SchoolDays
from schoollogistics.testing.purchasing import finance_records, simulate_office, simulate_purchases

PERIOD = DateRange(pendulum.Date(2025, 8, 1), pendulum.Date(2025, 11, 30))
POLICY = FinancePolicy()
# The checks run one by one: a tuple equal to DEFAULT_CHECKS but not the same
# object (the audit runs its one pass exactly when it is given DEFAULT_CHECKS
# itself; ``tuple(DEFAULT_CHECKS)`` would be that very object).
ONE_BY_ONE = (*DEFAULT_CHECKS,)
assert ONE_BY_ONE is not DEFAULT_CHECKS


def records() -> FinanceRecords:
    return simulate_office().records()


def found(recs: FinanceRecords, policy: FinancePolicy = POLICY) -> list[str]:
    result = audit_finance(recs, policy, PERIOD)
    assert audit_finance(recs, policy, PERIOD, checks=ONE_BY_ONE) == result
    return [v.code for v in result]


def test_a_compliant_term_has_no_finding() -> None:
    assert found(records()) == []
    year = DateRange(pendulum.Date(2025, 8, 1), pendulum.Date(2026, 8, 31))
    assert audit_finance(FinanceRecords(purchases=simulate_purchases(300)), POLICY, year) == ()


def with_purchase(recs: FinanceRecords, **changes: object) -> FinanceRecords:
    first = attrs.evolve(recs.purchases[0], **changes)  # type: ignore[arg-type]  # test data
    return attrs.evolve(recs, purchases=(first, *recs.purchases[1:]))


@pytest.mark.rule("PR-1")
def test_pr1_late_request() -> None:
    recs = records()
    request = recs.purchases[0].request
    late = attrs.evolve(request, needed_on=request.filed_at.date().add(days=3))
    assert found(with_purchase(recs, request=late)) == ["purchasing.request_late"]


@pytest.mark.rule("PR-2")
def test_pr2_unapproved_order_is_reported() -> None:
    assert found(with_purchase(records(), approved_at=None, approver_role=None)) == [
        "purchasing.bought_without_approval"
    ]


@pytest.mark.rule("PR-3")
def test_pr3_two_quotes_and_a_price_above_the_market() -> None:
    recs = records()
    purchase = recs.purchases[0]
    assert found(with_purchase(recs, quotes=purchase.quotes[:2])) == ["purchasing.too_few_quotes"]
    assert purchase.order is not None
    line = purchase.order.lines[0]
    dear = attrs.evolve(
        purchase.order, lines=(attrs.evolve(line, unit_price=line.unit_price + Money(5)),)
    )
    assert found(with_purchase(recs, order=dear)) == [
        "purchasing.price_above_lowest_quote",
        "purchasing.price_above_market",
    ]
    unsupervised = attrs.evolve(purchase.order, supervisor=purchase.order.buyer)
    assert found(with_purchase(recs, order=unsupervised)) == ["purchasing.unsupervised"]


@pytest.mark.rule("PR-4")
def test_pr4_acceptor_buyer_and_skipped_store() -> None:
    recs = records()
    purchase = recs.purchases[0]
    assert purchase.delivery is not None
    assert purchase.order is not None
    by_buyer = attrs.evolve(purchase.delivery, acceptor=purchase.order.buyer)
    assert found(with_purchase(recs, delivery=by_buyer)) == ["purchasing.accepted_by_buyer"]
    assert found(with_purchase(recs, stored_on=None)) == ["purchasing.stage_skipped"]


@pytest.mark.rule("PR-5")
def test_pr5_a_voucher_whose_words_disagree() -> None:
    recs = records()
    reimbursement = recs.purchases[0].reimbursement
    assert reimbursement is not None
    wrong = attrs.evolve(reimbursement.voucher, amount_in_words="壹万元整")
    bad = attrs.evolve(reimbursement, voucher=wrong)
    assert found(with_purchase(recs, reimbursement=bad)) == ["purchasing.voucher_words_disagree"]


@pytest.mark.rule("PR-6")
def test_pr6_over_the_cap() -> None:
    recs = records()
    tight = attrs.evolve(recs.budgets[0], cap=Money(1))
    assert found(attrs.evolve(recs, budgets=(tight,))) == ["purchasing.over_cap"]


@pytest.mark.rule("PR-7")
def test_pr7_spent_before_banked_red_figures_unposted_month() -> None:
    recs = records()
    income, spending = recs.cash
    unbanked = attrs.evolve(income, banked_on=income.on.add(days=5))
    assert found(attrs.evolve(recs, cash=(unbanked, spending))) == [
        "purchasing.red_figure",
        "purchasing.spent_before_banked",
    ]
    postings = tuple(p for p in recs.postings if p.subject is not PostingSubject.ACCOUNTS)
    assert found(attrs.evolve(recs, postings=postings)) == ["purchasing.accounts_not_posted"]
    text = render_monthly_accounts("公用经费", 2025, 9, recs.cash, school="红星小学")
    assert "本月结余：19200 元" in text


@pytest.mark.rule("PR-8")
def test_pr8_off_list_banned_and_unposted_fees() -> None:
    recs = records()
    charge = recs.charges[0]
    off = attrs.evolve(charge, item="保险费")
    assert found(attrs.evolve(recs, charges=(off, *recs.charges[1:]))) == [
        "purchasing.fee_off_list"
    ]
    banned = attrs.evolve(charge, item="教辅费")
    assert found(attrs.evolve(recs, charges=(banned, *recs.charges[1:]))) == [
        "purchasing.fee_banned"
    ]
    postings = tuple(p for p in recs.postings if p.subject is not PostingSubject.FEES)
    assert found(attrs.evolve(recs, postings=postings)) == ["purchasing.fee_before_posting"] * 3


@pytest.mark.rule("PR-9")
def test_pr9_a_gap_in_the_receipt_book() -> None:
    recs = records()
    back = attrs.evolve(recs.returns[0], voided=())
    assert found(attrs.evolve(recs, returns=(back,))) == ["purchasing.receipts_unaccounted"]
    short = attrs.evolve(recs.returns[0], handed_in=Money(600))
    assert found(attrs.evolve(recs, returns=(short,))) == ["purchasing.receipts_total_differs"]
    assert found(attrs.evolve(recs, returns=())) == ["purchasing.book_not_returned"]


@pytest.mark.rule("SB-1")
def test_sb1_approved_before_applied() -> None:
    recs = records()
    case = recs.cases[0]
    early = attrs.evolve(case, approved_on=case.applied_on.subtract(days=1))
    assert found(attrs.evolve(recs, cases=(early, *recs.cases[1:]))) == [
        "subsidies.case_out_of_order"
    ]


@pytest.mark.rule("SB-2")
def test_sb2_over_quota() -> None:
    recs = records()
    small = attrs.evolve(recs.quotas[0], count=1)
    assert found(attrs.evolve(recs, quotas=(small,))) == ["subsidies.over_quota"]


@pytest.mark.rule("SB-3")
def test_sb3_posted_too_short_or_not_at_all() -> None:
    recs = records()
    shorter = tuple(
        attrs.evolve(p, start_on=p.start_on.add(days=1))
        if p.subject is PostingSubject.SUBSIDIES
        else p
        for p in recs.postings
    )
    assert found(attrs.evolve(recs, postings=shorter)) == ["subsidies.posted_too_short"] * 2
    none = tuple(p for p in recs.postings if p.subject is not PostingSubject.SUBSIDIES)
    assert "subsidies.not_posted" in found(attrs.evolve(recs, postings=none))


def late_by_a_day(recs: FinanceRecords) -> FinanceRecords:
    first = recs.payments[0]
    return attrs.evolve(
        recs, payments=(attrs.evolve(first, paid_on=first.paid_on.add(days=2)), *recs.payments[1:])
    )


@pytest.mark.rule("SB-4")
def test_sb4_a_payment_a_day_late_in_calendar_days() -> None:
    # The list ends on day 18 after the term's start, the money arrived on day 17: due by day 20.
    late = audit_finance(late_by_a_day(records()), POLICY, PERIOD)
    assert [v.code for v in late] == ["subsidies.paid_late"]
    assert late[0].params["late"] == "1"
    assert late[0].params["unit"] == "day(s)"
    assert "自然日" in late[0].message_zh


@pytest.mark.rule("SB-4")
def test_sb4_working_days_count_the_calendar_areas_days() -> None:
    recs = late_by_a_day(records())
    policy = FinancePolicy(day_count=DayCount.WORKING)
    days = [pendulum.Date(2025, 9, 1).add(days=n) for n in range(60)]
    weekdays = SchoolDays([d for d in days if d.isoweekday() < 6])
    # The list was posted Saturday 13 to Friday 19 September 2025: 5 working days, too short;
    # two working days after Friday 19th is Tuesday 23rd, so Monday 22nd is in time.
    late = audit_finance(recs, policy, PERIOD, working_days=weekdays)
    assert [v.code for v in late] == ["subsidies.posted_too_short"] * 2
    assert late[0].params["days"] == "5"
    later = late_by_a_day(late_by_a_day(records()))  # paid on Wednesday 24th
    late = audit_finance(later, policy, PERIOD, working_days=weekdays)
    paid_late = [v for v in late if v.code == "subsidies.paid_late"]
    assert [v.params["late"] for v in paid_late] == ["1"]
    assert paid_late[0].params["unit"] == "working day(s)"
    assert "工作日" in paid_late[0].message_zh


@pytest.mark.rule("SB-4")
def test_sb4_an_unpaid_case() -> None:
    recs = records()
    assert found(attrs.evolve(recs, payments=recs.payments[1:])) == [
        "subsidies.unpaid",
        "subsidies.funds_unaccounted",
    ]


@pytest.mark.rule("SB-5")
def test_sb5_averaging_withholding_and_the_wrong_payee() -> None:
    recs = records()
    first, second = recs.payments
    withheld = attrs.evolve(first, amount=Money(600))
    assert found(attrs.evolve(recs, payments=(withheld, second))) == [
        "subsidies.amount_differs",
        "subsidies.funds_unaccounted",
    ]
    carried = CarryOver(round_id=first.round_id, amount=Money(25), on=first.paid_on, reason="扣留")
    assert found(attrs.evolve(recs, payments=(withheld, second), carry_overs=(carried,))) == [
        "subsidies.amount_differs"
    ]
    stranger = attrs.evolve(first, payee="张冠")
    assert "subsidies.payee_not_approved" in found(attrs.evolve(recs, payments=(stranger, second)))


@pytest.mark.rule("SB-6")
def test_sb6_textbook_fee_to_a_poor_pupil() -> None:
    recs = records()
    fee = FeeCharge(
        charge_id="X",
        term_id="2025-autumn",
        pupil="小红",
        item="课本费",
        amount=Money(80),
        on=pendulum.Date(2025, 9, 20),
        book_id="B-9",
        receipt_no=1,
    )
    codes = found(attrs.evolve(recs, charges=(*recs.charges, fee)))
    assert "subsidies.textbook_fee_charged" in codes
    assert dict(textbook_waivers(recs.cases)) == {"小红": "贫困", "小刚": "贫困"}


@pytest.mark.rule("SB-7")
def test_sb7_payment_records_and_paid_list() -> None:
    recs = records()
    first, second = recs.payments
    bare = attrs.evolve(first, reference="")
    assert found(attrs.evolve(recs, payments=(bare, second))) == ["subsidies.payment_unrecorded"]
    postings = tuple(p for p in recs.postings if p.subject is not PostingSubject.PAYMENTS)
    assert found(attrs.evolve(recs, postings=postings)) == ["subsidies.paid_list_not_posted"]
    posting = next(p for p in recs.postings if p.subject is PostingSubject.SUBSIDIES)
    text = render_subsidy_posting(posting, recs.cases, school="红星小学")
    assert "公示时间：2025年9月13日至2025年9月19日（共 7 天）" in text
    assert "小红" in text


def shuffled(recs: FinanceRecords, seed: int) -> FinanceRecords:
    fields = {}
    for field in attrs.fields(FinanceRecords):
        items = list(getattr(recs, field.name))
        turn = seed % (len(items) or 1)
        reordered = items[turn:] + items[:turn]
        fields[field.name] = tuple(reordered[::-1] if seed % 2 else reordered)
    return FinanceRecords(**fields)


@settings(max_examples=30, deadline=None)
@given(finance_records(), st.integers(0, 1000))
def test_the_audit_does_not_depend_on_input_order(recs: FinanceRecords, seed: int) -> None:
    period = DateRange(pendulum.Date(2024, 1, 1), pendulum.Date(2027, 12, 31))
    assert audit_finance(recs, POLICY, period) == audit_finance(
        shuffled(recs, seed), POLICY, period
    )


@settings(max_examples=30, deadline=None)
@given(finance_records())
def test_the_one_pass_equals_the_checks_run_one_by_one(recs: FinanceRecords) -> None:
    period = DateRange(pendulum.Date(2024, 1, 1), pendulum.Date(2027, 12, 31))
    one_by_one = audit_finance(recs, POLICY, period, checks=ONE_BY_ONE)
    assert audit_finance(recs, POLICY, period) == one_by_one


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 100_000), min_size=1, max_size=6), st.integers(0, 100_000))
def test_posted_subsidies_sum_to_the_money_less_what_is_carried_over(
    amounts: list[int], carried_fen: int
) -> None:
    # rule: SB-5
    recs = records()
    base = recs.payments[0]
    cases = [
        attrs.evolve(recs.cases[0], case_id=f"K{n}", pupil=f"P{n}", amount=Money.from_fen(fen))
        for n, fen in enumerate(amounts)
    ]
    payments = [
        attrs.evolve(
            base, payment_id=f"F{n}", case_id=f"K{n}", payee=f"P{n}", amount=Money.from_fen(fen)
        )
        for n, fen in enumerate(amounts)
    ]
    total = Money.from_fen(sum(amounts) + carried_fen)
    funds = attrs.evolve(recs.funds[0], amount=total)
    carry = (
        (
            CarryOver(
                round_id=base.round_id,
                amount=Money.from_fen(carried_fen),
                on=base.paid_on,
                reason="结转下批",
            ),
        )
        if carried_fen
        else ()
    )
    quota = attrs.evolve(recs.quotas[0], count=len(amounts))
    new = attrs.evolve(
        recs,
        cases=tuple(cases),
        payments=tuple(payments),
        funds=(funds,),
        carry_overs=carry,
        quotas=(quota,),
    )
    received, paid, carried = round_balance(new, base.round_id)
    posted = Money.sum(c.amount for c in new.cases if c.amount is not None)
    assert posted == paid == received - carried
    assert [v for v in audit_finance(new, POLICY, PERIOD) if v.rule == "SB-5"] == []


def _variants() -> list[object]:
    base = simulate_purchases(1)[0]
    order, delivery, paid = base.order, base.delivery, base.reimbursement
    assert order is not None
    assert delivery is not None
    assert paid is not None
    voucher = paid.voucher
    line = base.request.lines[0]
    bought = order.lines[0]

    def v(**changes: object) -> object:
        typed = attrs.evolve(voucher, **changes)  # type: ignore[arg-type]  # test data
        return attrs.evolve(base, reimbursement=attrs.evolve(paid, voucher=typed))

    second = attrs.evolve(line, line_id="2")
    paid_on = paid.at.in_timezone("Asia/Shanghai").date()
    return [
        attrs.evolve(
            base,
            request=attrs.evolve(base.request, filed_at=base.request.filed_at.in_timezone("UTC")),
        ),
        attrs.evolve(base, approver_role="bureau"),
        attrs.evolve(base, approved_at=None, approver_role=None),
        attrs.evolve(base, order=None, delivery=None, stored_on=None, reimbursement=None),
        attrs.evolve(base, order=attrs.evolve(order, supervisor=order.buyer)),
        attrs.evolve(base, request=attrs.evolve(base.request, lines=(line, second))),
        attrs.evolve(base, order=attrs.evolve(order, lines=(attrs.evolve(bought, line_id="2"),))),
        attrs.evolve(
            base,
            request=attrs.evolve(base.request, lines=(attrs.evolve(line, reference_price=None),)),
        ),
        attrs.evolve(
            base,
            order=attrs.evolve(
                order,
                lines=(
                    attrs.evolve(
                        bought, unit_price=bought.unit_price + Money("0.15"), reason="质量"
                    ),
                ),
            ),
        ),
        attrs.evolve(base, quotes=()),
        attrs.evolve(base, quotes=tuple(attrs.evolve(q, line_id="2") for q in base.quotes)),
        attrs.evolve(base, delivery=None, stored_on=None, reimbursement=None),
        attrs.evolve(base, delivery=attrs.evolve(delivery, acceptor=order.buyer)),
        attrs.evolve(base, reimbursement=None),
        attrs.evolve(base, stored_on=None),
        v(amount=None),
        v(seal=False),
        v(kind="白条"),
        v(quantity=(voucher.quantity or 0) + 1),
        v(valid_until=pendulum.Date(2025, 1, 1)),
        v(valid_until=pendulum.Date(2030, 1, 1)),
        v(valid_until=paid_on),  # the last valid day is the day of payment: valid
        v(valid_until=paid_on.subtract(days=1)),  # expired the day before payment
        v(signatures=voucher.signatures[:2]),
        v(signatures=(*voucher.signatures[:2], attrs.evolve(voucher.signatures[0], name="另一人"))),
        v(amount=Money("48.001"), unit_price=Money("48.001"), quantity=1),
        v(amount_in_words="壹元"),
        v(amount_in_words=f" {voucher.amount_in_words} "),
        v(amount_in_words=""),
        attrs.evolve(
            base,
            quotes=(
                *base.quotes[:2],
                attrs.evolve(base.quotes[2], unit_price=bought.unit_price - Money("0.01")),
            ),
        ),
        attrs.evolve(base, quotes=base.quotes[:2]),
        attrs.evolve(
            base, quotes=(*base.quotes[:2], attrs.evolve(base.quotes[2], supplier="甲商店"))
        ),
        v(
            signatures=tuple(
                attrs.evolve(s, role=voucher.signatures[0].role) for s in voucher.signatures
            )
        ),
        v(
            signatures=(
                *voucher.signatures[:2],
                attrs.evolve(voucher.signatures[2], name=voucher.signatures[1].name),
            )
        ),
        v(
            signatures=(
                voucher.signatures[0],
                attrs.evolve(voucher.signatures[1], name=voucher.signatures[0].name),
                voucher.signatures[2],
            )
        ),
        v(signatures=(*voucher.signatures, attrs.evolve(voucher.signatures[0], name="第四人"))),
        v(
            signatures=(
                *voucher.signatures,
                attrs.evolve(voucher.signatures[0], name=voucher.signatures[1].name),
            )
        ),
    ]


@pytest.mark.parametrize("purchase", _variants())
def test_each_deviation_is_found_alike_in_one_pass_and_check_by_check(purchase: object) -> None:
    # rules: PR-1, PR-2, PR-3, PR-4, PR-5
    year = DateRange(pendulum.Date(2025, 8, 1), pendulum.Date(2026, 8, 31))
    for policy in (
        POLICY,
        FinancePolicy(
            approval_tiers=POLICY.approval_tiers * 2,
            quote_threshold=Money(1),
            acceptor_not_buyer=False,
        ),
        FinancePolicy(min_signatures=2),
        FinancePolicy(min_signatures=4),
    ):
        recs = FinanceRecords(purchases=(purchase,))  # type: ignore[arg-type]  # a Purchase
        one_pass = audit_finance(recs, policy, year)
        assert one_pass == audit_finance(recs, policy, year, checks=ONE_BY_ONE)


@pytest.mark.rule("PR-5")
def test_the_audit_computes_in_its_own_context_not_the_callers() -> None:
    """A caller's three-digit context must not make 123.45 × 1 equal a voucher's 123.00."""
    base = simulate_purchases(1)[0]
    paid = base.reimbursement
    assert paid is not None
    wrong = attrs.evolve(
        paid.voucher,
        unit_price=Money("123.45"),
        quantity=1,
        amount=Money("123.00"),
        amount_in_words="壹佰贰拾叁元整",
    )
    purchase = attrs.evolve(base, reimbursement=attrs.evolve(paid, voucher=wrong))
    year = DateRange(pendulum.Date(2025, 8, 1), pendulum.Date(2026, 8, 31))
    recs = FinanceRecords(purchases=(purchase,))
    expected = [v.code for v in audit_finance(recs, POLICY, year)]
    assert expected == ["purchasing.voucher_amount_mismatch"]
    with decimal.localcontext(decimal.Context(prec=3)):
        assert [v.code for v in audit_finance(recs, POLICY, year)] == expected


@pytest.mark.rule("PR-5")
def test_read_words_reads_what_parse_capital_reads_memoised_by_text() -> None:
    data = AuditInput(records(), POLICY, PERIOD)
    assert data.read_words(" 壹佰元整 ", Money(100)) == Decimal(100)
    assert data.read_words(" 壹佰元整 ", Money(5)) == Decimal(100)  # the text's amount
    assert data.read_words("壹佰元整") == Decimal(100)  # parsed, no likely amount
    assert data.read_words("伍元整", Money(100)) == Decimal(5)  # likely is only a hint
    assert data.read_words("壹佰元", Money(100)) is None  # not canonical: unreadable
    assert data.read_words("壹佰元整", Money("0.001")) == Decimal(100)  # sub-fen hint


def test_two_vouchers_with_the_same_words_and_different_amounts() -> None:
    base = simulate_purchases(2)
    first, second = base
    paid = first.reimbursement
    other = second.reimbursement
    assert paid is not None
    assert other is not None
    copied = attrs.evolve(other.voucher, amount_in_words=paid.voucher.amount_in_words)
    recs = FinanceRecords(
        purchases=(first, attrs.evolve(second, reimbursement=attrs.evolve(other, voucher=copied)))
    )
    year = DateRange(pendulum.Date(2025, 8, 1), pendulum.Date(2026, 8, 31))
    assert [v.code for v in audit_finance(recs, POLICY, year)] == [
        "purchasing.voucher_words_disagree"
    ]
