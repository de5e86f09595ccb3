"""Types of this area that serialize (read by ``schoollogistics.serialization``).

This module must not import ``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Final

from schoollogistics.safety._commands import COMMAND_TYPES, SafetyCommand
from schoollogistics.safety._duty import DutyPeriod
from schoollogistics.safety._events import EVENT_TYPES, OfficeState, SafetyEvent
from schoollogistics.safety._policy import SafetyPolicy
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

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = (
    SafetyPolicy,
    InspectionKind,
    CheckItem,
    InspectionRecord,
    RiskLevel,
    HazardState,
    Hazard,
    ApplianceBreach,
    Extinguisher,
    ExtinguisherCheck,
    Drill,
    Shift,
    DayType,
    DutySlot,
    Assignment,
    RosterDay,
    Roster,
    DutyPeriod,
    GateShift,
    Handover,
    VisitorEntry,
    VehicleEntry,
    ExitPass,
    PupilExit,
    Agreement,
    SafetyLog,
    *EVENT_TYPES,
    *COMMAND_TYPES,
    OfficeState,
)
TAGGED_UNIONS: Final[tuple[object, ...]] = (SafetyEvent, SafetyCommand)
