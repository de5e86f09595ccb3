"""The fold of the safety office: how each accepted event changes the state (no checks)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

import attrs

from schoollogistics.safety._events import (
    BreachRecorded,
    DutySwapped,
    HazardClosed,
    HazardFixed,
    HazardOpened,
    HazardReinspected,
    InspectionRecorded,
    MeasuresTaken,
    RosterPublished,
    SafetyEvent,
)
from schoollogistics.safety._records import (
    ApplianceBreach,
    Assignment,
    Hazard,
    HazardState,
    InspectionRecord,
    Roster,
    SafetyLog,
)

__all__ = ["FOLDS", "Office", "fold"]


@attrs.define(eq=False)
class Office:
    """The mutable state of a safety office: its records by id and its events."""

    office_id: str
    inspections: dict[str, InspectionRecord] = attrs.field(factory=dict)
    hazards: dict[str, Hazard] = attrs.field(factory=dict)
    breaches: dict[str, ApplianceBreach] = attrs.field(factory=dict)
    rosters: dict[str, Roster] = attrs.field(factory=dict)
    events: list[SafetyEvent] = attrs.field(factory=list)

    def log(self) -> SafetyLog:
        """The records as plain data for the audit."""
        return SafetyLog(
            inspections=tuple(self.inspections.values()),
            hazards=tuple(self.hazards.values()),
            breaches=tuple(self.breaches.values()),
            rosters=tuple(self.rosters.values()),
        )


def _inspection(state: Office, event: InspectionRecorded) -> None:
    state.inspections[event.record.record_id] = event.record


def _opened(state: Office, event: HazardOpened) -> None:
    state.hazards[event.hazard.hazard_id] = event.hazard


def _measures(state: Office, event: MeasuresTaken) -> None:
    hazard = state.hazards[event.hazard_id]
    state.hazards[event.hazard_id] = attrs.evolve(
        hazard, state=HazardState.MEASURES, measures=event.measures, measures_on=event.on
    )


def _fixed(state: Office, event: HazardFixed) -> None:
    hazard = state.hazards[event.hazard_id]
    state.hazards[event.hazard_id] = attrs.evolve(
        hazard, state=HazardState.FIXED, fixed_on=event.on, fixed_by=event.by
    )


def _reinspected(state: Office, event: HazardReinspected) -> None:
    hazard = state.hazards[event.hazard_id]
    state.hazards[event.hazard_id] = attrs.evolve(
        hazard, state=HazardState.REINSPECTED, reinspected_on=event.on, reinspected_by=event.by
    )


def _closed(state: Office, event: HazardClosed) -> None:
    hazard = state.hazards[event.hazard_id]
    state.hazards[event.hazard_id] = attrs.evolve(
        hazard, state=HazardState.CLOSED, closed_on=event.on, approved_by=event.approved_by
    )


def _breach(state: Office, event: BreachRecorded) -> None:
    state.breaches[event.breach.breach_id] = event.breach


def _roster(state: Office, event: RosterPublished) -> None:
    state.rosters[event.roster.roster_id] = event.roster


def _swapped(state: Office, event: DutySwapped) -> None:
    roster = state.rosters[event.roster_id]
    swapped = tuple(
        Assignment(a.day, a.shift, a.post, event.replacement)
        if (a.day, a.shift, a.post, a.person) == (event.day, event.shift, event.post, event.person)
        else a
        for a in roster.assignments
    )
    state.rosters[event.roster_id] = attrs.evolve(roster, assignments=swapped)


FOLDS: Final[Mapping[type, Callable[..., None]]] = MappingProxyType(
    {
        InspectionRecorded: _inspection,
        HazardOpened: _opened,
        MeasuresTaken: _measures,
        HazardFixed: _fixed,
        HazardReinspected: _reinspected,
        HazardClosed: _closed,
        BreachRecorded: _breach,
        RosterPublished: _roster,
        DutySwapped: _swapped,
    }
)
"""The fold of each event type."""


def fold(state: Office, event: SafetyEvent) -> None:
    """Record ``event`` in ``state`` (no checks: the guards ran before)."""
    FOLDS[type(event)](state, event)
    state.events.append(event)
