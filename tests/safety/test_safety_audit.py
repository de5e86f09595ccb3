"""The safety audit (SF-1 … SF-8, DU-1 … DU-7): a compliant term, one fault at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics.core.time import DateRange
from schoollogistics.safety import (
    ApplianceBreach,
    Assignment,
    HazardState,
    InspectionKind,
    SafetyLog,
    audit_safety,
)
from schoollogistics.testing.safety import simulate_safety

from ._support import CALENDAR, at, day

START: Final = pendulum.Date(2025, 9, 1)
END: Final = pendulum.Date(2026, 1, 23)
PERIOD: Final = DateRange(START, END)
LOG: Final = simulate_safety(CALENDAR, START, END)


def _codes(log: SafetyLog) -> list[str]:
    return sorted({v.code for v in audit_safety(log, PERIOD, calendar=CALENDAR)})


def test_the_compliant_term_finds_nothing() -> None:
    assert audit_safety(LOG, PERIOD, calendar=CALENDAR) == ()


def _drop_inspections(kind: InspectionKind) -> Callable[[SafetyLog], SafetyLog]:
    def change(log: SafetyLog) -> SafetyLog:
        kept = tuple(r for r in log.inspections if not (r.kind is kind and r.on <= day(10, 31)))
        return attrs.evolve(log, inspections=kept)

    return change


def _unsign(log: SafetyLog) -> SafetyLog:
    first = next(r for r in log.inspections if r.kind is InspectionKind.ELECTRICAL and r.on > START)
    rest = tuple(r for r in log.inspections if r is not first)
    return attrs.evolve(log, inspections=(*rest, attrs.evolve(first, head_signature=None)))


def _unregister(log: SafetyLog) -> SafetyLog:
    return attrs.evolve(log, hazards=(log.hazards[0], *log.hazards[2:]))


def _overdue(log: SafetyLog) -> SafetyLog:
    first = log.hazards[1]
    still = attrs.evolve(
        first,
        state=HazardState.FIXED,
        reinspected_on=None,
        reinspected_by=None,
        closed_on=None,
        approved_by=None,
    )
    return attrs.evolve(log, hazards=(log.hazards[0], still, *log.hazards[2:]))


def _late(log: SafetyLog) -> SafetyLog:
    first = log.hazards[1]
    late = attrs.evolve(first, closed_on=first.deadline.add(days=3))
    return attrs.evolve(log, hazards=(log.hazards[0], late, *log.hazards[2:]))


def _owner_reinspected(log: SafetyLog) -> SafetyLog:
    first = log.hazards[1]
    bad = attrs.evolve(first, reinspected_by=first.owner)
    return attrs.evolve(log, hazards=(log.hazards[0], bad, *log.hazards[2:]))


def _no_electrical(log: SafetyLog) -> SafetyLog:
    kept = tuple(
        r for r in log.inspections if not (r.kind is InspectionKind.ELECTRICAL and r.on <= START)
    )
    return attrs.evolve(log, inspections=kept)


def _breach(log: SafetyLog) -> SafetyLog:
    breach = ApplianceBreach(
        breach_id="B-1",
        on=day(10, 15),
        place="教师宿舍",
        appliance="电炉",
        person="某老师",
        checked_by="后勤校长",
        watts=2000,
    )
    return attrs.evolve(log, breaches=(breach,))


def _unchecked(log: SafetyLog) -> SafetyLog:
    kept = tuple(
        c for c in log.extinguisher_checks if not (c.unit_id == "S-E0" and c.on.month == 11)
    )
    return attrs.evolve(log, extinguisher_checks=kept)


def _failed(log: SafetyLog) -> SafetyLog:
    last = max((c for c in log.extinguisher_checks if c.unit_id == "S-E1"), key=lambda c: c.on)
    rest = tuple(c for c in log.extinguisher_checks if c is not last)
    return attrs.evolve(log, extinguisher_checks=(*rest, attrs.evolve(last, passed=False)))


def _no_drill(log: SafetyLog) -> SafetyLog:
    return attrs.evolve(log, drills=tuple(d for d in log.drills if d.on > END))


def _drop_duty(log: SafetyLog) -> SafetyLog:
    duty = log.rosters[0]
    kept = tuple(a for a in duty.assignments if a.day != day(9, 10))
    return attrs.evolve(log, rosters=(attrs.evolve(duty, assignments=kept), *log.rosters[1:]))


def _double(log: SafetyLog) -> SafetyLog:
    duty = log.rosters[0]
    first = duty.assignments[0]
    extra = Assignment(first.day, first.shift, "门卫", first.person)
    return attrs.evolve(
        log, rosters=(attrs.evolve(duty, assignments=(*duty.assignments, extra)), *log.rosters[1:])
    )


def _holiday_gap(log: SafetyLog) -> SafetyLog:
    national = next(r for r in log.rosters if r.roster_id == "S-2025-10-01")
    kept = tuple(a for a in national.assignments if a.day != day(10, 3))
    rest = tuple(r for r in log.rosters if r is not national)
    return attrs.evolve(log, rosters=(*rest, attrs.evolve(national, assignments=kept)))


def _roster_late(log: SafetyLog) -> SafetyLog:
    national = next(r for r in log.rosters if r.roster_id == "S-2025-10-01")
    rest = tuple(r for r in log.rosters if r is not national)
    return attrs.evolve(log, rosters=(*rest, attrs.evolve(national, published_on=day(10, 1))))


def _gate_gap(log: SafetyLog) -> SafetyLog:
    return attrs.evolve(
        log,
        gate_shifts=tuple(s for s in log.gate_shifts if s.start.day != 15 or s.start.month != 10),
    )


def _handover(log: SafetyLog) -> SafetyLog:
    first = log.handovers[3]
    return attrs.evolve(
        log,
        handovers=(
            *log.handovers[:3],
            attrs.evolve(first, taken_signature=None),
            *log.handovers[4:],
        ),
    )


def _visitor_in(log: SafetyLog) -> SafetyLog:
    return attrs.evolve(log, visitors=(attrs.evolve(log.visitors[0], time_out=None),))


def _visitor_late(log: SafetyLog) -> SafetyLog:
    entry = log.visitors[0]
    return attrs.evolve(log, visitors=(attrs.evolve(entry, time_out=at(entry.time_in.date(), 19)),))


def _unconfirmed(log: SafetyLog) -> SafetyLog:
    return attrs.evolve(log, visitors=(attrs.evolve(log.visitors[0], confirmed_by=None),))


def _no_pass(log: SafetyLog) -> SafetyLog:
    return attrs.evolve(log, exits=(attrs.evolve(log.exits[0], pass_id=None),))


def _wrong_pass(log: SafetyLog) -> SafetyLog:
    return attrs.evolve(log, passes=(attrs.evolve(log.passes[0], pupil="别的学生"),))


def _vehicle(log: SafetyLog) -> SafetyLog:
    return attrs.evolve(log, vehicles=(attrs.evolve(log.vehicles[0], permitted_by=None),))


def _expired(log: SafetyLog) -> SafetyLog:
    return attrs.evolve(log, agreements=(attrs.evolve(log.agreements[0], end=day(12, 31)),))


FAULTS: Final = [
    ("SF-1", _drop_inspections(InspectionKind.FIRE), ["safety.inspection_missing"]),
    ("SF-1", _drop_inspections(InspectionKind.WEEKLY), ["safety.inspection_missing"]),
    ("SF-1", _drop_inspections(InspectionKind.MONTHLY), ["safety.inspection_missing"]),
    ("SF-1", _drop_inspections(InspectionKind.TERM_START), ["safety.inspection_missing"]),
    ("SF-2", _unsign, ["safety.record_unsigned"]),
    ("SF-3", _unregister, ["safety.fault_unregistered"]),
    ("SF-4", _overdue, ["safety.danger_overdue"]),
    ("SF-4", _late, ["safety.danger_closed_late"]),
    ("SF-4", _owner_reinspected, ["safety.closed_without_reinspection"]),
    ("SF-5", _no_electrical, ["safety.electrical_check_missing"]),
    ("SF-6", _breach, ["safety.banned_appliance"]),
    ("SF-7", _unchecked, ["safety.extinguisher_unchecked"]),
    ("SF-7", _failed, ["safety.extinguisher_failed"]),
    ("SF-8", _no_drill, ["safety.drill_missing"]),
    ("DU-1", _drop_duty, ["safety.duty_uncovered"]),
    ("DU-1", _double, ["safety.double_posted"]),
    ("DU-2", _holiday_gap, ["safety.holiday_uncovered"]),
    ("DU-2", _roster_late, ["safety.roster_late"]),
    ("DU-3", _gate_gap, ["safety.gate_gap"]),
    ("DU-3", _handover, ["safety.handover_unsigned"]),
    ("DU-4", _visitor_in, ["safety.visitor_still_in"]),
    ("DU-4", _visitor_late, ["safety.visitor_still_in"]),
    ("DU-4", _unconfirmed, ["safety.visitor_unconfirmed"]),
    ("DU-5", _no_pass, ["safety.exit_without_pass"]),
    ("DU-5", _wrong_pass, ["safety.exit_without_pass"]),
    ("DU-6", _vehicle, ["safety.vehicle_unpermitted"]),
    ("DU-7", _expired, ["safety.agreement_expired", "safety.agreement_missing"]),
]


# rules: SF-1 SF-2 SF-3 SF-4 SF-5 SF-6 SF-7 SF-8 DU-1 DU-2 DU-3 DU-4 DU-5 DU-6 DU-7 (one fault each)
@pytest.mark.rule("SF-1", "SF-2", "SF-3", "SF-4", "SF-5", "SF-6", "SF-7", "SF-8")
@pytest.mark.rule("DU-1", "DU-2", "DU-3", "DU-4", "DU-5", "DU-6", "DU-7")
@pytest.mark.parametrize(("rule", "fault", "codes"), FAULTS, ids=[f[1].__name__ for f in FAULTS])
def test_one_fault_gives_its_finding(
    rule: str, fault: Callable[[SafetyLog], SafetyLog], codes: list[str]
) -> None:
    found = audit_safety(fault(LOG), PERIOD, calendar=CALENDAR)
    assert sorted({v.code for v in found}) == codes
    assert {v.rule for v in found} == {rule}
    for violation in found:
        assert violation.message_zh
        assert violation.message_en


def _shuffled(log: SafetyLog, order: list[int]) -> SafetyLog:
    changes: dict[str, tuple[object, ...]] = {}
    for index, name in enumerate(attrs.fields_dict(SafetyLog)):
        values = getattr(log, name)
        if len(values) > 1:
            shift = order[index % len(order)] % len(values)
            values = values[shift:] + values[:shift]
            if order[index % len(order)] % 2:
                values = values[::-1]
        changes[name] = values
    return SafetyLog(**changes)  # type: ignore[arg-type]  # the log's own fields, reordered


FAULTY: Final = _no_pass(_holiday_gap(_late(_unsign(_double(_failed(LOG))))))
FAULTY_FOUND: Final = audit_safety(FAULTY, PERIOD, calendar=CALENDAR)


@pytest.mark.rule("SF-4", "DU-2")
@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 1000), min_size=1, max_size=14))
def test_the_audit_does_not_depend_on_the_order_of_the_records(order: list[int]) -> None:
    assert audit_safety(_shuffled(FAULTY, order), PERIOD, calendar=CALENDAR) == FAULTY_FOUND
