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

Durations such as the 48 hours of rule FS-3 are absolute: use
[`hours`][schoollogistics.core.time.hours] and add them to an aware moment.
Nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterator
from decimal import Decimal
from typing import Final, TypeAlias

import attrs
import pendulum
from pendulum.tz.timezone import FixedTimezone, Timezone

from schoollogistics.errors import (
    Expected,
    InvalidArgumentError,
    NaiveDateTimeError,
    Phrase,
    TimeParseError,
    TimeTypeError,
    UnknownTimezoneError,
)

__all__ = [
    "DEFAULT_TIMEZONE",
    "DateInput",
    "DateRange",
    "DateTimeInput",
    "as_date",
    "as_datetime",
    "get_timezone",
    "hours",
    "hours_text",
    "parse_date",
    "parse_datetime",
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


def get_timezone(
    name: str | Timezone | FixedTimezone = DEFAULT_TIMEZONE,
) -> Timezone | FixedTimezone:
    """Return the pendulum timezone for an IANA name (or pass a timezone through).

    Raises:
        UnknownTimezoneError: ``name`` is not a known IANA timezone.
    """
    if isinstance(name, (Timezone, FixedTimezone)):
        return name
    if not isinstance(name, str):
        raise TimeTypeError(
            field="tz", expected=Expected.TIMEZONE_NAME, type_name=type(name).__name__
        )
    try:
        return pendulum.timezone(name)
    except ValueError:  # pendulum's InvalidTimezone
        raise UnknownTimezoneError(value=name) from None


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
    if not isinstance(value, dt.datetime):
        raise TimeTypeError(
            field=field, expected=Expected.AWARE_DATETIME, type_name=type(value).__name__
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDateTimeError(value=value.isoformat(), field=field, timezone=zone.name)
    if isinstance(value, pendulum.DateTime):
        return value.in_timezone(zone)
    return pendulum.instance(value).in_timezone(zone)


def as_date(value: object, *, field: str = "value") -> pendulum.Date:
    """Accept a calendar day and return it as a pendulum ``Date``.

    A ``datetime`` is refused: which day it falls on depends on a timezone;
    convert it with ``as_datetime(...).date()`` first.

    Raises:
        TimeTypeError: ``value`` is not a ``date`` (or is a ``datetime``).
    """
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TimeTypeError(field=field, expected=Expected.DATE, type_name=type(value).__name__)
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
    """Build an aware moment on the school's wall clock (default Asia/Shanghai)."""
    zone = get_timezone(tz)
    try:
        return pendulum.datetime(year, month, day, hour, minute, second, tz=zone)
    except ValueError as error:
        raise InvalidArgumentError(
            field="datetime",
            reason=Phrase("{detail}", "不是有效的日期时间（「{detail}」）", detail=str(error)),
        ) from None


def school_date(year: int, month: int, day: int) -> pendulum.Date:
    """Build a calendar day (a pendulum ``Date``)."""
    try:
        return pendulum.Date(year, month, day)
    except ValueError as error:
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
    try:
        parsed = pendulum.parse(text, tz=zone, exact=True)
    except ValueError:  # pendulum's ParserError
        raise TimeParseError(value=text, expected=Expected.DATETIME) from None
    if not isinstance(parsed, pendulum.DateTime):
        raise TimeParseError(value=text, expected=Expected.DATETIME)
    return parsed.in_timezone(zone)


def parse_date(text: str) -> pendulum.Date:
    """Parse ``YYYY-MM-DD`` into a pendulum ``Date``.

    Raises:
        TimeParseError: the text is not a calendar date.
    """
    if not isinstance(text, str):
        raise TimeTypeError(field="text", expected=Expected.TEXT, type_name=type(text).__name__)
    try:
        parsed = dt.date.fromisoformat(text)
    except ValueError:
        raise TimeParseError(value=text, expected=Expected.DATE) from None
    return pendulum.Date(parsed.year, parsed.month, parsed.day)


def hours(count: int) -> pendulum.Duration:
    """An absolute duration of ``count`` hours (48 hours is 172,800 seconds, always)."""
    return pendulum.duration(hours=count)


_HOURS_CONTEXT: Final = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)


def hours_text(duration: dt.timedelta) -> str:
    """A duration as an exact number of hours, in plain decimal text.

    ``hours_text(timedelta(hours=48))`` is ``"48"``; 90 minutes is ``"1.5"``; one
    microsecond is ``"2.777...E-10"`` written out in full. Used in messages and
    finding parameters ("48 h"), computed from whole microseconds, never a float.
    """
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
