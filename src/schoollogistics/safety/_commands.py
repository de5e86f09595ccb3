"""The commands of the safety office: what a front end asks for, in the imperative.

Each command is a frozen record (a ``"type"``-tagged
[`SafetyCommand`][schoollogistics.safety.SafetyCommand] in JSON) run by
[`SafetyOffice.execute`][schoollogistics.safety.SafetyOffice.execute], which returns
the event recorded or raises the typed refusal. Each command records the event of
the same fields (``OpenHazard`` records ``HazardOpened`` …).
"""

from __future__ import annotations

import typing
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.core.shapes import checked_fields
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
    "COMMAND_TYPES",
    "CloseHazard",
    "OpenHazard",
    "PublishRoster",
    "RecordBreach",
    "RecordFix",
    "RecordInspection",
    "Reinspect",
    "SafetyCommand",
    "SwapDuty",
    "TakeMeasures",
]


@attrs.frozen(field_transformer=checked_fields())
class RecordInspection:
    """Record a signed inspection (SF-2).

    Records [`InspectionRecorded`][schoollogistics.safety.InspectionRecorded].

    Attributes:
        record: The inspection record.
    """

    record: InspectionRecord


@attrs.frozen(field_transformer=checked_fields())
class OpenHazard:
    """Open an entry of the hidden-danger register (SF-3).

    Records [`HazardOpened`][schoollogistics.safety.HazardOpened].

    Attributes:
        hazard: The entry, in state ``open``.
    """

    hazard: Hazard


@attrs.frozen(field_transformer=checked_fields())
class TakeMeasures:
    """Record the rectification measures of a danger (SF-3).

    Records [`MeasuresTaken`][schoollogistics.safety.MeasuresTaken].

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
class RecordFix:
    """Record a danger rectified (SF-4).

    Records [`HazardFixed`][schoollogistics.safety.HazardFixed].

    Attributes:
        hazard_id: The danger.
        on: The day.
        by: Who recorded the fix.
    """

    hazard_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)


@attrs.frozen(field_transformer=checked_fields())
class Reinspect:
    """Record the re-inspection that confirms a fix (SF-4).

    Records [`HazardReinspected`][schoollogistics.safety.HazardReinspected].

    Attributes:
        hazard_id: The danger.
        on: The day.
        by: Who re-inspected it.
    """

    hazard_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    by: str = attrs.field(converter=_id)


@attrs.frozen(field_transformer=checked_fields())
class CloseHazard:
    """Sign a re-inspected danger off (SF-4).

    Records [`HazardClosed`][schoollogistics.safety.HazardClosed].

    Attributes:
        hazard_id: The danger.
        on: The day.
        approved_by: The responsible person who signed.
    """

    hazard_id: str = attrs.field(converter=_id)
    on: pendulum.Date = attrs.field(converter=_day)
    approved_by: str = attrs.field(converter=_id)


@attrs.frozen(field_transformer=checked_fields())
class RecordBreach:
    """Record a banned-appliance finding (SF-6).

    Records [`BreachRecorded`][schoollogistics.safety.BreachRecorded].

    Attributes:
        breach: The finding.
    """

    breach: ApplianceBreach


@attrs.frozen(field_transformer=checked_fields())
class PublishRoster:
    """Publish a duty roster (DU-2).

    Records [`RosterPublished`][schoollogistics.safety.RosterPublished].

    Attributes:
        roster: The roster.
    """

    roster: Roster


@attrs.frozen(field_transformer=checked_fields())
class SwapDuty:
    """Swap a person on a roster for another (DU-1).

    Records [`DutySwapped`][schoollogistics.safety.DutySwapped].

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


SafetyCommand: TypeAlias = (
    RecordInspection
    | OpenHazard
    | TakeMeasures
    | RecordFix
    | Reinspect
    | CloseHazard
    | RecordBreach
    | PublishRoster
    | SwapDuty
)
"""Everything a safety office can be asked to do (serialized with a ``"type"`` tag)."""

COMMAND_TYPES: Final[tuple[type[SafetyCommand], ...]] = typing.get_args(SafetyCommand)
"""The command types, in the order of the union (the same order as ``EVENT_TYPES``)."""
