"""Tour section: school_calendar — the monthly plan (行事历) of the demo school."""

from __future__ import annotations

import pendulum

from schoollogistics.school_calendar import (
    HolidayCalendar,
    SchoolCalendar,
    SchoolYear,
    plan_month,
    primary_school_template,
    to_ical,
)

TITLE = "school_calendar: terms, 调休, recurring duties, month plans, iCalendar"


def show() -> None:
    year = SchoolYear.of(
        2025,
        (pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)),
        (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
    )
    calendar = SchoolCalendar(year, HolidayCalendar.china([2025, 2026]))
    template = primary_school_template()
    october = plan_month(calendar, template, 2025, 10)
    sunday = pendulum.Date(2025, 9, 28)
    print(f"{year.label}; 9/28 (Sunday) is a school day: {calendar.is_school_day(sunday)}")
    print("\n".join(october.render_zh().splitlines()[:8]))
    print("…")
    stamp = pendulum.datetime(2025, 8, 1, 9, 0, tz="Asia/Shanghai")
    ics = to_ical(october, dtstamp=stamp)
    print(f"October as iCalendar: {ics.count('BEGIN:VEVENT')} all-day events")
