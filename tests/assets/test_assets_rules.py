"""The asset-ledger guards (``_rules.py``) at their exact boundaries, with full params.

Each refusal is checked for its code, its whole ``params`` (front ends read them) and
for leaving the ledger exactly as it was; the accepted side of each boundary is checked
too, and every policy switch both ways.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pendulum
import pytest

from schoollogistics import Money, serialization
from schoollogistics.assets import (
    AssetEvent,
    AssetLedger,
    Condition,
    DisposalPolicy,
    ExchangePolicy,
    HazardPolicy,
    HolderKind,
    ItemKind,
    LedgerPolicy,
    MonthClosePolicy,
    PlaceKind,
    Repaired,
    StockTakePolicy,
)
from schoollogistics.assets import StockTake as Count
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
from schoollogistics.core import AssetCategory
from schoollogistics.errors import (
    AssetError,
    EmptyIdentifierError,
    FieldTypeError,
    NegativeAmountError,
    SchoolLogisticsError,
)

D = pendulum.Date(2025, 9, 1)
CLERK = "t-li"
BOSS = "principal"
CONSUMABLE_TAGGED = "a consumable has no tags"
NOT_THE_RECORDER = " other than the recorder"


def day(n: int) -> pendulum.Date:
    return D.add(days=n)


def school(policy: LedgerPolicy | None = None) -> AssetLedger:
    """A storeroom, a classroom, a teacher, a class; 20 brooms, 50 chalk, 3 projectors."""
    led = AssetLedger(policy)
    led.register_place("store", "总务库房", PlaceKind.STOREROOM, custodian_id=CLERK, on=D, by=CLERK)
    led.register_place("room-32", "三(2)班教室", PlaceKind.CLASSROOM, on=D, by=CLERK)
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


def refuse(
    led: AssetLedger,
    error: type[SchoolLogisticsError],
    command: Callable[[], Any],
    **params: object,
) -> None:
    """``command`` raises ``error`` with exactly ``params`` and changes nothing."""
    before = frozen(led)
    with pytest.raises(error) as info:
        command()
    assert frozen(led) == before
    assert type(info.value) is error
    assert info.value.code == error.code
    assert dict(info.value.params) == params


def short(
    item_id: str,
    location_id: str,
    available: int,
    requested: int,
    on: pendulum.Date = D,
    holding: str = "available",
) -> dict[str, object]:
    return {
        "item_id": item_id,
        "location_id": location_id,
        "holding": holding,
        "available": available,
        "requested": requested,
        "day": on,
    }


# ---------------------------------------------------------------- AS-1


@pytest.mark.rule("AS-1")
def test_registrations_are_once_each() -> None:
    led = school()
    refuse(
        led,
        DuplicateIdError,
        lambda: led.register_item("chalk", "粉笔", unit="盒", unit_cost="3", on=D, by=CLERK),
        kind="item",
        value="chalk",
    )
    refuse(
        led,
        DuplicateIdError,
        lambda: led.register_place("store", "x", PlaceKind.OFFICE, on=D, by=CLERK),
        kind="place",
        value="store",
    )
    refuse(
        led,
        DuplicateIdError,
        lambda: led.register_holder("room-32", "x", HolderKind.STAFF, on=D, by=CLERK),
        kind="holder",
        value="room-32",
    )
    led.register_holder("t-zhou", "周老师", HolderKind.STAFF, on=D, by=CLERK)
    led.register_place("office", "教导处", PlaceKind.OFFICE, on=D, by=CLERK)


@pytest.mark.rule("AS-1")
def test_receipt_refusals() -> None:
    led = school()
    refuse(
        led,
        UnknownItemError,
        lambda: led.receive("desk", "store", 1, acceptor=CLERK, supplier="s", on=D, by=CLERK),
        item_id="desk",
    )
    refuse(
        led,
        NotAStoreroomError,
        lambda: led.receive("chalk", "room-32", 1, acceptor=CLERK, supplier="s", on=D, by=CLERK),
        field="place_id",
        location_id="room-32",
    )
    refuse(
        led,
        UnknownLocationError,
        lambda: led.receive("chalk", "nowhere", 1, acceptor=CLERK, supplier="s", on=D, by=CLERK),
        field="place_id",
        location_id="nowhere",
    )
    refuse(
        led,
        SourceRequiredError,
        lambda: led.receive("chalk", "store", 1, acceptor=CLERK, on=D, by=CLERK),
        item_id="chalk",
    )
    refuse(
        led,
        TagsMismatchError,
        lambda: led.receive(
            "chalk", "store", 1, tags=["C-1"], acceptor=CLERK, supplier="s", on=D, by=CLERK
        ),
        item_id="chalk",
        reason=CONSUMABLE_TAGGED,
    )
    refuse(
        led,
        DuplicateTagError,
        lambda: led.receive(
            "pj", "store", tags=["PJ-9", "PJ-2"], acceptor=CLERK, supplier="s", on=D, by=CLERK
        ),
        tag="PJ-2",
    )
    refuse(
        led,
        TagsMismatchError,
        lambda: led.receive(
            "pj", "store", 2, tags=["PJ-9"], acceptor=CLERK, supplier="s", on=D, by=CLERK
        ),
        item_id="pj",
        reason="2 distinct new tag(s) needed",
    )
    led.receive("pj", "store", tags=["PJ-9"], acceptor=CLERK, supplier="s", on=D, by=CLERK)
    led.receive("chalk", "store", 1, acceptor=CLERK, supplier="s", unit_cost="0", on=D, by=CLERK)


@pytest.mark.rule("AS-1")
def test_issue_refusals() -> None:
    led = school()
    refuse(
        led,
        UnknownItemError,
        lambda: led.issue("desk", "store", "room-32", 1, on=D, by=CLERK),
        item_id="desk",
    )
    refuse(
        led,
        NotAStoreroomError,
        lambda: led.issue("chalk", "room-32", "t-wang", 1, on=D, by=CLERK),
        field="from_place",
        location_id="room-32",
    )
    refuse(
        led,
        UnknownLocationError,
        lambda: led.issue("chalk", "nowhere", "t-wang", 1, on=D, by=CLERK),
        field="from_place",
        location_id="nowhere",
    )
    refuse(
        led,
        UnknownLocationError,
        lambda: led.issue("chalk", "store", "nowhere", 1, on=D, by=CLERK),
        field="to_location",
        location_id="nowhere",
    )
    refuse(
        led,
        TagsMismatchError,
        lambda: led.issue("chalk", "store", "room-32", 1, tags=["C-1"], on=D, by=CLERK),
        item_id="chalk",
        reason=CONSUMABLE_TAGGED,
    )
    refuse(
        led,
        TagsMismatchError,
        lambda: led.issue("pj", "store", "room-32", tags=["PJ-1", "PJ-1"], on=D, by=CLERK),
        item_id="pj",
        reason="2 distinct tag(s) needed, got ['PJ-1', 'PJ-1']",
    )
    refuse(
        led,
        UnknownUnitError,
        lambda: led.issue("pj", "store", "room-32", tags=["PJ-8"], on=D, by=CLERK),
        tag="PJ-8",
    )
    led.issue("pj", "store", "room-32", tags=["PJ-1"], on=D, by=CLERK)
    refuse(
        led,
        UnitNotHereError,
        lambda: led.issue("pj", "store", "t-wang", tags=["PJ-1"], on=D, by=CLERK),
        tag="PJ-1",
        expected="available",
        location_id="store",
        actual="pj available at 'room-32'",
    )
    led.report_damage("pj", "store", tags=["PJ-2"], on=D, by=CLERK)
    refuse(
        led,
        UnitNotServiceableError,
        lambda: led.issue("pj", "store", "room-32", tags=["PJ-2"], on=D, by=CLERK),
        tag="PJ-2",
        condition="damaged",
    )
    led.report_damage("pj", "store", tags=["PJ-3"], condition=Condition.WORN, on=D, by=CLERK)
    led.issue("pj", "store", "room-32", tags=["PJ-3"], on=D, by=CLERK)


# ---------------------------------------------------------------- AS-3


@pytest.mark.rule("AS-3")
@pytest.mark.parametrize("only_when_empty", [True, False])
def test_initial_allocation_only_when_empty(only_when_empty: bool) -> None:
    led = school(LedgerPolicy(exchange=ExchangePolicy(initial_only_when_empty=only_when_empty)))
    refuse(
        led,
        ExchangeRequiredError,
        lambda: led.issue("broom", "store", "class-32", 2, on=D, by=CLERK),
        item_id="broom",
    )
    led.issue("broom", "store", "class-32", 2, initial_allocation=True, on=D, by=CLERK)
    again: Callable[[], object] = lambda: led.issue(  # noqa: E731
        "broom", "store", "class-32", 1, initial_allocation=True, on=D, by=CLERK
    )
    if only_when_empty:
        refuse(
            led,
            InitialAllocationRefusedError,
            again,
            holder_id="class-32",
            item_id="broom",
            held=2,
        )
    else:
        again()


@pytest.mark.rule("AS-3")
def test_exchange_refusals_and_boundary() -> None:
    led = school()
    led.issue("broom", "store", "class-32", 2, initial_allocation=True, on=D, by=CLERK)
    refuse(
        led,
        UnknownItemError,
        lambda: led.exchange("desk", "class-32", "store", 1, on=D, by=CLERK),
        item_id="desk",
    )
    refuse(
        led,
        NotAStoreroomError,
        lambda: led.exchange("broom", "class-32", "room-32", 1, on=D, by=CLERK),
        field="store_id",
        location_id="room-32",
    )
    refuse(
        led,
        UnknownLocationError,
        lambda: led.exchange("broom", "nobody", "store", 1, on=D, by=CLERK),
        field="holder_id",
        location_id="nobody",
    )
    refuse(
        led,
        NotAHolderError,
        lambda: led.exchange("broom", "store", "store", 1, on=D, by=CLERK),
        field="holder_id",
        location_id="store",
    )
    refuse(
        led,
        NothingToExchangeError,
        lambda: led.exchange("broom", "class-32", "store", 3, on=D, by=CLERK),
        holder_id="class-32",
        item_id="broom",
        held=2,
        requested=3,
    )
    refuse(
        led,
        OldUnitMissingError,
        lambda: led.exchange("broom", "class-32", "store", 2, handed_back=1, on=D, by=CLERK),
        item_id="broom",
        missing=1,
    )
    led.exchange("broom", "class-32", "store", 2, on=D, by=CLERK)
    # the new ones came out of 18 left: exactly the stock is accepted, one more refused
    led.issue("broom", "store", "t-wang", 1, initial_allocation=True, on=D, by=CLERK)
    led.issue("chalk", "store", "t-wang", 50, on=D, by=CLERK)


@pytest.mark.rule("AS-3")
def test_tagged_exchange_checks_old_lost_and_new_tags() -> None:
    led = school()
    led.issue("pj", "store", "t-wang", tags=["PJ-1", "PJ-2"], on=D, by=CLERK)
    refuse(
        led,
        UnitNotHereError,
        lambda: led.exchange(
            "pj", "t-wang", "store", old_tags=["PJ-3"], new_tags=["PJ-3"], on=D, by=CLERK
        ),
        tag="PJ-3",
        expected="available",
        location_id="t-wang",
        actual="pj available at 'store'",
    )
    refuse(
        led,
        UnitNotHereError,
        lambda: led.exchange(
            "pj", "t-wang", "store", old_tags=["PJ-1"], new_tags=["PJ-2"], on=D, by=CLERK
        ),
        tag="PJ-2",
        expected="available",
        location_id="store",
        actual="pj available at 't-wang'",
    )
    led.exchange("pj", "t-wang", "store", old_tags=["PJ-1"], new_tags=["PJ-3"], on=D, by=CLERK)


@pytest.mark.rule("AS-3")
def test_restock_from_pool_boundary() -> None:
    led = school()
    led.issue("chalk", "store", "t-wang", 5, on=D, by=CLERK)
    led.hand_back("chalk", "t-wang", "store", 3, condition=Condition.WORN, on=D, by=CLERK)
    refuse(
        led,
        InsufficientStockError,
        lambda: led.restock("chalk", "store", 4, on=D, by=CLERK),
        **short("chalk", "store", 3, 4, holding="returned"),
    )
    refuse(
        led,
        NotAStoreroomError,
        lambda: led.restock("chalk", "room-32", 1, on=D, by=CLERK),
        field="store_id",
        location_id="room-32",
    )
    refuse(
        led,
        UnknownItemError,
        lambda: led.restock("desk", "store", 1, on=D, by=CLERK),
        item_id="desk",
    )
    led.restock("chalk", "store", 3, on=D, by=CLERK)


# ---------------------------------------------------------------- AS-4


@pytest.mark.rule("AS-4")
def test_custody_and_transfer_refusals() -> None:
    led = school()
    refuse(
        led,
        UnknownLocationError,
        lambda: led.assign_custodian("nowhere", "t-zhao", on=D, by=CLERK),
        field="place",
        location_id="nowhere",
    )
    refuse(
        led,
        UnknownItemError,
        lambda: led.assign_custodian("desk", "t-zhao", for_item=True, on=D, by=CLERK),
        item_id="desk",
    )
    led.assign_custodian("room-32", "t-zhao", on=D, by=CLERK)
    led.assign_custodian("chalk", "t-zhao", for_item=True, on=D, by=CLERK)
    led.issue("chalk", "store", "room-32", 4, on=D, by=CLERK)
    refuse(
        led,
        UnknownItemError,
        lambda: led.transfer("desk", "room-32", "t-wang", 1, on=D, by=CLERK),
        item_id="desk",
    )
    refuse(
        led,
        UnknownLocationError,
        lambda: led.transfer("chalk", "nowhere", "t-wang", 1, on=D, by=CLERK),
        field="from_location",
        location_id="nowhere",
    )
    refuse(
        led,
        UnknownLocationError,
        lambda: led.transfer("chalk", "room-32", "nowhere", 1, on=D, by=CLERK),
        field="to_location",
        location_id="nowhere",
    )
    refuse(
        led,
        UnknownLocationError,
        lambda: led.transfer("chalk", "room-32", "room-32", 1, on=D, by=CLERK),
        field="to_location==from_location",
        location_id="room-32",
    )
    refuse(
        led,
        InsufficientStockError,
        lambda: led.transfer("chalk", "room-32", "t-wang", 5, on=day(1), by=CLERK),
        **short("chalk", "room-32", 4, 5, on=day(1)),
    )
    refuse(
        led,
        TagsMismatchError,
        lambda: led.transfer("pj", "store", "room-32", 1, on=D, by=CLERK),
        item_id="pj",
        reason="1 distinct tag(s) needed, got []",
    )
    led.transfer("chalk", "room-32", "t-wang", 4, on=day(1), by=CLERK)
    led.transfer("pj", "store", "room-32", tags=["PJ-1"], on=day(1), by=CLERK)


# ---------------------------------------------------------------- AS-5


@pytest.mark.rule("AS-5")
def test_loan_refusals_and_due_date_boundary() -> None:
    led = school()
    refuse(
        led,
        UnknownItemError,
        lambda: led.lend("L1", "desk", "store", "t-wang", 1, due_on=day(1), on=D, by=CLERK),
        item_id="desk",
    )
    refuse(
        led,
        UnknownLocationError,
        lambda: led.lend("L1", "chalk", "nowhere", "t-wang", 1, due_on=day(1), on=D, by=CLERK),
        field="from_place",
        location_id="nowhere",
    )
    refuse(
        led,
        NotAHolderError,
        lambda: led.lend("L1", "chalk", "store", "room-32", 1, due_on=day(1), on=D, by=CLERK),
        field="borrower_id",
        location_id="room-32",
    )
    refuse(
        led,
        InvalidDueDateError,
        lambda: led.lend("L1", "chalk", "store", "t-wang", 1, due_on=day(4), on=day(5), by=CLERK),
        due_on=day(4),
        lent_on=day(5),
    )
    refuse(
        led,
        InsufficientStockError,
        lambda: led.lend("L1", "chalk", "store", "t-wang", 51, due_on=day(5), on=day(5), by=CLERK),
        **short("chalk", "store", 50, 51, on=day(5)),
    )
    led.report_damage("pj", "store", tags=["PJ-1"], on=D, by=CLERK)
    refuse(
        led,
        UnitNotServiceableError,
        lambda: led.lend(
            "L1", "pj", "store", "t-wang", tags=["PJ-1"], due_on=day(5), on=day(5), by=CLERK
        ),
        tag="PJ-1",
        condition="damaged",
    )
    refuse(
        led,
        TagsMismatchError,
        lambda: led.lend(
            "L1", "chalk", "store", "t-wang", 1, tags=["C"], due_on=day(5), on=day(5), by=CLERK
        ),
        item_id="chalk",
        reason=CONSUMABLE_TAGGED,
    )
    led.lend("L1", "chalk", "store", "t-wang", 50, due_on=day(5), on=day(5), by=CLERK)
    refuse(
        led,
        DuplicateIdError,
        lambda: led.lend("L1", "broom", "store", "t-wang", 1, due_on=day(5), on=day(5), by=CLERK),
        kind="loan",
        value="L1",
    )
    refuse(
        led,
        UnknownLoanError,
        lambda: led.return_loan("L2", condition=Condition.GOOD, on=day(6), by=CLERK),
        loan_id="L2",
    )
    led.return_loan("L1", condition=Condition.GOOD, on=day(6), by=CLERK)
    refuse(
        led,
        LoanClosedError,
        lambda: led.return_loan("L1", condition=Condition.GOOD, on=day(6), by=CLERK),
        loan_id="L1",
    )


# ---------------------------------------------------------------- AS-6


@pytest.mark.rule("AS-6")
@pytest.mark.parametrize("to_stock", [True, False])
def test_hand_back_refusals_and_boundary(to_stock: bool) -> None:
    from schoollogistics.assets import HandBackPolicy

    led = school(LedgerPolicy(hand_back=HandBackPolicy(good_returns_to_stock=to_stock)))
    led.issue("chalk", "store", "t-wang", 3, on=D, by=CLERK)
    refuse(
        led,
        UnknownItemError,
        lambda: led.hand_back(
            "desk", "t-wang", "store", 1, condition=Condition.GOOD, on=D, by=CLERK
        ),
        item_id="desk",
    )
    refuse(
        led,
        NotAStoreroomError,
        lambda: led.hand_back(
            "chalk", "t-wang", "room-32", 1, condition=Condition.GOOD, on=D, by=CLERK
        ),
        field="store_id",
        location_id="room-32",
    )
    refuse(
        led,
        UnknownLocationError,
        lambda: led.hand_back(
            "chalk", "nobody", "store", 1, condition=Condition.GOOD, on=D, by=CLERK
        ),
        field="holder_id",
        location_id="nobody",
    )
    refuse(
        led,
        InsufficientStockError,
        lambda: led.hand_back(
            "chalk", "t-wang", "store", 4, condition=Condition.GOOD, on=D, by=CLERK
        ),
        **short("chalk", "t-wang", 3, 4),
    )
    refuse(
        led,
        TagsMismatchError,
        lambda: led.hand_back(
            "chalk", "t-wang", "store", 1, tags=["C"], condition=Condition.GOOD, on=D, by=CLERK
        ),
        item_id="chalk",
        reason=CONSUMABLE_TAGGED,
    )
    led.hand_back("chalk", "t-wang", "store", 3, condition=Condition.GOOD, on=D, by=CLERK)
    stock = 50 if to_stock else 47
    refuse(
        led,
        InsufficientStockError,
        lambda: led.issue("chalk", "store", "t-wang", stock + 1, on=D, by=CLERK),
        **short("chalk", "store", stock, stock + 1),
    )
    led.issue("chalk", "store", "t-wang", stock, on=D, by=CLERK)


# ---------------------------------------------------------------- AS-7


@pytest.mark.rule("AS-7")
def test_damage_repair_boundaries() -> None:
    led = school()
    led.issue("chalk", "store", "room-32", 4, on=D, by=CLERK)
    refuse(
        led,
        UnknownItemError,
        lambda: led.report_damage("desk", "room-32", 1, on=D, by=CLERK),
        item_id="desk",
    )
    refuse(
        led,
        UnknownLocationError,
        lambda: led.report_damage("chalk", "nowhere", 1, on=D, by=CLERK),
        field="location_id",
        location_id="nowhere",
    )
    refuse(
        led,
        InsufficientStockError,
        lambda: led.report_damage("chalk", "room-32", 5, on=D, by=CLERK),
        **short("chalk", "room-32", 4, 5),
    )
    led.report_damage("chalk", "room-32", 4, on=D, by=CLERK)
    refuse(
        led,
        UnknownLocationError,
        lambda: led.send_to_repair("chalk", "nowhere", 1, on=D, by=CLERK),
        field="location_id",
        location_id="nowhere",
    )
    refuse(
        led,
        UnknownItemError,
        lambda: led.send_to_repair("desk", "room-32", 1, on=D, by=CLERK),
        item_id="desk",
    )
    refuse(
        led,
        InsufficientStockError,
        lambda: led.send_to_repair("chalk", "room-32", 5, on=D, by=CLERK),
        **short("chalk", "room-32", 4, 5),
    )
    led.send_to_repair("chalk", "room-32", 4, on=D, by=CLERK)
    refuse(
        led,
        UnknownItemError,
        lambda: led.record_repair("desk", "room-32", 1, cost="0", on=D, by=CLERK),
        item_id="desk",
    )
    refuse(
        led,
        UnknownLocationError,
        lambda: led.record_repair("chalk", "nowhere", 1, cost="0", on=D, by=CLERK),
        field="location_id",
        location_id="nowhere",
    )
    refuse(
        led,
        InsufficientStockError,
        lambda: led.record_repair("chalk", "room-32", 5, cost="0", on=D, by=CLERK),
        **short("chalk", "room-32", 4, 5, holding="in_repair"),
    )
    led.record_repair("chalk", "room-32", 4, cost="0", on=D, by=CLERK)


@pytest.mark.rule("AS-7")
def test_repair_from_the_pool() -> None:
    led = school()
    led.issue("chalk", "store", "t-wang", 5, on=D, by=CLERK)
    led.hand_back("chalk", "t-wang", "store", 2, condition=Condition.DAMAGED, on=D, by=CLERK)
    refuse(
        led,
        NotAStoreroomError,
        lambda: led.send_to_repair("chalk", "t-wang", 1, from_pool=True, on=D, by=CLERK),
        field="location_id",
        location_id="t-wang",
    )
    refuse(
        led,
        InsufficientStockError,
        lambda: led.send_to_repair("chalk", "store", 3, from_pool=True, on=D, by=CLERK),
        **short("chalk", "store", 2, 3, holding="returned"),
    )
    led.send_to_repair("chalk", "store", 2, from_pool=True, on=D, by=CLERK)


@pytest.mark.rule("AS-7")
@pytest.mark.parametrize("distinct", [True, False])
def test_disposal_refusals(distinct: bool) -> None:
    led = school(LedgerPolicy(disposal=DisposalPolicy(approver_distinct=distinct)))
    refuse(
        led,
        UnknownItemError,
        lambda: led.dispose("desk", "store", 1, approver=BOSS, on=D, by=CLERK),
        item_id="desk",
    )
    refuse(
        led,
        DisposalSourceError,
        lambda: led.dispose("chalk", "room-32", 1, approver=BOSS, on=D, by=CLERK),
        reason="'room-32' is not a storeroom",
    )
    refuse(
        led,
        ApproverRequiredError,
        lambda: led.dispose("chalk", "store", 1, approver=" ", on=D, by=CLERK),
        operation="disposal",
        detail="",
        recorded_by="",
    )
    refuse(
        led,
        InsufficientStockError,
        lambda: led.dispose("chalk", "store", 51, approver=BOSS, on=D, by=CLERK),
        **short("chalk", "store", 50, 51),
    )
    refuse(
        led,
        InsufficientStockError,
        lambda: led.dispose("chalk", "store", 1, from_pool=True, approver=BOSS, on=D, by=CLERK),
        **short("chalk", "store", 0, 1, holding="returned"),
    )
    refuse(
        led,
        TagsMismatchError,
        lambda: led.dispose("pj", "store", 1, approver=BOSS, on=D, by=CLERK),
        item_id="pj",
        reason="1 distinct tag(s) needed, got []",
    )

    def own() -> object:
        return led.dispose("chalk", "store", 50, approver=CLERK, on=D, by=CLERK)

    if distinct:
        refuse(
            led,
            ApproverRequiredError,
            own,
            operation="disposal",
            detail=NOT_THE_RECORDER,
            recorded_by=CLERK,
        )
    else:
        own()


# ---------------------------------------------------------------- AS-2


@pytest.mark.rule("AS-2")
@pytest.mark.parametrize("distinct", [True, False])
def test_stock_take_approver(distinct: bool) -> None:
    led = school(LedgerPolicy(stock_take=StockTakePolicy(approver_distinct=distinct)))
    count = Count("c1", "room-32", day(2), CLERK, ())
    refuse(
        led,
        ApproverRequiredError,
        lambda: led.post_stock_take(count, approver="", by=CLERK),
        operation="stock-take posting",
        detail="",
        recorded_by="",
    )
    own: Callable[[], object] = lambda: led.post_stock_take(count, approver=CLERK, by=CLERK)  # noqa: E731
    if distinct:
        refuse(
            led,
            ApproverRequiredError,
            own,
            operation="stock-take posting",
            detail=NOT_THE_RECORDER,
            recorded_by=CLERK,
        )
    else:
        own()


# ---------------------------------------------------------------- AS-8


@pytest.mark.rule("AS-8")
@pytest.mark.parametrize("sequential", [True, False])
def test_months_close_in_sequence(sequential: bool) -> None:
    led = school(LedgerPolicy(month_close=MonthClosePolicy(sequential=sequential)))
    led.close_month(2025, 9, by=CLERK)
    refuse(
        led,
        MonthClosedError,
        lambda: led.close_month(2025, 9, by=CLERK),
        day=pendulum.Date(2025, 9, 30),
        closed_through=pendulum.Date(2025, 9, 30),
    )
    refuse(
        led,
        MonthClosedError,
        lambda: led.receive(
            "chalk",
            "store",
            1,
            acceptor=CLERK,
            supplier="s",
            on=pendulum.Date(2025, 9, 30),
            by=CLERK,
        ),
        day=pendulum.Date(2025, 9, 30),
        closed_through=pendulum.Date(2025, 9, 30),
    )
    led.receive(
        "chalk", "store", 1, acceptor=CLERK, supplier="s", on=pendulum.Date(2025, 10, 1), by=CLERK
    )
    led.close_month(2025, 10, by=CLERK)
    led.close_month(2025, 11, by=CLERK)
    if sequential:
        refuse(
            led,
            MonthSequenceError,
            lambda: led.close_month(2026, 1, by=CLERK),
            month="2026-01",
            expected="2025-12",
        )
        led.close_month(2025, 12, by=CLERK)
        refuse(
            led,
            MonthSequenceError,
            lambda: led.close_month(2026, 2, by=CLERK),
            month="2026-02",
            expected="2026-01",
        )
        led.close_month(2026, 1, by=CLERK)
        assert led.closed_through == pendulum.Date(2026, 1, 31)
    else:
        led.close_month(2026, 2, by=CLERK)
        assert led.closed_through == pendulum.Date(2026, 2, 28)


# ---------------------------------------------------------------- AS-9


def hazard_school(policy: LedgerPolicy | None = None) -> AssetLedger:
    led = school(policy)
    led.register_item(
        "alcohol",
        "酒精",
        unit="瓶",
        unit_cost="8",
        hazardous=True,
        custodian_id="t-he",
        issue_limit=5,
        on=D,
        by=CLERK,
    )
    led.receive("alcohol", "store", 20, acceptor=CLERK, supplier="s", on=D, by=CLERK)
    return led


@pytest.mark.rule("AS-9")
def test_hazard_custodian_required_and_limit_positive() -> None:
    led = school()
    refuse(
        led,
        CustodianRequiredError,
        lambda: led.register_item(
            "alcohol",
            "酒精",
            unit="瓶",
            unit_cost="8",
            hazardous=True,
            custodian_id="",
            on=D,
            by=CLERK,
        ),
        item_id="alcohol",
    )
    led.register_item(
        "alcohol",
        "酒精",
        unit="瓶",
        unit_cost="8",
        hazardous=True,
        custodian_id="t-he",
        issue_limit=1,
        on=D,
        by=CLERK,
    )
    led.register_item("glue", "胶水", unit="瓶", unit_cost="8", issue_limit=1, on=D, by=CLERK)


@pytest.mark.rule("AS-9")
@pytest.mark.parametrize("custodian_only", [True, False])
def test_hazard_custodian_issues_only(custodian_only: bool) -> None:
    led = hazard_school(LedgerPolicy(hazard=HazardPolicy(custodian_issues_only=custodian_only)))

    def by_clerk() -> object:
        return led.issue("alcohol", "store", "t-wang", 1, on=D, by=CLERK)

    if custodian_only:
        refuse(
            led,
            HazardCustodianError,
            by_clerk,
            item_id="alcohol",
            custodian_id="t-he",
            actor=CLERK,
        )
        led.issue("alcohol", "store", "t-wang", 1, on=D, by="t-he")
    else:
        by_clerk()
    led.issue("chalk", "store", "t-wang", 1, on=D, by="someone")


@pytest.mark.rule("AS-9")
def test_hazard_limit_per_holder_and_period() -> None:
    led = hazard_school()
    led.issue("alcohol", "store", "t-wang", 3, on=D, by="t-he")
    led.issue("alcohol", "store", "t-wang", 2, on=day(10), by="t-he")
    refuse(
        led,
        HazardLimitError,
        lambda: led.issue("alcohol", "store", "t-wang", 1, on=day(20), by="t-he"),
        holder_id="t-wang",
        item_id="alcohol",
        total=6,
        limit=5,
        period_start=D,
    )
    led.issue("alcohol", "store", "class-32", 5, on=day(20), by="t-he")
    led.issue("alcohol", "store", "t-wang", 5, on=pendulum.Date(2025, 10, 1), by="t-he")
    refuse(
        led,
        HazardLimitError,
        lambda: led.exchange(
            "alcohol", "t-wang", "store", 1, on=pendulum.Date(2025, 10, 2), by="t-he"
        ),
        holder_id="t-wang",
        item_id="alcohol",
        total=6,
        limit=5,
        period_start=pendulum.Date(2025, 10, 1),
    )
    refuse(
        led,
        HazardCustodianError,
        lambda: led.exchange(
            "alcohol", "t-wang", "store", 1, on=pendulum.Date(2025, 10, 2), by=CLERK
        ),
        item_id="alcohol",
        custodian_id="t-he",
        actor=CLERK,
    )
    led.exchange("alcohol", "class-32", "store", 1, on=pendulum.Date(2025, 10, 2), by="t-he")


# ---------------------------------------------------------------- AS-10


@pytest.mark.rule("AS-10")
def test_item_category_matches_kind() -> None:
    led = school()
    refuse(
        led,
        InvalidCategoryError,
        lambda: led.register_item(
            "desk",
            "课桌",
            unit="张",
            unit_cost="2000",
            kind=ItemKind.FIXED_ASSET,
            category=AssetCategory.CONSUMABLES,
            on=D,
            by=CLERK,
        ),
        item_id="desk",
        reason="a fixed asset needs a depreciation category",
    )
    refuse(
        led,
        InvalidCategoryError,
        lambda: led.register_item(
            "cup",
            "杯",
            unit="个",
            unit_cost="5",
            category=AssetCategory.TEACHING_INSTRUMENTS,
            on=D,
            by=CLERK,
        ),
        item_id="cup",
        reason="inventory below the threshold is filed as consumables",
    )
    led.register_item(
        "desk",
        "课桌",
        unit="张",
        unit_cost="2000",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=D,
        by=CLERK,
    )
    led.register_item("cup", "杯", unit="个", unit_cost="5", on=D, by=CLERK)


# ---------------------------------------------------------------- AS-11


@pytest.mark.rule("AS-11")
def test_issue_takes_exactly_what_is_there() -> None:
    led = school()
    refuse(
        led,
        InsufficientStockError,
        lambda: led.issue("chalk", "store", "room-32", 51, on=day(1), by=CLERK),
        **short("chalk", "store", 50, 51, on=day(1)),
    )
    led.issue("chalk", "store", "room-32", 50, on=day(1), by=CLERK)
    refuse(
        led,
        InsufficientStockError,
        lambda: led.issue("chalk", "store", "room-32", 1, on=day(1), by=CLERK),
        **short("chalk", "store", 0, 1, on=day(1)),
    )


@pytest.mark.rule("AS-11")
def test_exchange_hands_out_exactly_what_is_there() -> None:
    led = school()
    led.issue("broom", "store", "class-32", 2, initial_allocation=True, on=D, by=CLERK)
    led.issue("broom", "store", "t-wang", 17, initial_allocation=True, on=D, by=CLERK)
    refuse(
        led,
        InsufficientStockError,
        lambda: led.exchange("broom", "class-32", "store", 2, on=day(1), by=CLERK),
        **short("broom", "store", 1, 2, on=day(1)),
    )
    led.exchange("broom", "class-32", "store", 1, on=day(1), by=CLERK)


# ---------------------------------------------------------------- quantities


ZERO: dict[str, Callable[[AssetLedger, int], object]] = {
    "receive": lambda led, n: led.receive(
        "chalk", "store", n, acceptor=CLERK, supplier="s", on=D, by=CLERK
    ),
    "issue": lambda led, n: led.issue("chalk", "store", "room-32", n, on=D, by=CLERK),
    "transfer": lambda led, n: led.transfer("chalk", "store", "room-32", n, on=D, by=CLERK),
    "lend": lambda led, n: led.lend("L", "chalk", "store", "t-wang", n, due_on=D, on=D, by=CLERK),
    "damage": lambda led, n: led.report_damage("chalk", "store", n, on=D, by=CLERK),
    "dispose": lambda led, n: led.dispose("chalk", "store", n, approver=BOSS, on=D, by=CLERK),
}

COMMAND_CLASS = {
    "receive": "Receive",
    "issue": "Issue",
    "transfer": "Transfer",
    "lend": "Lend",
    "damage": "ReportDamage",
    "dispose": "Dispose",
}


def wrong_type(field: str, type_name: str, expected: str = "an integer") -> dict[str, object]:
    """The params of a ``FieldTypeError`` raised when a record is built."""
    expected_zh = {"an integer": "整数", "a list or tuple": "列表或元组"}[expected]
    return {
        "field": field,
        "expected": expected,
        "expected_zh": expected_zh,
        "type_name": type_name,
    }


@pytest.mark.rule("AS-1")
@pytest.mark.parametrize("command", sorted(ZERO))
def test_quantities_are_positive_whole_numbers(command: str) -> None:
    led = school()
    run = ZERO[command]
    refuse(
        led,
        InvalidQuantityError,
        lambda: run(led, 0),
        field="quantity",
        value="0",
    )
    refuse(  # a bool is no quantity: refused by type when the command is built
        led,
        FieldTypeError,
        lambda: run(led, True),
        **wrong_type(f"{COMMAND_CLASS[command]}.quantity", "bool"),
    )
    run(led, 1)


# ---------------------------------------------------------------- AS-2 decisions and counts


@pytest.mark.rule("AS-2")
def test_decisions_name_the_count_and_an_approver_who_may_be_the_recorder() -> None:
    from schoollogistics.assets import CountLine, Decision

    led = school()
    led.post_stock_take(
        Count("c1", "store", day(2), CLERK, (CountLine("chalk", 49),)), approver=BOSS, by=CLERK
    )
    refuse(
        led,
        UnknownCountError,
        lambda: led.decide_adjustments(
            "c2", Decision.WRITE_OFF, approver=BOSS, on=day(3), by=CLERK
        ),
        count_id="c2",
    )
    refuse(
        led,
        ApproverRequiredError,
        lambda: led.decide_adjustments("c1", Decision.WRITE_OFF, approver=" ", on=day(3), by=CLERK),
        operation="decision on pending adjustments",
        detail="",
        recorded_by="",
    )
    led.decide_adjustments("c1", Decision.WRITE_OFF, approver=CLERK, on=day(3), by=CLERK)
    refuse(
        led,
        AlreadyDecidedError,
        lambda: led.decide_adjustments(
            "c1", Decision.WRITE_OFF, approver=BOSS, on=day(4), by=CLERK
        ),
        count_id="c1",
    )


@pytest.mark.rule("AS-2")
def test_count_tags_are_a_sequence_of_ids() -> None:
    from schoollogistics.assets import CountLine

    led = school()
    for tags, type_name in (("PJ-1", "str"), ({"PJ-1"}, "set")):
        with pytest.raises(FieldTypeError) as info:
            CountLine("pj", 1, tags)  # type: ignore[arg-type]
        assert info.value.code == "input.wrong_type"
        assert dict(info.value.params) == wrong_type("CountLine.tags", type_name, "a list or tuple")
    with pytest.raises(EmptyIdentifierError) as blank:
        led.reconcile(Count("c", "store", D, CLERK, (CountLine("pj", 1, (" ",)),)))
    assert dict(blank.value.params) == {"field": "tags", "value": " "}
    rec = led.reconcile(Count("c", "store", D, CLERK, (CountLine("pj", 1, ["PJ-1"]),)))  # type: ignore[arg-type]
    assert {line.item_id: line.shortage_tags for line in rec.lines}["pj"] == ("PJ-2", "PJ-3")


@pytest.mark.rule("AS-7")
def test_a_repair_cost_is_not_negative() -> None:
    led = school()
    led.send_to_repair("chalk", "store", 1, on=D, by=CLERK)
    with pytest.raises(NegativeAmountError) as info:
        AssetLedger.replay(
            [
                *led.events,
                Repaired(
                    item_id="chalk",
                    location_id="store",
                    quantity=1,
                    cost=Money(-1),
                    effective_on=D,
                    recorded_by=CLERK,
                ),
            ]
        )
    assert dict(info.value.params) == {"field": "cost", "value": Money(-1)}
    led.record_repair("chalk", "store", 1, cost="0", on=D, by=CLERK)


@pytest.mark.rule("AS-2")
def test_count_place_and_units_booked_elsewhere() -> None:
    from schoollogistics.assets import CountLine

    led = school()
    with pytest.raises(UnknownLocationError) as info:
        led.reconcile(Count("c", "nowhere", D, CLERK, ()))
    assert dict(info.value.params) == {"field": "place_id", "location_id": "nowhere"}
    led.issue("pj", "store", "room-32", tags=["PJ-1"], on=D, by=CLERK)
    led.dispose("pj", "store", tags=["PJ-3"], approver=BOSS, on=D, by=CLERK)
    for tag, booked_at in (("PJ-1", "room-32"), ("PJ-3", "(off the books)")):
        count = Count("c", "store", day(1), CLERK, (CountLine("pj", 2, ("PJ-2", tag)),))
        refuse(
            led,
            TagBookedElsewhereError,
            lambda count=count: led.post_stock_take(count, approver=BOSS, by=CLERK),  # type: ignore[misc]
            tag=tag,
            place_id="store",
            booked_at=booked_at,
        )


@pytest.mark.rule("AS-2")
def test_count_lines_are_checked_with_full_params() -> None:
    from schoollogistics.assets import CountLine

    led = school()
    led.register_item(
        "tv",
        "电视",
        unit="台",
        unit_cost="3000",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=D,
        by=CLERK,
    )
    one_tag = "one distinct tag per counted unit"
    cases: list[tuple[type[AssetError], tuple[CountLine, ...], dict[str, object]]] = [
        (UnknownItemError, (CountLine("desk", 1),), {"item_id": "desk"}),
        (
            DuplicateIdError,
            (CountLine("chalk", 1), CountLine("chalk", 2)),
            {"kind": "count line item", "value": "chalk"},
        ),
        (InvalidQuantityError, (CountLine("chalk", -1),), {"field": "counted", "value": "-1"}),
        (TagsMismatchError, (CountLine("pj", 2, ("PJ-1",)),), {"item_id": "pj", "reason": one_tag}),
        (
            TagsMismatchError,
            (CountLine("pj", 2, ("PJ-1", "PJ-1")),),
            {"item_id": "pj", "reason": one_tag},
        ),
        (
            TagsMismatchError,
            (CountLine("chalk", 1, ("C-1",)),),
            {"item_id": "chalk", "reason": CONSUMABLE_TAGGED},
        ),
        (
            TagsMismatchError,
            (CountLine("pj", 1, ("PJ-1",)), CountLine("tv", 1, ("PJ-1",))),
            {
                "item_id": "tv",
                "reason": "tag(s) ['PJ-1'] counted on two lines",
            },
        ),
    ]
    for error, lines, params in cases:
        with pytest.raises(error) as info:
            led.reconcile(Count("c", "store", D, CLERK, lines))
        assert type(info.value) is error
        assert dict(info.value.params) == params
    with pytest.raises(FieldTypeError) as wrong:  # a bool count is refused when the line is built
        CountLine("chalk", True)
    assert dict(wrong.value.params) == wrong_type("CountLine.counted", "bool")
    rec = led.reconcile(
        Count(
            "c",
            "store",
            D,
            CLERK,
            (CountLine("chalk", 0), CountLine("pj", 1, ("PJ-1",)), CountLine("tv", 0)),
        )
    )
    assert {line.item_id: line.shortage for line in rec.lines}["chalk"] == 50


def replay_refused(
    led: AssetLedger, error: type[SchoolLogisticsError], event: AssetEvent, **params: object
) -> None:
    """A hand-made ``event`` after ``led``'s events is refused on replay with ``params``."""
    with pytest.raises(error) as info:
        AssetLedger.replay([*led.events, event], led.policy)
    assert type(info.value) is error
    assert dict(info.value.params) == params


@pytest.mark.rule("AS-2")
def test_posted_adjustment_lines_are_checked_on_replay() -> None:
    from schoollogistics.assets import AdjustmentLine, StockTakePosted

    led = school()
    led.register_item(
        "tv",
        "电视",
        unit="台",
        unit_cost="3000",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=D,
        by=CLERK,
    )
    led.post_stock_take(Count("c1", "room-32", D, CLERK, ()), approver=BOSS, by=CLERK)

    def posted(
        *lines: AdjustmentLine, count_id: str = "c2", place_id: str = "store"
    ) -> StockTakePosted:
        return StockTakePosted(
            count_id=count_id,
            place_id=place_id,
            approver=BOSS,
            lines=lines,
            effective_on=day(1),
            recorded_by=CLERK,
        )

    def line(
        item: str,
        surplus: int = 0,
        shortage: int = 0,
        plus: tuple[str, ...] = (),
        minus: tuple[str, ...] = (),
    ) -> AdjustmentLine:
        return AdjustmentLine(item, surplus, shortage, plus, minus, Money(1))

    replay_refused(led, DuplicateIdError, posted(count_id="c1"), kind="stock-take", value="c1")
    replay_refused(
        led,
        UnknownLocationError,
        posted(place_id="nowhere"),
        field="place_id",
        location_id="nowhere",
    )
    replay_refused(led, UnknownItemError, posted(line("desk", 1)), item_id="desk")
    replay_refused(
        led,
        DuplicateIdError,
        posted(line("chalk", 1), line("chalk", 0, 1)),
        kind="adjustment line item",
        value="chalk",
    )
    replay_refused(
        led,
        DuplicateTagError,
        posted(line("pj", 1, plus=("PJ-9",)), line("tv", 1, plus=("PJ-9",))),
        tag="PJ-9",
    )
    replay_refused(
        led, InvalidQuantityError, posted(line("chalk", -1)), field="surplus", value="-1"
    )
    with pytest.raises(FieldTypeError) as wrong:  # a bool shortage cannot even be built
        line("chalk", 0, True)
    assert dict(wrong.value.params) == wrong_type("AdjustmentLine.shortage", "bool")
    replay_refused(led, DuplicateTagError, posted(line("pj", 1, plus=("PJ-1",))), tag="PJ-1")
    replay_refused(
        led,
        TagsMismatchError,
        posted(line("pj", 0, 1)),
        item_id="pj",
        reason="1 distinct tag(s) needed, got []",
    )
    replay_refused(
        led,
        InsufficientStockError,
        posted(line("chalk", 0, 51)),
        **short("chalk", "store", 50, 51, on=day(1)),
    )
    AssetLedger.replay(
        [
            *led.events,
            posted(
                line("chalk", 0, 50),
                line("pj", 1, 1, ("PJ-9",), ("PJ-1",)),
                line("tv", 1, plus=("TV-1",)),
            ),
        ]
    )


@pytest.mark.rule("AS-1")
def test_hand_made_events_are_refused_with_full_params() -> None:
    from schoollogistics.assets import (
        Exchanged,
        Holder,
        HolderRegistered,
        ItemRegistered,
        ItemType,
        MonthClosed,
        Place,
        PlaceRegistered,
        Received,
    )

    led = school()
    led.issue("broom", "store", "class-32", 2, initial_allocation=True, on=D, by=CLERK)
    meta: dict[str, Any] = {"effective_on": day(1), "recorded_by": CLERK}
    replay_refused(
        led,
        UnknownItemError,
        ItemRegistered(
            item=ItemType(" ", "x", AssetCategory.CONSUMABLES, "个", ItemKind.CONSUMABLE, Money(1)),
            **meta,
        ),
        item_id=" ",
    )
    replay_refused(
        led,
        UnknownLocationError,
        PlaceRegistered(place=Place(" ", "x", PlaceKind.OFFICE), **meta),
        field="place",
        location_id=" ",
    )
    replay_refused(
        led,
        UnknownLocationError,
        HolderRegistered(holder=Holder("", "x", HolderKind.STAFF), **meta),
        field="holder",
        location_id="",
    )
    replay_refused(
        led,
        NegativeAmountError,
        Received(
            item_id="chalk",
            place_id="store",
            quantity=1,
            unit_cost=Money(-1),
            acceptor=CLERK,
            supplier="s",
            **meta,
        ),
        field="unit_cost",
        value=Money(-1),
    )
    replay_refused(
        led,
        InvalidQuantityError,
        Exchanged(
            item_id="broom",
            holder_id="class-32",
            store_id="store",
            quantity=1,
            lost_quantity=2,
            **meta,
        ),
        field="lost_quantity",
        value="2",
    )
    replay_refused(
        led,
        TagsMismatchError,
        Exchanged(
            item_id="broom",
            holder_id="class-32",
            store_id="store",
            quantity=1,
            old_tags=("X",),
            **meta,
        ),
        item_id="broom",
        reason=CONSUMABLE_TAGGED,
    )
    AssetLedger.replay(
        [
            *led.events,
            Exchanged(
                item_id="broom",
                holder_id="class-32",
                store_id="store",
                quantity=1,
                lost_quantity=1,
                **meta,
            ),
        ]
    )
    led.close_month(2025, 9, by=CLERK)
    for month in (8, 9):
        replay_refused(
            led,
            MonthClosedError,
            MonthClosed(
                year=2025, month=month, effective_on=pendulum.Date(2025, 10, 31), recorded_by=CLERK
            ),
            day=pendulum.Date(2025, month, 1),
            closed_through=pendulum.Date(2025, 9, 30),
        )


@pytest.mark.rule("AS-1")
@pytest.mark.parametrize("quantity", [0, -1])
def test_hand_made_quantities_are_refused_by_the_guards(quantity: int) -> None:
    from schoollogistics.assets import Exchanged, Issued, Lent, Received, Returned, Transferred

    led = school()
    led.issue("chalk", "store", "t-wang", 5, on=D, by=CLERK)
    led.issue("broom", "store", "class-32", 2, initial_allocation=True, on=D, by=CLERK)
    meta: dict[str, Any] = {"effective_on": day(1), "recorded_by": CLERK}
    events: list[Callable[[int], AssetEvent]] = [
        lambda n: Received(
            item_id="chalk",
            place_id="store",
            quantity=n,
            unit_cost=Money(1),
            acceptor=CLERK,
            supplier="s",
            **meta,
        ),
        lambda n: Issued(
            item_id="chalk", from_place="store", to_location="room-32", quantity=n, **meta
        ),
        lambda n: Exchanged(
            item_id="broom", holder_id="class-32", store_id="store", quantity=n, **meta
        ),
        lambda n: Returned(
            item_id="chalk", holder_id="t-wang", store_id="store", quantity=n, **meta
        ),
        lambda n: Lent(
            loan_id="L",
            item_id="chalk",
            from_place="store",
            borrower_id="t-wang",
            quantity=n,
            due_on=day(2),
            **meta,
        ),
        lambda n: Transferred(
            item_id="chalk", from_location="t-wang", to_location="room-32", quantity=n, **meta
        ),
    ]
    for event in events:
        replay_refused(
            led, InvalidQuantityError, event(quantity), field="quantity", value=str(quantity)
        )
        AssetLedger.replay([*led.events, event(1)])


@pytest.mark.rule("AS-1")
def test_hand_made_events_with_a_bool_quantity_cannot_be_built() -> None:
    from schoollogistics.assets import Exchanged, Issued, Lent, Received, Returned, Transferred

    meta: dict[str, Any] = {"effective_on": day(1), "recorded_by": CLERK}
    builders: list[tuple[str, Callable[[], object]]] = [
        (
            "Received",
            lambda: Received(
                item_id="chalk",
                place_id="store",
                quantity=True,
                unit_cost=Money(1),
                acceptor=CLERK,
                supplier="s",
                **meta,
            ),
        ),
        (
            "Issued",
            lambda: Issued(
                item_id="chalk", from_place="store", to_location="room-32", quantity=True, **meta
            ),
        ),
        (
            "Exchanged",
            lambda: Exchanged(
                item_id="broom", holder_id="class-32", store_id="store", quantity=True, **meta
            ),
        ),
        (
            "Returned",
            lambda: Returned(
                item_id="chalk", holder_id="t-wang", store_id="store", quantity=True, **meta
            ),
        ),
        (
            "Lent",
            lambda: Lent(
                loan_id="L",
                item_id="chalk",
                from_place="store",
                borrower_id="t-wang",
                quantity=True,
                due_on=day(2),
                **meta,
            ),
        ),
        (
            "Transferred",
            lambda: Transferred(
                item_id="chalk",
                from_location="t-wang",
                to_location="room-32",
                quantity=True,
                **meta,
            ),
        ),
    ]
    for name, build in builders:
        with pytest.raises(FieldTypeError) as info:
            build()
        assert info.value.code == "input.wrong_type"
        assert dict(info.value.params) == wrong_type(f"{name}.quantity", "bool")


@pytest.mark.rule("AS-7")
def test_tagged_units_are_disposed_of_from_the_pool() -> None:
    led = school()
    led.issue("pj", "store", "t-wang", tags=["PJ-1"], on=D, by=CLERK)
    led.hand_back(
        "pj", "t-wang", "store", tags=["PJ-1"], condition=Condition.UNUSABLE, on=D, by=CLERK
    )
    refuse(
        led,
        UnitNotHereError,
        lambda: led.dispose(
            "pj", "store", tags=["PJ-2"], from_pool=True, approver=BOSS, on=D, by=CLERK
        ),
        tag="PJ-2",
        expected="returned",
        location_id="store",
        actual="pj available at 'store'",
    )
    led.dispose("pj", "store", tags=["PJ-1"], from_pool=True, approver=BOSS, on=D, by=CLERK)
