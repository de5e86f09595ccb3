"""Violations (findings as data) and identifiers."""

from __future__ import annotations

import random  # noqa: TID251 - Hypothesis-provided Random, for shuffling
from decimal import Decimal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics import Params, Severity, Violation, sort_violations
from schoollogistics.core import require_id
from schoollogistics.errors import EmptyIdentifierError
from schoollogistics.testing import violations


def test_params_are_text_sorted_hashable_mappings() -> None:
    params = Params({"b": Decimal("12.50"), "a": pendulum.Date(2025, 9, 1)})
    assert list(params) == ["a", "b"]
    assert params["b"] == "12.50"
    assert params["a"] == "2025-09-01"
    assert len(params) == 2
    assert params == {"a": "2025-09-01", "b": "12.50"}
    assert params == Params([("b", "12.50"), ("a", "2025-09-01")])
    assert hash(params) == hash(Params(params))
    assert params != 3
    assert "Params(" in repr(params)
    with pytest.raises(KeyError):
        _ = params["c"]


def test_violation_is_frozen_and_converts_params() -> None:
    finding = Violation("x.y", Severity.ERROR, "S-1", "FS-2", {"grams": 100})
    assert finding.params == {"grams": "100"}
    with pytest.raises(AttributeError):
        finding.code = "z"  # type: ignore[misc]


@given(st.lists(violations(), max_size=6), st.randoms())
def test_sorting_is_independent_of_input_order(items: list[Violation], rnd: random.Random) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert sort_violations(shuffled) == sort_violations(items)


def test_require_id() -> None:
    assert require_id("T-001") == "T-001"
    for bad in ("", "   ", None, 3):
        with pytest.raises(EmptyIdentifierError) as info:
            require_id(bad, field="tag")
        assert info.value.code == "id.empty"
