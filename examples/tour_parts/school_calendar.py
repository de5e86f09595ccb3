"""Tour section: school_calendar (being built)."""

from __future__ import annotations

TITLE = "school_calendar (coming soon)"


def show() -> None:
    print("This area is being built; see CHANGELOG.md.")
