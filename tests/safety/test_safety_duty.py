"""Duty rosters from the calendar (DU-1, DU-2): coverage, infeasible lists, swaps."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics.safety import (
    DayType,
    PublishRoster,
    SafetyOffice,
    Shift,
    SwapDuty,
    build_roster,
    day_type,
    duty_periods,
    render_roster,
    required_slots,
)
from schoollogistics.safety.errors import (
    DoublePostedError,
    InvalidSafetyRecordError,
    RosterInfeasibleError,
    UnknownSafetyIdError,
)

from ._support import CALENDAR

SPRING = next(b for b in CALENDAR.holiday_blocks() if b.matches(("春节",)))
STAFF = ("张三", "李四", "王五")


def _covered(roster: object, slots: object) -> bool:
    filled = {(a.day, a.shift, a.post) for a in roster.assignments}  # type: ignore[attr-defined]  # a Roster
    return all((s.day, s.shift, s.post) in filled for s in slots)  # type: ignore[attr-defined]  # DutySlots


@pytest.mark.rule("DU-2")
def test_spring_festival_2026_roster_from_the_calendar() -> None:
    assert (SPRING.start, SPRING.end) == (pendulum.Date(2026, 2, 15), pendulum.Date(2026, 2, 23))
    roster = build_roster("spring-2026", CALENDAR, SPRING.start, SPRING.end, STAFF)
    days = {a.day for a in roster.assignments}
    assert days == {SPRING.start.add(days=n) for n in range(9)}
    assert len(roster.assignments) == 18  # day and night, nine days
    for saturday in (pendulum.Date(2026, 2, 14), pendulum.Date(2026, 2, 28)):
        assert day_type(CALENDAR, saturday) is DayType.WORKING_DAY
        assert CALENDAR.holidays.is_makeup_workday(saturday)
    assert all(d.day_type is DayType.DAY_OFF for d in roster.days)
    text = render_roster(
        roster, working_days=(pendulum.Date(2026, 2, 14), pendulum.Date(2026, 2, 28))
    )
    assert "2月14日（星期六）、2月28日（星期六）" in text
    assert text.count("夜班") == 9


@pytest.mark.rule("DU-2")
def test_duty_periods_run_from_the_night_of_the_last_school_day() -> None:
    periods = {p.name_zh: p for p in duty_periods(CALENDAR)}
    winter = periods["寒假"]
    assert winter.night_of == pendulum.Date(2026, 1, 23)
    assert (winter.start, winter.end) == (pendulum.Date(2026, 1, 24), pendulum.Date(2026, 3, 1))
    national = next(p for name, p in periods.items() if "国庆节" in name)
    assert (national.start, national.end) == (
        pendulum.Date(2025, 10, 1),
        pendulum.Date(2025, 10, 8),
    )
    assert national.night_of == pendulum.Date(2025, 9, 30)
    slots = required_slots(CALENDAR, pendulum.Date(2025, 9, 30), national.end)
    assert slots[:2] == (
        type(slots[0])(pendulum.Date(2025, 9, 30), Shift.DAY, "值日"),
        type(slots[0])(pendulum.Date(2025, 9, 30), Shift.NIGHT, "值班"),
    )


@pytest.mark.rule("DU-1")
def test_school_days_need_a_duty_teacher_only_when_days_off_are_not_covered() -> None:
    start, end = pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 14)
    roster = build_roster("sep", CALENDAR, start, end, STAFF, cover_days_off=False)
    assert {a.day for a in roster.assignments} == set(CALENDAR.school_days(start, end))
    assert {a.post for a in roster.assignments} == {"值日"}


@pytest.mark.rule("DU-2")
def test_an_infeasible_list_is_refused_naming_the_uncovered_day() -> None:
    away = {name: [pendulum.Date(2026, 2, 17)] for name in STAFF}
    with pytest.raises(RosterInfeasibleError) as caught:
        build_roster("x", CALENDAR, SPRING.start, SPRING.end, STAFF, unavailable=away)
    assert "2026-02-17" in caught.value.message_en
    assert "2026-02-17" in caught.value.message_zh
    with pytest.raises(InvalidSafetyRecordError):
        build_roster("x", CALENDAR, SPRING.start, SPRING.end, ())
    with pytest.raises(InvalidSafetyRecordError):
        build_roster("x", CALENDAR, SPRING.start, SPRING.end, ("张三", "张三"))


@pytest.mark.rule("DU-2")
@settings(max_examples=40, deadline=None)
@given(
    period=st.sampled_from(duty_periods(CALENDAR)),
    staff=st.lists(st.sampled_from("甲乙丙丁戊己庚辛"), min_size=1, max_size=5, unique=True),
    away=st.dictionaries(
        st.sampled_from("甲乙丙丁戊己庚辛"), st.lists(st.integers(0, 40), max_size=5)
    ),
)
def test_a_holiday_roster_has_no_gaps_under_a_feasible_list(
    period: object, staff: list[str], away: dict[str, list[int]]
) -> None:
    start = period.night_of or period.start  # type: ignore[attr-defined]  # a DutyPeriod
    end = period.end  # type: ignore[attr-defined]  # a DutyPeriod
    off = {name: [start.add(days=n) for n in days] for name, days in away.items()}
    slots = required_slots(CALENDAR, start, end)
    feasible = all(any(s.day not in off.get(name, ()) for name in staff) for s in slots)
    if not feasible:
        with pytest.raises(RosterInfeasibleError):
            build_roster("p", CALENDAR, start, end, staff, unavailable=off)
        return
    roster = build_roster("p", CALENDAR, start, end, staff, unavailable=off)
    assert _covered(roster, slots)
    posts = [(a.day, a.shift, a.person) for a in roster.assignments]
    assert len(posts) == len(set(posts))
    assert all(a.day not in off.get(a.person, ()) for a in roster.assignments)


@pytest.mark.rule("DU-1")
def test_swaps_are_commands_and_nobody_is_on_two_posts() -> None:
    roster = build_roster("spring-2026", CALENDAR, SPRING.start, SPRING.end, STAFF)
    office = SafetyOffice("school-1")
    office.execute(PublishRoster(roster))
    first = roster.assignments[0]
    other = next(p for p in STAFF if p != first.person)
    second = next(a for a in roster.assignments if (a.day, a.shift) == (first.day, Shift.NIGHT))
    office.execute(SwapDuty("spring-2026", first.day, first.shift, first.post, first.person, other))
    assert office.roster("spring-2026").assignments[0].person == other
    before = office.state()
    with pytest.raises(UnknownSafetyIdError):
        office.execute(
            SwapDuty("spring-2026", first.day, first.shift, first.post, first.person, other)
        )
    with pytest.raises(DoublePostedError):
        office.execute(
            PublishRoster(
                type(roster)(
                    roster_id="dup",
                    title_zh="t",
                    start=roster.start,
                    end=roster.end,
                    published_on=roster.start,
                    assignments=(first, type(first)(first.day, first.shift, "门卫", first.person)),
                )
            )
        )
    assert office.state() == before
    taken = second.person
    night = next(a for a in office.roster("spring-2026").assignments if a == second)
    free = next(p for p in STAFF if p != taken)
    office.execute(SwapDuty("spring-2026", night.day, night.shift, night.post, taken, free))
    assert office.check_invariants() == ()
