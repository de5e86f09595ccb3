"""Shared test configuration: Hypothesis profiles.

``dev`` (default) explores randomly, 100 examples a test; ``ci`` (selected when
the ``CI`` environment variable is set, or with HYPOTHESIS_PROFILE=ci) is
derandomised and bounded, 40 examples a test, so that CI runs are reproducible
and fit the CI budget with branch coverage (which doubles the suite's time).
Tests that set their own ``max_examples`` keep it in both.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# scripts/mutation.sh: like ci, but mutmut runs a test several times in one process.
settings.register_profile(
    "mutation",
    parent=settings.get_profile("ci"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
    database=None,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
