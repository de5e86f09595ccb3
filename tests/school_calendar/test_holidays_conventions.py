"""HolidayCalendar follows the ``holidays`` package: ``day in cal``, ``cal.get(day)``, ``len``."""

from __future__ import annotations

import datetime as dt

import holidays
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics.errors import NaiveDateTimeError, TimeTypeError
from schoollogistics.school_calendar import HolidayCalendar
from schoollogistics.testing.school_calendar import holiday_calendars

pytestmark = pytest.mark.rule("CA-2")

OFFICIAL = HolidayCalendar.china([2024, 2025, 2026])
PACKAGE = holidays.China(language="zh_CN", years=[2024, 2025, 2026])  # type: ignore[attr-defined]


def _days(year: int) -> st.SearchStrategy[dt.date]:
    return st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))


@given(cal=holiday_calendars(), data=st.data())
def test_protocol_agrees_with_the_lookup_methods(cal: HolidayCalendar, data: st.DataObject) -> None:
    day = data.draw(st.sampled_from(cal.years).flatmap(_days))
    when = pendulum.Date(day.year, day.month, day.day)
    assert (day in cal) is (when in cal) is cal.is_public_holiday(day)
    assert cal.get(day) == cal.get(when) == cal.holiday_name(day)
    assert cal.get(day, "工作日") == (cal.holiday_name(day) or "工作日")
    assert len(cal) == len(cal.days_off) == len({d.date for d in cal.days_off})


@given(cal=holiday_calendars())
def test_len_counts_the_days_in_the_calendar(cal: HolidayCalendar) -> None:
    first, last = pendulum.Date(cal.years[0], 1, 1), pendulum.Date(cal.years[-1], 12, 31)
    days = [first.add(days=n) for n in range((last - first).days + 1)]
    assert len(cal) == sum(day in cal for day in days)


@given(day=st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31)))
def test_same_answers_as_the_holidays_package(day: dt.date) -> None:
    # Official years with no user notice: the calendar is the package's table, so the shared
    # protocol gives the same answers, day by day and in total.
    assert (day in OFFICIAL) is (day in PACKAGE)
    assert OFFICIAL.get(day) == PACKAGE.get(day)
    assert len(OFFICIAL) == len(PACKAGE)


def test_a_known_day() -> None:
    assert dt.date(2025, 10, 1) in OFFICIAL
    assert OFFICIAL.get(dt.date(2025, 10, 1)) == "国庆节"
    assert dt.date(2025, 10, 9) not in OFFICIAL
    assert OFFICIAL.get(dt.date(2025, 10, 9)) is None
    assert OFFICIAL.get(dt.date(2025, 10, 9), "") == ""


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("2025-10-01", TimeTypeError),
        (20251001, TimeTypeError),
        (dt.datetime(2025, 10, 1), NaiveDateTimeError),  # noqa: DTZ001 - refused on purpose
    ],
)
def test_only_dates_are_looked_up(value: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        _ = value in OFFICIAL
    with pytest.raises(error):
        OFFICIAL.get(value)  # type: ignore[arg-type]
