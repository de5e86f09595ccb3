"""Edges of the office and the audit: refusals of queries, replays, the gate's clock."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from schoollogistics.core.time import DateRange
from schoollogistics.errors import FieldTypeError
from schoollogistics.safety import (
    DEFAULT_CHECKS,
    Agreement,
    GateShift,
    HazardOpened,
    OpenHazard,
    PublishRoster,
    PupilExit,
    Roster,
    SafetyLog,
    SafetyOffice,
    SafetyPolicy,
    SwapDuty,
    VehicleEntry,
    audit_safety,
    du3_gate_always_staffed,
    du5_exits_with_a_pass,
    du6_vehicles_permitted,
    sf1_weekly_check_kept,
    sf4_dangers_in_time,
)
from schoollogistics.safety._audit import AuditContext
from schoollogistics.safety.errors import (
    DuplicateSafetyIdError,
    InvalidSafetyRecordError,
    UnknownSafetyIdError,
)

from ._support import CALENDAR, at, day, hazard


def test_office_queries_and_refusals() -> None:
    office = SafetyOffice("school-1")
    with pytest.raises(UnknownSafetyIdError):
        office.hazard("H-1")
    with pytest.raises(UnknownSafetyIdError):
        office.roster("R-1")
    with pytest.raises(FieldTypeError):
        office.execute("OpenHazard")  # type: ignore[arg-type]  # a wrong command on purpose
    office.execute(OpenHazard(hazard()), expected_version=0)
    assert office.hazards == (hazard(),)
    assert office.office_id == "school-1"
    assert isinstance(office.policy, SafetyPolicy)
    assert "hazards=1" in repr(office)
    assert office != object()
    assert office.events == (HazardOpened(hazard()),)


# rules: SF-3 DU-2
def test_check_invariants_reports_a_refused_history() -> None:
    bad = SafetyOffice.replay(
        "school-1", [HazardOpened(hazard()), HazardOpened(hazard())], check=False
    )
    (finding,) = bad.check_invariants()
    assert finding.code == "safety.history_refused"
    assert finding.params["refusal"] == "safety.duplicate_id"


@pytest.mark.rule("DU-2")
def test_roster_guards() -> None:
    office = SafetyOffice("school-1")
    roster = Roster(
        roster_id="R", title_zh="t", start=day(10, 1), end=day(10, 2), published_on=day(9, 30)
    )
    office.execute(PublishRoster(roster))
    with pytest.raises(DuplicateSafetyIdError):
        office.execute(PublishRoster(roster))
    from schoollogistics.safety import Assignment, Shift

    outside = attrs.evolve(
        roster, roster_id="R2", assignments=(Assignment(day(10, 5), Shift.DAY, "值班", "甲"),)
    )
    with pytest.raises(InvalidSafetyRecordError):
        office.execute(PublishRoster(outside))
    with pytest.raises(UnknownSafetyIdError):
        office.execute(SwapDuty("R9", day(10, 1), Shift.DAY, "值班", "甲", "乙"))
    with pytest.raises(InvalidSafetyRecordError):
        Roster(
            roster_id="R", title_zh="t", start=day(10, 2), end=day(10, 1), published_on=day(9, 1)
        )
    with pytest.raises(InvalidSafetyRecordError):
        SafetyPolicy(class_from_hour=10, class_to_hour=9)
    with pytest.raises(InvalidSafetyRecordError):
        SafetyPolicy(holiday_post=" ")


def _context(start: pendulum.Date, end: pendulum.Date) -> AuditContext:
    return AuditContext(DateRange(start, end), CALENDAR)


@pytest.mark.rule("DU-3")
def test_gate_gaps_at_the_start_in_the_middle_and_at_the_end() -> None:
    shifts = (
        GateShift(shift_id="a", gatekeeper="甲", start=at(day(9, 1), 6), end=at(day(9, 1), 18)),
        GateShift(shift_id="b", gatekeeper="乙", start=at(day(9, 1), 8), end=at(day(9, 1), 12)),
        GateShift(shift_id="c", gatekeeper="乙", start=at(day(9, 1), 19), end=at(day(9, 1), 22)),
        GateShift(shift_id="d", gatekeeper="乙", start=at(day(9, 3), 0), end=at(day(9, 3), 5)),
    )
    found = du3_gate_always_staffed(
        SafetyLog(gate_shifts=shifts), _context(day(9, 1), day(9, 1)), SafetyPolicy()
    )
    assert [v.subject for v in found] == [
        "2025-09-01T00:00:00+08:00",
        "2025-09-01T18:00:00+08:00",
        "2025-09-01T22:00:00+08:00",
    ]


@pytest.mark.rule("DU-5", "DU-6")
def test_exits_and_vehicles_outside_the_rules_reach() -> None:
    policy = SafetyPolicy()
    context = _context(day(9, 1), day(9, 30))
    exits = (
        PupilExit(
            exit_id="x1",
            pupil="丙",
            class_name="三(2)班",
            at=at(day(9, 1), 17, 30),
            gatekeeper="刘",
        ),
        PupilExit(
            exit_id="x2", pupil="丙", class_name="三(2)班", at=at(day(9, 6), 10), gatekeeper="刘"
        ),
        PupilExit(
            exit_id="x3",
            pupil="丙",
            class_name="三(2)班",
            at=pendulum.datetime(2025, 9, 2, 2, tz="UTC"),
            gatekeeper="刘",
        ),
    )
    (found,) = du5_exits_with_a_pass(SafetyLog(exits=exits), context, policy)
    assert found.params["pupil"] == "丙"
    agreement = Agreement(
        agreement_id="A",
        role="contractor",
        party="某公司",
        signed_for_school="校长",
        scope="施工",
        start=day(9, 1),
        end=day(9, 10),
    )
    vehicle = VehicleEntry(
        entry_id="v",
        plate="京A1",
        driver="丁",
        purpose="施工",
        time_in=at(day(9, 5), 9),
        gatekeeper="刘",
        agreement_id="A",
    )
    log = SafetyLog(
        vehicles=(vehicle, attrs.evolve(vehicle, entry_id="w", time_in=at(day(9, 15), 9))),
        agreements=(agreement,),
    )
    assert [v.subject for v in du6_vehicles_permitted(log, context, policy)] == ["w"]


@pytest.mark.rule("SF-1", "SF-4")
def test_switches_and_later_records() -> None:
    context = _context(day(9, 1), day(9, 30))
    assert sf1_weekly_check_kept(SafetyLog(), context, SafetyPolicy(weekly_check=False)) == ()
    later = hazard(found_on=day(10, 5), deadline=day(10, 9))
    assert sf4_dangers_in_time(SafetyLog(hazards=(later,)), context, SafetyPolicy()) == ()
    assert (
        audit_safety(SafetyLog(), DateRange(day(9, 1), day(9, 1)), calendar=CALENDAR, checks=())
        == ()
    )
    assert len(DEFAULT_CHECKS) == 24


@pytest.mark.rule("SF-3", "RP-7")
def test_a_round_defect_names_an_entry_of_the_register() -> None:
    from schoollogistics.repairs import CheckResult, RoundRecord
    from schoollogistics.safety import sf3_round_hazards_registered

    rounds = (
        RoundRecord(
            round_id="RD-1",
            plan_id="P-1",
            on=day(9, 8),
            by="王师傅",
            results=(
                CheckResult(check="电", ok=False, safety=True, hazard_id="H-1"),
                CheckResult(check="门窗", ok=False, safety=True, hazard_id="H-9"),
            ),
        ),
    )
    log = SafetyLog(hazards=(hazard(),))
    (found,) = sf3_round_hazards_registered(rounds, log, DateRange(day(9, 1), day(9, 30)))
    assert found.code == "safety.round_hazard_unregistered"
    assert found.params["hazard"] == "H-9"
