"""Preventive rounds (RP-7): when each plan's rounds are due, which are overdue, what is next.

A plan's rounds fall in **windows** of school days, from the frequency:

* daily: each school day (the round is at the end of that day);
* weekly: the school days of each ISO week; monthly: of each calendar month;
* before each term: the 14 days before a term's first school day (the first
  school day given, and every school day after a break of 14 days or more);
* before summer: the 28 days up to the last school day before a break of 28
  days or more that starts in June, July or August.

A window is met by a round of the plan dated inside it. Only windows that open
on or after the plan's ``starts_on`` count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs
import pendulum

from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import as_date
from schoollogistics.repairs._records import (
    TERM_BREAK_DAYS,
    Frequency,
    MaintenancePlan,
    RoundRecord,
    SchoolDays,
    _day,
    _id,
    _plan_id,
)

__all__ = ["DueRound", "due_rounds", "next_due", "overdue_rounds"]

_TERM_BREAK = TERM_BREAK_DAYS
_SUMMER_BREAK = 28


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class DueRound:
    """A window in which a plan's round is due (RP-7).

    Attributes:
        plan_id: The plan.
        subject: The item type or room it covers.
        opens_on: The first day a round counts for the window.
        due_on: The last day (the round is overdue after it).
    """

    plan_id: str = attrs.field(converter=_plan_id)
    subject: str = attrs.field(converter=_id)
    opens_on: pendulum.Date = attrs.field(converter=_day)
    due_on: pendulum.Date = attrs.field(converter=_day)


def _grouped(days: tuple[pendulum.Date, ...], key: object) -> Iterator[tuple[pendulum.Date, ...]]:
    group: list[pendulum.Date] = []
    last: object = None
    for day in days:
        mark = (day.isocalendar()[:2]) if key == "week" else (day.year, day.month)
        if group and mark != last:
            yield tuple(group)
            group = []
        group.append(day)
        last = mark
    if group:
        yield tuple(group)


def _windows(
    frequency: Frequency, days: tuple[pendulum.Date, ...]
) -> Iterator[tuple[pendulum.Date, pendulum.Date]]:
    if frequency is Frequency.DAILY:
        for day in days:
            yield day, day
    elif frequency in (Frequency.WEEKLY, Frequency.MONTHLY):
        key = "week" if frequency is Frequency.WEEKLY else "month"
        for group in _grouped(days, key):
            yield group[0], group[-1]
    elif frequency is Frequency.BEFORE_TERM:
        for index, day in enumerate(days):
            if index == 0 or (day - days[index - 1]).days > _TERM_BREAK:
                yield day.subtract(days=_TERM_BREAK), day.subtract(days=1)
    else:
        for index, day in enumerate(days[:-1]):
            if (days[index + 1] - day).days > _SUMMER_BREAK and day.month in (6, 7, 8):
                yield day.subtract(days=_SUMMER_BREAK - 1), day


def due_rounds(
    plan: MaintenancePlan, school_days: SchoolDays, start: object, end: object
) -> tuple[DueRound, ...]:
    """The windows of ``plan`` that close from ``start`` to ``end`` inclusive (RP-7)."""
    first, last = as_date(start, field="start"), as_date(end, field="end")
    return tuple(
        DueRound(plan_id=plan.plan_id, subject=plan.subject, opens_on=opens, due_on=due)
        for opens, due in _windows(plan.frequency, school_days.days)
        if opens >= plan.starts_on and first <= due <= last
    )


def _met(window: DueRound, dates: list[pendulum.Date]) -> bool:
    return any(window.opens_on <= day <= window.due_on for day in dates)


def _round_days(rounds: Iterable[RoundRecord]) -> dict[str, list[pendulum.Date]]:
    found: dict[str, list[pendulum.Date]] = {}
    for record in rounds:
        found.setdefault(record.plan_id, []).append(record.on)
    return found


def overdue_rounds(
    plans: Iterable[MaintenancePlan],
    rounds: Iterable[RoundRecord],
    school_days: SchoolDays,
    on: object,
) -> tuple[DueRound, ...]:
    """The windows that closed before ``on`` without a round of their plan (RP-7), in order."""
    day = as_date(on, field="on")
    done = _round_days(rounds)
    overdue = [
        window
        for plan in plans
        for window in due_rounds(plan, school_days, plan.starts_on, day.subtract(days=1))
        if not _met(window, done.get(plan.plan_id, []))
    ]
    return tuple(sorted(overdue, key=lambda w: (w.due_on, w.plan_id)))


def next_due(
    plan: MaintenancePlan, rounds: Iterable[RoundRecord], school_days: SchoolDays, on: object
) -> DueRound | None:
    """The next audit date of the plan's item or room (RP-7).

    Its first window closing on or after ``on`` without a round (``None`` past
    the school days given).
    """
    day = as_date(on, field="on")
    done = _round_days(rounds).get(plan.plan_id, [])
    for opens, due in _windows(plan.frequency, school_days.days):
        if opens < plan.starts_on or due < day:
            continue
        window = DueRound(plan_id=plan.plan_id, subject=plan.subject, opens_on=opens, due_on=due)
        if not _met(window, done):
            return window
    return None
