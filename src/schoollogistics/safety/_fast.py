"""Speed-only helpers of the safety audit and the roster builder (no rule lives here).

Marked private module (STYLE.md: speed-only code in one module of the area, called
by the rule code): day arithmetic on ordinals instead of pendulum's duration
machinery, local dates without a timezone conversion when a moment is already on
the school's clock, and the required posts as plain tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pendulum

from schoollogistics.safety._records import Shift

__all__ = ["day_after", "day_before", "local_date", "slot_keys", "week_of"]


def day_after(day: pendulum.Date, days: int = 1) -> pendulum.Date:
    """``day`` plus ``days`` days."""
    return pendulum.Date.fromordinal(day.toordinal() + days)


def day_before(day: pendulum.Date, days: int = 1) -> pendulum.Date:
    """``day`` minus ``days`` days."""
    return pendulum.Date.fromordinal(day.toordinal() - days)


def week_of(day: pendulum.Date) -> int:
    """The ordinal of the Monday of ``day``'s week (a hashable week key)."""
    return day.toordinal() - day.weekday()


def local_date(moment: pendulum.DateTime, timezone: str) -> pendulum.Date:
    """The date of ``moment`` on the school's clock (no conversion when already there)."""
    if getattr(moment.tzinfo, "name", None) == timezone:
        return moment.date()
    return moment.in_timezone(timezone).date()


def slot_keys(
    is_school_day: Callable[[pendulum.Date], bool],
    start: pendulum.Date,
    end: pendulum.Date,
    *,
    school: tuple[tuple[Shift, str], ...],
    off: tuple[tuple[Shift, str], ...],
    night: tuple[Shift, str] | None,
) -> Iterator[tuple[pendulum.Date, Shift, str]]:
    """The required (day, shift, post) from ``start`` to ``end`` (see ``required_slots``).

    ``school`` are a school day's posts, ``off`` a day off's (empty when days off
    are not covered), ``night`` the night post of a school day followed by a day
    without school (``None`` when not needed).
    """
    first, last = start.toordinal(), end.toordinal()
    today = is_school_day(start)
    for ordinal in range(first, last + 1):
        day = pendulum.Date.fromordinal(ordinal)
        tomorrow = ordinal < last and is_school_day(pendulum.Date.fromordinal(ordinal + 1))
        if today:
            for shift, post in school:
                yield day, shift, post
            if night is not None and ordinal < last and not tomorrow:
                yield day, night[0], night[1]
        else:
            for shift, post in off:
                yield day, shift, post
        today = tomorrow
