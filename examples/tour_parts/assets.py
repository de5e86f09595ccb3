"""Tour section: assets (being built)."""

from __future__ import annotations

TITLE = "assets (coming soon)"


def show() -> None:
    print("This area is being built; see CHANGELOG.md.")
