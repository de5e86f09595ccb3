"""School years as data (rule CA-1): their span, months, terms and vacations."""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum

from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DateInput, DateRange
from schoollogistics.school_calendar._records import Term, Vacation, day_input
from schoollogistics.school_calendar._rules import (
    ca1_first_year_in_range,
    ca1_terms_in_order,
    ca1_terms_inside_year,
    ca1_year_has_terms,
)

__all__ = ["SchoolYear"]


def _terms(value: Iterable[Term]) -> tuple[Term, ...]:
    return tuple(value)


@attrs.frozen(field_transformer=checked_fields())
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
    terms: tuple[Term, ...] = attrs.field(converter=_terms, metadata={"max_items": 12})
    label: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", f"{self.first_year}—{self.first_year + 1}学年")
        ca1_first_year_in_range(self)
        ca1_year_has_terms(self)
        ca1_terms_inside_year(self)
        ca1_terms_in_order(self)

    @classmethod
    def of(
        cls,
        first_year: int,
        first_term: tuple[DateInput, DateInput],
        second_term: tuple[DateInput, DateInput],
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

    def term_of(self, day: DateInput) -> Term | None:
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
