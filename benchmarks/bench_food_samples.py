"""Food-sample audit benchmarks: a school year, linearity, and a 500-school district.

Full mode (the sizes of issue 4):

* ``food_samples.audit_year``: one year of a 3,000-pupil school (3 meals x 10 dishes x 365
  days = 10,950 samples, a cabinet read every 30 minutes = 17,666 readings);
* ``food_samples.linearity``: the same audit over ten schools' years in one call (10x the
  records); ``ratio`` is the 10x rate over the 1x rate (1.0 = perfectly linear);
* ``food_samples.audit_district``: a district of 500 schools (sizes vary: 2-4 meals, 6-12
  dishes), one month each, generated here and audited in one call; then the same at 50
  schools for a second linearity figure;
* ``food_samples.district_year``: the same 500 schools, a full year each, generated and
  audited school by school (streaming, as a district analyst runs it: one school's records
  in memory at a time). Reports the aggregate rate over all schools' audit time, the peak
  memory of one school's audit and of one school's records, and ``rate_last_over_first``
  (the rate of the last 50 schools over the first 50: 1.0 = no slow-down as the run goes on).

Each reports samples audited per second (best of a few runs; generation not timed) and the
peak memory the audit allocates (tracemalloc, measured in a separate run).

Quick mode (CI): a month of one school (the streaming district: 5 schools, a month each).
"""

from __future__ import annotations

import gc
import time
from functools import partial
from typing import Any

import pendulum
from _measure import best_of, peak_memory, record

from schoollogistics import DateRange
from schoollogistics.food_samples import RetentionPolicy, SampleLog, audit_log
from schoollogistics.testing.food_samples import simulate_canteen

POLICY = RetentionPolicy()
YEAR = DateRange(pendulum.Date(2025, 1, 1), pendulum.Date(2025, 12, 31))
MONTH = DateRange.month(2025, 3)


def _school(number: int, period: DateRange, *, varied: bool) -> SampleLog:
    return simulate_canteen(
        period.start,
        len(period),
        school=f"school{number:03d}",
        meals_per_day=2 + number % 3 if varied else 3,
        dishes_per_meal=6 + number % 7 if varied else 10,
        policy=POLICY,
    )


def _merge(logs: list[SampleLog]) -> SampleLog:
    return SampleLog(
        meals=[m for log in logs for m in log.meals],
        samples=[s for log in logs for s in log.samples],
        disposals=[d for log in logs for d in log.disposals],
        readings=[r for log in logs for r in log.readings],
    )


def _measure(name: str, log: SampleLog, period: DateRange, runs: int) -> tuple[float, list[Any]]:
    count = len(log.samples)
    found = audit_log(log, POLICY, period)
    if found:  # the simulated canteen is compliant: a finding is a bug
        message = f"{name}: unexpected findings {found[:3]}"
        raise SystemExit(message)
    gc.collect()
    seconds, _ = best_of(runs, lambda: audit_log(log, POLICY, period))
    peak, _ = peak_memory(lambda: audit_log(log, POLICY, period))
    rate = count / seconds
    return rate, [
        record(f"{name}.samples_per_s", rate, "samples/s"),
        record(f"{name}.samples", count, "samples"),
        record(f"{name}.readings", len(log.readings), "readings"),
        record(f"{name}.seconds", seconds, "s"),
        record(f"{name}.peak_memory", peak / 2**20, "MiB"),
    ]


def bench_year(quick: bool) -> list[dict[str, Any]]:
    period = MONTH if quick else YEAR
    _, results = _measure("food_samples.audit_year", _school(0, period, varied=False), period, 5)
    return results


def bench_linearity(quick: bool) -> list[dict[str, Any]]:
    period = MONTH if quick else YEAR
    one = _school(0, period, varied=False)
    ten = _merge([_school(n, period, varied=False) for n in range(10)])
    rate_one, _ = _measure("food_samples.linearity_1x", one, period, 5)
    rate_ten, results = _measure("food_samples.linearity_10x", ten, period, 3)
    return [
        *results,
        record("food_samples.linearity.rate_10x_over_1x", rate_ten, "samples/s", rate_one),
    ]


def bench_district(quick: bool) -> list[dict[str, Any]]:
    schools = 10 if quick else 500
    logs = [_school(n, MONTH, varied=True) for n in range(schools)]
    small = _merge(logs[: schools // 10])
    rate_small, _ = _measure("food_samples.district_tenth", small, MONTH, 3)
    del small
    district = _merge(logs)
    del logs
    rate, results = _measure("food_samples.audit_district", district, MONTH, 2)
    return [
        record("food_samples.audit_district.schools", schools, "schools"),
        *results,
        record("food_samples.district.rate_10x_over_1x", rate, "samples/s", rate_small),
    ]


def bench_district_year(quick: bool) -> list[dict[str, Any]]:
    schools = 5 if quick else 500
    period = MONTH if quick else YEAR
    window = max(1, schools // 10)
    seconds: list[float] = []
    counts: list[int] = []
    audit_peak = log_peak = 0
    for number in range(schools):
        if number % 100 == 0:  # a sample of schools is measured for memory
            log_bytes, log = peak_memory(partial(_school, number, period, varied=True))
            log_peak = max(log_peak, log_bytes)
            audit_bytes, _ = peak_memory(partial(audit_log, log, POLICY, period))
            audit_peak = max(audit_peak, audit_bytes)
        else:
            log = _school(number, period, varied=True)
        gc.collect()
        start = time.perf_counter()
        found = audit_log(log, POLICY, period)
        seconds.append(time.perf_counter() - start)
        counts.append(len(log.samples))
        if found:  # the simulated canteen is compliant: a finding is a bug
            message = f"district_year school {number}: unexpected findings {found[:3]}"
            raise SystemExit(message)
        del log
    rate = sum(counts) / sum(seconds)
    first = sum(counts[:window]) / sum(seconds[:window])
    last = sum(counts[-window:]) / sum(seconds[-window:])
    name = "food_samples.district_year"
    return [
        record(f"{name}.schools", schools, "schools"),
        record(f"{name}.samples", sum(counts), "samples"),
        record(f"{name}.samples_per_s", rate, "samples/s"),
        record(f"{name}.audit_seconds", sum(seconds), "s"),
        record(f"{name}.peak_memory_per_school_audit", audit_peak / 2**20, "MiB"),
        record(f"{name}.peak_memory_per_school_records", log_peak / 2**20, "MiB"),
        record(f"{name}.rate_last_over_first", last, "samples/s", first),
    ]


BENCHMARKS = {
    "food_samples.audit_year": bench_year,
    "food_samples.linearity": bench_linearity,
    "food_samples.audit_district": bench_district,
    "food_samples.district_year": bench_district_year,
}
