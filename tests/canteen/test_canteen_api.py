"""The public API of the canteen area is pinned, its types round-trip, the area stands alone."""

from __future__ import annotations

import ast
import typing
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import canteen, serialization
from schoollogistics.canteen import CanteenCommand, CanteenEvent, errors
from schoollogistics.canteen._serde import SERIALIZABLE_TYPES
from schoollogistics.errors import CanteenError
from schoollogistics.testing import canteen as canteen_strategies
from schoollogistics.testing import strategy_for

PINNED = [
    "CERTIFICATE_ZH",
    "COMMAND_TYPES",
    "DEFAULT_CHECKS",
    "EVENT_TYPES",
    "FINDINGS",
    "NATIONAL_BANNED",
    "Accompaniment",
    "AccompanimentRecorded",
    "Account",
    "AccountLine",
    "Canteen",
    "CanteenAuditInput",
    "CanteenCommand",
    "CanteenEvent",
    "CanteenLog",
    "CanteenPolicy",
    "CanteenState",
    "Certificate",
    "CertificateRegistered",
    "CheckStoreroom",
    "ClearHandler",
    "Clearance",
    "CostKind",
    "DishInfo",
    "DishWithheld",
    "Disinfection",
    "DisinfectionLogged",
    "DisinfectionTarget",
    "DisposeLot",
    "Draw",
    "ExpensePosted",
    "HandlerCleared",
    "HandlerRostered",
    "HealthCertificate",
    "IncomePosted",
    "Inspection",
    "IssueOrder",
    "IssueRecord",
    "IssueStock",
    "Leave",
    "LeaveRecorded",
    "LogDisinfection",
    "LogWaste",
    "Lot",
    "LotDisposal",
    "LotDisposed",
    "LotReceived",
    "LotRecordsPurged",
    "MealExpense",
    "MealFeePayment",
    "MealIncome",
    "MealServed",
    "MealStatement",
    "Menu",
    "MorningCheck",
    "MorningCheckRecorded",
    "PayRefund",
    "PaymentRecorded",
    "Payout",
    "PostExpense",
    "PostIncome",
    "Publication",
    "PublishStatement",
    "PurgeLotRecords",
    "ReceiveLot",
    "RecordAccompaniment",
    "RecordLeave",
    "RecordMorningCheck",
    "RecordPayment",
    "RecordTasting",
    "RecordedCanteenEvent",
    "RecordsPurge",
    "Refund",
    "RefundPaid",
    "RefundPaidOut",
    "RegisterCertificate",
    "RosterEntry",
    "RosterHandler",
    "Rounding",
    "ServeMeal",
    "ServingDays",
    "StatementPublished",
    "StockIssued",
    "StoreroomCheck",
    "StoreroomChecked",
    "Supplier",
    "Symptom",
    "Tasting",
    "TastingRecorded",
    "WasteLogged",
    "WasteRemoval",
    "WithholdDish",
    "Withholding",
    "audit_canteen",
    "cn1_refunds_as_due",
    "cn2_no_expired_stock",
    "cn3_handlers_fit_for_duty",
    "cn4_receipts_inspected",
    "cn5_no_banned_food",
    "cn6_meals_accompanied",
    "cn7_dishes_tasted",
    "cn8_accounts_kept_and_published",
    "cn9_waste_and_disinfection_logged",
    "is_expired",
    "leave_days",
    "meal_statement",
    "monthly_refunds",
    "refund_for",
    "refunds",
    "render_meal_accounts_notice",
    "render_morning_checks",
    "render_refund_list",
    "stock_on_hand",
]


def test_all_is_pinned() -> None:
    assert canteen.__all__ == PINNED
    assert errors.__all__ == sorted(errors.__all__)
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert cls.code.startswith("canteen.")
        assert issubclass(cls, CanteenError)


def test_unions_are_the_type_tuples() -> None:
    assert typing.get_args(CanteenEvent) == canteen.EVENT_TYPES
    assert typing.get_args(CanteenCommand) == canteen.COMMAND_TYPES
    assert len(canteen.EVENT_TYPES) == len(canteen.COMMAND_TYPES)


def test_the_area_does_not_depend_on_repairs() -> None:
    package = Path(canteen.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert "repairs" not in (node.module or ""), path


@pytest.mark.parametrize("cls", SERIALIZABLE_TYPES, ids=lambda c: c.__name__)
def test_every_type_has_its_strategy(cls: Any) -> None:
    assert strategy_for(cls) is canteen_strategies.STRATEGIES[cls]


def test_every_strategy_is_registered() -> None:
    assert set(canteen_strategies.STRATEGIES) == set(SERIALIZABLE_TYPES)


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_every_type_round_trips(data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from(SERIALIZABLE_TYPES))
    value = data.draw(strategy_for(cls))
    assert serialization.from_dict(cls, serialization.to_dict(value, cls)) == value


@settings(max_examples=20, deadline=None)
@given(st.lists(canteen_strategies.canteen_events(), max_size=4))
def test_event_lists_round_trip_with_type_tags(events: list[Any]) -> None:
    data = cast("list[dict[str, Any]]", serialization.to_dict(events, list[CanteenEvent]))
    assert all(
        item["type"] == type(event).__name__ for item, event in zip(data, events, strict=True)
    )
    assert serialization.from_dict(list[CanteenEvent], data) == events


@settings(max_examples=20, deadline=None)
@given(canteen_strategies.canteen_commands())
def test_commands_round_trip_as_a_front_end_sends_them(command: Any) -> None:
    text = serialization.dumps(command, CanteenCommand)
    assert serialization.loads(CanteenCommand, text) == command
