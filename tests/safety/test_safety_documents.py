"""The zh-CN documents (SF-3, SF-2, DU-2) and the pinned public face of the area."""

from __future__ import annotations

import pytest

import schoollogistics.safety as safety
from schoollogistics.safety import (
    CheckItem,
    InspectionKind,
    build_roster,
    render_hazard_notice,
    render_roster,
    render_weekly_check,
)

from ._support import CALENDAR, hazard, inspection


@pytest.mark.rule("SF-3")
def test_hazard_notice() -> None:
    text = render_hazard_notice(hazard(), school_zh="实验小学")
    assert text.startswith("隐患整改通知单\n")
    for part in (
        "301教室插座漏电",
        "一般隐患",
        "2025年9月12日",
        "断开该回路电源",
        "赵师傅",
        "待整改",
    ):
        assert part in text
    assert "复查人不得为整改责任人" in text


@pytest.mark.rule("SF-2")
def test_weekly_check_record() -> None:
    items = (
        CheckItem(subject="301教室", item="插座", ok=False, note="漏电", hazard_id="H-1"),
        CheckItem(
            subject="302教室", item="开关", ok=False, fixed_on_spot=True, corrected_by="赵师傅"
        ),
        CheckItem(subject="走廊", item="灭火器"),
    )
    text = render_weekly_check(inspection(items=items, kind=InspectionKind.WEEKLY))
    assert text.startswith("每周安全检查记录\n")
    assert "已登记隐患台账（H-1）" in text
    assert "当场整改（赵师傅）" in text
    assert "被检查部门负责人签名：李主任" in text


@pytest.mark.rule("DU-2")
def test_roster_text_is_pure() -> None:
    block = next(b for b in CALENDAR.holiday_blocks() if b.matches(("春节",)))
    roster = build_roster(
        "r", CALENDAR, block.start, block.end, ("甲", "乙"), title_zh="春节值班表"
    )
    assert render_roster(roster) == render_roster(roster)
    assert "春节放假" in render_roster(roster)


def test_all_is_pinned() -> None:
    assert sorted(safety.__all__) == sorted(
        [
            "COMMAND_TYPES",
            "DEFAULT_CHECKS",
            "EVENT_TYPES",
            "Agreement",
            "ApplianceBreach",
            "Assignment",
            "BreachRecorded",
            "CheckItem",
            "CloseHazard",
            "DayType",
            "Drill",
            "DutyPeriod",
            "DutySlot",
            "DutySwapped",
            "ExitPass",
            "Extinguisher",
            "ExtinguisherCheck",
            "GateShift",
            "Handover",
            "Hazard",
            "HazardClosed",
            "HazardFixed",
            "HazardOpened",
            "HazardReinspected",
            "HazardState",
            "InspectionKind",
            "InspectionRecord",
            "InspectionRecorded",
            "MeasuresTaken",
            "OfficeState",
            "OpenHazard",
            "PublishRoster",
            "PupilExit",
            "RecordBreach",
            "RecordFix",
            "RecordInspection",
            "Reinspect",
            "RiskLevel",
            "Roster",
            "RosterDay",
            "RosterPublished",
            "SafetyCommand",
            "SafetyEvent",
            "SafetyLog",
            "SafetyOffice",
            "SafetyPolicy",
            "Shift",
            "SwapDuty",
            "TakeMeasures",
            "VehicleEntry",
            "VisitorEntry",
            "audit_safety",
            "build_roster",
            "day_type",
            "du1_duty_every_school_day",
            "du1_nobody_on_two_posts_at_once",
            "du2_holidays_covered",
            "du2_roster_published_in_time",
            "du3_gate_always_staffed",
            "du3_handovers_signed",
            "du4_visitors_confirmed",
            "du4_visitors_out_by_closing",
            "du5_exits_with_a_pass",
            "du6_vehicles_permitted",
            "du7_agreements_current",
            "du7_roles_covered",
            "duty_periods",
            "render_hazard_notice",
            "render_roster",
            "render_weekly_check",
            "required_slots",
            "sf1_inspections_on_schedule",
            "sf1_monthly_and_term_start_checks_kept",
            "sf1_weekly_check_kept",
            "sf2_records_signed",
            "sf3_faults_registered",
            "sf3_round_hazards_registered",
            "sf4_closed_after_reinspection",
            "sf4_dangers_in_time",
            "sf5_electrical_check_before_term",
            "sf6_breaches_reported",
            "sf7_extinguishers_checked",
            "sf7_failed_extinguishers_replaced",
            "sf8_drills_each_term",
        ]
    )


def test_union_members_are_the_tuples() -> None:
    import typing

    assert typing.get_args(safety.SafetyEvent) == safety.EVENT_TYPES
    assert typing.get_args(safety.SafetyCommand) == safety.COMMAND_TYPES
    assert len(safety.EVENT_TYPES) == len(safety.COMMAND_TYPES)
