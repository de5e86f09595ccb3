"""One week of a primary-school canteen (红星小学食堂), 2025-09-22 … 2025-09-28, audited in Chinese.

Run it with:  uv run python examples/canteen_week.py

The serving days come from the calendar area (the 2025 autumn term with the official
holidays): Monday to Friday and Sunday 9/28, a make-up working day (调休上班) before the
National Day holiday. The canteen follows every CN rule (a compliant week from
``schoollogistics.testing.canteen.simulate_canteen``), and then:

* a pupil is on leave Wednesday to Friday: the refund is three serving days of the term's
  fee (paid ÷ the term's serving days, rounded once, half-up), on a 退费清单 with 大写;
* a lot of milk expiring on Monday 9/29 is received: the audit of the week reports it near expiry;
* a handler whose health certificate lapsed cannot be rostered (refused); the kitchen's paper
  roster shows he worked anyway, and the audit of that record finds it;
* Friday's supper for boarders is served without a 陪餐 record: the audit finds it.

The morning-check record of Friday and the September meal-accounts notice close the week.
"""

from __future__ import annotations

import attrs
import pendulum

from schoollogistics import DateRange, SchoolLogisticsError
from schoollogistics.canteen import (
    Certificate,
    DishInfo,
    HealthCertificate,
    Inspection,
    Leave,
    Lot,
    Menu,
    PayRefund,
    ReceiveLot,
    RecordLeave,
    RecordTasting,
    RefundPaid,
    RegisterCertificate,
    RosterEntry,
    RosterHandler,
    ServeMeal,
    ServingDays,
    Supplier,
    Tasting,
    audit_canteen,
    meal_statement,
    refunds,
    render_meal_accounts_notice,
    render_morning_checks,
    render_refund_list,
)
from schoollogistics.food_samples import Meal, MealKind
from schoollogistics.school_calendar import HolidayCalendar, SchoolCalendar, SchoolYear
from schoollogistics.testing.canteen import simulate_canteen

D = pendulum.Date
TERM = (D(2025, 9, 1), D(2026, 1, 23))


def _at(day: pendulum.Date, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz="Asia/Shanghai")


def main() -> None:
    year = SchoolYear.of(2025, TERM, (D(2026, 3, 2), D(2026, 7, 7)))
    calendar = SchoolCalendar(year, HolidayCalendar.china([2025, 2026]))
    week = ServingDays.from_calendar(calendar, D(2025, 9, 22), D(2025, 9, 28))
    print("本周就餐日：", "、".join(day.isoformat() for day in week.days))
    canteen, _ = simulate_canteen(serving_days=week, pupils=6, canteen_id="红星小学食堂")

    # CN-1: a leave of three school days, refunded from the week's fee (8 yuan a serving day).
    payment = canteen.log().payments[0]
    leave = Leave(
        leave_id="QJ-001", pupil_id=payment.pupil_id, start=D(2025, 9, 24), end=D(2025, 9, 26)
    )
    canteen.execute(RecordLeave(leave))
    (refund,) = refunds([payment], [leave], week, canteen.policy)
    print(
        f"\n{payment.pupil_name} 请假 {len(refund.days)} 个就餐日"
        f"（本周共 {refund.serving_days} 个，已缴 {payment.paid} 元），应退 {refund.amount} 元\n"
    )
    print(render_refund_list([refund], title="红星小学伙食费退费清单（9月22日至28日）"))
    canteen.execute(
        PayRefund(
            RefundPaid(payment_id=payment.payment_id, paid_on=D(2025, 9, 28), amount=refund.amount)
        )
    )

    # CN-2: milk expiring on Monday 9/29 arrives on Thursday.
    milk = Lot(
        lot_id="NN-0925",
        product="纯牛奶",
        specification="200ml/盒",
        quantity=120,
        unit="盒",
        production_date=D(2025, 9, 20),
        expiry=D(2025, 9, 29),
        supplier=Supplier(name="某乳业公司", address="某市乳品路8号", contact="010-0000000"),
        categories=("dairy",),
    )
    checked = Inspection(
        lot_id="NN-0925",
        delivered_on=D(2025, 9, 25),
        accepted_by=("仓管员",),
        certificates=(Certificate.SUPPLIER_LICENCE, Certificate.INSPECTION, Certificate.INVOICE),
    )
    canteen.execute(ReceiveLot(milk, checked))

    # CN-3: a handler whose certificate lapsed on 9/25 (examined 2024-09-26).
    canteen.execute(
        RegisterCertificate(
            HealthCertificate(
                certificate_id="JK-2024-077",
                handler_id="h9",
                handler_name="钱师傅",
                examined_on=D(2024, 9, 26),
            )
        )
    )
    try:
        canteen.execute(
            RosterHandler(RosterEntry(handler_id="h9", day=D(2025, 9, 26), post="切配"))
        )
    except SchoolLogisticsError as refused:
        print("拒绝排班：", refused.message_zh)

    # CN-6: Friday's supper for boarders, tasted but eaten without a school leader.
    friday = D(2025, 9, 26)
    supper = Meal(
        "2025-09-26/dinner", friday, MealKind.DINNER, _at(friday, 17, 30), ("面条", "炒青菜")
    )
    canteen.execute(
        ServeMeal(Menu(supper, (DishInfo("面条", ("grain",)), DishInfo("炒青菜", ("vegetable",)))))
    )
    for dish in supper.dishes:
        canteen.execute(
            RecordTasting(
                Tasting(meal_id=supper.meal_id, dish=dish, taster="食堂主任", at=_at(friday, 17))
            )
        )

    # The kitchen's paper roster says 钱师傅 worked on Friday anyway.
    log = canteen.log()
    paper = attrs.evolve(
        log, roster=(*log.roster, RosterEntry(handler_id="h9", day=friday, post="切配"))
    )
    period = DateRange(week.days[0], week.days[-1])
    print("\n本周食堂检查（CN-1 … CN-9）：")
    for finding in audit_canteen(paper, canteen.policy, period, serving_days=week):
        print(f"  [{finding.rule}] {finding.message_zh}")

    print()
    print(render_morning_checks(friday, log.checks, log.certificates).strip())
    statement = meal_statement("红星小学", 2025, 9, log.incomes, log.expenses)
    print()
    print(render_meal_accounts_notice(statement).strip())


if __name__ == "__main__":
    main()
