"""``trusted_from_fen``: the unchecked twin of ``Money.from_fen`` gives the same money."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from schoollogistics.core.money import Money, trusted_from_fen

_LIMIT = 10**15 - 1


@given(st.integers(-_LIMIT, _LIMIT))
def test_trusted_from_fen_equals_from_fen(fen: int) -> None:
    fast, checked = trusted_from_fen(fen), Money.from_fen(fen)
    assert type(fast) is Money
    assert fast == checked
    assert hash(fast) == hash(checked)
    assert str(fast) == str(checked)  # the same exponent: two decimal places
    assert fast.fen == fen


def test_trusted_from_fen_examples() -> None:
    assert str(trusted_from_fen(0)) == "0.00"
    assert str(trusted_from_fen(1250)) == "12.50"
    assert str(trusted_from_fen(-5)) == "-0.05"
    assert str(trusted_from_fen(_LIMIT)) == "9999999999999.99"
