"""Types of this area that serialize (read by ``schoollogistics.serialization``).

This module must not import ``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Final

from schoollogistics.repairs._commands import COMMAND_TYPES, DeskCommand
from schoollogistics.repairs._events import EVENT_TYPES, DeskEvent, DeskState, RecordedDeskEvent
from schoollogistics.repairs._policy import RepairAccounting, RepairPolicy
from schoollogistics.repairs._records import (
    Acceptance,
    CheckResult,
    Deferral,
    Evidence,
    EvidenceKind,
    Frequency,
    MaintenancePlan,
    RepairLog,
    RepairRequest,
    Response,
    RoundRecord,
    SchoolDays,
    WorkerKind,
    WorkOrder,
)
from schoollogistics.repairs._rounds import DueRound

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = (
    RepairAccounting,
    RepairPolicy,
    SchoolDays,
    RepairRequest,
    Response,
    Deferral,
    WorkerKind,
    EvidenceKind,
    Evidence,
    Acceptance,
    WorkOrder,
    Frequency,
    MaintenancePlan,
    CheckResult,
    RoundRecord,
    DueRound,
    RepairLog,
    *EVENT_TYPES,
    *COMMAND_TYPES,
    DeskState,
    RecordedDeskEvent,
)
TAGGED_UNIONS: Final[tuple[object, ...]] = (DeskEvent, DeskCommand)
