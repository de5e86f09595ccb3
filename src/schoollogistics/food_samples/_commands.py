"""The commands of the sample cabinet: what a front end asks for, in the imperative.

Each command is a frozen record; a front end sends it as JSON (a ``"type"``-tagged
[`CabinetCommand`][schoollogistics.food_samples.CabinetCommand], read with
[`from_dict`][schoollogistics.serialization.from_dict]) and the cabinet runs it
with [`SampleCabinet.execute`][schoollogistics.food_samples.SampleCabinet.execute],
which returns the event recorded or raises the typed refusal. Fields are
converted as the event's fields are, so a malformed command is refused when it
is built.
"""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.core.shapes import checked_fields
from schoollogistics.food_samples._records import (
    FoodSample,
    Hold,
    Meal,
    _celsius,
    _discarded_at,
    _discarded_by,
    _hold_id,
    _placed_by,
    _reading_at,
    _release_moment,
    _sample_id,
)

__all__ = [
    "COMMAND_TYPES",
    "CabinetCommand",
    "Discard",
    "PlaceHold",
    "RecordTemperature",
    "Release",
    "TakeSample",
]


@attrs.frozen(field_transformer=checked_fields())
class TakeSample:
    """Put a sample of one of the meal's dishes in the cabinet (FS-1, FS-2, FS-4, FS-8).

    Records [`SampleTaken`][schoollogistics.food_samples.SampleTaken].

    Attributes:
        meal: The meal the dish was served at.
        sample: The sample.
    """

    meal: Meal
    sample: FoodSample


@attrs.frozen(field_transformer=checked_fields())
class Discard:
    """Destroy a sample and record who did it and when (FS-3, FS-6, FS-7).

    Records [`SampleDiscarded`][schoollogistics.food_samples.SampleDiscarded].

    Attributes:
        sample_id: The sample destroyed.
        at: When (aware).
        by: Who destroyed it (a blank name is refused, FS-6).
    """

    sample_id: str = attrs.field(converter=_sample_id)
    at: pendulum.DateTime = attrs.field(converter=_discarded_at)
    by: str | None = attrs.field(converter=_discarded_by)


@attrs.frozen(field_transformer=checked_fields())
class PlaceHold:
    """Hold samples for the authorities after a suspected incident (FS-7).

    Records [`HoldPlaced`][schoollogistics.food_samples.HoldPlaced].

    Attributes:
        hold: The hold, not yet released.
    """

    hold: Hold


@attrs.frozen(field_transformer=checked_fields())
class Release:
    """Release a hold once the authorities allow it (FS-7).

    Records [`HoldReleased`][schoollogistics.food_samples.HoldReleased].

    Attributes:
        hold_id: The hold released.
        at: When.
        by: Who released it.
    """

    hold_id: str = attrs.field(converter=_hold_id)
    at: pendulum.DateTime = attrs.field(converter=_release_moment)
    by: str = attrs.field(converter=_placed_by)


@attrs.frozen(field_transformer=checked_fields())
class RecordTemperature:
    """Record a temperature reading of the cabinet (FS-5).

    Records [`TemperatureRecorded`][schoollogistics.food_samples.TemperatureRecorded];
    a reading outside the policy range is recorded all the same (the audit
    reports it).

    Attributes:
        at: When (aware).
        celsius: The temperature in degrees Celsius, exact.
    """

    at: pendulum.DateTime = attrs.field(converter=_reading_at)
    celsius: Decimal = attrs.field(converter=_celsius)


CabinetCommand: TypeAlias = TakeSample | Discard | PlaceHold | Release | RecordTemperature
"""Any command of the sample cabinet (serialized with a ``"type"`` tag naming the class)."""

COMMAND_TYPES: Final[tuple[type[CabinetCommand], ...]] = typing.get_args(CabinetCommand)
"""The command types, in the order of the union (the one list; everything derives from it)."""
