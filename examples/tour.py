"""A tour of schoollogistics on an embedded demo school (红星小学, Beijing).

Run it with:  uv run python examples/tour.py

Each area of the library adds a section in examples/tour_parts/. The tour does
the I/O (printing) that the library itself never does.
"""

from __future__ import annotations

from tour_parts import (
    assets,
    canteen,
    compensation,
    food_samples,
    kernel,
    purchasing,
    repairs,
    safety,
    school_calendar,
)

SECTIONS = (
    kernel,
    assets,
    food_samples,
    compensation,
    school_calendar,
    repairs,
    canteen,
    purchasing,
    safety,
)


def main() -> None:
    print("schoollogistics tour — 红星小学 (demo school, Asia/Shanghai)")
    for number, section in enumerate(SECTIONS, start=1):
        print()
        print(f"{number}. {section.TITLE}")
        print("-" * 60)
        section.show()


if __name__ == "__main__":
    main()
