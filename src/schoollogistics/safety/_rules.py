"""The guards of the safety office: one function per rule and concern (SF-2 … SF-6, DU-1, DU-2).

Each guard takes the office's state, the event about to be recorded and the
policy, and raises the typed refusal or returns. ``GUARDS`` says which guards apply
to each event type, in order (the first refusal wins); the office runs them before
the fold, so a refused event changes nothing. Deadlines (SF-4) are not guarded: a
late fix is still a fact to record; the audit reports it.

The register's state machine (SF-3, SF-4) is the only path of a danger:
open → measures → fixed → re-inspected → closed.

Sources: 公安部令第61号 §26, §31 … §33 and the seeds 000 … 004 (see
``docs/explanation/rules/safety.md``).
"""

# ruff: noqa: ARG001 - every guard has the signature (state, event, policy), used or not

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

import pendulum

from schoollogistics.errors import Phrase
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
from schoollogistics.safety._fold import Office
from schoollogistics.safety._policy import SafetyPolicy
from schoollogistics.safety._records import (
    SHIFT_ZH,
    STATE_ZH,
    Assignment,
    Hazard,
    HazardState,
)
from schoollogistics.safety.errors import (
    DoublePostedError,
    DuplicateSafetyIdError,
    HazardStateError,
    InvalidSafetyRecordError,
    ReinspectionRequiredError,
    ReinspectorIsOwnerError,
    UnknownSafetyIdError,
    UnsignedRecordError,
)

__all__ = [
    "GUARDS",
    "check",
    "du1_assignment_exists",
    "du1_nobody_on_two_posts",
    "du1_replacement_free",
    "du2_assignments_inside_roster",
    "du2_roster_id_unique",
    "du2_roster_known",
    "sf2_record_id_unique",
    "sf2_signed_by_inspector_and_head",
    "sf3_entry_complete",
    "sf3_hazard_id_unique",
    "sf3_hazard_known",
    "sf3_opens_as_new",
    "sf4_closed_after_reinspection",
    "sf4_reinspected_by_other",
    "sf4_step_in_order",
    "sf4_step_not_before",
    "sf6_breach_id_unique",
]

_Step = MeasuresTaken | HazardFixed | HazardReinspected | HazardClosed

_BEFORE: Final[Mapping[type, HazardState]] = MappingProxyType(
    {
        MeasuresTaken: HazardState.OPEN,
        HazardFixed: HazardState.MEASURES,
        HazardReinspected: HazardState.FIXED,
        HazardClosed: HazardState.REINSPECTED,
    }
)
"""The one state each step of a danger may start from."""

_STEP: Final[Mapping[type, tuple[str, str]]] = MappingProxyType(
    {
        MeasuresTaken: ("take measures", "整改"),
        HazardFixed: ("record the fix", "登记整改完成"),
        HazardReinspected: ("re-inspect", "复查"),
        HazardClosed: ("close", "销号"),
    }
)


def _state_error(hazard: Hazard, event: _Step) -> HazardStateError:
    step, step_zh = _STEP[type(event)]
    return HazardStateError(
        hazard_id=hazard.hazard_id,
        state=hazard.state.value,
        state_zh=STATE_ZH[hazard.state],
        step=step,
        step_zh=step_zh,
    )


# ---------------------------------------------------------------- SF-2 inspection records


def sf2_record_id_unique(state: Office, event: InspectionRecorded, policy: SafetyPolicy) -> None:
    """SF-2: each inspection record is recorded once under its id."""
    if event.record.record_id in state.inspections:
        raise DuplicateSafetyIdError(kind="InspectionRecord", id=event.record.record_id)


def sf2_signed_by_inspector_and_head(
    state: Office, event: InspectionRecorded, policy: SafetyPolicy
) -> None:
    """SF-2: no inspection record without both signatures.

    "检查人员和被检查部门负责人应当在检查记录上签名" [N 公安部令第61号 §26 ¶2];
    extended to every safety inspection (L).
    """
    record = event.record
    missing = [
        (en, zh)
        for signature, en, zh in (
            (record.inspector_signature, "the inspector", "检查人"),
            (record.head_signature, "the head of the inspected unit", "被检查部门负责人"),
        )
        if signature is None
    ]
    if missing:
        raise UnsignedRecordError(
            record_id=record.record_id,
            missing=" and ".join(en for en, _ in missing),
            missing_zh="、".join(zh for _, zh in missing),
        )


# ---------------------------------------------------------------- SF-3 the register


def sf3_hazard_id_unique(state: Office, event: HazardOpened, policy: SafetyPolicy) -> None:
    """SF-3: each entry of the register (隐患台账) is recorded once under its id."""
    if event.hazard.hazard_id in state.hazards:
        raise DuplicateSafetyIdError(kind="Hazard", id=event.hazard.hazard_id)


def sf3_opens_as_new(state: Office, event: HazardOpened, policy: SafetyPolicy) -> None:
    """SF-3: an entry opens ``open``, with no measures, fix, re-inspection or sign-off yet."""
    hazard = event.hazard
    later = (
        hazard.measures,
        hazard.measures_on,
        hazard.fixed_on,
        hazard.fixed_by,
        hazard.reinspected_on,
        hazard.reinspected_by,
        hazard.closed_on,
        hazard.approved_by,
    )
    if hazard.state is not HazardState.OPEN or any(value not in (None, ()) for value in later):
        raise HazardStateError(
            hazard_id=hazard.hazard_id,
            state=hazard.state.value,
            state_zh=STATE_ZH[hazard.state],
            step="open",
            step_zh="登记",
        )


def sf3_entry_complete(state: Office, event: HazardOpened, policy: SafetyPolicy) -> None:
    """SF-3: an entry names its interim precautions (临时防范措施) until it is fixed.

    RULES.md SF-3: description, place, level, found date and by whom, owner,
    measures, deadline, interim precautions [N 61号令 §32]. The other fields are
    required by the record itself.
    """
    if not event.hazard.interim:
        raise InvalidSafetyRecordError(
            record="Hazard",
            field="interim",
            reason=Phrase("no interim precautions", "未写明临时防范措施"),
        )


def sf3_hazard_known(state: Office, event: _Step, policy: SafetyPolicy) -> None:
    """SF-3: every step names an entry of the register."""
    if event.hazard_id not in state.hazards:
        raise UnknownSafetyIdError(kind="Hazard", id=event.hazard_id)


# ---------------------------------------------------------------- SF-4 the path to closing


def sf4_step_in_order(
    state: Office, event: MeasuresTaken | HazardFixed | HazardReinspected, policy: SafetyPolicy
) -> None:
    """SF-4: a danger moves open → measures → fixed → re-inspected, with no other path."""
    hazard = state.hazards[event.hazard_id]
    if hazard.state is not _BEFORE[type(event)]:
        raise _state_error(hazard, event)


def sf4_reinspected_by_other(state: Office, event: HazardReinspected, policy: SafetyPolicy) -> None:
    """SF-4: the re-inspection (复查) is made by someone other than the owner.

    RULES.md SF-4 ("re-inspection by a second person", L); the one who recorded
    the fix cannot confirm it either.
    """
    hazard = state.hazards[event.hazard_id]
    if event.by in {hazard.owner, hazard.fixed_by}:
        raise ReinspectorIsOwnerError(hazard_id=hazard.hazard_id, person=event.by)


def sf4_closed_after_reinspection(state: Office, event: HazardClosed, policy: SafetyPolicy) -> None:
    """SF-4: an entry closes only after a re-inspection confirmed the fix.

    "整改情况记录…签字确认后存档备查" [N 61号令 §33]: closing an entry that was not
    re-inspected is refused with ``safety.reinspection_required``; closing it twice
    with ``safety.wrong_state``.
    """
    hazard = state.hazards[event.hazard_id]
    if hazard.state is HazardState.CLOSED:
        raise _state_error(hazard, event)
    if hazard.state is not HazardState.REINSPECTED:
        raise ReinspectionRequiredError(hazard_id=hazard.hazard_id)


def _last_step_day(hazard: Hazard) -> pendulum.Date:
    days = (hazard.found_on, hazard.measures_on, hazard.fixed_on, hazard.reinspected_on)
    return max(day for day in days if day is not None)


def sf4_step_not_before(state: Office, event: _Step, policy: SafetyPolicy) -> None:
    """SF-4: each step is dated no earlier than the step before it (SF-3 found date first)."""
    hazard = state.hazards[event.hazard_id]
    if event.on < _last_step_day(hazard):
        raise InvalidSafetyRecordError(
            record=type(event).__name__,
            field="on",
            reason=Phrase("is before the previous step", "早于上一步的日期"),
        )


# ---------------------------------------------------------------- SF-6 banned appliances


def sf6_breach_id_unique(state: Office, event: BreachRecorded, policy: SafetyPolicy) -> None:
    """SF-6: each banned-appliance finding is recorded once under its id."""
    if event.breach.breach_id in state.breaches:
        raise DuplicateSafetyIdError(kind="ApplianceBreach", id=event.breach.breach_id)


# ---------------------------------------------------------------- DU-1/DU-2 rosters


def du2_roster_id_unique(state: Office, event: RosterPublished, policy: SafetyPolicy) -> None:
    """DU-2: each roster is published once under its id."""
    if event.roster.roster_id in state.rosters:
        raise DuplicateSafetyIdError(kind="Roster", id=event.roster.roster_id)


def du2_assignments_inside_roster(
    state: Office, event: RosterPublished, policy: SafetyPolicy
) -> None:
    """DU-2: a roster assigns only days from its first to its last day."""
    roster = event.roster
    for assignment in roster.assignments:
        if not roster.start <= assignment.day <= roster.end:
            raise InvalidSafetyRecordError(
                record="Roster",
                field="assignments",
                reason=Phrase(
                    "{day} is outside the roster", "{day} 不在值班表的日期内", day=assignment.day
                ),
            )


def _double(assignment: Assignment, other: Assignment) -> DoublePostedError:
    return DoublePostedError(
        person=assignment.person,
        post=other.post,
        day=assignment.day,
        shift=assignment.shift.value,
        shift_zh=SHIFT_ZH[assignment.shift],
    )


def du1_nobody_on_two_posts(state: Office, event: RosterPublished, policy: SafetyPolicy) -> None:
    """DU-1: nobody is on two posts at once (the same day and shift), nor twice on one post.

    "定时定点到位值日" [S 004]: a duty teacher is at one post at a time.
    """
    seen: dict[tuple[pendulum.Date, object, str], Assignment] = {}
    for assignment in event.roster.assignments:
        key = (assignment.day, assignment.shift, assignment.person)
        other = seen.get(key)
        if other is not None:
            raise _double(assignment, other)
        seen[key] = assignment


def du2_roster_known(state: Office, event: DutySwapped, policy: SafetyPolicy) -> None:
    """DU-2: a swap names a published roster."""
    if event.roster_id not in state.rosters:
        raise UnknownSafetyIdError(kind="Roster", id=event.roster_id)


def du1_assignment_exists(state: Office, event: DutySwapped, policy: SafetyPolicy) -> None:
    """DU-1: a swap hands over a duty the person holds on that day, shift and post."""
    roster = state.rosters[event.roster_id]
    wanted = Assignment(event.day, event.shift, event.post, event.person)
    if wanted not in roster.assignments:
        raise UnknownSafetyIdError(
            kind="Assignment",
            id=f"{event.day.isoformat()} {event.shift.value} {event.post} {event.person}",
        )


def du1_replacement_free(state: Office, event: DutySwapped, policy: SafetyPolicy) -> None:
    """DU-1: the replacement is not already on a post of that day and shift."""
    roster = state.rosters[event.roster_id]
    for assignment in roster.assignments:
        if (assignment.day, assignment.shift, assignment.person) == (
            event.day,
            event.shift,
            event.replacement,
        ):
            raise _double(
                Assignment(event.day, event.shift, event.post, event.replacement), assignment
            )


GUARDS: Final[Mapping[type, tuple[Callable[..., None], ...]]] = MappingProxyType(
    {
        InspectionRecorded: (sf2_record_id_unique, sf2_signed_by_inspector_and_head),
        HazardOpened: (sf3_hazard_id_unique, sf3_opens_as_new, sf3_entry_complete),
        MeasuresTaken: (sf3_hazard_known, sf4_step_in_order, sf4_step_not_before),
        HazardFixed: (sf3_hazard_known, sf4_step_in_order, sf4_step_not_before),
        HazardReinspected: (
            sf3_hazard_known,
            sf4_step_in_order,
            sf4_reinspected_by_other,
            sf4_step_not_before,
        ),
        HazardClosed: (sf3_hazard_known, sf4_closed_after_reinspection, sf4_step_not_before),
        BreachRecorded: (sf6_breach_id_unique,),
        RosterPublished: (
            du2_roster_id_unique,
            du2_assignments_inside_roster,
            du1_nobody_on_two_posts,
        ),
        DutySwapped: (du2_roster_known, du1_assignment_exists, du1_replacement_free),
    }
)
"""The guards of each event type, in the order they run (one key per ``EVENT_TYPES``)."""


def check(state: Office, event: SafetyEvent, policy: SafetyPolicy) -> None:
    """Run the guards of the event's type; raise the first refusal."""
    for guard in GUARDS[type(event)]:
        guard(state, event, policy)
