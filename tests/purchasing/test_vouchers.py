"""PR-5: the voucher check as data, and parse_capital, the exact inverse of to_capital."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics.core.money import Money, parse_capital, to_capital
from schoollogistics.errors import CapitalTextError
from schoollogistics.purchasing import FinancePolicy, Signature, SignerRole, Voucher, check_voucher
from schoollogistics.testing.purchasing import simulate_purchases, vouchers

# The money domain: 13 integer digits, whole fen.
FEN = st.integers(-(10**15) + 1, 10**15 - 1)


@settings(max_examples=60, deadline=None)
@given(FEN)
def test_parse_capital_inverts_to_capital(fen: int) -> None:
    # rule: PR-5
    amount = Money.from_fen(fen)
    assert parse_capital(to_capital(amount)) == amount


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整负", max_size=12))
def test_parse_capital_accepts_exactly_what_to_capital_writes(text: str) -> None:
    # rule: PR-5
    try:
        amount = parse_capital(text)
    except CapitalTextError:
        return
    assert to_capital(amount) == text


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("壹仟贰佰叁拾肆元伍角陆分", "1234.56"),
        ("壹佰元整", "100"),
        ("壹仟元零伍分", "1000.05"),
        ("伍角", "0.50"),
        ("零元整", "0"),
        ("壹亿零壹拾元整", "100000010"),
        ("负伍元伍角", "-5.50"),
        ("壹万零壹亿元整", "1000100000000"),
    ],
)
def test_parse_capital_examples(text: str, amount: str) -> None:
    assert parse_capital(text) == Money(amount)


@pytest.mark.parametrize(
    "text", ["壹佰元", "壹佰零元整", "佰元整", "壹佰元整整", "100元", "", "负零元整", "壹亿亿元整"]
)
def test_parse_capital_refuses_what_is_not_canonical(text: str) -> None:
    with pytest.raises(CapitalTextError) as caught:
        parse_capital(text)
    assert caught.value.code == "money.not_capital"


def good() -> Voucher:
    reimbursement = simulate_purchases(1)[0].reimbursement
    assert reimbursement is not None
    return reimbursement.voucher


def codes(voucher: Voucher, **kw: object) -> list[str]:
    return [v.code for v in check_voucher(voucher, **kw)]  # type: ignore[arg-type]  # test


@pytest.mark.rule("PR-5")
def test_pr5_a_valid_voucher_has_no_finding() -> None:
    assert check_voucher(good()) == ()


@pytest.mark.rule("PR-5")
def test_pr5_kind_elements_amounts_and_words() -> None:
    voucher = good()
    assert codes(attrs.evolve(voucher, kind="白条")) == ["purchasing.voucher_kind"]
    missing = attrs.evolve(voucher, seal=False, issuer="", issued_on=None)
    found = check_voucher(missing)
    assert [v.params["element"] for v in found] == ["the seal", "the issuer", "the date"]
    assert found[0].message_zh.endswith("缺少「印章」")
    wrong = attrs.evolve(voucher, amount=voucher.amount + Money(1))  # type: ignore[operator]
    assert codes(wrong) == [
        "purchasing.voucher_amount_mismatch",
        "purchasing.voucher_words_disagree",
    ]
    assert codes(attrs.evolve(voucher, amount_in_words="肆拾元")) == [
        "purchasing.voucher_words_unreadable"
    ]


@pytest.mark.rule("PR-5")
def test_pr5_three_different_signers_principal_handler_witness() -> None:
    voucher = good()
    two = attrs.evolve(voucher, signatures=voucher.signatures[:2])
    assert codes(two) == ["purchasing.voucher_signatures", "purchasing.voucher_signer_missing"]
    same = tuple(attrs.evolve(s, name="王校长") for s in voucher.signatures)
    assert codes(attrs.evolve(voucher, signatures=same)) == ["purchasing.voucher_signatures"]
    others = (*voucher.signatures[:2], Signature(role=SignerRole.OTHER, name="会计"))
    assert codes(attrs.evolve(voucher, signatures=others)) == ["purchasing.voucher_signer_missing"]
    assert codes(two, policy=FinancePolicy(min_signatures=2)) == [
        "purchasing.voucher_signer_missing"
    ]


@pytest.mark.rule("PR-5")
def test_pr5_expired_voucher() -> None:
    voucher = attrs.evolve(good(), valid_until=pendulum.Date(2025, 9, 1))
    assert codes(voucher, on=pendulum.Date(2025, 9, 2)) == ["purchasing.voucher_expired"]
    assert codes(voucher, on=pendulum.Date(2025, 9, 1)) == []


@settings(max_examples=40, deadline=None)
@given(vouchers())
def test_the_check_never_raises_on_typed_vouchers(voucher: Voucher) -> None:
    found = check_voucher(voucher)
    assert all(v.rule == "PR-5" for v in found)
