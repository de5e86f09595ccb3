"""The one-pass audit equals its checks; RP-4 site log and holiday work; RP-6 cost; RP-7 hazards."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics.compensation import AssetValue, Cause, DamageClaim, DamagedItem, Extent, assess
from schoollogistics.core import AssetCategory
from schoollogistics.core.money import Money
from schoollogistics.core.time import DateRange
from schoollogistics.core.violations import sort_violations
from schoollogistics.errors import RepairError
from schoollogistics.repairs import (
    DEFAULT_CHECKS,
    Acceptance,
    AddEvidence,
    AdoptPlan,
    Approve,
    AuditInput,
    CheckResult,
    CloseOrder,
    CompleteWork,
    Evidence,
    EvidenceKind,
    FileRequest,
    Frequency,
    MaintenancePlan,
    OpenOrder,
    RecordRound,
    RepairDesk,
    RepairLog,
    RepairPolicy,
    RepairRequest,
    RoundRecord,
    SchoolDays,
    SignAcceptance,
    StartWork,
    WorkerKind,
    WorkOrder,
    audit_repairs,
    rp6_claim_at_repair_cost,
)
from schoollogistics.testing.repairs import repair_logs, school_days, simulate_repairs

ZONE = "Asia/Shanghai"


def _at(day: pendulum.Date, hour: int) -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, tz=ZONE)


@settings(max_examples=60, deadline=None)
@given(
    log=repair_logs(),
    days=school_days(),
    offset=st.integers(-40, 40),
    length=st.integers(0, 120),
    weekdays=st.booleans(),
)
def test_one_pass_audit_equals_the_checks_run_one_by_one(
    log: RepairLog, days: SchoolDays, offset: int, length: int, weekdays: bool
) -> None:
    first = (days.days[0] if days.days else pendulum.Date(2025, 9, 1)).add(days=offset)
    period = DateRange(first, first.add(days=length))
    working = None if weekdays else days
    policy = RepairPolicy()
    fused = audit_repairs(log, policy, period, school_days=days, working_days=working)
    data = AuditInput(log, policy, period, days, working)
    assert fused == sort_violations(v for check in DEFAULT_CHECKS for v in check(data))
    again = audit_repairs(
        log, policy, period, school_days=days, working_days=working, checks=(*DEFAULT_CHECKS,)
    )
    assert fused == again


_COMPLIANT = simulate_repairs(10, school_days_count=20)

_ORDER_CHANGES = st.sampled_from(
    (
        "unapproved",
        "approved_after_start",
        "contractor",
        "unsigned",
        "refused",
        "signed_late",
        "other_signer",
        "unclosed",
        "unstarted",
        "man_made",
    )
)


def _changed_order(order: WorkOrder, change: str, log: RepairLog) -> tuple[WorkOrder, RepairLog]:
    started = order.started_at or order.opened_at
    closed = order.closed_at or started
    last = order.acceptances[-1] if order.acceptances else None
    edits: dict[str, Any] = {}  # attrs.evolve's fields, of several types
    if change == "unapproved":
        edits = {"approved_at": None, "approved_by": None}
    elif change == "approved_after_start":
        edits = {"approved_at": started.add(minutes=1), "approved_by": "校长"}
    elif change == "contractor":
        edits = {"worker_kind": WorkerKind.CONTRACTOR}
    elif change == "unsigned":
        edits = {"acceptances": ()}
    elif change == "refused" and last is not None:
        edits = {"acceptances": (attrs.evolve(last, accepted=False, reason="漏水"),)}
    elif change == "signed_late" and last is not None:
        edits = {"acceptances": (attrs.evolve(last, at=closed.add(minutes=1)),)}
    elif change == "other_signer" and last is not None:
        edits = {"acceptances": (attrs.evolve(last, signed_by="someone-else"),)}
    elif change == "unclosed":
        edits = {"closed_at": None}
    elif change == "unstarted":
        edits = {"started_at": None, "completed_at": None, "closed_at": None, "acceptances": ()}
    elif change == "man_made":
        requests = tuple(
            attrs.evolve(request, man_made=True)
            if request.request_id == order.request_id
            else request
            for request in log.requests
        )
        log = attrs.evolve(log, requests=requests)
    return attrs.evolve(order, **edits), log


@settings(max_examples=60, deadline=None)
@given(
    changes=st.lists(st.tuples(st.integers(0, 9), _ORDER_CHANGES), max_size=4),
    dropped=st.sets(st.integers(0, 9), max_size=3),
    utc=st.sets(st.integers(0, 9), max_size=2),
    offset=st.integers(-5, 5),
    length=st.integers(0, 30),
)
def test_one_pass_audit_equals_the_checks_near_a_compliant_log(
    changes: list[tuple[int, str]], dropped: set[int], utc: set[int], offset: int, length: int
) -> None:
    """Mostly compliant records: the inline compliant cases of the one pass decide alike."""
    log = _COMPLIANT.log()
    days = _COMPLIANT.school_days
    orders = list(log.orders)
    for index, change in changes:
        orders[index], log = _changed_order(orders[index], change, log)
    requests = tuple(
        attrs.evolve(request, filed_at=request.filed_at.in_timezone("UTC"))
        if number in utc
        else request
        for number, request in enumerate(log.requests)
    )
    responses = tuple(r for number, r in enumerate(log.responses) if number not in dropped)
    log = attrs.evolve(log, requests=requests, responses=responses, orders=tuple(orders))
    first = days.days[0].add(days=offset)
    period = DateRange(first, first.add(days=length))
    policy = RepairPolicy()
    fused = audit_repairs(log, policy, period, school_days=days)
    data = AuditInput(log, policy, period, days)
    assert fused == sort_violations(v for check in DEFAULT_CHECKS for v in check(data))


# ---------------------------------------------------------------- RP-4


MONDAY = pendulum.Date(2025, 9, 1)
TERM = SchoolDays([MONDAY.add(days=k) for k in range(60) if MONDAY.add(days=k).isoweekday() <= 5])


def _project(
    start: pendulum.Date, end: pendulum.Date, logs: tuple[pendulum.Date, ...]
) -> WorkOrder:
    evidence = tuple(
        Evidence(kind=kind, reference=f"e-{kind.value}", on=start)
        for kind in EvidenceKind
        if kind is not EvidenceKind.SITE_LOG
    ) + tuple(Evidence(kind=EvidenceKind.SITE_LOG, reference=f"log-{d}", on=d) for d in logs)
    return WorkOrder(
        order_id="W1",
        request_id="R1",
        opened_at=_at(start, 7),
        worker_kind=WorkerKind.CONTRACTOR,
        worker="某建筑公司",
        estimated_cost=Money(20000),
        project=True,
        approved_at=_at(start, 7),
        approved_by="校长",
        started_at=_at(start, 8),
        completed_at=_at(end, 17),
        cost=Money(19800),
        evidence=evidence,
    )


@pytest.mark.rule("RP-4")
def test_rp4_site_log_needs_an_entry_for_every_working_day() -> None:
    friday, tuesday = pendulum.Date(2025, 9, 5), pendulum.Date(2025, 9, 9)
    order = _project(friday, tuesday, (friday, tuesday))
    assert order.site_log_gaps(None, ZONE) == (pendulum.Date(2025, 9, 8),)  # Monday; not Sat/Sun
    full = _project(friday, tuesday, (friday, pendulum.Date(2025, 9, 8), tuesday))
    assert full.site_log_gaps(None, ZONE) == ()
    saturday = pendulum.Date(2025, 9, 6)  # a make-up working day given by the calendar
    working = SchoolDays([friday, saturday, pendulum.Date(2025, 9, 8), tuesday])
    assert full.site_log_gaps(working, ZONE) == (saturday,)
    assert attrs.evolve(full, project=False).site_log_gaps(None, ZONE) == ()


@pytest.mark.rule("RP-4")
def test_rp4_the_desk_refuses_to_close_with_a_site_log_gap_and_the_audit_flags_it() -> None:
    friday, tuesday = pendulum.Date(2025, 9, 5), pendulum.Date(2025, 9, 9)
    desk = RepairDesk("d", school_days=TERM)
    request = RepairRequest(
        request_id="R1",
        filed_at=_at(friday, 7),
        reporter="t1",
        unit="总务处",
        description="操场围墙",
        place_id="playground",
    )
    desk.execute(FileRequest(request))
    order = _project(friday, tuesday, (friday, tuesday))
    bare = attrs.evolve(
        order,
        approved_at=None,
        approved_by=None,
        started_at=None,
        completed_at=None,
        cost=None,
        evidence=(),
    )
    desk.execute(OpenOrder(bare))
    desk.execute(Approve("W1", _at(friday, 7), "校长"))
    desk.execute(StartWork("W1", _at(friday, 8)))
    for piece in order.evidence:
        desk.execute(AddEvidence("W1", piece))
    desk.execute(CompleteWork("W1", _at(tuesday, 17), Money(19800)))
    desk.execute(SignAcceptance("W1", Acceptance(signed_by="t1", at=_at(tuesday, 18))))
    before = desk.state()
    with pytest.raises(RepairError) as refused:
        desk.execute(CloseOrder("W1", _at(tuesday, 19)))
    assert refused.value.code == "repairs.evidence_missing"
    assert "2025-09-08" in str(refused.value.params)
    assert desk.state() == before
    log = attrs.evolve(
        desk.log(), orders=(attrs.evolve(desk.order("W1"), closed_at=_at(tuesday, 19)),)
    )
    found = audit_repairs(log, RepairPolicy(), DateRange(friday, tuesday), school_days=TERM)
    assert [(v.code, v.rule) for v in found if v.rule == "RP-4"] == [
        ("repairs.site_log_incomplete", "RP-4")
    ]


@pytest.mark.rule("RP-4")
def test_rp4_holiday_work_is_due_before_the_term_starts() -> None:
    summer = SchoolDays(
        [pendulum.Date(2025, 7, 4), pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 2)]
    )
    assert summer.term_start_after(pendulum.Date(2025, 8, 10)) == pendulum.Date(2025, 9, 1)
    assert summer.term_start_after(pendulum.Date(2025, 9, 1)) is None  # a school day
    assert summer.term_start_after(pendulum.Date(2025, 9, 3)) is None  # past the days
    week = SchoolDays([pendulum.Date(2025, 9, 30), pendulum.Date(2025, 10, 9)])
    assert week.term_start_after(pendulum.Date(2025, 10, 3)) is None  # the National Day week
    start, late = pendulum.Date(2025, 8, 11), pendulum.Date(2025, 9, 1)
    days = tuple(start.add(days=k) for k in range(22) if start.add(days=k).isoweekday() <= 5)
    order = attrs.evolve(_project(start, late, days), closed_at=_at(late, 18))
    period = DateRange(pendulum.Date(2025, 8, 1), pendulum.Date(2025, 9, 2))
    log = RepairLog(orders=(order,))
    codes = [v.code for v in audit_repairs(log, RepairPolicy(), period, school_days=summer)]
    assert "repairs.holiday_work_late" in codes
    early = pendulum.Date(2025, 8, 29)
    done = attrs.evolve(
        _project(start, early, tuple(d for d in days if d <= early)), closed_at=_at(early, 18)
    )
    log = RepairLog(orders=(done,))
    found = audit_repairs(log, RepairPolicy(), period, school_days=summer)
    assert [v.code for v in found if v.rule == "RP-4"] == []


# ---------------------------------------------------------------- RP-6


@pytest.mark.rule("RP-6")
def test_rp6_claim_assessed_at_the_repair_cost() -> None:
    value = AssetValue(Money("368.00"), pendulum.Date(2024, 9, 1), AssetCategory.STUDENT_FURNITURE)
    item = DamagedItem("课桌", value, Extent.REPAIRABLE, repair_quote=Money("60.00"))
    assessment = assess(DamageClaim("C-1", pendulum.Date(2025, 12, 20), Cause.NEGLIGENT, (item,)))
    day = pendulum.Date(2025, 12, 22)
    request = RepairRequest(
        request_id="R1",
        filed_at=_at(day, 8),
        reporter="t1",
        unit="三年级二班",
        description="课桌桌腿断裂",
        place_id="room-302",
        man_made=True,
        claim_id=assessment.claim_id,
        claim_settled_at=_at(day, 9),
    )
    order = WorkOrder(
        order_id="W1",
        request_id="R1",
        opened_at=_at(day, 9),
        worker_kind=WorkerKind.STAFF,
        worker="木工",
        estimated_cost=Money(60),
        started_at=_at(day, 10),
        completed_at=_at(day, 11),
        cost=Money("75.00"),
    )
    log = RepairLog(requests=(request,), orders=(order,))
    period = DateRange(day, day)
    found = rp6_claim_at_repair_cost(log, (assessment,), period, ZONE)
    assert [(v.code, v.rule, v.params["assessed"]) for v in found] == [
        ("repairs.claim_not_at_repair_cost", "RP-6", "60.00")
    ]
    exact = attrs.evolve(log, orders=(attrs.evolve(order, cost=Money("60.00")),))
    assert rp6_claim_at_repair_cost(exact, (assessment,), period, ZONE) == ()
    assert rp6_claim_at_repair_cost(log, (), period, ZONE) == ()  # claim not given
    assert (
        rp6_claim_at_repair_cost(
            log, (assessment,), DateRange(day.add(days=1), day.add(days=2)), ZONE
        )
        == ()
    )


# ---------------------------------------------------------------- RP-7


@pytest.mark.rule("RP-7")
def test_rp7_a_safety_defect_may_open_a_hidden_danger_entry_instead() -> None:
    desk = RepairDesk("d", school_days=TERM)
    plan = MaintenancePlan(
        plan_id="p",
        subject="大型玩具",
        frequency=Frequency.MONTHLY,
        checks=("滑梯",),
        starts_on=MONDAY,
    )
    desk.execute(AdoptPlan(plan))
    hazard = CheckResult(check="滑梯", ok=False, note="扶手松动", safety=True, hazard_id="HD-7")
    desk.execute(
        RecordRound(
            RoundRecord(round_id="r1", plan_id="p", on=MONDAY, by="王师傅", results=(hazard,))
        )
    )
    plain = CheckResult(check="滑梯", ok=False, note="掉漆", hazard_id="HD-8")
    before = desk.state()
    with pytest.raises(RepairError):
        desk.execute(
            RecordRound(
                RoundRecord(round_id="r2", plan_id="p", on=MONDAY, by="王师傅", results=(plain,))
            )
        )
    assert desk.state() == before
    rounds = (
        RoundRecord(round_id="r1", plan_id="p", on=MONDAY, by="王师傅", results=(hazard,)),
        RoundRecord(round_id="r2", plan_id="p", on=MONDAY, by="王师傅", results=(plain,)),
    )
    log = RepairLog(plans=(plan,), rounds=rounds)
    found = audit_repairs(log, RepairPolicy(), DateRange(MONDAY, MONDAY), school_days=TERM)
    assert [(v.code, v.subject) for v in found] == [("repairs.defect_without_request", "r2")]
    assert CheckResult(check="x").opened(()) is True
    assert CheckResult(check="x", ok=False, safety=True).opened(()) is False


def test_working_days_of_a_calendar() -> None:
    class _Calendar:
        def is_working_day(self, day: pendulum.Date) -> bool:
            return day.isoweekday() != 7

    days = SchoolDays.working_days_of(
        _Calendar(), pendulum.Date(2025, 9, 1), pendulum.Date(2025, 9, 8)
    )
    assert len(days.days) == 7
    assert pendulum.Date(2025, 9, 7) not in days.days
