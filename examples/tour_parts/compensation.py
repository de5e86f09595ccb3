"""Tour section: compensation (being built)."""

from __future__ import annotations

TITLE = "compensation (coming soon)"


def show() -> None:
    print("This area is being built; see CHANGELOG.md.")
