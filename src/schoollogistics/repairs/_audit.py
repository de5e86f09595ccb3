"""The audit of repairs: plain records in, findings (violations) out (RP-1 … RP-7).

[`audit_repairs`][schoollogistics.repairs.audit_repairs] works on records from
any source (a desk's own log or an export), one check per rule, each a pure
function of an [`AuditInput`][schoollogistics.repairs.AuditInput]; the findings
come from the core catalogue and are returned in a canonical order.

The default audit does not call the checks one after the other: it makes one
pass over the requests and one over the orders, and asks the same per-record
tests the checks ask (``_answer_late``, ``_unapproved`` …), so that it gives
exactly the findings of ``DEFAULT_CHECKS`` run one by one (a property test pins
this) at a fraction of the cost. Pass ``checks=`` to run chosen checks alone.

What is in the period: requests filed in it (RP-1); orders whose work started
in it (RP-2, RP-6) or which closed in it (RP-3, RP-4); round windows that close
in it and round records dated in it (RP-7). Deadlines count the school days
given (``school_days``, e.g. ``SchoolDays.from_calendar(calendar, start, end)``);
a deadline past the last school day given is reported as unknown (an info).
A project's site log counts the official working days (``working_days``, e.g.
``SchoolDays.working_days_of(calendar, start, end)``; Monday to Friday when not
given), and holiday work is due before the first school day of the next term.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs
import pendulum

from schoollogistics.core.findings import FINDINGS as ALL_FINDINGS
from schoollogistics.core.findings import Finding
from schoollogistics.core.money import Money
from schoollogistics.core.time import DateRange, day_end, get_timezone, local_date
from schoollogistics.core.violations import Violation, sort_violations
from schoollogistics.repairs._policy import RepairPolicy
from schoollogistics.repairs._records import (
    _WEEKEND_ORDINALS,
    EVIDENCE_ZH,
    Deferral,
    EvidenceKind,
    Frequency,
    RepairLog,
    RepairRequest,
    Response,
    SchoolDays,
    WorkerKind,
    WorkOrder,
)
from schoollogistics.repairs._rounds import DueRound, due_rounds

if TYPE_CHECKING:
    from schoollogistics.compensation import Assessment

__all__ = [
    "DEFAULT_CHECKS",
    "FINDINGS",
    "AuditInput",
    "audit_repairs",
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

_DATE: Final = dt.datetime.date

FINDINGS: Final[Mapping[str, Finding]] = MappingProxyType(
    {code: entry for code, entry in ALL_FINDINGS.items() if entry.rule.startswith("RP-")}
)
"""Every finding the repairs audit can return, by code (read-only)."""


@attrs.frozen
class AuditInput:
    """What a check reads: the records, the policy, the period and the days it counts.

    The deadlines are memoised by filing day (one computation per day, not per
    request), the first answer, explanation and completion of each request are
    indexed once, and moments are compared with the period's bounds as they are.

    Attributes:
        log: The records.
        policy: The policy.
        period: The audited days.
        school_days: The school days deadlines and rounds count.
        working_days: The official working days a project's site log covers
            (RP-4; ``None``: Monday to Friday).
    """

    log: RepairLog
    policy: RepairPolicy
    period: DateRange
    school_days: SchoolDays
    working_days: SchoolDays | None = None
    _zone: pendulum.Timezone = attrs.field(init=False, eq=False, repr=False)
    _start: pendulum.DateTime = attrs.field(init=False, eq=False, repr=False)
    _end: pendulum.DateTime = attrs.field(init=False, eq=False, repr=False)
    _memo: dict[tuple[object, bool], _Deadlines] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )
    _by_id: dict[str, RepairRequest] = attrs.field(init=False, eq=False, repr=False, factory=dict)
    _firsts: dict[str, dict[str, pendulum.DateTime]] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        zone = get_timezone(self.policy.timezone)
        start, end = self.period.start, self.period.end
        object.__setattr__(self, "_zone", zone)
        object.__setattr__(
            self, "_start", pendulum.datetime(start.year, start.month, start.day, tz=zone)
        )
        object.__setattr__(self, "_end", day_end(end, zone))

    def in_period(self, moment: pendulum.DateTime | None) -> bool:
        """Whether ``moment`` falls on a day of the period (in the school's zone)."""
        return moment is not None and self._start <= moment < self._end

    @property
    def zone(self) -> pendulum.Timezone:
        """The school's timezone (the policy's)."""
        return self._zone

    @property
    def period_start(self) -> pendulum.DateTime:
        """The start of the period: midnight before its first day, school time."""
        return self._start

    @property
    def period_end(self) -> pendulum.DateTime:
        """The end of the period (exclusive): midnight after its last day, school time."""
        return self._end

    def _local_day(self, moment: pendulum.DateTime) -> dt.date:
        if moment.tzinfo is self._zone:  # a memo key: the stdlib's ``date()`` runs in C
            return _DATE(moment)
        return local_date(moment, self._zone)

    def deadlines(self, request: RepairRequest) -> _Deadlines:
        """The response and fix deadlines of the request (RP-1), memoised by filing day."""
        key = (self._local_day(request.filed_at), request.safety)
        found = self._memo.get(key)
        if found is None:
            policy, days = self.policy, self.school_days
            found = (policy.response_deadline(request, days), policy.fix_deadline(request, days))
            self._memo[key] = found
        return found

    def deadline(self, kind: str, request: RepairRequest) -> pendulum.DateTime | None:
        """The ``"response"`` or ``"fix"`` deadline of the request (RP-1)."""
        response, fix = self.deadlines(request)
        return response if kind == "response" else fix

    def requests(self) -> dict[str, RepairRequest]:
        """The requests by id (the first of a repeated id); built once, do not mutate."""
        if self._by_id:
            return self._by_id
        self._by_id.update(_first_by_id(self.log.requests))
        return self._by_id

    def first_answers(self) -> dict[str, pendulum.DateTime]:
        """The first answer to each request (built once, do not mutate)."""
        found = self._firsts.get("answers")
        if found is None:
            found = self._firsts["answers"] = _earliest(self.log.responses)
        return found

    def first_explanations(self) -> dict[str, pendulum.DateTime]:
        """The first explanation with a new date of each request (built once)."""
        found = self._firsts.get("explanations")
        if found is None:
            found = self._firsts["explanations"] = _earliest(self.log.deferrals)
        return found

    def first_completions(self) -> dict[str, pendulum.DateTime]:
        """The first completion of work on each request (built once)."""
        found = self._firsts.get("completions")
        if found is None:
            found = self._firsts["completions"] = {}
            get = found.get
            for order in self.log.orders:
                done = order.completed_at
                if done is not None:
                    known = get(order.request_id)
                    if known is None or done < known:
                        found[order.request_id] = done
        return found


_REQUEST_ID: Final = operator.attrgetter("request_id")

_Deadlines = tuple[pendulum.DateTime | None, pendulum.DateTime | None]

Check = Callable[[AuditInput], tuple[Violation, ...]]


def _first_by_id(requests: Sequence[RepairRequest]) -> dict[str, RepairRequest]:
    """The requests by id, the first of a repeated id winning.

    One pass over the records (at this scale reading the records again costs
    more than the interpreter's work on them).
    """
    return {request.request_id: request for request in reversed(requests)}


def _earliest(records: Sequence[Response | Deferral]) -> dict[str, pendulum.DateTime]:
    """The earliest moment (``at``) of the records given for each request."""
    first = {record.request_id: record.at for record in reversed(records)}
    if len(first) == len(records):  # each request once, the usual case
        return first
    first.clear()
    get = first.get
    for record in records:
        known = get(record.request_id)
        if known is None or record.at < known:
            first[record.request_id] = record.at
    return first


def _at(moment: pendulum.DateTime | None) -> str:
    return "never" if moment is None else moment.isoformat()


def _zh_at(moment: pendulum.DateTime | None) -> str:
    return "未回应" if moment is None else moment.isoformat()


def _zh_done(moment: pendulum.DateTime | None) -> str:
    return "未完工" if moment is None else moment.isoformat()


_LATE: Final = ALL_FINDINGS["repairs.answer_late"]
_UNEXPLAINED: Final = ALL_FINDINGS["repairs.fix_late_unexplained"]
_UNKNOWN: Final = ALL_FINDINGS["repairs.deadline_unknown"]
_UNAPPROVED: Final = ALL_FINDINGS["repairs.work_without_approval"]
_UNACCEPTED: Final = ALL_FINDINGS["repairs.closed_without_acceptance"]
_NO_EVIDENCE: Final = ALL_FINDINGS["repairs.project_without_evidence"]
_LOG_GAP: Final = ALL_FINDINGS["repairs.site_log_incomplete"]
_HOLIDAY_LATE: Final = ALL_FINDINGS["repairs.holiday_work_late"]
_BEFORE_CLAIM: Final = ALL_FINDINGS["repairs.repair_before_claim"]
_CLAIM_COST: Final = ALL_FINDINGS["repairs.claim_not_at_repair_cost"]
_MISSED: Final = ALL_FINDINGS["repairs.round_missed"]
_ORPHAN: Final = ALL_FINDINGS["repairs.defect_without_request"]

# ---------------------------------------------------------------- per-record tests
#
# One test per rule and record, shared by the checks and the one-pass audit:
# each returns its finding or None, and assumes the record is in the period.


def _answer_late(
    request: RepairRequest,
    deadline: pendulum.DateTime | None,
    answered: pendulum.DateTime | None,
    end: pendulum.DateTime,
) -> Violation | None:
    if deadline is None:
        if answered is None:
            return _UNKNOWN.violation(request.request_id, deadline="response")
        return None
    if (answered is None and deadline <= end) or (answered is not None and answered >= deadline):
        return _LATE.violation(
            request.request_id,
            deadline=deadline.isoformat(),
            answered=_at(answered),
            answered_zh=_zh_at(answered),
        )
    return None


def _fix_unexplained(
    request: RepairRequest,
    deadline: pendulum.DateTime | None,
    done: pendulum.DateTime | None,
    told: pendulum.DateTime | None,
    end: pendulum.DateTime,
) -> Violation | None:
    if deadline is None:
        if done is None:
            return _UNKNOWN.violation(request.request_id, deadline="fix")
        return None
    late = (done is None and deadline <= end) or (done is not None and done >= deadline)
    if late and (told is None or told >= deadline):
        return _UNEXPLAINED.violation(request.request_id, deadline=deadline.isoformat())
    return None


def _unapproved(
    order: WorkOrder, started: pendulum.DateTime, policy: RepairPolicy
) -> Violation | None:
    approved = order.approved_at
    if approved is not None and approved <= started:
        return None
    why = policy.approval_reason(order)
    if why is None:
        return None
    return _UNAPPROVED.violation(
        order.order_id,
        started_at=started.isoformat(),
        approved_at=_at(approved),
        why=why[0],
        why_zh=why[1],
    )


def _unaccepted(
    order: WorkOrder, closed: pendulum.DateTime, request: RepairRequest | None
) -> Violation | None:
    acceptances = order.acceptances
    last = acceptances[-1] if acceptances else None
    if last is not None and last.accepted and last.at <= closed and request is not None:
        signer = last.signed_by
        if signer == request.reporter or (signer == request.custodian and last.reason.strip()):
            return None
    return _UNACCEPTED.violation(
        order.order_id,
        closed_at=closed.isoformat(),
        signer="—" if last is None or not last.accepted else last.signed_by,
    )


def _unevidenced(order: WorkOrder) -> Violation | None:
    missing = order.missing_evidence()
    if not missing:
        return None
    return _NO_EVIDENCE.violation(
        order.order_id,
        missing=", ".join(kind.value for kind in missing),
        missing_zh="、".join(EVIDENCE_ZH[kind] for kind in missing),
    )


_SHOWN_DAYS: Final = 5


def _log_gaps(order: WorkOrder, data: AuditInput) -> Violation | None:
    gaps = order.site_log_gaps(data.working_days, data.policy.timezone)
    if not gaps:
        return None
    shown = ", ".join(day.isoformat() for day in gaps[:_SHOWN_DAYS])
    return _LOG_GAP.violation(
        order.order_id,
        count=str(len(gaps)),
        days=shown + (" …" if len(gaps) > _SHOWN_DAYS else ""),
    )


def _holiday_late(order: WorkOrder, data: AuditInput) -> Violation | None:
    """RP-4 and CA-1: a project started in a break is completed before the term starts."""
    started = order.started_at
    if not order.project or started is None:
        return None
    term = data.school_days.term_start_after(local_date(started, data.zone))
    if term is None or not data.period.start <= term <= data.period.end:
        return None
    starts = pendulum.datetime(term.year, term.month, term.day, tz=data.policy.timezone)
    done = order.completed_at
    if done is not None and done < starts:
        return None
    return _HOLIDAY_LATE.violation(
        order.order_id,
        term_starts=term.isoformat(),
        completed=_at(done),
        completed_zh=_zh_done(done),
    )


def _before_claim(
    order: WorkOrder,
    started: pendulum.DateTime,
    request: RepairRequest | None,
    policy: RepairPolicy,
) -> Violation | None:
    if request is None or not request.man_made or not policy.claim_needed_before_work(request):
        return None
    settled = request.claim_settled_at
    if settled is not None and settled <= started:
        return None
    return _BEFORE_CLAIM.violation(
        order.order_id,
        request=request.request_id,
        claim=request.claim_id or "none",
        started_at=started.isoformat(),
    )


# ---------------------------------------------------------------- the checks, one per rule


def rp1_answered_in_time(data: AuditInput) -> tuple[Violation, ...]:
    """RP-1: each request filed in the period is answered within the response deadline."""
    first, end = data.first_answers(), data.period_end
    found = (
        _answer_late(request, data.deadlines(request)[0], first.get(request.request_id), end)
        for request in data.requests().values()
        if data.in_period(request.filed_at)
    )
    return tuple(finding for finding in found if finding is not None)


def rp1_fixed_or_explained(data: AuditInput) -> tuple[Violation, ...]:
    """RP-1: a request not fixed by the fix deadline was explained, with a new date, by then."""
    completed, explained = data.first_completions(), data.first_explanations()
    end = data.period_end
    found = (
        _fix_unexplained(
            request,
            data.deadlines(request)[1],
            completed.get(request.request_id),
            explained.get(request.request_id),
            end,
        )
        for request in data.requests().values()
        if data.in_period(request.filed_at)
    )
    return tuple(finding for finding in found if finding is not None)


def rp2_approved_before_work(data: AuditInput) -> tuple[Violation, ...]:
    """RP-2: work above the small-repair limit started only after an approval (else 先斩后奏)."""
    found = (
        _unapproved(order, order.started_at, data.policy)
        for order in data.log.orders
        if order.started_at is not None and data.in_period(order.started_at)
    )
    return tuple(finding for finding in found if finding is not None)


def rp3_closed_with_acceptance(data: AuditInput) -> tuple[Violation, ...]:
    """RP-3: each order closed in the period was accepted, no later, by the reporter.

    Or by the room's custodian, with a reason.
    """
    requests = data.requests()
    found = (
        _unaccepted(order, order.closed_at, requests.get(order.request_id))
        for order in data.log.orders
        if order.closed_at is not None and data.in_period(order.closed_at)
    )
    return tuple(finding for finding in found if finding is not None)


def rp4_projects_evidenced(data: AuditInput) -> tuple[Violation, ...]:
    """RP-4: each project closed in the period has all its kinds of evidence."""
    found = (
        _unevidenced(order)
        for order in data.log.orders
        if order.project and data.in_period(order.closed_at)
    )
    return tuple(finding for finding in found if finding is not None)


def rp4_site_log_kept(data: AuditInput) -> tuple[Violation, ...]:
    """RP-4: each project closed in the period has a site-log entry for every working day."""
    found = (
        _log_gaps(order, data)
        for order in data.log.orders
        if order.project and data.in_period(order.closed_at)
    )
    return tuple(finding for finding in found if finding is not None)


def rp4_holiday_work_before_term(data: AuditInput) -> tuple[Violation, ...]:
    """RP-4, CA-1: a project started in a break is completed before the next term starts.

    Checked for the terms whose first school day falls in the period.
    """
    found = (_holiday_late(order, data) for order in data.log.orders if order.project)
    return tuple(finding for finding in found if finding is not None)


def rp6_claim_settled_first(data: AuditInput) -> tuple[Violation, ...]:
    """RP-6: man-made damage was repaired after its claim was settled.

    Unless the policy lets safety items be repaired first.
    """
    requests = data.requests()
    found = (
        _before_claim(order, order.started_at, requests.get(order.request_id), data.policy)
        for order in data.log.orders
        if order.started_at is not None and data.in_period(order.started_at)
    )
    return tuple(finding for finding in found if finding is not None)


def rp6_claim_at_repair_cost(
    log: RepairLog, assessments: Iterable[Assessment], period: DateRange, timezone: str
) -> tuple[Violation, ...]:
    """RP-6, DC-4: the claim of a man-made damage was assessed at the repair's actual cost.

    A cross-check of two areas, outside the default audit (it reads the
    compensation area's [`Assessment`][schoollogistics.compensation.Assessment]
    records): for each order completed in the period whose request names a
    claim, the repair quotes of that claim's repairable lines (those of the
    request's tags, or all of them for an untagged request) should add up to
    the order's cost. A difference is a warning: the family paid for a repair
    that cost something else. A line whose quote was capped at the item's value
    (DC-4) is compared by its quote, not by the capped loss. A claim named but
    not given is not reported here.

    Args:
        log: The repair records.
        assessments: The compensation area's assessments (any order).
        period: The days whose completed orders are checked.
        timezone: The school's timezone (the days of completion).
    """
    by_claim = {assessment.claim_id: assessment for assessment in assessments}
    requests = _first_by_id(log.requests)
    zone = get_timezone(timezone)
    found: list[Violation] = []
    for order in log.orders:
        done, cost = order.completed_at, order.cost
        request = requests.get(order.request_id)
        if done is None or cost is None or request is None or request.claim_id is None:
            continue
        if local_date(done, zone) not in period:
            continue
        assessment = by_claim.get(request.claim_id)
        if assessment is None:
            continue
        quotes = _repair_quotes(assessment, request.tags)
        if quotes != cost:
            found.append(
                _CLAIM_COST.violation(
                    order.order_id, cost=cost, claim=request.claim_id, assessed=quotes
                )
            )
    return sort_violations(found)


def _repair_quotes(assessment: Assessment, tags: Sequence[str]) -> Money:
    wanted = set(tags)
    return sum(
        (
            line.repair_quote
            for line in assessment.lines
            if line.repair_quote is not None and (not wanted or line.tag in wanted)
        ),
        start=Money(0),
    )


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
    """RP-7: each round window closing in the period has its round; each defect a request.

    A safety defect may open a hidden-danger entry (SF-3) instead of a request.
    """
    done: dict[str, list[pendulum.Date]] = {}
    for record in data.log.rounds:
        done.setdefault(record.plan_id, []).append(record.on)
    found: list[Violation] = []
    for plan in data.log.plans:
        days = sorted(done.get(plan.plan_id, []))
        found.extend(
            _missed(_MISSED, plan.subject, plan.frequency, window)
            for window in due_rounds(plan, data.school_days, data.period.start, data.period.end)
            if not any(window.opens_on <= day <= window.due_on for day in days)
        )
    requests = data.requests()
    for record in data.log.rounds:
        if not data.period.start <= record.on <= data.period.end:
            continue
        found.extend(
            _ORPHAN.violation(record.round_id, check=result.check, on=record.on.isoformat())
            for result in record.defects
            if not result.opened(requests)
        )
    return tuple(found)


DEFAULT_CHECKS: Final[tuple[Check, ...]] = (
    rp1_answered_in_time,
    rp1_fixed_or_explained,
    rp2_approved_before_work,
    rp3_closed_with_acceptance,
    rp4_projects_evidenced,
    rp4_site_log_kept,
    rp4_holiday_work_before_term,
    rp6_claim_settled_first,
    rp7_rounds_kept,
)
"""The checks of the default audit, one or more per rule."""


def _one_pass(data: AuditInput) -> list[Violation]:  # noqa: PLR0915  # inlined for speed
    """The findings of ``DEFAULT_CHECKS``: one pass over the orders, one over the requests.

    The compliant cases of RP-1 (answered and fixed before the deadlines), RP-2
    (approved before the start, or needing no approval) and RP-3 (accepted by
    the reporter before the close) are recognised inline; anything else goes to
    the per-record tests of the checks, which decide.
    """
    found: list[Violation] = []
    add = found.append
    start, end = data.period_start, data.period_end
    requests, policy = data.requests(), data.policy
    # RP-2 inline: the case where ``policy.approval_reason`` gives ``None`` (a
    # staff estimate under the limit, most orders), without its call per order.
    limit = policy.small_repair_limit.amount
    contractor = WorkerKind.CONTRACTOR if policy.contractor_needs_approval else None
    # The first completion of each request, gathered in this pass (what
    # ``first_completions`` gives, without reading the orders a second time).
    completions: dict[str, pendulum.DateTime] = {}
    completed = completions.get
    for order in data.log.orders:
        started, closed = order.started_at, order.closed_at
        key = order.request_id
        done = order.completed_at
        if done is not None:
            known = completed(key)
            if known is None or done < known:
                completions[key] = done
        owner = requests.get(key)
        if started is not None and start <= started < end:
            approved = order.approved_at
            if (approved is None or started < approved) and (
                order.worker_kind is contractor or order.estimated_cost.amount >= limit
            ):
                finding = _unapproved(order, started, policy)
                if finding is not None:
                    add(finding)
            if owner is not None and owner.man_made:
                finding = _before_claim(order, started, owner, policy)
                if finding is not None:
                    add(finding)
        if closed is not None and start <= closed < end:
            signed = order.acceptances
            last = signed[-1] if signed else None
            if (
                last is None
                or owner is None
                or not last.accepted
                or closed < last.at
                or last.signed_by != owner.reporter
            ):
                finding = _unaccepted(order, closed, owner)
                if finding is not None:
                    add(finding)
        if order.project:
            found.extend(_project_findings(order, data, closed))
    answers, explanations = data.first_answers(), data.first_explanations()
    deadlines, zone = data.deadlines, data._zone
    # The deadlines by filing day, one dict per safety flag: a date key hashes
    # in C, where a (date, flag) tuple would be built per request.
    by_day: tuple[dict[dt.date, _Deadlines], dict[dt.date, _Deadlines]] = ({}, {})
    for request in requests.values():
        filed = request.filed_at
        if not start <= filed < end:
            continue
        if filed.tzinfo is zone:
            memo = by_day[request.safety]
            day = _DATE(filed)
            pair = memo.get(day)
            if pair is None:
                pair = memo[day] = deadlines(request)
        else:
            pair = deadlines(request)
        response, fix = pair
        key = request.request_id
        answered, done = answers.get(key), completed(key)
        if response is None or answered is None or answered >= response:
            finding = _answer_late(request, response, answered, end)
            if finding is not None:
                add(finding)
        if fix is None or done is None or done >= fix:
            finding = _fix_unexplained(request, fix, done, explanations.get(key), end)
            if finding is not None:
                add(finding)
    found.extend(rp7_rounds_kept(data))
    return found


def _project_findings(
    order: WorkOrder, data: AuditInput, closed: pendulum.DateTime | None
) -> list[Violation]:
    findings = [_holiday_late(order, data)]
    if data.in_period(closed):
        if not _evidenced(order):
            findings.append(_unevidenced(order))
        if data.working_days is not None or not _site_log_full(order, data._zone):
            findings.append(_log_gaps(order, data))
    return [finding for finding in findings if finding is not None]


# The ids of the kinds of evidence a project needs (RP-4), by whether a
# contractor works on it: ids hash in C, an Enum member's hash runs Python code.
_NEEDED_IDS: Final = (
    frozenset(id(kind) for kind in EvidenceKind if kind is not EvidenceKind.SAFETY_AGREEMENT),
    frozenset(id(kind) for kind in EvidenceKind),
)


def _evidenced(order: WorkOrder) -> bool:
    """Whether a project has every kind of evidence: ``not order.missing_evidence()``, faster."""
    have = {id(piece.kind) for piece in order.evidence}
    return _NEEDED_IDS[order.worker_kind is WorkerKind.CONTRACTOR] <= have


def _site_log_full(order: WorkOrder, zone: pendulum.Timezone) -> bool:
    """Whether ``order.site_log_gaps(None, …)`` is surely empty (``False``: ask it).

    A fast path for moments in the school's zone: the days compared as
    ordinals (``toordinal`` runs in C, pendulum's date arithmetic does not).
    """
    started, completed = order.started_at, order.completed_at
    if started is None or completed is None:
        return True
    if started.tzinfo is not zone or completed.tzinfo is not zone:
        return False
    logged = {piece.on.toordinal() for piece in order.evidence if piece.kind is _SITE_LOG}
    return all(
        ordinal % 7 in _WEEKEND_ORDINALS or ordinal in logged
        for ordinal in range(started.toordinal(), completed.toordinal() + 1)
    )


_SITE_LOG: Final = EvidenceKind.SITE_LOG


def audit_repairs(
    records: RepairLog,
    policy: RepairPolicy,
    period: DateRange,
    *,
    school_days: SchoolDays,
    working_days: SchoolDays | None = None,
    checks: tuple[Check, ...] = DEFAULT_CHECKS,
) -> tuple[Violation, ...]:
    """Audit repair records over ``period``: the findings of every check, in canonical order.

    Args:
        records: The records (a desk's ``log()`` or an export).
        policy: The rules' settings.
        period: The audited days.
        school_days: The school days deadlines and rounds count.
        working_days: The official working days a project's site log must
            cover (RP-4); default Monday to Friday.
        checks: The checks to run (default: every rule, in one pass).

    Returns:
        The findings (empty when the records follow every rule); never raises for
        what the records contain.
    """
    data = AuditInput(records, policy, period, school_days, working_days)
    if checks is DEFAULT_CHECKS:
        return sort_violations(_one_pass(data))
    return sort_violations(violation for check in checks for violation in check(data))
