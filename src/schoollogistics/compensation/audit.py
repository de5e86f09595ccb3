"""Audit assessments made anywhere (this library, another system, a spreadsheet import).

Auditors check that no school charges more than the loss. Each check is a pure
function ``(assessment) -> tuple[Violation, ...]``; findings are data
([`Violation`][schoollogistics.core.violations.Violation]), never raised. An
assessment made by [`assess`][schoollogistics.compensation.assessment.assess]
passes every check (a property test says so); one loaded from elsewhere may not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from schoollogistics.compensation.assessment import Assessment, LossBasis, PayerRole
from schoollogistics.compensation.claims import Cause
from schoollogistics.core.money import Money
from schoollogistics.core.violations import Severity, Violation, sort_violations

__all__ = ["AUDIT_CHECKS", "audit_assessment", "audit_assessments"]


def _charged_above_loss(a: Assessment) -> tuple[Violation, ...]:
    """DC-5: neither the charge nor the total may exceed the loss."""
    if a.total <= a.loss and a.charge <= a.loss:
        return ()
    return (
        Violation(
            code="compensation.charged_above_loss",
            severity=Severity.ERROR,
            subject=a.claim_id,
            rule="DC-5",
            params={"loss": a.loss, "charge": a.charge, "total": a.total},
            message_en=f"charged {a.total} (charge {a.charge}) above the loss {a.loss}: a fine",
            message_zh=f"收取 {a.total} 元（计收 {a.charge} 元）超过核定损失 {a.loss} 元，属罚款",
        ),
    )


def _loss_is_sum_of_lines(a: Assessment) -> tuple[Violation, ...]:
    """DC-4: the loss is the sum of the itemised lines, and no line exceeds its value."""
    found: list[Violation] = []
    line_sum = Money.sum(line.loss for line in a.lines)
    if line_sum != a.loss:
        found.append(
            Violation(
                code="compensation.loss_mismatch",
                severity=Severity.ERROR,
                subject=a.claim_id,
                rule="DC-4",
                params={"loss": a.loss, "lines": line_sum},
                message_en=f"the loss {a.loss} is not the sum of its lines {line_sum}",
                message_zh=f"核定损失 {a.loss} 元与各项之和 {line_sum} 元不符",
            )
        )
    found.extend(
        Violation(
            code="compensation.repair_above_value",
            severity=Severity.ERROR,
            subject=a.claim_id,
            rule="DC-4",
            params={"item": line.description, "loss": line.loss, "value": line.value},
            message_en=f"{line.description}: repair {line.loss} above value {line.value}",
            message_zh=f"{line.description}：维修费 {line.loss} 元超过物品价值 {line.value} 元",
        )
        for line in a.lines
        if line.basis is LossBasis.REPAIR_COST and line.loss > line.value
    )
    return tuple(found)


def _shares_add_up(a: Assessment) -> tuple[Violation, ...]:
    """DC-7: the shares add up exactly to the total."""
    shares = Money.sum(share.amount for share in a.shares)
    if shares == a.total:
        return ()
    return (
        Violation(
            code="compensation.shares_mismatch",
            severity=Severity.ERROR,
            subject=a.claim_id,
            rule="DC-7",
            params={"total": a.total, "shares": shares},
            message_en=f"shares add up to {shares}, not to the total {a.total}",
            message_zh=f"各份额之和 {shares} 元与应赔合计 {a.total} 元不符",
        ),
    )


def _natural_wear_free(a: Assessment) -> tuple[Violation, ...]:
    """DC-2: natural wear is never charged."""
    if a.cause is not Cause.NATURAL_WEAR or not a.total:
        return ()
    return (
        Violation(
            code="compensation.natural_wear_charged",
            severity=Severity.ERROR,
            subject=a.claim_id,
            rule="DC-2",
            params={"total": a.total},
            message_en=f"natural wear charged {a.total}: the school repairs it at no charge",
            message_zh=f"自然损耗收取了 {a.total} 元：应由学校免费维修",
        ),
    )


def _guardian_pays(a: Assessment) -> tuple[Violation, ...]:
    """DC-8: a minor's share names the guardian as payer."""
    return tuple(
        Violation(
            code="compensation.minor_pays_directly",
            severity=Severity.WARNING,
            subject=a.claim_id,
            rule="DC-8",
            params={"party": share.party_id, "amount": share.amount},
            message_en=f"minor {share.party_name} is named as payer of {share.amount}",
            message_zh=f"未成年人 {share.party_name} 被列为缴款人（{share.amount} 元）",
        )
        for share in a.shares
        if share.minor and share.payer_role is PayerRole.SELF and share.amount
    )


def _deliberate_flagged(a: Assessment) -> tuple[Violation, ...]:
    """DC-9: deliberate damage is flagged for discipline."""
    if a.cause is not Cause.DELIBERATE or a.discipline_flag:
        return ()
    return (
        Violation(
            code="compensation.deliberate_not_flagged",
            severity=Severity.WARNING,
            subject=a.claim_id,
            rule="DC-9",
            params={},
            message_en="deliberate damage without a discipline flag",
            message_zh="故意损坏未提请教育处理",
        ),
    )


def _book_value_consistent(a: Assessment) -> tuple[Violation, ...]:
    """DC-6: 0 ≤ accumulated ≤ original and net book value = original − accumulated."""
    return tuple(
        Violation(
            code="compensation.book_value_mismatch",
            severity=Severity.ERROR,
            subject=a.claim_id,
            rule="DC-6",
            params={
                "item": line.description,
                "original": line.original_value,
                "accumulated": line.accumulated_depreciation,
                "net_book_value": line.net_book_value,
            },
            message_en=f"{line.description}: inconsistent depreciation",
            message_zh=f"{line.description}：折旧与净值不一致",
        )
        for line in a.lines
        if line.accumulated_depreciation.is_negative()
        or line.accumulated_depreciation > line.original_value
        or line.net_book_value != line.original_value - line.accumulated_depreciation
    )


AUDIT_CHECKS: Final[tuple[Callable[[Assessment], tuple[Violation, ...]], ...]] = (
    _charged_above_loss,
    _loss_is_sum_of_lines,
    _shares_add_up,
    _natural_wear_free,
    _guardian_pays,
    _deliberate_flagged,
    _book_value_consistent,
)
"""The checks [`audit_assessment`][schoollogistics.compensation.audit.audit_assessment] runs."""


def audit_assessment(assessment: Assessment) -> tuple[Violation, ...]:
    """Every finding about one assessment, in canonical order (empty when it is sound)."""
    return sort_violations(v for check in AUDIT_CHECKS for v in check(assessment))


def audit_assessments(assessments: Iterable[Assessment]) -> tuple[Violation, ...]:
    """Every finding about many assessments, in canonical order."""
    return sort_violations(v for a in assessments for check in AUDIT_CHECKS for v in check(a))
