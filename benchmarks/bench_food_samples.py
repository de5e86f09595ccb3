"""Food-sample audit benchmarks: a school year, linearity, and a 500-school district.

Every ratio below is measured with ``_measure.alternate``: the subject and its
baseline run in turn (A B A B ...), each run after a garbage collection, in process
CPU time, over at least five pairs; the figures are the medians of each side and the
median of the per-pair ratios. Record generation is never timed; the simulated
canteen is compliant, so every timed audit finds nothing (checked before timing).

* ``food_samples.audit_year``: one year of a 3,000-pupil school (3 meals x 10 dishes x
  365 days = 10,950 samples, a cabinet read every 30 minutes = 17,666 readings);
  samples audited per second, with ``target`` (the issue's 600,000 samples/s for one
  school year, on an idle machine) and ``meets_target``. Its ``baseline`` is a *bare
  pass*: one plain loop over the samples that looks up each sample's meal in a dict,
  compares its weight with the minimum and its disposal (taken by position: the
  simulated log lists them in sample order) with taken + retention, by a C-level
  datetime subtraction. It leaves out six of the eight rules (labels, dishes of the
  menu, service time, readings, holds, overdue samples), the disposal join, the
  scope of the period, exactness across clock changes, the type checks and the
  building of findings: it is a floor that no record-based audit in Python can go
  below, not a competing audit. ``ratio`` = bare time / audit time (1.0: the audit
  costs what the floor costs).
* ``food_samples.audit_year.vs_previous``: the same audit against the audit as it
  was before issue 11 (``tests/food_samples/_reference_audit.py``, eight checks each
  making its own pass over indexes of exact instants), on the same records;
  ``ratio`` = previous time / current time (the speed-up). Both give the same
  findings (checked). Left out when the tests are not next to the benchmarks.
* ``food_samples.audit_year.peak_memory``: the peak the audit allocates (the records
  are built before the trace and not counted).
* ``food_samples.linearity``: ten schools' years in one call (10x the records) against
  one school's year, alternated; ``ratio`` is the 10x rate over the 1x rate, the
  median of the per-pair ratios (1.0 = perfectly linear).
* ``food_samples.audit_district``: a district of 500 schools (2-4 meals, 6-12 dishes),
  one month each, audited in one call; ``ratio`` as for linearity, against 50 of the
  schools.
* ``food_samples.district_year``: the same 500 schools, a full year each, generated
  and audited school by school (streaming: one school's records in memory at a
  time); the aggregate rate over all audit time, the peak memory of one school's
  audit and of one school's records, and the rates of the first and of the last
  tenth of the schools. These two are *not* a ratio: they are measured one after the
  other on purpose (alternating them would hide the slow-down they look for), so the
  machine's load weighs on them.

Quick mode (CI, a few seconds): a month of one school for the year figures, one
school's month against ten schools' month for linearity, ten schools for the
district, five schools' months streamed.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib.util
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

import pendulum
from _measure import Pairs, alternate, peak_memory, rate_record, record, retained_memory

from schoollogistics import DateRange, Violation
from schoollogistics.food_samples import RetentionPolicy, SampleLog, audit_log
from schoollogistics.testing.food_samples import simulate_canteen

POLICY = RetentionPolicy()
YEAR = DateRange(pendulum.Date(2025, 1, 1), pendulum.Date(2025, 12, 31))
MONTH = DateRange.month(2025, 3)
TARGET = 600_000
"""The issue's target: samples audited per second for one school year (idle machine)."""
REFERENCE = Path(__file__).resolve().parent.parent / "tests/food_samples/_reference_audit.py"


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


def _auditing(log: SampleLog, period: DateRange) -> Callable[[], tuple[Violation, ...]]:
    return partial(audit_log, log, POLICY, period)


def _clean(name: str) -> Callable[[tuple[Violation, ...], object], None]:
    def check(found: tuple[Violation, ...], other: object) -> None:
        if found:  # the simulated canteen is compliant: a finding is a bug
            message = f"{name}: unexpected findings {found[:3]}"
            raise SystemExit(message)
        if other not in ((), 0):
            message = f"{name}: the baseline disagrees: {other!r:.200}"
            raise SystemExit(message)

    return check


def bare_pass(log: SampleLog, policy: RetentionPolicy) -> int:
    """The floor of the year figure: two of the eight rules, in one plain loop (see above)."""
    minimum = policy.min_grams
    retention = dt.timedelta(seconds=policy.retention.total_seconds())
    meals = {meal.meal_id: meal for meal in log.meals}
    since = dt.datetime.__sub__
    found = 0
    for sample, disposal in zip(log.samples, log.disposals, strict=True):
        if meals.get(sample.meal_id) is None:
            found += 1
        grams = sample.grams
        if grams is not None and grams < minimum:
            found += 1
        if since(disposal.discarded_at, sample.taken_at) < retention:
            found += 1
    return found


def _reference() -> ModuleType | None:
    """The audit before issue 11, from the tests (``None`` when they are not here)."""
    if not REFERENCE.exists():
        return None
    spec = importlib.util.spec_from_file_location("_food_reference_audit", REFERENCE)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _scaled(
    name: str, rate: float, baseline: float, measured: Pairs, factor: float
) -> dict[str, Any]:
    """A rate over a rate, the ratio the median of the per-pair ratios (times ``factor``)."""
    return {
        "name": name,
        "value": round(rate, 3),
        "unit": "samples/s",
        "baseline": round(baseline, 3),
        "ratio": round(measured.ratio * factor, 3),
        "pairs": measured.pairs,
    }


def bench_year(quick: bool) -> list[dict[str, Any]]:
    period = MONTH if quick else YEAR
    log = _school(0, period, varied=False)
    count = len(log.samples)
    name = "food_samples.audit_year"
    subject = _auditing(log, period)
    pairs = 5 if quick else 9
    measured = alternate(subject, partial(bare_pass, log, POLICY), pairs=pairs, check=_clean(name))
    main = rate_record(f"{name}.samples_per_s", count, measured, "samples/s")
    main["target"] = TARGET
    main["meets_target"] = main["value"] >= TARGET
    main["period"] = "month (quick)" if quick else "year"
    results = [main]
    reference = _reference()
    if reference is not None:
        previous = partial(reference.audit_log, log, POLICY, period)
        against = alternate(subject, previous, pairs=pairs, check=_clean(f"{name}.vs_previous"))
        results.append(rate_record(f"{name}.vs_previous", count, against, "samples/s"))
    _, peak, _ = retained_memory(subject)
    results += [
        record(f"{name}.samples", count, "samples"),
        record(f"{name}.readings", len(log.readings), "readings"),
        record(f"{name}.seconds", measured.subject, "s"),
        record(f"{name}.peak_memory", peak / 2**20, "MiB"),
    ]
    return results


def bench_linearity(quick: bool) -> list[dict[str, Any]]:
    period = MONTH if quick else YEAR
    one = _school(0, period, varied=False)
    ten = _merge([_school(n, period, varied=False) for n in range(10)])
    measured = alternate(
        _auditing(ten, period), _auditing(one, period), pairs=5, check=_clean("linearity")
    )
    factor = len(ten.samples) / len(one.samples)
    return [
        record("food_samples.linearity_10x.samples", len(ten.samples), "samples"),
        _scaled(
            "food_samples.linearity.rate_10x_over_1x",
            len(ten.samples) / measured.subject,
            len(one.samples) / measured.baseline,
            measured,
            factor,
        ),
    ]


def bench_district(quick: bool) -> list[dict[str, Any]]:
    schools = 10 if quick else 500
    logs = [_school(n, MONTH, varied=True) for n in range(schools)]
    small = _merge(logs[: schools // 10])
    district = _merge(logs)
    del logs
    measured = alternate(
        _auditing(district, MONTH),
        _auditing(small, MONTH),
        pairs=5,
        check=_clean("audit_district"),
    )
    count = len(district.samples)
    _, peak, _ = retained_memory(_auditing(district, MONTH))
    name = "food_samples.audit_district"
    return [
        record(f"{name}.schools", schools, "schools"),
        record(f"{name}.samples", count, "samples"),
        record(f"{name}.samples_per_s", count / measured.subject, "samples/s"),
        record(f"{name}.seconds", measured.subject, "s"),
        record(f"{name}.peak_memory", peak / 2**20, "MiB"),
        _scaled(
            "food_samples.district.rate_10x_over_1x",
            count / measured.subject,
            len(small.samples) / measured.baseline,
            measured,
            count / len(small.samples),
        ),
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
            _, audit_bytes, _ = retained_memory(partial(audit_log, log, POLICY, period))
            audit_peak = max(audit_peak, audit_bytes)
        else:
            log = _school(number, period, varied=True)
        gc.collect()
        start = time.process_time()
        found = audit_log(log, POLICY, period)
        seconds.append(time.process_time() - start)
        counts.append(len(log.samples))
        if found:  # the simulated canteen is compliant: a finding is a bug
            message = f"district_year school {number}: unexpected findings {found[:3]}"
            raise SystemExit(message)
        del log
    name = "food_samples.district_year"
    return [
        record(f"{name}.schools", schools, "schools"),
        record(f"{name}.samples", sum(counts), "samples"),
        record(f"{name}.samples_per_s", sum(counts) / sum(seconds), "samples/s"),
        record(f"{name}.audit_seconds", sum(seconds), "s"),
        record(f"{name}.peak_memory_per_school_audit", audit_peak / 2**20, "MiB"),
        record(f"{name}.peak_memory_per_school_records", log_peak / 2**20, "MiB"),
        record(
            f"{name}.rate_first_schools",
            sum(counts[:window]) / sum(seconds[:window]),
            "samples/s",
        ),
        record(
            f"{name}.rate_last_schools",
            sum(counts[-window:]) / sum(seconds[-window:]),
            "samples/s",
        ),
    ]


BENCHMARKS = {
    "food_samples.audit_year": bench_year,
    "food_samples.linearity": bench_linearity,
    "food_samples.audit_district": bench_district,
    "food_samples.district_year": bench_district_year,
}
