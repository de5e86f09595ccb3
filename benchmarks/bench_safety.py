"""Safety benchmarks: a district year of inspections, dangers, rosters and gate logs audited.

``safety.audit`` audits the compliant safety logs of a district's schools
(``simulate_safety`` over the school year 2025–26 of a Beijing calendar: weekly,
monthly, fire and electrical inspections, a register entry a month closed after
re-inspection, extinguisher checks, drills, duty rosters from the calendar, 24-hour
gate shifts with handovers, visitors, passes, vehicles, agreements); only
``audit_safety`` is timed (process CPU, median of five runs after one warm-up run,
each after a garbage collection). The logs are compliant, so the figure is the cost
of checking, not of reporting. Target of issue 17: 200,000 records/s
(``meets_target``). ``--quick``: 5 schools instead of 40.
"""

from __future__ import annotations

import pendulum
from _measure import median_cpu, record

from schoollogistics.core.time import DateRange
from schoollogistics.safety import SafetyPolicy, audit_safety
from schoollogistics.school_calendar import HolidayCalendar, SchoolCalendar, SchoolYear
from schoollogistics.testing.safety import simulate_safety

TARGET = 200_000


def calendar() -> SchoolCalendar:
    year = SchoolYear.of(
        2025,
        (pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)),
        (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
    )
    return SchoolCalendar(year, HolidayCalendar.china([2025, 2026]))


def bench_audit(quick: bool) -> list[dict[str, object]]:
    schools = 5 if quick else 40
    school_calendar = calendar()
    start, end = pendulum.Date(2025, 9, 1), pendulum.Date(2026, 7, 7)
    period = DateRange(start, end)
    logs = [
        simulate_safety(school_calendar, start, end, school=f"S{n}", extinguishers=60)
        for n in range(schools)
    ]
    size = sum(log.size for log in logs)
    policy = SafetyPolicy()

    def run() -> int:
        return sum(
            len(audit_safety(log, period, calendar=school_calendar, policy=policy)) for log in logs
        )

    run()  # warm-up
    seconds, found = median_cpu(5, run)
    if found:
        msg = f"the benchmark logs are not compliant: {found} findings"
        raise AssertionError(msg)
    out = record("safety.audit", size / seconds, "records/s")
    out["records"] = size
    out["target"] = TARGET
    out["meets_target"] = size / seconds >= TARGET
    return [out]


BENCHMARKS = {"safety.audit": bench_audit}
