"""The public API of schoollogistics.compensation is pinned."""

from __future__ import annotations

import pkgutil

import schoollogistics.compensation as compensation

EXPECTED = [
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


def test_all_is_pinned() -> None:
    assert compensation.__all__ == EXPECTED
    # isort-style order (constants, classes, functions), as ruff's RUF022 keeps it
    assert len(set(EXPECTED)) == len(EXPECTED)


def test_everything_exported_exists() -> None:
    for name in compensation.__all__:
        assert getattr(compensation, name) is not None, name


def test_modules_are_private_but_errors() -> None:
    # the public face is __init__ (and errors, as in every area); the rest is private
    public = [
        m.name for m in pkgutil.iter_modules(compensation.__path__) if not m.name.startswith("_")
    ]
    assert public == ["errors"]


def test_every_public_name_comes_from_the_package() -> None:
    for name in compensation.__all__:
        module = getattr(getattr(compensation, name), "__module__", "")
        assert module in ("", "builtins") or module.startswith("schoollogistics.compensation"), name
