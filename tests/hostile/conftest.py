"""The hostile-input suite: every input gets a typed error fast, or is accepted exactly.

Run it (default, CI budget: more than 20,000 inputs, well under 90 s)::

    uv run pytest -q --no-cov tests/hostile

Long mode (25 times the Hypothesis examples, more than 10^6 inputs; about 15 minutes)::

    SCHOOLLOGISTICS_HOSTILE_LONG=1 uv run pytest -q --no-cov tests/hostile

Report mode (fail nothing, list every distinct failure class at the end, with
a minimal reproduction of each; combine with long mode if wanted)::

    SCHOOLLOGISTICS_HOSTILE_REPORT=1 uv run pytest -q --no-cov tests/hostile

Every test is derandomised (a fixed Hypothesis seed, no example database), so
a run feeds the same inputs each time. The session ends with the number of
inputs fed; when every hostile test ran, fewer than 20,000 (10^6 in long
mode) fails the session. Under pytest-xdist each worker hands its record to the
controller (``workeroutput``), which adds them up and judges the whole run.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from ._support import LONG, MIN_DEFAULT_INPUTS, MIN_LONG_INPUTS, RECORD, REPORT, Failure

_RAN: set[tuple[str, str]] = set()
"""(module, test function) of every hostile test whose call phase ran."""


def _all_hostile_tests() -> set[tuple[str, str]]:
    """Every test function of the suite, from its modules (imported if need be)."""
    found: set[tuple[str, str]] = set()
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        module = importlib.import_module(f"{__package__}.{path.stem}")
        found |= {(module.__name__, name) for name in vars(module) if name.startswith("test_")}
    return found


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    if isinstance(item, pytest.Function) and item.module.__name__.startswith(__package__ or "-"):
        _RAN.add((item.module.__name__, item.originalname))
    yield


def _whole_suite_ran() -> bool:
    return bool(_RAN) and _all_hostile_tests() <= _RAN


def _handed_over(config: pytest.Config) -> bool:
    """In an xdist worker: give this worker's record to the controller, which judges."""
    output = getattr(config, "workeroutput", None)
    if output is None:
        return False
    output["hostile"] = {
        "inputs": RECORD.inputs,
        "by_area": RECORD.by_area,
        "ran": sorted(_RAN),
        "classes": [(list(key), vars(failure)) for key, failure in RECORD.classes.items()],
        "counts": [(list(key), count) for key, count in RECORD.counts.items()],
    }
    return True


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    """The controller of an xdist run merges each worker's record into its own."""
    del error
    output = getattr(node, "workeroutput", {})
    part = output.get("hostile") if isinstance(output, dict) else None
    if not part:
        return
    RECORD.inputs += part["inputs"]
    for area, count in part["by_area"].items():
        RECORD.by_area[area] = RECORD.by_area.get(area, 0) + count
    _RAN.update((module, name) for module, name in part["ran"])
    for key, failure in part["classes"]:
        RECORD.classes.setdefault(tuple(key), Failure(**failure))
    for key, count in part["counts"]:
        RECORD.counts[tuple(key)] = RECORD.counts.get(tuple(key), 0) + count


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _handed_over(session.config):
        return
    minimum = MIN_LONG_INPUTS if LONG else MIN_DEFAULT_INPUTS
    if _whole_suite_ran() and RECORD.inputs < minimum and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not RECORD.inputs:
        return
    write = terminalreporter.write_line
    areas = ", ".join(f"{area} {count:,}" for area, count in sorted(RECORD.by_area.items()))
    write(f"hostile inputs fed: {RECORD.inputs:,} ({areas})")
    minimum = MIN_LONG_INPUTS if LONG else MIN_DEFAULT_INPUTS
    if _whole_suite_ran() and RECORD.inputs < minimum:
        write(f"hostile budget NOT met: fewer than {minimum:,} inputs")
    if RECORD.classes:
        mode = " (report mode)" if REPORT else ""
        write(f"hostile failure classes: {len(RECORD.classes)}{mode}")
        for key, failure in sorted(RECORD.classes.items()):
            write(f"  x{RECORD.counts[key]:<6} {failure.line()}")
