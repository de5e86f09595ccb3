"""The ledger link: loss reports from the asset ledger become claims; assessments post back.

rule: DC-1 (whoever damages pays), DC-4 (basis from the extent), AS-3, AS-6, AS-7.
"""

from __future__ import annotations

import pendulum
import pytest

from schoollogistics import serialization
from schoollogistics.assets import (
    AssetLedger,
    Condition,
    HolderKind,
    Holding,
    LossKind,
    LossReport,
    PlaceKind,
)
from schoollogistics.compensation import (
    Assessment,
    Cause,
    Extent,
    LedgerOperation,
    LiableParty,
    PostingAction,
    assess,
    claim_from_loss_report,
    extent_of,
    plan_postings,
    post_to_ledger,
)
from schoollogistics.core import AssetCategory, Money
from schoollogistics.errors import AssetError, InvalidInputError

CLERK = "t-li"
HEAD = "t-zhang"


def d(month: int, day: int) -> pendulum.Date:
    return pendulum.Date(2025, month, day)


def _ledger() -> AssetLedger:
    led = AssetLedger()
    start = d(8, 25)
    led.register_place(
        "store", "总务库房", PlaceKind.STOREROOM, custodian_id=CLERK, on=start, by=CLERK
    )
    led.register_place(
        "room-32", "三(2)班教室", PlaceKind.CLASSROOM, custodian_id="t-wang", on=start, by=CLERK
    )
    led.register_holder("t-wang", "王老师", HolderKind.STAFF, on=start, by=CLERK)
    led.register_holder("class-32", "三(2)班", HolderKind.CLASS, on=start, by=CLERK)
    led.register_item(
        "projector",
        "投影仪",
        unit="台",
        unit_cost="3200.00",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=start,
        by=CLERK,
    )
    led.register_item(
        "tablet",
        "平板电脑",
        unit="台",
        unit_cost="2400.00",
        exchange_rule=True,
        category=AssetCategory.COMPUTERS,
        on=start,
        by=CLERK,
    )
    led.receive(
        "projector",
        "store",
        tags=["PJ-001", "PJ-002", "PJ-003"],
        acceptor=CLERK,
        supplier="教育装备公司",
        on=start,
        by=CLERK,
    )
    led.receive(
        "tablet",
        "store",
        tags=["TB-1", "TB-2"],
        acceptor=CLERK,
        supplier="教育装备公司",
        on=start,
        by=CLERK,
    )
    return led


def _teacher() -> LiableParty:
    return LiableParty.staff("t-wang", "王老师")


def _lent_and_returned(led: AssetLedger, tag: str, condition: Condition) -> LossReport:
    """Lend a projector to 王老师 and take it back in ``condition``; return the loss report."""
    loan = f"L-{tag}"
    led.lend(
        loan, "projector", "store", "t-wang", tags=[tag], due_on=d(9, 12), on=d(9, 5), by=CLERK
    )
    led.return_loan(loan, condition=condition, on=d(9, 16), by=CLERK)
    (report,) = led.loss_reports()
    return report


def _teacher_pays(report: LossReport, claim_id: str) -> Assessment:
    return assess(
        claim_from_loss_report(
            report, claim_id=claim_id, cause=Cause.NEGLIGENT, parties=(_teacher(),)
        )
    )


@pytest.mark.rule("DC-4")
def test_damaged_loan_return_becomes_a_repair_claim_and_posts_a_repair() -> None:
    led = _ledger()
    report = _lent_and_returned(led, "PJ-001", Condition.DAMAGED)
    assert report.kind is LossKind.DAMAGED
    assert extent_of(report) is Extent.REPAIRABLE

    claim = claim_from_loss_report(
        report,
        claim_id="PC-1",
        cause=Cause.NEGLIGENT,
        parties=(_teacher(),),
        repair_quote=Money("380.00"),
    )
    assessment = assess(claim)
    assert assessment.total == Money("380.00")  # the repair, below the value (DC-4)
    assert [i.kind for i in assessment.ledger_instructions] == [LedgerOperation.SEND_TO_REPAIR]

    (posting,) = plan_postings(led, assessment)
    assert posting.action is PostingAction.SEND_TO_REPAIR
    assert posting.ready
    events = post_to_ledger(led, assessment, approver=HEAD, on=d(9, 17), by=CLERK)
    assert len(events) == 1
    assert led.position("PJ-001").holding is Holding.IN_REPAIR
    assert serialization.loads(type(posting), serialization.dumps(posting)) == posting


@pytest.mark.rule("AS-7")
def test_destroyed_unit_is_written_off_with_an_approver() -> None:
    led = _ledger()
    report = _lent_and_returned(led, "PJ-002", Condition.UNUSABLE)
    assert extent_of(report) is Extent.DESTROYED
    assessment = _teacher_pays(report, "PC-2")
    assert Money.zero() < assessment.total <= Money("3200.00")
    (posting,) = plan_postings(led, assessment)
    assert posting.action is PostingAction.DISPOSE
    post_to_ledger(led, assessment, approver=HEAD, on=d(9, 18), by=CLERK)
    assert led.position("PJ-002").holding is Holding.GONE


@pytest.mark.rule("AS-3")
def test_unit_lost_at_an_exchange_is_already_off_the_books() -> None:
    led = _ledger()
    led.issue(
        "tablet", "store", "t-wang", tags=["TB-1"], initial_allocation=True, on=d(9, 1), by=CLERK
    )
    led.exchange(
        "tablet",
        "t-wang",
        "store",
        lost_tags=["TB-1"],
        new_tags=["TB-2"],
        record_loss=True,
        on=d(9, 20),
        by=CLERK,
        reason="遗失",
    )
    (report,) = led.loss_reports()
    assert report.kind is LossKind.LOST
    assert extent_of(report) is Extent.LOST
    assessment = _teacher_pays(report, "PC-3")
    assert assessment.total > Money.zero()
    (posting,) = plan_postings(led, assessment)
    assert posting.action is PostingAction.ALREADY_OFF_BOOKS
    before = serialization.dumps(led.snapshot())
    assert post_to_ledger(led, assessment, approver=HEAD, on=d(9, 21), by=CLERK) == ()
    assert serialization.dumps(led.snapshot()) == before


def test_unit_still_in_a_classroom_must_be_handed_back_first_and_nothing_changes() -> None:
    led = _ledger()
    led.issue("projector", "store", "room-32", tags=["PJ-003"], on=d(9, 1), by=CLERK)
    led.report_damage(
        "projector",
        "room-32",
        tags=["PJ-003"],
        condition=Condition.UNUSABLE,
        responsible_id="class-32",
        on=d(11, 10),
        by=CLERK,
    )
    (report,) = led.loss_reports()
    claim = claim_from_loss_report(
        report,
        claim_id="PC-4",
        cause=Cause.UNKNOWN,
        holder=LiableParty.school_class("class-32", "三(2)班"),
    )
    assessment = assess(claim)
    (posting,) = plan_postings(led, assessment)
    assert posting.action is PostingAction.HAND_BACK_FIRST
    assert not posting.ready
    before = serialization.dumps(led.snapshot())
    with pytest.raises(InvalidInputError):
        post_to_ledger(led, assessment, approver=HEAD, on=d(11, 11), by=CLERK)
    assert serialization.dumps(led.snapshot()) == before


def test_a_refused_posting_changes_nothing() -> None:
    led = _ledger()
    report = _lent_and_returned(led, "PJ-002", Condition.UNUSABLE)
    assessment = _teacher_pays(report, "PC-5")
    before = serialization.dumps(led.snapshot())
    with pytest.raises(AssetError):  # the recorder cannot approve their own disposal (AS-7)
        post_to_ledger(led, assessment, approver=CLERK, on=d(9, 18), by=CLERK)
    assert serialization.dumps(led.snapshot()) == before
    assert led.position("PJ-002").holding is not Holding.GONE


def test_an_assessment_without_ledger_tags_is_not_linked() -> None:
    led = _ledger()
    report = _lent_and_returned(led, "PJ-001", Condition.UNUSABLE)
    assessment = _teacher_pays(report, "PC-6")
    other = _ledger_without_projectors()
    (posting,) = plan_postings(other, assessment)
    assert posting.action is PostingAction.NOT_LINKED


def _ledger_without_projectors() -> AssetLedger:
    led = AssetLedger()
    led.register_place(
        "store", "总务库房", PlaceKind.STOREROOM, custodian_id=CLERK, on=d(8, 25), by=CLERK
    )
    return led
