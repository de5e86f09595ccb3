"""Food-sample retention (食品留样): every dish, 125 g, 48 hours, cabinets, holds and audits.

Rules FS-1 … FS-8 (学校食品安全与营养健康管理规定 §40 and local practice):

* [`RetentionPolicy`][schoollogistics.food_samples.RetentionPolicy]: the
  configurable rules (125 g, 48 hours, 0–8 °C, reviewer, reading gaps, overdue);
* records: [`Meal`][schoollogistics.food_samples.Meal],
  [`FoodSample`][schoollogistics.food_samples.FoodSample],
  [`Disposal`][schoollogistics.food_samples.Disposal],
  [`TemperatureReading`][schoollogistics.food_samples.TemperatureReading],
  [`Hold`][schoollogistics.food_samples.Hold], bundled in a
  [`SampleLog`][schoollogistics.food_samples.SampleLog];
* commands ([`CabinetCommand`][schoollogistics.food_samples.CabinetCommand]:
  `TakeSample`, `Discard`, `PlaceHold`, `Release`, `RecordTemperature`) and
  events ([`CabinetEvent`][schoollogistics.food_samples.CabinetEvent]);
* [`SampleCabinet`][schoollogistics.food_samples.SampleCabinet]: the cabinet
  (留样柜), a pure aggregate that refuses what the rules forbid
  (`execute(command) -> event`);
* [`audit`][schoollogistics.food_samples.audit]: findings as data over records
  from any source, one check per rule (`fs1_dishes_sampled` … `fs8_taken_before_service`).
"""

from schoollogistics.food_samples._audit import (
    DEFAULT_CHECKS,
    FINDINGS,
    AuditContext,
    Check,
    Finding,
    Instant,
    audit,
    audit_log,
    fs1_dishes_sampled,
    fs2_weights,
    fs3_retention,
    fs4_labels,
    fs5_temperatures,
    fs6_disposals,
    fs7_holds,
    fs8_taken_before_service,
)
from schoollogistics.food_samples._cabinet import SampleCabinet
from schoollogistics.food_samples._commands import (
    COMMAND_TYPES,
    CabinetCommand,
    Discard,
    PlaceHold,
    RecordTemperature,
    Release,
    TakeSample,
)
from schoollogistics.food_samples._events import (
    EVENT_TYPES,
    CabinetEvent,
    CabinetState,
    HoldPlaced,
    HoldReleased,
    RecordedCabinetEvent,
    SampleDiscarded,
    SampleTaken,
    TemperatureRecorded,
)
from schoollogistics.food_samples._policy import RetentionPolicy
from schoollogistics.food_samples._records import (
    Disposal,
    FoodSample,
    Hold,
    Meal,
    MealKind,
    SampleLog,
    TemperatureReading,
)

__all__ = [
    "COMMAND_TYPES",
    "DEFAULT_CHECKS",
    "EVENT_TYPES",
    "FINDINGS",
    "AuditContext",
    "CabinetCommand",
    "CabinetEvent",
    "CabinetState",
    "Check",
    "Discard",
    "Disposal",
    "Finding",
    "FoodSample",
    "Hold",
    "HoldPlaced",
    "HoldReleased",
    "Instant",
    "Meal",
    "MealKind",
    "PlaceHold",
    "RecordTemperature",
    "RecordedCabinetEvent",
    "Release",
    "RetentionPolicy",
    "SampleCabinet",
    "SampleDiscarded",
    "SampleLog",
    "SampleTaken",
    "TakeSample",
    "TemperatureReading",
    "TemperatureRecorded",
    "audit",
    "audit_log",
    "fs1_dishes_sampled",
    "fs2_weights",
    "fs3_retention",
    "fs4_labels",
    "fs5_temperatures",
    "fs6_disposals",
    "fs7_holds",
    "fs8_taken_before_service",
]
