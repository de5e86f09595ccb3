"""Tour section: purchasing, vouchers and subsidies (采购、报销、资助), rules PR and SB."""

from __future__ import annotations

import pendulum

from schoollogistics import SchoolLogisticsError, school_datetime
from schoollogistics.core.money import Money, parse_capital, to_capital
from schoollogistics.purchasing import (
    AdoptBudget,
    ApprovePurchase,
    BudgetLine,
    FinanceOffice,
    OrderLine,
    PlaceOrder,
    PurchaseOrder,
    PurchaseRequest,
    Quote,
    RecordQuote,
    RequestLine,
    RequestPurchase,
    Voucher,
    check_voucher,
    render_purchase_request,
)

TITLE = "Purchasing and subsidies: a week ahead, three quotes, 大写 that agrees (采购、资助)"


def show() -> None:
    office = FinanceOffice("红星小学财务室")
    office.execute(AdoptBudget(BudgetLine(line_id="公用-2025", cap=Money(20_000))))
    paper = PurchaseRequest(
        request_id="CG-003",
        filed_at=school_datetime(2025, 9, 1, 9),
        requester="张老师",
        unit="教务处",
        purpose="打印试卷",
        needed_on=pendulum.Date(2025, 9, 10),
        lines=(RequestLine(line_id="1", item="打印纸", quantity=20, estimated_price=Money(25)),),
        budget_line="公用-2025",
    )
    office.execute(RequestPurchase(paper))
    print(render_purchase_request(paper).strip())
    for supplier, price in (("甲文具店", 25), ("乙文具店", 26)):
        office.execute(
            RecordQuote(
                Quote(
                    request_id="CG-003",
                    line_id="1",
                    supplier=supplier,
                    unit_price=Money(price),
                    on=pendulum.Date(2025, 9, 2),
                )
            )
        )
    office.execute(
        ApprovePurchase(
            request_id="CG-003", at=school_datetime(2025, 9, 2, 16), by="王校长", role="principal"
        )
    )
    order = PurchaseOrder(
        request_id="CG-003",
        at=school_datetime(2025, 9, 3, 10),
        buyer="李采购",
        supervisor="赵会计",
        lines=(OrderLine(line_id="1", supplier="甲文具店", unit_price=Money(25)),),
    )
    try:
        office.execute(PlaceOrder(order))
    except SchoolLogisticsError as error:
        print(f"Refused ({error.code}): {error.message_zh}")
    print("大写:", to_capital(Money("1234.56")), "→", parse_capital("壹仟贰佰叁拾肆元伍角陆分"))
    typed = Voucher(voucher_id="V-9", kind="白条", amount=Money(48), amount_in_words="肆拾伍元整")
    for finding in check_voucher(typed)[:4]:
        print(f"[{finding.rule}] {finding.message_zh}")
