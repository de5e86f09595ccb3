"""CA-2: holidays and make-up working days, official data only, user notices, 1 June."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics.errors import NaiveDateTimeError, TimeTypeError
from schoollogistics.school_calendar import (
    ChildrensDayPolicy,
    DataStatus,
    HolidayCalendar,
    HolidayNotice,
    SchoolCalendar,
    SchoolDayPolicy,
    SchoolYear,
    official_years,
)
from schoollogistics.school_calendar.errors import (
    HolidayDataMissingError,
    HolidayYearNotCoveredError,
    NoticeInvalidError,
)
from schoollogistics.testing.school_calendar import holiday_notices

# Days on which the two sources disagree, each investigated
# (see docs/explanation/rules/calendar.md).
# 2005-12-31 (Saturday): the 2006 notice (国办发明电〔2005〕32号) made it a working day in exchange
# for 2006-01-03; `holidays` carries that make-up day, `chinese_calendar` (whose data starts in
# 2004 and files notices by year) treats it as an ordinary Saturday off.
KNOWN_DISAGREEMENTS = {dt.date(2005, 12, 31): "holidays: working day; chinese_calendar: day off"}


@pytest.mark.rule("CA-2")
def test_every_day_2004_to_2026_matches_chinese_calendar() -> None:
    calendar = HolidayCalendar.china(range(2004, 2027))
    disagreements: dict[dt.date, str] = {}
    for year in range(2004, 2027):
        # vectorised per year: one pass over the year's days with the oracle's sets
        theirs_off = set(chinese_calendar.get_holidays(dt.date(year, 1, 1), dt.date(year, 12, 31)))
        day = pendulum.Date(year, 1, 1)
        while day.year == year:
            ours_off = not calendar.is_working_day(day)
            if ours_off != (dt.date(day.year, day.month, day.day) in theirs_off):
                disagreements[dt.date(day.year, day.month, day.day)] = (
                    "holidays: working day; chinese_calendar: day off"
                    if not ours_off
                    else "holidays: day off; chinese_calendar: working day"
                )
            day = day.add(days=1)
    assert disagreements == KNOWN_DISAGREEMENTS


@pytest.mark.rule("CA-2")
def test_2025_national_day_and_mid_autumn_with_makeup_days() -> None:
    calendar = HolidayCalendar.china([2025])
    for day in range(1, 9):
        assert not calendar.is_working_day(pendulum.Date(2025, 10, day))
    # the weekend inside the block is simply a weekend: the package names the weekdays off
    assert calendar.is_public_holiday(pendulum.Date(2025, 10, 8))
    assert calendar.holiday_name(pendulum.Date(2025, 10, 6)) == "中秋节"
    for makeup in (pendulum.Date(2025, 9, 28), pendulum.Date(2025, 10, 11)):
        assert makeup.weekday() >= 5
        assert calendar.is_makeup_workday(makeup)
        assert calendar.is_working_day(makeup)
    assert not calendar.is_working_day(pendulum.Date(2025, 10, 12))  # an ordinary Sunday
    assert calendar.is_working_day(pendulum.Date(2025, 10, 9))
    assert calendar.sources[0].status is DataStatus.OFFICIAL


@pytest.mark.rule("CA-2")
def test_official_years_of_the_installed_package() -> None:
    years = official_years()
    assert {2004, 2025, 2026} <= years
    assert 2099 not in years


@pytest.mark.rule("CA-2")
def test_a_year_without_official_data_is_refused_not_estimated() -> None:
    year = max(official_years()) + 1
    with pytest.raises(HolidayDataMissingError) as info:
        HolidayCalendar.china([year])
    assert info.value.code == "calendar.holiday_data_missing"
    assert str(year) in info.value.message_zh


@pytest.mark.rule("CA-2")
def test_provisional_year_only_when_accepted_and_marked() -> None:
    year = max(official_years()) + 1
    calendar = HolidayCalendar.china([year - 1, year], accept_provisional=True)
    assert calendar.provisional_years == (year,)
    assert calendar.sources[0].status is DataStatus.OFFICIAL
    assert calendar.is_public_holiday(pendulum.Date(year, 10, 1))
    # the package never estimates make-up working days
    assert not [d for d in calendar.workdays if d.year == year]


def _notice_2027() -> HolidayNotice:
    off = [(pendulum.Date(2027, 10, d), "国庆节") for d in range(1, 8)]
    return HolidayNotice.build(
        2027,
        [(pendulum.Date(2027, 1, 1), "元旦"), *off],
        [pendulum.Date(2027, 9, 26), pendulum.Date(2027, 10, 9)],
        source="国务院办公厅通知（示例）",
    )


@pytest.mark.rule("CA-2")
def test_a_user_notice_adds_a_year() -> None:
    calendar = HolidayCalendar.china([2026, 2027], notices=[_notice_2027()])
    assert calendar.provisional_years == ()
    assert calendar.sources[1].status is DataStatus.NOTICE
    assert calendar.sources[1].citation == "国务院办公厅通知（示例）"
    assert calendar.is_makeup_workday(pendulum.Date(2027, 9, 26))
    assert calendar.is_public_holiday(pendulum.Date(2027, 10, 7))
    assert calendar.is_working_day(pendulum.Date(2027, 10, 8))


@pytest.mark.rule("CA-2")
def test_a_user_notice_overrides_a_year() -> None:
    notice = HolidayNotice.build(2025, [(pendulum.Date(2025, 10, 1), "国庆节")], [])
    calendar = HolidayCalendar.china([2025], notices=[notice])
    assert calendar.is_public_holiday(pendulum.Date(2025, 10, 1))
    assert not calendar.is_public_holiday(pendulum.Date(2025, 10, 2))  # package data replaced
    assert not calendar.is_makeup_workday(pendulum.Date(2025, 9, 28))
    assert calendar.sources[0].citation == "user notice"


@pytest.mark.rule("CA-2")
def test_a_notice_day_in_the_adjacent_year_overrides_the_package() -> None:
    notice = HolidayNotice.build(2026, [(pendulum.Date(2025, 12, 31), "元旦")], [])
    calendar = HolidayCalendar.china([2025, 2026], notices=[notice])
    assert calendar.is_public_holiday(pendulum.Date(2025, 12, 31))


@pytest.mark.parametrize(
    ("days_off", "workdays", "reason"),
    [
        ([("2027-10-01", "a"), ("2027-10-01", "b")], [], "twice"),
        ([], ["2027-10-09", "2027-10-09"], "twice"),
        ([("2027-10-09", "a")], ["2027-10-09"], "both"),
        ([], ["2027-10-08"], "weekday"),
        ([("2030-01-01", "a")], [], "too far"),
    ],
)
def test_invalid_notices_are_refused(
    days_off: list[tuple[str, str]], workdays: list[str], reason: str
) -> None:
    with pytest.raises(NoticeInvalidError) as info:
        HolidayNotice.build(
            2027,
            [(pendulum.parse(d).date(), n) for d, n in days_off],  # type: ignore[union-attr]
            [pendulum.parse(d).date() for d in workdays],  # type: ignore[union-attr]
        )
    assert reason in info.value.message_en
    assert info.value.code == "calendar.notice_invalid"


def test_two_notices_for_one_year_are_refused() -> None:
    with pytest.raises(NoticeInvalidError):
        HolidayCalendar.china([2027], notices=[_notice_2027(), _notice_2027()])


def test_naive_datetimes_are_refused_as_days() -> None:
    with pytest.raises(NaiveDateTimeError):
        HolidayNotice.build(2027, [(dt.datetime(2027, 1, 1), "元旦")])  # noqa: DTZ001
    with pytest.raises(TimeTypeError):
        HolidayNotice.build(2027, [(pendulum.datetime(2027, 1, 1), "元旦")])


@pytest.mark.rule("CA-2")
@given(holiday_notices())
def test_notice_data_is_what_the_calendar_reports(notice: HolidayNotice) -> None:
    calendar = HolidayCalendar.china([notice.year], notices=[notice])
    for day in notice.days_off:
        assert calendar.is_public_holiday(day.date)
        assert not calendar.is_working_day(day.date)
    for workday in notice.workdays:
        assert calendar.is_working_day(workday)
        assert calendar.is_makeup_workday(workday)


@pytest.mark.rule("CA-2")
def test_childrens_day_is_a_pupils_day_off_by_default(beijing_year: SchoolYear) -> None:
    holidays = HolidayCalendar.china([2025, 2026])
    june_first = pendulum.Date(2026, 6, 1)  # a Monday in term
    default = SchoolCalendar(beijing_year, holidays)
    assert not default.is_school_day(june_first)
    assert default.is_working_day(june_first)  # staff work: not a public holiday
    assert not default.is_public_holiday(june_first)
    older = SchoolCalendar(beijing_year, holidays, SchoolDayPolicy(ChildrensDayPolicy.SCHOOL_DAY))
    assert older.is_school_day(june_first)


@pytest.mark.rule("CA-2")
def test_school_calendar_needs_both_calendar_years(beijing_year: SchoolYear) -> None:
    with pytest.raises(HolidayYearNotCoveredError):
        SchoolCalendar(beijing_year, HolidayCalendar.china([2025]))


@given(st.integers(2004, 2026))
def test_holiday_blocks_hold_their_holidays(year: int) -> None:
    school_year = SchoolYear.of(
        year - 1 if year > 2004 else year,
        (
            dt.date(year - 1 if year > 2004 else year, 9, 1),
            dt.date(year if year > 2004 else year + 1, 1, 15),
        ),
        (
            dt.date(year if year > 2004 else year + 1, 3, 1),
            dt.date(year if year > 2004 else year + 1, 7, 5),
        ),
    )
    first = school_year.first_year
    calendar = SchoolCalendar(school_year, HolidayCalendar.china([first, first + 1]))
    for block in calendar.holiday_blocks():
        assert block.names_zh
        day = block.start
        while day <= block.end:
            assert not calendar.holidays.is_working_day(day)
            day = day.add(days=1)
        assert calendar.holidays.is_working_day(block.start.subtract(days=1))
        assert calendar.holidays.is_working_day(block.end.add(days=1))
