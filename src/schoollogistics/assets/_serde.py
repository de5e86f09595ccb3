"""Types of this area that serialize (read by ``schoollogistics.serialization``).

``SERIALIZABLE_TYPES`` lists every public type that must round-trip;
``TAGGED_UNIONS`` lists unions serialized with a ``"type"`` key. This module must
not import ``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Final

from schoollogistics.assets._commands import COMMAND_TYPES, LedgerCommand
from schoollogistics.assets._events import EVENT_TYPES, AssetEvent, RecordedAssetEvent
from schoollogistics.assets._records import (
    AdjustmentLine,
    AssetUnit,
    CategorySummary,
    Condition,
    CountLine,
    CustodyGap,
    Decision,
    HazardUsage,
    Holder,
    HolderKind,
    Holding,
    ItemKind,
    ItemType,
    LedgerSnapshot,
    LoanRow,
    LossKind,
    LossReport,
    PendingAdjustment,
    Place,
    PlaceKind,
    Reconciliation,
    ReconciliationLine,
    StockRow,
    StockTake,
    SummaryScope,
    TrailEntry,
    UnitPosition,
)

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = (
    *EVENT_TYPES,
    *COMMAND_TYPES,
    AdjustmentLine,
    AssetUnit,
    CategorySummary,
    Condition,
    CountLine,
    CustodyGap,
    Decision,
    HazardUsage,
    Holder,
    HolderKind,
    Holding,
    ItemKind,
    ItemType,
    LedgerSnapshot,
    LoanRow,
    LossKind,
    LossReport,
    PendingAdjustment,
    Place,
    PlaceKind,
    Reconciliation,
    ReconciliationLine,
    RecordedAssetEvent,
    StockRow,
    StockTake,
    SummaryScope,
    TrailEntry,
    UnitPosition,
)
TAGGED_UNIONS: Final[tuple[object, ...]] = (AssetEvent, LedgerCommand)
