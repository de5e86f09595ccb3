"""The demo district: 20 schools built from a seed, audited, and what each audit found.

Run it with:  uv run python examples/demo_district.py

Each school's food-sample log (one school year) carries faults injected at a
stated rate; the audit finds exactly those. The ledgers replay with no invariant
violation, and the damage claims assess. The script does the I/O (printing).
"""

from __future__ import annotations

from collections import Counter

from schoollogistics import Money
from schoollogistics.demo import demo_district

RULES = {
    "food_samples.underweight": "FS-2 <125 g",
    "food_samples.discarded_too_early": "FS-3 <48 h",
    "food_samples.missing_label": "FS-4 label",
    "food_samples.temperature_out_of_range": "FS-5 temp",
}


def main() -> None:
    district = demo_district(20, year=2025, seed=0)
    print(f"{district.name} {district.year}—{district.year + 1}: {len(district.schools)} schools")
    print(f"{'school':<14}{'samples':>8}" + "".join(f"{label:>13}" for label in RULES.values()))
    mismatches = 0
    total = Money(0)
    for school in district.schools:
        found = Counter(v.code for v in school.audit_food())
        if dict(sorted(found.items())) != school.expected_findings():
            mismatches += 1
        row = "".join(f"{found.get(code, 0):>13}" for code in RULES)
        print(f"{school.school_id} {school.name:<10}{len(school.food.samples):>8}{row}")
        assert school.ledger().check_invariants() == ()
        total = Money.sum([total, *(a.total for a in school.assessments())])
    print(f"findings equal to the injected faults in {20 - mismatches} of 20 schools")
    print(f"compensation assessed across the district: {total} yuan")
    if mismatches:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
