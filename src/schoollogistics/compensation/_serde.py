"""Types of this area that serialize (read by ``schoollogistics.serialization``).

``SERIALIZABLE_TYPES`` lists every public type that must round-trip;
``TAGGED_UNIONS`` lists unions serialized with a ``"type"`` key. This module must
not import ``schoollogistics.serialization`` (which imports it).
"""

from __future__ import annotations

from typing import Any, Final

from schoollogistics.compensation.assessment import (
    Assessment,
    AssessmentLine,
    LedgerInstruction,
    RepairOrder,
    Share,
)
from schoollogistics.compensation.check import (
    ClassCheckResult,
    ClassFindings,
    ClassPropertyCheck,
    ClassSummary,
)
from schoollogistics.compensation.claims import DamageClaim, DamagedItem, Guardian, LiableParty
from schoollogistics.compensation.depreciation import (
    AssetValue,
    CategoryLife,
    DepreciationMonth,
    DepreciationPolicy,
    LifeTable,
)
from schoollogistics.compensation.ledger import LedgerPosting
from schoollogistics.compensation.policy import CompensationPolicy

SERIALIZABLE_TYPES: Final[tuple[type, ...]] = (
    AssetValue,
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
)
TAGGED_UNIONS: Final[tuple[Any, ...]] = ()
