"""Types of this area that serialize (read by ``schoollogistics.serialization``).

``SERIALIZABLE_TYPES`` lists every public type that must round-trip;
``TAGGED_UNIONS`` lists unions serialized with a ``"type"`` key (the events and
the commands of the cabinet). The event and command types come from
``EVENT_TYPES`` and ``COMMAND_TYPES``. This module must not import
``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Final

from schoollogistics.food_samples._commands import COMMAND_TYPES, CabinetCommand
from schoollogistics.food_samples._events import (
    EVENT_TYPES,
    CabinetEvent,
    CabinetState,
    RecordedCabinetEvent,
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

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = (
    RetentionPolicy,
    MealKind,
    Meal,
    FoodSample,
    Disposal,
    TemperatureReading,
    Hold,
    *EVENT_TYPES,
    *COMMAND_TYPES,
    CabinetState,
    RecordedCabinetEvent,
    SampleLog,
)
TAGGED_UNIONS: Final[tuple[object, ...]] = (CabinetEvent, CabinetCommand)
