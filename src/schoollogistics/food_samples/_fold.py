"""The fold of the sample cabinet: how each accepted event changes the state.

State changes only: no check, no raise. The guards (``_rules.py``) have run
before an event reaches [`fold`][schoollogistics.food_samples._fold.fold], or the
caller trusts the events (``SampleCabinet.replay(..., check=False)``).
"""

from __future__ import annotations

import attrs
import pendulum

from schoollogistics.food_samples._events import (
    CabinetEvent,
    HoldPlaced,
    HoldReleased,
    SampleDiscarded,
    SampleTaken,
    TemperatureRecorded,
)
from schoollogistics.food_samples._records import (
    Disposal,
    FoodSample,
    Hold,
    Meal,
    SampleLog,
    TemperatureReading,
)

__all__ = ["Contents", "fold"]


@attrs.define(eq=False)
class Contents:
    """What a cabinet holds after its events: meals, samples, disposals, holds, readings.

    Attributes:
        cabinet_id: The cabinet.
        events: Every accepted event, in order.
        meals: The meals, by id (as recorded with their first sample).
        samples: The samples, by id, in the order taken.
        disposals: The disposals, by sample id.
        holds: The holds, by id, in the order placed (with their release).
        readings: The temperature readings, in the order recorded.
    """

    cabinet_id: str
    events: list[CabinetEvent] = attrs.field(factory=list)
    meals: dict[str, Meal] = attrs.field(factory=dict)
    samples: dict[str, FoodSample] = attrs.field(factory=dict)
    disposals: dict[str, Disposal] = attrs.field(factory=dict)
    holds: dict[str, Hold] = attrs.field(factory=dict)
    readings: list[TemperatureReading] = attrs.field(factory=list)

    def holds_on(self, sample: FoodSample, at: pendulum.DateTime) -> tuple[str, ...]:
        """The ids of the holds in force at ``at`` that cover ``sample`` (FS-7)."""
        return tuple(
            hold.hold_id
            for hold in self.holds.values()
            if hold.in_force(at) and hold.covers(sample)
        )

    def log(self) -> SampleLog:
        """The records as plain data."""
        return SampleLog(
            meals=tuple(self.meals.values()),
            samples=tuple(self.samples.values()),
            disposals=tuple(self.disposals.values()),
            readings=tuple(self.readings),
            holds=tuple(self.holds.values()),
        )


def fold(state: Contents, event: CabinetEvent) -> None:
    """Apply one event to the state (the event is trusted)."""
    match event:
        case SampleTaken(meal, sample):
            state.meals.setdefault(meal.meal_id, meal)
            state.samples[sample.sample_id] = sample
        case SampleDiscarded(disposal):
            state.disposals[disposal.sample_id] = disposal
        case HoldPlaced(hold):
            state.holds[hold.hold_id] = hold
        case HoldReleased(hold_id, released_at, released_by):
            state.holds[hold_id] = state.holds[hold_id].released(at=released_at, by=released_by)
        case TemperatureRecorded(reading):
            state.readings.append(reading)
    state.events.append(event)
