"""Tour section: food-sample retention (食品留样), rules FS-1 … FS-8."""

from __future__ import annotations

from decimal import Decimal

import pendulum

from schoollogistics import DateRange, SchoolLogisticsError, school_datetime
from schoollogistics.food_samples import (
    FoodSample,
    Meal,
    MealKind,
    SampleCabinet,
    audit_log,
)

TITLE = "Food samples: every dish, 125 g, 48 hours, holds and audits (食品留样)"


def show() -> None:
    day = pendulum.Date(2025, 9, 3)
    service = school_datetime(2025, 9, 3, 11, 30)
    lunch = Meal("0903-午餐", day, MealKind.LUNCH, service, ("米饭", "红烧肉", "青菜"))
    cabinet = SampleCabinet("LY-1")
    for hour in range(72):
        cabinet.record_temperature(school_datetime(2025, 9, 3).add(hours=hour), Decimal("3.5"))

    for number, dish in enumerate(lunch.dishes, start=1):
        grams = Decimal(100) if dish == "青菜" else Decimal(130)
        sample = FoodSample(
            f"S{number}", lunch.meal_id, dish, grams, service.subtract(minutes=15),
            "李师傅", "王主任", "LY-1",
        )  # fmt: skip
        try:
            cabinet.take(lunch, sample)
            print(f"Sample {sample.sample_id} of {dish} ({grams} g) is in cabinet LY-1")
        except SchoolLogisticsError as error:
            print(f"Refused ({error.code}): {error.message_zh}")

    earliest = cabinet.earliest_discard_at("S1")
    try:
        cabinet.discard("S1", at=earliest.subtract(seconds=1), by="王主任")
    except SchoolLogisticsError as error:
        print(f"One second early: {error.code}, earliest {error.params['earliest_discard_at']}")

    cabinet.hold_meals(
        "事件-1", [lunch.meal_id], at=service.add(hours=6), by="张校长", reason="疑似食物中毒"
    )
    print(f"Held for the authorities: {[s.sample_id for s in cabinet.held(earliest)]}")
    cabinet.release("事件-1", at=earliest.add(hours=1), by="区疾控中心")
    cabinet.discard("S1", at=earliest.add(hours=2), by="王主任")
    due = cabinet.due_for_disposal(earliest.add(hours=2))
    print(f"Due for disposal then: {[s.sample_id for s in due]}")

    print("Audit of the day (审计):")
    for finding in audit_log(cabinet.log(), cabinet.policy, DateRange(day, day)):
        print(f"  [{finding.rule}] {finding.message_zh}")
