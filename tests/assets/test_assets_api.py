"""The public API of the asset ledger is pinned, and its records round-trip."""

from __future__ import annotations

from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics import assets, serialization
from schoollogistics.assets import AssetEvent, errors
from schoollogistics.assets._serde import SERIALIZABLE_TYPES
from schoollogistics.errors import AssetError
from schoollogistics.testing import assets as asset_strategies
from schoollogistics.testing import strategy_for

PINNED = [
    "COMMAND_TYPES",
    "EVENT_TYPES",
    "AdjustmentDecided",
    "AdjustmentLine",
    "AssetEvent",
    "AssetLedger",
    "AssetUnit",
    "AssignCustodian",
    "BulkClause",
    "CategorySummary",
    "CloseMonth",
    "Condition",
    "CountLine",
    "CountSchedulePolicy",
    "CustodianAssigned",
    "CustodyGap",
    "DamageReported",
    "DecideAdjustments",
    "Decision",
    "DisposalPolicy",
    "Dispose",
    "Disposed",
    "Exchange",
    "ExchangePolicy",
    "Exchanged",
    "FixedAssetThreshold",
    "HandBack",
    "HandBackPolicy",
    "HazardPolicy",
    "HazardUsage",
    "Holder",
    "HolderKind",
    "HolderRegistered",
    "Holding",
    "Issue",
    "Issued",
    "ItemKind",
    "ItemRegistered",
    "ItemType",
    "LedgerCommand",
    "LedgerPolicy",
    "LedgerSnapshot",
    "Lend",
    "Lent",
    "LimitPeriod",
    "LoanReturned",
    "LoanRow",
    "LossKind",
    "LossReport",
    "MonthClosePolicy",
    "MonthClosed",
    "PendingAdjustment",
    "Place",
    "PlaceKind",
    "PlaceRegistered",
    "PostStockTake",
    "Receive",
    "Received",
    "Reconciliation",
    "ReconciliationLine",
    "RecordRepair",
    "RecordedAssetEvent",
    "RegisterHolder",
    "RegisterItem",
    "RegisterPlace",
    "Repaired",
    "ReportDamage",
    "Restock",
    "Restocked",
    "ReturnLoan",
    "Returned",
    "SendToRepair",
    "SentToRepair",
    "StockRow",
    "StockTake",
    "StockTakePolicy",
    "StockTakePosted",
    "SummaryScope",
    "TrailEntry",
    "Transfer",
    "Transferred",
    "UnitPosition",
    "audit_count_schedule",
    "audit_loans_at_term_end",
    "to_records",
]


def test_all_is_pinned_and_sorted() -> None:
    assert assets.__all__ == PINNED
    assert errors.__all__ == sorted(errors.__all__)
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert cls.code.startswith("assets.")
        assert issubclass(cls, AssetError)


def test_the_ledger_does_not_depend_on_compensation() -> None:
    import ast
    from pathlib import Path

    package = Path(assets.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert "compensation" not in (node.module or ""), path


@pytest.mark.parametrize("cls", SERIALIZABLE_TYPES, ids=lambda c: c.__name__)
def test_every_type_has_its_strategy(cls: Any) -> None:
    assert strategy_for(cls) is asset_strategies.STRATEGIES[cls]


@given(st.lists(st.one_of([strategy_for(cls) for cls in assets._events.EVENT_TYPES]), max_size=4))
def test_event_lists_round_trip_with_type_tags(events: list[Any]) -> None:
    data = cast("list[dict[str, Any]]", serialization.to_dict(events, list[AssetEvent]))
    assert all(
        item["type"] == type(event).__name__ for item, event in zip(data, events, strict=True)
    )
    assert serialization.from_dict(list[AssetEvent], data) == events
