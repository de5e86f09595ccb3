"""Helpers shared by the benchmarks: timing and peak memory (the I/O lives here, not in src/)."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def best_of(runs: int, function: Callable[[], T]) -> tuple[float, T]:
    """Run ``function`` ``runs`` times; return the fastest wall time (s) and the last result."""
    best = float("inf")
    result: Any = None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_memory(function: Callable[[], T]) -> tuple[int, T]:
    """Run ``function`` under tracemalloc; return the peak bytes allocated and its result."""
    tracemalloc.start()
    try:
        result = function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, result


def record(name: str, value: float, unit: str, baseline: float | None = None) -> dict[str, Any]:
    """One result line; ``ratio`` is value / baseline when a baseline is given."""
    out: dict[str, Any] = {"name": name, "value": round(value, 3), "unit": unit}
    if baseline is not None:
        out["baseline"] = round(baseline, 3)
        out["ratio"] = round(value / baseline, 3) if baseline else None
    return out
