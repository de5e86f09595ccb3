"""Class-property checks (DC-3): findings per class in, a batch of assessments and repairs out."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given

from schoollogistics.compensation import (
    Cause,
    CheckKind,
    ClassFindings,
    ClassPropertyCheck,
    CompensationPolicy,
    Extent,
    InvalidClaimError,
    InvalidPartyError,
    LiableParty,
    NoOneIdentified,
    PayerRole,
    render_check_summary,
    run_class_check,
)
from schoollogistics.core import Money
from schoollogistics.testing.compensation import class_checks

from .conftest import CLASS_3_2, XIAOMING, desk_claim

pytestmark = pytest.mark.rule("DC-3")

CLASS_4_1 = LiableParty.school_class("c-4-1", "四年级一班")
END_OF_TERM = pendulum.Date(2026, 1, 16)


def _check() -> ClassPropertyCheck:
    return ClassPropertyCheck(
        "2025-2026-1-end",
        CheckKind.END_OF_TERM,
        END_OF_TERM,
        (
            ClassFindings(
                CLASS_3_2,
                (
                    desk_claim(
                        claim_id="A",
                        cause=Cause.UNKNOWN,
                        parties=(),
                        holder=None,
                        extent=Extent.REPAIRABLE,
                        quote="40",
                    ),
                    desk_claim(claim_id="B", parties=(XIAOMING,)),
                ),
            ),
            ClassFindings(CLASS_4_1, ()),
        ),
    )


def test_class_pays_for_unattributed_damage_and_repairs_follow() -> None:
    result = run_class_check(_check())
    first, second = result.assessments
    assert first.holder == CLASS_3_2
    assert first.shares[0].payer_role is PayerRole.HOLDER
    assert first.total == Money(40)
    assert second.shares[0].party_id == "s-1"
    assert len(result.repair_orders) == 1
    assert result.repair_orders[0].after_payment
    summary_3_2, summary_4_1 = result.summaries
    assert (summary_3_2.claims, summary_3_2.repairs) == (2, 1)
    assert summary_3_2.total == first.total + second.total
    assert (summary_4_1.claims, summary_4_1.total) == (0, Money(0))
    assert result.total == summary_3_2.total
    text = render_check_summary(result)
    assert text.startswith("期末班级财产检查（2026年1月16日")
    assert "三年级二班：发现损坏 2 项" in text
    assert "四年级一班：发现损坏 0 项" in text


def test_school_bears_policy_in_a_check() -> None:
    policy = CompensationPolicy(no_one_identified=NoOneIdentified.SCHOOL_BEARS)
    result = run_class_check(_check(), policy)
    assert result.assessments[0].total == Money(0)


def test_check_shapes_refused() -> None:
    with pytest.raises(InvalidPartyError):
        ClassFindings(XIAOMING, ())
    with pytest.raises(InvalidClaimError):
        ClassPropertyCheck(
            "x",
            CheckKind.MID_TERM,
            END_OF_TERM,
            (ClassFindings(CLASS_3_2), ClassFindings(CLASS_3_2)),
        )
    claim = desk_claim(claim_id="same")
    with pytest.raises(InvalidClaimError):
        ClassPropertyCheck(
            "x",
            CheckKind.MID_TERM,
            END_OF_TERM,
            (ClassFindings(CLASS_3_2, (claim,)), ClassFindings(CLASS_4_1, (claim,))),
        )
    with pytest.raises(InvalidClaimError) as info:  # found at a check before it happened
        ClassPropertyCheck(
            "x",
            CheckKind.MID_TERM,
            pendulum.Date(2025, 11, 1),
            (ClassFindings(CLASS_3_2, (claim,)),),
        )
    assert info.value.params["claim"] == "same"
    assert CheckKind.ON_RETURN.label_zh == "个人领用财产交回检查"


@given(class_checks())
def test_batch_is_consistent(check: ClassPropertyCheck) -> None:
    result = run_class_check(check)
    assert len(result.assessments) == sum(len(f.claims) for f in check.findings)
    assert result.total == Money.sum(s.total for s in result.summaries)
    assert len(result.repair_orders) == sum(
        1
        for f in check.findings
        for c in f.claims
        for i in c.items
        if i.extent is Extent.REPAIRABLE
    )
    for findings in check.findings:
        for claim in findings.claims:
            (assessment,) = [a for a in result.assessments if a.claim_id == claim.claim_id]
            assert assessment.holder == (claim.holder or findings.holder)
    assert run_class_check(check) == result
    assert attrs.evolve(check) == check
