"""RP-5 capitalisation: an improving repair may be added to the item's cost (default: expense)."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import serialization
from schoollogistics.assets import AssetLedger, PlaceKind, RecordRepair, Repaired
from schoollogistics.core import AssetCategory
from schoollogistics.core.money import Money
from schoollogistics.repairs import (
    CompleteWork,
    DeskEvent,
    FileRequest,
    OpenOrder,
    RepairAccounting,
    RepairDesk,
    RepairPolicy,
    StartWork,
    WorkOrder,
    post_repair,
    repair_commands,
)
from schoollogistics.repairs._rules import rp5_improvement_names_item
from schoollogistics.repairs.errors import InvalidRepairRecordError

from .test_repairs_desk import DAYS, at, order, refused_unchanged, request

CAPITALISE = RepairPolicy(repair_accounting=RepairAccounting.CAPITALISE_IMPROVEMENTS)
ITEM_REQUEST = request(item_id="projector", tags=("PJ-1",), place_id="store")


def completed(**changes: object) -> WorkOrder:
    return order(started_at=at(2), completed_at=at(3), cost=Money(1500), **changes)


def test_the_default_is_expense_and_the_keys_are_stable() -> None:
    assert RepairPolicy().repair_accounting is RepairAccounting.EXPENSE
    assert [member.value for member in RepairAccounting] == ["expense", "capitalise_improvements"]
    assert WorkOrder.__attrs_attrs__.improves.default is False


def test_old_documents_still_load() -> None:
    policy = serialization.to_dict(RepairPolicy())
    assert isinstance(policy, dict)
    del policy["repair_accounting"]
    assert serialization.from_dict(RepairPolicy, policy) == RepairPolicy()
    document = serialization.to_dict(order())
    assert isinstance(document, dict)
    del document["improves"]
    assert serialization.from_dict(WorkOrder, document).improves is False
    repaired = {
        "item_id": "projector",
        "location_id": "store",
        "quantity": 1,
        "tags": ["PJ-1"],
        "cost": "380.00",
        "effective_on": "2025-09-03",
        "recorded_by": "t-li",
    }
    assert serialization.from_dict(Repaired, repaired).capitalised is False


@pytest.mark.rule("RP-5")
@pytest.mark.parametrize(
    ("policy", "improves", "capitalised"),
    [
        (RepairPolicy(), False, False),
        (RepairPolicy(), True, False),  # the default: every repair is an expense
        (CAPITALISE, False, False),  # an ordinary repair stays an expense
        (CAPITALISE, True, True),
    ],
)
def test_rp5_capitalised_only_for_an_improvement_under_the_policy(
    policy: RepairPolicy, *, improves: bool, capitalised: bool
) -> None:
    commands = repair_commands(completed(improves=improves), ITEM_REQUEST, by="t-li", policy=policy)
    record = commands[-1]
    assert isinstance(record, RecordRepair)
    assert record.capitalised is capitalised
    assert policy.capitalises(completed(improves=improves)) is capitalised


@pytest.mark.rule("RP-5")
def test_rp5_improvement_names_item() -> None:
    room_only = RepairDesk("desk", school_days=DAYS)
    room_only.execute(FileRequest(request()))  # a room, no item
    refused_unchanged(room_only, OpenOrder(order(improves=True)), InvalidRepairRecordError)
    with pytest.raises(InvalidRepairRecordError) as refusal:
        room_only.execute(OpenOrder(order(improves=True)))
    assert refusal.value.code == "repairs.invalid_record"
    assert refusal.value.field == "improves"
    room_only.execute(OpenOrder(order()))  # an ordinary repair of the room is fine
    for policy in (RepairPolicy(), CAPITALISE):  # the mark is a fact, whatever the accounting
        desk = RepairDesk("desk", school_days=DAYS, policy=policy)
        desk.execute(FileRequest(ITEM_REQUEST))
        desk.execute(OpenOrder(order(improves=True)))
        desk.execute(StartWork("W1", at(2)))
        desk.execute(CompleteWork("W1", at(3), Money(1500)))
        assert desk.order("W1").improves
        assert desk.check_invariants() == ()
    assert rp5_improvement_names_item.__doc__ is not None


@pytest.mark.rule("RP-5")
def test_rp5_the_mark_survives_replay_and_json() -> None:
    desk = RepairDesk("desk", school_days=DAYS, policy=CAPITALISE)
    desk.execute(FileRequest(ITEM_REQUEST))
    desk.execute(OpenOrder(order(improves=True)))
    text = serialization.dumps(desk.events, list[DeskEvent])
    events = serialization.loads(list[DeskEvent], text)
    replayed = RepairDesk.replay("desk", events, school_days=DAYS, policy=CAPITALISE)
    assert replayed.order("W1").improves


def _ledger() -> AssetLedger:
    led = AssetLedger()
    day = pendulum.Date(2025, 8, 25)
    led.register_place("store", "总务库房", PlaceKind.STOREROOM, on=day, by="t-li")
    led.register_item(
        "projector",
        "投影仪",
        unit="台",
        unit_cost="3200",
        category=AssetCategory.TEACHING_INSTRUMENTS,
        on=day,
        by="t-li",
    )
    led.receive(
        "projector", "store", tags=["PJ-1"], acceptor="t-li", invoice_ref="FP-1", on=day, by="t-li"
    )
    return led


@pytest.mark.rule("RP-5")
@settings(max_examples=20, deadline=None)
@given(improves=st.booleans(), capitalise=st.booleans())
def test_rp5_the_ledger_event_carries_the_decision(*, improves: bool, capitalise: bool) -> None:
    led = _ledger()
    policy = CAPITALISE if capitalise else RepairPolicy()
    posted = post_repair(led, completed(improves=improves), ITEM_REQUEST, by="t-li", policy=policy)
    repaired = posted[-1]
    assert isinstance(repaired, Repaired)
    assert repaired.capitalised is (improves and capitalise)
    assert repaired.cost == Money(1500)
    again = serialization.loads(Repaired, serialization.dumps(repaired, Repaired))
    assert again == repaired
    assert attrs.evolve(repaired, capitalised=False).capitalised is False
