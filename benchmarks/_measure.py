"""Helpers shared by the benchmarks: timing and memory (the I/O lives here, not in src/).

How a ratio is measured: :func:`alternate` runs the subject and its baseline in
turn (A B A B ...), at least five pairs, each run after a garbage collection, in
process CPU time, and reports the median of each side and the median of the
per-pair ratios. A change in the machine's load during the run then weighs on
both sides of each pair instead of on one side only.

How memory is measured: :func:`retained_memory` builds the inputs first, outside
the trace, then traces only the subject and reports what the subject's result
keeps alive (the inputs, and any baseline's own structures, are not counted).
"""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
U = TypeVar("U")

MIN_PAIRS = 5


def best_of(runs: int, function: Callable[[], T]) -> tuple[float, T]:
    """Run ``function`` ``runs`` times; return the fastest wall time (s) and the last result."""
    best = float("inf")
    result: Any = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def cpu_once(function: Callable[[], T]) -> tuple[float, T]:
    """One run of ``function`` after a garbage collection, in process CPU seconds."""
    gc.collect()
    start = time.process_time()
    result = function()
    return time.process_time() - start, result


@dataclass(frozen=True)
class Pairs:
    """Medians of an alternated measurement (seconds per run of each side)."""

    subject: float
    baseline: float
    ratio: float  # median over pairs of baseline_seconds / subject_seconds (>1: subject faster)
    pairs: int


def alternate(
    subject: Callable[[], T],
    baseline: Callable[[], U],
    *,
    pairs: int = MIN_PAIRS,
    check: Callable[[T, U], None] | None = None,
) -> Pairs:
    """Run ``subject`` and ``baseline`` in alternation; medians of ``pairs`` runs each.

    ``check`` (if given) is called once with both results, so a benchmark can
    assert that the two sides computed the same thing.
    """
    pairs = max(pairs, MIN_PAIRS)
    # Everything alive now (modules, the inputs) is moved out of the collector's
    # reach, so that the collection before each run costs little and the same.
    gc.collect()
    gc.freeze()
    try:
        return _alternate(subject, baseline, pairs, check)
    finally:
        gc.unfreeze()


def _alternate(
    subject: Callable[[], T],
    baseline: Callable[[], U],
    pairs: int,
    check: Callable[[T, U], None] | None,
) -> Pairs:
    subject_times: list[float] = []
    baseline_times: list[float] = []
    ratios: list[float] = []
    for index in range(pairs):
        spent_subject, subject_result = cpu_once(subject)
        spent_baseline, baseline_result = cpu_once(baseline)
        if index == 0 and check is not None:
            check(subject_result, baseline_result)
        del subject_result, baseline_result
        subject_times.append(spent_subject)
        baseline_times.append(spent_baseline)
        ratios.append(spent_baseline / spent_subject if spent_subject else float("inf"))
    return Pairs(
        subject=statistics.median(subject_times),
        baseline=statistics.median(baseline_times),
        ratio=statistics.median(ratios),
        pairs=pairs,
    )


def median_cpu(runs: int, function: Callable[[], T]) -> tuple[float, T]:
    """The median CPU time of ``runs`` runs (at least one) and the last result."""
    median, result, _ = median_and_best_cpu(runs, function)
    return median, result


def median_and_best_cpu(runs: int, function: Callable[[], T]) -> tuple[float, T, float]:
    """The median and the fastest CPU time of ``runs`` runs (at least one), and the last result.

    The median is the figure; the fastest run says how fast the code runs when the
    machine is not slowed by its neighbours (a shared host's load only adds time).
    """
    times: list[float] = []
    result: Any = None
    for _ in range(max(runs, 1)):
        spent, result = cpu_once(function)
        times.append(spent)
    return statistics.median(times), result, min(times)


def peak_memory(function: Callable[[], T]) -> tuple[int, T]:
    """Run ``function`` under tracemalloc; return the peak bytes allocated and its result."""
    tracemalloc.start()
    try:
        result = function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, result


def retained_memory(subject: Callable[[], T]) -> tuple[int, int, T]:
    """Bytes the subject's result keeps alive, its peak while running, and the result.

    Build the inputs before calling this: only allocations made by ``subject``
    are traced, so inputs it merely references are not counted.
    """
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        result = subject()
        gc.collect()
        after, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return after - before, peak - before, result


def record(name: str, value: float, unit: str, baseline: float | None = None) -> dict[str, Any]:
    """One result line; ``ratio`` is value / baseline when a baseline is given."""
    out: dict[str, Any] = {"name": name, "value": round(value, 3), "unit": unit}
    if baseline is not None:
        out["baseline"] = round(baseline, 3)
        out["ratio"] = round(value / baseline, 3) if baseline else None
    return out


def rate_record(name: str, items: int, measured: Pairs, unit: str) -> dict[str, Any]:
    """A rate (``items`` per second) from an alternated measurement, with the median ratio."""
    return {
        "name": name,
        "value": round(items / measured.subject, 3),
        "unit": unit,
        "baseline": round(items / measured.baseline, 3),
        "ratio": round(measured.ratio, 3),
        "pairs": measured.pairs,
    }
