"""A demo district for tutorials and notebooks: deterministic, and no Hypothesis needed.

[`demo_district`][schoollogistics.demo.demo_district] builds, from a seed, a district
of schools (20 by default), each with its school year (the calendar area), a school
year of meals, food samples, disposals and cabinet readings into which faults are
injected at a stated rate (samples under 125 g, disposals before 48 h, missing
labels, temperature excursions), an asset ledger's event log and damage claims::

    from schoollogistics.demo import demo_district

    district = demo_district(3, seed=1)
    school = district.schools[0]
    school.expected_findings()  # what the food audit must report, by code
    school.audit_food()  # the findings, as data

Every injected fault is listed in ``school.faults`` with the samples the audit
names for it. The numbers come from a small SplitMix64 stream seeded by the
arguments: src/ draws no randomness.

[`simulate_canteen`][schoollogistics.demo.simulate_canteen] builds the records of
a compliant canteen (also re-exported by ``schoollogistics.testing.food_samples``).
"""

from schoollogistics.demo._canteen import simulate_canteen
from schoollogistics.demo._district import (
    DemoSchool,
    District,
    FaultKind,
    FaultRates,
    InjectedFault,
    demo_district,
    demo_food_log,
)

__all__ = [
    "DemoSchool",
    "District",
    "FaultKind",
    "FaultRates",
    "InjectedFault",
    "demo_district",
    "demo_food_log",
    "simulate_canteen",
]
