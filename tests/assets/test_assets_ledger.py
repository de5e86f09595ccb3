"""Example tests pinning the rules AS-1 … AS-11 on concrete cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import pendulum
import pytest

from schoollogistics import Money, serialization
from schoollogistics.assets import (
    AssetEvent,
    AssetLedger,
    Condition,
    CountLine,
    CountSchedulePolicy,
    Decision,
    DisposalPolicy,
    ExchangePolicy,
    FixedAssetThreshold,
    HandBackPolicy,
    HazardPolicy,
    HolderKind,
    Holding,
    Issued,
    ItemKind,
    LedgerPolicy,
    LedgerSnapshot,
    LimitPeriod,
    LossKind,
    MonthClosePolicy,
    PlaceKind,
    StockTake,
    StockTakePolicy,
    SummaryScope,
    audit_count_schedule,
    audit_loans_at_term_end,
    to_records,
)
from schoollogistics.assets.errors import (
    AlreadyDecidedError,
    ApproverRequiredError,
    CustodianRequiredError,
    DisposalSourceError,
    DuplicateIdError,
    DuplicateTagError,
    ExchangeRequiredError,
    HazardCustodianError,
    HazardLimitError,
    InitialAllocationRefusedError,
    InsufficientStockError,
    InvalidCategoryError,
    InvalidDueDateError,
    InvalidQuantityError,
    LoanClosedError,
    MonthClosedError,
    MonthSequenceError,
    NotAHolderError,
    NotAStoreroomError,
    NothingToExchangeError,
    OldUnitMissingError,
    SourceRequiredError,
    TagBookedElsewhereError,
    TagsMismatchError,
    UnitNotHereError,
    UnitNotServiceableError,
    UnknownCountError,
    UnknownItemError,
    UnknownLoanError,
    UnknownLocationError,
    UnknownUnitError,
)
from schoollogistics.core import AssetCategory, DateRange
from schoollogistics.errors import (
    AssetError,
    EmptyIdentifierError,
    FieldTypeError,
    InvalidInputError,
    NaiveDateTimeError,
    NegativeAmountError,
    SchoolLogisticsError,
    TimeTypeError,
)

D = pendulum.Date(2025, 9, 1)
CLERK = "t-li"
BOSS = "principal"


def day(n: int) -> pendulum.Date:
    return D.add(days=n)


def school(policy: LedgerPolicy | None = None) -> AssetLedger:
    """A storeroom, two classrooms, an office, a teacher, a class; brooms, chalk, projectors."""
    led = AssetLedger(policy)
    led.register_place("store", "总务库房", PlaceKind.STOREROOM, custodian_id=CLERK, on=D, by=CLERK)
    led.register_place("room-32", "三(2)班教室", PlaceKind.CLASSROOM, on=D, by=CLERK)
    led.register_place(
        "room-41", "四(1)班教室", PlaceKind.CLASSROOM, custodian_id="t-zhao", on=D, by=CLERK
    )
    led.register_place("office", "教导处", PlaceKind.OFFICE, custodian_id="t-qian", on=D, by=CLERK)
    led.register_holder("t-wang", "王老师", HolderKind.STAFF, on=D, by=CLERK)
    led.register_holder("class-32", "三(2)班", HolderKind.CLASS, on=D, by=CLERK)
    led.register_item(
        "broom", "扫帚", unit="把", unit_cost="15", exchange_rule=True, on=D, by=CLERK
    )
    led.register_item("chalk", "粉笔", unit="盒", unit_cost="3.50", on=D, by=CLERK)
    led.register_item(
        "pj",
        "投影仪",
        unit="台",
        unit_cost="3200",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=D,
        by=CLERK,
    )
    led.receive("broom", "store", 20, acceptor=CLERK, supplier="五金店", on=D, by=CLERK)
    led.receive("chalk", "store", 50, acceptor=CLERK, invoice_ref="FP-1", on=D, by=CLERK)
    led.receive(
        "pj",
        "store",
        tags=["PJ-1", "PJ-2", "PJ-3"],
        acceptor=CLERK,
        invoice_ref="FP-1",
        on=D,
        by=CLERK,
    )
    return led


def frozen(led: AssetLedger) -> tuple[str, str]:
    return (
        serialization.dumps(list(led.events), list[AssetEvent]),
        serialization.dumps(led.snapshot()),
    )


E = TypeVar("E", bound=SchoolLogisticsError)


def refused(led: AssetLedger, error: type[E], command: Any) -> E:
    before = frozen(led)
    with pytest.raises(error) as info:
        command()
    assert frozen(led) == before
    return info.value


def qty(led: AssetLedger, location: str, item: str, holding: Holding = Holding.AVAILABLE) -> int:
    return sum(r.quantity for r in led.on_hand(location_id=location, item_id=item, holding=holding))


# ---------------------------------------------------------------- AS-1, AS-10, AS-11


@pytest.mark.rule("AS-1")
def test_every_receipt_and_issue_is_an_event_with_who_and_why() -> None:
    led = school()
    event = led.issue("chalk", "store", "t-wang", 5, on=day(1), by=CLERK, reason="语文课")
    assert led.events[-1] is event
    assert (event.effective_on, event.recorded_by, event.reason) == (day(1), CLERK, "语文课")
    assert qty(led, "store", "chalk") == 45
    assert qty(led, "t-wang", "chalk") == 5
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.quantity = 6  # type: ignore[misc]


@pytest.mark.rule("AS-1")
def test_unknown_things_are_refused() -> None:
    led = school()
    refused(led, UnknownItemError, lambda: led.issue("desk", "store", "t-wang", on=D, by=CLERK))
    with pytest.raises(UnknownItemError):
        led.item("desk")
    refused(
        led, UnknownLocationError, lambda: led.issue("chalk", "store", "nobody", on=D, by=CLERK)
    )
    refused(
        led, UnknownLocationError, lambda: led.issue("chalk", "nowhere", "t-wang", on=D, by=CLERK)
    )
    refused(led, NotAStoreroomError, lambda: led.issue("chalk", "office", "t-wang", on=D, by=CLERK))
    refused(
        led,
        NotAStoreroomError,
        lambda: led.receive(
            "chalk", "office", 1, acceptor=CLERK, invoice_ref="FP-1", on=D, by=CLERK
        ),
    )
    refused(
        led,
        UnknownItemError,
        lambda: led.receive("desk", "store", 1, acceptor=CLERK, invoice_ref="FP-1", on=D, by=CLERK),
    )
    refused(
        led,
        DuplicateIdError,
        lambda: led.register_holder("store", "x", HolderKind.STAFF, on=D, by=CLERK),
    )
    refused(
        led,
        DuplicateIdError,
        lambda: led.register_item("chalk", "x", unit="盒", unit_cost="1", on=D, by=CLERK),
    )
    refused(
        led, UnknownLocationError, lambda: led.assign_custodian("nowhere", "t-wang", on=D, by=CLERK)
    )
    refused(
        led,
        UnknownItemError,
        lambda: led.assign_custodian("desk", "t-wang", for_item=True, on=D, by=CLERK),
    )


@pytest.mark.rule("AS-1")
def test_tags_are_one_per_unit_for_fixed_assets_and_absent_for_consumables() -> None:
    led = school()
    refused(
        led,
        TagsMismatchError,
        lambda: led.receive(
            "pj", "store", 2, tags=["PJ-9"], acceptor=CLERK, invoice_ref="FP-1", on=D, by=CLERK
        ),
    )
    refused(
        led,
        TagsMismatchError,
        lambda: led.receive(
            "chalk", "store", 1, tags=["C-1"], acceptor=CLERK, invoice_ref="FP-1", on=D, by=CLERK
        ),
    )
    refused(
        led,
        DuplicateTagError,
        lambda: led.receive(
            "pj", "store", tags=["PJ-1"], acceptor=CLERK, invoice_ref="FP-1", on=D, by=CLERK
        ),
    )
    refused(led, TagsMismatchError, lambda: led.issue("pj", "store", "room-32", 1, on=D, by=CLERK))
    refused(
        led,
        UnknownUnitError,
        lambda: led.issue("pj", "store", "room-32", tags=["PJ-9"], on=D, by=CLERK),
    )
    refused(
        led,
        TagsMismatchError,
        lambda: led.issue("pj", "store", "room-32", tags=["PJ-1", "PJ-1"], on=D, by=CLERK),
    )
    with pytest.raises(InvalidInputError):
        led.issue("pj", "store", "room-32", tags="PJ-1", on=D, by=CLERK)
    led.issue("pj", "store", "room-32", tags=["PJ-1"], on=D, by=CLERK)
    refused(
        led,
        UnitNotHereError,
        lambda: led.issue("pj", "store", "room-41", tags=["PJ-1"], on=D, by=CLERK),
    )
    assert led.unit("PJ-1").original_value == Money("3200")
    with pytest.raises(UnknownUnitError):
        led.unit("PJ-9")


@pytest.mark.rule("AS-10")
def test_threshold_classifies_by_unit_value_and_can_be_overridden() -> None:
    led = school()
    assert led.item("pj").kind is ItemKind.FIXED_ASSET
    assert led.item("chalk").kind is ItemKind.CONSUMABLE
    assert led.item("chalk").category is AssetCategory.CONSUMABLES
    assert FixedAssetThreshold().classify(Money("1000")) is ItemKind.FIXED_ASSET
    assert FixedAssetThreshold().classify(Money("999.99")) is ItemKind.CONSUMABLE
    assert (
        FixedAssetThreshold().classify(Money("5000"), lasts_over_a_year=False)
        is ItemKind.CONSUMABLE
    )
    strict = school(LedgerPolicy(threshold=FixedAssetThreshold(Money("1500"))))
    strict.register_item("desk", "讲台", unit="张", unit_cost="1200", on=D, by=CLERK)
    assert strict.item("desk").kind is ItemKind.CONSUMABLE
    strict.register_item(
        "piano",
        "钢琴",
        unit="台",
        unit_cost="800",
        kind=ItemKind.FIXED_ASSET,
        category=AssetCategory.ARTS_EQUIPMENT,
        on=D,
        by=CLERK,
    )
    assert strict.item("piano").tracked
    refused(
        led,
        InvalidCategoryError,
        lambda: led.register_item("tv", "电视", unit="台", unit_cost="4000", on=D, by=CLERK),
    )
    refused(
        led,
        InvalidCategoryError,
        lambda: led.register_item(
            "cup",
            "杯",
            unit="个",
            unit_cost="2",
            category=AssetCategory.FURNITURE,
            kind=ItemKind.CONSUMABLE,
            on=D,
            by=CLERK,
        ),
    )


@pytest.mark.rule("AS-11")
def test_no_red_figures() -> None:
    led = school()
    error = refused(
        led,
        InsufficientStockError,
        lambda: led.issue("chalk", "store", "t-wang", 51, on=D, by=CLERK),
    )
    assert error.code == "assets.insufficient_stock"
    assert "51" in error.message_en
    assert "51" in error.message_zh
    refused(
        led, InvalidQuantityError, lambda: led.issue("chalk", "store", "t-wang", 0, on=D, by=CLERK)
    )
    wrong = refused(
        led,
        FieldTypeError,
        lambda: led.issue("chalk", "store", "t-wang", True, on=D, by=CLERK),
    )
    assert wrong.code == "input.wrong_type"
    assert (wrong.params["field"], wrong.params["type_name"]) == ("Issue.quantity", "bool")
    negative = refused(
        led,
        NegativeAmountError,
        lambda: led.receive(
            "chalk", "store", 1, unit_cost="-1", acceptor=CLERK, invoice_ref="FP-1", on=D, by=CLERK
        ),
    )
    assert negative.code == "money.negative"
    assert negative.params["field"] == "unit_cost"
    refused(
        led,
        InsufficientStockError,
        lambda: led.transfer("chalk", "room-32", "room-41", 1, on=D, by=CLERK),
    )


# ---------------------------------------------------------------- AS-3 exchange


@pytest.mark.rule("AS-3")
def test_exchange_rule_items_go_out_by_initial_allocation_or_exchange() -> None:
    led = school()
    refused(
        led,
        ExchangeRequiredError,
        lambda: led.issue("broom", "store", "class-32", 2, on=D, by=CLERK),
    )
    led.issue("broom", "store", "class-32", 2, initial_allocation=True, on=day(1), by=CLERK)
    refused(
        led,
        InitialAllocationRefusedError,
        lambda: led.issue(
            "broom", "store", "class-32", 1, initial_allocation=True, on=day(1), by=CLERK
        ),
    )
    lenient = school(LedgerPolicy(exchange=ExchangePolicy(initial_only_when_empty=False)))
    lenient.issue("broom", "store", "class-32", 2, initial_allocation=True, on=day(1), by=CLERK)
    lenient.issue("broom", "store", "class-32", 1, initial_allocation=True, on=day(1), by=CLERK)
    assert qty(lenient, "class-32", "broom") == 3


@pytest.mark.rule("AS-3")
def test_exchange_is_atomic_old_to_pool_new_out_count_unchanged() -> None:
    led = school()
    led.issue("broom", "store", "class-32", 3, initial_allocation=True, on=day(1), by=CLERK)
    event = led.exchange(
        "broom", "class-32", "store", 2, condition=Condition.WORN, on=day(30), by=CLERK
    )
    assert event.lost_quantity == 0
    assert qty(led, "class-32", "broom") == 3
    assert qty(led, "store", "broom") == 15
    assert [(r.location_id, r.quantity) for r in led.returned_pool()] == [("store", 2)]
    assert led.loss_reports() == ()


@pytest.mark.rule("AS-3")
def test_exchange_without_the_old_unit_is_refused_unless_the_loss_is_recorded() -> None:
    led = school()
    led.issue("broom", "store", "class-32", 2, initial_allocation=True, on=day(1), by=CLERK)
    error = refused(
        led,
        OldUnitMissingError,
        lambda: led.exchange("broom", "class-32", "store", 1, handed_back=0, on=day(9), by=CLERK),
    )
    assert error.params["missing"] == 1
    refused(
        led,
        NothingToExchangeError,
        lambda: led.exchange("broom", "class-32", "store", 3, on=day(9), by=CLERK),
    )
    refused(
        led,
        NotAHolderError,
        lambda: led.exchange("broom", "store", "store", 1, on=day(9), by=CLERK),
    )
    refused(
        led,
        InvalidQuantityError,
        lambda: led.exchange("broom", "class-32", "store", 1, handed_back=2, on=day(9), by=CLERK),
    )
    wrong = refused(
        led,
        FieldTypeError,
        lambda: led.exchange(
            "broom",
            "class-32",
            "store",
            1,
            handed_back="1",  # type: ignore[arg-type]
            on=day(9),
            by=CLERK,
        ),
    )
    assert wrong.code == "input.wrong_type"
    assert (wrong.params["field"], wrong.params["type_name"]) == ("Exchange.handed_back", "str")
    led.exchange(
        "broom",
        "class-32",
        "store",
        1,
        handed_back=0,
        record_loss=True,
        on=day(9),
        by=CLERK,
        reason="丢失",
    )
    assert qty(led, "class-32", "broom") == 2
    assert led.returned_pool() == ()
    (report,) = led.loss_reports()
    assert (report.kind, report.holder_id, report.quantity) == (LossKind.LOST, "class-32", 1)
    assert report.original_value == Money("15")
    assert report.category is AssetCategory.CONSUMABLES
    assert report.occurred_on == day(9)
    assert report.reason == "丢失"
    assert report.tag == ""


@pytest.mark.rule("AS-3")
def test_tagged_exchange_and_loss_report_exposes_the_units_value() -> None:
    led = school()
    led.issue("pj", "store", "t-wang", tags=["PJ-1", "PJ-2"], on=day(1), by=CLERK)
    led.receive(
        "pj",
        "store",
        tags=["PJ-4"],
        unit_cost="3000",
        acceptor=CLERK,
        invoice_ref="FP-1",
        on=day(2),
        by=CLERK,
    )
    refused(
        led,
        TagsMismatchError,
        lambda: led.exchange(
            "pj",
            "t-wang",
            "store",
            old_tags=["PJ-1"],
            new_tags=["PJ-3"],
            handed_back=0,
            on=day(3),
            by=CLERK,
        ),
    )
    refused(
        led,
        TagsMismatchError,
        lambda: led.exchange(
            "pj",
            "t-wang",
            "store",
            old_tags=["PJ-1"],
            lost_tags=["PJ-1"],
            new_tags=["PJ-3", "PJ-4"],
            record_loss=True,
            on=day(3),
            by=CLERK,
        ),
    )
    led.exchange(
        "pj",
        "t-wang",
        "store",
        old_tags=["PJ-1"],
        lost_tags=["PJ-2"],
        new_tags=["PJ-3", "PJ-4"],
        record_loss=True,
        condition=Condition.DAMAGED,
        on=day(3),
        by=CLERK,
    )
    assert led.position("PJ-1").holding is Holding.RETURNED
    assert led.position("PJ-1").condition is Condition.DAMAGED
    assert led.position("PJ-2").holding is Holding.GONE
    assert qty(led, "t-wang", "pj") == 2
    (report,) = led.loss_reports()
    for name, kind in [
        ("original_value", Money),
        ("acquired_on", pendulum.Date),
        ("category", AssetCategory),
        ("tag", str),
        ("item_id", str),
        ("description", str),
        ("name", str),
        ("holder_id", str),
        ("occurred_on", pendulum.Date),
        ("reason", str),
    ]:
        assert isinstance(getattr(report, name), kind), name
    assert (report.tag, report.original_value, report.acquired_on) == ("PJ-2", Money("3200"), D)
    assert report.category is AssetCategory.TEACHING_INSTRUMENTS
    unit = led.unit("PJ-4")
    assert (unit.original_value, unit.acquired_on, unit.description) == (
        Money("3000"),
        day(2),
        "投影仪 PJ-4",
    )
    assert [e.event for e in led.trail("PJ-1")] == ["Received", "Issued", "Exchanged"]
    assert [e.to_location for e in led.trail("PJ-2")] == ["store", "t-wang", ""]


# ---------------------------------------------------------------- AS-4, AS-5, AS-6


@pytest.mark.rule("AS-4")
def test_transfer_and_custody_gaps() -> None:
    led = school()
    led.issue("chalk", "store", "room-32", 4, on=day(1), by=CLERK)
    led.transfer("chalk", "room-32", "room-41", 1, on=day(2), by=CLERK, reason="调班")
    assert (qty(led, "room-32", "chalk"), qty(led, "room-41", "chalk")) == (3, 1)
    refused(
        led,
        UnknownLocationError,
        lambda: led.transfer("chalk", "room-32", "room-32", 1, on=day(2), by=CLERK),
    )
    gaps = led.custody_gaps()
    assert [(g.place_id, g.item_id, g.quantity) for g in gaps] == [
        ("room-32", "", 0),
        ("room-32", "chalk", 3),
    ]
    led.assign_custodian("chalk", "t-li", for_item=True, on=day(3), by=CLERK)
    assert [(g.place_id, g.item_id) for g in led.custody_gaps()] == [("room-32", "")]
    led.assign_custodian("room-32", "t-zhou", on=day(3), by=CLERK)
    assert led.custody_gaps() == ()


@pytest.mark.rule("AS-5")
def test_loans_due_dates_overdue_and_return_check() -> None:
    led = school()
    led.lend("L-1", "pj", "store", "t-wang", tags=["PJ-1"], due_on=day(7), on=day(1), by=CLERK)
    refused(
        led,
        DuplicateIdError,
        lambda: led.lend(
            "L-1", "pj", "store", "t-wang", tags=["PJ-2"], due_on=day(7), on=day(1), by=CLERK
        ),
    )
    refused(
        led,
        NotAHolderError,
        lambda: led.lend(
            "L-2", "pj", "store", "room-32", tags=["PJ-2"], due_on=day(7), on=day(1), by=CLERK
        ),
    )
    refused(
        led,
        UnknownLocationError,
        lambda: led.lend(
            "L-2", "pj", "nowhere", "t-wang", tags=["PJ-2"], due_on=day(7), on=day(1), by=CLERK
        ),
    )
    refused(
        led,
        InvalidDueDateError,
        lambda: led.lend(
            "L-2", "pj", "store", "t-wang", tags=["PJ-2"], due_on=D, on=day(1), by=CLERK
        ),
    )
    refused(
        led,
        UnitNotHereError,
        lambda: led.lend(
            "L-2", "pj", "store", "t-wang", tags=["PJ-1"], due_on=day(7), on=day(1), by=CLERK
        ),
    )
    assert led.overdue_loans(day(7)) == ()
    (late,) = led.overdue_loans(day(10))
    assert (late.loan_id, late.days_overdue, late.borrower_id) == ("L-1", 3, "t-wang")
    assert led.position("PJ-1").holding is Holding.ON_LOAN
    refused(
        led,
        UnknownLoanError,
        lambda: led.return_loan("L-9", condition=Condition.GOOD, on=day(8), by=CLERK),
    )
    led.return_loan("L-1", condition=Condition.DAMAGED, on=day(8), by=CLERK, reason="镜头碎裂")
    refused(
        led,
        LoanClosedError,
        lambda: led.return_loan("L-1", condition=Condition.GOOD, on=day(9), by=CLERK),
    )
    assert led.overdue_loans(day(10)) == ()
    assert [r.returned_on for r in led.loans()] == [day(8)]
    assert led.loans(open_only=True) == ()
    (report,) = led.loss_reports()
    assert (report.kind, report.holder_id, report.tag, report.condition) == (
        LossKind.DAMAGED,
        "t-wang",
        "PJ-1",
        Condition.DAMAGED,
    )
    refused(
        led,
        UnitNotServiceableError,
        lambda: led.lend(
            "L-3", "pj", "store", "t-wang", tags=["PJ-1"], due_on=day(9), on=day(8), by=CLERK
        ),
    )


@pytest.mark.rule("AS-6")
def test_hand_back_check_sends_good_units_to_stock_and_others_to_the_pool() -> None:
    led = school()
    led.issue("chalk", "store", "t-wang", 5, on=day(1), by=CLERK)
    led.hand_back("chalk", "t-wang", "store", 2, condition=Condition.GOOD, on=day(2), by=CLERK)
    led.hand_back("chalk", "t-wang", "store", 1, condition=Condition.WORN, on=day(2), by=CLERK)
    led.hand_back("chalk", "t-wang", "store", 1, condition=Condition.DAMAGED, on=day(2), by=CLERK)
    assert qty(led, "store", "chalk") == 47
    assert qty(led, "store", "chalk", Holding.RETURNED) == 2
    (report,) = led.loss_reports()
    assert (report.kind, report.quantity, report.original_value) == (
        LossKind.DAMAGED,
        1,
        Money("3.50"),
    )
    with pytest.raises(InvalidInputError):
        led.hand_back("chalk", "t-wang", "store", 1, condition="good", on=day(2), by=CLERK)  # type: ignore[arg-type]
    everything_to_pool = school(LedgerPolicy(hand_back=HandBackPolicy(good_returns_to_stock=False)))
    everything_to_pool.issue("pj", "store", "t-wang", tags=["PJ-1"], on=day(1), by=CLERK)
    everything_to_pool.hand_back(
        "pj", "t-wang", "store", tags=["PJ-1"], condition=Condition.GOOD, on=day(2), by=CLERK
    )
    assert everything_to_pool.position("PJ-1").holding is Holding.RETURNED


# ---------------------------------------------------------------- AS-7 lifecycle


@pytest.mark.rule("AS-7")
def test_damage_repair_restock_and_disposal_lifecycle() -> None:
    led = school()
    led.issue("pj", "store", "room-32", tags=["PJ-1"], on=day(1), by=CLERK)
    led.report_damage(
        "pj", "room-32", tags=["PJ-1"], responsible_id="s-ming", on=day(2), by=CLERK, reason="碰落"
    )
    led.report_damage("pj", "room-32", tags=["PJ-1"], condition=Condition.WORN, on=day(2), by=CLERK)
    led.report_damage("pj", "room-32", tags=["PJ-1"], on=day(2), by=CLERK)
    # One open report per damaged unit (DC-5): the repeated report adds none.
    assert [r.holder_id for r in led.loss_reports()] == ["s-ming"]
    refused(
        led,
        UnitNotServiceableError,
        lambda: led.lend(
            "L-x", "pj", "room-32", "t-wang", tags=["PJ-1"], due_on=day(3), on=day(2), by=CLERK
        ),
    )
    led.send_to_repair("pj", "room-32", tags=["PJ-1"], repairer="维修部", on=day(3), by=CLERK)
    refused(
        led,
        UnitNotHereError,
        lambda: led.send_to_repair("pj", "room-32", tags=["PJ-1"], on=day(3), by=CLERK),
    )
    negative = refused(
        led,
        NegativeAmountError,
        lambda: led.record_repair("pj", "room-32", tags=["PJ-1"], cost="-5", on=day(4), by=CLERK),
    )
    assert (negative.code, negative.params["field"]) == ("money.negative", "cost")
    led.record_repair("pj", "room-32", tags=["PJ-1"], cost="180.00", on=day(5), by=CLERK)
    assert led.position("PJ-1").condition is Condition.GOOD
    assert [e.event for e in led.trail("PJ-1")][-2:] == ["SentToRepair", "Repaired"]
    # The returned pool: repair, restock or dispose of.
    led.issue("broom", "store", "class-32", 3, initial_allocation=True, on=day(5), by=CLERK)
    led.exchange("broom", "class-32", "store", 3, on=day(6), by=CLERK)
    led.send_to_repair("broom", "store", 1, from_pool=True, on=day(7), by=CLERK)
    led.record_repair("broom", "store", 1, cost="2", on=day(8), by=CLERK)
    led.restock("broom", "store", 1, on=day(8), by=CLERK)
    refused(
        led, InsufficientStockError, lambda: led.restock("broom", "store", 2, on=day(8), by=CLERK)
    )
    refused(
        led,
        NotAStoreroomError,
        lambda: led.send_to_repair("broom", "room-32", 1, from_pool=True, on=day(8), by=CLERK),
    )
    refused(
        led,
        ApproverRequiredError,
        lambda: led.dispose("broom", "store", 1, from_pool=True, approver="", on=day(9), by=CLERK),
    )
    refused(
        led,
        ApproverRequiredError,
        lambda: led.dispose(
            "broom", "store", 1, from_pool=True, approver=CLERK, on=day(9), by=CLERK
        ),
    )
    refused(
        led,
        DisposalSourceError,
        lambda: led.dispose("pj", "room-32", tags=["PJ-1"], approver=BOSS, on=day(9), by=CLERK),
    )
    refused(
        led,
        InsufficientStockError,
        lambda: led.dispose(
            "broom", "store", 2, from_pool=True, approver=BOSS, on=day(9), by=CLERK
        ),
    )
    led.dispose(
        "broom", "store", 1, from_pool=True, approver=BOSS, on=day(9), by=CLERK, reason="断裂"
    )
    assert led.returned_pool() == ()
    own_approval = school(LedgerPolicy(disposal=DisposalPolicy(approver_distinct=False)))
    own_approval.dispose("pj", "store", tags=["PJ-3"], approver=CLERK, on=day(9), by=CLERK)
    assert own_approval.position("PJ-3").holding is Holding.GONE
    assert [e.event for e in own_approval.trail("PJ-3")] == ["Received", "Disposed"]


# ---------------------------------------------------------------- AS-9 hazardous


@pytest.mark.rule("AS-9")
def test_hazardous_materials_one_custodian_limited_issues() -> None:
    led = school()
    refused(
        led,
        CustodianRequiredError,
        lambda: led.register_item(
            "alcohol", "酒精", unit="瓶", unit_cost="8", hazardous=True, on=D, by=CLERK
        ),
    )
    refused(
        led,
        InvalidQuantityError,
        lambda: led.register_item(
            "alcohol",
            "酒精",
            unit="瓶",
            unit_cost="8",
            hazardous=True,
            custodian_id="t-he",
            issue_limit=0,
            on=D,
            by=CLERK,
        ),
    )
    led.register_item(
        "alcohol",
        "酒精",
        unit="瓶",
        unit_cost="8",
        hazardous=True,
        custodian_id="t-he",
        issue_limit=3,
        on=D,
        by=CLERK,
    )
    led.receive("alcohol", "store", 20, acceptor="t-he", invoice_ref="FP-1", on=D, by="t-he")
    error = refused(
        led,
        HazardCustodianError,
        lambda: led.issue("alcohol", "store", "t-wang", 1, on=day(1), by=CLERK),
    )
    assert error.params["custodian_id"] == "t-he"
    led.issue("alcohol", "store", "t-wang", 2, on=day(1), by="t-he")
    refused(
        led,
        HazardLimitError,
        lambda: led.issue("alcohol", "store", "t-wang", 2, on=day(2), by="t-he"),
    )
    led.issue("alcohol", "store", "t-wang", 1, on=day(2), by="t-he")
    led.issue("alcohol", "store", "t-wang", 3, on=day(30), by="t-he")  # October: a new period
    rows = led.hazard_usage()
    assert [(r.period_start, r.issued, r.limit, r.over_limit) for r in rows] == [
        (D, 3, 3, False),
        (pendulum.Date(2025, 10, 1), 3, 3, False),
    ]
    assert rows[0].period_end == pendulum.Date(2025, 9, 30)
    assert led.hazard_usage(over_only=True) == ()
    # New units handed out by exchange are issues too: custodian and limit apply.
    refused(
        led,
        HazardLimitError,
        lambda: led.exchange("alcohol", "t-wang", "store", 1, on=day(31), by="t-he"),
    )
    refused(
        led,
        HazardCustodianError,
        lambda: led.exchange("alcohol", "t-wang", "store", 1, on=day(61), by=CLERK),
    )
    led.exchange("alcohol", "t-wang", "store", 2, on=day(61), by="t-he")
    assert [(r.period_start, r.issued) for r in led.hazard_usage()][-1] == (
        pendulum.Date(2025, 11, 1),
        2,
    )
    weekly = school(
        LedgerPolicy(hazard=HazardPolicy(period=LimitPeriod.WEEK, custodian_issues_only=False))
    )
    weekly.register_item(
        "acid",
        "盐酸",
        unit="瓶",
        unit_cost="5",
        hazardous=True,
        custodian_id="t-he",
        on=D,
        by=CLERK,
    )
    weekly.receive("acid", "store", 5, acceptor=CLERK, invoice_ref="FP-1", on=D, by=CLERK)
    weekly.issue("acid", "store", "t-wang", 5, on=day(3), by=CLERK)
    (row,) = weekly.hazard_usage()
    assert (row.period_start, row.period_end, row.limit) == (D, day(6), None)


def test_limit_periods() -> None:
    wednesday = pendulum.Date(2025, 9, 3)
    assert LimitPeriod.DAY.start(wednesday) == LimitPeriod.DAY.end(wednesday) == wednesday
    assert LimitPeriod.WEEK.start(wednesday) == D
    assert LimitPeriod.MONTH.end(wednesday) == pendulum.Date(2025, 9, 30)


# ---------------------------------------------------------------- AS-2 stock-take


@pytest.mark.rule("AS-2")
def test_stock_take_reconciles_and_posts_pending_adjustments() -> None:
    led = school()
    led.issue("chalk", "store", "room-32", 10, on=day(1), by=CLERK)
    led.issue("pj", "store", "room-32", tags=["PJ-1", "PJ-2"], on=day(1), by=CLERK)
    count = StockTake(
        "mid-term-32",
        "room-32",
        day(40),
        "t-zhao",
        (CountLine("chalk", 8), CountLine("pj", 2, ("PJ-1", "PJ-7")), CountLine("broom", 1)),
    )
    rec = led.reconcile(count)
    assert not rec.balanced
    lines = {line.item_id: line for line in rec.lines}
    assert (lines["chalk"].book, lines["chalk"].counted, lines["chalk"].shortage) == (10, 8, 2)
    assert lines["chalk"].shortage_value == Money("7.00")
    assert (lines["pj"].surplus_tags, lines["pj"].shortage_tags) == (("PJ-7",), ("PJ-2",))
    assert lines["pj"].shortage_value == Money("3200")
    assert (lines["broom"].surplus, lines["broom"].surplus_value) == (1, Money("15"))
    refused(led, ApproverRequiredError, lambda: led.post_stock_take(count, approver="", by=CLERK))
    refused(
        led, ApproverRequiredError, lambda: led.post_stock_take(count, approver=CLERK, by=CLERK)
    )
    posted = led.post_stock_take(
        count, approver=BOSS, responsible_id="class-32", by=CLERK, reason="期中检查"
    )
    assert posted.effective_on == day(40)
    assert led.reconcile(attrs.evolve(count, count_id="again")).balanced
    assert led.unit("PJ-7").acquired_on == day(40)
    assert led.position("PJ-2").holding is Holding.GONE
    pending = led.pending_adjustments()
    assert {p.line.item_id for p in pending} == {"chalk", "pj", "broom"}
    assert all(p.decision is Decision.PENDING for p in pending)
    reports = led.loss_reports()
    assert {(r.kind, r.tag, r.quantity, r.holder_id) for r in reports} == {
        (LossKind.SHORTAGE, "PJ-2", 1, "class-32"),
        (LossKind.SHORTAGE, "", 2, "class-32"),
    }
    refused(led, DuplicateIdError, lambda: led.post_stock_take(count, approver=BOSS, by=CLERK))
    refused(
        led,
        UnknownCountError,
        lambda: led.decide_adjustments(
            "nope", Decision.WRITE_OFF, approver=BOSS, on=day(41), by=CLERK
        ),
    )
    refused(
        led,
        AlreadyDecidedError,
        lambda: led.decide_adjustments(
            "mid-term-32", Decision.PENDING, approver=BOSS, on=day(41), by=CLERK
        ),
    )
    with pytest.raises(InvalidInputError):
        led.decide_adjustments("mid-term-32", "write_off", approver=BOSS, on=day(41), by=CLERK)  # type: ignore[arg-type]
    led.decide_adjustments("mid-term-32", Decision.CHARGE_BACK, approver=BOSS, on=day(41), by=CLERK)
    refused(
        led,
        AlreadyDecidedError,
        lambda: led.decide_adjustments(
            "mid-term-32", Decision.WRITE_OFF, approver=BOSS, on=day(42), by=CLERK
        ),
    )
    assert led.pending_adjustments(undecided_only=True) == ()
    assert led.check_invariants() == ()


@pytest.mark.rule("AS-2")
def test_stock_take_refusals() -> None:
    led = school()
    led.issue("pj", "store", "room-41", tags=["PJ-1"], on=day(1), by=CLERK)
    elsewhere = StockTake("c1", "room-32", day(2), CLERK, (CountLine("pj", 1, ("PJ-1",)),))
    refused(
        led,
        TagBookedElsewhereError,
        lambda: led.post_stock_take(elsewhere, approver=BOSS, by=CLERK),
    )
    bad_lines = [
        (UnknownItemError, (CountLine("desk", 1),)),
        (DuplicateIdError, (CountLine("chalk", 1), CountLine("chalk", 1))),
        (InvalidQuantityError, (CountLine("chalk", -1),)),
        (TagsMismatchError, (CountLine("pj", 2, ("PJ-2",)),)),
        (TagsMismatchError, (CountLine("chalk", 1, ("C-1",)),)),
    ]
    for error, lines in bad_lines:
        with pytest.raises(error):
            led.reconcile(StockTake("c2", "store", day(2), CLERK, lines))
    with pytest.raises(FieldTypeError) as wrong:
        CountLine("chalk", True)
    assert wrong.value.code == "input.wrong_type"
    assert (wrong.value.params["field"], wrong.value.params["type_name"]) == (
        "CountLine.counted",
        "bool",
    )
    with pytest.raises(UnknownLocationError):
        led.reconcile(StockTake("c2", "nowhere", day(2), CLERK, ()))
    with pytest.raises(InvalidInputError):
        led.reconcile("count")  # type: ignore[arg-type]
    own = school(LedgerPolicy(stock_take=StockTakePolicy(approver_distinct=False)))
    balanced = own.post_stock_take(
        StockTake("c3", "room-32", day(2), CLERK, ()), approver=CLERK, by=CLERK
    )
    assert balanced.lines == ()


@pytest.mark.rule("AS-2")
def test_a_tag_counted_under_two_items_is_refused() -> None:
    led = school()
    led.register_item(
        "pc",
        "电脑",
        unit="台",
        unit_cost="4500",
        category=AssetCategory.COMPUTERS,
        on=D,
        by=CLERK,
    )
    twice = StockTake(
        "c1",
        "room-32",
        day(2),
        CLERK,
        (CountLine("pj", 1, ("X-1",)), CountLine("pc", 1, ("X-1",))),
    )
    with pytest.raises(TagsMismatchError):
        led.reconcile(twice)
    refused(led, TagsMismatchError, lambda: led.post_stock_take(twice, approver=BOSS, by=CLERK))
    # A hand-made posting with the same new tag on two lines is refused on replay.
    from schoollogistics.assets import AdjustmentLine, StockTakePosted

    line = AdjustmentLine("pj", 1, 0, ("X-1",), (), Money("3200"))
    posted = StockTakePosted(
        count_id="c2",
        place_id="room-32",
        approver=BOSS,
        lines=(line, attrs.evolve(line, item_id="pc")),
        effective_on=day(2),
        recorded_by=CLERK,
    )
    with pytest.raises(DuplicateTagError):
        AssetLedger.replay([*led.events, posted])


@pytest.mark.rule("AS-2")
def test_back_dated_count_compares_with_the_books_of_its_date() -> None:
    led = school()
    led.issue("chalk", "store", "room-32", 5, on=day(1), by=CLERK)
    led.issue("chalk", "store", "room-32", 5, on=day(10), by=CLERK)
    count = StockTake("c", "room-32", day(5), CLERK, (CountLine("chalk", 4),))
    (line,) = led.reconcile(count).lines
    assert (line.book, line.shortage) == (5, 1)
    led.post_stock_take(count, approver=BOSS, by=CLERK)
    assert qty(led, "room-32", "chalk") == 9
    assert qty(led, "room-32", "chalk") == qty(led.as_of(day(20)), "room-32", "chalk")
    assert qty(led.as_of(day(5)), "room-32", "chalk") == 4


# ---------------------------------------------------------------- AS-8 monthly close, ordering


@pytest.mark.rule("AS-8")
def test_back_dated_entries_into_open_months_are_ordered_by_effective_date() -> None:
    led = school()
    led.issue("chalk", "store", "t-wang", 50, on=day(10), by=CLERK)
    # Back-dated before the receipt it would need: refused, nothing changes.
    refused(
        led,
        InsufficientStockError,
        lambda: led.issue("chalk", "store", "room-32", 1, on=day(5), by=CLERK),
    )
    led.receive("chalk", "store", 10, acceptor=CLERK, invoice_ref="FP-1", on=day(3), by=CLERK)
    led.issue("chalk", "store", "room-32", 1, on=day(5), by=CLERK)
    assert [e.effective_on for e in led.events[-3:]] == [day(10), day(3), day(5)]
    assert qty(led.as_of(day(4)), "store", "chalk") == 60
    assert led.events[-1].effective_on == day(5)
    # Back-dating that would make a later figure red is refused too.
    refused(
        led,
        InsufficientStockError,
        lambda: led.transfer("chalk", "room-32", "office", 1, on=day(4), by=CLERK),
    )
    assert AssetLedger.replay(led.events) == led


@pytest.mark.rule("AS-8")
def test_closed_month_refuses_entries_and_its_summary_never_changes() -> None:
    led = school()
    led.issue("chalk", "store", "t-wang", 4, on=day(3), by=CLERK)
    led.hand_back("chalk", "t-wang", "store", 1, condition=Condition.GOOD, on=day(4), by=CLERK)
    led.dispose("pj", "store", tags=["PJ-3"], approver=BOSS, on=day(5), by=CLERK)
    closed = led.close_month(2025, 9, by=CLERK, reason="九月月结")
    assert closed.effective_on == pendulum.Date(2025, 9, 30)
    assert led.closed_through == pendulum.Date(2025, 9, 30)
    rows = {r.category: r for r in closed.summary}
    consumables = rows[AssetCategory.CONSUMABLES]
    assert (consumables.received_qty, consumables.issued_qty, consumables.returned_qty) == (
        70,
        4,
        1,
    )
    assert consumables.closing_qty == 67
    assert consumables.closing_value == Money("20") * 15 + Money("3.50") * 47
    instruments = rows[AssetCategory.TEACHING_INSTRUMENTS]
    assert (instruments.disposed_qty, instruments.closing_qty, instruments.closing_value) == (
        1,
        2,
        Money("6400"),
    )
    error = refused(
        led,
        MonthClosedError,
        lambda: led.receive(
            "chalk", "store", 1, acceptor=CLERK, invoice_ref="FP-1", on=day(29), by=CLERK
        ),
    )
    assert "2025-09-30" in error.message_zh
    refused(led, MonthClosedError, lambda: led.close_month(2025, 9, by=CLERK))
    refused(led, MonthSequenceError, lambda: led.close_month(2025, 11, by=CLERK))
    led.receive(
        "chalk", "store", 1, acceptor=CLERK, invoice_ref="FP-1", on=day(30), by=CLERK, reason="更正"
    )
    october = {r.category: r for r in led.monthly_summary(2025, 10)}
    assert october[AssetCategory.CONSUMABLES].opening_qty == 67
    assert led.monthly_summary(2025, 9) == closed.summary
    led.close_month(2025, 10, by=CLERK)
    skipping = school(LedgerPolicy(month_close=MonthClosePolicy(sequential=False)))
    skipping.close_month(2025, 9, by=CLERK)
    skipping.close_month(2025, 12, by=CLERK)
    assert skipping.closed_through == pendulum.Date(2025, 12, 31)
    with pytest.raises(InvalidInputError):
        led.close_month(2025, 13, by=CLERK)
    with pytest.raises(InvalidInputError):
        led.monthly_summary(2025, 0)
    with pytest.raises(InvalidInputError):
        led.monthly_summary(2025, 9, scope="school")  # type: ignore[arg-type]


@pytest.mark.rule("AS-8")
def test_school_scope_nets_issues_and_returns() -> None:
    led = school()
    led.issue("chalk", "store", "t-wang", 4, on=day(3), by=CLERK)
    (consumables, _instruments) = led.monthly_summary(2025, 9, scope=SummaryScope.SCHOOL)[::-1]
    assert (consumables.issued_qty, consumables.returned_qty, consumables.closing_qty) == (0, 0, 70)


@pytest.mark.rule("AS-8")
def test_replay_refuses_a_log_with_an_entry_after_its_months_close() -> None:
    led = school()
    led.close_month(2025, 9, by=CLERK)
    sneaky = attrs.evolve(led.events[10], effective_on=day(3))
    with pytest.raises(MonthClosedError):
        AssetLedger.replay([*led.events, sneaky])
    last_day = attrs.evolve(led.events[10], effective_on=pendulum.Date(2025, 9, 30))
    with pytest.raises(MonthClosedError):
        AssetLedger.replay([*led.events, last_day])
    later = led.receive(
        "chalk", "store", 1, acceptor=CLERK, invoice_ref="FP-1", on=day(40), by=CLERK
    )
    assert AssetLedger.replay([*led.events[:-1], later]) == led


# ---------------------------------------------------------------- edges, records, audits


def test_time_and_identifiers_are_checked_at_the_edge() -> None:
    led = school()
    with pytest.raises(TimeTypeError):
        led.issue("chalk", "store", "t-wang", on=dt.datetime(2025, 9, 2, tzinfo=dt.UTC), by=CLERK)
    with pytest.raises(TimeTypeError):
        led.issue("chalk", "store", "t-wang", on="2025-09-02", by=CLERK)  # type: ignore[arg-type] # the run-time refusal under test
    with pytest.raises(EmptyIdentifierError):
        led.issue("chalk", "store", "t-wang", on=dt.date(2025, 9, 2), by=" ")
    stdlib_day = led.issue("chalk", "store", "t-wang", on=dt.date(2025, 9, 2), by=CLERK)
    assert type(stdlib_day.effective_on) is pendulum.Date
    with pytest.raises(InvalidInputError):
        led.issue("chalk", "store", "t-wang", on=D, by=CLERK, reason=3)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        led.register_place("", "x", PlaceKind.OFFICE, on=D, by=CLERK)
    assert not issubclass(NaiveDateTimeError, AssetError)


def test_tampered_logs_are_refused_on_replay_or_trusted_without_check() -> None:
    led = school()
    led.issue("chalk", "store", "t-wang", 5, on=day(1), by=CLERK)
    issued = led.events[-1]
    assert isinstance(issued, Issued)
    tampered = [*led.events[:-1], attrs.evolve(issued, quantity=500)]
    with pytest.raises(InsufficientStockError):
        AssetLedger.replay(tampered)
    trusted = AssetLedger.replay(tampered, check=False)
    assert trusted.check_invariants() != ()
    assert {v.code for v in trusted.check_invariants()} == {"assets.negative_quantity"}
    broken = AssetLedger.replay(led.events)
    broken._state.received["chalk"] += 1
    broken._state.avail[("room-32", "pj")] = 1
    # One projector more on the books, and one with no unit card behind it.
    assert {v.code for v in broken.check_invariants()} == {
        "assets.not_conserved",
        "assets.units_not_booked",
    }
    broken._state.unit_loc["PJ-1"] = "room-41"
    assert "assets.units_not_booked" in {v.code for v in broken.check_invariants()}


def test_records_and_plain_dicts() -> None:
    led = school()
    led.issue("pj", "store", "room-32", tags=["PJ-1"], on=day(1), by=CLERK)
    rows = led.holdings("room-32")
    assert [(r.item_id, r.quantity, r.tags, r.value) for r in rows] == [
        ("pj", 1, ("PJ-1",), Money("3200"))
    ]
    (plain,) = to_records(rows)
    assert plain == {
        "location_id": "room-32",
        "item_id": "pj",
        "holding": "available",
        "quantity": 1,
        "tags": ["PJ-1"],
        "value": Decimal(3200),
    }
    summary = to_records(led.monthly_summary(2025, 9))
    assert summary[0]["category"] == "teaching_instruments"
    assert to_records(led.trail("PJ-1"))[0]["condition"] == "good"
    assert isinstance(to_records(led.pending_adjustments()), list)
    assert len(led) == len(led.events)
    assert led.policy == LedgerPolicy()
    assert [p.place_id for p in led.places()] == ["office", "room-32", "room-41", "store"]
    assert [h.holder_id for h in led.holders()] == ["class-32", "t-wang"]
    assert [i.item_id for i in led.items()] == ["broom", "chalk", "pj"]
    assert [u.tag for u in led.units()] == ["PJ-1", "PJ-2", "PJ-3"]
    assert led.on_hand(as_of=D, item_id="pj")[0].quantity == 3
    assert led != school()
    other: object = "ledger"
    assert led != other
    snapshot = led.snapshot()
    back: LedgerSnapshot = serialization.loads(LedgerSnapshot, serialization.dumps(snapshot))
    assert back == snapshot
    moves = led.movements()
    assert moves[-1][1:6] == ("pj", "store", "room-32", "move", 1)


def test_audits_of_count_schedule_and_term_end_loans() -> None:
    led = school()
    term = DateRange(D, pendulum.Date(2026, 1, 23))
    led.post_stock_take(StockTake("c1", "room-32", day(50), CLERK, ()), approver=BOSS, by=CLERK)
    led.post_stock_take(StockTake("c2", "room-32", day(120), CLERK, ()), approver=BOSS, by=CLERK)
    led.post_stock_take(StockTake("c3", "office", day(120), CLERK, ()), approver=BOSS, by=CLERK)
    found = audit_count_schedule(led, [term])
    assert {(v.code, v.subject, v.rule) for v in found} == {
        ("assets.count_missing", "room-41", "AS-2"),
        ("assets.count_missing", "store", "AS-2"),
    }
    assert all(v.message_zh and v.message_en for v in found)
    relaxed = CountSchedulePolicy(per_term=(), storeroom_per_year=0)
    assert audit_count_schedule(led, [term], relaxed) == ()
    with pytest.raises(InvalidInputError):
        audit_count_schedule(led, [])
    led.lend("L-1", "pj", "store", "t-wang", tags=["PJ-1"], due_on=day(200), on=day(2), by=CLERK)
    (open_loan,) = audit_loans_at_term_end(led, term.end)
    assert (open_loan.code, open_loan.subject, open_loan.rule) == (
        "assets.loan_open_at_term_end",
        "L-1",
        "AS-5",
    )
    led.return_loan("L-1", condition=Condition.GOOD, on=day(100), by=CLERK)
    assert audit_loans_at_term_end(led, term.end) == ()


@pytest.mark.rule("AS-7")
def test_trail_follows_a_unit_through_every_stage() -> None:
    led = school()
    led.lend("L-1", "pj", "store", "t-wang", tags=["PJ-1"], due_on=day(3), on=day(1), by=CLERK)
    led.return_loan("L-1", condition=Condition.GOOD, on=day(2), by=CLERK)
    led.issue("pj", "store", "room-32", tags=["PJ-1"], on=day(3), by=CLERK)
    led.transfer("pj", "room-32", "room-41", tags=["PJ-1"], on=day(4), by=CLERK)
    led.report_damage("pj", "room-41", tags=["PJ-1"], on=day(5), by=CLERK)
    led.hand_back(
        "pj", "room-41", "store", tags=["PJ-1"], condition=Condition.DAMAGED, on=day(6), by=CLERK
    )
    led.send_to_repair("pj", "store", tags=["PJ-1"], from_pool=True, on=day(7), by=CLERK)
    led.record_repair("pj", "store", tags=["PJ-1"], cost="50", on=day(8), by=CLERK)
    led.issue("pj", "store", "room-32", tags=["PJ-1"], on=day(9), by=CLERK)
    led.hand_back(
        "pj", "room-32", "store", tags=["PJ-1"], condition=Condition.WORN, on=day(10), by=CLERK
    )
    led.restock("pj", "store", tags=["PJ-1"], on=day(11), by=CLERK)
    count = StockTake("c", "store", day(12), CLERK, (CountLine("pj", 2, ("PJ-2", "PJ-3")),))
    led.post_stock_take(count, approver=BOSS, by=CLERK)
    steps = [(e.event, e.from_location, e.to_location, e.condition) for e in led.trail("PJ-1")]
    assert steps == [
        ("Received", "", "store", Condition.GOOD),
        ("Lent", "store", "t-wang", None),
        ("LoanReturned", "t-wang", "store", Condition.GOOD),
        ("Issued", "store", "room-32", None),
        ("Transferred", "room-32", "room-41", None),
        ("DamageReported", "room-41", "room-41", Condition.DAMAGED),
        ("Returned", "room-41", "store", Condition.DAMAGED),
        ("SentToRepair", "store", "store", None),
        ("Repaired", "store", "store", Condition.GOOD),
        ("Issued", "store", "room-32", None),
        ("Returned", "room-32", "store", Condition.WORN),
        ("Restocked", "store", "store", None),
        ("StockTakePosted", "store", "", None),
    ]
    led.receive(
        "pj", "store", tags=["PJ-8"], acceptor=CLERK, invoice_ref="FP-1", on=day(13), by=CLERK
    )
    found = StockTake("c2", "room-32", day(14), CLERK, (CountLine("pj", 1, ("PJ-9",)),))
    led.post_stock_take(found, approver=BOSS, by=CLERK)
    assert [e.event for e in led.trail("PJ-9")] == ["StockTakePosted"]
    assert led.trail("PJ-9")[0].to_location == "room-32"
    assert [e.event for e in led.trail("PJ-8")] == ["Received"]
    with pytest.raises(UnknownUnitError):
        led.trail("PJ-0")
    assert led.check_invariants() == ()


def _raw(led: AssetLedger, event: Any) -> None:
    """Replay the ledger's events plus a hand-made one: the same checks apply."""
    AssetLedger.replay([*led.events, event])


def test_replay_checks_hand_made_events() -> None:
    led = school()
    led.issue("broom", "store", "class-32", 2, initial_allocation=True, on=D, by=CLERK)
    meta: dict[str, Any] = {"effective_on": day(1), "recorded_by": CLERK}
    from schoollogistics.assets import (
        AdjustmentLine,
        Exchanged,
        HolderRegistered,
        ItemRegistered,
        ItemType,
        MonthClosed,
        PlaceRegistered,
        Received,
        Repaired,
        StockTakePosted,
    )
    from schoollogistics.assets import Holder as HolderRecord
    from schoollogistics.assets import Place as PlaceRecord

    cases: list[tuple[type[Exception], Any]] = [
        (
            TagsMismatchError,
            Received(
                item_id="pj",
                place_id="store",
                quantity=1,
                unit_cost=Money(1),
                tags=(" ",),
                acceptor=CLERK,
                supplier="x",
                **meta,
            ),
        ),
        (
            SourceRequiredError,
            Received(
                item_id="chalk",
                place_id="store",
                quantity=1,
                unit_cost=Money(1),
                acceptor=CLERK,
                supplier=" ",
                **meta,
            ),
        ),
        (
            NegativeAmountError,
            Received(
                item_id="chalk",
                place_id="store",
                quantity=1,
                unit_cost=Money(-1),
                acceptor=CLERK,
                **meta,
            ),
        ),
        (
            InvalidQuantityError,
            Exchanged(
                item_id="broom",
                holder_id="class-32",
                store_id="store",
                quantity=1,
                lost_quantity=2,
                **meta,
            ),
        ),
        (
            TagsMismatchError,
            Exchanged(
                item_id="broom",
                holder_id="class-32",
                store_id="store",
                quantity=1,
                old_tags=("X",),
                **meta,
            ),
        ),
        (
            NegativeAmountError,
            Repaired(item_id="chalk", location_id="store", quantity=1, cost=Money(-1), **meta),
        ),
        (
            UnknownLocationError,
            PlaceRegistered(place=PlaceRecord(" ", "x", PlaceKind.OFFICE), **meta),
        ),
        (
            UnknownLocationError,
            HolderRegistered(holder=HolderRecord("", "x", HolderKind.STAFF), **meta),
        ),
        (
            UnknownItemError,
            ItemRegistered(
                item=ItemType(
                    " ", "x", AssetCategory.CONSUMABLES, "个", ItemKind.CONSUMABLE, Money(1)
                ),
                **meta,
            ),
        ),
        (
            UnknownLocationError,
            StockTakePosted(count_id="c", place_id="t-wang", approver=BOSS, **meta),
        ),
        (
            DuplicateIdError,
            StockTakePosted(
                count_id="c",
                place_id="store",
                approver=BOSS,
                lines=(AdjustmentLine("chalk", 1, 0, (), (), Money(1)),) * 2,
                **meta,
            ),
        ),
        (
            InvalidQuantityError,
            StockTakePosted(
                count_id="c",
                place_id="store",
                approver=BOSS,
                lines=(AdjustmentLine("chalk", -1, 0, (), (), Money(1)),),
                **meta,
            ),
        ),
        (
            MonthClosedError,
            MonthClosed(
                year=2025, month=8, effective_on=pendulum.Date(2025, 10, 31), recorded_by=CLERK
            ),
        ),
    ]
    led.close_month(2025, 9, by=CLERK)
    for error, event in cases:
        if isinstance(event, MonthClosed):
            with pytest.raises(error):
                _raw(led, event)
            continue
        with pytest.raises(error):
            _raw(school(), event)
    assert AssetLedger.replay([]).snapshot().last_effective_on is None


@pytest.mark.rule("AS-1")
def test_a_receipt_names_its_supplier_or_invoice() -> None:
    led = school()
    error = refused(
        led,
        SourceRequiredError,
        lambda: led.receive("chalk", "store", 1, acceptor=CLERK, on=D, by=CLERK),
    )
    assert "发票" in error.message_zh
    led.receive("chalk", "store", 1, acceptor=CLERK, supplier="文具店", on=D, by=CLERK)
    led.receive("chalk", "store", 1, acceptor=CLERK, invoice_ref="FP-9", on=D, by=CLERK)


def test_events_are_one_tuple_until_the_next_event() -> None:
    """Reading ``events`` twice gives the same tuple; recording an event renews it."""
    from schoollogistics.assets import AssetLedger

    led = AssetLedger()
    first = led.events
    assert led.events is first
    assert first == led.events[:0]
    led.register_place(
        "store", "总务库房", PlaceKind.STOREROOM, on=pendulum.Date(2025, 9, 1), by="clerk"
    )
    second = led.events
    assert led.events is second
    assert [type(event).__name__ for event in second] == ["PlaceRegistered"]
    assert first == second[:0]  # the earlier tuple is unchanged (empty)
