"""Money edges the mutation run named: ordering, truth, decimal weights, the fen split.

rules: DC-7 (splits add up exactly)
"""

from __future__ import annotations

import decimal
import operator
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics import Money, allocate
from schoollogistics.core.money import FEN, allocate_fen, non_negative, to_decimal
from schoollogistics.errors import (
    AmountNotFiniteError,
    AmountNotInFenError,
    AmountOutOfRangeError,
    AmountTextError,
    AmountTypeError,
    FloatAmountError,
    InvalidWeightsError,
    NegativeAmountError,
)
from schoollogistics.testing import fen_amounts, money, weights


class TestOrdering:
    @given(money(), money())
    def test_operators_agree_with_the_amounts(self, a: Money, b: Money) -> None:
        assert (a < b) is (a.amount < b.amount)
        assert (a <= b) is (a.amount <= b.amount)
        assert (a > b) is (a.amount > b.amount)
        assert (a >= b) is (a.amount >= b.amount)
        assert (a == b) is (a.amount == b.amount)

    def test_boundaries(self) -> None:
        one, two = Money("1.00"), Money("2")
        assert one < two
        assert not two < one
        assert not one < Money("1")
        assert one <= Money("1")
        assert not two <= one
        assert two > one
        assert not one > Money("1")
        assert one >= Money("1")
        assert not one >= two

    @pytest.mark.parametrize("other", [1, Decimal(1), "1", None])
    def test_comparing_with_a_non_money_is_a_type_error(self, other: Any) -> None:
        for compare in (operator.lt, operator.le, operator.gt, operator.ge):
            with pytest.raises(TypeError):
                compare(Money(1), other)

    def test_arithmetic_with_a_non_money_is_a_type_error(self) -> None:
        with pytest.raises(TypeError):
            _ = Money(1) + 1  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = Money(1) - 1  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = Money(1) * "2"  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = Money(1) * True


class TestTruthAndSign:
    @pytest.mark.parametrize(
        ("text", "truth", "negative"),
        [("0", False, False), ("0.00", False, False), ("-0", False, False),
         ("0.01", True, False), ("-0.01", True, True), ("100", True, False)],
    )  # fmt: skip
    def test_bool_and_is_negative(self, text: str, truth: bool, negative: bool) -> None:
        assert bool(Money(text)) is truth
        assert Money(text).is_negative() is negative

    def test_unary_and_abs(self) -> None:
        assert -Money("1.50") == Money("-1.50")
        assert +Money("1.50") == Money("1.50")
        assert abs(Money("-1.50")) == Money("1.50")
        assert abs(Money("1.50")) == Money("1.50")

    def test_exact_arithmetic_values(self) -> None:
        assert Money("0.10") + Money("0.20") == Money("0.30")
        assert Money("0.10") - Money("0.30") == Money("-0.20")
        assert Money("1.25") * 3 == Money("3.75")
        assert 3 * Money("1.25") == Money("3.75")
        assert Money("1.25") * Decimal("0.5") == Money("0.625")
        assert Money.sum([]) == Money(0)
        assert Money.sum([Money("0.01")] * 3) == Money("0.03")
        assert Money.zero() == Money(0)
        assert str(Money("12.50")) == "12.50"
        assert repr(Money("12.50")) == "Money('12.50')"

    def test_round(self) -> None:
        assert round(Money("0.125")) == Money("0.13")
        assert round(Money("0.125"), 2) == Money("0.13")
        with pytest.raises(AmountTypeError) as info:
            round(Money("0.125"), 1)
        assert info.value.params == {"type_name": "round(ndigits=1)", "field": "ndigits"}

    def test_fen_and_from_fen(self) -> None:
        assert Money.from_fen(1250) == Money("12.50")
        assert Money.from_fen(-1) == Money("-0.01")
        assert Money.from_fen(0).fen == 0
        assert Money("12.5").fen == 1250
        assert Money("12.5").is_fen_exact
        assert not Money("12.505").is_fen_exact
        with pytest.raises(AmountNotInFenError) as info:
            _ = Money("12.505").fen
        assert info.value.params == {"value": Decimal("12.505"), "field": "amount"}
        with pytest.raises(AmountTypeError) as type_info:
            Money.from_fen(True)
        assert type_info.value.type_name == "bool"
        with pytest.raises(AmountTypeError):
            Money.from_fen("12")  # type: ignore[arg-type]

    def test_quantize_modes(self) -> None:
        assert Money("0.125").quantize_fen() == Money("0.13")
        assert Money("-0.125").quantize_fen() == Money("-0.13")
        assert Money("0.125").quantize_fen(decimal.ROUND_HALF_EVEN) == Money("0.12")
        assert Money("0.121").quantize_fen(decimal.ROUND_UP) == Money("0.13")
        assert Money("0.129").quantize_fen(decimal.ROUND_DOWN) == Money("0.12")
        assert Money("0.125").quantize_fen().amount.as_tuple().exponent == -2
        with pytest.raises(AmountTypeError) as info:
            Money("1").quantize_fen("HALF_UP")
        assert info.value.field == "rounding"


class TestToDecimal:
    def test_values_and_fields(self) -> None:
        assert to_decimal("1,234.50") == Decimal("1234.50")
        with pytest.raises(AmountTextError):
            to_decimal(" 1_000 ")
        assert to_decimal(Money("2.5")) == Decimal("2.5")
        assert to_decimal(7) == Decimal(7)
        with pytest.raises(AmountTypeError) as info:
            to_decimal(True, field="price")
        assert info.value.params == {"type_name": "bool", "field": "price"}
        with pytest.raises(FloatAmountError) as float_info:
            to_decimal(1.5, field="price")
        assert float_info.value.params == {"value": 1.5, "field": "price"}
        with pytest.raises(AmountTextError) as text_info:
            to_decimal("abc", field="price")
        assert text_info.value.params == {"value": "abc", "field": "price"}
        with pytest.raises(AmountNotFiniteError) as nan_info:
            to_decimal(Decimal("NaN"), field="price")
        assert nan_info.value.field == "price"
        with pytest.raises(AmountTypeError) as other_info:
            to_decimal([1], field="price")
        assert other_info.value.type_name == "list"


class TestDecimalWeights:
    def test_decimal_and_text_weights(self) -> None:
        assert allocate("1.00", [Decimal("0.5"), Decimal("0.25"), Decimal("0.25")]) == (
            Money("0.50"),
            Money("0.25"),
            Money("0.25"),
        )
        assert allocate("1.00", [Decimal("1.5"), 1]) == allocate("1.00", [3, 2])
        assert allocate("1.00", [Decimal("1E+2"), 100]) == allocate("1.00", [1, 1])
        assert allocate("0.03", [Decimal("0.001"), Decimal("0.002")]) == allocate("0.03", [1, 2])
        assert allocate("1.00", [Money("2.50"), 5]) == allocate("1.00", [1, 2])

    @given(fen_amounts(), weights(), st.integers(0, 4))
    def test_scaling_weights_changes_nothing(self, total: Money, ws: list[int], k: int) -> None:
        scaled = [Decimal(w).scaleb(-k) for w in ws]
        assert allocate(total, scaled) == allocate(total, ws)
        assert allocate(total, [Money(w) for w in scaled]) == allocate(total, ws)

    def test_bad_decimal_weights_name_the_original_weights(self) -> None:
        with pytest.raises(InvalidWeightsError) as info:
            allocate("1", [Decimal("0.5"), Decimal("-0.5")])
        assert info.value.params == {
            "weights": [Decimal("0.5"), Decimal("-0.5")],
            "reason": "negative weight",
        }
        with pytest.raises(InvalidWeightsError) as zero:
            allocate("1", [Decimal("0.0"), 0])
        assert zero.value.reason == "weights sum to zero"
        with pytest.raises(InvalidWeightsError) as empty:
            allocate("1", [])
        assert empty.value.params == {"weights": "[]", "reason": "no parties"}


class TestAllocateFen:
    def test_examples(self) -> None:
        assert allocate_fen(1000, [1, 1, 1]) == (334, 333, 333)
        assert allocate_fen(-1000, [1, 1, 1]) == (-334, -333, -333)
        assert allocate_fen(0, [1, 2]) == (0, 0)
        assert allocate_fen(1, [1, 1]) == (1, 0)
        assert allocate_fen(2, [1, 1, 2]) == (1, 0, 1)  # ties go to the earlier party
        assert allocate_fen(7, [0, 3]) == (0, 7)

    @pytest.mark.parametrize(
        ("ws", "reason"),
        [([], "no parties"), ([1, -1], "negative weight"),
         ([0, 0], "weights sum to zero"),
         ([True, 1], "weights must be int"),
         ([Decimal(1), 1], "weights must be int")],
    )  # fmt: skip
    def test_bad_weights(self, ws: list[int], reason: str) -> None:
        with pytest.raises(InvalidWeightsError) as info:
            allocate_fen(100, ws)
        assert info.value.params == {"weights": list(ws) if ws else "[]", "reason": reason}

    @given(st.integers(-(10**12), 10**12), weights())
    def test_parts_add_up_and_are_fair(self, total: int, ws: list[int]) -> None:
        parts = allocate_fen(total, ws)
        assert sum(parts) == total
        weight_sum = sum(ws)
        for part, w in zip(parts, ws, strict=True):
            assert abs(part * weight_sum - total * w) < weight_sum
        assert allocate_fen(-total, ws) == tuple(-p for p in parts)

    @given(st.integers(0, 10**9), weights())
    def test_money_allocate_is_the_fen_split(self, fen: int, ws: list[int]) -> None:
        money_parts = allocate(Money.from_fen(fen), ws)
        assert tuple(p.fen for p in money_parts) == allocate_fen(fen, ws)
        assert all(p.amount.as_tuple().exponent == FEN.as_tuple().exponent for p in money_parts)


class TestErrorParams:
    """Front ends read ``params``: each refusal names its field and value exactly."""

    def test_multiplying(self) -> None:
        with pytest.raises(FloatAmountError) as info:
            _ = Money(1) * 1.5  # type: ignore[operator]
        assert info.value.params == {"value": 1.5, "field": "factor"}
        with pytest.raises(AmountNotFiniteError) as nan:
            _ = Money(1) * Decimal("NaN")
        assert nan.value.field == "factor"
        assert str(nan.value.value) == "NaN"

    def test_from_fen(self) -> None:
        with pytest.raises(AmountTypeError) as info:
            Money.from_fen("12")  # type: ignore[arg-type]
        assert info.value.params == {"type_name": "str", "field": "fen"}

    def test_rounding_mode(self) -> None:
        with pytest.raises(AmountTypeError) as info:
            Money("1").quantize_fen("HALF_UP")
        assert info.value.params == {"type_name": "rounding mode 'HALF_UP'", "field": "rounding"}

    def test_text_and_other_types(self) -> None:
        with pytest.raises(AmountTypeError) as info:
            to_decimal([1], field="price")
        assert info.value.params == {"type_name": "list", "field": "price"}
        with pytest.raises(AmountNotFiniteError) as nan:
            to_decimal(Decimal("Infinity"), field="price")
        assert nan.value.params == {"value": Decimal("Infinity"), "field": "price"}
        for text in ("Infinity", "1__000", "1e3", "12,50", "١٢", "１２", " 7 ", ".5", "5."):
            with pytest.raises(AmountTextError) as refused:
                to_decimal(text, field="price")
            assert refused.value.params == {"value": text, "field": "price"}
        with pytest.raises(FloatAmountError) as default_field:
            Money(1.5)  # type: ignore[arg-type]
        assert default_field.value.params == {"value": 1.5, "field": "amount"}
        with pytest.raises(AmountTextError) as text_field:
            to_decimal("1.2.3")
        assert text_field.value.field == "amount"

    def test_weights(self) -> None:
        with pytest.raises(InvalidWeightsError) as info:
            allocate("1", ["abc", "1"])  # type: ignore[list-item]
        assert info.value.reason.startswith("weights must be int, Decimal or Money")
        with pytest.raises(InvalidWeightsError) as zero:
            allocate("1", [Decimal("0.0"), 0])
        assert zero.value.params == {
            "weights": [Decimal("0.0"), 0],
            "reason": "weights sum to zero",
        }

    def test_capital_of_zero_and_signs(self) -> None:
        assert Money("0").to_capital() == "零元整"
        assert Money("-0.00").to_capital() == "零元整"
        assert Money("-0.01").to_capital() == "负壹分"
        assert Money("0.01").to_capital() == "壹分"

    def test_capital_too_large(self) -> None:
        with pytest.raises(AmountOutOfRangeError) as info:
            Money(Decimal("1E16"))
        assert info.value.params == {
            "value": Decimal("1E16"),
            "field": "amount",
            "integer_digits": 13,
            "fraction_digits": 6,
        }


class TestNonNegative:
    @pytest.mark.parametrize("value", ["0", 0, "0.00", Decimal("12.5"), Money("3")])
    def test_accepts_zero_and_positive(self, value: str | int | Decimal | Money) -> None:
        result = non_negative(value, field="unit_cost")
        assert result == Money(value)
        assert isinstance(result, Money)

    def test_returns_money_unchanged(self) -> None:
        amount = Money("12.50")
        assert non_negative(amount, field="cost") is amount

    @pytest.mark.parametrize("value", ["-0.01", -1, Money("-3")])
    def test_refuses_negative_with_field_and_value(self, value: str | int | Money) -> None:
        with pytest.raises(NegativeAmountError) as info:
            non_negative(value, field="unit_cost")
        assert info.value.code == "money.negative"
        assert info.value.params == {"field": "unit_cost", "value": Money(value)}
        assert "unit_cost" in info.value.message_en
        assert "unit_cost" in info.value.message_zh

    def test_refuses_floats(self) -> None:
        with pytest.raises(FloatAmountError):
            non_negative(1.5, field="unit_cost")  # type: ignore[arg-type]
