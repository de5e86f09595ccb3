"""Tour section: food_samples (being built)."""

from __future__ import annotations

TITLE = "food_samples (coming soon)"


def show() -> None:
    print("This area is being built; see CHANGELOG.md.")
