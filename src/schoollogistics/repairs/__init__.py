"""Repairs and maintenance (报修、维修): requests, work orders, acceptance, rounds, audits.

Rules RP-1 … RP-7 (school regulations on 报修, 审批, 验收 and preventive rounds):

* [`RepairPolicy`][schoollogistics.repairs.RepairPolicy]: the configurable rules
  (response and fix deadlines in school days, the small-repair limit, claim first);
  [`SchoolDays`][schoollogistics.repairs.SchoolDays]: the school days they count;
* records: [`RepairRequest`][schoollogistics.repairs.RepairRequest] (报修单),
  [`Response`][schoollogistics.repairs.Response], [`Deferral`][schoollogistics.repairs.Deferral],
  [`WorkOrder`][schoollogistics.repairs.WorkOrder] (维修单, with its
  [`Evidence`][schoollogistics.repairs.Evidence] and
  [`Acceptance`][schoollogistics.repairs.Acceptance] signatures),
  [`MaintenancePlan`][schoollogistics.repairs.MaintenancePlan] and
  [`RoundRecord`][schoollogistics.repairs.RoundRecord], bundled in a
  [`RepairLog`][schoollogistics.repairs.RepairLog];
* commands ([`DeskCommand`][schoollogistics.repairs.DeskCommand]) and events
  ([`DeskEvent`][schoollogistics.repairs.DeskEvent]) of the
  [`RepairDesk`][schoollogistics.repairs.RepairDesk], a pure aggregate whose
  guards are named after the rules (``rp2_approval_before_work`` …);
* [`audit_repairs`][schoollogistics.repairs.audit_repairs]: findings as data;
* [`post_repair`][schoollogistics.repairs.post_repair]: the cost to the asset
  ledger, all or nothing (RP-5);
* [`due_rounds`][schoollogistics.repairs.due_rounds],
  [`overdue_rounds`][schoollogistics.repairs.overdue_rounds],
  [`next_due`][schoollogistics.repairs.next_due]: preventive rounds (RP-7);
* ``render_request_form``, ``render_acceptance_form``, ``render_overdue_rounds``:
  the Chinese documents as text.
"""

from schoollogistics.repairs._audit import (
    DEFAULT_CHECKS,
    FINDINGS,
    AuditInput,
    audit_repairs,
    rp1_answered_in_time,
    rp1_fixed_or_explained,
    rp2_approved_before_work,
    rp3_closed_with_acceptance,
    rp4_holiday_work_before_term,
    rp4_projects_evidenced,
    rp4_site_log_kept,
    rp6_claim_at_repair_cost,
    rp6_claim_settled_first,
    rp7_rounds_kept,
)
from schoollogistics.repairs._commands import (
    COMMAND_TYPES,
    AddEvidence,
    AdoptPlan,
    Approve,
    CloseOrder,
    CompleteWork,
    Defer,
    DeskCommand,
    FileRequest,
    OpenOrder,
    RecordRound,
    Respond,
    SignAcceptance,
    StartWork,
)
from schoollogistics.repairs._desk import (
    RepairDesk,
)
from schoollogistics.repairs._documents import (
    render_acceptance_form,
    render_overdue_rounds,
    render_request_form,
)
from schoollogistics.repairs._events import (
    EVENT_TYPES,
    AcceptanceSigned,
    DeskEvent,
    DeskState,
    EvidenceAdded,
    OrderApproved,
    OrderClosed,
    OrderOpened,
    PlanAdopted,
    RecordedDeskEvent,
    RepairDeferred,
    RequestAnswered,
    RequestFiled,
    RoundRecorded,
    WorkCompleted,
    WorkStarted,
)
from schoollogistics.repairs._ledger import (
    post_repair,
    repair_commands,
)
from schoollogistics.repairs._policy import (
    RepairAccounting,
    RepairPolicy,
)
from schoollogistics.repairs._records import (
    Acceptance,
    CheckResult,
    Deferral,
    Evidence,
    EvidenceKind,
    Frequency,
    MaintenancePlan,
    RepairLog,
    RepairRequest,
    Response,
    RoundRecord,
    SchoolDays,
    WorkerKind,
    WorkOrder,
)
from schoollogistics.repairs._rounds import (
    DueRound,
    due_rounds,
    next_due,
    overdue_rounds,
)

__all__ = [
    "COMMAND_TYPES",
    "DEFAULT_CHECKS",
    "EVENT_TYPES",
    "FINDINGS",
    "Acceptance",
    "AcceptanceSigned",
    "AddEvidence",
    "AdoptPlan",
    "Approve",
    "AuditInput",
    "CheckResult",
    "CloseOrder",
    "CompleteWork",
    "Defer",
    "Deferral",
    "DeskCommand",
    "DeskEvent",
    "DeskState",
    "DueRound",
    "Evidence",
    "EvidenceAdded",
    "EvidenceKind",
    "FileRequest",
    "Frequency",
    "MaintenancePlan",
    "OpenOrder",
    "OrderApproved",
    "OrderClosed",
    "OrderOpened",
    "PlanAdopted",
    "RecordRound",
    "RecordedDeskEvent",
    "RepairAccounting",
    "RepairDeferred",
    "RepairDesk",
    "RepairLog",
    "RepairPolicy",
    "RepairRequest",
    "RequestAnswered",
    "RequestFiled",
    "Respond",
    "Response",
    "RoundRecord",
    "RoundRecorded",
    "SchoolDays",
    "SignAcceptance",
    "StartWork",
    "WorkCompleted",
    "WorkOrder",
    "WorkStarted",
    "WorkerKind",
    "audit_repairs",
    "due_rounds",
    "next_due",
    "overdue_rounds",
    "post_repair",
    "render_acceptance_form",
    "render_overdue_rounds",
    "render_request_form",
    "repair_commands",
    "rp1_answered_in_time",
    "rp1_fixed_or_explained",
    "rp2_approved_before_work",
    "rp3_closed_with_acceptance",
    "rp4_holiday_work_before_term",
    "rp4_projects_evidenced",
    "rp4_site_log_kept",
    "rp6_claim_at_repair_cost",
    "rp6_claim_settled_first",
    "rp7_rounds_kept",
]
