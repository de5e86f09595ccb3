"""Damage compensation (损坏赔偿) with depreciation: no fines, exact splits, guardians.

Rules DC-1 … DC-9 (see the DC rules page). The pieces:

* [`depreciation`][schoollogistics.compensation.depreciation]: the life table,
  monthly straight-line depreciation, net book value, schedules (DC-6);
* [`claims`][schoollogistics.compensation.claims]: claims, damaged items,
  liable parties and guardians (DC-1, DC-8);
* [`policy`][schoollogistics.compensation.policy]: the school's policy, which
  can never charge more than the loss (DC-2 … DC-5);
* [`assessment`][schoollogistics.compensation.assessment]: `assess` turns a
  claim into lines, a total, exact shares, repair orders and ledger
  instructions (DC-4, DC-7, DC-9);
* [`notice`][schoollogistics.compensation.notice]: the zh-CN notice text;
* [`check`][schoollogistics.compensation.check]: class-property checks (DC-3);
* [`audit`][schoollogistics.compensation.audit]: findings about assessments
  made elsewhere.
"""

from schoollogistics.compensation.assessment import (
    Assessment,
    AssessmentLine,
    LedgerInstruction,
    LedgerOperation,
    LossBasis,
    Outcome,
    PayerRole,
    RepairOrder,
    Share,
    assess,
    assess_all,
)
from schoollogistics.compensation.audit import AUDIT_CHECKS, audit_assessment, audit_assessments
from schoollogistics.compensation.check import (
    CheckKind,
    ClassCheckResult,
    ClassFindings,
    ClassPropertyCheck,
    ClassSummary,
    render_check_summary,
    run_class_check,
)
from schoollogistics.compensation.claims import (
    Cause,
    DamageClaim,
    DamagedItem,
    Extent,
    Guardian,
    Hardship,
    LiableParty,
    PartyKind,
)
from schoollogistics.compensation.depreciation import (
    DEFAULT_LIVES,
    AssetLike,
    AssetValue,
    CategoryLife,
    DepreciationMonth,
    DepreciationPolicy,
    LifeTable,
    MonthConvention,
    accumulated_depreciation,
    depreciation_schedule,
    months_depreciated,
    net_book_value,
)
from schoollogistics.compensation.errors import (
    FineRefusedError,
    GuardianMissingError,
    IncidentBeforeAcquisitionError,
    InvalidAmountError,
    InvalidClaimError,
    InvalidLifeError,
    InvalidPartyError,
    InvalidPolicyError,
    NotAnAssetError,
    RepairQuoteError,
    ReplacementCostMissingError,
)
from schoollogistics.compensation.ledger import (
    LedgerPosting,
    PostingAction,
    claim_from_loss_report,
    extent_of,
    plan_postings,
    post_to_ledger,
)
from schoollogistics.compensation.notice import render_notice
from schoollogistics.compensation.policy import (
    DEFAULT_COMPENSABLE_CAUSES,
    CompensationPolicy,
    NoOneIdentified,
    ValueBasis,
)

__all__ = [
    "AUDIT_CHECKS",
    "DEFAULT_COMPENSABLE_CAUSES",
    "DEFAULT_LIVES",
    "Assessment",
    "AssessmentLine",
    "AssetLike",
    "AssetValue",
    "CategoryLife",
    "Cause",
    "CheckKind",
    "ClassCheckResult",
    "ClassFindings",
    "ClassPropertyCheck",
    "ClassSummary",
    "CompensationPolicy",
    "DamageClaim",
    "DamagedItem",
    "DepreciationMonth",
    "DepreciationPolicy",
    "Extent",
    "FineRefusedError",
    "Guardian",
    "GuardianMissingError",
    "Hardship",
    "IncidentBeforeAcquisitionError",
    "InvalidAmountError",
    "InvalidClaimError",
    "InvalidLifeError",
    "InvalidPartyError",
    "InvalidPolicyError",
    "LedgerInstruction",
    "LedgerOperation",
    "LedgerPosting",
    "LiableParty",
    "LifeTable",
    "LossBasis",
    "MonthConvention",
    "NoOneIdentified",
    "NotAnAssetError",
    "Outcome",
    "PartyKind",
    "PayerRole",
    "PostingAction",
    "RepairOrder",
    "RepairQuoteError",
    "ReplacementCostMissingError",
    "Share",
    "ValueBasis",
    "accumulated_depreciation",
    "assess",
    "assess_all",
    "audit_assessment",
    "audit_assessments",
    "claim_from_loss_report",
    "depreciation_schedule",
    "extent_of",
    "months_depreciated",
    "net_book_value",
    "plan_postings",
    "post_to_ledger",
    "render_check_summary",
    "render_notice",
    "run_class_check",
]
