"""Safety inspections, the hidden-danger register, duty rosters and the gate (安全、值班、门卫).

Rules SF-1 … SF-8 and DU-1 … DU-7, in one area:

* [`SafetyPolicy`][schoollogistics.safety.SafetyPolicy]: the configurable rules (the
  CA-4 frequencies reused from the calendar area, the power limit, drills per term,
  shifts and posts, the gate's hours, the roles that need an agreement);
* records: [`InspectionRecord`][schoollogistics.safety.InspectionRecord] with its
  [`CheckItem`][schoollogistics.safety.CheckItem]s (SF-2), the register's
  [`Hazard`][schoollogistics.safety.Hazard] (隐患台账, SF-3, SF-4),
  [`ApplianceBreach`][schoollogistics.safety.ApplianceBreach] (SF-6),
  [`Extinguisher`][schoollogistics.safety.Extinguisher] and
  [`ExtinguisherCheck`][schoollogistics.safety.ExtinguisherCheck] (SF-7),
  [`Drill`][schoollogistics.safety.Drill] (SF-8), the duty
  [`Roster`][schoollogistics.safety.Roster] (DU-1, DU-2) and the gate's logs
  (DU-3 … DU-7), bundled in a [`SafetyLog`][schoollogistics.safety.SafetyLog];
* commands ([`SafetyCommand`][schoollogistics.safety.SafetyCommand]) and events
  ([`SafetyEvent`][schoollogistics.safety.SafetyEvent]) of the
  [`SafetyOffice`][schoollogistics.safety.SafetyOffice], a pure aggregate holding the
  register, whose guards are named after the rules (``sf4_closed_after_reinspection`` …);
* [`build_roster`][schoollogistics.safety.build_roster],
  [`required_slots`][schoollogistics.safety.required_slots] and
  [`duty_periods`][schoollogistics.safety.duty_periods]: rosters from the calendar
  area's public API;
* [`audit_safety`][schoollogistics.safety.audit_safety]: findings as data;
* ``render_hazard_notice``, ``render_roster``, ``render_weekly_check``: the Chinese
  documents as text.

Duty and the gate live in this area rather than in a ``duty`` package of their own:
the seeds file them under 安全工作, one audit reads the register, the rosters and the
gate logs together, and one set of error codes (``safety.*``) serves them all.
"""

from schoollogistics.safety._audit import (
    DEFAULT_CHECKS,
    audit_safety,
    du1_duty_every_school_day,
    du1_nobody_on_two_posts_at_once,
    du2_holidays_covered,
    du2_roster_published_in_time,
    du3_gate_always_staffed,
    du3_handovers_signed,
    du4_visitors_confirmed,
    du4_visitors_out_by_closing,
    du5_exits_with_a_pass,
    du6_vehicles_permitted,
    du7_agreements_current,
    du7_roles_covered,
    sf1_inspections_on_schedule,
    sf1_monthly_and_term_start_checks_kept,
    sf1_weekly_check_kept,
    sf2_records_signed,
    sf3_faults_registered,
    sf3_round_hazards_registered,
    sf4_closed_after_reinspection,
    sf4_dangers_in_time,
    sf5_electrical_check_before_term,
    sf6_breaches_reported,
    sf7_extinguishers_checked,
    sf7_failed_extinguishers_replaced,
    sf8_drills_each_term,
)
from schoollogistics.safety._commands import (
    COMMAND_TYPES,
    CloseHazard,
    OpenHazard,
    PublishRoster,
    RecordBreach,
    RecordFix,
    RecordInspection,
    Reinspect,
    SafetyCommand,
    SwapDuty,
    TakeMeasures,
)
from schoollogistics.safety._documents import (
    render_hazard_notice,
    render_roster,
    render_weekly_check,
)
from schoollogistics.safety._duty import (
    DutyPeriod,
    build_roster,
    day_type,
    duty_periods,
    required_slots,
)
from schoollogistics.safety._events import (
    EVENT_TYPES,
    BreachRecorded,
    DutySwapped,
    HazardClosed,
    HazardFixed,
    HazardOpened,
    HazardReinspected,
    InspectionRecorded,
    MeasuresTaken,
    OfficeState,
    RosterPublished,
    SafetyEvent,
)
from schoollogistics.safety._office import (
    SafetyOffice,
)
from schoollogistics.safety._policy import (
    SafetyPolicy,
)
from schoollogistics.safety._records import (
    Agreement,
    ApplianceBreach,
    Assignment,
    CheckItem,
    DayType,
    Drill,
    DutySlot,
    ExitPass,
    Extinguisher,
    ExtinguisherCheck,
    GateShift,
    Handover,
    Hazard,
    HazardState,
    InspectionKind,
    InspectionRecord,
    PupilExit,
    RiskLevel,
    Roster,
    RosterDay,
    SafetyLog,
    Shift,
    VehicleEntry,
    VisitorEntry,
)

__all__ = [
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
