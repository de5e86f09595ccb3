"""Frozen records of the calendar engine (rules CA-1, CA-2, CA-6), and the day-input check.

Terms and vacations (CA-1), holiday days, notices and the sources of a holiday
calendar (CA-2), holiday blocks, task categories, plan entries and plan
differences (CA-6). Each record is immutable; those that can be wrong are checked
by the guards of ``_rules.py`` when they are built. Task rules and their
schedules live in ``_tasks.py``; policies in ``_policy.py``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Final

import attrs
import pendulum

from schoollogistics.core.shapes import check_int, checked_fields
from schoollogistics.core.time import MAX_YEAR, MIN_YEAR, DateInput, DateRange, as_date
from schoollogistics.errors import NaiveDateTimeError
from schoollogistics.school_calendar._rules import (
    ca1_breaks_are_ranges,
    ca1_breaks_inside_term,
    ca1_term_ends_after_start,
    ca2_makeup_days_on_weekends,
    ca2_notice_day_off_or_worked,
    ca2_notice_days_listed_once,
    ca2_notice_days_near_year,
)

__all__ = [
    "Category",
    "DataStatus",
    "HolidayBlock",
    "HolidayDay",
    "HolidayNotice",
    "PlanDiff",
    "PlanEntry",
    "Term",
    "Vacation",
    "YearSource",
    "day_input",
    "fast_day",
]


def day_input(value: object, *, field: str) -> pendulum.Date:
    """Accept a calendar day at a public entry point (annotated ``DateInput`` there).

    A naive ``datetime`` is refused with ``time.naive_refused``; any other
    ``datetime`` with ``time.wrong_type`` (which day a moment falls on depends on
    a timezone: convert it first); a ``date`` is returned as a pendulum ``Date``.
    """
    if isinstance(value, dt.datetime) and (value.tzinfo is None or value.utcoffset() is None):
        raise NaiveDateTimeError(value=value.isoformat(), field=field, timezone="Asia/Shanghai")
    return as_date(value, field=field)


def fast_day(value: object, *, field: str = "day") -> pendulum.Date:
    """``day_input``, with a shortcut for a value that already is a pendulum ``Date``."""
    if type(value) is pendulum.Date:
        return value
    return day_input(value, field=field)


# ---------------------------------------------------------------- CA-1 terms


def _breaks(value: DateRange | Iterable[DateRange]) -> tuple[DateRange, ...]:
    items: tuple[object, ...] = (
        (value,)  # one break (a DateRange iterates over its days)
        if isinstance(value, DateRange) or not isinstance(value, Iterable)
        else tuple(value)
    )
    return ca1_breaks_are_ranges(items)


def _start(value: DateInput) -> pendulum.Date:
    return day_input(value, field="start")


def _end(value: DateInput) -> pendulum.Date:
    return day_input(value, field="end")


@attrs.frozen(field_transformer=checked_fields())
class Term:
    """A term (学期) with its first and last day of school (rule CA-1).

    Attributes:
        name_zh: Its name, e.g. ``"第一学期"``.
        start: First day of the term (开学).
        end: Last day of the term (学期结束), inclusive.
        breaks: Days inside the term without school other than public holidays
            (a 春假 or 秋假 some cities have), as inclusive ranges.
    """

    name_zh: str
    start: pendulum.Date = attrs.field(converter=_start)
    end: pendulum.Date = attrs.field(converter=_end)
    breaks: tuple[DateRange, ...] = attrs.field(
        default=(), converter=_breaks, metadata={"max_items": 50}
    )

    def __attrs_post_init__(self) -> None:
        ca1_term_ends_after_start(self)
        ca1_breaks_inside_term(self)

    @property
    def span(self) -> DateRange:
        """The term's days as an inclusive range."""
        return DateRange(self.start, self.end)

    def in_break(self, day: pendulum.Date) -> bool:
        """Whether ``day`` falls in one of the term's breaks."""
        return any(day in gap for gap in self.breaks)


@attrs.frozen(field_transformer=checked_fields())
class Vacation:
    """A vacation (寒假 or 暑假): the days of the school year outside its terms.

    Attributes:
        name_zh: ``"暑假"`` or ``"寒假"``.
        span: Its days, inclusive.
    """

    name_zh: str
    span: DateRange


# ---------------------------------------------------------------- CA-2 holidays


class DataStatus(enum.Enum):
    """Where a year's holiday data comes from (rule CA-2)."""

    OFFICIAL = "official"
    """From a notice carried by the ``holidays`` package."""
    NOTICE = "notice"
    """From a notice supplied by the user."""
    PROVISIONAL = "provisional"
    """The ``holidays`` package's estimate, accepted explicitly by the caller."""


def _date(value: DateInput) -> pendulum.Date:
    return day_input(value, field="date")


@attrs.frozen(field_transformer=checked_fields())
class HolidayDay:
    """A day off (放假日) for everyone: a public holiday or a day moved by 调休.

    Attributes:
        date: The day.
        name_zh: Its name, e.g. ``"国庆节"`` or ``"休息日（由 2025-09-28 调休）"``.
    """

    date: pendulum.Date = attrs.field(converter=_date)
    name_zh: str


def holiday_days(value: Iterable[HolidayDay]) -> tuple[HolidayDay, ...]:
    """The days off in date order (a converter)."""
    return tuple(sorted(value, key=lambda d: d.date))


def workday_dates(value: Iterable[DateInput]) -> tuple[pendulum.Date, ...]:
    """The make-up working days in date order (a converter)."""
    return tuple(sorted(day_input(v, field="workdays") for v in value))


@attrs.frozen(field_transformer=checked_fields())
class HolidayNotice:
    """A State Council holiday notice as data, to add a year or replace one (rule CA-2).

    Attributes:
        year: The year the notice is for.
        days_off: Every day off the notice gives, weekends inside a holiday block
            included (so that the block reads whole), with names.
        workdays: The make-up working days (调休上班日, usually a Saturday or Sunday).
        source: Where the data comes from, e.g. ``"国办发明电〔2025〕7号"``.
    """

    year: int
    days_off: tuple[HolidayDay, ...] = attrs.field(converter=holiday_days)
    workdays: tuple[pendulum.Date, ...] = attrs.field(default=(), converter=workday_dates)
    source: str = ""

    def __attrs_post_init__(self) -> None:
        ca2_notice_days_listed_once(self)
        ca2_notice_day_off_or_worked(self)
        ca2_makeup_days_on_weekends(self)
        ca2_notice_days_near_year(self)

    @classmethod
    def build(
        cls,
        year: int,
        days_off: Iterable[tuple[DateInput, str]],
        workdays: Iterable[DateInput] = (),
        *,
        source: str = "",
    ) -> HolidayNotice:
        """Build a notice from ``(day, name)`` pairs and a list of working days."""
        return cls(year, tuple(HolidayDay(d, n) for d, n in days_off), tuple(workdays), source)


def _year_in_range(value: object) -> None:
    check_int(value, "YearSource.year", MIN_YEAR, MAX_YEAR)


@attrs.frozen(field_transformer=checked_fields())
class YearSource:
    """Where one year of a holiday calendar comes from.

    Attributes:
        year: The calendar year.
        status: Official package data, a user notice, or an accepted estimate.
        citation: The notice or package it comes from.
    """

    year: int = attrs.field(validator=lambda _, __, value: _year_in_range(value))
    status: DataStatus
    citation: str


@attrs.frozen(field_transformer=checked_fields())
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


# ---------------------------------------------------------------- CA-3 / CA-6 tasks and plans


class Category(enum.Enum):
    """The kind of logistics work a task belongs to."""

    SAFETY = "safety"
    """安全."""
    CANTEEN = "canteen"
    """食堂."""
    ASSETS = "assets"
    """资产."""
    GREENING = "greening"
    """绿化."""
    FINANCE = "finance"
    """财务."""
    HYGIENE = "hygiene"
    """卫生."""
    TRAINING = "training"
    """培训."""
    EVENTS = "events"
    """活动保障."""

    @property
    def label_zh(self) -> str:
        """The Chinese label, e.g. ``"安全"``."""
        return _CATEGORY_ZH[self]


_CATEGORY_ZH: Final = {
    Category.SAFETY: "安全",
    Category.CANTEEN: "食堂",
    Category.ASSETS: "资产",
    Category.GREENING: "绿化",
    Category.FINANCE: "财务",
    Category.HYGIENE: "卫生",
    Category.TRAINING: "培训",
    Category.EVENTS: "活动保障",
}


def _entry_day(value: DateInput) -> pendulum.Date:
    return day_input(value, field="date")


@attrs.frozen(field_transformer=checked_fields())
class PlanEntry:
    """One numbered line of a month plan (rule CA-6).

    Attributes:
        number: Its number in its month (1, 2, …), as in "九月份：1、…". The zh-CN
            text numbers lines; it equals this number only when nothing is collapsed
            (``collapse_over=None`` in ``render_month_zh``).
        date: The day the task falls on.
        title_zh: The task.
        category: Its category.
        rule_id: The id of the task rule that produced it.
        source: The rule's citation.
        note_zh: A note, e.g. ``"由10月1日顺延"`` when a holiday moved it.
    """

    number: int
    date: pendulum.Date = attrs.field(converter=_entry_day)
    title_zh: str
    category: Category
    rule_id: str
    source: str
    note_zh: str = ""

    @property
    def key(self) -> tuple[pendulum.Date, str]:
        """What identifies the entry across plans: its day and its rule."""
        return self.date, self.rule_id


@attrs.frozen(field_transformer=checked_fields())
class PlanDiff:
    """What changed between two plans (entries compared by day and rule).

    Attributes:
        added: Entries of the new plan that the old one lacks.
        removed: Entries of the old plan that the new one lacks.
    """

    added: tuple[PlanEntry, ...]
    removed: tuple[PlanEntry, ...]

    @property
    def is_empty(self) -> bool:
        """Whether the plans have the same (day, rule) entries."""
        return not self.added and not self.removed
