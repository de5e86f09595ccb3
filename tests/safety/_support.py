"""Shared fixtures of the safety tests: the Beijing 2025–26 calendar, a few records."""

from __future__ import annotations

from typing import Final

import pendulum

from schoollogistics.safety import CheckItem, Hazard, InspectionKind, InspectionRecord, RiskLevel
from schoollogistics.school_calendar import HolidayCalendar, SchoolCalendar, SchoolYear

YEAR: Final = SchoolYear.of(
    2025,
    (pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)),
    (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
)
CALENDAR: Final = SchoolCalendar(YEAR, HolidayCalendar.china([2025, 2026]))
ZONE: Final = "Asia/Shanghai"


def day(month: int, date: int, year: int = 2025) -> pendulum.Date:
    return pendulum.Date(year, month, date)


def at(d: pendulum.Date, hour: int, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(d.year, d.month, d.day, hour, minute, tz=ZONE)


def inspection(
    record_id: str = "W-1",
    on: pendulum.Date | None = None,
    *,
    kind: InspectionKind = InspectionKind.WEEKLY,
    signed: bool = True,
    items: tuple[CheckItem, ...] = (),
) -> InspectionRecord:
    return InspectionRecord(
        record_id=record_id,
        kind=kind,
        on=on or day(9, 5),
        unit="教学楼",
        head="李主任",
        inspectors=("王老师", "赵师傅"),
        items=items,
        inspector_signature="王老师" if signed else None,
        head_signature="李主任" if signed else None,
    )


def hazard(hazard_id: str = "H-1", **changes: object) -> Hazard:
    fields: dict[str, object] = {
        "hazard_id": hazard_id,
        "description": "301教室插座漏电",
        "place": "301教室",
        "level": RiskLevel.GENERAL,
        "found_on": day(9, 5),
        "found_by": "王老师",
        "owner_unit": "后勤处",
        "owner": "赵师傅",
        "deadline": day(9, 12),
        "interim": ("断开该回路电源", "张贴警示标志"),
    }
    fields.update(changes)
    return Hazard(**fields)  # type: ignore[arg-type]  # the test's keyword table
