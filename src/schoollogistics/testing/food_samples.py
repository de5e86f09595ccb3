"""Hypothesis strategies for `schoollogistics.food_samples`."""

from __future__ import annotations

from typing import Any, Final

from hypothesis import strategies as st

__all__ = ["STRATEGIES"]

STRATEGIES: Final[dict[Any, st.SearchStrategy[Any]]] = {}
"""One strategy per serializable public type of the area."""
