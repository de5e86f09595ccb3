"""The finance office: guards named after the rules, refusals change nothing, replay == live."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given, settings

from schoollogistics import serialization
from schoollogistics.assets import AssetLedger, ItemKind, PlaceKind, Receive, Received
from schoollogistics.core.money import Money
from schoollogistics.errors import AssetError, PurchasingError
from schoollogistics.purchasing import (
    AcceptDelivery,
    AdoptBudget,
    ApprovalTier,
    ApproveCase,
    ApproveFeeList,
    ApprovePurchase,
    BankIncome,
    BudgetLine,
    CashEntry,
    CashMonthClose,
    ChargeFee,
    CloseCashMonth,
    Delivery,
    DeliveryLine,
    EntryKind,
    FeeCharge,
    FeeItem,
    FeeList,
    FinanceCommand,
    FinanceOffice,
    FinancePolicy,
    FinanceState,
    IssueReceiptBook,
    OrderLine,
    PaySubsidy,
    PlaceOrder,
    Post,
    Posting,
    PostingSubject,
    PurchaseOrder,
    PurchaseRequest,
    Quote,
    ReceiptBook,
    RecordCash,
    RecordQuote,
    RegisterCase,
    Reimburse,
    RequestLine,
    RequestPurchase,
    SubsidyCase,
    post_receipt,
    render_purchase_request,
)
from schoollogistics.purchasing.errors import (
    BannedFeeError,
    BudgetCapError,
    FeeNotApprovedError,
    FeeWaivedError,
    FundsNotBankedError,
    LeadTimeError,
    MonthClosedError,
    NegativeBalanceError,
    PostingTooShortError,
    PriceAboveReferenceError,
    PurchaseStageError,
    QuotaExceededError,
    ReceiptNumberError,
    SeparationError,
    TooFewQuotesError,
    UnapprovedPurchaseError,
    VoucherRefusedError,
)
from schoollogistics.testing.purchasing import finance_commands, simulate_office, simulate_purchases

ZONE = "Asia/Shanghai"
DAY = pendulum.Date(2025, 9, 1)


def at(day: pendulum.Date, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, tz=ZONE)


def refused_unchanged(
    office: FinanceOffice, command: FinanceCommand, error: type[PurchasingError]
) -> None:
    before = office.state()
    with pytest.raises(error):
        office.execute(command)
    assert office.state() == before


def request(request_id: str = "CG-1", *, needed: int = 10, **changes: object) -> PurchaseRequest:
    line = RequestLine(
        line_id="1",
        item="粉笔",
        quantity=10,
        estimated_price=Money(5),
        reference_price=Money(6),
        item_id="chalk",
    )
    base = PurchaseRequest(
        request_id=request_id,
        filed_at=at(DAY, 9),
        requester="张老师",
        unit="教务处",
        purpose="教学",
        needed_on=DAY.add(days=needed),
        lines=(line,),
        budget_line="公用",
    )
    return attrs.evolve(base, **changes)  # type: ignore[arg-type]  # test data


def office_with_request(quotes: int = 3, cap: int = 10_000) -> FinanceOffice:
    office = FinanceOffice("o")
    office.execute(AdoptBudget(BudgetLine(line_id="公用", cap=Money(cap))))
    office.execute(RequestPurchase(request()))
    for supplier, price in [("甲", "5"), ("乙", "5.2"), ("丙", "5.5")][:quotes]:
        office.execute(
            RecordQuote(
                Quote(
                    request_id="CG-1",
                    line_id="1",
                    supplier=supplier,
                    unit_price=Money(price),
                    on=DAY.add(days=1),
                )
            )
        )
    return office


def order(
    price: str = "5",
    *,
    reason: str = "",
    supervisor: str = "赵会计",
    hour: int = 10,
    **changes: object,
) -> PurchaseOrder:
    return PurchaseOrder(
        request_id="CG-1",
        at=at(DAY.add(days=2), hour),
        buyer="李采购",
        supervisor=supervisor,
        lines=(OrderLine(line_id="1", supplier="甲", unit_price=Money(price), reason=reason),),
        **changes,
    )


def approve(office: FinanceOffice, role: str = "principal") -> None:
    office.execute(
        ApprovePurchase(request_id="CG-1", at=at(DAY.add(days=1), 16), by="王校长", role=role)
    )


@pytest.mark.rule("PR-1")
def test_pr1_request_a_week_ahead_unless_urgent() -> None:
    office = FinanceOffice("o")
    office.execute(AdoptBudget(BudgetLine(line_id="公用", cap=Money(100))))
    refused_unchanged(office, RequestPurchase(request(needed=6)), LeadTimeError)
    office.execute(RequestPurchase(request(needed=6, urgent_reason="停水抢修")))
    office.execute(RequestPurchase(request("CG-2", needed=7)))
    assert office.purchase("CG-2").stage == "requested"


@pytest.mark.rule("PR-2")
def test_pr2_no_order_without_approval() -> None:
    office = office_with_request()
    refused_unchanged(office, PlaceOrder(order()), UnapprovedPurchaseError)
    approve(office)
    refused_unchanged(
        office,
        PlaceOrder(
            attrs.evolve(order(), at=at(DAY.add(days=1), 12))  # before the approval at 16:00
        ),
        UnapprovedPurchaseError,
    )
    office.execute(PlaceOrder(order()))
    assert office.purchase("CG-1").stage == "ordered"


@pytest.mark.rule("PR-2")
def test_pr2_approver_of_tier() -> None:
    policy = FinancePolicy(
        approval_tiers=(
            ApprovalTier(from_amount=Money(0), approver="principal"),
            ApprovalTier(from_amount=Money(50), approver="central_school"),
        )
    )
    office = FinanceOffice("o", policy=policy)
    office.execute(AdoptBudget(BudgetLine(line_id="公用", cap=Money(100))))
    office.execute(RequestPurchase(request()))  # 10 × 5 = 50: the central school's tier
    refused_unchanged(
        office,
        ApprovePurchase(request_id="CG-1", at=at(DAY, 12), by="王校长", role="principal"),
        UnapprovedPurchaseError,
    )
    office.execute(
        ApprovePurchase(request_id="CG-1", at=at(DAY, 12), by="中心校", role="central_school")
    )


@pytest.mark.rule("PR-3")
def test_pr3_not_fewer_quotes_than_policy() -> None:
    office = office_with_request(quotes=2)
    approve(office)
    refused_unchanged(office, PlaceOrder(order()), TooFewQuotesError)
    relaxed = FinanceOffice.replay("o", office.events, policy=FinancePolicy(min_quotes=2))
    relaxed.execute(PlaceOrder(order()))


@pytest.mark.rule("PR-3")
def test_pr3_no_price_above_reference_without_reason() -> None:
    office = office_with_request()
    approve(office)
    refused_unchanged(office, PlaceOrder(order("5.2")), PriceAboveReferenceError)
    refused_unchanged(office, PlaceOrder(order("6.5", reason="只此一家")), PriceAboveReferenceError)
    office.execute(PlaceOrder(order("5.2", reason="甲商店缺货")))


@pytest.mark.rule("PR-3")
def test_pr3_supervisor_is_a_third_person() -> None:
    office = office_with_request()
    approve(office)
    refused_unchanged(office, PlaceOrder(order(supervisor="李采购")), SeparationError)
    refused_unchanged(office, PlaceOrder(order(supervisor="张老师")), SeparationError)


@pytest.mark.rule("PR-6")
def test_pr6_within_budget_cap_unless_reapproved() -> None:
    office = office_with_request(cap=40)
    approve(office)
    refused_unchanged(office, PlaceOrder(order()), BudgetCapError)
    office.execute(PlaceOrder(order(cap_reapproved_by="王校长")))


def delivery(acceptor: str = "钱保管") -> Delivery:
    return Delivery(
        request_id="CG-1",
        at=at(DAY.add(days=5)),
        acceptor=acceptor,
        store_id="store",
        invoice_ref="FP-1",
        lines=(DeliveryLine(line_id="1", quantity=10),),
    )


def ledger() -> AssetLedger:
    led = AssetLedger()
    led.register_place("store", "总务库房", PlaceKind.STOREROOM, on=DAY, by="t")
    led.register_item(
        "chalk", "粉笔", unit="盒", unit_cost=Money(5), kind=ItemKind.CONSUMABLE, on=DAY, by="t"
    )
    return led


@pytest.mark.rule("PR-4")
def test_pr4_stages_in_order_and_acceptor_not_buyer() -> None:
    office = office_with_request()
    approve(office)
    refused_unchanged(office, AcceptDelivery(delivery()), PurchaseStageError)
    office.execute(PlaceOrder(order()))
    refused_unchanged(office, AcceptDelivery(delivery("李采购")), SeparationError)
    office.execute(AcceptDelivery(delivery()))
    voucher = simulate_purchases(1)[0].reimbursement
    assert voucher is not None
    pay = Reimburse(attrs.evolve(voucher, request_id="CG-1"))
    refused_unchanged(office, pay, PurchaseStageError)  # not stored yet
    events = post_receipt(ledger(), office, "CG-1", by="钱保管")
    assert office.purchase("CG-1").stage == "stored"
    received = events[0]
    assert isinstance(received, Received)
    assert received.purchase_id == "CG-1"
    assert office.purchase("CG-1").ledger_sequences == (3,)


@pytest.mark.rule("PR-4")
def test_pr4_post_receipt_all_or_nothing() -> None:
    office = office_with_request()
    approve(office)
    office.execute(PlaceOrder(order()))
    office.execute(AcceptDelivery(delivery()))
    led = AssetLedger()  # no storeroom, no item: the ledger refuses
    before_office, before_ledger = office.state(), led.events
    with pytest.raises(AssetError):
        post_receipt(led, office, "CG-1", by="钱保管")
    assert office.state() == before_office
    assert led.events == before_ledger
    good = ledger()
    post_receipt(good, office, "CG-1", by="钱保管")
    version = good.version
    with pytest.raises(PurchaseStageError):  # stored already: nothing posted twice
        post_receipt(good, office, "CG-1", by="钱保管")
    assert good.version == version


def test_old_receipts_without_purchase_id_still_load() -> None:
    event = ledger().receive("chalk", "store", 3, acceptor="t", invoice_ref="FP", on=DAY, by="t")
    data = serialization.to_dict(event)
    assert isinstance(data, dict)
    del data["purchase_id"]
    assert serialization.from_dict(Received, data) == event
    command = serialization.to_dict(
        Receive(item_id="chalk", place_id="store", acceptor="t", on=DAY, by="t")
    )
    assert isinstance(command, dict)
    del command["purchase_id"]
    assert serialization.from_dict(Receive, command).purchase_id == ""


@pytest.mark.rule("PR-5")
def test_pr5_reimbursement_needs_a_valid_voucher() -> None:
    office = office_with_request()
    approve(office)
    office.execute(PlaceOrder(order()))
    office.execute(AcceptDelivery(delivery()))
    post_receipt(ledger(), office, "CG-1", by="钱保管")
    good = simulate_purchases(1)[0].reimbursement
    assert good is not None
    bad = attrs.evolve(good, request_id="CG-1", voucher=attrs.evolve(good.voucher, kind="白条"))
    refused_unchanged(office, Reimburse(bad), VoucherRefusedError)
    office.execute(Reimburse(attrs.evolve(good, request_id="CG-1")))
    assert office.purchase("CG-1").stage == "reimbursed"


def cash(entry_id: str, kind: EntryKind, amount: int, day: int = 1) -> RecordCash:
    return RecordCash(
        CashEntry(
            entry_id=entry_id,
            fund="公用经费",
            on=DAY.add(days=day - 1),
            kind=kind,
            amount=Money(amount),
            description="摘要",
        )
    )


@pytest.mark.rule("PR-7")
def test_pr7_banked_before_spent_no_red_figures_month_close() -> None:
    office = FinanceOffice("o")
    office.execute(cash("S-1", EntryKind.INCOME, 100))
    refused_unchanged(office, cash("S-2", EntryKind.SPENDING, 10), FundsNotBankedError)
    office.execute(BankIncome(entry_id="S-1", on=DAY))
    refused_unchanged(office, cash("S-2", EntryKind.SPENDING, 101), NegativeBalanceError)
    office.execute(cash("S-2", EntryKind.SPENDING, 100))
    assert office.balance("公用经费") == Money(0)
    office.execute(
        CloseCashMonth(CashMonthClose(fund="公用经费", year=2025, month=9, on=DAY.add(days=29)))
    )
    refused_unchanged(office, cash("S-3", EntryKind.INCOME, 5, day=20), MonthClosedError)
    office.execute(cash("S-3", EntryKind.INCOME, 5, day=31))


@pytest.mark.rule("PR-8")
def test_pr8_fees_only_from_the_posted_list() -> None:
    office = FinanceOffice("o")
    refused_unchanged(
        office,
        ApproveFeeList(
            FeeList(
                term_id="T",
                approved_on=DAY,
                items=(FeeItem(name="班费", amount=Money(20), authority="无"),),
            )
        ),
        BannedFeeError,
    )
    office.execute(
        ApproveFeeList(
            FeeList(
                term_id="T",
                approved_on=DAY,
                items=(FeeItem(name="住宿费", amount=Money(300), authority="物价局"),),
            )
        )
    )
    office.execute(
        IssueReceiptBook(ReceiptBook(book_id="B", first=1, last=3, collector="孙", issued_on=DAY))
    )

    def charge(n: int, item: str = "住宿费", amount: int = 300) -> ChargeFee:
        return ChargeFee(
            FeeCharge(
                charge_id=f"C{n}",
                term_id="T",
                pupil="小明",
                item=item,
                amount=Money(amount),
                on=DAY,
                book_id="B",
                receipt_no=n,
            )
        )

    refused_unchanged(office, charge(1), FeeNotApprovedError)  # not posted yet
    office.execute(
        Post(
            Posting(
                posting_id="P",
                subject=PostingSubject.FEES,
                ref_id="T",
                start_on=DAY,
                end_on=DAY.add(days=20),
                where="公示栏",
            )
        )
    )
    refused_unchanged(office, charge(1, "试卷资料费"), BannedFeeError)
    refused_unchanged(office, charge(1, "住宿费", 320), FeeNotApprovedError)
    refused_unchanged(office, charge(1, "保险费"), FeeNotApprovedError)
    office.execute(charge(1))


@pytest.mark.rule("PR-9")
def test_pr9_receipt_numbers_from_an_issued_book_once() -> None:
    office = simulate_office()
    used = FeeCharge(
        charge_id="C-9",
        term_id="2025-autumn",
        pupil="小李",
        item="住宿费",
        amount=Money(300),
        on=DAY.add(days=2),
        book_id="B-1",
        receipt_no=2,
    )
    refused_unchanged(office, ChargeFee(used), ReceiptNumberError)  # returned book


@pytest.mark.rule("SB-6")
def test_sb6_textbook_fee_refused_for_a_waived_pupil() -> None:
    policy = FinancePolicy(compulsory=False)  # 课本费 may be listed outside compulsory education
    office = FinanceOffice.replay("o", simulate_office().events, policy=policy)
    office.execute(
        ApproveFeeList(
            FeeList(
                term_id="T2",
                approved_on=DAY,
                items=(FeeItem(name="课本费", amount=Money(80), authority="物价局"),),
            )
        )
    )
    office.execute(
        Post(
            Posting(
                posting_id="P2",
                subject=PostingSubject.FEES,
                ref_id="T2",
                start_on=DAY,
                end_on=DAY.add(days=20),
                where="公示栏",
            )
        )
    )
    office.execute(
        IssueReceiptBook(ReceiptBook(book_id="B2", first=1, last=9, collector="孙", issued_on=DAY))
    )
    waived = ChargeFee(
        FeeCharge(
            charge_id="X1",
            term_id="T2",
            pupil="小红",
            item="课本费",
            amount=Money(80),
            on=DAY.add(days=3),
            book_id="B2",
            receipt_no=1,
        )
    )
    refused_unchanged(office, waived, FeeWaivedError)
    office.execute(attrs.evolve(waived, charge=attrs.evolve(waived.charge, pupil="小明")))


@pytest.mark.rule("SB-2")
def test_sb2_no_approval_beyond_the_quota() -> None:
    office = simulate_office()  # quota 2, both used
    office.execute(
        RegisterCase(
            SubsidyCase(
                case_id="K-3",
                pupil="小刚2",
                class_name="一(1)班",
                category="贫困",
                subsidy_type="寄宿生生活补助",
                period="2025-autumn",
                registered_on=DAY,
                applied_on=DAY,
            )
        )
    )
    refused_unchanged(
        office,
        ApproveCase(case_id="K-3", on=DAY.add(days=10), by="组", amount=Money(625)),
        QuotaExceededError,
    )


@pytest.mark.rule("SB-3")
def test_sb3_no_payment_before_the_posting_lasted_its_minimum() -> None:
    events = simulate_office().events
    first_paid = next(i for i, e in enumerate(events) if type(e).__name__ == "SubsidyPaid")
    office = FinanceOffice.replay("o", events[:first_paid])
    payment = events[first_paid].payment  # type: ignore[union-attr]  # a SubsidyPaid
    early = attrs.evolve(payment, paid_on=payment.paid_on.subtract(days=1))
    refused_unchanged(office, PaySubsidy(early), PostingTooShortError)
    office.execute(PaySubsidy(payment))


def test_replay_equals_live_and_state_round_trips() -> None:
    office = simulate_office()
    state = office.state()
    again = serialization.loads(FinanceState, serialization.dumps(state))
    assert again == state
    assert FinanceOffice.from_state(again) == office
    assert FinanceOffice.from_recorded("红星小学", office.recorded()) == office
    assert office.check_invariants() == ()
    assert "采购申请单" in render_purchase_request(office.purchase("CG-000000").request)


@settings(max_examples=40, deadline=None)
@given(finance_commands())
def test_a_refused_command_leaves_the_state_identical(command: FinanceCommand) -> None:
    office = simulate_office()
    before = office.state()
    try:
        office.execute(command)
    except PurchasingError:
        assert office.state() == before
    else:
        assert office.version == len(before.events) + 1
    assert office.check_invariants() == ()
