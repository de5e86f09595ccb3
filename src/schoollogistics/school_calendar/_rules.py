"""The guards of the calendar engine: one per rule and concern, named after its rule ID.

Each guard raises the area's typed error or returns ``None``; it changes nothing.
The records, policies and planners call them where they validate (a term or a
notice when it is built, a task rule and its schedule when it is built, a plan
when it is asked for). The rules, from ``docs/explanation/rules/calendar.md``:

* **CA-1** school year: two terms inside 1 August – 31 July, in order, set as data;
* **CA-2** holidays and make-up days (调休) follow the State Council notice; a year
  without official data is flagged, never guessed;
* **CA-3** recurrences in the seeds (daily, weekly, monthly, k per term, …);
* **CA-4** regulatory frequencies (fire inspection quarterly, extinguishers monthly, …);
* **CA-5** a task on a day without school follows its rule's policy;
* **CA-6** the month plan: the ordered, numbered tasks of a month of the school year.

This module imports no record of the area at run time (the records import it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Final

import pendulum

from schoollogistics.core.time import MAX_YEAR, MIN_YEAR, DateRange
from schoollogistics.errors import Phrase
from schoollogistics.school_calendar.errors import (
    DuplicateRuleError,
    HolidayDataMissingError,
    HolidayYearNotCoveredError,
    MonthOutsideYearError,
    NoticeInvalidError,
    RuleInvalidError,
    RuleUnsatisfiableError,
    TermInvalidError,
)

if TYPE_CHECKING:
    from schoollogistics.school_calendar._holidays import HolidayCalendar
    from schoollogistics.school_calendar._policy import RegulatoryFrequency
    from schoollogistics.school_calendar._records import HolidayNotice, Term
    from schoollogistics.school_calendar._tasks import (
        AnnualDate,
        HolidayEve,
        MonthlyFixedDay,
        MonthlyNthSchoolDay,
        MonthlyNthWeekday,
        RelativeToTerm,
        TaskRule,
        TimesPerTerm,
        TimesPerYear,
        Weekly,
    )
    from schoollogistics.school_calendar._terms import SchoolYear

_SATURDAY: Final = 5
_FIRST_YEAR: Final = MIN_YEAR
_LAST_YEAR: Final = MAX_YEAR - 1  # its school year ends in the next calendar year


def _check(rule: str, ok: bool, en: str, zh: str, /, **values: object) -> None:  # noqa: FBT001 - internal helper
    if not ok:
        raise RuleInvalidError(rule=rule, reason=Phrase(en, zh, **values))


# ---------------------------------------------------------------- CA-1 school year


def ca1_breaks_are_ranges(items: tuple[object, ...]) -> tuple[DateRange, ...]:
    """CA-1: a break inside a term (春假, 秋假) is an inclusive range of days.

    Returns the breaks; raises ``TermInvalidError`` for an item that is not a
    ``DateRange``.
    """
    out: list[DateRange] = []
    for item in items:
        if not isinstance(item, DateRange):
            raise TermInvalidError(
                year="?",
                reason=Phrase(
                    "a break must be a DateRange, not {type_name}",
                    "假期须为「DateRange」，而非「{type_name}」",
                    type_name=type(item).__name__,
                ),
            )
        out.append(item)
    return tuple(out)


def ca1_term_ends_after_start(term: Term) -> None:
    """CA-1: a term runs from its first day of school to its last ("2025-09-01 to 2026-01-23")."""
    if term.end < term.start:
        raise TermInvalidError(
            year=term.name_zh,
            reason=Phrase(
                "term ends ({end}) before it starts ({start})",
                "学期结束日 {end} 早于开始日 {start}",
                end=term.end,
                start=term.start,
            ),
        )


def ca1_breaks_inside_term(term: Term) -> None:
    """CA-1: a break of a term lies inside the term."""
    for gap in term.breaks:
        if gap.start < term.start or gap.end > term.end:
            raise TermInvalidError(
                year=term.name_zh,
                reason=Phrase(
                    "break {start}..{end} is outside the term",
                    "假期 {start} 至 {end} 不在学期之内",
                    start=gap.start,
                    end=gap.end,
                ),
            )


def ca1_first_year_in_range(year: SchoolYear) -> None:
    """CA-1: a school year starts in a plausible calendar year (1900 to 2200)."""
    if not _FIRST_YEAR <= year.first_year <= _LAST_YEAR:
        raise TermInvalidError(
            year=year.label,
            reason=Phrase("first_year out of range", "起始年份「first_year」超出范围"),
        )


def ca1_year_has_terms(year: SchoolYear) -> None:
    """CA-1: "Two terms" — a school year has at least one term."""
    if not year.terms:
        raise TermInvalidError(
            year=year.label,
            reason=Phrase("a school year needs at least one term", "学年至少需要一个学期"),
        )


def ca1_terms_inside_year(year: SchoolYear) -> None:
    """CA-1: every term lies inside its school year (1 August to 31 July)."""
    span = year.span
    for term in year.terms:
        if term.start not in span or term.end not in span:
            raise TermInvalidError(
                year=year.label,
                reason=Phrase(
                    "{term} ({start}..{end}) is outside {span_start}..{span_end}",
                    "「{term}」（{start} 至 {end}）不在 {span_start} 至 {span_end} 之内",
                    term=term.name_zh,
                    start=term.start,
                    end=term.end,
                    span_start=span.start,
                    span_end=span.end,
                ),
            )


def ca1_terms_in_order(year: SchoolYear) -> None:
    """CA-1: the terms come in order and do not overlap (the first, then the second)."""
    for previous, term in pairwise(year.terms):
        if term.start <= previous.end:
            raise TermInvalidError(
                year=year.label,
                reason=Phrase(
                    "{term} starts before {previous} ends",
                    "「{term}」在「{previous}」结束前开始",
                    term=term.name_zh,
                    previous=previous.name_zh,
                ),
            )


# ---------------------------------------------------------------- CA-2 holidays


def ca2_notice_days_listed_once(notice: HolidayNotice) -> None:
    """CA-2: a State Council notice lists each day off and each make-up working day once."""
    if len({d.date for d in notice.days_off}) != len(notice.days_off):
        raise NoticeInvalidError(
            year=notice.year, reason=Phrase("a day off is listed twice", "同一放假日列出两次")
        )
    if len(set(notice.workdays)) != len(notice.workdays):
        raise NoticeInvalidError(
            year=notice.year,
            reason=Phrase("a working day is listed twice", "同一调休上班日列出两次"),
        )


def ca2_notice_day_off_or_worked(notice: HolidayNotice) -> None:
    """CA-2: a day of a notice is either a day off or a make-up working day, not both."""
    both = sorted({d.date for d in notice.days_off}.intersection(notice.workdays))
    if both:
        raise NoticeInvalidError(
            year=notice.year,
            reason=Phrase(
                "{day} is both a day off and a working day",
                "{day} 既是放假日又是上班日",
                day=both[0],
            ),
        )


def ca2_makeup_days_on_weekends(notice: HolidayNotice) -> None:
    """CA-2: a make-up working day (调休上班日) is a Saturday or a Sunday."""
    for day in notice.workdays:
        if day.weekday() < _SATURDAY:
            raise NoticeInvalidError(
                year=notice.year,
                reason=Phrase(
                    "make-up working day {day} is a weekday",
                    "调休上班日 {day} 是工作日（应为周末）",
                    day=day,
                ),
            )


def ca2_notice_days_near_year(notice: HolidayNotice) -> None:
    """CA-2: the days of a year's notice lie in that year or next to it (元旦, 春节 spill over)."""
    for day in (*(d.date for d in notice.days_off), *notice.workdays):
        if abs(day.year - notice.year) > 1:
            raise NoticeInvalidError(
                year=notice.year,
                reason=Phrase(
                    "{day} is too far from the notice's year", "{day} 离通知所属年份太远", day=day
                ),
            )


def ca2_one_notice_per_year(notices: Iterable[HolidayNotice]) -> dict[int, HolidayNotice]:
    """CA-2: the State Council publishes one notice a year; returns the notices by year."""
    by_year: dict[int, HolidayNotice] = {}
    for notice in notices:
        if notice.year in by_year:
            raise NoticeInvalidError(
                year=notice.year, reason=Phrase("two notices for one year", "同一年份有两份通知")
            )
        by_year[notice.year] = notice
    return by_year


def describe_years(years: frozenset[int]) -> str:
    """The official years as text: ``"2001–2026"``, with gaps listed, or ``"none"``."""
    if not years:
        return "none"
    ordered = sorted(years)
    if ordered[-1] - ordered[0] + 1 == len(ordered):
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(y) for y in ordered)


def ca2_official_data_or_notice(
    wanted: Sequence[int],
    notices: Mapping[int, HolidayNotice],
    official: frozenset[int],
    *,
    accept_provisional: bool,
) -> None:
    """CA-2: "a year without [official data] is flagged, never guessed".

    Each wanted year has package data from a notice or a user notice, unless the
    caller accepts the package's estimate explicitly (``accept_provisional``).
    """
    if accept_provisional:
        return
    for year in wanted:
        if year not in notices and year not in official:
            raise HolidayDataMissingError(
                year=year,
                official=Phrase(
                    describe_years(official), describe_years(official) if official else "无"
                ),
            )


def ca2_calendar_covers_school_year(year: SchoolYear, holidays: HolidayCalendar) -> None:
    """CA-2: the holiday data covers both calendar years a school year spans."""
    span = year.span
    for needed in (span.start.year, span.end.year):
        if needed not in holidays.years:
            raise HolidayYearNotCoveredError(year=needed, label=year.label)


# ---------------------------------------------------------------- CA-3 recurrences


def _weekday(value: int, what: str) -> None:
    _check(
        what,
        0 <= value <= 6,
        "weekday must be 0 (Mon) to 6 (Sun)",
        "星期须为 0（周一）至 6（周日）",
    )


def ca3_weekly(schedule: Weekly) -> None:
    """CA-3: weekly ("每周一次的安全检查") or every n weeks ("每两周…每次周四检查")."""
    _check("Weekly", bool(schedule.weekdays), "needs at least one weekday", "至少需要一个星期几")
    for day in schedule.weekdays:
        _weekday(day, "Weekly")
    _check(
        "Weekly", 1 <= schedule.interval <= 52, "interval must be 1 to 52", "间隔周数须为 1 至 52"
    )


def ca3_monthly_nth_weekday(schedule: MonthlyNthWeekday) -> None:
    """CA-3: monthly on the n-th (or last) weekday of the month."""
    _weekday(schedule.weekday, "MonthlyNthWeekday")
    _check(
        "MonthlyNthWeekday",
        schedule.n in {1, 2, 3, 4, -1},
        "n must be 1 to 4 or -1",
        "「n」须为 1 至 4 或 -1",
    )


def ca3_monthly_nth_school_day(schedule: MonthlyNthSchoolDay) -> None:
    """CA-3: monthly on the n-th (or n-th last) allowed day ("每月结账一次")."""
    n = schedule.n
    _check(
        "MonthlyNthSchoolDay", n != 0 and abs(n) <= 23, "n must be ±1 to ±23", "「n」须为 ±1 至 ±23"
    )


def ca3_monthly_fixed_day(schedule: MonthlyFixedDay) -> None:
    """CA-3: monthly on a fixed day of the month."""
    _check("MonthlyFixedDay", 1 <= schedule.day <= 31, "day must be 1 to 31", "日期须为 1 至 31")


def ca3_times_per_term(schedule: TimesPerTerm) -> None:
    """CA-3: k times a term ("twice a term at mid-term and end")."""
    _check("TimesPerTerm", 1 <= schedule.k <= 60, "k must be 1 to 60", "「k」须为 1 至 60")


def ca3_times_per_year(schedule: TimesPerYear) -> None:
    """CA-3: n times a year spread over the terms ("每年大约修剪4次，每学期2次")."""
    _check("TimesPerYear", 1 <= schedule.n <= 120, "n must be 1 to 120", "「n」须为 1 至 120")


def ca3_relative_to_term(schedule: RelativeToTerm) -> None:
    """CA-3: relative to term start or end (开学前准备; 期末清点)."""
    offset = schedule.offset
    _check(
        "RelativeToTerm",
        -120 <= offset <= 120,
        "offset must be -120 to 120",
        "偏移天数须为 -120 至 120",
    )
    term = schedule.term
    _check("RelativeToTerm", term is None or term >= 0, "term index must be ≥ 0", "学期序号须 ≥ 0")


def ca3_holiday_eve(schedule: HolidayEve) -> None:
    """CA-3: relative to holidays ("安排好'十·一'长假值班")."""
    _check(
        "HolidayEve", 1 <= schedule.offset <= 30, "offset must be 1 to 30", "偏移天数须为 1 至 30"
    )


def ca3_annual_date(schedule: AnnualDate) -> None:
    """CA-3: fixed dates (教师节, 国庆, 三八, 六一); 29 February is allowed."""
    _check("AnnualDate", 1 <= schedule.month <= 12, "month must be 1 to 12", "月份须为 1 至 12")
    length = pendulum.Date(2024, schedule.month, 1).days_in_month
    _check(
        "AnnualDate",
        1 <= schedule.day <= length,
        "day out of range for the month",
        "日期超出该月天数",
    )


def ca3_months_in_range(months: tuple[int, ...]) -> None:
    """CA-3: a seasonal window ("进入夏季前", "冬季") names months 1 to 12."""
    for month in months:
        _check("months", 1 <= month <= 12, "months must be 1 to 12", "月份须为 1 至 12")


def ca3_rule_ids_unique(rules: tuple[TaskRule, ...]) -> None:
    """CA-3: each task rule of a set has its own id (plans and UIDs name the rule)."""
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise DuplicateRuleError(rule=rule.id)
        seen.add(rule.id)


def ca3_term_exists(rule: TaskRule, index: int, terms: int) -> None:
    """CA-3: a rule relative to one term names a term of the school year."""
    if index >= terms:
        raise RuleInvalidError(
            rule=rule.id,
            reason=Phrase(
                "the school year has no term {index}",
                "学年中没有序号为 {index} 的学期",
                index=index,
            ),
        )


def ca3_enough_allowed_days(rule: TaskRule, needed: int, available: int, term: Term) -> None:
    """CA-3: "k times a term" needs at least k allowed days in the term."""
    if available < needed:
        raise RuleUnsatisfiableError(
            rule=rule.id,
            needed=needed,
            period=Phrase(
                "{term} {start}..{end}",
                "「{term}」{start} 至 {end} ",
                term=term.name_zh,
                start=term.start,
                end=term.end,
            ),
            available=available,
        )


# ---------------------------------------------------------------- CA-4 regulatory frequencies


def ca4_frequency_is_valid(frequency: RegulatoryFrequency) -> None:
    """CA-4: a regulatory frequency has a key and requires the duty at least once a period."""
    key: object = frequency.key
    if not isinstance(key, str) or not key:
        raise RuleInvalidError(
            rule=repr(frequency.key),
            reason=Phrase("a frequency needs a key", "频次要求须有「key」"),
        )
    count: object = frequency.min_count
    if isinstance(count, bool) or not isinstance(count, int):
        raise RuleInvalidError(
            rule=frequency.key, reason=Phrase("min_count must be an int", "「min_count」须为整数")
        )
    if count < 1:
        raise RuleInvalidError(
            rule=frequency.key,
            reason=Phrase("min_count must be at least 1", "「min_count」至少为 1"),
        )


# ---------------------------------------------------------------- CA-5 non-school days


def ca5_holiday_duty_on_any_day(rule: TaskRule, *, on_days_off: bool) -> None:
    """CA-5: a task that falls on days off (节假日值班) must be allowed on any day.

    ``on_days_off`` says whether the rule's schedule falls on days off only (a
    ``HolidayDuty``); such a rule allowed only on school or working days would plan
    nothing.
    """
    if on_days_off and rule.allowed.value != "any_day":
        raise RuleInvalidError(
            rule=rule.id,
            reason=Phrase(
                "HolidayDuty falls on days off: it needs allowed=DayKind.ANY_DAY",
                "「HolidayDuty」落在休息日：须设「allowed=DayKind.ANY_DAY」",
            ),
        )


# ---------------------------------------------------------------- CA-6 month plans


def ca6_month_in_school_year(
    year: int, month: int, months: tuple[tuple[int, int], ...], label: str
) -> None:
    """CA-6: a month plan is for one of the twelve months of the school year."""
    if (year, month) not in months:
        raise MonthOutsideYearError(year=year, month=month, label=label)
