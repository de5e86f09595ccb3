"""The events of the safety office: what happened, in the past tense (SF-2 … SF-6, DU-1, DU-2).

[`SafetyEvent`][schoollogistics.safety.SafetyEvent] is written once; ``EVENT_TYPES``
is read from it, and the serialization registry, the strategies and the guard
table derive from it.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.core.shapes import checked_fields
from schoollogistics.safety._policy import SafetyPolicy
from schoollogistics.safety._records import (
    ApplianceBreach,
    Hazard,
    InspectionRecord,
    Roster,
    Shift,
    _day,
    _id,
    _shift,
    _texts,
)

__all__ = [
    "EVENT_TYPES",
    "BreachRecorded",
    "DutySwapped",
    "HazardClosed",
    "HazardFixed",
    "HazardOpened",
    "HazardReinspected",
    "InspectionRecorded",
    "MeasuresTaken",
    "OfficeState",
    "RosterPublished",
    "SafetyEvent",
]


@attrs.frozen(field_transformer=checked_fields())
class InspectionRecorded:
    """Event: an inspection record was filed (检查记录) (SF-2).

    Attributes:
        record: The inspection record.
    """

    record: InspectionRecord


@attrs.frozen(field_transformer=checked_fields())
class HazardOpened:
    """Event: a hidden danger was registered (隐患登记) (SF-3).

    Attributes:
        hazard: The entry, in state ``open``.
    """

    hazard: Hazard


@attrs.frozen(field_transformer=checked_fields())
class MeasuresTaken:
    """Event: the owner took rectification measures (整改措施) (SF-3).

    Attributes:
        hazard_id: The danger.
        on: The day.
        by: Who recorded them.
        measures: The measures.
    """

    hazard_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)
    measures: tuple[str, ...] = attrs.field(converter=_texts)


@attrs.frozen(field_transformer=checked_fields())
class HazardFixed:
    """Event: the owner recorded the danger rectified (整改完成) (SF-4).

    Attributes:
        hazard_id: The danger.
        on: The day.
        by: Who recorded the fix.
    """

    hazard_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)


@attrs.frozen(field_transformer=checked_fields())
class HazardReinspected:
    """Event: another person re-inspected the danger and confirmed the fix (复查) (SF-4).

    Attributes:
        hazard_id: The danger.
        on: The day.
        by: Who re-inspected it.
    """

    hazard_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)


@attrs.frozen(field_transformer=checked_fields())
class HazardClosed:
    """Event: the responsible person signed the danger off (销号) (SF-4).

    Attributes:
        hazard_id: The danger.
        on: The day.
        approved_by: The responsible person who signed.
    """

    hazard_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    approved_by: str = attrs.field(converter=_id)


@attrs.frozen(field_transformer=checked_fields())
class BreachRecorded:
    """Event: a banned or over-power appliance was found (违规用电) (SF-6).

    Attributes:
        breach: The finding.
    """

    breach: ApplianceBreach


@attrs.frozen(field_transformer=checked_fields())
class RosterPublished:
    """Event: a duty roster was published (值班表) (DU-2).

    Attributes:
        roster: The roster.
    """

    roster: Roster


@attrs.frozen(field_transformer=checked_fields())
class DutySwapped:
    """Event: a duty was swapped (调班) (DU-1).

    Attributes:
        roster_id: The roster.
        day: The day.
        shift: The shift.
        post: The post.
        person: Who was on duty.
        replacement: Who takes the duty.
    """

    roster_id: str = attrs.field(converter=_id)
    day: pendulum.Date = attrs.field(converter=_day)
    shift: Shift = attrs.field(converter=_shift)
    post: str = attrs.field(converter=_id)
    person: str = attrs.field(converter=_id)
    replacement: str = attrs.field(converter=_id)


SafetyEvent: TypeAlias = (
    InspectionRecorded
    | HazardOpened
    | MeasuresTaken
    | HazardFixed
    | HazardReinspected
    | HazardClosed
    | BreachRecorded
    | RosterPublished
    | DutySwapped
)
"""Everything a safety office records, in order (serialized with a ``"type"`` tag)."""

EVENT_TYPES: Final[tuple[type[SafetyEvent], ...]] = typing.get_args(SafetyEvent)
"""The event types, in the order of the union."""


def _events(value: Iterable[SafetyEvent]) -> tuple[SafetyEvent, ...]:
    return tuple(value)


@attrs.frozen(field_transformer=checked_fields())
class OfficeState:
    """An office's whole history as one record (replayed by ``SafetyOffice.from_state``).

    Attributes:
        office_id: The office (a school's 安全办 or 后勤处).
        policy: The policy it enforces.
        events: Its events, in order.
    """

    office_id: str = attrs.field(converter=_id)
    policy: SafetyPolicy
    events: tuple[SafetyEvent, ...] = attrs.field(converter=_events)
