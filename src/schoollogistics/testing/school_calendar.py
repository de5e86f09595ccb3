"""Hypothesis strategies for `schoollogistics.school_calendar`.

[`school_calendars`][schoollogistics.testing.school_calendar.school_calendars]
builds realistic school years (two terms, optional breaks) over the official
holiday data of 2004–2026; [`task_rules`][schoollogistics.testing.school_calendar.task_rules]
draws rules of every schedule kind.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Final

import pendulum
from hypothesis import strategies as st

from schoollogistics.core.time import DateRange
from schoollogistics.school_calendar import (
    Anchor,
    AnnualDate,
    Category,
    ChildrensDayPolicy,
    Daily,
    DataStatus,
    DayKind,
    HolidayBlock,
    HolidayCalendar,
    HolidayDay,
    HolidayDuty,
    HolidayEve,
    HolidayNotice,
    MonthlyFixedDay,
    MonthlyNthSchoolDay,
    MonthlyNthWeekday,
    MonthPlan,
    OneOff,
    Period,
    PlanDiff,
    PlanEntry,
    RegulatoryFrequency,
    RelativeToTerm,
    Schedule,
    SchoolCalendar,
    SchoolDayPolicy,
    SchoolYear,
    ShiftPolicy,
    TaskRule,
    Template,
    Term,
    TimesPerTerm,
    TimesPerYear,
    Unit,
    Vacation,
    Weekly,
    YearPlan,
    YearSource,
)
from schoollogistics.testing._core import StrategyTable

__all__ = [
    "STRATEGIES",
    "holiday_calendars",
    "holiday_notices",
    "plan_entries",
    "schedules",
    "school_calendars",
    "school_years",
    "task_rules",
]

_IDS: Final = st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True)
_ZH: Final = st.text(
    alphabet="安全检查食堂资产绿化财务卫生培训活动保障月份，、（）", min_size=1, max_size=12
)
_TEXT: Final = st.text(alphabet="abc seed 003 §,;\\\n九月份", max_size=20)


def _day(year: int, month: int, day: int) -> pendulum.Date:
    return pendulum.Date(year, month, day)


def _days_between(start: pendulum.Date, end: pendulum.Date) -> st.SearchStrategy[pendulum.Date]:
    return st.integers(0, (end - start).days).map(lambda n: start.add(days=n))


@st.composite
def school_years(draw: st.DrawFn, min_year: int = 2004, max_year: int = 2025) -> SchoolYear:
    """Two-term school years with realistic dates (and sometimes a break in a term)."""
    year = draw(st.integers(min_year, max_year))
    start1 = draw(_days_between(_day(year, 8, 20), _day(year, 9, 10)))
    end1 = draw(_days_between(_day(year + 1, 1, 10), _day(year + 1, 2, 5)))
    start2 = draw(_days_between(_day(year + 1, 2, 10), _day(year + 1, 3, 10)))
    end2 = draw(_days_between(_day(year + 1, 6, 25), _day(year + 1, 7, 15)))
    breaks: tuple[DateRange, ...] = ()
    if draw(st.booleans()):
        gap = draw(_days_between(_day(year + 1, 4, 1), _day(year + 1, 4, 25)))
        breaks = (DateRange(gap, gap.add(days=draw(st.integers(0, 4)))),)
    return SchoolYear(
        year,
        (Term("第一学期", start1, end1), Term("第二学期", start2, end2, breaks)),
    )


@functools.cache
def _official(first_year: int) -> HolidayCalendar:
    return HolidayCalendar.china([first_year, first_year + 1])


@st.composite
def school_calendars(draw: st.DrawFn) -> SchoolCalendar:
    """School calendars over the official holiday data (school years 2004–05 to 2025–26)."""
    year = draw(school_years())
    policy = SchoolDayPolicy(draw(st.sampled_from(ChildrensDayPolicy)))
    return SchoolCalendar(year, _official(year.first_year), policy)


_WEEKDAYS: Final = st.integers(0, 6)
_KEYWORDS: Final = st.lists(st.sampled_from(["国庆节", "元旦", "春节", "劳动节"]), max_size=2)

_SCHEDULES: Final[Mapping[object, st.SearchStrategy[Schedule]]] = {
    Daily: st.just(Daily()),
    Weekly: st.builds(
        Weekly,
        st.lists(_WEEKDAYS, min_size=1, max_size=3),
        st.integers(1, 3),
        st.none() | _days_between(_day(2004, 8, 1), _day(2026, 7, 31)),
    ),
    MonthlyNthWeekday: st.builds(MonthlyNthWeekday, _WEEKDAYS, st.sampled_from([1, 2, 3, 4, -1])),
    MonthlyNthSchoolDay: st.builds(MonthlyNthSchoolDay, st.integers(1, 23) | st.integers(-23, -1)),
    MonthlyFixedDay: st.builds(MonthlyFixedDay, st.integers(1, 31)),
    TimesPerTerm: st.builds(TimesPerTerm, st.integers(1, 6)),
    TimesPerYear: st.builds(TimesPerYear, st.integers(1, 8)),
    RelativeToTerm: st.builds(
        RelativeToTerm,
        st.sampled_from(Anchor),
        st.integers(-15, 15),
        st.sampled_from(Unit),
        st.none() | st.integers(0, 1),
    ),
    HolidayEve: st.builds(HolidayEve, _KEYWORDS, st.integers(1, 5)),
    HolidayDuty: st.builds(HolidayDuty, _KEYWORDS),
    AnnualDate: st.builds(AnnualDate, st.integers(1, 12), st.integers(1, 28)),
    OneOff: st.builds(OneOff, _days_between(_day(2004, 8, 1), _day(2026, 7, 31))),
}


def schedules() -> st.SearchStrategy[Schedule]:
    """Schedules of every kind."""
    return st.one_of(*_SCHEDULES.values())


@st.composite
def _task_rule(draw: st.DrawFn, schedule: st.SearchStrategy[Schedule]) -> TaskRule:
    drawn = draw(schedule)
    # a HolidayDuty falls on days off: any other ``allowed`` is refused at construction
    allowed = DayKind.ANY_DAY if isinstance(drawn, HolidayDuty) else draw(st.sampled_from(DayKind))
    return TaskRule(
        draw(_IDS),
        draw(_ZH),
        draw(st.sampled_from(Category)),
        drawn,
        draw(_TEXT),
        rules=("CA-3",),
        allowed=allowed,
        on_non_school_day=draw(st.sampled_from(ShiftPolicy)),
        months=draw(st.lists(st.integers(1, 12), max_size=4)),
        note_zh=draw(_TEXT),
        regulatory_key=draw(st.none() | _IDS),
    )


def task_rules(schedule: st.SearchStrategy[Schedule] | None = None) -> st.SearchStrategy[TaskRule]:
    """Task rules with any schedule (or the given ones) and any policies."""
    return _task_rule(schedules() if schedule is None else schedule)


@st.composite
def holiday_notices(draw: st.DrawFn) -> HolidayNotice:
    """Self-consistent notices (days off and weekend make-up working days)."""
    year = draw(st.integers(2027, 2040))
    start = _day(year, 1, 1)
    offsets = draw(st.lists(st.integers(0, 364), unique=True, max_size=12))
    days = sorted({start.add(days=n) for n in offsets})
    off = [d for i, d in enumerate(days) if i % 3 or d.weekday() < 5]
    work = [d for d in days if d not in off]
    return HolidayNotice.build(year, [(d, "休息日") for d in off], work, source=draw(_TEXT))


@st.composite
def holiday_calendars(draw: st.DrawFn) -> HolidayCalendar:
    """Holiday calendars: official years, or user notices."""
    if draw(st.booleans()):
        first = draw(st.integers(2004, 2025))
        return _official(first)
    notice = draw(holiday_notices())
    return HolidayCalendar.china([notice.year], notices=[notice])


def plan_entries() -> st.SearchStrategy[PlanEntry]:
    """Plan entries."""
    return st.builds(
        PlanEntry,
        st.integers(1, 60),
        _days_between(_day(2004, 8, 1), _day(2026, 7, 31)),
        _ZH,
        st.sampled_from(Category),
        _IDS,
        _TEXT,
        _TEXT,
    )


def _year_plans() -> st.SearchStrategy[YearPlan]:
    return (
        school_years()
        .map(lambda y: YearPlan(y.label, y.months, ()))
        .flatmap(
            lambda p: st.lists(plan_entries(), max_size=5).map(
                lambda es: YearPlan(p.label, p.months, tuple(es))
            )
        )
    )


STRATEGIES: Final[StrategyTable] = {
    **_SCHEDULES,
    Anchor: st.sampled_from(Anchor),
    Category: st.sampled_from(Category),
    ChildrensDayPolicy: st.sampled_from(ChildrensDayPolicy),
    DataStatus: st.sampled_from(DataStatus),
    DayKind: st.sampled_from(DayKind),
    Period: st.sampled_from(Period),
    ShiftPolicy: st.sampled_from(ShiftPolicy),
    Unit: st.sampled_from(Unit),
    HolidayBlock: st.builds(
        HolidayBlock,
        _days_between(_day(2004, 1, 1), _day(2026, 1, 1)),
        _days_between(_day(2026, 1, 2), _day(2026, 12, 31)),
        st.lists(_ZH, max_size=3).map(tuple),
    ),
    HolidayCalendar: holiday_calendars(),
    HolidayDay: st.builds(HolidayDay, _days_between(_day(2004, 1, 1), _day(2030, 12, 31)), _ZH),
    HolidayNotice: holiday_notices(),
    MonthPlan: st.builds(
        MonthPlan,
        st.integers(2004, 2030),
        st.integers(1, 12),
        st.lists(plan_entries(), max_size=4).map(tuple),
    ),
    PlanDiff: st.builds(
        PlanDiff,
        st.lists(plan_entries(), max_size=3).map(tuple),
        st.lists(plan_entries(), max_size=3).map(tuple),
    ),
    PlanEntry: plan_entries(),
    RegulatoryFrequency: st.builds(
        RegulatoryFrequency, _IDS, _ZH, st.sampled_from(Period), st.integers(1, 4), _TEXT
    ),
    SchoolCalendar: school_calendars(),
    SchoolDayPolicy: st.builds(SchoolDayPolicy, st.sampled_from(ChildrensDayPolicy)),
    SchoolYear: school_years(),
    TaskRule: task_rules(),
    Template: st.builds(
        Template, _ZH, st.lists(task_rules(), max_size=4, unique_by=lambda r: r.id).map(tuple)
    ),
    Term: school_years().map(lambda y: y.terms[1]),
    Vacation: school_years().map(lambda y: y.vacations()[0]),
    YearPlan: _year_plans(),
    YearSource: st.builds(YearSource, st.integers(2004, 2040), st.sampled_from(DataStatus), _TEXT),
}
"""One strategy per serializable public type of the area."""
