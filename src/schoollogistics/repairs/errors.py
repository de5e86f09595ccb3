"""Refusals of the repairs area (``repairs.*``).

Every operation of [`RepairDesk`][schoollogistics.repairs.RepairDesk] is checked
against the current state before anything changes; a refused operation raises
one of these errors and leaves the desk exactly as it was. Malformed records
are refused when they are built, with
[`InvalidRepairRecordError`][schoollogistics.repairs.errors.InvalidRepairRecordError].
Audit findings are not errors: [`audit_repairs`][schoollogistics.repairs.audit_repairs]
returns them as data.
"""

from __future__ import annotations

from schoollogistics.errors import Phrase, RepairError

__all__ = [
    "AcceptanceRequiredError",
    "AcceptanceSignerError",
    "ApprovalRequiredError",
    "ClaimRequiredError",
    "DuplicateRepairIdError",
    "InvalidRepairRecordError",
    "MissingEvidenceError",
    "OrderStateError",
    "UnknownRepairIdError",
]


class InvalidRepairRecordError(RepairError, ValueError):
    """A record is malformed (no subject, a deferral to an earlier date, a blank reason)."""

    code = "repairs.invalid_record"
    message_en_template = "invalid {record} record, field {field}: {reason}"
    message_zh_template = "「{record}」记录的字段「{field}」无效：{reason}"

    record: str
    field: str
    reason: Phrase


class DuplicateRepairIdError(RepairError, ValueError):
    """A request, work order or round with this id is already recorded."""

    code = "repairs.duplicate_id"
    message_en_template = "{kind} {id} is already recorded"
    message_zh_template = "「{kind}」「{id}」已登记"

    kind: str
    id: str


class UnknownRepairIdError(RepairError, KeyError):
    """No request or work order with this id is recorded."""

    code = "repairs.unknown_id"
    message_en_template = "no {kind} {id} on record"
    message_zh_template = "没有「{kind}」「{id}」的记录"

    def __str__(self) -> str:
        return Exception.__str__(self)

    kind: str
    id: str


class OrderStateError(RepairError, ValueError):
    """The work order is not in a state that allows the step (e.g. completing unstarted work)."""

    code = "repairs.wrong_state"
    message_en_template = "work order {order_id} is {state}: cannot {step}"
    message_zh_template = "维修单「{order_id}」当前为「{state}」，不能「{step_zh}」"

    order_id: str
    state: str
    step: str
    step_zh: str


class ApprovalRequiredError(RepairError, ValueError):
    """Work above the small-repair limit started without an approval dated before it (RP-2)."""

    code = "repairs.approval_required"
    message_en_template = (
        "work order {order_id} needs an approval dated before work starts ({why}); "
        "starting it now would be 先斩后奏"
    )
    message_zh_template = "维修单「{order_id}」须在开工前审批（「{why_zh}」），不得先斩后奏"

    order_id: str
    why: str
    why_zh: str


class AcceptanceSignerError(RepairError, ValueError):
    """Acceptance signed by neither the reporter nor a named substitute with a reason (RP-3)."""

    code = "repairs.acceptance_signer"
    message_en_template = (
        "work order {order_id}: acceptance signed by {signer}, not the reporter {reporter}; "
        "a substitute (the room's custodian) must give a reason"
    )
    message_zh_template = (
        "维修单「{order_id}」：验收人「{signer}」不是报修人「{reporter}」；"
        "由他人（房间保管人）代签须注明原因"
    )

    order_id: str
    signer: str
    reporter: str


class AcceptanceRequiredError(RepairError, ValueError):
    """A work order closes only after an accepted acceptance (RP-3)."""

    code = "repairs.acceptance_required"
    message_en_template = "work order {order_id} cannot close: no signed acceptance"
    message_zh_template = "维修单「{order_id}」未经验收签字，不能关闭"

    order_id: str


class MissingEvidenceError(RepairError, ValueError):
    """A project cannot close with evidence missing (RP-4)."""

    code = "repairs.evidence_missing"
    message_en_template = "project {order_id} cannot close: missing evidence {missing}"
    message_zh_template = "工程「{order_id}」不能关闭：缺少「{missing}」"

    order_id: str
    missing: tuple[str, ...]


class ClaimRequiredError(RepairError, ValueError):
    """Man-made damage is repaired after its damage claim is settled (RP-6)."""

    code = "repairs.claim_required"
    message_en_template = (
        "request {request_id} is man-made damage: its damage claim must be settled before work "
        "starts ({why})"
    )
    message_zh_template = "报修「{request_id}」属人为损坏：须先完成赔偿再维修（「{why_zh}」）"

    request_id: str
    why: str
    why_zh: str
