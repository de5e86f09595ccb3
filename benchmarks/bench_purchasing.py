"""Purchasing benchmarks: a district year of purchase requests through the audit.

``purchasing.audit`` audits 100,000 purchases over one school year, each with its
whole life (requested ten days ahead, approved by the principal, three quotes,
ordered at the lowest under a supervisor, accepted by the storekeeper, stored,
reimbursed on a valid voucher whose 大写 is checked): the deterministic records of
``schoollogistics.testing.purchasing.simulate_purchases``. Only ``audit_finance``
is timed (process CPU, median of five runs after one warm-up run, each after a
garbage collection; ``best`` is the fastest run). The records are compliant, so the figure
is the cost of checking, not of reporting. Target of issue 16: 200,000
requests/s (``meets_target``). ``--quick``: 10,000.
"""

from __future__ import annotations

import pendulum
from _measure import median_and_best_cpu, record

from schoollogistics.core.time import DateRange
from schoollogistics.purchasing import FinancePolicy, FinanceRecords, audit_finance
from schoollogistics.testing.purchasing import simulate_purchases

TARGET = 200_000


def bench_audit(quick: bool) -> list[dict[str, object]]:
    n = 10_000 if quick else 100_000
    records = FinanceRecords(purchases=simulate_purchases(n))
    period = DateRange(pendulum.Date(2025, 8, 1), pendulum.Date(2026, 8, 31))
    policy = FinancePolicy()

    def run() -> int:
        return len(audit_finance(records, policy, period))

    run()  # warm-up: first use of the policy's and the voucher checks' code paths
    seconds, found, best = median_and_best_cpu(5, run)
    if found:
        msg = f"the benchmark records are not compliant: {found} findings"
        raise AssertionError(msg)
    out = record("purchasing.audit", n / seconds, "requests/s")
    out["best"] = round(n / best, 3)
    out["target"] = TARGET
    out["meets_target"] = n / seconds >= TARGET
    return [out]


BENCHMARKS = {"purchasing.audit": bench_audit}
