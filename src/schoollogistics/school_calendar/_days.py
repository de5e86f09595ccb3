"""The school-day predicate: which days of a school year have school (CA-1, CA-2, CA-5)."""

from __future__ import annotations

import enum
from bisect import bisect_left, bisect_right

import attrs
import pendulum

from schoollogistics.core.time import DateRange
from schoollogistics.school_calendar._holidays import HolidayCalendar
from schoollogistics.school_calendar._terms import SchoolYear, Term, day_input, fast_day
from schoollogistics.school_calendar.errors import HolidayYearNotCoveredError

__all__ = ["ChildrensDayPolicy", "DayKind", "HolidayBlock", "SchoolCalendar", "SchoolDayPolicy"]


class DayKind(enum.Enum):
    """Which days a task may fall on."""

    SCHOOL_DAY = "school_day"
    """A school day: a working day inside a term, not in a break, not a pupils' day off."""
    WORKING_DAY = "working_day"
    """Any official working day, vacations included (staff work; e.g. 开学前准备 in August)."""
    ANY_DAY = "any_day"
    """Any day, public holidays and weekends included (holiday duty, 值班)."""


class ChildrensDayPolicy(enum.Enum):
    """How 1 June (六一儿童节) counts for the school (rule CA-2).

    The national holiday rules give children under 14 a day off on 1 June; adults
    work. Primary-school pupils are all under 14, so by default 1 June is not a
    school day (pupils are off), while it stays a working day for staff: tasks
    allowed on working days (and the 庆六一 event, which keeps its date) still
    fall on it.
    """

    PUPILS_OFF = "pupils_off"
    """1 June is not a school day (default, for primary schools)."""
    SCHOOL_DAY = "school_day"
    """1 June is an ordinary school day (schools whose pupils are 14 or older)."""


@attrs.frozen
class SchoolDayPolicy:
    """Policies of the school-day predicate (rules CA-2, CA-5).

    Attributes:
        childrens_day: How 1 June counts; default: pupils off (CA-2).
    """

    childrens_day: ChildrensDayPolicy = ChildrensDayPolicy.PUPILS_OFF


@attrs.frozen
class HolidayBlock:
    """A run of consecutive days off containing at least one public holiday (e.g. 10/1–10/8).

    Attributes:
        start: First day of the block.
        end: Last day of the block.
        names_zh: The distinct holiday names in the block, in order.
    """

    start: pendulum.Date
    end: pendulum.Date
    names_zh: tuple[str, ...]

    def matches(self, keywords: tuple[str, ...]) -> bool:
        """Whether one of the block's names contains one of ``keywords`` (all match if empty)."""
        return not keywords or any(k in name for k in keywords for name in self.names_zh)


@attrs.frozen
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
    policy: SchoolDayPolicy = SchoolDayPolicy()
    _days: tuple[pendulum.Date, ...] = attrs.field(init=False, eq=False, repr=False)
    _working: tuple[pendulum.Date, ...] = attrs.field(init=False, eq=False, repr=False)
    _school: tuple[pendulum.Date, ...] = attrs.field(init=False, eq=False, repr=False)
    _school_set: frozenset[pendulum.Date] = attrs.field(init=False, eq=False, repr=False)
    _working_set: frozenset[pendulum.Date] = attrs.field(init=False, eq=False, repr=False)
    _blocks: tuple[HolidayBlock, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        span = self.year.span
        for needed in (span.start.year, span.end.year):
            if needed not in self.holidays.years:
                raise HolidayYearNotCoveredError(year=needed, label=self.year.label)
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

    def is_school_day(self, day: object) -> bool:
        """Whether ``day`` is a school day (see the class docstring)."""
        return day_input(day, field="day") in self._school_set

    def is_working_day(self, day: object) -> bool:
        """Whether ``day`` is an official working day (weekday not off, or 调休上班日)."""
        when = day_input(day, field="day")
        if when in self.span:
            return when in self._working_set
        return self.holidays.is_working_day(when)

    def is_public_holiday(self, day: object) -> bool:
        """Whether ``day`` is a day off for everyone (a holiday or a day moved by 调休)."""
        return self.holidays.is_public_holiday(day_input(day, field="day"))

    def allows(self, kind: DayKind, day: object) -> bool:
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
        self, kind: DayKind, start: object, end: object
    ) -> tuple[pendulum.Date, ...]:
        """The allowed days of ``kind`` from ``start`` to ``end`` (inclusive), in order."""
        start = fast_day(start, field="start")
        end = fast_day(end, field="end")
        days = self.allowed_days(kind)
        return days[bisect_left(days, start) : bisect_right(days, end)]

    def school_days(self, start: object, end: object) -> tuple[pendulum.Date, ...]:
        """The school days from ``start`` to ``end`` inclusive (within the school year)."""
        return self.allowed_between(DayKind.SCHOOL_DAY, start, end)

    def term_of(self, day: object) -> Term | None:
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
