"""Chinese public holidays and make-up working days (调休), rule CA-2.

The data comes from the State Council notice of each year (国务院办公厅关于某年部分节假日
安排的通知). Two sources feed a
[`HolidayCalendar`][schoollogistics.school_calendar.HolidayCalendar]:

* the ``holidays`` package (``holidays.China(language="zh_CN")``), which carries the
  notices it has been updated with: its days off, and its make-up working days
  (the package's ``weekend_workdays``, taken from the "substituted" entries of
  its static data);
* notices supplied by the user as [`HolidayNotice`][schoollogistics.school_calendar.HolidayNotice]
  data, which add a year the package lacks or replace a year it has.

A year the package has no notice for is only *estimated* by the package (lunar
dates plus weekend carry-overs, and never a make-up working day). Such a year is
refused (``calendar.holiday_data_missing``) unless the caller accepts it
explicitly as provisional; it is then marked ``PROVISIONAL`` in the calendar's
sources, never silently mixed with official data.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Final, Protocol, cast

import attrs
import holidays
import pendulum

from schoollogistics.core.shapes import check_instance_of, check_int, checked_fields
from schoollogistics.core.time import MAX_YEAR, MIN_YEAR, DateInput
from schoollogistics.school_calendar._records import (
    DataStatus,
    HolidayDay,
    HolidayNotice,
    YearSource,
    fast_day,
    holiday_days,
    workday_dates,
)
from schoollogistics.school_calendar._rules import (
    ca2_official_data_or_notice,
    ca2_one_notice_per_year,
)

__all__ = ["HolidayCalendar", "official_years"]

_SATURDAY: Final = 5


class _ChinaTable(Protocol):
    """What the engine reads of a ``holidays.China`` table (the package's stubs lack the class)."""

    weekend_workdays: set[dt.date]

    def items(self) -> Iterable[tuple[dt.date, str]]:
        """The days off and their names."""


def _china(years: Iterable[int] = ()) -> _ChinaTable:
    """A ``holidays.China`` table with zh-CN names."""
    factory = cast(
        "Callable[..., _ChinaTable]",
        getattr(holidays, "China"),  # noqa: B009 - untyped in the package stubs
    )
    return factory(language="zh_CN", years=list(years))


@functools.cache
def official_years() -> frozenset[int]:
    """The years for which the installed ``holidays`` package carries a State Council notice.

    These are the years of its China "special public holidays" table (the notices'
    extra days off and their make-up working days): 2001 to 2026 in version 0.109.
    Any other year is only estimated by the package.
    """
    table: object = getattr(_china(), "special_public_holidays", None)
    if not isinstance(table, dict):  # pragma: no cover - depends on the package's layout
        return frozenset()
    return frozenset(int(year) for year in table)


def _sources(value: Iterable[YearSource]) -> tuple[YearSource, ...]:
    return tuple(sorted(value, key=lambda s: s.year))


@attrs.frozen(field_transformer=checked_fields())
class HolidayCalendar:
    """Days off and make-up working days for a set of years (rule CA-2).

    Build it with [`china`][schoollogistics.school_calendar.HolidayCalendar.china];
    it is plain data afterwards (it serializes, and the planner never calls the
    ``holidays`` package again).

    Attributes:
        days_off: Every day off (public holidays and days moved by 调休), by date.
        workdays: Every make-up working day (a weekend day worked), by date.
        sources: One entry per covered year, saying where its data comes from.
    """

    days_off: tuple[HolidayDay, ...] = attrs.field(converter=holiday_days)
    workdays: tuple[pendulum.Date, ...] = attrs.field(converter=workday_dates)
    sources: tuple[YearSource, ...] = attrs.field(converter=_sources)
    _names: Mapping[pendulum.Date, str] = attrs.field(init=False, eq=False, repr=False)
    _work: frozenset[pendulum.Date] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        names = MappingProxyType({d.date: d.name_zh for d in self.days_off})
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_work", frozenset(self.workdays))

    @classmethod
    def china(
        cls,
        years: Iterable[int],
        *,
        notices: Iterable[HolidayNotice] = (),
        accept_provisional: bool = False,
    ) -> HolidayCalendar:
        """Holidays and make-up working days of mainland China for ``years``.

        Args:
            years: The calendar years to cover.
            notices: User-supplied notices; a notice replaces the package's data for
                the days of its year (a year the package lacks is added).
            accept_provisional: Accept the package's estimate for a year without a
                notice; the year is then marked ``PROVISIONAL`` in ``sources``.

        Raises:
            HolidayDataMissingError: a year has neither package data nor a notice
                and ``accept_provisional`` is false (``calendar.holiday_data_missing``).
            NoticeInvalidError: two notices are given for one year.
        """
        given: object = years
        if not isinstance(given, (list, tuple, range, set, frozenset)):
            check_instance_of(given, tuple, "years")
        wanted = sorted({check_int(year, "years[]", MIN_YEAR, MAX_YEAR) for year in years})
        by_year = ca2_one_notice_per_year(notices)
        official = official_years()
        ca2_official_data_or_notice(
            wanted, by_year, official, accept_provisional=accept_provisional
        )
        package_years = [y for y in wanted if y not in by_year]
        names: dict[pendulum.Date, str] = {}
        work: set[pendulum.Date] = set()
        sources: list[YearSource] = []
        if package_years:
            table = _china(package_years)
            for day, name in table.items():
                if day.year in package_years:
                    names[_pdate(day)] = str(name)
            work.update(_pdate(day) for day in table.weekend_workdays if day.year in package_years)
            version = getattr(holidays, "__version__", "?")
            for year in package_years:
                status = DataStatus.OFFICIAL if year in official else DataStatus.PROVISIONAL
                sources.append(YearSource(year, status, f"holidays {version} China"))
        for year in wanted:
            if year not in by_year:
                continue
            notice = by_year[year]
            for off in notice.days_off:
                work.discard(off.date)
                names[off.date] = off.name_zh
            for workday in notice.workdays:
                names.pop(workday, None)
                work.add(workday)
            sources.append(YearSource(year, DataStatus.NOTICE, notice.source or "user notice"))
        return cls(tuple(HolidayDay(d, n) for d, n in names.items()), tuple(work), tuple(sources))

    @property
    def years(self) -> tuple[int, ...]:
        """The covered years, in order."""
        return tuple(s.year for s in self.sources)

    @property
    def provisional_years(self) -> tuple[int, ...]:
        """The years that rest on an accepted estimate, not on a notice."""
        return tuple(s.year for s in self.sources if s.status is DataStatus.PROVISIONAL)

    def __contains__(self, day: object) -> bool:
        """``day in calendar``: whether ``day`` is a day off, as in the ``holidays`` package.

        The same as ``is_public_holiday(day)``. Unlike the ``holidays`` package, ``day`` must
        be a date: a string or a datetime is refused (``time.wrong_type``,
        ``time.naive_refused``), not parsed.
        """
        return fast_day(day) in self._names

    def __len__(self) -> int:
        """The number of days off, as ``len`` of a ``holidays`` table."""
        return len(self._names)

    def get(self, day: DateInput, default: str | None = None) -> str | None:
        """The name of the day off on ``day``, else ``default``, as in the ``holidays`` package.

        The same as ``holiday_name(day)`` when ``default`` is ``None``; ``day`` must be a date.
        """
        return self._names.get(fast_day(day), default)

    def holiday_name(self, day: DateInput) -> str | None:
        """The name of the day off on ``day``, if it is one."""
        return self._names.get(fast_day(day))

    def is_public_holiday(self, day: DateInput) -> bool:
        """Whether ``day`` is a day off for everyone (a holiday or a day moved by 调休)."""
        return fast_day(day) in self._names

    def is_makeup_workday(self, day: DateInput) -> bool:
        """Whether ``day`` is a weekend day worked in exchange (调休上班)."""
        return fast_day(day) in self._work

    def is_working_day(self, day: DateInput) -> bool:
        """A weekday that is not a day off, or a make-up working day."""
        when = fast_day(day)
        if when in self._names:
            return False
        return when.weekday() < _SATURDAY or when in self._work


def _pdate(day: dt.date) -> pendulum.Date:
    return pendulum.Date(day.year, day.month, day.day)
