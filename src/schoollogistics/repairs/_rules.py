"""The guards of the repair desk: one function per rule and concern (RP-1 … RP-7).

Each guard takes the desk's state, the event about to be recorded and the
policy, and raises the typed refusal or returns. ``GUARDS`` says which guards
apply to each event type, in order (the first refusal wins); the desk runs them
before the fold, so a refused event changes nothing. Deadlines (RP-1) are not
guarded: a late answer is still a fact to record; the audit reports it.

Sources: school regulations 000 … 004 (see ``docs/explanation/rules/repairs.md``).
"""

# ruff: noqa: ARG001 - every guard has the signature (state, event, policy), used or not

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from schoollogistics.errors import Phrase
from schoollogistics.repairs._events import (
    AcceptanceSigned,
    DeskEvent,
    EvidenceAdded,
    OrderApproved,
    OrderClosed,
    OrderOpened,
    PlanAdopted,
    RepairDeferred,
    RequestAnswered,
    RequestFiled,
    RoundRecorded,
    WorkCompleted,
    WorkStarted,
)
from schoollogistics.repairs._fold import Desk
from schoollogistics.repairs._policy import RepairPolicy
from schoollogistics.repairs._records import WorkOrder
from schoollogistics.repairs.errors import (
    AcceptanceRequiredError,
    AcceptanceSignerError,
    ApprovalRequiredError,
    ClaimRequiredError,
    DuplicateRepairIdError,
    InvalidRepairRecordError,
    MissingEvidenceError,
    OrderStateError,
    UnknownRepairIdError,
)

__all__ = [
    "GUARDS",
    "check",
    "rp1_answer_after_filing",
    "rp1_request_id_unique",
    "rp1_request_known",
    "rp2_approval_before_work",
    "rp2_order_fresh",
    "rp2_order_known",
    "rp2_order_open",
    "rp3_acceptance_before_close",
    "rp3_order_completed",
    "rp3_signed_by_reporter_or_substitute",
    "rp4_evidence_while_open",
    "rp4_project_evidence_complete",
    "rp4_site_log_every_working_day",
    "rp5_completed_after_start",
    "rp5_improvement_names_item",
    "rp5_order_started",
    "rp6_claim_before_repair",
    "rp7_defect_opens_request",
    "rp7_plan_id_unique",
    "rp7_plan_known",
    "rp7_round_id_unique",
]

_Answer = RequestAnswered | RepairDeferred
_OrderStep = (
    OrderApproved | WorkStarted | EvidenceAdded | WorkCompleted | AcceptanceSigned | OrderClosed
)

_STEP_ZH: Final = {
    "approve": "审批",
    "start": "开工",
    "add evidence": "补充佐证",
    "complete": "完工",
    "sign acceptance": "验收",
    "close": "关闭",
}


def _step_error(order: WorkOrder, step: str) -> OrderStateError:
    return OrderStateError(
        order_id=order.order_id, state=order.state, step=step, step_zh=_STEP_ZH[step]
    )


# ---------------------------------------------------------------- RP-1 requests


def rp1_request_id_unique(state: Desk, event: RequestFiled, policy: RepairPolicy) -> None:
    """RP-1: each request (报修单) is recorded once under its number."""
    if event.request.request_id in state.requests:
        raise DuplicateRepairIdError(kind="RepairRequest", id=event.request.request_id)


def _request_id_of(event: DeskEvent) -> str:
    if isinstance(event, RequestAnswered):
        return event.response.request_id
    if isinstance(event, RepairDeferred):
        return event.deferral.request_id
    if isinstance(event, OrderOpened):
        return event.order.request_id
    raise AssertionError(type(event))  # pragma: no cover - GUARDS lists the types


def rp1_request_known(
    state: Desk, event: RequestAnswered | RepairDeferred | OrderOpened, policy: RepairPolicy
) -> None:
    """RP-1: an answer, an explanation or a work order is for a filed request."""
    request_id = _request_id_of(event)
    if request_id not in state.requests:
        raise UnknownRepairIdError(kind="RepairRequest", id=request_id)


def rp1_answer_after_filing(state: Desk, event: _Answer, policy: RepairPolicy) -> None:
    """RP-1: the answer (回应) or explanation comes after the request was filed."""
    answer = event.response if isinstance(event, RequestAnswered) else event.deferral
    request = state.requests[answer.request_id]
    if answer.at < request.filed_at:
        raise InvalidRepairRecordError(
            record=type(answer).__name__,
            field="at",
            reason=Phrase("is before the request was filed", "早于报修时间"),
        )


# ---------------------------------------------------------------- RP-2 approval


def rp2_order_fresh(state: Desk, event: OrderOpened, policy: RepairPolicy) -> None:
    """RP-2: a work order is opened once, fresh: its approval and work come as later steps."""
    order = event.order
    if order.order_id in state.orders:
        raise DuplicateRepairIdError(kind="WorkOrder", id=order.order_id)
    if order.state != "open" or order.approved_at is not None or order.acceptances:
        raise OrderStateError(
            order_id=order.order_id, state=order.state, step="open", step_zh="派工"
        )
    if order.evidence:
        raise InvalidRepairRecordError(
            record="WorkOrder",
            field="evidence",
            reason=Phrase("a new order has no evidence yet", "新开维修单尚无佐证"),
        )


def rp2_order_known(state: Desk, event: _OrderStep, policy: RepairPolicy) -> None:
    """RP-2: every step of a work order names a recorded order."""
    if event.order_id not in state.orders:
        raise UnknownRepairIdError(kind="WorkOrder", id=event.order_id)


def rp2_order_open(state: Desk, event: OrderApproved | WorkStarted, policy: RepairPolicy) -> None:
    """RP-2: approval and the start of work come while the order is open (before work)."""
    order = state.orders[event.order_id]
    if order.state != "open":
        raise _step_error(order, "approve" if isinstance(event, OrderApproved) else "start")
    if isinstance(event, OrderApproved) and order.approved_at is not None:
        raise _step_error(order, "approve")


def rp2_approval_before_work(state: Desk, event: WorkStarted, policy: RepairPolicy) -> None:
    """RP-2: work above the small-repair limit needs an approval dated before it starts.

    "禁止任何学校先斩后奏的维修" [S 001]: any outside contractor, or an estimate at
    or above ``policy.small_repair_limit``; small repairs by the school's own
    staff need none.
    """
    order = state.orders[event.order_id]
    why = policy.approval_reason(order)
    if why is None:
        return
    if order.approved_at is None or order.approved_at > event.at:
        raise ApprovalRequiredError(order_id=order.order_id, why=why[0], why_zh=why[1])


def rp6_claim_before_repair(state: Desk, event: WorkStarted, policy: RepairPolicy) -> None:
    """RP-6: man-made damage is repaired after its damage claim is settled.

    "检查结束后对损坏的财物进行赔款，然后由木工维修" [S 004]; configurable: a
    safety item may be repaired first (``policy.repair_first_for_safety``).
    """
    order = state.orders[event.order_id]
    request = state.requests[order.request_id]
    if not policy.claim_needed_before_work(request):
        return
    if request.claim_id is None:
        raise ClaimRequiredError(
            request_id=request.request_id, why="no claim linked", why_zh="未关联赔偿单"
        )
    if request.claim_settled_at is None or request.claim_settled_at > event.at:
        raise ClaimRequiredError(
            request_id=request.request_id,
            why=f"claim {request.claim_id} not settled",
            why_zh=f"赔偿单 {request.claim_id} 尚未结清",
        )


# ---------------------------------------------------------------- RP-4, RP-5 work


def rp4_evidence_while_open(state: Desk, event: EvidenceAdded, policy: RepairPolicy) -> None:
    """RP-4: evidence is filed for an order not yet closed."""
    order = state.orders[event.order_id]
    if order.state == "closed":
        raise _step_error(order, "add evidence")


def rp5_improvement_names_item(state: Desk, event: OrderOpened, policy: RepairPolicy) -> None:
    """RP-5: an improving order is for a request naming the item whose cost it may raise.

    "a repair that lengthens the asset's life or raises its capacity may be
    added to its cost": the cost goes onto one item's record (AS-7
    ``Repaired``), so an order marked ``improves`` for a request naming only a
    room is refused, whatever the policy's accounting (the mark is a fact of
    the work, the accounting a choice of the school).
    """
    order = event.order
    if order.improves and state.requests[order.request_id].item_id is None:
        raise InvalidRepairRecordError(
            record="WorkOrder",
            field="improves",
            reason=Phrase(
                "an improvement needs a request naming the item", "改良性维修须针对报修单所列物品"
            ),
        )


def rp5_order_started(state: Desk, event: WorkCompleted, policy: RepairPolicy) -> None:
    """RP-5: the cost is recorded when started work is completed."""
    order = state.orders[event.order_id]
    if order.state != "started":
        raise _step_error(order, "complete")


def rp5_completed_after_start(state: Desk, event: WorkCompleted, policy: RepairPolicy) -> None:
    """RP-5: the work is completed no earlier than it started."""
    order = state.orders[event.order_id]
    if order.started_at is not None and event.at < order.started_at:
        raise InvalidRepairRecordError(
            record="WorkCompleted",
            field="at",
            reason=Phrase("is before the work started", "早于开工时间"),
        )


# ---------------------------------------------------------------- RP-3 acceptance, closing


def rp3_order_completed(
    state: Desk, event: AcceptanceSigned | OrderClosed, policy: RepairPolicy
) -> None:
    """RP-3: acceptance and closing come after the work is completed."""
    order = state.orders[event.order_id]
    if order.state != "completed":
        raise _step_error(
            order, "sign acceptance" if isinstance(event, AcceptanceSigned) else "close"
        )
    if isinstance(event, AcceptanceSigned) and order.accepted is not None:
        raise _step_error(order, "sign acceptance")


def rp3_signed_by_reporter_or_substitute(
    state: Desk, event: AcceptanceSigned, policy: RepairPolicy
) -> None:
    """RP-3: "由报修人负责验收签字" [S 004]: the reporter signs, after completion.

    Or a named substitute (the room's custodian, AS-4) with a reason.
    """
    order = state.orders[event.order_id]
    request = state.requests[order.request_id]
    acceptance = event.acceptance
    if order.completed_at is not None and acceptance.at < order.completed_at:
        raise InvalidRepairRecordError(
            record="Acceptance", field="at", reason=Phrase("is before completion", "早于完工时间")
        )
    if acceptance.signed_by == request.reporter:
        return
    if acceptance.signed_by == request.custodian and acceptance.reason.strip():
        return
    raise AcceptanceSignerError(
        order_id=order.order_id, signer=acceptance.signed_by, reporter=request.reporter
    )


def rp3_acceptance_before_close(state: Desk, event: OrderClosed, policy: RepairPolicy) -> None:
    """RP-3: a repair closes only once its acceptance is signed, accepting the work."""
    order = state.orders[event.order_id]
    accepted = order.accepted
    if accepted is None or accepted.at > event.at:
        raise AcceptanceRequiredError(order_id=order.order_id)


def rp4_project_evidence_complete(state: Desk, event: OrderClosed, policy: RepairPolicy) -> None:
    """RP-4: a project cannot close with any of its evidence missing.

    Before-photos, site log, site photos, the safety agreement (a contractor's)
    and the site clearance.
    """
    order = state.orders[event.order_id]
    missing = order.missing_evidence()
    if missing:
        raise MissingEvidenceError(
            order_id=order.order_id, missing=tuple(kind.value for kind in missing)
        )


def rp4_site_log_every_working_day(state: Desk, event: OrderClosed, policy: RepairPolicy) -> None:
    """RP-4: a project cannot close while its site log misses a working day of the work.

    The desk counts Monday to Friday from the day work started to the day it
    was completed; the audit (``audit_repairs(..., working_days=...)``) also
    counts make-up working days and public holidays from the calendar.
    """
    order = state.orders[event.order_id]
    gaps = order.site_log_gaps(None, policy.timezone)
    if gaps:
        raise MissingEvidenceError(
            order_id=order.order_id,
            missing=tuple(f"site_log {day.isoformat()}" for day in gaps),
        )


# ---------------------------------------------------------------- RP-7 rounds


def rp7_plan_id_unique(state: Desk, event: PlanAdopted, policy: RepairPolicy) -> None:
    """RP-7: each maintenance plan is adopted once."""
    if event.plan.plan_id in state.plans:
        raise DuplicateRepairIdError(kind="MaintenancePlan", id=event.plan.plan_id)


def rp7_round_id_unique(state: Desk, event: RoundRecorded, policy: RepairPolicy) -> None:
    """RP-7: each round record is recorded once."""
    if event.round.round_id in state.rounds:
        raise DuplicateRepairIdError(kind="RoundRecord", id=event.round.round_id)


def rp7_plan_known(state: Desk, event: RoundRecorded, policy: RepairPolicy) -> None:
    """RP-7: a round carries out an adopted plan."""
    if event.round.plan_id not in state.plans:
        raise UnknownRepairIdError(kind="MaintenancePlan", id=event.round.plan_id)


def rp7_defect_opens_request(state: Desk, event: RoundRecorded, policy: RepairPolicy) -> None:
    """RP-7: a defect found on a round opens a repair request (RP-1), filed first.

    A safety defect may open a hidden-danger entry (SF-3, ``hazard_id``) instead.
    """
    for result in event.round.defects:
        if result.opened(state.requests):
            continue
        if result.request_id is not None:
            raise UnknownRepairIdError(kind="RepairRequest", id=result.request_id)
        raise InvalidRepairRecordError(
            record="CheckResult",
            field="request_id",
            reason=Phrase(
                "a defect ({check}) must name the repair request it opened "
                "(or, for a safety matter, its hidden-danger entry)",
                "发现问题（{check}）须注明所开报修单（安全问题可注明隐患登记号）",
                check=result.check,
            ),
        )


GUARDS: Final[Mapping[type, tuple[Callable[..., None], ...]]] = MappingProxyType(
    {
        RequestFiled: (rp1_request_id_unique,),
        RequestAnswered: (rp1_request_known, rp1_answer_after_filing),
        RepairDeferred: (rp1_request_known, rp1_answer_after_filing),
        OrderOpened: (rp1_request_known, rp2_order_fresh, rp5_improvement_names_item),
        OrderApproved: (rp2_order_known, rp2_order_open),
        WorkStarted: (
            rp2_order_known,
            rp2_order_open,
            rp2_approval_before_work,
            rp6_claim_before_repair,
        ),
        EvidenceAdded: (rp2_order_known, rp4_evidence_while_open),
        WorkCompleted: (rp2_order_known, rp5_order_started, rp5_completed_after_start),
        AcceptanceSigned: (
            rp2_order_known,
            rp3_order_completed,
            rp3_signed_by_reporter_or_substitute,
        ),
        OrderClosed: (
            rp2_order_known,
            rp3_order_completed,
            rp3_acceptance_before_close,
            rp4_project_evidence_complete,
            rp4_site_log_every_working_day,
        ),
        PlanAdopted: (rp7_plan_id_unique,),
        RoundRecorded: (rp7_round_id_unique, rp7_plan_known, rp7_defect_opens_request),
    }
)
"""The guards of each event type, in the order they run (one key per ``EVENT_TYPES``)."""


def check(state: Desk, event: DeskEvent, policy: RepairPolicy) -> None:
    """Run the guards of the event's type; raise the first refusal."""
    for guard in GUARDS[type(event)]:
        guard(state, event, policy)
