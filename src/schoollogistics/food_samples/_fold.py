"""The fold of the sample cabinet: how each accepted event changes the state.

State changes only: no check, no raise. The guards (``_rules.py``) have run
before an event reaches [`fold`][schoollogistics.food_samples._fold.fold], or the
caller trusts the events (``SampleCabinet.replay(..., check=False)``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

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

__all__ = [
    "FOLDS",
    "Contents",
    "fold",
    "hold_placed",
    "hold_released",
    "sample_discarded",
    "sample_taken",
    "temperature_recorded",
]


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


def sample_taken(state: Contents, event: SampleTaken) -> None:
    """The sample is inside; its meal is recorded with its first sample."""
    state.meals.setdefault(event.meal.meal_id, event.meal)
    state.samples[event.sample.sample_id] = event.sample


def sample_discarded(state: Contents, event: SampleDiscarded) -> None:
    """The disposal is recorded."""
    state.disposals[event.disposal.sample_id] = event.disposal


def hold_placed(state: Contents, event: HoldPlaced) -> None:
    """The hold is recorded (in force)."""
    state.holds[event.hold.hold_id] = event.hold


def hold_released(state: Contents, event: HoldReleased) -> None:
    """The hold is recorded with its release."""
    hold = state.holds[event.hold_id]
    state.holds[event.hold_id] = hold.released(at=event.released_at, by=event.released_by)


def temperature_recorded(state: Contents, event: TemperatureRecorded) -> None:
    """The reading is recorded."""
    state.readings.append(event.reading)


FOLDS: Final[Mapping[type, Callable[..., None]]] = MappingProxyType(
    {
        SampleTaken: sample_taken,
        SampleDiscarded: sample_discarded,
        HoldPlaced: hold_placed,
        HoldReleased: hold_released,
        TemperatureRecorded: temperature_recorded,
    }
)
"""The state change of each event type (one key per type of ``EVENT_TYPES``)."""


def fold(state: Contents, event: CabinetEvent) -> None:
    """Apply one event to the state (the event is trusted) and append it to the events."""
    FOLDS[type(event)](state, event)
    state.events.append(event)
