"""Tour section: canteen operations (食堂管理), rules CN-1 … CN-9."""

from __future__ import annotations

import pendulum

from schoollogistics import DateRange, SchoolLogisticsError, school_datetime
from schoollogistics.canteen import (
    Canteen,
    Certificate,
    CheckStoreroom,
    DishInfo,
    DisposeLot,
    Inspection,
    IssueStock,
    Leave,
    Lot,
    LotDisposal,
    MealFeePayment,
    Menu,
    ReceiveLot,
    RecordTasting,
    ServeMeal,
    ServingDays,
    StockIssued,
    StoreroomCheck,
    Supplier,
    Tasting,
    refund_for,
    render_refund_list,
)
from schoollogistics.core.money import Money
from schoollogistics.food_samples import Meal, MealKind
from schoollogistics.school_calendar import HolidayCalendar, SchoolCalendar, SchoolYear

TITLE = "Canteen: refunds by school day, first expiry first out, tasting (食堂管理)"

D = pendulum.Date


def _refund() -> None:
    """CN-1: a leave over the National Day week of 2025, refunded by serving day."""
    year = SchoolYear.of(2025, (D(2025, 9, 1), D(2026, 1, 23)), (D(2026, 3, 2), D(2026, 7, 7)))
    calendar = SchoolCalendar(year, HolidayCalendar.china([2025, 2026]))
    term = ServingDays.from_calendar(calendar, D(2025, 9, 1), D(2026, 1, 23))
    payment = MealFeePayment(
        payment_id="SF-001",
        pupil_id="p1",
        pupil_name="李明",
        class_name="三年级二班",
        start=D(2025, 9, 1),
        end=D(2026, 1, 23),
        paid=Money(1200),
    )
    leave = Leave(leave_id="QJ-001", pupil_id="p1", start=D(2025, 9, 26), end=D(2025, 10, 11))
    refund = refund_for(payment, [leave], term, Canteen("x").policy)
    print("Leave 9/26–10/11 counts:", ", ".join(f"{d.month}/{d.day}" for d in refund.days))
    print(render_refund_list([refund], title="红星小学伙食费退费清单").strip())


def show() -> None:
    _refund()
    canteen = Canteen("红星小学食堂")
    supplier = Supplier(name="某乳业公司", address="某市乳品路8号", contact="010-0000000")
    for lot_id, expiry in (("NN-A", D(2025, 10, 9)), ("NN-B", D(2025, 9, 29))):
        canteen.execute(
            ReceiveLot(
                Lot(
                    lot_id=lot_id,
                    product="纯牛奶",
                    specification="200ml/盒",
                    quantity=40,
                    unit="盒",
                    batch=lot_id,
                    expiry=expiry,
                    supplier=supplier,
                ),
                Inspection(
                    lot_id=lot_id,
                    delivered_on=D(2025, 9, 26),
                    accepted_by=("仓管员",),
                    certificates=(Certificate.SUPPLIER_LICENCE, Certificate.INVOICE),
                ),
            )
        )
    issued = canteen.execute(
        IssueStock(issue_id="CK-1", product="纯牛奶", quantity=30, on=D(2025, 9, 29), by="仓管员")
    )
    if isinstance(issued, StockIssued):  # the lot expiring first (9/29), not the first received
        draws = ", ".join(f"{d.lot_id} × {d.quantity}" for d in issued.issue.draws)
        print("\nFEFO issue of 30 on 9/29 draws:", draws)
    check = StoreroomCheck(check_id="JC-1", on=D(2025, 10, 9), by="仓管员")
    try:
        canteen.execute(CheckStoreroom(check))
    except SchoolLogisticsError as error:
        print(f"Refused ({error.code}): {error.message_zh}")
    canteen.execute(
        DisposeLot(
            LotDisposal(
                disposal_id="CL-1",
                lot_id="NN-B",
                on=D(2025, 10, 9),
                by="仓管员",
                quantity=10,
                reason="过期",
            )
        )
    )
    canteen.execute(CheckStoreroom(check))
    print("After the disposal the check of 10/9 is recorded.")

    day = D(2025, 10, 9)
    lunch = Meal(
        "1009-午餐", day, MealKind.LUNCH, school_datetime(2025, 10, 9, 11, 30), ("米饭", "炒青菜")
    )
    canteen.execute(ServeMeal(Menu(lunch, (DishInfo("米饭"), DishInfo("炒青菜", ("vegetable",))))))
    for dish, passed in (("米饭", True), ("炒青菜", False)):
        canteen.execute(
            RecordTasting(
                Tasting(
                    meal_id=lunch.meal_id,
                    dish=dish,
                    taster="食堂主任",
                    at=school_datetime(2025, 10, 9, 11),
                    passed=passed,
                )
            )
        )
    for finding in canteen.audit(DateRange(day, day), serving_days=ServingDays((day,))):
        print(f"[{finding.rule}] {finding.message_zh}")
