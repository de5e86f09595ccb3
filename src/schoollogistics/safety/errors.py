"""Refusals of the safety area (``safety.*``): inspections, the hidden-danger register, duty.

Every command of [`SafetyOffice`][schoollogistics.safety.SafetyOffice] is checked
against the current state before anything changes; a refused command raises one
of these errors and leaves the office exactly as it was. Malformed records are
refused when they are built, with
[`InvalidSafetyRecordError`][schoollogistics.safety.errors.InvalidSafetyRecordError].
A roster that cannot be built from the staff given is refused with
[`RosterInfeasibleError`][schoollogistics.safety.errors.RosterInfeasibleError],
naming the first uncovered day and shift. Audit findings are not errors:
[`audit_safety`][schoollogistics.safety.audit_safety] returns them as data.
"""

from __future__ import annotations

import pendulum

from schoollogistics.errors import Phrase, SafetyError

__all__ = [
    "DoublePostedError",
    "DuplicateSafetyIdError",
    "HazardStateError",
    "InvalidSafetyRecordError",
    "ReinspectionRequiredError",
    "ReinspectorIsOwnerError",
    "RosterInfeasibleError",
    "UnknownSafetyIdError",
    "UnsignedRecordError",
]


class InvalidSafetyRecordError(SafetyError, ValueError):
    """A record is malformed (a deadline before the finding, an end before a start)."""

    code = "safety.invalid_record"
    message_en_template = "invalid {record} record, field {field}: {reason}"
    message_zh_template = "「{record}」记录的字段「{field}」无效：{reason}"

    record: str
    field: str
    reason: Phrase


class DuplicateSafetyIdError(SafetyError, ValueError):
    """An inspection, hazard or roster with this id is already recorded."""

    code = "safety.duplicate_id"
    message_en_template = "{kind} {id} is already recorded"
    message_zh_template = "「{kind}」「{id}」已登记"

    kind: str
    id: str


class UnknownSafetyIdError(SafetyError, KeyError):
    """No hazard, roster or assignment with this id is recorded."""

    code = "safety.unknown_id"
    message_en_template = "no {kind} {id} on record"
    message_zh_template = "没有「{kind}」「{id}」的记录"

    def __str__(self) -> str:
        return Exception.__str__(self)

    kind: str
    id: str


class UnsignedRecordError(SafetyError, ValueError):
    """An inspection record lacks the inspector's or the inspected unit head's signature (SF-2)."""

    code = "safety.unsigned_record"
    message_en_template = (
        "inspection {record_id} is not signed by {missing}: an unsigned record does not count"
    )
    message_zh_template = "检查记录「{record_id}」缺少「{missing_zh}」签名，未签名的记录无效"

    record_id: str
    missing: str
    missing_zh: str


class HazardStateError(SafetyError, ValueError):
    """The hazard is not in the state the step needs (open → measures → fixed → re-inspected)."""

    code = "safety.wrong_state"
    message_en_template = "hazard {hazard_id} is {state}: cannot {step}"
    message_zh_template = "隐患「{hazard_id}」当前为「{state_zh}」，不能「{step_zh}」"

    hazard_id: str
    state: str
    state_zh: str
    step: str
    step_zh: str


class ReinspectionRequiredError(SafetyError, ValueError):
    """A hazard closes only after a re-inspection that confirmed the fix (SF-4)."""

    code = "safety.reinspection_required"
    message_en_template = "hazard {hazard_id} cannot close: it was not re-inspected"
    message_zh_template = "隐患「{hazard_id}」未经复查，不能销号"

    hazard_id: str


class ReinspectorIsOwnerError(SafetyError, ValueError):
    """The re-inspection is made by someone other than the hazard's owner (SF-4)."""

    code = "safety.reinspector_is_owner"
    message_en_template = (
        "hazard {hazard_id}: {person} owns the rectification and cannot also re-inspect it"
    )
    message_zh_template = "隐患「{hazard_id}」：「{person}」是整改责任人，不能自己复查"

    hazard_id: str
    person: str


class DoublePostedError(SafetyError, ValueError):
    """Nobody is on two posts at once (DU-1, DU-2)."""

    code = "safety.double_posted"
    message_en_template = "{person} is already on post {post} on {day} ({shift})"
    message_zh_template = "「{person}」在 {day}（{shift_zh}）已在「{post}」岗位值班"

    person: str
    post: str
    day: pendulum.Date
    shift: str
    shift_zh: str


class RosterInfeasibleError(SafetyError, ValueError):
    """The staff list cannot cover a required day and shift (DU-1, DU-2)."""

    code = "safety.roster_infeasible"
    message_en_template = (
        "no roster covers {day} ({shift}, post {post}): {available} of the staff are "
        "available, {needed} needed"
    )
    message_zh_template = (
        "无法排出值班表：{day}（{shift_zh}，「{post}」岗）可值班人数 {available}，需要 {needed}"
    )

    day: pendulum.Date
    shift: str
    shift_zh: str
    post: str
    available: int
    needed: int
