"""Auditing assessments made elsewhere: each tampering is found, sound ones pass."""

from __future__ import annotations

import attrs
import pytest

from schoollogistics.compensation import (
    AUDIT_CHECKS,
    Cause,
    CompensationPolicy,
    Extent,
    PayerRole,
    assess,
    audit_assessment,
    audit_assessments,
)
from schoollogistics.core import Money, Severity

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
