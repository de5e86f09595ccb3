"""Types of this area that serialize (read by ``schoollogistics.serialization``).

``SERIALIZABLE_TYPES`` lists every public type that must round-trip;
``TAGGED_UNIONS`` lists unions serialized with a ``"type"`` key. This module must
not import ``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Any, Final

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

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = (
    RetentionPolicy,
    MealKind,
    Meal,
    FoodSample,
    Disposal,
    TemperatureReading,
    Hold,
    SampleTaken,
    SampleDiscarded,
    HoldPlaced,
    HoldReleased,
    TemperatureRecorded,
    CabinetState,
    SampleLog,
)
TAGGED_UNIONS: Final[tuple[Any, ...]] = (CabinetEvent,)
