"""The public API of schoollogistics.compensation is pinned."""

from __future__ import annotations

import schoollogistics.compensation as compensation

EXPECTED = [
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


def test_all_is_pinned() -> None:
    assert compensation.__all__ == EXPECTED
    # isort-style order (constants, classes, functions), as ruff's RUF022 keeps it
    assert len(set(EXPECTED)) == len(EXPECTED)


def test_everything_exported_exists() -> None:
    for name in compensation.__all__:
        assert getattr(compensation, name) is not None, name
