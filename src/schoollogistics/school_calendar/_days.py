"""The school-day predicate: which days of a school year have school (CA-1, CA-2, CA-5)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

import attrs
import pendulum

from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DateInput, DateRange
from schoollogistics.school_calendar._holidays import HolidayCalendar
from schoollogistics.school_calendar._policy import ChildrensDayPolicy, DayKind, SchoolDayPolicy
from schoollogistics.school_calendar._records import HolidayBlock, Term, day_input, fast_day
from schoollogistics.school_calendar._rules import ca2_calendar_covers_school_year
from schoollogistics.school_calendar._terms import SchoolYear

__all__ = ["SchoolCalendar"]


@attrs.frozen(field_transformer=checked_fields())
class SchoolCalendar:
    """A school year with its holidays: the day predicates the planner works with.

    A **school day** is a weekday or a make-up working day (调休上班日), not a day
    off, inside a term and outside its breaks, and not a pupils' day off such as
    1 June (policy). A **working day** ignores the terms (vacations included).

    Attributes:
        year: The school year and its terms (CA-1).
        holidays: Days off and make-up working days covering the school year (CA-2).
        policy: Policies of the predicate (CA-2: 1 June).
    """

    year: SchoolYear
    holidays: HolidayCalendar
    policy: SchoolDayPolicy = attrs.field(factory=SchoolDayPolicy)
    _days: tuple[pendulum.Date, ...] = attrs.field(init=False, eq=False, repr=False)
    _working: tuple[pendulum.Date, ...] = attrs.field(init=False, eq=False, repr=False)
    _school: tuple[pendulum.Date, ...] = attrs.field(init=False, eq=False, repr=False)
    _school_set: frozenset[pendulum.Date] = attrs.field(init=False, eq=False, repr=False)
    _working_set: frozenset[pendulum.Date] = attrs.field(init=False, eq=False, repr=False)
    _blocks: tuple[HolidayBlock, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        span = self.year.span
        ca2_calendar_covers_school_year(self.year, self.holidays)
        days = tuple(span)
        working = tuple(d for d in days if self.holidays.is_working_day(d))
        school = tuple(d for d in working if self._in_school(d))
        object.__setattr__(self, "_days", days)
        object.__setattr__(self, "_working", working)
        object.__setattr__(self, "_school", school)
        object.__setattr__(self, "_school_set", frozenset(school))
        object.__setattr__(self, "_working_set", frozenset(working))
        object.__setattr__(self, "_blocks", self._find_blocks())

    def _in_school(self, day: pendulum.Date) -> bool:
        term = next((t for t in self.year.terms if t.start <= day <= t.end), None)
        if term is None or term.in_break(day):
            return False
        return not (
            self.policy.childrens_day is ChildrensDayPolicy.PUPILS_OFF
            and (day.month, day.day) == (6, 1)
        )

    @property
    def span(self) -> DateRange:
        """The school year's days (1 August to 31 July)."""
        return self.year.span

    def is_school_day(self, day: DateInput) -> bool:
        """Whether ``day`` is a school day (see the class docstring)."""
        return day_input(day, field="day") in self._school_set

    def is_working_day(self, day: DateInput) -> bool:
        """Whether ``day`` is an official working day (weekday not off, or 调休上班日)."""
        when = day_input(day, field="day")
        if when in self.span:
            return when in self._working_set
        return self.holidays.is_working_day(when)

    def is_public_holiday(self, day: DateInput) -> bool:
        """Whether ``day`` is a day off for everyone (a holiday or a day moved by 调休)."""
        return self.holidays.is_public_holiday(day_input(day, field="day"))

    def allows(self, kind: DayKind, day: DateInput) -> bool:
        """Whether a task of ``kind`` may fall on ``day`` (a day of the school year)."""
        day = fast_day(day)
        if kind is DayKind.SCHOOL_DAY:
            return day in self._school_set
        if kind is DayKind.WORKING_DAY:
            return day in self._working_set
        return day in self.span

    def allowed_days(self, kind: DayKind) -> tuple[pendulum.Date, ...]:
        """Every day of the school year a task of ``kind`` may fall on, in order."""
        if kind is DayKind.SCHOOL_DAY:
            return self._school
        if kind is DayKind.WORKING_DAY:
            return self._working
        return self._days

    def allowed_between(
        self, kind: DayKind, start: DateInput, end: DateInput
    ) -> tuple[pendulum.Date, ...]:
        """The allowed days of ``kind`` from ``start`` to ``end`` (inclusive), in order."""
        start = fast_day(start, field="start")
        end = fast_day(end, field="end")
        days = self.allowed_days(kind)
        return days[bisect_left(days, start) : bisect_right(days, end)]

    def school_days(self, start: DateInput, end: DateInput) -> tuple[pendulum.Date, ...]:
        """The school days from ``start`` to ``end`` inclusive (within the school year)."""
        return self.allowed_between(DayKind.SCHOOL_DAY, start, end)

    def term_of(self, day: DateInput) -> Term | None:
        """The term containing ``day``, if any."""
        return self.year.term_of(day)

    def holiday_blocks(self) -> tuple[HolidayBlock, ...]:
        """The holiday blocks touching the school year, in order.

        A block is a maximal run of days that are not working days and that contains
        at least one public holiday (weekends next to a holiday belong to it).
        """
        return self._blocks

    def _find_blocks(self) -> tuple[HolidayBlock, ...]:
        blocks: list[HolidayBlock] = []
        run: list[pendulum.Date] = []
        first = self.span.start.subtract(days=10)
        last = self.span.end.add(days=10)
        for day in DateRange(first, last):
            if not self.holidays.is_working_day(day):
                run.append(day)
                continue
            self._close(run, blocks)
            run = []
        self._close(run, blocks)
        return tuple(b for b in blocks if b.end >= self.span.start and b.start <= self.span.end)

    def _close(self, run: list[pendulum.Date], blocks: list[HolidayBlock]) -> None:
        names: list[str] = []
        for day in run:
            name = self.holidays.holiday_name(day)
            if name is not None and name not in names:
                names.append(name)
        if names:
            blocks.append(HolidayBlock(run[0], run[-1], tuple(names)))
