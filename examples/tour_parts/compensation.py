"""Tour section: damage compensation with depreciation (损坏赔偿)."""

from __future__ import annotations

from decimal import Decimal

import pendulum

from schoollogistics import SchoolLogisticsError
from schoollogistics.compensation import (
    AssetValue,
    Cause,
    CompensationPolicy,
    DamageClaim,
    DamagedItem,
    Extent,
    Guardian,
    LiableParty,
    assess,
    depreciation_schedule,
    net_book_value,
)
from schoollogistics.core import AssetCategory, Money

TITLE = "Damage compensation: depreciation, no fines, exact splits (损坏赔偿)"


def show() -> None:
    desk = AssetValue(Money("368.00"), pendulum.Date(2024, 9, 1), AssetCategory.STUDENT_FURNITURE)
    schedule = depreciation_schedule(desk)
    print(
        f"A 368.00 desk depreciates over {len(schedule)} months at {schedule[0].amount}; "
        f"the last month takes {schedule[-1].amount} so the schedule adds up to "
        f"{Money.sum(m.amount for m in schedule)}"
    )
    day = pendulum.Date(2026, 1, 9)
    print(f"  net book value when lost on {day}: {net_book_value(desk, day, leaving=True)}")

    pupils = (
        LiableParty.student("s-1", "张小明", guardian=Guardian("g-1", "张建国", "父亲")),
        LiableParty.student("s-2", "李小红", guardian=Guardian("g-2", "王芳", "母亲")),
        LiableParty.student("s-3", "赵小刚", guardian=Guardian("g-3", "赵丽", "母亲")),
    )
    claim = DamageClaim(
        "PC-1", day, Cause.DELIBERATE, (DamagedItem("课桌", desk, Extent.DESTROYED),), pupils
    )
    result = assess(claim)
    print(f"Broken on purpose by three pupils: loss {result.loss}, total {result.total}")
    for share in result.shares:
        print(f"  {share.party_name}: {share.amount}, paid by guardian {share.payer_name}")
    print(f"  discipline flag (DC-9): {result.discipline_flag}; in words: {result.total_capital}")

    lamp = AssetValue(Money("380.00"), pendulum.Date(2024, 3, 1), AssetCategory.CONSUMABLES)
    worn = assess(
        DamageClaim(
            "PC-2",
            day,
            Cause.NATURAL_WEAR,
            (DamagedItem("投影仪灯泡", lamp, Extent.REPAIRABLE, repair_quote=Money(180)),),
        )
    )
    print(f"Natural wear: charged {worn.total}, repair orders: {len(worn.repair_orders)}")

    try:
        CompensationPolicy(multiplier=Decimal(2))
    except SchoolLogisticsError as error:
        print(f"A double-compensation policy is refused: {error.code}")
