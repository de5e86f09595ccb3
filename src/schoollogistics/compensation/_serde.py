"""Types of this area that serialize (read by ``schoollogistics.serialization``).

``SERIALIZABLE_TYPES`` lists every public type that must round-trip;
``TAGGED_UNIONS`` lists unions serialized with a ``"type"`` key. This module must
not import ``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Final

from schoollogistics.compensation._assessment import (
    Assessment,
    AssessmentLine,
    LedgerInstruction,
    RepairOrder,
    Share,
)
from schoollogistics.compensation._check import (
    ClassCheckResult,
    ClassFindings,
    ClassPropertyCheck,
    ClassSummary,
)
from schoollogistics.compensation._depreciation import DepreciationMonth
from schoollogistics.compensation._history import DamageRecord
from schoollogistics.compensation._ledger import LedgerPosting
from schoollogistics.compensation._policy import (
    CategoryLife,
    CompensationPolicy,
    DepreciationPolicy,
    LifeTable,
)
from schoollogistics.compensation._records import (
    AssetValue,
    CapitalisedRepair,
    DamageClaim,
    DamagedItem,
    Guardian,
    LiableParty,
)

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = (
    AssetValue,
    CapitalisedRepair,
    CategoryLife,
    LifeTable,
    DepreciationPolicy,
    DepreciationMonth,
    Guardian,
    LiableParty,
    DamagedItem,
    DamageClaim,
    CompensationPolicy,
    AssessmentLine,
    Share,
    RepairOrder,
    LedgerInstruction,
    Assessment,
    LedgerPosting,
    ClassFindings,
    ClassPropertyCheck,
    ClassSummary,
    ClassCheckResult,
    DamageRecord,
)
TAGGED_UNIONS: Final[tuple[object, ...]] = ()
"""No tagged union: the area has no commands or events."""
