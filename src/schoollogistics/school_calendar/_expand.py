"""Expansion of a task rule into dates over a school year (CA-3, CA-5).

Each schedule yields *candidates*: a date and the period a shift may move it in
(the week of a weekly rule, the month of a monthly rule, the school year
otherwise). The rule's policies then place each candidate on an allowed day
(rule CA-5). Calendar recurrences use ``dateutil.rrule`` on naive midnight
datetimes: tasks fall on days, not moments, and a naive DTSTART that the rule
itself matches avoids both RFC 5545 pitfalls (aware UNTIL, DTSTART counted as an
occurrence).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from typing import Final

import pendulum
from dateutil import rrule

from schoollogistics.errors import Phrase
from schoollogistics.school_calendar._days import SchoolCalendar
from schoollogistics.school_calendar._policy import DayKind, ShiftPolicy
from schoollogistics.school_calendar._records import Term
from schoollogistics.school_calendar._rules import ca3_enough_allowed_days, ca3_term_exists
from schoollogistics.school_calendar._tasks import (
    Anchor,
    AnnualDate,
    Daily,
    HolidayDuty,
    HolidayEve,
    MonthlyFixedDay,
    MonthlyNthSchoolDay,
    MonthlyNthWeekday,
    OneOff,
    RelativeToTerm,
    TaskRule,
    TimesPerTerm,
    TimesPerYear,
    Unit,
    Weekly,
)
from schoollogistics.school_calendar.errors import RuleInvalidError

__all__ = ["expand_rule"]

_RR_DAYS: Final = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)

Candidate = tuple[pendulum.Date, pendulum.Date, pendulum.Date]
"""A date and the first and last day a shift may move it to."""


def _naive(day: pendulum.Date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)  # noqa: DTZ001 - a day, not a moment


def _day(moment: dt.datetime) -> pendulum.Date:
    return pendulum.Date(moment.year, moment.month, moment.day)


def _month_bounds(day: pendulum.Date) -> tuple[pendulum.Date, pendulum.Date]:
    first = pendulum.Date(day.year, day.month, 1)
    return first, pendulum.Date(day.year, day.month, first.days_in_month)


def _spread(days: tuple[pendulum.Date, ...], k: int, rule: TaskRule, term: Term) -> list[Candidate]:
    count = len(days)
    ca3_enough_allowed_days(rule, k, count, term)
    picks = [days[(i * count + k - 1) // k - 1] for i in range(1, k + 1)]
    return [(d, d, d) for d in picks]


def _terms(calendar: SchoolCalendar, rule: TaskRule, index: int | None) -> tuple[Term, ...]:
    terms = calendar.year.terms
    if index is None:
        return terms
    ca3_term_exists(rule, index, len(terms))
    return (terms[index],)


def _weekly(calendar: SchoolCalendar, schedule: Weekly) -> list[Candidate]:
    span = calendar.span
    if schedule.anchor is not None:
        anchor = schedule.anchor
    else:
        school = calendar.allowed_days(DayKind.SCHOOL_DAY)
        anchor = school[0] if school else span.start
    start = anchor.subtract(days=anchor.weekday())
    if start > span.start:
        weeks = ((start - span.start).days + 6) // 7
        weeks += (-weeks) % schedule.interval
        start = start.subtract(weeks=weeks)
    recurrence = rrule.rrule(
        rrule.WEEKLY,
        dtstart=_naive(start),
        until=_naive(span.end),
        interval=schedule.interval,
        byweekday=[_RR_DAYS[d] for d in schedule.weekdays],
        wkst=rrule.MO,
    )
    found: list[Candidate] = []
    for moment in recurrence:
        day = _day(moment)
        if day < span.start:
            continue
        monday = day.subtract(days=day.weekday())
        found.append((day, max(monday, span.start), min(monday.add(days=6), span.end)))
    return found


def _daily(calendar: SchoolCalendar, rule: TaskRule, _: Daily) -> list[Candidate]:
    return [(d, d, d) for d in calendar.allowed_days(rule.allowed)]


def _nth_weekday(calendar: SchoolCalendar, _: TaskRule, sch: MonthlyNthWeekday) -> list[Candidate]:
    span = calendar.span
    recurrence = rrule.rrule(
        rrule.MONTHLY,
        dtstart=_naive(span.start),
        until=_naive(span.end),
        byweekday=_RR_DAYS[sch.weekday](sch.n),
    )
    return [(d, *_month_bounds(d)) for d in map(_day, recurrence)]


def _nth_school_day(
    calendar: SchoolCalendar, rule: TaskRule, sch: MonthlyNthSchoolDay
) -> list[Candidate]:
    found: list[Candidate] = []
    n = sch.n
    for year, month in calendar.year.months:
        first, last = _month_bounds(pendulum.Date(year, month, 1))
        days = calendar.allowed_between(rule.allowed, first, last)
        if len(days) >= abs(n):
            day = days[n - 1] if n > 0 else days[n]
            found.append((day, day, day))
    return found


def _fixed_day(calendar: SchoolCalendar, _: TaskRule, sch: MonthlyFixedDay) -> list[Candidate]:
    found: list[Candidate] = []
    for year, month in calendar.year.months:
        first, last = _month_bounds(pendulum.Date(year, month, 1))
        found.append((pendulum.Date(year, month, min(sch.day, last.day)), first, last))
    return found


def _per_term(calendar: SchoolCalendar, rule: TaskRule, sch: TimesPerTerm) -> list[Candidate]:
    found: list[Candidate] = []
    for term in calendar.year.terms:
        days = calendar.allowed_between(rule.allowed, term.start, term.end)
        found.extend(_spread(days, sch.k, rule, term))
    return found


def _per_year(calendar: SchoolCalendar, rule: TaskRule, sch: TimesPerYear) -> list[Candidate]:
    terms = calendar.year.terms
    base, extra = divmod(sch.n, len(terms))
    found: list[Candidate] = []
    for index, term in enumerate(terms):
        count = base + (index < extra)
        if count:
            days = calendar.allowed_between(rule.allowed, term.start, term.end)
            found.extend(_spread(days, count, rule, term))
    return found


def _relative(calendar: SchoolCalendar, rule: TaskRule, sch: RelativeToTerm) -> list[Candidate]:
    span = calendar.span
    found: list[Candidate] = []
    allowed = calendar.allowed_days(rule.allowed)
    for term in _terms(calendar, rule, sch.term):
        at = term.start if sch.anchor is Anchor.START else term.end
        if sch.unit is Unit.DAYS:
            day = at.add(days=sch.offset)
            if day in span:
                found.append((day, span.start, span.end))
            continue
        if sch.anchor is Anchor.START:
            index = bisect_left(allowed, at) + sch.offset
        else:
            index = bisect_right(allowed, at) - 1 + sch.offset
        if 0 <= index < len(allowed):
            found.append((allowed[index], allowed[index], allowed[index]))
    return found


def _eve(calendar: SchoolCalendar, rule: TaskRule, sch: HolidayEve) -> list[Candidate]:
    found: list[Candidate] = []
    allowed = calendar.allowed_days(rule.allowed)
    for block in calendar.holiday_blocks():
        if block.matches(sch.holidays_zh):
            index = bisect_left(allowed, block.start) - sch.offset
            if index >= 0:
                found.append((allowed[index], allowed[index], allowed[index]))
    return found


def _duty(calendar: SchoolCalendar, _: TaskRule, sch: HolidayDuty) -> list[Candidate]:
    span = calendar.span
    found: list[Candidate] = []
    for block in calendar.holiday_blocks():
        if block.matches(sch.holidays_zh):
            day = block.start
            while day <= block.end:
                if day in span:
                    found.append((day, block.start, block.end))
                day = day.add(days=1)
    return found


def _annual(calendar: SchoolCalendar, _: TaskRule, sch: AnnualDate) -> list[Candidate]:
    span = calendar.span
    found: list[Candidate] = []
    for year in (span.start.year, span.end.year):
        length = pendulum.Date(year, sch.month, 1).days_in_month
        day = pendulum.Date(year, sch.month, min(sch.day, length))
        if day in span:
            found.append((day, span.start, span.end))
    return found


def _one_off(calendar: SchoolCalendar, _: TaskRule, sch: OneOff) -> list[Candidate]:
    span = calendar.span
    return [(sch.date, span.start, span.end)] if sch.date in span else []


def _candidates(calendar: SchoolCalendar, rule: TaskRule) -> list[Candidate]:
    schedule: object = rule.schedule  # a record can be swapped afterwards: checked below
    match schedule:
        case Daily():
            return _daily(calendar, rule, schedule)
        case Weekly():
            return _weekly(calendar, schedule)
        case MonthlyNthWeekday():
            return _nth_weekday(calendar, rule, schedule)
        case MonthlyNthSchoolDay():
            return _nth_school_day(calendar, rule, schedule)
        case MonthlyFixedDay():
            return _fixed_day(calendar, rule, schedule)
        case TimesPerTerm():
            return _per_term(calendar, rule, schedule)
        case TimesPerYear():
            return _per_year(calendar, rule, schedule)
        case RelativeToTerm():
            return _relative(calendar, rule, schedule)
        case HolidayEve():
            return _eve(calendar, rule, schedule)
        case HolidayDuty():
            return _duty(calendar, rule, schedule)
        case AnnualDate():
            return _annual(calendar, rule, schedule)
        case OneOff():
            return _one_off(calendar, rule, schedule)
    raise RuleInvalidError(
        rule=rule.id,
        reason=Phrase(
            "unknown schedule {type_name}",
            "未知的排程类型「{type_name}」",
            type_name=type(schedule).__name__,
        ),
    )


def _md(day: pendulum.Date) -> str:
    return f"{day.month}月{day.day}日"


def _place(
    calendar: SchoolCalendar, rule: TaskRule, candidate: Candidate
) -> tuple[pendulum.Date, str] | None:
    """Put one candidate on an allowed day following the rule's CA-5 policy."""
    day, low, high = candidate
    kind = rule.allowed
    if calendar.allows(kind, day):
        return day, "调休上班日" if calendar.holidays.is_makeup_workday(day) else ""
    policy = rule.on_non_school_day
    if policy is ShiftPolicy.SKIP:
        return None
    if policy is ShiftPolicy.KEEP and not calendar.holidays.is_public_holiday(day):
        return day, "按原日期（非上学日）"
    days = calendar.allowed_between(kind, low, high)
    index = bisect_left(days, day)
    before = days[index - 1] if index > 0 else None
    after = days[index] if index < len(days) else None
    if policy is ShiftPolicy.PREVIOUS:
        first, second = before, after
    else:
        first, second = after, before
    chosen = first if first is not None else second
    if chosen is None:
        return None
    verb = "提前" if chosen < day else "顺延"
    return chosen, f"由{_md(day)}{verb}"


def expand_rule(calendar: SchoolCalendar, rule: TaskRule) -> list[tuple[pendulum.Date, str]]:
    """The dates of ``rule`` over the calendar's school year, in order, with their notes.

    Raises:
        RuleInvalidError: the rule names a term the year does not have.
        RuleUnsatisfiableError: a term has fewer allowed days than the rule needs.
    """
    placed: dict[pendulum.Date, str] = {}
    months = rule.months
    for candidate in _candidates(calendar, rule):
        result = _place(calendar, rule, candidate)
        if result is None:
            continue
        day, note = result
        if months and day.month not in months:
            continue
        placed.setdefault(day, note)
    return sorted(placed.items())
