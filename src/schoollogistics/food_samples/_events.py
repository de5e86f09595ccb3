"""The events of the sample cabinet: what happened, in the past tense (FS-1 … FS-8).

[`CabinetEvent`][schoollogistics.food_samples.CabinetEvent] is written once;
``EVENT_TYPES`` is read from it, and the serialization registry, the testing
strategies and the guard table derive from ``EVENT_TYPES``.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.core.shapes import checked_fields
from schoollogistics.food_samples._policy import RetentionPolicy
from schoollogistics.food_samples._records import (
    Disposal,
    FoodSample,
    Hold,
    Meal,
    TemperatureReading,
    _cabinet_id,
    _hold_id,
    _placed_by,
    _release_moment,
)

__all__ = [
    "EVENT_TYPES",
    "CabinetEvent",
    "CabinetState",
    "HoldPlaced",
    "HoldReleased",
    "RecordedCabinetEvent",
    "SampleDiscarded",
    "SampleTaken",
    "TemperatureRecorded",
]


@attrs.frozen(field_transformer=checked_fields())
class SampleTaken:
    """Event: a sample of a meal's dish was put in the cabinet (留样).

    Attributes:
        meal: The meal, as recorded with its first sample.
        sample: The sample.
    """

    meal: Meal
    sample: FoodSample


@attrs.frozen(field_transformer=checked_fields())
class SampleDiscarded:
    """Event: a sample was destroyed (销样).

    Attributes:
        disposal: Who destroyed which sample, when.
    """

    disposal: Disposal


@attrs.frozen(field_transformer=checked_fields())
class HoldPlaced:
    """Event: an incident hold was placed (封存).

    Attributes:
        hold: The hold (not yet released).
    """

    hold: Hold


@attrs.frozen(field_transformer=checked_fields())
class HoldReleased:
    """Event: an incident hold was released (解除封存).

    Attributes:
        hold_id: The hold released.
        released_at: When.
        released_by: Who released it.
    """

    hold_id: str = attrs.field(converter=_hold_id)
    released_at: pendulum.DateTime = attrs.field(converter=_release_moment)
    released_by: str = attrs.field(converter=_placed_by)


@attrs.frozen(field_transformer=checked_fields())
class TemperatureRecorded:
    """Event: a temperature reading of the cabinet was recorded.

    Attributes:
        reading: The reading.
    """

    reading: TemperatureReading


CabinetEvent: TypeAlias = (
    SampleTaken | SampleDiscarded | HoldPlaced | HoldReleased | TemperatureRecorded
)
"""Everything a cabinet records, in the order it happened (serialized with a ``"type"`` tag)."""

EVENT_TYPES: Final[tuple[type[CabinetEvent], ...]] = typing.get_args(CabinetEvent)
"""The event types, in the order of the union (the one list; everything derives from it)."""


@attrs.frozen(field_transformer=checked_fields())
class RecordedCabinetEvent:
    """An accepted event with its sequence number: what a store writes, one row each.

    The event itself is a domain fact and knows nothing of storage; the envelope
    adds where it stands in the cabinet's history. A store keeps ``(cabinet_id,
    sequence)`` unique (a primary key): two writers that built their commands
    from the same version both try to write the same sequence number, and the
    store refuses the second (see the concurrency how-to).

    Attributes:
        sequence: The event's position in the cabinet's history, 1 for the
            first; after ``n`` events the cabinet's version is ``n``.
        event: The event.
    """

    sequence: int = attrs.field(metadata={"minimum": 1})
    event: CabinetEvent


def _events(value: Iterable[CabinetEvent]) -> tuple[CabinetEvent, ...]:
    return tuple(value)


@attrs.frozen(field_transformer=checked_fields())
class CabinetState:
    """A cabinet's whole history as one serializable record.

    Two cabinets with equal states answer every query alike;
    [`SampleCabinet.from_state`][schoollogistics.food_samples.SampleCabinet.from_state]
    rebuilds the cabinet by replaying the events.

    Attributes:
        cabinet_id: The cabinet.
        policy: The retention policy the cabinet enforces.
        events: Its operations, in order.
    """

    cabinet_id: str = attrs.field(converter=_cabinet_id)
    policy: RetentionPolicy
    events: tuple[CabinetEvent, ...] = attrs.field(converter=_events)
