"""The demo district for tutorials: how long building it takes (issue 12).

``demo.build``: ``demo_district(n)`` (20 schools in the full run, 5 in quick mode), median
CPU time of three builds after one warm-up build (imports and the holiday tables). No
baseline: the figure tells a tutorial's reader how long the first cell takes.
"""

from __future__ import annotations

from typing import Any

from _measure import median_cpu

from schoollogistics.demo import demo_district


def bench_build(quick: bool) -> list[dict[str, Any]]:
    schools = 5 if quick else 20
    demo_district(1)
    seconds, district = median_cpu(3, lambda: demo_district(schools))
    assert len(district.schools) == schools
    return [{"name": "demo.build", "value": round(seconds, 3), "unit": f"s for {schools} schools"}]


BENCHMARKS = {"demo.build": bench_build}
