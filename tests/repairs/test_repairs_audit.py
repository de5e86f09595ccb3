"""The repairs audit: compliant records give nothing; each injected fault is found with its rule."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import serialization
from schoollogistics.core.money import Money
from schoollogistics.core.time import DateRange
from schoollogistics.repairs import (
    CheckResult,
    Frequency,
    MaintenancePlan,
    RepairLog,
    RepairPolicy,
    RoundRecord,
    SchoolDays,
    WorkerKind,
    audit_repairs,
    due_rounds,
    next_due,
    overdue_rounds,
    render_overdue_rounds,
)
from schoollogistics.testing.repairs import repair_logs, simulate_repairs

ZONE = "Asia/Shanghai"


def _setup(n: int = 12) -> tuple[RepairLog, SchoolDays, DateRange]:
    desk = simulate_repairs(n, school_days_count=30)
    days = desk.school_days
    return desk.log(), days, DateRange(days.days[0], days.days[-1])


def _audit(log: RepairLog, days: SchoolDays, period: DateRange) -> set[tuple[str, str]]:
    return {(v.code, v.rule) for v in audit_repairs(log, RepairPolicy(), period, school_days=days)}


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 25))
def test_compliant_records_give_no_finding(n: int) -> None:
    log, days, period = _setup(n)
    assert audit_repairs(log, RepairPolicy(), period, school_days=days) == ()


def _first_order(log: RepairLog, pick: Callable[[object], bool], **changes: object) -> RepairLog:
    orders = list(log.orders)
    index = next(i for i, o in enumerate(orders) if pick(o))
    orders[index] = attrs.evolve(orders[index], **changes)  # type: ignore[arg-type]
    return attrs.evolve(log, orders=tuple(orders))


@pytest.mark.rule("RP-1")
def test_rp1_late_answer_and_unexplained_late_fix() -> None:
    log, days, period = _setup()
    first = log.requests[1]
    late = attrs.evolve(
        log, responses=tuple(r for r in log.responses if r.request_id != first.request_id)
    )
    assert ("repairs.answer_late", "RP-1") in _audit(late, days, period)
    slow = _first_order(
        log,
        lambda o: o.request_id == first.request_id,  # type: ignore[attr-defined]
        completed_at=first.filed_at.add(days=10),
        acceptances=(),
        closed_at=None,
    )
    assert _audit(slow, days, period) == {("repairs.fix_late_unexplained", "RP-1")}


@pytest.mark.rule("RP-2")
def test_rp2_work_without_approval_is_flagged() -> None:
    log, days, period = _setup()
    bad = _first_order(
        log,
        lambda o: o.worker_kind is WorkerKind.CONTRACTOR,  # type: ignore[attr-defined]
        approved_at=None,
        approved_by=None,
    )
    assert _audit(bad, days, period) == {("repairs.work_without_approval", "RP-2")}


@pytest.mark.rule("RP-3")
def test_rp3_closed_without_acceptance_is_flagged() -> None:
    log, days, period = _setup()
    bad = _first_order(log, lambda o: True, acceptances=())
    assert _audit(bad, days, period) == {("repairs.closed_without_acceptance", "RP-3")}


@pytest.mark.rule("RP-4")
def test_rp4_project_without_evidence_is_flagged() -> None:
    log, days, period = _setup()
    bad = _first_order(log, lambda o: o.project, evidence=())  # type: ignore[attr-defined]
    found = audit_repairs(bad, RepairPolicy(), period, school_days=days)
    assert sorted((v.code, v.rule) for v in found) == [
        ("repairs.project_without_evidence", "RP-4"),
        ("repairs.site_log_incomplete", "RP-4"),
    ]
    assert "施工日志" in found[0].message_zh


@pytest.mark.rule("RP-6")
def test_rp6_repair_before_claim_is_flagged() -> None:
    log, days, period = _setup()
    requests = list(log.requests)
    requests[1] = attrs.evolve(requests[1], man_made=True, safety=False)
    bad = attrs.evolve(log, requests=tuple(requests))
    assert _audit(bad, days, period) == {("repairs.repair_before_claim", "RP-6")}


@pytest.mark.rule("RP-7")
def test_rp7_missed_round_and_orphan_defect() -> None:
    log, days, period = _setup()
    missing = attrs.evolve(log, rounds=log.rounds[1:])
    assert _audit(missing, days, period) == {("repairs.round_missed", "RP-7")}
    defect = CheckResult(check="门窗", ok=False, note="窗锁坏")
    orphan = attrs.evolve(
        log, rounds=(attrs.evolve(log.rounds[0], results=(defect,)), *log.rounds[1:])
    )
    assert _audit(orphan, days, period) == {("repairs.defect_without_request", "RP-7")}


@pytest.mark.rule("RP-7")
def test_rp7_windows_overdue_and_next_due() -> None:
    days = SchoolDays(
        [pendulum.Date(2025, 6, d) for d in (23, 24, 25, 26, 27, 30)]
        + [pendulum.Date(2025, 9, d) for d in (1, 2, 3, 4, 5)]
    )
    daily = MaintenancePlan(
        plan_id="daily",
        subject="水电门窗",
        frequency=Frequency.DAILY,
        checks=("水", "电"),
        starts_on=pendulum.Date(2025, 6, 23),
    )
    summer = attrs.evolve(
        daily,
        plan_id="ac",
        subject="空调",
        frequency=Frequency.BEFORE_SUMMER,
        starts_on=pendulum.Date(2025, 6, 1),
    )
    term = attrs.evolve(
        daily,
        plan_id="term",
        subject="校舍消防",
        frequency=Frequency.BEFORE_TERM,
        starts_on=pendulum.Date(2025, 6, 1),
    )
    assert (
        len(due_rounds(daily, days, pendulum.Date(2025, 1, 1), pendulum.Date(2025, 12, 31))) == 11
    )
    (window,) = due_rounds(summer, days, pendulum.Date(2025, 1, 1), pendulum.Date(2025, 12, 31))
    assert window.due_on == pendulum.Date(2025, 6, 30)
    term_windows = due_rounds(term, days, pendulum.Date(2025, 1, 1), pendulum.Date(2025, 12, 31))
    assert [w.due_on for w in term_windows] == [
        pendulum.Date(2025, 6, 22),
        pendulum.Date(2025, 8, 31),
    ]
    done = RoundRecord(round_id="r", plan_id="daily", on=pendulum.Date(2025, 6, 23), by="w")
    overdue = overdue_rounds([daily], [done], days, pendulum.Date(2025, 6, 26))
    assert [w.due_on for w in overdue] == [pendulum.Date(2025, 6, 24), pendulum.Date(2025, 6, 25)]
    nxt = next_due(daily, [done], days, pendulum.Date(2025, 6, 23))
    assert nxt is not None
    assert nxt.due_on == pendulum.Date(2025, 6, 24)
    notice = render_overdue_rounds(overdue, on=pendulum.Date(2025, 6, 26), school="城东小学")
    assert notice.startswith("关于城东小学逾期未检查项目的通知")
    assert "以下 2 项" in notice
    assert "特此通知。" in notice


@settings(max_examples=30, deadline=None)
@given(repair_logs())
def test_audit_of_any_log_returns_findings_never_raises(log: RepairLog) -> None:
    days = SchoolDays([pendulum.Date(2025, 9, d) for d in range(1, 6)])
    period = DateRange(pendulum.Date(2000, 1, 1), pendulum.Date(2100, 1, 1))
    found = audit_repairs(log, RepairPolicy(), period, school_days=days)
    assert all(v.rule.startswith("RP-") for v in found)
    assert serialization.from_dict(RepairLog, serialization.to_dict(log)) == log


def test_policy_defaults_follow_the_rules() -> None:
    policy = RepairPolicy()
    assert policy.response_school_days == 1
    assert policy.fix_school_days == 3
    assert policy.small_repair_limit == Money(1000)
    assert policy.claim_first


def _drop_answer(log: RepairLog, k: int) -> RepairLog:
    request_id = log.requests[k % len(log.requests)].request_id
    return attrs.evolve(
        log, responses=tuple(r for r in log.responses if r.request_id != request_id)
    )


def _unapprove(log: RepairLog, k: int) -> RepairLog:
    contractors = [o for o in log.orders if o.worker_kind is WorkerKind.CONTRACTOR]
    target = contractors[k % len(contractors)]
    return _first_order(log, lambda o: o is target, approved_at=None, approved_by=None)


def _unsign(log: RepairLog, k: int) -> RepairLog:
    target = log.orders[k % len(log.orders)]
    return _first_order(log, lambda o: o is target, acceptances=())


def _strip_evidence(log: RepairLog, k: int) -> RepairLog:
    projects = [o for o in log.orders if o.project]
    target = projects[k % len(projects)]
    return _first_order(log, lambda o: o is target, evidence=target.evidence[1:])


def _man_made(log: RepairLog, k: int) -> RepairLog:
    requests = list(log.requests)
    index = k % len(requests)
    requests[index] = attrs.evolve(requests[index], man_made=True, safety=False)
    return attrs.evolve(log, requests=tuple(requests))


def _skip_round(log: RepairLog, k: int) -> RepairLog:
    rounds = list(log.rounds)
    del rounds[k % len(rounds)]
    return attrs.evolve(log, rounds=tuple(rounds))


FAULTS = [
    (_drop_answer, "repairs.answer_late", "RP-1"),
    (_unapprove, "repairs.work_without_approval", "RP-2"),
    (_unsign, "repairs.closed_without_acceptance", "RP-3"),
    (_strip_evidence, "repairs.project_without_evidence", "RP-4"),
    (_man_made, "repairs.repair_before_claim", "RP-6"),
    (_skip_round, "repairs.round_missed", "RP-7"),
]


# rules: RP-1, RP-2, RP-3, RP-4, RP-6, RP-7
@pytest.mark.parametrize(("inject", "code", "rule"), FAULTS)
@settings(max_examples=10, deadline=None)
@given(n=st.integers(11, 25), k=st.integers(0, 1000))
def test_each_injected_fault_is_found_with_its_rule(
    inject: Callable[[RepairLog, int], RepairLog], code: str, rule: str, n: int, k: int
) -> None:
    log, days, period = _setup(n)
    found = audit_repairs(inject(log, k), RepairPolicy(), period, school_days=days)
    assert found, "the fault was not found"
    assert (code, rule) in {(v.code, v.rule) for v in found}
    assert all(v.rule == rule for v in found)
