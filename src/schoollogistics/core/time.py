"""Aware time in the school's timezone (Asia/Shanghai unless configured).

Every moment the library handles is an aware pendulum
`DateTime`; every calendar day is a pendulum
`Date`. The helpers here are the single gate for time values:

* an aware stdlib ``datetime`` is accepted and converted to the school's zone;
* a naive ``datetime`` is refused with
  [`NaiveDateTimeError`][schoollogistics.errors.NaiveDateTimeError]
  (``time.naive_refused``): the library never guesses a timezone for a moment;
* text is parsed with the school's timezone named explicitly (pendulum alone
  would assume UTC for ``"2024-03-10T15:00"``).

**Bounds.** Years run from [`MIN_YEAR`][schoollogistics.core.time.MIN_YEAR]
(1900) to [`MAX_YEAR`][schoollogistics.core.time.MAX_YEAR] (2200); offsets
from UTC from −12:00 to +14:00 (the range of real zones); durations up to
[`MAX_DURATION_SECONDS`][schoollogistics.core.time.MAX_DURATION_SECONDS]
either way; year, month, day, hour... are ``int`` (never ``bool`` or text);
zone names are IANA names of at most 64 ASCII characters. Anything else is a
typed error (``time.out_of_range``, ``time.wrong_type``,
``time.unknown_timezone``), never an ``OverflowError`` or ``OSError``.

Durations such as the 48 hours of rule FS-3 are absolute: use
[`hours`][schoollogistics.core.time.hours] and add them to an aware moment.
Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Final, TypeAlias, cast

import attrs
import pendulum
from pendulum.tz.timezone import FixedTimezone, Timezone

from schoollogistics.errors import (
    Expected,
    InvalidArgumentError,
    NaiveDateTimeError,
    Phrase,
    TimeOutOfRangeError,
    TimeParseError,
    TimeTypeError,
    UnknownTimezoneError,
)

__all__ = [
    "DATETIME_PATTERN",
    "DATE_PATTERN",
    "DEFAULT_TIMEZONE",
    "MAX_DURATION_SECONDS",
    "MAX_OFFSET",
    "MAX_YEAR",
    "MIN_OFFSET",
    "MIN_YEAR",
    "DateInput",
    "DateRange",
    "DateTimeInput",
    "as_date",
    "as_datetime",
    "check_date_range",
    "check_moment_range",
    "day_end",
    "get_timezone",
    "hours",
    "hours_text",
    "in_zone",
    "local_date",
    "parse_date",
    "parse_datetime",
    "parse_offset_datetime",
    "school_date",
    "school_datetime",
]

DateInput: TypeAlias = "pendulum.Date | dt.date"
"""What a date parameter accepts: a pendulum ``Date`` or a stdlib ``date``.

Never text and never a ``datetime`` (which day a moment falls on depends on a
timezone); both are refused at run time with ``time.wrong_type`` too.
"""

DateTimeInput: TypeAlias = "pendulum.DateTime | dt.datetime"
"""What a moment parameter accepts: an *aware* pendulum ``DateTime`` or ``datetime``.

A naive ``datetime`` type-checks (the type system cannot tell) but is refused at
run time with ``time.naive_refused``.
"""

DEFAULT_TIMEZONE: Final = "Asia/Shanghai"
"""The default school timezone (China Standard Time, UTC+8, no daylight saving)."""

MIN_YEAR: Final = 1900
"""The earliest year a date or moment may fall in."""

MAX_YEAR: Final = 2200
"""The latest year a date or moment may fall in."""

MIN_OFFSET: Final = dt.timedelta(hours=-12)
"""The most negative offset from UTC accepted (−12:00)."""

MAX_OFFSET: Final = dt.timedelta(hours=14)
"""The most positive offset from UTC accepted (+14:00)."""

MAX_DURATION_SECONDS: Final = 10**9
"""The longest duration accepted either way, in seconds (about 31 years)."""

DATE_PATTERN: Final = (
    r"^(?:19[0-9]{2}|2[01][0-9]{2}|2200)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
)
"""The JSON form of a date: ``YYYY-MM-DD`` in ASCII digits, years 1900 to 2200.

The converter also refuses days that do not exist (February 30th).
"""

DATETIME_PATTERN: Final = (
    r"^(?:19[0-9]{2}|2[01][0-9]{2}|2200)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
    r"(?:Z|\+(?:0[0-9]|1[0-3]):[0-5][0-9]|\+14:00|-(?:0[0-9]|1[01]):[0-5][0-9]|-12:00)$"
)
"""The JSON form of a moment: ISO 8601 with an explicit offset (``Z`` or ``±HH:MM``).

Years 1900 to 2200, hours 00 to 23, offsets −12:00 to +14:00.
"""

# The parser reads the *form* (ASCII digits in place), then checks the ranges itself, so
# that a year or an offset out of range gets ``time.out_of_range`` rather than
# ``time.unparseable``; the published patterns above state the ranges too (for schemas).
_DATE_RE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DATETIME_RE: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})",
    re.ASCII,
)
_ZONE_RE: Final = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*", re.ASCII)
_MAX_ZONE_NAME: Final = 64
_ZONES: Final[dict[str, Timezone | FixedTimezone]] = {}
"""Zones already looked up, by exact name (a memo: at most ``_ZONE_MEMO`` names)."""
_ZONE_MEMO: Final = 512
_OFFSET_ZONES: Final[dict[dt.tzinfo | None, Timezone | FixedTimezone]] = {}
"""The pendulum zone of each offset parsed (at most 1,561: −12:00..+14:00 by minute)."""
_MAX_TIME_TEXT: Final = 40


def _year_error(*, field: str) -> TimeOutOfRangeError:
    return TimeOutOfRangeError(
        field=field,
        reason=f"years run from {MIN_YEAR} to {MAX_YEAR}",
        reason_zh=f"年份须在 {MIN_YEAR} 至 {MAX_YEAR} 之间",
    )


def check_date_range(day: dt.date, *, field: str = "date") -> dt.date:
    """``day`` if its year is within ``MIN_YEAR``..``MAX_YEAR``.

    Raises:
        TimeOutOfRangeError: the year is outside the range (``time.out_of_range``).
    """
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _year_error(field=field)
    return day


def check_moment_range(moment: dt.datetime, *, field: str = "datetime") -> dt.datetime:
    """``moment`` if its year and its offset from UTC are within the bounds.

    Raises:
        TimeOutOfRangeError: the year is outside ``MIN_YEAR``..``MAX_YEAR`` or the
            offset outside −12:00..+14:00 (``time.out_of_range``).
    """
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise _year_error(field=field)
    offset = moment.utcoffset()
    if offset is not None and not MIN_OFFSET <= offset <= MAX_OFFSET:
        raise TimeOutOfRangeError(
            field=field,
            reason="offsets run from -12:00 to +14:00",
            reason_zh="时区偏移须在 -12:00 至 +14:00 之间",
        )
    return moment


def _whole(value: object, field: str) -> int:
    if type(value) is not int:
        raise TimeTypeError(field=field, expected=Expected.INTEGER, type_name=type(value).__name__)
    return value


def get_timezone(
    name: str | Timezone | FixedTimezone = DEFAULT_TIMEZONE,
) -> Timezone | FixedTimezone:
    """Return the pendulum timezone for an IANA name (or pass a timezone through).

    Raises:
        UnknownTimezoneError: ``name`` is not a known IANA timezone.
    """
    if type(name) is str:
        known = _ZONES.get(name)
        if known is not None:
            return known
    if isinstance(name, (Timezone, FixedTimezone)):
        return name
    if not isinstance(name, str):
        raise TimeTypeError(
            field="tz", expected=Expected.TIMEZONE_NAME, type_name=type(name).__name__
        )
    if len(name) > _MAX_ZONE_NAME or _ZONE_RE.fullmatch(name) is None:
        raise UnknownTimezoneError(value=name[:_MAX_ZONE_NAME])
    try:
        zone = pendulum.timezone(name)
    except (ValueError, OSError):  # pendulum's InvalidTimezone; the OS refusing the name
        raise UnknownTimezoneError(value=name) from None
    if type(name) is str and len(_ZONES) < _ZONE_MEMO:
        _ZONES[name] = zone
    return zone


def as_datetime(
    value: object,
    *,
    field: str = "value",
    tz: str | Timezone | FixedTimezone = DEFAULT_TIMEZONE,
) -> pendulum.DateTime:
    """Accept an aware moment and return it as a pendulum ``DateTime`` in ``tz``.

    The instant is kept; only the zone it is shown in changes.

    Args:
        value: A pendulum ``DateTime`` or an aware stdlib ``datetime``.
        field: The argument name, for error messages.
        tz: The school's timezone.

    Raises:
        NaiveDateTimeError: ``value`` has no timezone (``time.naive_refused``).
        TimeTypeError: ``value`` is not a datetime at all (a ``date`` included).
    """
    zone = get_timezone(tz)
    if type(value) is pendulum.DateTime and value.tzinfo is zone:
        return value  # already checked when it was made in this zone
    if not isinstance(value, dt.datetime):
        raise TimeTypeError(
            field=field, expected=Expected.AWARE_DATETIME, type_name=type(value).__name__
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDateTimeError(value=value.isoformat(), field=field, timezone=zone.name)
    check_moment_range(value, field=field)
    return in_zone(value, zone)


def local_date(
    moment: dt.datetime, tz: str | Timezone | FixedTimezone = DEFAULT_TIMEZONE
) -> pendulum.Date:
    """The calendar day an aware moment falls on in the school's timezone.

    ``moment.in_timezone(tz).date()`` without its cost when the moment is
    already shown in that zone (the usual case: records keep the school's zone);
    the library's one way of telling which day a moment belongs to.

    Args:
        moment: An aware moment (not checked here: records are checked when made).
        tz: The school's timezone.
    """
    zone = get_timezone(tz) if isinstance(tz, str) else tz
    local = moment if moment.tzinfo is zone else in_zone(moment, zone)
    return pendulum.Date(local.year, local.month, local.day)


def day_end(
    day: dt.date, tz: str | Timezone | FixedTimezone = DEFAULT_TIMEZONE
) -> pendulum.DateTime:
    """The end of ``day`` in the school's timezone: the midnight that starts the next day.

    The first instant after the day, so ``start <= moment < day_end(day)`` tells whether a
    moment falls on or before it. The next day is found on the calendar, then its
    midnight: adding a day to ``day``'s own midnight would keep an hour that a DST gap
    at midnight had shifted (in America/Santiago 2005-10-09 began at 01:00, and the end
    of that day would come out as 01:00 on the 10th).

    Args:
        day: The day (not after 9999-12-30).
        tz: The school's timezone.
    """
    zone = get_timezone(tz) if isinstance(tz, str) else tz
    following = dt.date.fromordinal(day.toordinal() + 1)
    return pendulum.datetime(following.year, following.month, following.day, tz=zone)


def in_zone(value: dt.datetime, zone: Timezone | FixedTimezone) -> pendulum.DateTime:
    """``value`` shown in ``zone``: ``DateTime.in_timezone`` without its detours.

    The stdlib conversion (``zone.fromutc`` picks the wall time and its ``fold``)
    runs on a plain ``datetime`` (on a pendulum one it detours through pendulum's
    arithmetic), and ``pendulum.instance`` is skipped; a property test pins the
    result to ``in_timezone``.
    """
    if type(value) is not dt.datetime:
        value = dt.datetime(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            value.tzinfo,
            fold=value.fold,
        )
    local = value.astimezone(zone)
    return pendulum.DateTime(
        local.year,
        local.month,
        local.day,
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
        tzinfo=zone,
        fold=local.fold,
    )


def as_date(value: object, *, field: str = "value") -> pendulum.Date:
    """Accept a calendar day and return it as a pendulum ``Date``.

    A ``datetime`` is refused: which day it falls on depends on a timezone;
    convert it with ``as_datetime(...).date()`` first.

    Raises:
        TimeTypeError: ``value`` is not a ``date`` (or is a ``datetime``).
    """
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TimeTypeError(field=field, expected=Expected.DATE, type_name=type(value).__name__)
    check_date_range(value, field=field)
    if type(value) is pendulum.Date:
        return value
    return pendulum.Date(value.year, value.month, value.day)


def school_datetime(  # noqa: PLR0917 - mirrors datetime()'s signature
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    *,
    tz: str | Timezone | FixedTimezone = DEFAULT_TIMEZONE,
) -> pendulum.DateTime:
    """Build an aware moment on the school's wall clock (default Asia/Shanghai).

    Raises:
        TimeTypeError: a field is not an ``int``.
        TimeOutOfRangeError: the year is outside ``MIN_YEAR``..``MAX_YEAR``.
        InvalidArgumentError: no such day or time (February 30th, hour 24).
    """
    zone = get_timezone(tz)
    parts = (year, month, day, hour, minute, second)
    names = ("year", "month", "day", "hour", "minute", "second")
    for value, name in zip(parts, names, strict=True):
        _whole(value, name)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _year_error(field="year")
    try:
        return pendulum.datetime(year, month, day, hour, minute, second, tz=zone)
    except (ValueError, OverflowError) as error:
        raise InvalidArgumentError(
            field="datetime",
            reason=Phrase("{detail}", "不是有效的日期时间（「{detail}」）", detail=str(error)),
        ) from None


def school_date(year: int, month: int, day: int) -> pendulum.Date:
    """Build a calendar day (a pendulum ``Date``).

    Raises:
        TimeTypeError: a field is not an ``int``.
        TimeOutOfRangeError: the year is outside ``MIN_YEAR``..``MAX_YEAR``.
        InvalidArgumentError: no such day (February 30th).
    """
    for value, name in ((year, "year"), (month, "month"), (day, "day")):
        _whole(value, name)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _year_error(field="year")
    try:
        return pendulum.Date(year, month, day)
    except (ValueError, OverflowError) as error:
        raise InvalidArgumentError(
            field="date",
            reason=Phrase("{detail}", "不是有效的日期（「{detail}」）", detail=str(error)),
        ) from None


def parse_datetime(
    text: str, *, tz: str | Timezone | FixedTimezone = DEFAULT_TIMEZONE
) -> pendulum.DateTime:
    """Parse ISO 8601 text into an aware moment in the school's timezone.

    Text with an offset (``"2025-09-01T07:30:00+08:00"``, ``"...Z"``) keeps its
    instant; text without one is read on the school's wall clock, never as UTC.

    Raises:
        TimeParseError: the text is not an ISO 8601 date-time.
    """
    zone = get_timezone(tz)
    if not isinstance(text, str):
        raise TimeTypeError(field="text", expected=Expected.TEXT, type_name=type(text).__name__)
    if len(text) > _MAX_TIME_TEXT or not text.isascii():
        raise TimeParseError(value=text[:_MAX_TIME_TEXT], expected=Expected.DATETIME)
    try:
        parsed = pendulum.parse(text, tz=zone, exact=True)
    except (ValueError, OverflowError):  # pendulum's ParserError
        raise TimeParseError(value=text, expected=Expected.DATETIME) from None
    if not isinstance(parsed, pendulum.DateTime):
        raise TimeParseError(value=text, expected=Expected.DATETIME)
    check_moment_range(parsed, field="text")
    return parsed.in_timezone(zone)


def parse_offset_datetime(text: object, *, field: str = "datetime") -> pendulum.DateTime:
    """Parse the JSON form of a moment: ISO 8601 with an explicit offset, kept as given.

    Raises:
        TimeTypeError: ``text`` is not a ``str``.
        NaiveDateTimeError: the text has no offset (``time.naive_refused``).
        TimeParseError: the text is not in the form of ``DATETIME_PATTERN``.
        TimeOutOfRangeError: the year or the offset is out of range.
    """
    if type(text) is not str:
        raise TimeTypeError(
            field=field, expected=Expected.ISO_DATETIME_TEXT, type_name=type(text).__name__
        )
    if len(text) > _MAX_TIME_TEXT or _DATETIME_RE.fullmatch(text) is None:
        shown = text[:_MAX_TIME_TEXT]
        try:
            naive = len(text) <= _MAX_TIME_TEXT and dt.datetime.fromisoformat(text).tzinfo is None
        except ValueError:
            naive = False
        if naive:
            raise NaiveDateTimeError(value=shown, field=field, timezone="an explicit offset")
        raise TimeParseError(value=shown, expected=Expected.DATETIME)
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        raise TimeParseError(value=text, expected=Expected.DATETIME) from None
    check_moment_range(parsed, field=field)
    zone = _OFFSET_ZONES.get(parsed.tzinfo)
    if zone is None:
        # pendulum's own choice: UTC for Z and ±00:00, else a fixed offset (never None:
        # the pattern requires an offset)
        zone = cast("Timezone | FixedTimezone", pendulum.instance(parsed).tzinfo)
        _OFFSET_ZONES[parsed.tzinfo] = zone  # bounded: offsets are whole minutes in range
    return pendulum.DateTime(
        parsed.year,
        parsed.month,
        parsed.day,
        parsed.hour,
        parsed.minute,
        parsed.second,
        parsed.microsecond,
        tzinfo=zone,
    )


def parse_date(text: str) -> pendulum.Date:
    """Parse ``YYYY-MM-DD`` into a pendulum ``Date``.

    Raises:
        TimeParseError: the text is not a calendar date.
    """
    if not isinstance(text, str):
        raise TimeTypeError(field="text", expected=Expected.TEXT, type_name=type(text).__name__)
    if len(text) != 10 or _DATE_RE.fullmatch(text) is None:
        raise TimeParseError(value=text[:_MAX_TIME_TEXT], expected=Expected.DATE)
    try:
        parsed = dt.date.fromisoformat(text)
    except ValueError:
        raise TimeParseError(value=text, expected=Expected.DATE) from None
    check_date_range(parsed, field="text")
    return pendulum.Date(parsed.year, parsed.month, parsed.day)


def hours(count: int) -> pendulum.Duration:
    """An absolute duration of ``count`` hours (48 hours is 172,800 seconds, always).

    Raises:
        TimeTypeError: ``count`` is not an ``int``.
        TimeOutOfRangeError: more than ``MAX_DURATION_SECONDS`` either way.
    """
    _whole(count, "hours")
    if abs(count) * 3600 > MAX_DURATION_SECONDS:
        raise TimeOutOfRangeError(
            field="hours",
            reason=f"at most {MAX_DURATION_SECONDS} seconds",
            reason_zh=f"至多 {MAX_DURATION_SECONDS} 秒",
        )
    return pendulum.duration(hours=count)


_HOURS_CONTEXT: Final = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)


def hours_text(duration: dt.timedelta) -> str:
    """A duration as an exact number of hours, in plain decimal text.

    ``hours_text(timedelta(hours=48))`` is ``"48"``; 90 minutes is ``"1.5"``; one
    microsecond is ``"2.777...E-10"`` written out in full. Used in messages and
    finding parameters ("48 h"), computed from whole microseconds, never a float.
    """
    if not isinstance(duration, dt.timedelta):
        raise TimeTypeError(
            field="duration", expected=Expected.DURATION, type_name=type(duration).__name__
        )
    micros = (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds
    with decimal.localcontext(_HOURS_CONTEXT):
        value = (Decimal(micros) / Decimal(3_600_000_000)).normalize()
    return format(value, "f")


def _date_converter(value: object) -> pendulum.Date:
    return as_date(value)


@attrs.frozen
class DateRange:
    """An inclusive range of calendar days, ``start`` to ``end``.

    Attributes:
        start: First day in the range.
        end: Last day in the range (inclusive); not before ``start``.
    """

    start: pendulum.Date = attrs.field(converter=_date_converter)
    end: pendulum.Date = attrs.field(converter=_date_converter)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidArgumentError(
                field="DateRange",
                reason=Phrase(
                    "end {end} is before start {start}",
                    "结束日 {end} 早于开始日 {start}",
                    end=self.end,
                    start=self.start,
                ),
            )

    @classmethod
    def month(cls, year: int, month: int) -> DateRange:
        """The range covering one calendar month."""
        first = school_date(year, month, 1)
        return cls(first, first.end_of("month"))

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            return False
        return self.start <= day <= self.end

    def __len__(self) -> int:
        return (self.end - self.start).in_days() + 1

    def __iter__(self) -> Iterator[pendulum.Date]:
        day = self.start
        while day <= self.end:
            yield day
            day = day.add(days=1)
