"""Hypothesis strategies for `schoollogistics.purchasing`, and compliant simulated records.

[`simulate_purchases`][schoollogistics.testing.purchasing.simulate_purchases] builds,
deterministically, purchases that follow every PR rule (the benchmark's district
year); [`simulate_office`][schoollogistics.testing.purchasing.simulate_office] runs a
small compliant term through a [`FinanceOffice`][schoollogistics.purchasing.FinanceOffice]:
purchases, a cash book, fees with a receipt book and a subsidy round. Audited over
the term, neither has a finding; tests inject one fault and check the audit
reports exactly that fault.
"""

from __future__ import annotations

from typing import Final

import attrs
import pendulum
from attrs import AttrsInstance
from hypothesis import strategies as st

from schoollogistics.core.money import Money, to_capital
from schoollogistics.purchasing import (
    COMMAND_TYPES,
    EVENT_TYPES,
    AcceptDelivery,
    AdoptBudget,
    AllocateQuota,
    ApprovalTier,
    ApproveCase,
    ApproveFeeList,
    ApprovePurchase,
    BankIncome,
    BookReturn,
    BudgetLine,
    CarryOver,
    CashEntry,
    CashMonthClose,
    ChargeFee,
    CloseCashMonth,
    DayCount,
    Delivery,
    DeliveryLine,
    EntryKind,
    FeeCharge,
    FeeItem,
    FeeList,
    FinanceCommand,
    FinanceEvent,
    FinanceOffice,
    FinancePolicy,
    FinanceRecords,
    FinanceState,
    IssueReceiptBook,
    OrderLine,
    PaySubsidy,
    PlaceOrder,
    Post,
    Posting,
    PostingSubject,
    Purchase,
    PurchaseOrder,
    PurchaseRequest,
    Quota,
    Quote,
    ReceiptBook,
    ReceiveFunds,
    RecordCash,
    RecordedFinanceEvent,
    RecordQuote,
    RecordStored,
    RegisterCase,
    Reimburse,
    Reimbursement,
    RequestLine,
    RequestPurchase,
    ReturnReceiptBook,
    Signature,
    SignerRole,
    SubsidyCase,
    SubsidyFunds,
    SubsidyPayment,
    Voucher,
)
from schoollogistics.testing._core import StrategyTable, aware_datetimes, dates

__all__ = [
    "STRATEGIES",
    "finance_commands",
    "finance_events",
    "finance_policies",
    "finance_records",
    "purchase_requests",
    "purchases",
    "simulate_office",
    "simulate_purchases",
    "vouchers",
]

_IDS: Final = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-", min_size=1, max_size=8)
_NAMES: Final = st.text(alphabet="张三李四王五赵六钱七孙八周九吴十", min_size=1, max_size=3)
_MONEY: Final = st.integers(0, 500_000).map(Money.from_fen)
_POSITIVE: Final = st.integers(1, 500_000).map(Money.from_fen)
_DAYS: Final = dates(pendulum.Date(2024, 1, 1), pendulum.Date(2027, 12, 31))
_MOMENTS: Final = aware_datetimes()


def finance_policies() -> st.SearchStrategy[FinancePolicy]:
    """Valid finance policies."""
    tiers = st.lists(
        st.builds(
            ApprovalTier, from_amount=_MONEY, approver=st.sampled_from(["principal", "bureau"])
        ),
        min_size=1,
        max_size=3,
    ).map(tuple)
    return st.builds(
        FinancePolicy,
        lead_days=st.integers(0, 14),
        approval_tiers=tiers,
        quote_threshold=_MONEY,
        min_quotes=st.integers(0, 4),
        acceptor_not_buyer=st.booleans(),
        min_signatures=st.integers(0, 4),
        compulsory=st.booleans(),
        posting_days=st.integers(0, 10),
        payment_days=st.integers(0, 5),
        day_count=st.sampled_from(DayCount),
    )


def _lines() -> st.SearchStrategy[tuple[RequestLine, ...]]:
    line = st.builds(
        RequestLine,
        line_id=st.just("1"),
        item=_NAMES,
        quantity=st.integers(1, 50),
        estimated_price=_MONEY,
        reference_price=st.none() | _MONEY,
        item_id=st.none() | _IDS,
    )
    return st.lists(line, min_size=1, max_size=3).map(
        lambda ls: tuple(attrs.evolve(x, line_id=str(i)) for i, x in enumerate(ls, 1))
    )


def purchase_requests() -> st.SearchStrategy[PurchaseRequest]:
    """Purchase requests (not necessarily filed in time)."""
    return st.builds(
        PurchaseRequest,
        request_id=_IDS,
        filed_at=_MOMENTS,
        requester=_NAMES,
        unit=_NAMES,
        purpose=_NAMES,
        needed_on=_DAYS,
        lines=_lines(),
        budget_line=_IDS,
        urgent_reason=st.sampled_from(["", "停电抢修"]),
    )


def _quotes() -> st.SearchStrategy[Quote]:
    return st.builds(
        Quote, request_id=_IDS, line_id=st.just("1"), supplier=_NAMES, unit_price=_MONEY, on=_DAYS
    )


def _order_lines() -> st.SearchStrategy[OrderLine]:
    return st.builds(
        OrderLine,
        line_id=st.just("1"),
        supplier=_NAMES,
        unit_price=_MONEY,
        reason=st.sampled_from(["", "质量更好"]),
    )


def _orders() -> st.SearchStrategy[PurchaseOrder]:
    return st.builds(
        PurchaseOrder,
        request_id=_IDS,
        at=_MOMENTS,
        buyer=_NAMES,
        supervisor=_NAMES,
        lines=st.lists(_order_lines(), min_size=1, max_size=2).map(tuple),
        cap_reapproved_by=st.none() | _NAMES,
    )


def _delivery_lines() -> st.SearchStrategy[DeliveryLine]:
    return st.builds(
        DeliveryLine,
        line_id=st.just("1"),
        quantity=st.integers(1, 20),
        tags=st.lists(_IDS, max_size=2).map(tuple),
    )


def _deliveries() -> st.SearchStrategy[Delivery]:
    return st.builds(
        Delivery,
        request_id=_IDS,
        at=_MOMENTS,
        acceptor=_NAMES,
        store_id=st.none() | _IDS,
        invoice_ref=st.sampled_from(["", "FP-1"]),
        lines=st.lists(_delivery_lines(), max_size=2).map(tuple),
    )


def _signatures() -> st.SearchStrategy[Signature]:
    return st.builds(Signature, role=st.sampled_from(SignerRole), name=_NAMES, on=st.none() | _DAYS)


def vouchers() -> st.SearchStrategy[Voucher]:
    """Vouchers as a clerk may type them: any element may be missing or wrong."""
    amount = st.none() | _MONEY
    return st.builds(
        Voucher,
        voucher_id=_IDS,
        kind=st.sampled_from(["税务统一发票", "行政事业性收费收据", "白条", ""]),
        payer_unit=st.sampled_from(["", "红星小学"]),
        item_name=st.sampled_from(["", "粉笔"]),
        quantity=st.none() | st.integers(1, 100),
        unit_price=amount,
        amount=amount,
        amount_in_words=st.one_of(st.just(""), _MONEY.map(to_capital), st.just("壹佰元")),
        seal=st.booleans(),
        issuer=st.sampled_from(["", "文具店"]),
        issued_on=st.none() | _DAYS,
        valid_until=st.none() | _DAYS,
        signatures=st.lists(_signatures(), max_size=4).map(tuple),
    )


def _reimbursements() -> st.SearchStrategy[Reimbursement]:
    return st.builds(
        Reimbursement, request_id=_IDS, at=_MOMENTS, voucher=vouchers(), store_signed_by=_NAMES
    )


def purchases() -> st.SearchStrategy[Purchase]:
    """Purchases at any stage (not necessarily consistent)."""
    return st.builds(
        Purchase,
        request=purchase_requests(),
        quotes=st.lists(_quotes(), max_size=3).map(tuple),
        approved_at=st.none() | _MOMENTS,
        approved_by=st.none() | _NAMES,
        approver_role=st.none() | st.just("principal"),
        order=st.none() | _orders(),
        delivery=st.none() | _deliveries(),
        stored_on=st.none() | _DAYS,
        ledger_sequences=st.lists(st.integers(1, 1000), max_size=2).map(tuple),
        reimbursement=st.none() | _reimbursements(),
    )


def _cash_entries() -> st.SearchStrategy[CashEntry]:
    def build(kind: EntryKind, on: pendulum.Date, banked: int | None, **kw: object) -> CashEntry:
        banked_on = None if kind is EntryKind.SPENDING or banked is None else on.add(days=banked)
        return CashEntry(kind=kind, on=on, banked_on=banked_on, **kw)

    return st.builds(
        build,
        kind=st.sampled_from(EntryKind),
        on=_DAYS,
        banked=st.none() | st.integers(0, 5),
        entry_id=_IDS,
        fund=st.sampled_from(["公用经费", "资助资金"]),
        amount=_POSITIVE,
        description=_NAMES,
    )


def _postings() -> st.SearchStrategy[Posting]:
    return st.builds(
        lambda start, length, **kw: Posting(start_on=start, end_on=start.add(days=length), **kw),
        start=_DAYS,
        length=st.integers(0, 14),
        posting_id=_IDS,
        subject=st.sampled_from(PostingSubject),
        ref_id=_IDS,
        where=st.sampled_from(["学校公示栏", "学校网站"]),
    )


def _fee_lists() -> st.SearchStrategy[FeeList]:
    item = st.builds(
        FeeItem,
        name=st.sampled_from(["住宿费", "作业本费", "保险费"]),
        amount=_MONEY,
        authority=_NAMES,
    )
    return st.builds(
        FeeList,
        term_id=_IDS,
        items=st.lists(item, max_size=3, unique_by=lambda i: i.name).map(tuple),
        approved_on=_DAYS,
    )


def _books() -> st.SearchStrategy[ReceiptBook]:
    return st.builds(
        lambda first, size, **kw: ReceiptBook(first=first, last=first + size, **kw),
        first=st.integers(1, 10_000),
        size=st.integers(0, 99),
        book_id=_IDS,
        collector=_NAMES,
        issued_on=_DAYS,
    )


def _charges() -> st.SearchStrategy[FeeCharge]:
    return st.builds(
        FeeCharge,
        charge_id=_IDS,
        term_id=_IDS,
        pupil=_NAMES,
        item=st.sampled_from(["住宿费", "课本费", "班费"]),
        amount=_MONEY,
        on=_DAYS,
        book_id=_IDS,
        receipt_no=st.integers(1, 10_000),
    )


def _returns() -> st.SearchStrategy[BookReturn]:
    return st.builds(
        BookReturn,
        book_id=_IDS,
        on=_DAYS,
        voided=st.lists(st.integers(1, 10_000), max_size=3).map(tuple),
        unused_from=st.none() | st.integers(1, 10_000),
        handed_in=_MONEY,
    )


def _cases() -> st.SearchStrategy[SubsidyCase]:
    def build(
        registered: pendulum.Date, gap: int, approved: int | None, amount: Money, **kw: object
    ) -> SubsidyCase:
        applied = registered.add(days=gap)
        return SubsidyCase(
            registered_on=registered,
            applied_on=applied,
            approved_on=None if approved is None else applied.add(days=approved),
            amount=None if approved is None else amount,
            **kw,  # type: ignore[arg-type]  # drawn: the remaining fields, each of its type
        )

    return st.builds(
        build,
        registered=_DAYS,
        gap=st.integers(0, 5),
        approved=st.none() | st.integers(0, 5),
        amount=_MONEY,
        case_id=_IDS,
        pupil=_NAMES,
        class_name=st.sampled_from(["一(1)班", "三(2)班"]),
        category=st.sampled_from(["贫困", "残疾", "低保"]),
        subsidy_type=st.sampled_from(["寄宿生生活补助"]),
        period=st.sampled_from(["2025-autumn"]),
        guardian=st.sampled_from(["", "家长"]),
        approved_by=st.none() | _NAMES,
    )


def _funds() -> st.SearchStrategy[SubsidyFunds]:
    return st.builds(
        SubsidyFunds,
        round_id=_IDS,
        subsidy_type=st.just("寄宿生生活补助"),
        period=st.just("2025-autumn"),
        amount=_MONEY,
        received_on=_DAYS,
    )


def _payments() -> st.SearchStrategy[SubsidyPayment]:
    return st.builds(
        SubsidyPayment,
        payment_id=_IDS,
        round_id=_IDS,
        case_id=_IDS,
        payee=_NAMES,
        amount=_MONEY,
        paid_on=_DAYS,
        method=st.sampled_from(["", "银行卡"]),
        reference=st.sampled_from(["", "LS-1"]),
    )


_BUDGETS: Final = st.builds(BudgetLine, line_id=_IDS, cap=_MONEY, name=_NAMES)
_CLOSES: Final = st.builds(
    CashMonthClose, fund=_IDS, year=st.integers(2024, 2027), month=st.integers(1, 12), on=_DAYS
)
_QUOTAS: Final = st.builds(Quota, subsidy_type=_NAMES, period=_IDS, count=st.integers(0, 50))
_CARRY: Final = st.builds(CarryOver, round_id=_IDS, amount=_MONEY, on=_DAYS, reason=_NAMES)


def finance_records() -> st.SearchStrategy[FinanceRecords]:
    """Bundles of records (not necessarily consistent)."""
    return st.builds(
        FinanceRecords,
        purchases=st.lists(purchases(), max_size=2).map(tuple),
        budgets=st.lists(_BUDGETS, max_size=2).map(tuple),
        cash=st.lists(_cash_entries(), max_size=2).map(tuple),
        closes=st.lists(_CLOSES, max_size=2).map(tuple),
        fee_lists=st.lists(_fee_lists(), max_size=2).map(tuple),
        postings=st.lists(_postings(), max_size=2).map(tuple),
        charges=st.lists(_charges(), max_size=2).map(tuple),
        books=st.lists(_books(), max_size=2).map(tuple),
        returns=st.lists(_returns(), max_size=2).map(tuple),
        quotas=st.lists(_QUOTAS, max_size=2).map(tuple),
        cases=st.lists(_cases(), max_size=2).map(tuple),
        funds=st.lists(_funds(), max_size=2).map(tuple),
        payments=st.lists(_payments(), max_size=2).map(tuple),
        carry_overs=st.lists(_CARRY, max_size=2).map(tuple),
    )


def _fields() -> dict[str, st.SearchStrategy[object]]:
    return {
        "budget": _BUDGETS,
        "request": purchase_requests(),
        "quote": _quotes(),
        "request_id": _IDS,
        "at": _MOMENTS,
        "by": _NAMES,
        "role": st.just("principal"),
        "order": _orders(),
        "delivery": _deliveries(),
        "on": _DAYS,
        "ledger_sequences": st.lists(st.integers(1, 100), max_size=2).map(tuple),
        "reimbursement": _reimbursements(),
        "entry": _cash_entries(),
        "entry_id": _IDS,
        "close": _CLOSES,
        "fee_list": _fee_lists(),
        "posting": _postings(),
        "book": _books(),
        "charge": _charges(),
        "book_return": _returns(),
        "quota": _QUOTAS,
        "case": _cases(),
        "case_id": _IDS,
        "amount": _MONEY,
        "funds": _funds(),
        "payment": _payments(),
        "carry_over": _CARRY,
    }


def _built(cls: type[AttrsInstance]) -> st.SearchStrategy[AttrsInstance]:
    fields = _fields()
    return st.builds(cls, **{field.name: fields[field.name] for field in attrs.fields(cls)})


def finance_events() -> st.SearchStrategy[FinanceEvent]:
    """Any office event (not necessarily a consistent history)."""
    return st.one_of(*map(_built, EVENT_TYPES))


def finance_commands() -> st.SearchStrategy[FinanceCommand]:
    """Any office command (the office may refuse it)."""
    return st.one_of(*map(_built, COMMAND_TYPES))


# ---------------------------------------------------------------- compliant records

_ZONE: Final = "Asia/Shanghai"
_PRINCIPAL: Final = "王校长"
_START: Final = pendulum.Date(2025, 9, 1)


def _at(day: pendulum.Date, hour: int) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, tz=_ZONE)


def _voucher(
    voucher_id: str, item: str, quantity: int, price: Money, day: pendulum.Date
) -> Voucher:
    amount = price * quantity
    return Voucher(
        voucher_id=voucher_id,
        kind="税务统一发票",
        payer_unit="红星小学",
        item_name=item,
        quantity=quantity,
        unit_price=price,
        amount=amount,
        amount_in_words=to_capital(amount),
        seal=True,
        issuer="文具店",
        issued_on=day,
        signatures=(
            Signature(role=SignerRole.PRINCIPAL, name=_PRINCIPAL, on=day),
            Signature(role=SignerRole.HANDLER, name="李采购", on=day),
            Signature(role=SignerRole.WITNESS, name="钱保管", on=day),
        ),
    )


def simulate_purchases(
    count: int, *, start: pendulum.Date = _START, budget_line: str = "公用"
) -> tuple[Purchase, ...]:
    """``count`` compliant purchases, filed over a school year from ``start``; deterministic.

    Each is filed ten days ahead, approved by the principal, quoted by three
    suppliers, supervised, accepted by another than the buyer, stored and
    reimbursed on a valid voucher.
    """
    out = []
    for n in range(count):
        day = start.add(days=n % 300)
        request_id = f"CG-{n:06d}"
        price = Money.from_fen(100 + (n * 37) % 9_900)
        quantity = 1 + n % 20
        line = RequestLine(
            line_id="1",
            item="粉笔",
            quantity=quantity,
            estimated_price=price,
            reference_price=price + Money(1),
            item_id="chalk",
        )
        request = PurchaseRequest(
            request_id=request_id,
            filed_at=_at(day, 9),
            requester="张老师",
            unit="教务处",
            purpose="教学用品",
            needed_on=day.add(days=10),
            lines=(line,),
            budget_line=budget_line,
        )
        quotes = tuple(
            Quote(
                request_id=request_id,
                line_id="1",
                supplier=supplier,
                unit_price=price + Money.from_fen(extra),
                on=day.add(days=1),
            )
            for supplier, extra in (("甲商店", 0), ("乙商店", 10), ("丙商店", 20))
        )
        ordered = day.add(days=2)
        order = PurchaseOrder(
            request_id=request_id,
            at=_at(ordered, 10),
            buyer="李采购",
            supervisor="赵会计",
            lines=(OrderLine(line_id="1", supplier="甲商店", unit_price=price),),
        )
        delivered = day.add(days=5)
        delivery = Delivery(
            request_id=request_id,
            at=_at(delivered, 10),
            acceptor="钱保管",
            store_id="store",
            invoice_ref=f"FP-{n}",
            lines=(DeliveryLine(line_id="1", quantity=quantity),),
        )
        reimbursement = Reimbursement(
            request_id=request_id,
            at=_at(day.add(days=6), 15),
            voucher=_voucher(f"V-{n:06d}", "粉笔", quantity, price, delivered),
            store_signed_by="钱保管",
        )
        out.append(
            Purchase(
                request=request,
                quotes=quotes,
                approved_at=_at(day.add(days=1), 16),
                approved_by=_PRINCIPAL,
                approver_role="principal",
                order=order,
                delivery=delivery,
                stored_on=delivered,
                reimbursement=reimbursement,
            )
        )
    return tuple(out)


def simulate_office(start: pendulum.Date = _START) -> FinanceOffice:
    """A small compliant term in a ``FinanceOffice``; audited over its months it finds nothing.

    Two purchases, a cash book with a monthly close and its posting, fees on a
    receipt book, a subsidy round posted a week and paid the day after.
    """
    office = FinanceOffice("红星小学")
    run = office.execute
    run(AdoptBudget(BudgetLine(line_id="公用", cap=Money(100_000), name="公用经费")))
    for purchase in simulate_purchases(2, start=start):
        p = purchase
        assert p.order is not None and p.delivery is not None and p.reimbursement is not None  # noqa: PT018 - built above
        run(RequestPurchase(p.request))
        for quote in p.quotes:
            run(RecordQuote(quote))
        assert p.approved_at is not None and p.approved_by is not None  # noqa: PT018 - built above
        run(
            ApprovePurchase(
                request_id=p.request_id, at=p.approved_at, by=p.approved_by, role="principal"
            )
        )
        run(PlaceOrder(p.order))
        run(AcceptDelivery(p.delivery))
        run(RecordStored(request_id=p.request_id, on=p.delivery.at.date(), ledger_sequences=()))
        run(Reimburse(p.reimbursement))
    fund = "公用经费"
    run(
        RecordCash(
            CashEntry(
                entry_id="S-1",
                fund=fund,
                on=start,
                kind=EntryKind.INCOME,
                amount=Money(20_000),
                description="生均公用经费",
            )
        )
    )
    run(BankIncome(entry_id="S-1", on=start))
    run(
        RecordCash(
            CashEntry(
                entry_id="S-2",
                fund=fund,
                on=start.add(days=3),
                kind=EntryKind.SPENDING,
                amount=Money(800),
                description="办公用品",
            )
        )
    )
    run(
        CloseCashMonth(
            CashMonthClose(fund=fund, year=start.year, month=start.month, on=start.end_of("month"))
        )
    )
    run(
        Post(
            Posting(
                posting_id="P-ACC-9",
                subject=PostingSubject.ACCOUNTS,
                ref_id=fund,
                start_on=start.end_of("month"),
                end_on=start.end_of("month").add(days=7),
                where="学校公示栏",
            )
        )
    )
    term = f"{start.year}-autumn"
    run(
        ApproveFeeList(
            FeeList(
                term_id=term,
                approved_on=start.subtract(days=10),
                items=(
                    FeeItem(name="住宿费", amount=Money(300), authority="区物价局〔2025〕12号"),
                ),
            )
        )
    )
    run(
        Post(
            Posting(
                posting_id="P-FEE",
                subject=PostingSubject.FEES,
                ref_id=term,
                start_on=start.subtract(days=7),
                end_on=start.add(days=30),
                where="学校公示栏",
            )
        )
    )
    run(
        IssueReceiptBook(
            ReceiptBook(book_id="B-1", first=1, last=5, collector="孙老师", issued_on=start)
        )
    )
    for number, pupil in enumerate(("小明", "小红", "小刚"), 1):
        run(
            ChargeFee(
                FeeCharge(
                    charge_id=f"C-{number}",
                    term_id=term,
                    pupil=pupil,
                    item="住宿费",
                    amount=Money(300),
                    on=start.add(days=1),
                    book_id="B-1",
                    receipt_no=number,
                )
            )
        )
    run(
        ReturnReceiptBook(
            BookReturn(
                book_id="B-1",
                on=start.add(days=5),
                voided=(4,),
                unused_from=5,
                handed_in=Money(900),
            )
        )
    )
    kind, period, round_id = "寄宿生生活补助", term, "R-1"
    run(AllocateQuota(Quota(subsidy_type=kind, period=period, count=2)))
    for number, pupil in enumerate(("小红", "小刚"), 1):
        case_id = f"K-{number}"
        run(
            RegisterCase(
                SubsidyCase(
                    case_id=case_id,
                    pupil=pupil,
                    class_name="三(2)班",
                    category="贫困",
                    subsidy_type=kind,
                    period=period,
                    registered_on=start.add(days=2),
                    applied_on=start.add(days=3),
                )
            )
        )
        run(
            ApproveCase(
                case_id=case_id, on=start.add(days=10), by="资助评审小组", amount=Money(625)
            )
        )
    posted = start.add(days=12)
    run(
        Post(
            Posting(
                posting_id="P-SB",
                subject=PostingSubject.SUBSIDIES,
                ref_id=round_id,
                start_on=posted,
                end_on=posted.add(days=6),
                where="学校公示栏",
            )
        )
    )
    received = posted.add(days=5)
    run(
        ReceiveFunds(
            SubsidyFunds(
                round_id=round_id,
                subsidy_type=kind,
                period=period,
                amount=Money(1250),
                received_on=received,
            )
        )
    )
    paid = posted.add(days=7)
    for number, pupil in enumerate(("小红", "小刚"), 1):
        run(
            PaySubsidy(
                SubsidyPayment(
                    payment_id=f"F-{number}",
                    round_id=round_id,
                    case_id=f"K-{number}",
                    payee=pupil,
                    amount=Money(625),
                    paid_on=paid,
                    method="银行卡",
                    reference=f"LS-{number}",
                )
            )
        )
    run(
        Post(
            Posting(
                posting_id="P-SB-PAID",
                subject=PostingSubject.PAYMENTS,
                ref_id=round_id,
                start_on=paid,
                end_on=paid.add(days=6),
                where="学校公示栏",
            )
        )
    )
    return office


STRATEGIES: Final[StrategyTable] = {
    DayCount: st.sampled_from(DayCount),
    ApprovalTier: st.builds(ApprovalTier, from_amount=_MONEY, approver=st.just("principal")),
    FinancePolicy: finance_policies(),
    RequestLine: _lines().map(lambda ls: ls[0]),
    PurchaseRequest: purchase_requests(),
    Quote: _quotes(),
    OrderLine: _order_lines(),
    PurchaseOrder: _orders(),
    DeliveryLine: _delivery_lines(),
    Delivery: _deliveries(),
    SignerRole: st.sampled_from(SignerRole),
    Signature: _signatures(),
    Voucher: vouchers(),
    Reimbursement: _reimbursements(),
    Purchase: purchases(),
    BudgetLine: _BUDGETS,
    EntryKind: st.sampled_from(EntryKind),
    CashEntry: _cash_entries(),
    CashMonthClose: _CLOSES,
    PostingSubject: st.sampled_from(PostingSubject),
    Posting: _postings(),
    FeeItem: st.builds(FeeItem, name=_NAMES, amount=_MONEY, authority=_NAMES),
    FeeList: _fee_lists(),
    ReceiptBook: _books(),
    FeeCharge: _charges(),
    BookReturn: _returns(),
    Quota: _QUOTAS,
    SubsidyCase: _cases(),
    SubsidyFunds: _funds(),
    SubsidyPayment: _payments(),
    CarryOver: _CARRY,
    FinanceRecords: finance_records(),
    **{cls: _built(cls) for cls in (*EVENT_TYPES, *COMMAND_TYPES)},
    FinanceState: st.builds(
        FinanceState, _IDS, finance_policies(), st.lists(finance_events(), max_size=3)
    ),
    RecordedFinanceEvent: st.builds(RecordedFinanceEvent, st.integers(1, 10_000), finance_events()),
}
"""One strategy per serializable public type of the area."""
