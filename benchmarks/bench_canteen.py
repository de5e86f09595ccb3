"""Canteen benchmarks: the audit of a 500-school month of canteen records.

``canteen.audit`` audits one month (22 serving days) of each of 500 schools' canteens
(``--quick``: 25 schools), each a compliant simulated canteen of
``schoollogistics.testing.canteen.simulate_canteen`` (6 handlers, 40 pupils: lots with their
inspection records, FEFO issues, morning checks and rosters, lunches with tastings and 陪餐,
the meal accounts, waste and disinfection logs). Twenty distinct school logs are built and
audited in turn, one ``audit_canteen`` call per school (an audit keeps nothing between
calls); only the audits are timed (process CPU, median of three). The logs are compliant,
so the figure is the cost of checking, not of reporting. Target of issue 15: 200,000
records/s (``meets_target``); lots, handler-days and meals per second are given beside it.
"""

from __future__ import annotations

import pendulum
from _measure import median_cpu, record

from schoollogistics.canteen import CanteenLog, ServingDays, audit_canteen
from schoollogistics.core.time import DateRange
from schoollogistics.testing.canteen import simulate_canteen

TARGET = 200_000
DISTINCT = 20


def month_days() -> ServingDays:
    day, days = pendulum.Date(2025, 11, 3), []
    while len(days) < 22:
        if day.isoweekday() <= 5:
            days.append(day)
        day = day.add(days=1)
    return ServingDays(tuple(days))


def make_logs(count: int, days: ServingDays) -> list[CanteenLog]:
    return [
        simulate_canteen(serving_days=days, handlers=6, pupils=40, canteen_id=f"school-{number}")[
            0
        ].log()
        for number in range(count)
    ]


def bench_audit(quick: bool) -> list[dict[str, object]]:
    schools = 25 if quick else 500
    days = month_days()
    logs = make_logs(min(DISTINCT, schools), days)
    period = DateRange(days.days[0], days.days[-1])
    policy = simulate_canteen(serving_days=days, handlers=1, pupils=1)[0].policy
    order = [logs[number % len(logs)] for number in range(schools)]

    def run() -> int:
        return sum(len(audit_canteen(log, policy, period, serving_days=days)) for log in order)

    seconds, found = median_cpu(3, run)
    if found:
        msg = f"the benchmark logs are not compliant: {found} findings"
        raise AssertionError(msg)
    records = sum(log.size for log in order)
    lots = sum(len(log.lots) for log in order)
    handler_days = sum(len(log.roster) for log in order)
    meals = sum(len(log.menus) for log in order)
    out = record("canteen.audit", records / seconds, "records/s")
    out["target"] = TARGET
    out["meets_target"] = records / seconds >= TARGET
    out["schools"] = schools
    out["records"] = records
    return [
        out,
        record("canteen.audit_lots", lots / seconds, "lots/s"),
        record("canteen.audit_handler_days", handler_days / seconds, "handler-days/s"),
        record("canteen.audit_meals", meals / seconds, "meals/s"),
    ]


BENCHMARKS = {"canteen.audit": bench_audit}
