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
* [`SampleCabinet`][schoollogistics.food_samples.SampleCabinet]: the cabinet
  (留样柜), a pure aggregate that refuses what the rules forbid;
* [`audit`][schoollogistics.food_samples.audit]: findings as data over records
  from any source.
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
    check_dishes_sampled,
    check_disposals,
    check_holds,
    check_labels,
    check_retention,
    check_taken_before_service,
    check_temperatures,
    check_weights,
)
from schoollogistics.food_samples._cabinet import SampleCabinet
from schoollogistics.food_samples._records import (
    CabinetEvent,
    CabinetState,
    Disposal,
    FoodSample,
    Hold,
    HoldPlaced,
    HoldReleased,
    Meal,
    MealKind,
    RetentionPolicy,
    SampleDiscarded,
    SampleLog,
    SampleTaken,
    TemperatureReading,
    TemperatureRecorded,
)

__all__ = [
    "DEFAULT_CHECKS",
    "FINDINGS",
    "AuditContext",
    "CabinetEvent",
    "CabinetState",
    "Check",
    "Disposal",
    "Finding",
    "FoodSample",
    "Hold",
    "HoldPlaced",
    "HoldReleased",
    "Instant",
    "Meal",
    "MealKind",
    "RetentionPolicy",
    "SampleCabinet",
    "SampleDiscarded",
    "SampleLog",
    "SampleTaken",
    "TemperatureReading",
    "TemperatureRecorded",
    "audit",
    "audit_log",
    "check_dishes_sampled",
    "check_disposals",
    "check_holds",
    "check_labels",
    "check_retention",
    "check_taken_before_service",
    "check_temperatures",
    "check_weights",
]
