"""Auditing assessments made elsewhere: each tampering is found, sound ones pass."""

from __future__ import annotations

import attrs
import pytest

from schoollogistics.compensation import (
    AUDIT_CHECKS,
    Assessment,
    Cause,
    CompensationPolicy,
    Extent,
    PayerRole,
    assess,
    audit_assessment,
    audit_assessments,
)
from schoollogistics.core import Money, Severity, Violation

from .conftest import XIAOHONG, XIAOMING, desk_claim

SOUND = assess(desk_claim(parties=(XIAOMING, XIAOHONG)))


def _codes(assessment: object) -> list[str]:
    return [v.code for v in audit_assessment(assessment)]  # type: ignore[arg-type]


def test_sound_assessment_has_no_findings() -> None:
    assert audit_assessment(SOUND) == ()
    assert audit_assessments([SOUND, SOUND]) == ()
    assert len(AUDIT_CHECKS) == 8


@pytest.mark.rule("DC-5")
def test_fine_found() -> None:
    doubled = attrs.evolve(SOUND, total=SOUND.loss + SOUND.loss, charge=SOUND.loss + SOUND.loss)
    (finding, *_rest) = audit_assessment(doubled)
    assert finding.code == "compensation.charged_above_loss"
    assert finding.rule == "DC-5"
    assert finding.severity is Severity.ERROR
    assert "罚款" in finding.message_zh


@pytest.mark.rule("DC-7")
def test_shares_mismatch_found() -> None:
    skewed = attrs.evolve(SOUND, shares=SOUND.shares[:1])
    assert _codes(skewed) == ["compensation.shares_mismatch"]


@pytest.mark.rule("DC-4")
def test_loss_and_cap_found() -> None:
    line = SOUND.lines[0]
    wrong_sum = attrs.evolve(SOUND, loss=SOUND.loss + Money(1))
    assert "compensation.loss_mismatch" in _codes(wrong_sum)
    repair = assess(desk_claim(extent=Extent.REPAIRABLE, quote="80"))
    over = attrs.evolve(repair, lines=(attrs.evolve(repair.lines[0], loss=line.value + Money(1)),))
    assert "compensation.repair_above_value" in _codes(over)


@pytest.mark.rule("DC-2")
def test_natural_wear_charge_found() -> None:
    assert _codes(attrs.evolve(SOUND, cause=Cause.NATURAL_WEAR)) == [
        "compensation.natural_wear_charged"
    ]


@pytest.mark.rule("DC-8")
def test_minor_paying_directly_found() -> None:
    direct = assess(desk_claim(), CompensationPolicy(guardian_pays_for_minor=False))
    (finding,) = audit_assessment(direct)
    assert finding.code == "compensation.minor_pays_directly"
    assert finding.severity is Severity.WARNING
    assert direct.shares[0].payer_role is PayerRole.SELF


@pytest.mark.rule("DC-9")
def test_unflagged_deliberate_found() -> None:
    quiet = assess(desk_claim(cause=Cause.DELIBERATE), CompensationPolicy(flag_deliberate=False))
    assert _codes(quiet) == ["compensation.deliberate_not_flagged"]


@pytest.mark.rule("DC-6")
def test_book_value_mismatch_found() -> None:
    line = SOUND.lines[0]
    for bad in (
        attrs.evolve(line, net_book_value=line.net_book_value + Money(1)),
        attrs.evolve(
            line, accumulated_depreciation=Money(-1), net_book_value=line.original_value + Money(1)
        ),
        attrs.evolve(
            line, accumulated_depreciation=line.original_value + Money(1), net_book_value=Money(-1)
        ),
    ):
        assert "compensation.book_value_mismatch" in _codes(attrs.evolve(SOUND, lines=(bad,)))


def _one(assessment: Assessment, code: str) -> Violation:
    (found,) = (v for v in audit_assessment(assessment) if v.code == code)
    assert found.subject == assessment.claim_id
    return found


@pytest.mark.rule("DC-5")
def test_findings_carry_their_params_and_messages() -> None:
    doubled = attrs.evolve(SOUND, total=SOUND.loss + SOUND.loss, charge=SOUND.loss)
    fine = _one(doubled, "compensation.charged_above_loss")
    loss, total = str(SOUND.loss), str(SOUND.loss + SOUND.loss)
    assert fine.params == {"loss": loss, "charge": loss, "total": total}
    assert fine.subject == SOUND.claim_id
    assert fine.message_en == f"charged {total} (charge {loss}) above the loss {loss}: a fine"
    assert fine.message_zh == f"收取 {total} 元（计收 {loss} 元）超过核定损失 {loss} 元，属罚款"
    charge_only = attrs.evolve(SOUND, charge=SOUND.loss + Money("0.01"))
    assert "compensation.charged_above_loss" in _codes(charge_only)
    at_loss = attrs.evolve(SOUND, charge=SOUND.loss, total=SOUND.loss)
    assert "compensation.charged_above_loss" not in _codes(at_loss)


@pytest.mark.rule("DC-7")
def test_shares_mismatch_params() -> None:
    skewed = attrs.evolve(SOUND, shares=SOUND.shares[:1])
    found = _one(skewed, "compensation.shares_mismatch")
    assert found.rule == "DC-7"
    assert found.params == {"total": str(SOUND.total), "shares": str(SOUND.shares[0].amount)}


@pytest.mark.rule("DC-4")
def test_loss_and_cap_params() -> None:
    wrong_sum = attrs.evolve(SOUND, loss=SOUND.loss + Money(1))
    found = _one(wrong_sum, "compensation.loss_mismatch")
    assert found.params == {"loss": str(SOUND.loss + Money(1)), "lines": str(SOUND.lines[0].loss)}
    assert found.rule == "DC-4"
    repair = assess(desk_claim(extent=Extent.REPAIRABLE, quote="80"))
    line = repair.lines[0]
    equal = attrs.evolve(repair, lines=(attrs.evolve(line, loss=line.value),), loss=line.value)
    assert "compensation.repair_above_value" not in _codes(equal)
    over_loss = line.value + Money("0.01")
    over = attrs.evolve(repair, lines=(attrs.evolve(line, loss=over_loss),), loss=over_loss)
    cap = _one(over, "compensation.repair_above_value")
    assert cap.params == {
        "item": line.description,
        "loss": str(over_loss),
        "value": str(line.value),
    }
    assert cap.message_en == f"{line.description}: repair {over_loss} above value {line.value}"
    # a destroyed item's loss is its value: no repair finding even above it
    destroyed = SOUND.lines[0]
    big = attrs.evolve(destroyed, loss=destroyed.value + Money(1))
    assert "compensation.repair_above_value" not in _codes(
        attrs.evolve(SOUND, lines=(big,), loss=big.loss)
    )


@pytest.mark.rule("DC-2")
def test_natural_wear_params_and_free_wear() -> None:
    found = _one(attrs.evolve(SOUND, cause=Cause.NATURAL_WEAR), "compensation.natural_wear_charged")
    assert found.params == {"total": str(SOUND.total)}
    assert found.rule == "DC-2"
    free = attrs.evolve(SOUND, cause=Cause.NATURAL_WEAR, total=Money(0), shares=())
    assert "compensation.natural_wear_charged" not in _codes(free)


@pytest.mark.rule("DC-8")
def test_minor_paying_directly_params() -> None:
    direct = assess(desk_claim(), CompensationPolicy(guardian_pays_for_minor=False))
    found = _one(direct, "compensation.minor_pays_directly")
    share = direct.shares[0]
    assert found.rule == "DC-8"
    assert found.params == {
        "party": share.party_id,
        "party_name": share.party_name,
        "amount": str(share.amount),
    }
    assert found.message_zh == f"未成年人 {share.party_name} 被列为缴款人（{share.amount} 元）"
    nothing = attrs.evolve(direct, shares=(attrs.evolve(share, amount=Money(0)),), total=Money(0))
    assert "compensation.minor_pays_directly" not in _codes(nothing)
    adult = attrs.evolve(direct, shares=(attrs.evolve(share, minor=False),))
    assert "compensation.minor_pays_directly" not in _codes(adult)


@pytest.mark.rule("DC-9")
def test_deliberate_flag_params() -> None:
    quiet = assess(desk_claim(cause=Cause.DELIBERATE), CompensationPolicy(flag_deliberate=False))
    found = _one(quiet, "compensation.deliberate_not_flagged")
    assert (found.rule, found.severity) == ("DC-9", Severity.WARNING)
    assert dict(found.params) == {}
    assert found.message_en == "deliberate damage without a discipline flag"
    flagged = assess(desk_claim(cause=Cause.DELIBERATE))
    assert audit_assessment(flagged) == ()


@pytest.mark.rule("DC-6")
def test_book_value_params() -> None:
    line = SOUND.lines[0]
    bad = attrs.evolve(line, net_book_value=line.net_book_value + Money(1))
    found = _one(attrs.evolve(SOUND, lines=(bad,)), "compensation.book_value_mismatch")
    assert found.params == {
        "item": line.description,
        "original": str(line.original_value),
        "accumulated": str(line.accumulated_depreciation),
        "net_book_value": str(line.net_book_value + Money(1)),
    }
    assert found.rule == "DC-6"
    # the boundaries: nothing accumulated, or everything, is consistent
    for accumulated in (Money(0), line.original_value):
        edge = attrs.evolve(
            line,
            accumulated_depreciation=accumulated,
            net_book_value=line.original_value - accumulated,
        )
        assert "compensation.book_value_mismatch" not in _codes(attrs.evolve(SOUND, lines=(edge,)))


def test_audit_of_many_keeps_every_finding() -> None:
    skewed = attrs.evolve(SOUND, shares=SOUND.shares[:1])
    assert len(audit_assessments([skewed, SOUND, skewed])) == 2
