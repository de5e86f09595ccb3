"""Damage compensation (损坏赔偿) with depreciation: no fines, exact splits, guardians.

Rules DC-1 … DC-9 (see the DC rules page). Everything public is imported from
this package (its modules are private). The pieces:

* depreciation (DC-6): the life table ([`LifeTable`][schoollogistics.compensation.LifeTable],
  [`DEFAULT_LIVES`][schoollogistics.compensation.DEFAULT_LIVES]), monthly
  straight-line depreciation, [`net_book_value`][schoollogistics.compensation.net_book_value]
  (which restarts at a [`CapitalisedRepair`][schoollogistics.compensation.CapitalisedRepair],
  RP-5), [`depreciation_schedule`][schoollogistics.compensation.depreciation_schedule];
* claims (DC-1, DC-8): [`DamageClaim`][schoollogistics.compensation.DamageClaim],
  [`DamagedItem`][schoollogistics.compensation.DamagedItem],
  [`LiableParty`][schoollogistics.compensation.LiableParty] and
  [`Guardian`][schoollogistics.compensation.Guardian];
* the school's policy, which can never charge more than the loss (DC-2 … DC-5):
  [`CompensationPolicy`][schoollogistics.compensation.CompensationPolicy];
* [`assess`][schoollogistics.compensation.assess] turns a claim into lines, a
  total, exact shares, repair orders and ledger instructions (DC-4, DC-7, DC-9);
* [`render_notice`][schoollogistics.compensation.render_notice]: the zh-CN notice text;
* [`run_class_check`][schoollogistics.compensation.run_class_check]: class-property
  checks (DC-3);
* [`audit_assessment`][schoollogistics.compensation.audit_assessment]: findings
  about assessments made elsewhere, one check per rule
  ([`AUDIT_CHECKS`][schoollogistics.compensation.AUDIT_CHECKS]);
* the asset-ledger link:
  [`claim_from_loss_report`][schoollogistics.compensation.claim_from_loss_report],
  [`plan_postings`][schoollogistics.compensation.plan_postings],
  [`post_to_ledger`][schoollogistics.compensation.post_to_ledger],
  [`capitalised_repairs`][schoollogistics.compensation.capitalised_repairs].

Inside, the area has the shape of every pure-function area: ``_records.py``
(claims and asset values), ``_policy.py`` (the policies), ``_rules.py`` (one guard
per DC rule and concern, ``dcN_…``), ``_audit.py`` (one check per rule), and its
computation modules (``_depreciation.py``, ``_assessment.py``, ``_notice.py``,
``_check.py``, ``_ledger.py``).
"""

from schoollogistics.compensation._assessment import (
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
from schoollogistics.compensation._audit import AUDIT_CHECKS, audit_assessment, audit_assessments
from schoollogistics.compensation._check import (
    CheckKind,
    ClassCheckResult,
    ClassFindings,
    ClassPropertyCheck,
    ClassSummary,
    render_check_summary,
    run_class_check,
)
from schoollogistics.compensation._depreciation import (
    DepreciationMonth,
    accumulated_depreciation,
    depreciation_schedule,
    months_depreciated,
    net_book_value,
)
from schoollogistics.compensation._history import DamageRecord, damage_history
from schoollogistics.compensation._ledger import (
    LedgerPosting,
    PostingAction,
    capitalised_repairs,
    claim_from_loss_report,
    extent_of,
    plan_postings,
    post_to_ledger,
)
from schoollogistics.compensation._notice import render_notice
from schoollogistics.compensation._policy import (
    DEFAULT_COMPENSABLE_CAUSES,
    DEFAULT_LIVES,
    CategoryLife,
    CompensationPolicy,
    DepreciationPolicy,
    LifeTable,
    MonthConvention,
    NoOneIdentified,
    ValueBasis,
)
from schoollogistics.compensation._records import (
    AssetLike,
    AssetValue,
    CapitalisedRepair,
    Cause,
    DamageClaim,
    DamagedItem,
    Extent,
    Guardian,
    Hardship,
    LiableParty,
    PartyKind,
)
from schoollogistics.compensation.errors import (
    FineRefusedError,
    GuardianMissingError,
    IncidentBeforeAcquisitionError,
    InvalidClaimError,
    InvalidLifeError,
    InvalidPartyError,
    InvalidPolicyError,
    LifeBelowMinimumError,
    NotAnAssetError,
    RepairQuoteError,
    ReplacementCostMissingError,
)

__all__ = [
    "AUDIT_CHECKS",
    "DEFAULT_COMPENSABLE_CAUSES",
    "DEFAULT_LIVES",
    "Assessment",
    "AssessmentLine",
    "AssetLike",
    "AssetValue",
    "CapitalisedRepair",
    "CategoryLife",
    "Cause",
    "CheckKind",
    "ClassCheckResult",
    "ClassFindings",
    "ClassPropertyCheck",
    "ClassSummary",
    "CompensationPolicy",
    "DamageClaim",
    "DamageRecord",
    "DamagedItem",
    "DepreciationMonth",
    "DepreciationPolicy",
    "Extent",
    "FineRefusedError",
    "Guardian",
    "GuardianMissingError",
    "Hardship",
    "IncidentBeforeAcquisitionError",
    "InvalidClaimError",
    "InvalidLifeError",
    "InvalidPartyError",
    "InvalidPolicyError",
    "LedgerInstruction",
    "LedgerOperation",
    "LedgerPosting",
    "LiableParty",
    "LifeBelowMinimumError",
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
    "capitalised_repairs",
    "claim_from_loss_report",
    "damage_history",
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
