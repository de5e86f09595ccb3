"""Money: exact construction, rounding, allocation and capital numerals (DC-7)."""

from __future__ import annotations

import decimal
from decimal import Decimal

import cn2an
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from schoollogistics import Money, allocate, to_capital
from schoollogistics.errors import (
    AmountNotFiniteError,
    AmountNotInFenError,
    AmountOutOfRangeError,
    AmountTextError,
    AmountTypeError,
    FloatAmountError,
    InvalidWeightsError,
)
from schoollogistics.testing import fen_amounts, money, weights


class TestConstruction:
    def test_accepts_str_int_decimal(self) -> None:
        assert Money("12.50") == Money(Decimal("12.5")) == Money("12.5")
        assert Money(3).amount == Decimal(3)
        assert Money("1,234.50").amount == Decimal("1234.50")

    def test_keeps_exponent_for_display(self) -> None:
        assert str(Money("12.50")) == "12.50"
        assert repr(Money("0.5")) == "Money('0.5')"

    def test_float_refused_with_code(self) -> None:
        with pytest.raises(FloatAmountError) as info:
            Money(12.5)  # type: ignore[arg-type]
        assert info.value.code == "money.float_refused"
        assert "float" in info.value.message_en
        assert "浮点数" in info.value.message_zh

    @pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf", "sNaN"])
    def test_non_finite_refused(self, text: str) -> None:
        with pytest.raises(AmountTextError):  # outside the grammar of decimal text
            Money(text)
        with pytest.raises(AmountNotFiniteError) as info:
            Money(Decimal(text))
        assert info.value.code == "money.not_finite"

    @pytest.mark.parametrize("value", [True, None, [1], object()])
    def test_other_types_refused(self, value: object) -> None:
        with pytest.raises(AmountTypeError) as info:
            Money(value)  # type: ignore[arg-type]
        assert info.value.code == "money.wrong_type"

    def test_text_refused(self) -> None:
        with pytest.raises(AmountTextError) as info:
            Money("twelve")
        assert info.value.code == "money.not_a_number"

    def test_fen(self) -> None:
        assert Money("12.50").fen == 1250
        assert Money.from_fen(-5) == Money("-0.05")
        assert Money("1.005").is_fen_exact is False
        with pytest.raises(AmountNotInFenError):
            _ = Money("1.005").fen
        with pytest.raises(AmountTypeError):
            Money.from_fen(1.5)  # type: ignore[arg-type]


class TestArithmetic:
    def test_exact(self) -> None:
        assert Money("0.1") + Money("0.2") == Money("0.3")
        assert Money("1") - Money("0.01") == Money("0.99")
        assert -Money("2") == Money("-2")
        assert +Money("2") == Money("2")
        assert abs(Money("-2")) == Money("2")
        assert Money("2.5") * 3 == Money("7.5") == 3 * Money("2.5")
        assert Money("2.5") * Decimal("0.5") == Money("1.25")
        assert Money.sum([Money("1"), Money("2.5")]) == Money("3.5")
        assert Money.sum([]) == Money.zero()
        assert not Money.zero()
        assert Money("-1").is_negative()
        assert Money("1") < Money("2")

    def test_float_factor_refused(self) -> None:
        with pytest.raises(FloatAmountError):
            _ = Money("1") * 1.5  # type: ignore[operator]

    def test_mixing_with_numbers_is_a_type_error(self) -> None:
        with pytest.raises(TypeError):
            _ = Money("1") + 1  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = Money("1") - Decimal(1)  # type: ignore[operator]
        with pytest.raises(TypeError):
            _ = Money("1") * "2"  # type: ignore[operator]

    def test_rounding_is_explicit_and_half_up_by_default(self) -> None:
        assert Money("0.125").quantize_fen() == Money("0.13")
        assert Money("0.125").quantize_fen(decimal.ROUND_HALF_EVEN) == Money("0.12")
        assert Money("-0.125").quantize_fen() == Money("-0.13")
        assert round(Money("2.675")) == Money("2.68")
        assert round(Money("2.675"), 2) == Money("2.68")
        with pytest.raises(AmountTypeError):
            round(Money("2.675"), 1)
        with pytest.raises(AmountTypeError):
            Money("1").quantize_fen("ROUND_SIDEWAYS")

    @given(money())
    def test_quantize_within_half_fen(self, amount: Money) -> None:
        rounded = amount.quantize_fen()
        assert rounded.is_fen_exact
        assert abs(rounded.amount - amount.amount) <= Decimal("0.005")


@pytest.mark.rule("DC-7")
class TestAllocate:
    def test_even_split_gives_extra_fen_to_first(self) -> None:
        assert allocate("10.00", [1, 1, 1]) == (Money("3.34"), Money("3.33"), Money("3.33"))

    def test_weights_and_zero_weight(self) -> None:
        assert allocate("100", [3, 1, 0]) == (Money("75"), Money("25"), Money("0"))
        assert allocate("0.01", [Decimal("0.5"), Decimal("0.5")]) == (Money("0.01"), Money("0"))

    def test_negative_total(self) -> None:
        assert allocate("-10.00", [1, 1, 1]) == (Money("-3.34"), Money("-3.33"), Money("-3.33"))

    @pytest.mark.parametrize(
        ("weights_", "code"),
        [
            ([], "money.invalid_weights"),
            ([1, -1], "money.invalid_weights"),
            ([0, 0], "money.invalid_weights"),
        ],
    )
    def test_bad_weights(self, weights_: list[int], code: str) -> None:
        with pytest.raises(InvalidWeightsError) as info:
            allocate("1", weights_)
        assert info.value.code == code

    def test_sub_fen_total_refused(self) -> None:
        with pytest.raises(AmountNotInFenError):
            allocate("1.001", [1])

    def test_float_weight_refused(self) -> None:
        with pytest.raises(FloatAmountError):
            allocate("1", [0.5])  # type: ignore[list-item]

    @given(fen_amounts(), weights())
    def test_parts_add_up_exactly(self, total: Money, ws: list[int]) -> None:
        parts = allocate(total, ws)
        assert len(parts) == len(ws)
        assert Money.sum(parts) == total

    @given(fen_amounts(), weights())
    def test_each_part_within_one_fen_of_exact_share(self, total: Money, ws: list[int]) -> None:
        parts = allocate(total, ws)
        weight_sum = Decimal(sum(ws))
        for part, w in zip(parts, ws, strict=True):
            exact = total.amount * w / weight_sum
            assert abs(part.amount - exact) < Decimal("0.01")
            assert part.is_fen_exact

    @given(fen_amounts(), weights())
    def test_deterministic_and_sign_symmetric(self, total: Money, ws: list[int]) -> None:
        assert allocate(total, ws) == allocate(total, list(ws))
        assert allocate(-total, ws) == tuple(-p for p in allocate(total, ws))

    @given(fen_amounts(min_value=0), st.integers(1, 20))
    def test_equal_weights_differ_by_at_most_one_fen(self, total: Money, n: int) -> None:
        parts = allocate(total, [1] * n)
        assert max(parts) - min(parts) <= Money("0.01")
        assert list(parts) == sorted(parts, reverse=True)


class TestCapital:
    @pytest.mark.parametrize(
        ("amount", "text"),
        [
            ("1234.56", "壹仟贰佰叁拾肆元伍角陆分"),
            ("100", "壹佰元整"),
            ("1000.05", "壹仟元零伍分"),
            ("0.50", "伍角"),
            ("100000010", "壹亿零壹拾元整"),
            ("0", "零元整"),
            ("-5.50", "负伍元伍角"),
            ("100010", "壹拾万零壹拾元整"),
            ("101000", "壹拾万壹仟元整"),
            ("0.05", "伍分"),
            ("1000000000000.01", "壹万亿元零壹分"),
        ],
    )
    def test_examples(self, amount: str, text: str) -> None:
        assert to_capital(amount) == text
        assert Money(amount).to_capital() == text

    def test_sub_fen_refused(self) -> None:
        with pytest.raises(AmountNotInFenError):
            to_capital("1.001")

    def test_too_large_refused(self) -> None:
        with pytest.raises(AmountOutOfRangeError):  # beyond the money domain already
            to_capital("10000000000000000")

    @given(fen_amounts(min_value="-9999999999999.99", max_value="9999999999999.99"))
    @example(Money("100000010"))
    @example(Money("1000000000.01"))
    @example(Money("10000.10"))
    def test_matches_independent_oracle(self, amount: Money) -> None:
        """cn2an's "rmb" mode is an independent implementation (test-only).

        One known difference: when a whole group of four digits is zero and the
        next group starts with its thousands digit (100,001,000), the voucher
        rules ask for a 零 ("数字中间有0时要写零"): we write 壹亿零壹仟元整, cn2an
        writes 壹亿壹仟元整. Only then may the two differ, and only by 零.
        """
        ours = to_capital(amount)
        oracle = cn2an.an2cn(str(amount.amount), "rmb")
        if _skips_a_whole_group(abs(amount.fen) // 100):
            assert ours.replace("零", "") == oracle.replace("零", "")
        else:
            assert ours == oracle

    @pytest.mark.parametrize(
        ("amount", "text"),
        [
            ("100001000", "壹亿零壹仟元整"),
            ("1000010000000", "壹万亿壹仟万元整"),
            ("1000100000000", "壹万零壹亿元整"),
        ],
    )
    def test_zero_group_followed_by_thousands_writes_zero(self, amount: str, text: str) -> None:
        assert to_capital(amount) == text


def _skips_a_whole_group(yuan: int) -> bool:
    digits = f"{yuan:d}"
    groups = [digits[max(0, i - 4) : i] for i in range(len(digits), 0, -4)][::-1]
    return any(
        int(groups[i]) == 0 and any(int(g) for g in groups[:i]) and groups[i + 1].zfill(4)[0] != "0"
        for i in range(len(groups) - 1)
    )
