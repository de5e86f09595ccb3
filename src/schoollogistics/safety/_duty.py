"""Duty rosters from the calendar (DU-1, DU-2): required posts, holiday periods, the builder.

The calendar area says which days are school days, working days (make-up days
included) and days off (CA-1, CA-2, CA-5); this module reads only its public API
([`SchoolCalendar`][schoollogistics.school_calendar.SchoolCalendar]). A school day
needs a duty teacher (值日, DU-1); a day without school inside a roster needs every
holiday shift (值班, default day and night, DU-2), and so does the night of a
school day followed by a day off.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final

import attrs
import pendulum

from schoollogistics.core.ids import require_id
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DateRange
from schoollogistics.errors import Phrase
from schoollogistics.safety._fast import day_after, day_before, slot_keys
from schoollogistics.safety._policy import SafetyPolicy
from schoollogistics.safety._records import (
    SHIFT_ZH,
    Assignment,
    DayType,
    DutySlot,
    Roster,
    RosterDay,
    Shift,
    _day,
    _id,
    _optional_day,
)
from schoollogistics.safety.errors import InvalidSafetyRecordError, RosterInfeasibleError
from schoollogistics.school_calendar import SchoolCalendar

__all__ = ["DutyPeriod", "build_roster", "day_type", "duty_periods", "required_slots"]

_SEARCH_DAYS: Final = 120
"""How far the search for the school days around a break looks."""

_STAFF_REASON: Final = Phrase("an empty staff list or a name twice", "值班人员名单为空或有重名")
_END_REASON: Final = Phrase("ends before it starts", "结束日期早于开始日期")


@attrs.frozen(kw_only=True, field_transformer=checked_fields())
class DutyPeriod:
    """A holiday period a roster must cover (DU-2).

    RULES.md DU-2: "The period runs from the night of the last school day through
    the day before the first school day, both ends included."

    Attributes:
        name_zh: The vacation or holiday (``"寒假"``, ``"国庆节、中秋节"``).
        night_of: The last school day before it, whose night it starts with
            (``None`` when the calendar has no school day before it).
        start: The first day without school.
        end: The day before the first school day after it.
    """

    name_zh: str = attrs.field(converter=_id)
    start: pendulum.Date = attrs.field(converter=_day)
    end: pendulum.Date = attrs.field(converter=_day)
    night_of: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)

    @property
    def publish_by(self) -> pendulum.Date | None:
        """DU-2: the roster is published by the last school day before the period."""
        return self.night_of


def day_type(calendar: SchoolCalendar, day: pendulum.Date) -> DayType:
    """What ``day`` is for duty: a school day, a working day without school, or a day off."""
    if calendar.is_school_day(day):
        return DayType.SCHOOL_DAY
    if calendar.is_working_day(day):
        return DayType.WORKING_DAY
    return DayType.DAY_OFF


def required_slots(
    calendar: SchoolCalendar,
    start: pendulum.Date,
    end: pendulum.Date,
    policy: SafetyPolicy | None = None,
    *,
    cover_days_off: bool = True,
) -> tuple[DutySlot, ...]:
    """The posts a roster from ``start`` to ``end`` must fill, in order (DU-1, DU-2).

    A school day needs ``policy.school_day_shifts`` on ``policy.school_day_post``
    (DU-1). With ``cover_days_off`` (a holiday roster), every other day needs
    ``policy.holiday_shifts`` on ``policy.holiday_post``, make-up working days in a
    vacation included, and a school day followed by such a day also needs its
    night (DU-2).
    """
    policy = SafetyPolicy() if policy is None else policy
    return tuple(
        DutySlot(day, shift, post)
        for day, shift, post in _slot_keys(calendar, start, end, policy, cover_days_off)
    )


def _slot_keys(
    calendar: SchoolCalendar,
    start: pendulum.Date,
    end: pendulum.Date,
    policy: SafetyPolicy,
    cover_days_off: bool,  # noqa: FBT001 - private, positional
) -> Iterator[tuple[pendulum.Date, Shift, str]]:
    school = tuple((shift, policy.school_day_post) for shift in policy.school_day_shifts)
    off = (
        tuple((shift, policy.holiday_post) for shift in policy.holiday_shifts)
        if cover_days_off
        else ()
    )
    night = (
        (Shift.NIGHT, policy.holiday_post)
        if cover_days_off
        and Shift.NIGHT in policy.holiday_shifts
        and Shift.NIGHT not in policy.school_day_shifts
        else None
    )
    return slot_keys(calendar.is_school_day, start, end, school=school, off=off, night=night)


def _off(calendar: SchoolCalendar, day: pendulum.Date) -> bool:
    return not calendar.is_school_day(day)


def _period(calendar: SchoolCalendar, name: str, first: pendulum.Date) -> DutyPeriod:
    start = first
    for _ in range(_SEARCH_DAYS):
        before = day_before(start)
        if before < calendar.span.start or not _off(calendar, before):
            break
        start = before
    end = first
    for _ in range(400):
        after = day_after(end)
        if after > calendar.span.end or not _off(calendar, after):
            break
        end = after
    night = day_before(start)
    return DutyPeriod(
        name_zh=name,
        start=start,
        end=end,
        night_of=night if night >= calendar.span.start else None,
    )


def duty_periods(calendar: SchoolCalendar) -> tuple[DutyPeriod, ...]:
    """The holiday periods of the school year that need a roster, in order (DU-2).

    The vacations (寒假, 暑假, from CA-1) and every holiday block (CA-2) outside
    them, each stretched to the school days around it: from the night of the
    last school day before through the day before the first school day after.
    """
    found: dict[pendulum.Date, DutyPeriod] = {}
    for vacation in calendar.year.vacations():
        period = _period(calendar, vacation.name_zh, vacation.span.start)
        found.setdefault(period.start, period)
    for block in calendar.holiday_blocks():
        if block.start < calendar.span.start or block.end > calendar.span.end:
            continue
        if calendar.is_school_day(block.start):  # pragma: no cover - a block has no school day
            continue
        names = [name for name in block.names_zh if "休息日" not in name] or list(block.names_zh)
        period = _period(calendar, "、".join(names), block.start)
        if not any(p.start <= period.start <= p.end for p in found.values()):
            found.setdefault(period.start, period)
    return tuple(found[key] for key in sorted(found))


def _staff(value: Sequence[str]) -> tuple[str, ...]:
    names = tuple(require_id(name, field="staff") for name in value)
    if not names or len(set(names)) != len(names):
        raise InvalidSafetyRecordError(
            record="Roster",
            field="staff",
            reason=_STAFF_REASON,
        )
    return names


def build_roster(
    roster_id: str,
    calendar: SchoolCalendar,
    start: pendulum.Date,
    end: pendulum.Date,
    staff: Sequence[str],
    *,
    policy: SafetyPolicy | None = None,
    unavailable: Mapping[str, Iterable[pendulum.Date]] | None = None,
    published_on: pendulum.Date | None = None,
    title_zh: str | None = None,
    cover_days_off: bool = True,
) -> Roster:
    """Build a roster covering every required post from ``start`` to ``end`` (DU-1, DU-2).

    Each post goes to the available person with the fewest duties so far (ties:
    the order of ``staff``), never to someone already on a post of that day and
    shift. ``unavailable`` gives, per person, the days they cannot take.

    Raises:
        RosterInfeasibleError: a required day and shift has nobody available; the
            error names the first such day, shift and post.
        InvalidSafetyRecordError: an empty staff list, a name twice, or ``end``
            before ``start``.
    """
    policy = SafetyPolicy() if policy is None else policy
    names = _staff(staff)
    away = {name: frozenset(days) for name, days in (unavailable or {}).items()}
    counts = dict.fromkeys(names, 0)
    busy: set[tuple[pendulum.Date, Shift, str]] = set()
    assignments: list[Assignment] = []
    if end < start:
        raise InvalidSafetyRecordError(record="Roster", field="end", reason=_END_REASON)
    for slot in required_slots(calendar, start, end, policy, cover_days_off=cover_days_off):
        free = [
            (counts[name], index, name)
            for index, name in enumerate(names)
            if slot.day not in away.get(name, ()) and (slot.day, slot.shift, name) not in busy
        ]
        if not free:
            raise RosterInfeasibleError(
                day=slot.day,
                shift=slot.shift.value,
                shift_zh=SHIFT_ZH[slot.shift],
                post=slot.post,
                available=0,
                needed=1,
            )
        _, _, chosen = min(free)
        counts[chosen] += 1
        busy.add((slot.day, slot.shift, chosen))
        assignments.append(Assignment(slot.day, slot.shift, slot.post, chosen))
    days = tuple(
        RosterDay(day, day_type(calendar, day), calendar.holidays.holiday_name(day))
        for day in DateRange(start, end)
    )
    return Roster(
        roster_id=roster_id,
        title_zh=title_zh or f"{start.isoformat()}至{end.isoformat()}值班表",
        start=start,
        end=end,
        published_on=published_on if published_on is not None else start,
        days=days,
        assignments=tuple(assignments),
    )
