"""The logistics plans of a Beijing primary school: September and October 2025, spring 2026.

Run it with:  uv run python examples/calendar_beijing.py

Beijing 2025–26: first term 2025-09-01 to 2026-01-23, second term 2026-03-02 to
2026-07-07. National Day and Mid-Autumn take 10/1–10/8 off; Sunday 9/28 and
Saturday 10/11 are make-up working days (调休上班). The built-in primary-school
template plans the year; a holiday-duty rule is added for the National Day week.
Frequent duties (more than three entries in a month) read as one line, so the
text's line numbers are not the entries' numbers (see ``render_month_zh``).
"""

from __future__ import annotations

import pendulum

from schoollogistics.school_calendar import (
    Category,
    DayKind,
    HolidayCalendar,
    HolidayDuty,
    SchoolCalendar,
    SchoolYear,
    TaskRule,
    audit_frequencies,
    plan_month,
    plan_year,
    primary_school_template,
    to_ical,
)


def main() -> None:
    year = SchoolYear.of(
        2025,
        (pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)),
        (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
    )
    holidays = HolidayCalendar.china([2025, 2026])
    calendar = SchoolCalendar(year, holidays)
    template = primary_school_template().add(
        TaskRule(
            "national_day_duty",
            "国庆、中秋假期值班",
            Category.SAFETY,
            HolidayDuty(("国庆节",)),
            "seed 003 九月份 item 6 (the duty itself)",
            allowed=DayKind.ANY_DAY,
        )
    )
    print(f"{year.label}  ({len(template.rules)} rules)")
    for source in holidays.sources:
        print(f"  holidays {source.year}: {source.status.value} ({source.citation})")
    for block in calendar.holiday_blocks():
        if block.matches(("国庆节",)):
            print(f"  {'、'.join(block.names_zh)}: {block.start} to {block.end} off")
    for day in (
        pendulum.Date(2025, 9, 28),
        pendulum.Date(2025, 10, 3),
        pendulum.Date(2025, 10, 11),
    ):
        kind = "调休上班日" if holidays.is_makeup_workday(day) else day.format("dddd")
        print(f"  {day} ({kind}) school day? {calendar.is_school_day(day)}")
    print()
    for month in (9, 10):
        print(plan_month(calendar, template, 2025, month).render_zh())
        print()

    plan = plan_year(calendar, template)
    print("2026 spring term (第二学期), February (preparations) to July:")
    print()
    for month in range(2, 8):
        print(plan.month(2026, month).render_zh())
        print()
    spring = year.terms[1]
    in_term = [e for e in plan.entries if spring.start <= e.date <= spring.end]
    print(
        f"第二学期 {spring.start}–{spring.end}: {len(in_term)} entries, "
        f"{len(calendar.school_days(spring.start, spring.end))} school days"
    )
    findings = audit_frequencies(plan, template)
    print(f"CA-4 audit: {len(findings)} finding(s)")
    stamp = pendulum.datetime(2025, 8, 1, 9, 0, tz="Asia/Shanghai")
    ics = to_ical(plan.month(2025, 10), dtstamp=stamp, calendar_name="红星小学后勤行事历")
    print(f"iCalendar for October: {ics.count('BEGIN:VEVENT')} events, {len(ics)} characters")


if __name__ == "__main__":
    main()
