"""Calendar engine benchmarks: plan a school year, against raw dateutil and recurring_ical_events.

* ``calendar.plan_year.template``: the built-in primary-school template over Beijing
  2025–26, beside a raw ``dateutil`` rruleset expansion of equivalent rules (holidays
  as EXDATEs, make-up days as RDATEs; no policies, no numbering): target ratio ≤ 2.
* ``calendar.plan_year.50_rules``: the same with a 50-rule set.
* ``calendar.ical_expand``: ``recurring_ical_events`` expanding our iCalendar export
  over the year, against our own ``plan_year`` (skipped with a note when the package
  is not installed; it pins python-dateutil < 3).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pendulum
from _measure import best_of, record
from dateutil import rrule

from schoollogistics.school_calendar import (
    Anchor,
    AnnualDate,
    Category,
    Daily,
    HolidayCalendar,
    MonthlyFixedDay,
    MonthlyNthSchoolDay,
    MonthlyNthWeekday,
    RelativeToTerm,
    Schedule,
    SchoolCalendar,
    SchoolYear,
    TaskRule,
    Template,
    TimesPerTerm,
    Weekly,
    plan_year,
    primary_school_template,
    to_ical,
)

_DAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


def _calendar() -> SchoolCalendar:
    year = SchoolYear.of(
        2025,
        (pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)),
        (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
    )
    return SchoolCalendar(year, HolidayCalendar.china([2025, 2026]))


def _fifty_rules() -> Template:
    kinds: list[Callable[[int], Schedule]] = [
        lambda i: Weekly(((i % 5),)),
        lambda i: Weekly(((i % 5),), 2),
        lambda i: MonthlyNthWeekday(i % 5, 1 + i % 4),
        lambda i: MonthlyNthSchoolDay(1 + i % 15),
        lambda i: MonthlyFixedDay(1 + i % 28),
        lambda i: TimesPerTerm(1 + i % 4),
        lambda i: RelativeToTerm(Anchor.START, i % 10),
        lambda i: AnnualDate(1 + i % 12, 1 + i % 28),
        lambda _: Daily(),
        lambda i: MonthlyNthSchoolDay(-(1 + i % 5)),
    ]
    rules = [
        TaskRule(f"r{i}", f"任务{i}", Category.SAFETY, kinds[i % len(kinds)](i), "bench")
        for i in range(50)
    ]
    return Template("50 rules", tuple(rules))


def _equivalent(rule: TaskRule, start: dt.datetime, end: dt.datetime) -> rrule.rrule | None:
    """A plain rrule close to the rule (what a hand-written dateutil version would do)."""
    sch = rule.schedule
    weekdays = _DAYS[:5]
    if isinstance(sch, Daily):
        return rrule.rrule(rrule.DAILY, dtstart=start, until=end, byweekday=weekdays)
    if isinstance(sch, Weekly):
        return rrule.rrule(
            rrule.WEEKLY, dtstart=start, until=end, interval=sch.interval,
            byweekday=[_DAYS[d] for d in sch.weekdays],
        )  # fmt: skip
    if isinstance(sch, MonthlyNthWeekday):
        return rrule.rrule(
            rrule.MONTHLY, dtstart=start, until=end, byweekday=_DAYS[sch.weekday](sch.n)
        )
    if isinstance(sch, MonthlyNthSchoolDay):
        return rrule.rrule(
            rrule.MONTHLY, dtstart=start, until=end, byweekday=weekdays, bysetpos=sch.n
        )
    if isinstance(sch, MonthlyFixedDay):
        return rrule.rrule(rrule.MONTHLY, dtstart=start, until=end, bymonthday=sch.day)
    if isinstance(sch, AnnualDate):
        return rrule.rrule(
            rrule.YEARLY, dtstart=start, until=end, bymonth=sch.month, bymonthday=sch.day
        )
    if isinstance(sch, TimesPerTerm):
        return rrule.rrule(rrule.MONTHLY, dtstart=start, until=end, interval=3, count=sch.k * 2)
    return rrule.rrule(rrule.DAILY, dtstart=start, count=1)  # one-off / relative dates


def _raw(calendar: SchoolCalendar, template: Template) -> int:
    start = dt.datetime(2025, 8, 1)  # noqa: DTZ001 - days, as in the engine
    end = dt.datetime(2026, 7, 31)  # noqa: DTZ001
    off = [dt.datetime(d.date.year, d.date.month, d.date.day) for d in calendar.holidays.days_off]  # noqa: DTZ001
    work = [dt.datetime(d.year, d.month, d.day) for d in calendar.holidays.workdays]  # noqa: DTZ001
    total = 0
    for rule in template.rules:
        rset = rrule.rruleset()
        recurrence = _equivalent(rule, start, end)
        if recurrence is not None:
            rset.rrule(recurrence)
        for day in off:
            rset.exdate(day)
        if isinstance(rule.schedule, Daily):
            for day in work:
                rset.rdate(day)
        total += sum(1 for _ in rset.between(start, end, inc=True))
    return total


def _compare(name: str, template: Template, quick: bool) -> list[dict[str, Any]]:
    calendar = _calendar()
    runs = 2 if quick else 7
    ours, plan = best_of(runs, lambda: plan_year(calendar, template))
    base, count = best_of(runs, lambda: _raw(calendar, template))
    out = record(name, ours * 1000, "ms per school year", base * 1000)
    out["entries"] = len(plan.entries)
    out["raw_occurrences"] = count
    out["rules"] = len(template.rules)
    return [out]


def bench_template(quick: bool) -> list[dict[str, Any]]:
    return _compare("calendar.plan_year.template", primary_school_template(), quick)


def bench_fifty(quick: bool) -> list[dict[str, Any]]:
    return _compare("calendar.plan_year.50_rules", _fifty_rules(), quick)


def bench_ical(quick: bool) -> list[dict[str, Any]]:
    try:
        import icalendar  # noqa: PLC0415 - optional, benchmark only
        import recurring_ical_events  # noqa: PLC0415
    except ImportError as error:  # pragma: no cover - depends on the environment
        out = record("calendar.ical_expand", 0.0, "ms")
        out["note"] = f"skipped: {error} (install the 'bench' dependency group)"
        return [out]
    calendar = _calendar()
    template = primary_school_template()
    stamp = pendulum.datetime(2025, 8, 1, tz="Asia/Shanghai")
    text = to_ical(plan_year(calendar, template), dtstamp=stamp)
    runs = 2 if quick else 5

    def theirs() -> int:
        parsed = icalendar.Calendar.from_ical(text)
        return len(recurring_ical_events.of(parsed).between((2025, 8, 1), (2026, 8, 1)))

    def ours() -> int:
        return len(to_ical(plan_year(calendar, template), dtstamp=stamp))

    base, events = best_of(runs, theirs)
    mine, _ = best_of(runs, ours)
    out = record("calendar.ical_expand", base * 1000, "ms (recurring_ical_events)", mine * 1000)
    out["note"] = "baseline: our plan_year + to_ical; ratio = theirs / ours"
    out["events"] = events
    return [out]


BENCHMARKS = {
    "calendar.plan_year.template": bench_template,
    "calendar.plan_year.50_rules": bench_fifty,
    "calendar.ical_expand": bench_ical,
}
