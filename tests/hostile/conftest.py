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
mode) fails the session.
"""

from __future__ import annotations

import pytest

from ._support import LONG, MIN_DEFAULT_INPUTS, MIN_LONG_INPUTS, RECORD, REPORT

_RAN: dict[str, int] = {"collected": 0, "ran": 0}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    _RAN["collected"] = sum(1 for item in items if "/tests/hostile/" in str(item.path))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and "tests/hostile/" in report.nodeid:
        _RAN["ran"] += 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    minimum = MIN_LONG_INPUTS if LONG else MIN_DEFAULT_INPUTS
    whole = _RAN["collected"] > 0 and _RAN["ran"] == _RAN["collected"]
    if whole and RECORD.inputs < minimum and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not RECORD.inputs:
        return
    write = terminalreporter.write_line
    areas = ", ".join(f"{area} {count:,}" for area, count in sorted(RECORD.by_area.items()))
    write(f"hostile inputs fed: {RECORD.inputs:,} ({areas})")
    minimum = MIN_LONG_INPUTS if LONG else MIN_DEFAULT_INPUTS
    if _RAN["ran"] == _RAN["collected"] and RECORD.inputs < minimum:
        write(f"hostile budget NOT met: fewer than {minimum:,} inputs")
    if RECORD.classes:
        write(
            f"hostile failure classes: {len(RECORD.classes)}" + (" (report mode)" if REPORT else "")
        )
        for key, failure in sorted(RECORD.classes.items()):
            write(f"  x{RECORD.counts[key]:<6} {failure.line()}")
