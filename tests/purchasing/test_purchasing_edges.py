"""Edges of the finance office: every step twice, unknown ids, the policy's day counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import attrs
import pendulum
import pytest

from schoollogistics.core.money import Money
from schoollogistics.errors import FieldTypeError, PurchasingError, VersionConflictError
from schoollogistics.purchasing import (
    COMMAND_TYPES,
    EVENT_TYPES,
    AcceptDelivery,
    ApprovalTier,
    ApproveCase,
    ApprovePurchase,
    BankIncome,
    CarryOver,
    CarryOverFunds,
    ChargeFee,
    DayCount,
    DeliveryAccepted,
    FinanceEvent,
    FinanceOffice,
    FinancePolicy,
    OrderPlaced,
    PaySubsidy,
    PlaceOrder,
    ReceiptBookReturned,
    RecordQuote,
    RecordStored,
    Reimburse,
    Reimbursed,
    ReturnReceiptBook,
    days_after,
    days_between,
    receipt_commands,
)
from schoollogistics.purchasing.errors import (
    InvalidFinanceRecordError,
    PurchaseStageError,
    ReceiptNumberError,
    UnknownFinanceIdError,
)
from schoollogistics.repairs import SchoolDays
from schoollogistics.testing.purchasing import simulate_office

DAY = pendulum.Date(2025, 9, 1)
COMMAND_OF = dict(zip(EVENT_TYPES, COMMAND_TYPES, strict=True))


E = TypeVar("E")


def first(events: Sequence[object], kind: type[E]) -> E:
    return next(e for e in events if isinstance(e, kind))


def command_of(event: FinanceEvent) -> object:
    return COMMAND_OF[type(event)](**attrs.asdict(event, recurse=False))


@pytest.mark.rule("PR-4")
def test_every_recorded_step_is_refused_a_second_time() -> None:
    # rules: PR-1, PR-2, PR-3, PR-6, PR-7, PR-8, PR-9, SB-1, SB-2, SB-4
    office = simulate_office()
    for event in office.events:
        before = office.state()
        with pytest.raises(PurchasingError):
            office.execute(command_of(event))  # type: ignore[arg-type]  # a FinanceCommand
        assert office.state() == before


def test_steps_for_unknown_records_are_refused() -> None:
    independent = {
        "BudgetAdopted",
        "ReceiptBookIssued",
        "QuotaAllocated",
        "FeeListApproved",
        "Posted",
        "CashMonthClosed",
        "CaseRegistered",
        "FundsReceived",
    }
    for event in simulate_office().events:
        fresh = FinanceOffice("空")
        try:
            fresh.execute(command_of(event))  # type: ignore[arg-type]  # a FinanceCommand
        except PurchasingError:
            assert fresh.version == 0
        else:
            assert type(event).__name__ in independent or (
                type(event).__name__ == "CashRecorded"
            ), event


def test_wrong_lines_books_and_rounds() -> None:
    office = simulate_office()
    purchase = office.purchase("CG-000001")
    quote = purchase.quotes[0]
    with pytest.raises(UnknownFinanceIdError):
        office.execute(RecordQuote(attrs.evolve(quote, line_id="9")))
    with pytest.raises(PurchaseStageError):
        office.execute(RecordQuote(quote))  # after the order
    charge = office.records().charges[0]
    with pytest.raises(UnknownFinanceIdError):
        office.execute(ChargeFee(attrs.evolve(charge, charge_id="N", book_id="none")))
    with pytest.raises(UnknownFinanceIdError):
        office.execute(ReturnReceiptBook(attrs.evolve(office.records().returns[0], book_id="x")))
    with pytest.raises(UnknownFinanceIdError):
        office.execute(
            CarryOverFunds(CarryOver(round_id="none", amount=Money(1), on=DAY, reason="无"))
        )
    office.execute(CarryOverFunds(CarryOver(round_id="R-1", amount=Money(0), on=DAY, reason="无")))
    payment = office.records().payments[0]
    with pytest.raises(UnknownFinanceIdError):
        office.execute(PaySubsidy(attrs.evolve(payment, payment_id="new", round_id="none")))
    with pytest.raises(UnknownFinanceIdError):
        office.execute(ApproveCase(case_id="none", on=DAY, by="组", amount=Money(1)))
    with pytest.raises(UnknownFinanceIdError):
        office.execute(BankIncome(entry_id="none", on=DAY))


@pytest.mark.rule("PR-9")
def test_receipt_numbers_outside_the_book_or_used_twice() -> None:
    events = [e for e in simulate_office().events if type(e).__name__ != "ReceiptBookReturned"]
    office = FinanceOffice.replay("o", events)
    charge = office.records().charges[0]
    outside = attrs.evolve(charge, charge_id="N1", receipt_no=99)
    with pytest.raises(ReceiptNumberError, match="outside"):
        office.execute(ChargeFee(outside))
    with pytest.raises(ReceiptNumberError, match="already used"):
        office.execute(ChargeFee(attrs.evolve(charge, charge_id="N2")))
    back = first(simulate_office().events, ReceiptBookReturned)
    bad = attrs.evolve(back.book_return, voided=(42,))
    with pytest.raises(InvalidFinanceRecordError):
        office.execute(ReturnReceiptBook(bad))


def test_the_office_api() -> None:
    office = simulate_office()
    with pytest.raises(FieldTypeError):
        office.execute("not a command")  # type: ignore[arg-type]  # refused
    with pytest.raises(FieldTypeError):
        FinanceOffice.from_recorded("o", {"a": 1})  # type: ignore[arg-type]  # refused
    with pytest.raises(FieldTypeError):
        FinanceOffice.from_recorded("o", [object()])  # type: ignore[list-item]  # refused
    with pytest.raises(VersionConflictError):
        office.execute(BankIncome(entry_id="S-1", on=DAY), expected_version=0)
    with pytest.raises(UnknownFinanceIdError):
        office.purchase("none")
    assert office.recorded(office.version - 1)[0].sequence == office.version
    assert FinanceOffice.replay(office.office_id, office.events, check=False) == office
    assert office != "office"
    assert "FinanceOffice('红星小学'" in repr(office)
    assert office.working_days is None
    assert office.balance("none") == Money(0)
    assert office.policy == FinancePolicy()


def test_receipt_commands_need_an_accepted_purchase_and_a_store() -> None:
    office = simulate_office()
    purchase = office.purchase("CG-000000")
    with pytest.raises(InvalidFinanceRecordError):
        receipt_commands(attrs.evolve(purchase, delivery=None), by="t")
    assert purchase.delivery is not None
    no_store = attrs.evolve(purchase, delivery=attrs.evolve(purchase.delivery, store_id=None))
    with pytest.raises(InvalidFinanceRecordError):
        receipt_commands(no_store, by="t")
    line = attrs.evolve(purchase.request.lines[0], item_id=None)
    unstocked = attrs.evolve(purchase, request=attrs.evolve(purchase.request, lines=(line,)))
    assert receipt_commands(unstocked, by="t") == ()


def test_stage_refusals_of_the_purchase_steps() -> None:
    events = simulate_office().events
    first_order = next(i for i, e in enumerate(events) if type(e).__name__ == "OrderPlaced")
    office = FinanceOffice.replay("o", events[:first_order])
    order = first(events, OrderPlaced).order
    wrong_line = attrs.evolve(order, lines=(attrs.evolve(order.lines[0], line_id="9"),))
    with pytest.raises(UnknownFinanceIdError):
        office.execute(PlaceOrder(wrong_line))
    first_request = next(i for i, e in enumerate(events) if type(e).__name__ == "PurchaseRequested")
    early = FinanceOffice.replay("o", events[: first_request + 1])
    with pytest.raises(InvalidFinanceRecordError):
        early.execute(
            ApprovePurchase(
                request_id="CG-000000", at=order.at.subtract(days=30), by="王", role="principal"
            )
        )
    office.execute(PlaceOrder(order))
    delivery = first(events, DeliveryAccepted).delivery
    bad = attrs.evolve(delivery, lines=(attrs.evolve(delivery.lines[0], line_id="9"),))
    with pytest.raises(UnknownFinanceIdError):
        office.execute(AcceptDelivery(bad))
    with pytest.raises(PurchaseStageError):
        office.execute(RecordStored(request_id="CG-000000", on=DAY))
    reimbursed = first(events, Reimbursed)
    with pytest.raises(PurchaseStageError):
        office.execute(Reimburse(reimbursed.reimbursement))


@pytest.mark.rule("PR-2")
def test_the_approver_of_each_tier() -> None:
    policy = FinancePolicy(
        approval_tiers=(
            ApprovalTier(from_amount=Money(10_000), approver="bureau"),
            ApprovalTier(from_amount=Money(0), approver="principal"),
            ApprovalTier(from_amount=Money(1000), approver="central_school"),
        )
    )
    assert policy.approver_for(Money(5)) == "principal"
    assert policy.approver_for(Money(1000)) == "central_school"
    assert policy.approver_for(Money(20_000)) == "bureau"
    with pytest.raises(InvalidFinanceRecordError):
        FinancePolicy(approval_tiers=())
    assert FinancePolicy().fee_refusal("班费") == "banned"
    assert FinancePolicy().fee_refusal("课本费") == "compulsory"
    assert FinancePolicy(compulsory=False).fee_refusal("课本费") is None


def test_calendar_and_working_days() -> None:
    calendar = FinancePolicy()
    working = FinancePolicy(day_count=DayCount.WORKING)
    friday = pendulum.Date(2025, 9, 5)
    assert days_after(friday, 2, calendar) == pendulum.Date(2025, 9, 7)
    assert days_after(friday, 2, working) == pendulum.Date(2025, 9, 9)
    assert days_between(friday, pendulum.Date(2025, 9, 9), working) == 2
    assert days_between(friday, friday, working) == 0
    few = SchoolDays([pendulum.Date(2025, 9, 8)])
    assert days_after(friday, 1, working, few) == pendulum.Date(2025, 9, 8)
    assert days_after(friday, 2, working, few) == pendulum.Date(2025, 9, 9)  # past the days given
    assert days_between(friday, pendulum.Date(2025, 9, 9), working, few) == 1
