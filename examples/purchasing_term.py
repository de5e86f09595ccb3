"""One autumn term of purchases, vouchers and a subsidy round at 红星小学, then the audit.

Run it with:  uv run python examples/purchasing_term.py

The finance office records, through its guards:

* chalk for the classrooms: requested ten days ahead, approved by the principal, three
  quotes, bought at the lowest under a supervisor, accepted by the storekeeper, received
  into the asset ledger (the receipt names the purchase), reimbursed on a valid voucher;
* a projector bulb ordered before anyone approved it: refused (未经批准，一律不认账);
* printer paper with two quotes: refused (货比三家);
* a boarding-subsidy round: cases registered, applied for and approved within the quota,
  the list posted a week, the money received.

A clerk then imports what another school's paper records say happened (a spreadsheet of
purchases and the bank's list of subsidy payments): the unapproved bulb that was bought
anyway, the paper bought on two quotes, a subsidy paid a day late, and a voucher whose
大写 says 肆拾伍元整 for 48 yuan. The audit finds exactly those, in Chinese.
"""

from __future__ import annotations

import attrs
import pendulum

from schoollogistics import DateRange, SchoolLogisticsError, school_datetime
from schoollogistics.assets import AssetLedger, ItemKind, PlaceKind
from schoollogistics.core.money import Money, parse_capital, to_capital
from schoollogistics.purchasing import (
    AcceptDelivery,
    AdoptBudget,
    AllocateQuota,
    ApproveCase,
    ApprovePurchase,
    BudgetLine,
    Delivery,
    DeliveryLine,
    FinanceOffice,
    FinancePolicy,
    FinanceRecords,
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
    ReceiveFunds,
    RecordQuote,
    RegisterCase,
    Reimburse,
    Reimbursement,
    RequestLine,
    RequestPurchase,
    Signature,
    SignerRole,
    SubsidyCase,
    SubsidyFunds,
    SubsidyPayment,
    Voucher,
    audit_finance,
    check_voucher,
    post_receipt,
    render_purchase_request,
    render_subsidy_posting,
)

DAY = pendulum.Date(2025, 9, 1)
TERM = DateRange(pendulum.Date(2025, 8, 20), pendulum.Date(2025, 10, 31))


def request(
    request_id: str, item: str, quantity: int, price: str, **more: object
) -> PurchaseRequest:
    line = RequestLine(
        line_id="1",
        item=item,
        quantity=quantity,
        estimated_price=Money(price),
        reference_price=Money(price) + Money(1),
        item_id=more.pop("item_id", None),  # type: ignore[arg-type]  # str | None
    )
    return PurchaseRequest(
        request_id=request_id,
        filed_at=school_datetime(2025, 9, 1, 9),
        requester="张老师",
        unit="教务处",
        purpose="教学用品",
        needed_on=DAY.add(days=10),
        lines=(line,),
        budget_line="公用-2025",
    )


def quotes(request_id: str, *prices: str) -> list[Quote]:
    suppliers = ("甲文具店", "乙文具店", "丙文具店")
    return [
        Quote(
            request_id=request_id, line_id="1", supplier=s, unit_price=Money(p), on=DAY.add(days=1)
        )
        for s, p in zip(suppliers, prices, strict=False)
    ]


def order(request_id: str, price: str, day: int = 3) -> PurchaseOrder:
    return PurchaseOrder(
        request_id=request_id,
        at=school_datetime(2025, 9, day, 10),
        buyer="李采购",
        supervisor="赵会计",
        lines=(OrderLine(line_id="1", supplier="甲文具店", unit_price=Money(price)),),
    )


def voucher(voucher_id: str, quantity: int, price: str, words: str | None = None) -> Voucher:
    amount = Money(price) * quantity
    return Voucher(
        voucher_id=voucher_id,
        kind="税务统一发票",
        payer_unit="红星小学",
        item_name="粉笔",
        quantity=quantity,
        unit_price=Money(price),
        amount=amount,
        amount_in_words=to_capital(amount) if words is None else words,
        seal=True,
        issuer="甲文具店",
        issued_on=DAY.add(days=4),
        signatures=(
            Signature(role=SignerRole.PRINCIPAL, name="王校长"),
            Signature(role=SignerRole.HANDLER, name="李采购"),
            Signature(role=SignerRole.WITNESS, name="钱保管"),
        ),
    )


def main() -> None:
    office = FinanceOffice("红星小学财务室", policy=FinancePolicy())
    office.execute(AdoptBudget(BudgetLine(line_id="公用-2025", cap=Money(20_000), name="公用经费")))

    # Chalk: every stage in order.
    chalk = request("CG-001", "粉笔", 10, "4.8", item_id="chalk")
    office.execute(RequestPurchase(chalk))
    print(render_purchase_request(chalk))
    for quote in quotes("CG-001", "4.8", "5.0", "5.2"):
        office.execute(RecordQuote(quote))
    office.execute(
        ApprovePurchase(
            request_id="CG-001", at=school_datetime(2025, 9, 2, 16), by="王校长", role="principal"
        )
    )
    office.execute(PlaceOrder(order("CG-001", "4.8")))
    office.execute(
        AcceptDelivery(
            Delivery(
                request_id="CG-001",
                at=school_datetime(2025, 9, 5, 10),
                acceptor="钱保管",
                store_id="store",
                invoice_ref="FP-20250905",
                lines=(DeliveryLine(line_id="1", quantity=10),),
            )
        )
    )
    ledger = AssetLedger()
    ledger.register_place("store", "总务库房", PlaceKind.STOREROOM, on=DAY, by="钱保管")
    ledger.register_item(
        "chalk",
        "粉笔",
        unit="盒",
        unit_cost=Money(5),
        kind=ItemKind.CONSUMABLE,
        on=DAY,
        by="钱保管",
    )
    for event in post_receipt(ledger, office, "CG-001", by="钱保管"):
        print(f"入库：{event.item_id} × {event.quantity}，来自采购 {event.purchase_id}")  # type: ignore[union-attr]  # Received
    good = voucher("V-001", 10, "4.8")
    office.execute(
        Reimburse(
            Reimbursement(
                request_id="CG-001",
                at=school_datetime(2025, 9, 6, 15),
                voucher=good,
                store_signed_by="钱保管",
            )
        )
    )

    # The bulb, ordered before approval; the paper, on two quotes: both refused.
    bulb = request("CG-002", "投影仪灯泡", 1, "380")
    office.execute(RequestPurchase(bulb))
    for quote in quotes("CG-002", "380", "390", "400"):
        office.execute(RecordQuote(quote))
    paper = request("CG-003", "打印纸", 20, "25")
    office.execute(RequestPurchase(paper))
    for quote in quotes("CG-003", "25", "26"):
        office.execute(RecordQuote(quote))
    office.execute(
        ApprovePurchase(
            request_id="CG-003", at=school_datetime(2025, 9, 2, 16), by="王校长", role="principal"
        )
    )
    for refused in (PlaceOrder(order("CG-002", "380")), PlaceOrder(order("CG-003", "25"))):
        try:
            office.execute(refused)
        except SchoolLogisticsError as error:
            print("拒绝：", error.message_zh)

    # A subsidy round: the list posted a week, the money received.
    kind, period = "寄宿生生活补助", "2025-autumn"
    office.execute(AllocateQuota(Quota(subsidy_type=kind, period=period, count=2)))
    for number, pupil in enumerate(("小红", "小刚"), 1):
        office.execute(
            RegisterCase(
                SubsidyCase(
                    case_id=f"ZZ-{number}",
                    pupil=pupil,
                    class_name="三(2)班",
                    category="贫困",
                    subsidy_type=kind,
                    period=period,
                    registered_on=DAY.add(days=2),
                    applied_on=DAY.add(days=3),
                )
            )
        )
        office.execute(
            ApproveCase(
                case_id=f"ZZ-{number}", on=DAY.add(days=9), by="资助评审小组", amount=Money(625)
            )
        )
    posting = Posting(
        posting_id="GS-ZZ-1",
        subject=PostingSubject.SUBSIDIES,
        ref_id="ZZ-2025-1",
        start_on=pendulum.Date(2025, 9, 12),
        end_on=pendulum.Date(2025, 9, 18),
        where="学校公示栏",
    )
    office.execute(Post(posting))
    print(render_subsidy_posting(posting, office.records().cases, school="红星小学"))
    funds = SubsidyFunds(
        round_id="ZZ-2025-1",
        subsidy_type=kind,
        period=period,
        amount=Money(1250),
        received_on=pendulum.Date(2025, 9, 17),
    )
    office.execute(ReceiveFunds(funds))
    on_time = SubsidyPayment(
        payment_id="FF-1",
        round_id="ZZ-2025-1",
        case_id="ZZ-1",
        payee="小红",
        amount=Money(625),
        paid_on=pendulum.Date(2025, 9, 20),  # due by the 20th: two days after the posting ends
        method="银行卡",
        reference="LS-001",
    )
    office.execute(PaySubsidy(on_time))

    # What another school's paper records say: imported as they are, then audited.
    records = office.records()
    imported = FinanceRecords(
        purchases=(
            *records.purchases[:1],
            Purchase(  # bought anyway, without approval
                request=bulb,
                quotes=tuple(quotes("CG-002", "380", "390", "400")),
                order=order("CG-002", "380"),
            ),
            Purchase(  # bought on two quotes
                request=paper,
                quotes=tuple(quotes("CG-003", "25", "26")),
                approved_at=school_datetime(2025, 9, 2, 16),
                approved_by="王校长",
                approver_role="principal",
                order=order("CG-003", "25"),
            ),
            attrs.evolve(  # a voucher whose 大写 disagrees with its figures
                records.purchases[0],
                request=attrs.evolve(chalk, request_id="CG-004"),
                reimbursement=Reimbursement(
                    request_id="CG-004",
                    at=school_datetime(2025, 9, 8, 15),
                    voucher=voucher("V-004", 10, "4.8", words="肆拾伍元整"),
                    store_signed_by="钱保管",
                ),
            ),
        ),
        budgets=records.budgets,
        quotas=records.quotas,
        cases=records.cases,
        postings=(
            *records.postings,
            attrs.evolve(posting, posting_id="GS-FF-1", subject=PostingSubject.PAYMENTS),
        ),
        funds=records.funds,
        payments=(
            on_time,
            attrs.evolve(  # a day late: due by the 20th
                on_time,
                payment_id="FF-2",
                case_id="ZZ-2",
                payee="小刚",
                paid_on=pendulum.Date(2025, 9, 21),
                reference="LS-002",
            ),
        ),
    )
    print("大写：", to_capital(Money(48)), "→", parse_capital("肆拾捌元整"))
    print(
        "凭证 V-004：",
        [v.code for v in check_voucher(voucher("V-004", 10, "4.8", words="肆拾伍元整"))],
    )
    print()
    print("审计结果：")
    for finding in audit_finance(imported, office.policy, TERM):
        print(f"  [{finding.rule}] {finding.message_zh}")


if __name__ == "__main__":
    main()
