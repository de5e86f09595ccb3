"""The DC guards (``_rules.py``), one by one: each passes at its boundary and refuses past it.

Every refusal's code and ``params`` are asserted (front ends read them).
"""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest

from schoollogistics.compensation import (
    FineRefusedError,
    GuardianMissingError,
    IncidentBeforeAcquisitionError,
    InvalidClaimError,
    InvalidLifeError,
    InvalidPartyError,
    InvalidPolicyError,
    RepairQuoteError,
    ReplacementCostMissingError,
)
from schoollogistics.compensation import _rules as rules
from schoollogistics.core import AssetCategory, Money

DAY = pendulum.Date(2025, 9, 1)


@pytest.mark.rule("DC-1")
def test_dc1_claim_has_items() -> None:
    rules.dc1_claim_has_items("C-1", 1)
    with pytest.raises(InvalidClaimError) as info:
        rules.dc1_claim_has_items("C-1", 0)
    assert info.value.code == "compensation.invalid_claim"
    assert info.value.params == {"claim": "C-1", "reason": "no damaged item"}


@pytest.mark.rule("DC-1")
def test_dc1_party_named_once() -> None:
    rules.dc1_party_named_once("C-1", [])
    rules.dc1_party_named_once("C-1", ["a", "b"])
    with pytest.raises(InvalidClaimError) as info:
        rules.dc1_party_named_once("C-1", ["a", "b", "a"])
    assert info.value.params == {"claim": "C-1", "reason": "a party is named twice"}


@pytest.mark.rule("DC-2")
def test_dc2_natural_wear_never_charged() -> None:
    rules.dc2_natural_wear_never_charged(natural_wear_listed=False)
    with pytest.raises(InvalidPolicyError) as info:
        rules.dc2_natural_wear_never_charged(natural_wear_listed=True)
    assert info.value.code == "compensation.invalid_policy"
    assert info.value.params == {
        "field": "compensable_causes",
        "reason": "natural wear is repaired by the school at no charge (DC-2)",
    }


@pytest.mark.rule("DC-2")
def test_dc2_lost_is_not_wear() -> None:
    rules.dc2_lost_is_not_wear("C-1", natural_wear=True, lost=False)
    rules.dc2_lost_is_not_wear("C-1", natural_wear=False, lost=True)
    with pytest.raises(InvalidClaimError) as info:
        rules.dc2_lost_is_not_wear("C-1", natural_wear=True, lost=True)
    assert info.value.params == {
        "claim": "C-1",
        "reason": "a lost item is not natural wear",
    }


@pytest.mark.rule("DC-3")
def test_dc3_holder_is_class_or_unit() -> None:
    rules.dc3_holder_is_class_or_unit("c-3-2", class_or_unit=True)
    with pytest.raises(InvalidPartyError) as info:
        rules.dc3_holder_is_class_or_unit("s-1", class_or_unit=False)
    assert info.value.code == "compensation.invalid_party"
    assert info.value.params == {
        "party": "s-1",
        "reason": "a holder is a class or a unit",
    }


@pytest.mark.rule("DC-4")
def test_dc4_repair_quote_matches_extent() -> None:
    rules.dc4_repair_quote_matches_extent("课桌", repairable=True, quoted=True)
    rules.dc4_repair_quote_matches_extent("课桌", repairable=False, quoted=False)
    with pytest.raises(RepairQuoteError) as info:
        rules.dc4_repair_quote_matches_extent("课桌", repairable=True, quoted=False)
    assert info.value.code == "compensation.repair_quote_invalid"
    assert info.value.params == {
        "item": "课桌",
        "reason": "a repairable item needs a repair quote",
    }
    with pytest.raises(RepairQuoteError) as info:
        rules.dc4_repair_quote_matches_extent("课桌", repairable=False, quoted=True)
    assert info.value.params == {
        "item": "课桌",
        "reason": "only a repairable item has a repair quote",
    }


@pytest.mark.rule("DC-4")
def test_dc4_replacement_cost_given() -> None:
    assert rules.dc4_replacement_cost_given("椅子", Money("80.00")) == Money("80.00")
    assert rules.dc4_replacement_cost_given("椅子", Money(0)) == Money(0)
    with pytest.raises(ReplacementCostMissingError) as info:
        rules.dc4_replacement_cost_given("椅子", None)
    assert info.value.code == "compensation.replacement_cost_missing"
    assert info.value.params == {"item": "椅子"}


@pytest.mark.rule("DC-5")
def test_dc5_no_fine_above_loss() -> None:
    rules.dc5_no_fine_above_loss("C-1", agreed_fen=5000, loss_fen=5000)
    rules.dc5_no_fine_above_loss("C-1", agreed_fen=0, loss_fen=5000)
    with pytest.raises(FineRefusedError) as info:
        rules.dc5_no_fine_above_loss("C-1", agreed_fen=5001, loss_fen=5000)
    assert info.value.code == "compensation.fine_refused"
    assert info.value.params == {
        "what": "agreed amount 50.01 for claim C-1",
        "reason": "the loss is 50.00",
    }


@pytest.mark.rule("DC-5")
def test_dc5_no_multiplier_above_one() -> None:
    for ok in ("1", "0", "0.5"):
        assert rules.dc5_no_multiplier_above_one(Decimal(ok)) == Decimal(ok)
    with pytest.raises(FineRefusedError) as info:
        rules.dc5_no_multiplier_above_one(Decimal("1.01"))
    assert info.value.params == {"what": "multiplier 1.01", "reason": "multiplier > 1"}
    with pytest.raises(InvalidPolicyError) as negative:
        rules.dc5_no_multiplier_above_one(Decimal("-0.01"))
    assert negative.value.params == {"field": "multiplier", "reason": "-0.01 is negative"}


@pytest.mark.rule("DC-5")
def test_dc5_no_surcharge() -> None:
    assert rules.dc5_no_surcharge(Money(0)) == Money(0)
    with pytest.raises(FineRefusedError) as info:
        rules.dc5_no_surcharge(Money("0.01"))
    assert info.value.params == {
        "what": "surcharge 0.01",
        "reason": "a surcharge is a fine",
    }
    with pytest.raises(InvalidPolicyError) as negative:
        rules.dc5_no_surcharge(Money("-0.01"))
    assert negative.value.params == {"field": "surcharge", "reason": "-0.01 is negative"}


@pytest.mark.rule("DC-5")
def test_dc5_relief_only_reduces() -> None:
    for ok in ("0", "1", "0.5"):
        assert rules.dc5_relief_only_reduces(Decimal(ok)) == Decimal(ok)
    for bad in ("-0.01", "1.01"):
        with pytest.raises(InvalidPolicyError) as info:
            rules.dc5_relief_only_reduces(Decimal(bad))
        assert info.value.params == {
            "field": "hardship_reduction",
            "reason": f"{bad} is not between 0 and 1",
        }


@pytest.mark.rule("DC-6")
def test_dc6_life_in_whole_years() -> None:
    rules.dc6_life_in_whole_years(AssetCategory.COMPUTERS, None)
    rules.dc6_life_in_whole_years(AssetCategory.COMPUTERS, 1)
    for bad, text in ((0, "0"), (-1, "-1"), (True, "True"), ("5", "'5'"), (1.0, "1.0")):
        with pytest.raises(InvalidLifeError) as info:
            rules.dc6_life_in_whole_years(AssetCategory.COMPUTERS, bad)
        assert info.value.code == "compensation.invalid_life"
        assert info.value.params == {"category": "computers", "years": text}


@pytest.mark.rule("DC-6")
def test_dc6_not_before_acquisition() -> None:
    rules.dc6_not_before_acquisition("课桌", on=DAY, acquired_on=DAY)
    with pytest.raises(IncidentBeforeAcquisitionError) as info:
        rules.dc6_not_before_acquisition("课桌", on=DAY.subtract(days=1), acquired_on=DAY)
    assert info.value.code == "compensation.incident_before_acquisition"
    assert info.value.params == {
        "item": "课桌",
        "incident_on": pendulum.Date(2025, 8, 31),
        "acquired_on": DAY,
    }


@pytest.mark.rule("DC-7")
def test_dc7_weight_is_whole() -> None:
    assert rules.dc7_weight_is_whole(0) == 0
    assert rules.dc7_weight_is_whole(3) == 3
    for bad in (-1, True, "1", 1.0):
        with pytest.raises(InvalidPartyError) as info:
            rules.dc7_weight_is_whole(bad)
        assert info.value.params == {"party": "?", "reason": f"weight {bad!r} must be an int >= 0"}


@pytest.mark.rule("DC-7")
def test_dc7_weights_can_split() -> None:
    rules.dc7_weights_can_split("C-1", [])
    rules.dc7_weights_can_split("C-1", [0, 1])
    with pytest.raises(InvalidClaimError) as info:
        rules.dc7_weights_can_split("C-1", [0, 0])
    assert info.value.params == {
        "claim": "C-1",
        "reason": "all share weights are zero",
    }


@pytest.mark.rule("DC-8")
def test_dc8_minor_has_guardian() -> None:
    rules.dc8_minor_has_guardian("s-1", minor=True, has_guardian=True)
    rules.dc8_minor_has_guardian("s-1", minor=False, has_guardian=False)
    with pytest.raises(GuardianMissingError) as info:
        rules.dc8_minor_has_guardian("s-1", minor=True, has_guardian=False)
    assert info.value.code == "compensation.guardian_missing"
    assert info.value.params == {"party": "s-1"}


@pytest.mark.rule("DC-8")
def test_dc8_only_a_student_is_a_minor() -> None:
    rules.dc8_only_a_student_is_a_minor("s-1", student=True, minor=True, has_guardian=True)
    rules.dc8_only_a_student_is_a_minor("t-1", student=False, minor=False, has_guardian=False)
    with pytest.raises(InvalidPartyError) as info:
        rules.dc8_only_a_student_is_a_minor("t-1", student=False, minor=True, has_guardian=False)
    assert info.value.params == {"party": "t-1", "reason": "only a student is a minor"}
    with pytest.raises(InvalidPartyError) as info:
        rules.dc8_only_a_student_is_a_minor("c-1", student=False, minor=False, has_guardian=True)
    assert info.value.params == {"party": "c-1", "reason": "only a student has a guardian"}


def test_every_dc_rule_has_a_guard_or_audit_check() -> None:
    from schoollogistics.compensation import _audit

    names = [*vars(rules), *vars(_audit)]
    for n in range(1, 10):
        assert any(name.startswith(f"dc{n}_") for name in names), f"DC-{n}"
