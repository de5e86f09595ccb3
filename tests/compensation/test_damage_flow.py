"""The damage flow end to end: loss report → claim → assessment → repair or disposal → ledger.

Issue 14, point 3. Examples pin the three defects found by a new user (a quantity-counted
desk never went to repair; a unit reported damaged and then handed back was reported twice;
a quantity-counted report was dated on the damage, not on its receipt). A Hypothesis
property runs random flows over tagged and quantity-counted items.

rule: DC-1, DC-4, DC-5, AS-1, AS-2, AS-3, AS-6, AS-7.
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics.assets import (
    AssetLedger,
    Condition,
    HolderKind,
    Holding,
    LossReport,
    PlaceKind,
)
from schoollogistics.compensation import (
    Assessment,
    Cause,
    LedgerOperation,
    LiableParty,
    PostingAction,
    assess,
    claim_from_loss_report,
    damage_history,
    plan_postings,
    post_to_ledger,
)
from schoollogistics.core import AssetCategory, Money

CLERK = "t-li"
HEAD = "t-zhang"
FIRST_RECEIPT = pendulum.Date(2023, 8, 20)
SECOND_RECEIPT = pendulum.Date(2025, 8, 20)


def d(month: int, day: int) -> pendulum.Date:
    return pendulum.Date(2025, month, day)


def _ledger() -> AssetLedger:
    """A store, a classroom, a class; desks by quantity (two receipts), projectors by tag."""
    led = AssetLedger()
    start = pendulum.Date(2023, 8, 1)
    led.register_place(
        "store", "总务库房", PlaceKind.STOREROOM, custodian_id=CLERK, on=start, by=CLERK
    )
    led.register_holder("class-32", "三(2)班", HolderKind.CLASS, on=start, by=CLERK)
    led.register_item(
        "desk",
        "课桌",
        unit="张",
        unit_cost="368.00",
        category=AssetCategory.CONSUMABLES,
        on=start,
        by=CLERK,
    )
    led.register_item(
        "projector",
        "投影仪",
        unit="台",
        unit_cost="3200.00",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=start,
        by=CLERK,
    )
    led.receive(
        "desk",
        "store",
        2,
        unit_cost="300.00",
        acceptor=CLERK,
        supplier="家具厂",
        on=FIRST_RECEIPT,
        by=CLERK,
    )
    led.receive(
        "desk",
        "store",
        10,
        unit_cost="368.00",
        acceptor=CLERK,
        supplier="家具厂",
        on=SECOND_RECEIPT,
        by=CLERK,
    )
    led.receive(
        "projector",
        "store",
        tags=["PJ-1", "PJ-2"],
        acceptor=CLERK,
        supplier="家具厂",
        on=SECOND_RECEIPT,
        by=CLERK,
    )
    led.issue("desk", "store", "class-32", 6, on=d(9, 1), by=CLERK)
    led.issue("projector", "store", "class-32", tags=["PJ-1", "PJ-2"], on=d(9, 1), by=CLERK)
    return led


def _class_pays(report: LossReport, claim_id: str, quote: str | None = "80.00") -> Assessment:
    repairable = report.condition is not Condition.UNUSABLE
    return assess(
        claim_from_loss_report(
            report,
            claim_id=claim_id,
            cause=Cause.NEGLIGENT,
            parties=(LiableParty.school_class("class-32", "三(2)班"),),
            repair_quote=Money(quote) if repairable and quote else None,
        )
    )


def _report(led: AssetLedger, item: str, tag: str, day: pendulum.Date) -> None:
    if tag:
        led.report_damage(item, "class-32", tags=[tag], on=day, by=CLERK)
    else:
        led.report_damage(item, "class-32", 1, on=day, by=CLERK)


def _hand_back(
    led: AssetLedger, item: str, tag: str, day: pendulum.Date, condition: Condition
) -> None:
    if tag:
        led.hand_back(item, "class-32", "store", tags=[tag], condition=condition, on=day, by=CLERK)
    else:
        led.hand_back(item, "class-32", "store", 1, condition=condition, on=day, by=CLERK)


def _in_repair(led: AssetLedger, item_id: str) -> int:
    return sum(row.quantity for row in led.on_hand(item_id=item_id, holding=Holding.IN_REPAIR))


def _in_pool(led: AssetLedger, item_id: str) -> int:
    return sum(row.quantity for row in led.returned_pool() if row.item_id == item_id)


# ---------------------------------------------------------------- the three defects


@pytest.mark.rule("DC-4")
@pytest.mark.rule("AS-7")
def test_a_compensated_quantity_counted_desk_goes_to_repair() -> None:
    """Defect 1: the assessment of an untagged desk posted nothing and raised nothing."""
    led = _ledger()
    led.hand_back(
        "desk", "class-32", "store", 1, condition=Condition.DAMAGED, on=d(10, 9), by=CLERK
    )
    (report,) = led.loss_reports()
    assessment = _class_pays(report, "PC-1")
    (instruction,) = assessment.ledger_instructions
    assert instruction.kind is LedgerOperation.SEND_TO_REPAIR
    assert (instruction.tag, instruction.item_id, instruction.quantity) == ("", "desk", 1)
    (posting,) = plan_postings(led, assessment)
    assert posting.action is PostingAction.SEND_TO_REPAIR
    assert posting.from_pool
    events = post_to_ledger(led, assessment, approver=HEAD, on=d(10, 10), by=CLERK)
    assert len(events) == 1
    assert _in_pool(led, "desk") == 0
    assert _in_repair(led, "desk") == 1
    assert led.check_invariants() == ()


@pytest.mark.rule("AS-7")
def test_a_quantity_counted_desk_damaged_in_the_classroom_goes_to_repair_from_there() -> None:
    led = _ledger()
    led.report_damage("desk", "class-32", 2, on=d(10, 9), by=CLERK)
    (report,) = led.loss_reports()
    assessment = _class_pays(report, "PC-2")
    events = post_to_ledger(led, assessment, approver=HEAD, on=d(10, 10), by=CLERK)
    assert len(events) == 1
    assert _in_repair(led, "desk") == 2


@pytest.mark.rule("AS-7")
def test_a_destroyed_quantity_counted_desk_must_be_handed_back_before_disposal() -> None:
    led = _ledger()
    led.report_damage("desk", "class-32", 1, condition=Condition.UNUSABLE, on=d(10, 9), by=CLERK)
    (report,) = led.loss_reports()
    assessment = _class_pays(report, "PC-3")
    (posting,) = plan_postings(led, assessment)
    assert posting.action is PostingAction.HAND_BACK_FIRST
    before = led.events
    with pytest.raises(Exception, match="not ready"):
        post_to_ledger(led, assessment, approver=HEAD, on=d(10, 10), by=CLERK)
    assert led.events == before  # all or nothing
    led.hand_back(
        "desk", "class-32", "store", 1, condition=Condition.UNUSABLE, on=d(10, 11), by=CLERK
    )
    assert len(led.loss_reports()) == 1  # the hand-back adds no second report
    events = post_to_ledger(led, assessment, approver=HEAD, on=d(10, 12), by=CLERK)
    assert len(events) == 1
    assert _in_pool(led, "desk") == 0


@pytest.mark.rule("DC-5")
@pytest.mark.parametrize("tagged", [True, False])
def test_damage_reported_then_handed_back_is_one_report(tagged: bool) -> None:
    """Defect 2: the same unit appeared twice in loss_reports(), charged twice."""
    led = _ledger()
    if tagged:
        led.report_damage("projector", "class-32", tags=["PJ-1"], on=d(10, 9), by=CLERK)
        led.hand_back(
            "projector",
            "class-32",
            "store",
            tags=["PJ-1"],
            condition=Condition.DAMAGED,
            on=d(10, 10),
            by=CLERK,
        )
    else:
        led.report_damage("desk", "class-32", 1, on=d(10, 9), by=CLERK)
        led.hand_back(
            "desk", "class-32", "store", 1, condition=Condition.DAMAGED, on=d(10, 10), by=CLERK
        )
    (report,) = led.loss_reports()
    assert report.quantity == 1
    assert report.occurred_on == d(10, 9)


@pytest.mark.rule("DC-5")
def test_a_second_damaged_unit_handed_back_with_the_first_is_reported_once_more() -> None:
    led = _ledger()
    led.report_damage("desk", "class-32", 1, on=d(10, 9), by=CLERK)
    led.hand_back(
        "desk", "class-32", "store", 2, condition=Condition.DAMAGED, on=d(10, 10), by=CLERK
    )
    reports = led.loss_reports()
    assert [r.quantity for r in reports] == [1, 1]
    assert [r.occurred_on for r in reports] == [d(10, 9), d(10, 10)]


@pytest.mark.rule("DC-4")
@pytest.mark.rule("AS-1")
def test_a_quantity_counted_report_is_dated_and_valued_from_its_receipt() -> None:
    """Defect 3: acquired_on was the damage date; the lot rule is FIFO per location."""
    led = _ledger()
    led.report_damage("desk", "class-32", 1, on=d(10, 9), by=CLERK)
    (report,) = led.loss_reports()
    # The class got the two oldest desks (received 2023-08-20 at 300.00) first.
    assert report.acquired_on == FIRST_RECEIPT
    assert report.unit_value == Money("300.00")
    assert report.original_value == Money("300.00")
    line = _class_pays(report, "PC-4").lines[0]
    assert line.acquired_on == FIRST_RECEIPT


@pytest.mark.rule("AS-1")
def test_a_report_spanning_two_receipts_is_split_per_receipt() -> None:
    led = _ledger()
    led.report_damage("desk", "class-32", 3, on=d(10, 9), by=CLERK)
    reports = led.loss_reports()
    assert [(r.acquired_on, r.quantity, r.unit_value) for r in reports] == [
        (FIRST_RECEIPT, 2, Money("300.00")),
        (SECOND_RECEIPT, 1, Money("368.00")),
    ]
    assert sum(r.quantity for r in reports) == 3


# ---------------------------------------------------------------- the property


_STEP = st.tuples(
    st.sampled_from(["report", "hand_back", "report_then_hand_back", "hand_back_unusable"]),
    st.booleans(),  # tagged
)


@pytest.mark.rule("DC-5")
@pytest.mark.rule("AS-7")
@settings(deadline=None)
@given(st.lists(_STEP, min_size=1, max_size=4))
def test_every_damage_is_one_claim_and_ends_in_repair_or_disposal(
    steps: list[tuple[str, bool]],
) -> None:
    """Random flows: one claim per damaged unit, each compensated unit leaves, none twice."""
    led = _ledger()
    tags = ["PJ-1", "PJ-2"]
    damaged_units = damaged_desks = 0
    open_desks = 0  # desks reported damaged and still in the classroom
    day = d(10, 1)
    for kind, tagged in steps:
        day = day.add(days=1)
        later = day.add(days=1) if kind == "report_then_hand_back" else day
        condition = Condition.UNUSABLE if kind == "hand_back_unusable" else Condition.DAMAGED
        if tagged:
            if not tags:
                continue
            tag = tags.pop(0)
            damaged_units += 1
            if kind in {"report", "report_then_hand_back"}:
                _report(led, "projector", tag, day)
            if kind != "report":
                _hand_back(led, "projector", tag, later, condition)
            day = later
            continue
        held = sum(
            row.quantity
            for row in led.holdings("class-32")
            if row.item_id == "desk" and row.holding is Holding.AVAILABLE
        )
        if kind in {"hand_back", "hand_back_unusable"} and open_desks:
            # Quantity-counted desks are interchangeable: the damaged one goes back first.
            _hand_back(led, "desk", "", day, condition)
            open_desks -= 1
            continue
        if held - open_desks < 1:
            continue
        damaged_units += 1
        damaged_desks += 1
        if kind in {"report", "report_then_hand_back"}:
            _report(led, "desk", "", day)
            open_desks += 1
        if kind != "report":
            _hand_back(led, "desk", "", later, condition)
            open_desks -= 1 if kind == "report_then_hand_back" else 0
        day = later
    reports = led.loss_reports()
    assert sum(r.quantity for r in reports) == damaged_units  # one report per unit
    tagged_reports = [r.tag for r in reports if r.tag]
    assert len(tagged_reports) == len(set(tagged_reports))  # no unit twice
    day = day.add(days=1)
    charged = 0
    for number, report in enumerate(reports):
        assessment = _class_pays(report, f"PC-{number}")
        assert assessment.total <= assessment.loss  # DC-5
        charged += len(assessment.ledger_instructions)
        postings = plan_postings(led, assessment)
        if not all(p.ready for p in postings):
            assert {p.action for p in postings} == {PostingAction.HAND_BACK_FIRST}
            for _ in range(report.quantity):
                _hand_back(led, report.item_id, report.tag, day, Condition.UNUSABLE)
            assert sum(r.quantity for r in led.loss_reports()) == damaged_units
        post_to_ledger(led, assessment, approver=HEAD, on=day, by=CLERK)
        assert led.check_invariants() == ()  # the ledger conserves quantities throughout
    assert charged == len(reports)  # every compensated report has one ledger posting
    # Every compensated unit ended in repair or disposal: nothing damaged is left in a pool,
    # and no good desk was taken in place of a damaged one.
    assert _in_pool(led, "desk") == 0
    on_books = sum(row.quantity for row in led.on_hand(item_id="desk"))
    assert _in_repair(led, "desk") + (12 - on_books) == damaged_desks
    assert led.open_damage("desk") == ()
    assert _in_pool(led, "projector") == 0
    assert all(
        led.position(tag).holding in {Holding.IN_REPAIR, Holding.GONE}
        for tag in {r.tag for r in reports if r.tag}
    )


# ---------------------------------------------------------------- the history query


@pytest.mark.rule("DC-1")
def test_damage_history_of_a_class_before_a_replacement() -> None:
    led = _ledger()
    led.report_damage("desk", "class-32", 1, on=d(10, 9), by=CLERK)
    led.hand_back(
        "projector",
        "class-32",
        "store",
        tags=["PJ-1"],
        condition=Condition.UNUSABLE,
        on=d(10, 12),
        by=CLERK,
    )
    claims = [
        claim_from_loss_report(
            report,
            claim_id=f"PC-{n}",
            cause=Cause.NEGLIGENT,
            parties=(LiableParty.school_class("class-32", "三(2)班"),),
            repair_quote=Money("80.00") if report.condition is Condition.DAMAGED else None,
        )
        for n, report in enumerate(led.loss_reports())
    ]
    assessments = [assess(claim) for claim in claims[:1]]
    history = damage_history(reversed(claims), assessments, "class-32")
    assert [r.claim_id for r in history] == ["PC-0", "PC-1"]
    first, second = history
    assert first.assessed
    assert first.charged == first.holder_share == Money("80.00")
    assert (first.repairs, first.disposals) == (1, 0)
    assert not second.assessed
    assert second.outcome is None
    assert damage_history(claims, assessments, "someone-else") == ()
