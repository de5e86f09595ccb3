"""A week of lunches in the sample cabinet of 红星小学, then an audit report in Chinese.

Run it with:  uv run python examples/food_samples_week.py

Monday to Friday, every dish of lunch is sampled before service, kept 48 hours in cabinet
LY-1 (read every 30 minutes) and then destroyed. Things go wrong twice:

* Tuesday: the cook weighs the 番茄炒蛋 sample at 110 g; the cabinet refuses it, and the
  paper log (kept as well, as many canteens do) records it anyway;
* Tuesday afternoon the cabinet warms to 11.5 °C for an hour (a fridge excursion);
* Wednesday evening pupils report stomach aches: the school holds Wednesday's samples for
  the authorities (FS-7), who release them on Saturday morning.

The audit runs on the records as exported (the cabinet's log plus the paper entry) and
prints its report in Chinese.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pendulum

from schoollogistics import DateRange, SchoolLogisticsError, Severity, school_datetime
from schoollogistics.food_samples import (
    Disposal,
    FoodSample,
    Meal,
    MealKind,
    SampleCabinet,
    SampleLog,
    audit_log,
)

MONDAY = pendulum.Date(2025, 9, 1)
MENUS = (
    ("米饭", "红烧肉", "清炒时蔬", "紫菜蛋汤"),
    ("米饭", "番茄炒蛋", "土豆丝", "冬瓜汤"),
    ("米饭", "鱼香肉丝", "炒青菜", "绿豆汤"),
    ("馒头", "宫保鸡丁", "西兰花", "玉米汤"),
    ("米饭", "糖醋排骨", "炒豆芽", "番茄蛋汤"),
)


def main() -> None:
    cabinet = SampleCabinet("LY-1")
    paper: list[FoodSample] = []
    week = DateRange(MONDAY, MONDAY.add(days=4))

    # The cabinet is read every 30 minutes from Monday 00:00 to the next Monday.
    moment = school_datetime(2025, 9, 1)
    while moment < school_datetime(2025, 9, 8):
        warm = school_datetime(2025, 9, 2, 15) <= moment < school_datetime(2025, 9, 2, 16)
        cabinet.record_temperature(moment, Decimal("11.5") if warm else Decimal("3.5"))
        moment = moment.add(minutes=30)

    for day, menu in zip(week, MENUS, strict=True):
        service = school_datetime(day.year, day.month, day.day, 11, 30)
        meal = Meal(f"{day.isoformat()}-午餐", day, MealKind.LUNCH, service, menu)
        for number, dish in enumerate(menu):
            grams = Decimal(110) if day.weekday() == 1 and dish == "番茄炒蛋" else Decimal(130)
            sample = FoodSample(
                f"{day:%m%d}-{number + 1}",
                meal.meal_id,
                dish,
                grams,
                service.subtract(minutes=20 - number),
                "李师傅",
                "王主任",
                "LY-1",
            )
            try:
                cabinet.take(meal, sample)
            except SchoolLogisticsError as error:
                print(f"留样柜拒收：{error.message_zh}")
                paper.append(sample)  # the paper log records it all the same

    wednesday = f"{MONDAY.add(days=2).isoformat()}-午餐"
    cabinet.hold_meals(
        "事件-0903",
        [wednesday],
        at=school_datetime(2025, 9, 3, 19),
        by="张校长",
        reason="学生反映腹痛，疑似食源性疾病",
    )
    print(f"封存：{wednesday} 的全部留样，待疾控中心取样")

    # Each sample is destroyed in the morning round once its 48 hours are over.
    for day in week:
        for sample in cabinet.contents(school_datetime(day.year, day.month, day.day, 12)):
            if sample.taken_at.date() != day:
                continue
            at = school_datetime(day.year, day.month, day.day, 12).add(days=2)
            try:
                cabinet.discard(sample.sample_id, at=at, by="王主任")
            except SchoolLogisticsError as error:
                print(f"不得销毁：{error.message_zh}")
                break

    too_early = cabinet.sample("0901-1").earliest_discard_at(cabinet.policy)
    print(f"0901-1 最早可于 {too_early.to_datetime_string()} 销毁")

    cabinet.release("事件-0903", at=school_datetime(2025, 9, 6, 9), by="区疾控中心")
    for sample in cabinet.due_for_disposal(school_datetime(2025, 9, 6, 9, 30)):
        cabinet.discard(sample.sample_id, at=school_datetime(2025, 9, 6, 9, 30), by="王主任")
    assert cabinet.check_invariants() == ()

    # The records as another system would export them: the cabinet's log plus the paper entry,
    # destroyed with Tuesday's other samples on Thursday.
    exported = cabinet.log()
    exported = attrs.evolve(
        exported,
        samples=(*exported.samples, *paper),
        disposals=(
            *exported.disposals,
            *(Disposal(s.sample_id, school_datetime(2025, 9, 4, 12), "王主任") for s in paper),
        ),
    )
    report(exported, week)


def report(log: SampleLog, week: DateRange) -> None:
    findings = audit_log(log, SampleCabinet("LY-1").policy, week)
    print()
    print(f"食品留样检查报告（{week.start} 至 {week.end}，留样柜 LY-1）")
    print(f"餐次 {len(log.meals)} 个，留样 {len(log.samples)} 份，温度记录 {len(log.readings)} 条")
    if not findings:
        print("未发现问题。")
    for number, finding in enumerate(findings, start=1):
        level = "违规" if finding.severity is Severity.ERROR else "提醒"
        print(f"{number}. [{finding.rule} {level}] {finding.message_zh}")


if __name__ == "__main__":
    main()
