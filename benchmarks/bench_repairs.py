"""Repairs benchmarks: the audit of a district-sized repair log.

``repairs.audit`` audits 100,000 requests, each with its answer and its closed
work order (a deterministic mix: safety matters, contractors with approvals,
projects with their evidence, accepted by the reporter), over the school days
of one year; only ``audit_repairs`` is timed (process CPU, median of five runs
after one warm-up run, each after a garbage collection; ``best`` is the fastest run).
The log is compliant, so the figure is the cost of checking, not of reporting.
Target of issue 14: 200,000 requests/s (``meets_target``). ``--quick``: 10,000.
"""

from __future__ import annotations

import pendulum
from _measure import median_and_best_cpu, record

from schoollogistics.core.money import Money
from schoollogistics.core.time import DateRange
from schoollogistics.repairs import (
    Acceptance,
    Evidence,
    EvidenceKind,
    RepairLog,
    RepairPolicy,
    RepairRequest,
    Response,
    SchoolDays,
    WorkerKind,
    WorkOrder,
    audit_repairs,
)

TARGET = 200_000


def school_days() -> SchoolDays:
    day, days = pendulum.Date(2025, 9, 1), []
    while day <= pendulum.Date(2026, 7, 31):
        if day.isoweekday() <= 5:
            days.append(day)
        day = day.add(days=1)
    return SchoolDays(days)


def make_log(n: int, days: SchoolDays) -> RepairLog:
    requests, responses, orders = [], [], []
    usable = days.days[:-5]
    for number in range(n):
        day = usable[number % len(usable)]
        filed = pendulum.datetime(day.year, day.month, day.day, 8 + number % 8, tz="Asia/Shanghai")
        request_id, order_id = f"R{number}", f"W{number}"
        contractor, project = number % 5 == 0, number % 20 == 0
        requests.append(
            RepairRequest(
                request_id=request_id,
                filed_at=filed,
                reporter=f"t{number % 50}",
                unit=f"c{number % 30}",
                description="门锁松动",
                safety=number % 3 == 0,
                place_id=f"room-{number % 40}",
            )
        )
        responses.append(Response(request_id=request_id, at=filed.add(minutes=30), by="后勤处"))
        start = filed.add(hours=1)
        evidence = (
            tuple(Evidence(kind=k, reference=f"{order_id}{k.value}", on=day) for k in EvidenceKind)
            if project
            else ()
        )
        orders.append(
            WorkOrder(
                order_id=order_id,
                request_id=request_id,
                opened_at=filed.add(minutes=40),
                worker_kind=WorkerKind.CONTRACTOR if contractor else WorkerKind.STAFF,
                worker="王师傅",
                estimated_cost=Money(1500 if contractor else 80),
                project=project,
                approved_at=filed.add(minutes=50) if contractor else None,
                approved_by="校长" if contractor else None,
                started_at=start,
                completed_at=start.add(hours=2),
                cost=Money(60),
                evidence=evidence,
                acceptances=(Acceptance(signed_by=f"t{number % 50}", at=start.add(hours=3)),),
                closed_at=start.add(hours=4),
            )
        )
    return RepairLog(requests=tuple(requests), responses=tuple(responses), orders=tuple(orders))


def bench_audit(quick: bool) -> list[dict[str, object]]:
    n = 10_000 if quick else 100_000
    days = school_days()
    log = make_log(n, days)
    period = DateRange(days.days[0], days.days[-1])
    policy = RepairPolicy()

    def run() -> int:
        return len(audit_repairs(log, policy, period, school_days=days))

    run()  # warm-up: first use of the policy's and the calendar's code paths
    seconds, found, best = median_and_best_cpu(5, run)
    if found:
        msg = f"the benchmark log is not compliant: {found} findings"
        raise AssertionError(msg)
    out = record("repairs.audit", n / seconds, "requests/s")
    out["best"] = round(n / best, 3)
    out["target"] = TARGET
    out["meets_target"] = n / seconds >= TARGET
    return [out]


BENCHMARKS = {"repairs.audit": bench_audit}
