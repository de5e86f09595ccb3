"""Commands: JSON round-trip, ``execute`` equals the convenience method, refusals change nothing."""

from __future__ import annotations

import typing
from collections.abc import Callable

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics import serialization
from schoollogistics.assets import (
    COMMAND_TYPES,
    EVENT_TYPES,
    AssetEvent,
    AssetLedger,
    CloseMonth,
    Condition,
    Dispose,
    Exchange,
    HandBack,
    HolderKind,
    Issue,
    LedgerCommand,
    Lend,
    PlaceKind,
    Receive,
    RegisterHolder,
    RegisterItem,
    RegisterPlace,
    ReturnLoan,
    Transfer,
)
from schoollogistics.assets._fold import FOLDS
from schoollogistics.assets._rules import GUARDS
from schoollogistics.assets.errors import (
    ApproverRequiredError,
    ExchangeRequiredError,
    InsufficientStockError,
    NothingToExchangeError,
    OldUnitMissingError,
    UnknownLoanError,
)
from schoollogistics.core.money import Money
from schoollogistics.errors import SchoolLogisticsError
from schoollogistics.testing import assets as asset_strategies

D = pendulum.Date(2025, 9, 1)
CLERK = "t-li"
BOSS = "principal"

SETUP: tuple[LedgerCommand, ...] = (
    RegisterPlace(place_id="store", name="库房", kind=PlaceKind.STOREROOM, on=D, by=CLERK),
    RegisterPlace(place_id="room-32", name="教室", kind=PlaceKind.CLASSROOM, on=D, by=CLERK),
    RegisterHolder(holder_id="class-32", name="三(2)班", kind=HolderKind.CLASS, on=D, by=CLERK),
    RegisterItem(
        item_id="broom",
        name="扫帚",
        unit="把",
        unit_cost=Money(15),
        exchange_rule=True,
        on=D,
        by=CLERK,
    ),
    RegisterItem(item_id="chalk", name="粉笔", unit="盒", unit_cost=Money("3.50"), on=D, by=CLERK),
    Receive(
        item_id="broom",
        place_id="store",
        quantity=20,
        acceptor=CLERK,
        supplier="五金店",
        on=D,
        by=CLERK,
    ),
    Receive(
        item_id="chalk",
        place_id="store",
        quantity=50,
        acceptor=CLERK,
        invoice_ref="FP-1",
        on=D,
        by=CLERK,
    ),
    Issue(
        item_id="broom",
        from_place="store",
        to="class-32",
        quantity=2,
        initial_allocation=True,
        on=D,
        by=CLERK,
    ),
)


def ledger() -> AssetLedger:
    led = AssetLedger()
    for command in SETUP:
        led.execute(command)
    return led


def frozen(led: AssetLedger) -> tuple[str, str]:
    return (
        serialization.dumps(list(led.events), list[AssetEvent]),
        serialization.dumps(led.snapshot()),
    )


def test_one_tuple_of_types_feeds_the_unions_and_the_tables() -> None:
    assert typing.get_args(LedgerCommand) == COMMAND_TYPES
    assert typing.get_args(AssetEvent) == EVENT_TYPES
    assert set(GUARDS) == set(EVENT_TYPES) == set(FOLDS)
    assert len(COMMAND_TYPES) == len(EVENT_TYPES) == 19


@given(st.one_of([asset_strategies.STRATEGIES[cls] for cls in COMMAND_TYPES]))
def test_commands_round_trip_through_the_tagged_union(command: LedgerCommand) -> None:
    data = serialization.to_dict(command, LedgerCommand)
    assert isinstance(data, dict)
    assert data["type"] == type(command).__name__
    assert serialization.from_dict(LedgerCommand, data) == command
    text = serialization.dumps([command], list[LedgerCommand])
    assert serialization.loads(list[LedgerCommand], text) == [command]


def test_a_command_from_json_executes() -> None:
    led = ledger()
    data = {
        "type": "Exchange",
        "item_id": "broom",
        "holder_id": "class-32",
        "store_id": "store",
        "quantity": 1,
        "on": "2025-09-02",
        "by": CLERK,
    }
    command = serialization.from_dict(LedgerCommand, data)
    assert isinstance(command, Exchange)
    event = led.execute(command)
    assert type(event).__name__ == "Exchanged"
    assert led.on_hand(location_id="class-32")[0].quantity == 2


@pytest.mark.rule("AS-1")
@pytest.mark.rule("AS-3")
@pytest.mark.rule("AS-5")
def test_execute_equals_the_convenience_method() -> None:
    day = D.add(days=1)
    pairs: list[tuple[LedgerCommand, Callable[[AssetLedger], AssetEvent]]] = [
        (
            Issue(item_id="chalk", from_place="store", to="room-32", quantity=3, on=day, by=CLERK),
            lambda led: led.issue("chalk", "store", "room-32", 3, on=day, by=CLERK),
        ),
        (
            Exchange(
                item_id="broom",
                holder_id="class-32",
                store_id="store",
                quantity=1,
                handed_back=0,
                record_loss=True,
                on=day,
                by=CLERK,
            ),
            lambda led: led.exchange(
                "broom", "class-32", "store", 1, handed_back=0, record_loss=True, on=day, by=CLERK
            ),
        ),
        (
            HandBack(
                item_id="broom",
                holder_id="class-32",
                store_id="store",
                quantity=1,
                condition=Condition.DAMAGED,
                on=day,
                by=CLERK,
            ),
            lambda led: led.hand_back(
                "broom", "class-32", "store", 1, condition=Condition.DAMAGED, on=day, by=CLERK
            ),
        ),
        (
            Lend(
                loan_id="L1",
                item_id="chalk",
                from_place="store",
                borrower_id="class-32",
                quantity=2,
                due_on=day.add(days=7),
                on=day,
                by=CLERK,
            ),
            lambda led: led.lend(
                "L1", "chalk", "store", "class-32", 2, due_on=day.add(days=7), on=day, by=CLERK
            ),
        ),
        (
            Dispose(item_id="chalk", store_id="store", quantity=1, approver=BOSS, on=day, by=CLERK),
            lambda led: led.dispose("chalk", "store", 1, approver=BOSS, on=day, by=CLERK),
        ),
        (
            CloseMonth(year=2025, month=9, by=CLERK),
            lambda led: led.close_month(2025, 9, by=CLERK),
        ),
    ]
    for command, method in pairs:
        by_command, by_method = ledger(), ledger()
        assert by_command.execute(command) == method(by_method)
        assert by_command == by_method
        assert by_command.check_invariants() == ()


@pytest.mark.rule("AS-3")
@pytest.mark.rule("AS-7")
@pytest.mark.rule("AS-11")
def test_a_refused_command_changes_nothing_and_names_its_params() -> None:
    led = ledger()
    before = frozen(led)
    day = D.add(days=1)
    cases: list[tuple[LedgerCommand, type[SchoolLogisticsError], dict[str, object]]] = [
        (
            Issue(item_id="chalk", from_place="store", to="room-32", quantity=51, on=day, by=CLERK),
            InsufficientStockError,
            {"item_id": "chalk", "location_id": "store", "available": 50, "requested": 51},
        ),
        (
            Issue(item_id="broom", from_place="store", to="room-32", quantity=1, on=day, by=CLERK),
            ExchangeRequiredError,
            {"item_id": "broom"},
        ),
        (
            Exchange(
                item_id="broom",
                holder_id="class-32",
                store_id="store",
                quantity=1,
                handed_back=0,
                on=day,
                by=CLERK,
            ),
            OldUnitMissingError,
            {"item_id": "broom", "missing": 1},
        ),
        (
            Exchange(
                item_id="broom",
                holder_id="class-32",
                store_id="store",
                quantity=3,
                on=day,
                by=CLERK,
            ),
            NothingToExchangeError,
            {"holder_id": "class-32", "held": 2, "requested": 3},
        ),
        (
            Dispose(
                item_id="chalk", store_id="store", quantity=1, approver=CLERK, on=day, by=CLERK
            ),
            ApproverRequiredError,
            {"recorded_by": CLERK},
        ),
        (
            Transfer(
                item_id="chalk",
                from_location="room-32",
                to_location="store",
                quantity=1,
                on=day,
                by=CLERK,
            ),
            InsufficientStockError,
            {"location_id": "room-32", "available": 0},
        ),
        (
            ReturnLoan(loan_id="nope", condition=Condition.GOOD, on=day, by=CLERK),
            UnknownLoanError,
            {"loan_id": "nope"},
        ),
    ]
    for command, error, params in cases:
        with pytest.raises(error) as info:
            led.execute(command)
        for name, value in params.items():
            assert info.value.params[name] == value, (command, name)
        assert frozen(led) == before


@pytest.mark.rule("AS-2")
@pytest.mark.rule("AS-11")
def test_check_invariants_finds_a_corrupted_state() -> None:
    led = ledger()
    assert led.check_invariants() == ()
    led._state.avail[("store", "chalk")] = -1
    found = {v.code for v in led.check_invariants()}
    assert found == {"assets.negative_quantity", "assets.not_conserved"}
    assert all(v.message_en and v.message_zh for v in led.check_invariants())


def test_replay_trusted_equals_checked() -> None:
    led = ledger()
    led.exchange("broom", "class-32", "store", 1, on=D.add(days=2), by=CLERK)
    led.issue("chalk", "store", "room-32", 4, on=D.add(days=1), by=CLERK)  # back-dated
    checked = AssetLedger.replay(led.events)
    trusted = AssetLedger.replay(led.events, check=False)
    assert checked == trusted == led
