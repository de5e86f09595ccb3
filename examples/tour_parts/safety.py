"""Tour section: safety inspections, the hidden-danger register, duty and the gate (SF, DU)."""

from __future__ import annotations

import pendulum

from schoollogistics import SchoolLogisticsError
from schoollogistics.safety import (
    CloseHazard,
    Hazard,
    OpenHazard,
    RecordFix,
    Reinspect,
    RiskLevel,
    SafetyOffice,
    TakeMeasures,
    build_roster,
)
from schoollogistics.school_calendar import HolidayCalendar, SchoolCalendar, SchoolYear

TITLE = "Safety: a hidden danger closed only after re-inspection; a Spring Festival roster (安全)"


def show() -> None:
    office = SafetyOffice("红星小学安全办")
    office.execute(
        OpenHazard(
            Hazard(
                hazard_id="YH-01",
                description="礼堂安全出口指示灯不亮",
                place="礼堂",
                level=RiskLevel.GENERAL,
                found_on=pendulum.Date(2025, 9, 5),
                found_by="王老师",
                owner_unit="后勤处",
                owner="赵师傅",
                deadline=pendulum.Date(2025, 9, 12),
                interim=("礼堂暂停使用",),
            )
        )
    )
    office.execute(TakeMeasures("YH-01", pendulum.Date(2025, 9, 8), "赵师傅", ("更换指示灯",)))
    office.execute(RecordFix("YH-01", pendulum.Date(2025, 9, 9), "赵师傅"))
    try:
        office.execute(CloseHazard("YH-01", pendulum.Date(2025, 9, 9), "校长"))
    except SchoolLogisticsError as error:
        print("Refused:", error.code, "—", error.message_zh)
    office.execute(Reinspect("YH-01", pendulum.Date(2025, 9, 10), "王老师"))
    office.execute(CloseHazard("YH-01", pendulum.Date(2025, 9, 10), "校长"))
    print(
        "YH-01:",
        office.hazard("YH-01").state.value,
        "re-inspected by",
        office.hazard("YH-01").reinspected_by,
    )
    year = SchoolYear.of(
        2025,
        (pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)),
        (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
    )
    calendar = SchoolCalendar(year, HolidayCalendar.china([2025, 2026]))
    spring = next(b for b in calendar.holiday_blocks() if b.matches(("春节",)))
    roster = build_roster(
        "spring", calendar, spring.start, spring.end, ("后勤张", "后勤李", "后勤王")
    )
    print(f"Spring Festival roster {spring.start} … {spring.end}: {len(roster.assignments)} shifts")
