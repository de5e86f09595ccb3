"""Aware time: naive datetimes refused, text parsed in the school's timezone."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics import DateRange, as_date, as_datetime, hours, parse_date, parse_datetime
from schoollogistics.core.time import (
    day_end,
    get_timezone,
    local_date,
    parse_offset_datetime,
    school_date,
    school_datetime,
)
from schoollogistics.errors import (
    InvalidInputError,
    NaiveDateTimeError,
    TimeParseError,
    TimeTypeError,
    UnknownTimezoneError,
)
from schoollogistics.testing import aware_datetimes


def test_naive_datetime_refused_with_code() -> None:
    with pytest.raises(NaiveDateTimeError) as info:
        as_datetime(dt.datetime(2025, 9, 1, 8, 0), field="taken_at")  # noqa: DTZ001
    assert info.value.code == "time.naive_refused"
    assert "taken_at" in info.value.message_en
    assert "Asia/Shanghai" in info.value.message_zh


def test_aware_stdlib_datetime_converted_to_school_zone() -> None:
    utc = dt.datetime(2025, 9, 1, 0, 0, tzinfo=dt.UTC)
    result = as_datetime(utc)
    assert isinstance(result, pendulum.DateTime)
    assert result.timezone_name == "Asia/Shanghai"
    assert (result.hour, result) == (8, utc)


def test_other_zone_configurable() -> None:
    result = as_datetime(school_datetime(2025, 9, 1, 8), tz="Asia/Urumqi")
    assert result.timezone_name == "Asia/Urumqi"


@pytest.mark.parametrize("value", [dt.date(2025, 1, 1), "2025-01-01T00:00+08:00", 0])
def test_non_datetime_refused(value: object) -> None:
    with pytest.raises(TimeTypeError) as info:
        as_datetime(value)
    assert info.value.code == "time.wrong_type"


def test_unknown_timezone() -> None:
    with pytest.raises(UnknownTimezoneError) as info:
        get_timezone("Mars/Olympus")
    assert info.value.code == "time.unknown_timezone"
    with pytest.raises(TimeTypeError):
        get_timezone(8)  # type: ignore[arg-type]
    zone = get_timezone()
    assert get_timezone(zone) is zone


def test_parse_without_offset_is_school_wall_clock_not_utc() -> None:
    parsed = parse_datetime("2024-03-10T15:00")
    assert parsed == school_datetime(2024, 3, 10, 15)
    assert parsed.offset == 8 * 3600


def test_parse_with_offset_keeps_the_instant() -> None:
    parsed = parse_datetime("2024-03-10T15:00:00Z")
    assert parsed == pendulum.datetime(2024, 3, 10, 15, tz="UTC")
    assert parsed.timezone_name == "Asia/Shanghai"


@pytest.mark.parametrize("text", ["not a time", "2024-13-40T00:00", "2024-03-10"])
def test_parse_refuses_garbage_and_plain_dates(text: str) -> None:
    with pytest.raises(TimeParseError) as info:
        parse_datetime(text)
    assert info.value.code == "time.unparseable"


def test_parse_types() -> None:
    with pytest.raises(TimeTypeError):
        parse_datetime(3)  # type: ignore[arg-type]
    with pytest.raises(TimeTypeError):
        parse_date(3)  # type: ignore[arg-type]
    with pytest.raises(TimeParseError):
        parse_date("2025-02-30")
    assert parse_date("2025-02-28") == pendulum.Date(2025, 2, 28)


def test_as_date() -> None:
    assert type(as_date(dt.date(2025, 1, 2))) is pendulum.Date
    day = pendulum.Date(2025, 1, 2)
    assert as_date(day) is day
    with pytest.raises(TimeTypeError):
        as_date(school_datetime(2025, 1, 2))


def test_bad_calendar_values() -> None:
    with pytest.raises(InvalidInputError):
        school_datetime(2025, 2, 30)
    with pytest.raises(InvalidInputError):
        school_date(2025, 2, 30)


@pytest.mark.rule("FS-3")
def test_48_hours_is_absolute() -> None:
    assert hours(48).total_seconds() == 172_800


@given(aware_datetimes())
def test_as_datetime_keeps_instant(moment: pendulum.DateTime) -> None:
    assert as_datetime(moment.in_timezone("UTC")) == moment
    assert parse_datetime(moment.isoformat()) == moment


class TestDateRange:
    def test_month_and_membership(self) -> None:
        feb = DateRange.month(2024, 2)
        assert len(feb) == 29
        assert pendulum.Date(2024, 2, 29) in feb
        assert pendulum.Date(2024, 3, 1) not in feb
        assert school_datetime(2024, 2, 2) not in feb
        assert "2024-02-02" not in feb

    def test_iteration(self) -> None:
        days = list(DateRange(pendulum.Date(2024, 2, 28), pendulum.Date(2024, 3, 1)))
        assert days == [
            pendulum.Date(2024, 2, 28),
            pendulum.Date(2024, 2, 29),
            pendulum.Date(2024, 3, 1),
        ]

    def test_reversed_refused(self) -> None:
        with pytest.raises(InvalidInputError) as info:
            DateRange(pendulum.Date(2024, 3, 1), pendulum.Date(2024, 2, 1))
        assert info.value.code == "input.invalid"


_FIRST = pendulum.naive(1901, 1, 1)
_LAST = pendulum.naive(2199, 12, 31)
_ZONES_WITH_GAPS = ("Asia/Shanghai", "America/New_York", "Europe/London", "Australia/Lord_Howe")


@given(
    st.datetimes(
        min_value=_FIRST,
        max_value=_LAST,
        timezones=st.sampled_from([dt.UTC, *map(pendulum.timezone, _ZONES_WITH_GAPS)]),
        allow_imaginary=False,
    ),
    st.sampled_from(_ZONES_WITH_GAPS),
    st.booleans(),
)
def test_as_datetime_equals_in_timezone(moment: dt.datetime, zone: str, as_pendulum: bool) -> None:
    """The fast conversion is pendulum's own ``in_timezone``, wall time and fold included."""
    value = pendulum.instance(moment) if as_pendulum else moment
    expected = pendulum.instance(moment).in_timezone(zone)
    got = as_datetime(value, tz=zone)
    assert type(got) is pendulum.DateTime
    assert got == expected
    assert got.tzinfo is get_timezone(zone)
    assert (got.timetuple(), got.microsecond, got.fold, got.utcoffset()) == (
        expected.timetuple(),
        expected.microsecond,
        expected.fold,
        expected.utcoffset(),
    )


def test_get_timezone_memo_keeps_refusing_bad_names() -> None:
    assert get_timezone("Asia/Shanghai") is get_timezone("Asia/Shanghai")
    for _ in range(2):
        with pytest.raises(UnknownTimezoneError):
            get_timezone("Mars/Olympus_Mons")


@given(
    st.datetimes(min_value=_FIRST, max_value=_LAST),
    st.integers(-12 * 60, 14 * 60),
    st.booleans(),
)
def test_parse_offset_datetime_is_pendulum_instance(
    wall: dt.datetime, minutes: int, zulu: bool
) -> None:
    """The direct construction gives what ``pendulum.instance`` gives: zone, wall time, offset."""
    offset = dt.timezone(dt.timedelta(minutes=0 if zulu else minutes))
    text = wall.replace(tzinfo=offset).isoformat()
    if zulu:
        text = text.removesuffix("+00:00") + "Z"
    expected = pendulum.instance(dt.datetime.fromisoformat(text))
    got = parse_offset_datetime(text)
    assert type(got) is pendulum.DateTime
    assert repr(got) == repr(expected)
    assert got.utcoffset() == expected.utcoffset()


@given(
    st.datetimes(
        min_value=_FIRST,
        max_value=_LAST,
        timezones=st.sampled_from([dt.UTC, *map(pendulum.timezone, _ZONES_WITH_GAPS)]),
        allow_imaginary=False,
    ),
    st.sampled_from(_ZONES_WITH_GAPS),
    st.booleans(),
    st.booleans(),
)
def test_local_date_is_the_day_in_the_zone(
    moment: dt.datetime, zone: str, as_pendulum: bool, zone_object: bool
) -> None:
    """``local_date`` is ``in_timezone(zone).date()``, in or out of the zone, named or not."""
    value = pendulum.instance(moment) if as_pendulum else moment
    expected = pendulum.instance(moment).in_timezone(zone).date()
    got = local_date(value, get_timezone(zone) if zone_object else zone)
    assert type(got) is pendulum.Date
    assert got == expected


_DST_ZONES = ("Asia/Shanghai", "America/Santiago", "America/Havana", "Europe/London", "Asia/Tehran")


@given(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.sampled_from(_DST_ZONES),
)
def test_day_end_is_the_first_instant_of_the_next_day(day: dt.date, zone: str) -> None:
    end = day_end(day, zone)
    following = day + dt.timedelta(days=1)
    assert local_date(end, zone) == following
    assert local_date(end - dt.timedelta(microseconds=1), zone) <= day
    assert end.tzinfo is get_timezone(zone)


def test_day_end_after_a_dst_gap_at_midnight_is_still_midnight() -> None:
    # Santiago skipped 2005-10-09 00:00 (clocks went to 01:00): the 9th still ends at
    # midnight on the 10th; adding a day to the 9th's first instant gave 01:00.
    end = day_end(dt.date(2005, 10, 9), "America/Santiago")
    assert end.isoformat() == "2005-10-10T00:00:00-03:00"
    assert day_end(dt.date(2025, 9, 1)).isoformat() == "2025-09-02T00:00:00+08:00"
