"""School years and terms as data (rule CA-1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs
import pendulum

from schoollogistics.core.time import DateRange, as_date
from schoollogistics.errors import NaiveDateTimeError
from schoollogistics.school_calendar.errors import TermInvalidError

__all__ = ["SchoolYear", "Term", "Vacation", "day_input", "fast_day"]


def day_input(value: object, *, field: str) -> pendulum.Date:
    """Accept a calendar day at a public entry point.

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


def _breaks(value: object) -> tuple[DateRange, ...]:
    items: list[DateRange] = []
    if isinstance(value, DateRange) or not isinstance(value, Iterable):
        value = (value,)  # one break (a DateRange iterates over its days)
    for item in value:
        if not isinstance(item, DateRange):
            raise TermInvalidError(
                year="?", reason=f"a break must be a DateRange, not {type(item).__name__}"
            )
        items.append(item)
    return tuple(items)


def _start(value: object) -> pendulum.Date:
    return day_input(value, field="start")


def _end(value: object) -> pendulum.Date:
    return day_input(value, field="end")


@attrs.frozen
class Term:
    """A term (学期) with its first and last day of school.

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
    breaks: tuple[DateRange, ...] = attrs.field(default=(), converter=_breaks)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise TermInvalidError(
                year=self.name_zh, reason=f"term ends ({self.end}) before it starts ({self.start})"
            )
        for gap in self.breaks:
            if gap.start < self.start or gap.end > self.end:
                raise TermInvalidError(
                    year=self.name_zh, reason=f"break {gap.start}..{gap.end} is outside the term"
                )

    @property
    def span(self) -> DateRange:
        """The term's days as an inclusive range."""
        return DateRange(self.start, self.end)

    def in_break(self, day: pendulum.Date) -> bool:
        """Whether ``day`` falls in one of the term's breaks."""
        return any(day in gap for gap in self.breaks)


@attrs.frozen
class Vacation:
    """A vacation (寒假 or 暑假): the days of the school year outside its terms.

    Attributes:
        name_zh: ``"暑假"`` or ``"寒假"``.
        span: Its days, inclusive.
    """

    name_zh: str
    span: DateRange


def _terms(value: object) -> tuple[Term, ...]:
    return tuple(value)  # type: ignore[arg-type]


@attrs.frozen
class SchoolYear:
    """A school year (学年) from 1 August to 31 July and its terms (rule CA-1).

    Term dates are set by each province or city and come in as data, for example
    Beijing 2025–26: 2025-09-01 to 2026-01-23 and 2026-03-02 to 2026-07-07.
    The days of the year outside the terms are its vacations.

    Attributes:
        first_year: The calendar year the school year starts in (2025 for 2025–26).
        terms: The terms in order, inside the school year, not overlapping.
        label: A display label, by default ``"2025—2026学年"``.
    """

    first_year: int
    terms: tuple[Term, ...] = attrs.field(converter=_terms)
    label: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", f"{self.first_year}—{self.first_year + 1}学年")
        if not 1900 <= self.first_year <= 2200:
            raise TermInvalidError(year=self.first_year, reason="first_year out of range")
        if not self.terms:
            raise TermInvalidError(year=self.label, reason="a school year needs at least one term")
        span = self.span
        previous: Term | None = None
        for term in self.terms:
            if term.start not in span or term.end not in span:
                raise TermInvalidError(
                    year=self.label,
                    reason=f"{term.name_zh} ({term.start}..{term.end}) is outside "
                    f"{span.start}..{span.end}",
                )
            if previous is not None and term.start <= previous.end:
                raise TermInvalidError(
                    year=self.label,
                    reason=f"{term.name_zh} starts before {previous.name_zh} ends",
                )
            previous = term

    @classmethod
    def of(
        cls,
        first_year: int,
        first_term: tuple[object, object],
        second_term: tuple[object, object],
    ) -> SchoolYear:
        """Build a two-term year from the (start, end) days of each term."""
        return cls(
            first_year,
            (
                Term("第一学期", first_term[0], first_term[1]),
                Term("第二学期", second_term[0], second_term[1]),
            ),
        )

    @property
    def span(self) -> DateRange:
        """1 August of ``first_year`` to 31 July of the next year."""
        return DateRange(
            pendulum.Date(self.first_year, 8, 1), pendulum.Date(self.first_year + 1, 7, 31)
        )

    @property
    def months(self) -> tuple[tuple[int, int], ...]:
        """The twelve (year, month) pairs of the school year, August first."""
        return tuple(
            (self.first_year + (m < 8), m) for m in (8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7)
        )

    def term_of(self, day: object) -> Term | None:
        """The term containing ``day``, if any."""
        when = day_input(day, field="day")
        for term in self.terms:
            if term.start <= when <= term.end:
                return term
        return None

    def vacations(self) -> tuple[Vacation, ...]:
        """The gaps of the school year outside its terms, named 寒假 (winter) or 暑假 (summer)."""
        found: list[Vacation] = []
        cursor = self.span.start
        for term in (*self.terms, None):
            stop = self.span.end.add(days=1) if term is None else term.start
            if cursor < stop:
                last = stop.subtract(days=1)
                winter = any(m in {12, 1, 2} for m in (cursor.month, last.month))
                found.append(Vacation("寒假" if winter else "暑假", DateRange(cursor, last)))
            if term is not None:
                cursor = term.end.add(days=1)
        return tuple(found)
