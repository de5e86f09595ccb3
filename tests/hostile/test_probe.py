"""The probe itself: its clocks decide what is slow (a fake clock, nothing is timed)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from ._support import Batch, probe


class _Clock:
    """Each call of a clock advances it by the next step given for it."""

    def __init__(self, steps: list[float]) -> None:
        self.now = 0.0
        self.steps: Iterator[float] = iter(steps)

    def __call__(self) -> float:
        self.now += next(self.steps, 0.0)
        return self.now


def _probe(monkeypatch: pytest.MonkeyPatch, cpu: list[float], wall: list[float]) -> Batch:
    monkeypatch.setattr(time, "thread_time", _Clock(cpu))
    monkeypatch.setattr(time, "perf_counter", _Clock(wall))
    batch = Batch("probe")
    probe(batch, "target", lambda: None, repro="x")
    return batch


def test_cheap_call_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not _probe(monkeypatch, [0.0, 0.05], [0.0, 0.05]).failures


def test_cpu_over_budget_on_every_run_is_slow(monkeypatch: pytest.MonkeyPatch) -> None:
    batch = _probe(monkeypatch, [0.0, 0.2] * 3, [0.0, 0.2] * 3)
    assert [f.kind for f in batch.failures] == ["slow"]
    assert "CPU" in batch.failures[0].exception


def test_one_slow_run_is_forgiven_by_a_fast_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not _probe(monkeypatch, [0.0, 0.2, 0.0, 0.05], [0.0, 0.2, 0.0, 0.05]).failures


def test_wall_time_of_a_loaded_machine_is_not_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not _probe(monkeypatch, [0.0, 0.05], [0.0, 0.9]).failures


def test_a_call_that_blocks_is_slow(monkeypatch: pytest.MonkeyPatch) -> None:
    batch = _probe(monkeypatch, [0.0, 0.01] * 3, [0.0, 3.0] * 3)
    assert [f.kind for f in batch.failures] == ["slow"]
    assert "wall" in batch.failures[0].exception
