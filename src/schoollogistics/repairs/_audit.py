"""The audit of repairs: plain records in, findings (violations) out (RP-1 … RP-7).

[`audit_repairs`][schoollogistics.repairs.audit_repairs] works on records from
any source (a desk's own log or an export), one check per rule, each a pure
function of an [`AuditInput`][schoollogistics.repairs.AuditInput]; the findings
come from the core catalogue and are returned in a canonical order.

What is in the period: requests filed in it (RP-1); orders whose work started
in it (RP-2, RP-6) or which closed in it (RP-3, RP-4); round windows that close
in it and round records dated in it (RP-7). Deadlines count the school days
given (``school_days``, e.g. ``SchoolDays.from_calendar(calendar, start, end)``);
a deadline past the last school day given is reported as unknown (an info).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Final

import attrs
import pendulum

from schoollogistics.core.findings import FINDINGS as ALL_FINDINGS
from schoollogistics.core.findings import Finding
from schoollogistics.core.time import DateRange, get_timezone
from schoollogistics.core.violations import Violation, sort_violations
from schoollogistics.repairs._policy import RepairPolicy
from schoollogistics.repairs._records import (
    EVIDENCE_ZH,
    Frequency,
    RepairLog,
    RepairRequest,
    SchoolDays,
    WorkOrder,
)
from schoollogistics.repairs._rounds import DueRound, due_rounds

__all__ = [
    "DEFAULT_CHECKS",
    "FINDINGS",
    "AuditInput",
    "audit_repairs",
    "rp1_answered_in_time",
    "rp1_fixed_or_explained",
    "rp2_approved_before_work",
    "rp3_closed_with_acceptance",
    "rp4_projects_evidenced",
    "rp6_claim_settled_first",
    "rp7_rounds_kept",
]

_DATE: Final = dt.datetime.date

FINDINGS: Final[Mapping[str, Finding]] = MappingProxyType(
    {code: entry for code, entry in ALL_FINDINGS.items() if entry.rule.startswith("RP-")}
)
"""Every finding the repairs audit can return, by code (read-only)."""


@attrs.frozen
class AuditInput:
    """What a check reads: the records, the policy, the period and the school days.

    The deadlines are memoised by filing day (one computation per day, not per
    request), and moments are compared with the period's bounds as they are.

    Attributes:
        log: The records.
        policy: The policy.
        period: The audited days.
        school_days: The school days deadlines and rounds count.
    """

    log: RepairLog
    policy: RepairPolicy
    period: DateRange
    school_days: SchoolDays
    _zone: pendulum.Timezone = attrs.field(init=False, eq=False, repr=False)
    _start: pendulum.DateTime = attrs.field(init=False, eq=False, repr=False)
    _end: pendulum.DateTime = attrs.field(init=False, eq=False, repr=False)
    _memo: dict[tuple[str, object, bool], pendulum.DateTime | None] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )
    _by_id: dict[str, RepairRequest] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        zone = get_timezone(self.policy.timezone)
        start, end = self.period.start, self.period.end
        object.__setattr__(self, "_zone", zone)
        object.__setattr__(
            self, "_start", pendulum.datetime(start.year, start.month, start.day, tz=zone)
        )
        object.__setattr__(
            self, "_end", pendulum.datetime(end.year, end.month, end.day, tz=zone).add(days=1)
        )

    def in_period(self, moment: pendulum.DateTime | None) -> bool:
        """Whether ``moment`` falls on a day of the period (in the school's zone)."""
        return moment is not None and self._start <= moment < self._end

    @property
    def period_end(self) -> pendulum.DateTime:
        """The end of the period (exclusive): midnight after its last day, school time."""
        return self._end

    def _local_day(self, moment: pendulum.DateTime) -> object:
        if moment.tzinfo is self._zone:
            return _DATE(moment)  # C-level: pendulum's ``date()`` runs in Python
        return moment.in_timezone(self._zone).date()

    def deadline(self, kind: str, request: RepairRequest) -> pendulum.DateTime | None:
        """The ``"response"`` or ``"fix"`` deadline of the request (RP-1), memoised by day."""
        key = (kind, self._local_day(request.filed_at), request.safety and kind == "response")
        try:
            return self._memo[key]
        except KeyError:
            policy, days = self.policy, self.school_days
            found = (
                policy.response_deadline(request, days)
                if kind == "response"
                else policy.fix_deadline(request, days)
            )
            self._memo[key] = found
            return found

    def requests(self) -> dict[str, RepairRequest]:
        """The requests by id (the first of a repeated id); built once, do not mutate."""
        if self._by_id:
            return self._by_id
        found = self._by_id
        for request in self.log.requests:
            found.setdefault(request.request_id, request)
        return found


Check = Callable[[AuditInput], tuple[Violation, ...]]


def _earliest(
    pairs: Iterable[tuple[str, pendulum.DateTime]],
) -> dict[str, pendulum.DateTime]:
    """The earliest moment given for each request id."""
    first: dict[str, pendulum.DateTime] = {}
    for key, moment in pairs:
        known = first.get(key)
        if known is None or moment < known:
            first[key] = moment
    return first


def _at(moment: pendulum.DateTime | None) -> str:
    return "never" if moment is None else moment.isoformat()


def _zh_at(moment: pendulum.DateTime | None) -> str:
    return "未回应" if moment is None else moment.isoformat()


def rp1_answered_in_time(data: AuditInput) -> tuple[Violation, ...]:
    """RP-1: each request filed in the period is answered within the response deadline."""
    first = _earliest((r.request_id, r.at) for r in data.log.responses)
    found: list[Violation] = []
    end = data.period_end
    late = ALL_FINDINGS["repairs.answer_late"]
    unknown = ALL_FINDINGS["repairs.deadline_unknown"]
    for request in data.requests().values():
        if not data.in_period(request.filed_at):
            continue
        deadline = data.deadline("response", request)
        answered = first.get(request.request_id)
        if deadline is None:
            if answered is None:
                found.append(unknown.violation(request.request_id, deadline="response"))
            continue
        if (answered is None and deadline <= end) or (
            answered is not None and answered >= deadline
        ):
            found.append(
                late.violation(
                    request.request_id,
                    deadline=deadline.isoformat(),
                    answered=_at(answered),
                    answered_zh=_zh_at(answered),
                )
            )
    return tuple(found)


def rp1_fixed_or_explained(data: AuditInput) -> tuple[Violation, ...]:
    """RP-1: a request not fixed by the fix deadline was explained, with a new date, by then."""
    completed = _earliest(
        (o.request_id, o.completed_at) for o in data.log.orders if o.completed_at is not None
    )
    explained = _earliest((d.request_id, d.at) for d in data.log.deferrals)
    found: list[Violation] = []
    end = data.period_end
    entry = ALL_FINDINGS["repairs.fix_late_unexplained"]
    unknown = ALL_FINDINGS["repairs.deadline_unknown"]
    for request in data.requests().values():
        if not data.in_period(request.filed_at):
            continue
        deadline = data.deadline("fix", request)
        done = completed.get(request.request_id)
        if deadline is None:
            if done is None:
                found.append(unknown.violation(request.request_id, deadline="fix"))
            continue
        late = (done is None and deadline <= end) or (done is not None and done >= deadline)
        told = explained.get(request.request_id)
        if late and (told is None or told >= deadline):
            found.append(entry.violation(request.request_id, deadline=deadline.isoformat()))
    return tuple(found)


def rp2_approved_before_work(data: AuditInput) -> tuple[Violation, ...]:
    """RP-2: work above the small-repair limit started only after an approval (else 先斩后奏)."""
    entry = ALL_FINDINGS["repairs.work_without_approval"]
    found: list[Violation] = []
    for order in data.log.orders:
        if not data.in_period(order.started_at) or order.started_at is None:
            continue
        why = data.policy.approval_reason(order)
        if why is None:
            continue
        if order.approved_at is None or order.approved_at > order.started_at:
            found.append(
                entry.violation(
                    order.order_id,
                    started_at=order.started_at.isoformat(),
                    approved_at=_at(order.approved_at),
                    why=why[0],
                    why_zh=why[1],
                )
            )
    return tuple(found)


def _signer_ok(order: WorkOrder, request: RepairRequest | None) -> bool:
    accepted = order.accepted
    if accepted is None or request is None:
        return False
    if accepted.signed_by == request.reporter:
        return True
    return accepted.signed_by == request.custodian and bool(accepted.reason.strip())


def rp3_closed_with_acceptance(data: AuditInput) -> tuple[Violation, ...]:
    """RP-3: each order closed in the period was accepted, no later, by the reporter.

    Or by the room's custodian, with a reason.
    """
    entry = ALL_FINDINGS["repairs.closed_without_acceptance"]
    requests = data.requests()
    found: list[Violation] = []
    for order in data.log.orders:
        closed = order.closed_at
        if closed is None or not data.in_period(closed):
            continue
        accepted = order.accepted
        on_time = accepted is not None and accepted.at <= closed
        if not (on_time and _signer_ok(order, requests.get(order.request_id))):
            found.append(
                entry.violation(
                    order.order_id,
                    closed_at=closed.isoformat(),
                    signer="—" if accepted is None else accepted.signed_by,
                )
            )
    return tuple(found)


def rp4_projects_evidenced(data: AuditInput) -> tuple[Violation, ...]:
    """RP-4: each project closed in the period has all its evidence."""
    entry = ALL_FINDINGS["repairs.project_without_evidence"]
    found: list[Violation] = []
    for order in data.log.orders:
        if not data.in_period(order.closed_at):
            continue
        missing = order.missing_evidence()
        if missing:
            found.append(
                entry.violation(
                    order.order_id,
                    missing=", ".join(kind.value for kind in missing),
                    missing_zh="、".join(EVIDENCE_ZH[kind] for kind in missing),
                )
            )
    return tuple(found)


def rp6_claim_settled_first(data: AuditInput) -> tuple[Violation, ...]:
    """RP-6: man-made damage was repaired after its claim was settled.

    Unless the policy lets safety items be repaired first.
    """
    entry = ALL_FINDINGS["repairs.repair_before_claim"]
    requests = data.requests()
    found: list[Violation] = []
    for order in data.log.orders:
        started = order.started_at
        request = requests.get(order.request_id)
        if started is None or request is None or not data.in_period(started):
            continue
        if not data.policy.claim_needed_before_work(request):
            continue
        settled = request.claim_settled_at
        if settled is None or settled > started:
            found.append(
                entry.violation(
                    order.order_id,
                    request=request.request_id,
                    claim=request.claim_id or "none",
                    started_at=started.isoformat(),
                )
            )
    return tuple(found)


def _missed(entry: Finding, subject: str, frequency: Frequency, window: DueRound) -> Violation:
    return entry.violation(
        window.plan_id,
        subject_name=subject,
        frequency=frequency.value,
        frequency_zh=frequency.label_zh,
        opens_on=window.opens_on.isoformat(),
        due_on=window.due_on.isoformat(),
    )


def rp7_rounds_kept(data: AuditInput) -> tuple[Violation, ...]:
    """RP-7: each round window closing in the period has its round; each defect a request."""
    missed = ALL_FINDINGS["repairs.round_missed"]
    orphan = ALL_FINDINGS["repairs.defect_without_request"]
    done: dict[str, list[pendulum.Date]] = {}
    for record in data.log.rounds:
        done.setdefault(record.plan_id, []).append(record.on)
    found: list[Violation] = []
    for plan in data.log.plans:
        days = sorted(done.get(plan.plan_id, []))
        found.extend(
            _missed(missed, plan.subject, plan.frequency, window)
            for window in due_rounds(plan, data.school_days, data.period.start, data.period.end)
            if not any(window.opens_on <= day <= window.due_on for day in days)
        )
    requests = data.requests()
    for record in data.log.rounds:
        if not data.period.start <= record.on <= data.period.end:
            continue
        found.extend(
            orphan.violation(record.round_id, check=result.check, on=record.on.isoformat())
            for result in record.defects
            if result.request_id is None or result.request_id not in requests
        )
    return tuple(found)


DEFAULT_CHECKS: Final[tuple[Check, ...]] = (
    rp1_answered_in_time,
    rp1_fixed_or_explained,
    rp2_approved_before_work,
    rp3_closed_with_acceptance,
    rp4_projects_evidenced,
    rp6_claim_settled_first,
    rp7_rounds_kept,
)
"""The checks of the default audit, one or two per rule."""


def audit_repairs(
    records: RepairLog,
    policy: RepairPolicy,
    period: DateRange,
    *,
    school_days: SchoolDays,
    checks: tuple[Check, ...] = DEFAULT_CHECKS,
) -> tuple[Violation, ...]:
    """Audit repair records over ``period``: the findings of every check, in canonical order.

    Args:
        records: The records (a desk's ``log()`` or an export).
        policy: The rules' settings.
        period: The audited days.
        school_days: The school days deadlines and rounds count.
        checks: The checks to run (default: every rule).

    Returns:
        The findings (empty when the records follow every rule); never raises for
        what the records contain.
    """
    data = AuditInput(records, policy, period, school_days)
    return sort_violations(violation for check in checks for violation in check(data))
