"""Calendar engine benchmarks: plan a school year, against raw dateutil and recurring_ical_events.

* ``calendar.plan_year.template``: ``plan_year`` with the built-in primary-school template
  (about 100 rules) over Beijing 2025–26, beside a raw ``dateutil`` expansion of
  equivalent rules; target ratio ≤ 2.
* ``calendar.plan_year.50_rules``: the same with a 50-rule set mixing every recurring
  schedule kind (weekly, every two weeks, n-th weekday, n-th and last school day, fixed
  day, k per term, relative to term start, annual date, daily).
* ``calendar.ical_expand``: ``recurring_ical_events`` parsing and expanding our iCalendar
  export of the year, against our own ``plan_year`` + ``to_ical`` (the ratio is theirs /
  ours). Skipped with a note when the package is not installed (it pins
  python-dateutil < 3).

What "equivalent rules" means, so the comparison is fair: the baseline is what a
careful hand-written dateutil program would do for the same rules, one ``rruleset`` per
rule and per window, where a window is each term for a school-day rule and the whole
school year (1 August – 31 July) for a working-day rule, with ``bymonth`` for a
seasonal window:

* daily → ``DAILY`` on Monday–Friday plus the make-up working days as RDATEs;
* weekly / every N weeks → ``WEEKLY`` with ``interval``; n-th weekday → ``MONTHLY`` with
  ``byweekday=XX(n)``; n-th / last school day → ``MONTHLY`` on Monday–Friday with
  ``bysetpos``; fixed day → ``MONTHLY`` ``bymonthday``; annual date → ``YEARLY``;
* k times per term → ``k`` dates of a ``DAILY`` rule with ``interval`` = term length / k;
  relative-to-term, holiday-relative and one-off rules → one RDATE each;
* every public holiday of the data → an EXDATE in every set.

The baseline does *less* than the engine: no shift policy (an occurrence on a holiday
is dropped, not moved to the previous or next school day within its week or month),
n-th school days counted on weekdays rather than on actual school days, no numbering,
notes or plan records. The engine's figure includes all of that, and building the
``SchoolCalendar`` (done once, outside both timings) is not counted for either side.
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
    DayKind,
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


def _naive(day: pendulum.Date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)  # noqa: DTZ001 - days, as in the engine


def _equivalent(rule: TaskRule, start: dt.datetime, end: dt.datetime) -> Any:
    """A plain rrule for the rule over one window (what a hand-written dateutil version does)."""
    sch = rule.schedule
    months = rule.months or None
    weekdays = _DAYS[:5]
    common: dict[str, Any] = {"dtstart": start, "until": end, "bymonth": months}
    if isinstance(sch, Daily):
        return rrule.rrule(rrule.DAILY, byweekday=weekdays, **common)
    if isinstance(sch, Weekly):
        by = [_DAYS[d] for d in sch.weekdays]
        return rrule.rrule(rrule.WEEKLY, interval=sch.interval, byweekday=by, **common)
    if isinstance(sch, MonthlyNthWeekday):
        return rrule.rrule(rrule.MONTHLY, byweekday=_DAYS[sch.weekday](sch.n), **common)
    if isinstance(sch, MonthlyNthSchoolDay):
        return rrule.rrule(rrule.MONTHLY, byweekday=weekdays, bysetpos=sch.n, **common)
    if isinstance(sch, MonthlyFixedDay):
        return rrule.rrule(rrule.MONTHLY, bymonthday=sch.day, **common)
    if isinstance(sch, AnnualDate):
        return rrule.rrule(
            rrule.YEARLY, dtstart=start, until=end, bymonth=sch.month, bymonthday=sch.day
        )
    if isinstance(sch, TimesPerTerm):
        step = max(1, (end - start).days // sch.k)
        return rrule.rrule(rrule.DAILY, dtstart=start, interval=step, count=sch.k)
    return None  # relative, holiday-relative, one-off: a single RDATE


def _windows(calendar: SchoolCalendar, rule: TaskRule) -> list[tuple[dt.datetime, dt.datetime]]:
    if rule.allowed is DayKind.SCHOOL_DAY:
        return [(_naive(t.start), _naive(t.end)) for t in calendar.year.terms]
    return [(_naive(calendar.span.start), _naive(calendar.span.end))]


def _raw(calendar: SchoolCalendar, template: Template) -> int:
    off = [_naive(d.date) for d in calendar.holidays.days_off]
    work = [_naive(d) for d in calendar.holidays.workdays]
    total = 0
    for rule in template.rules:
        for start, end in _windows(calendar, rule):
            rset = rrule.rruleset()
            recurrence = _equivalent(rule, start, end)
            if recurrence is None:
                rset.rdate(start)
            else:
                rset.rrule(recurrence)
            for day in off:
                if start <= day <= end:
                    rset.exdate(day)
            if isinstance(rule.schedule, Daily):
                for day in work:
                    if start <= day <= end:
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
