"""Audit assessments made anywhere (this library, another system, a spreadsheet import).

Auditors check that no school charges more than the loss. Each check is a pure
function ``(assessment) -> tuple[Violation, ...]`` named after its rule
(``dc5_not_charged_above_loss`` for DC-5);
[`AUDIT_CHECKS`][schoollogistics.compensation.AUDIT_CHECKS] is the tuple of them. Findings are data
([`Violation`][schoollogistics.core.violations.Violation]), never raised, and are
built from the one catalogue ([`FINDINGS`][schoollogistics.core.findings.FINDINGS]):
no message is formatted here. An assessment made by
[`assess`][schoollogistics.compensation.assess] passes every check (a property test
says so); one loaded from elsewhere may not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from schoollogistics.compensation._assessment import Assessment, LossBasis, PayerRole
from schoollogistics.compensation._records import Cause
from schoollogistics.core.findings import FINDINGS
from schoollogistics.core.money import Money
from schoollogistics.core.violations import Violation, sort_violations

__all__ = [
    "AUDIT_CHECKS",
    "audit_assessment",
    "audit_assessments",
    "dc2_natural_wear_free",
    "dc4_loss_is_sum_of_lines",
    "dc4_repair_within_value",
    "dc5_not_charged_above_loss",
    "dc6_book_value_consistent",
    "dc7_shares_add_up",
    "dc8_guardian_pays",
    "dc9_deliberate_flagged",
]

_NATURAL_WEAR_CHARGED: Final = FINDINGS["compensation.natural_wear_charged"]
_LOSS_MISMATCH: Final = FINDINGS["compensation.loss_mismatch"]
_REPAIR_ABOVE_VALUE: Final = FINDINGS["compensation.repair_above_value"]
_CHARGED_ABOVE_LOSS: Final = FINDINGS["compensation.charged_above_loss"]
_BOOK_VALUE_MISMATCH: Final = FINDINGS["compensation.book_value_mismatch"]
_SHARES_MISMATCH: Final = FINDINGS["compensation.shares_mismatch"]
_MINOR_PAYS_DIRECTLY: Final = FINDINGS["compensation.minor_pays_directly"]
_DELIBERATE_NOT_FLAGGED: Final = FINDINGS["compensation.deliberate_not_flagged"]


def dc2_natural_wear_free(a: Assessment) -> tuple[Violation, ...]:
    """DC-2 "对自然损坏的及时维修" [S 000, 004]: natural wear is never charged."""
    if a.cause is not Cause.NATURAL_WEAR or not a.total:
        return ()
    return (_NATURAL_WEAR_CHARGED.violation(a.claim_id, total=a.total),)


def dc4_loss_is_sum_of_lines(a: Assessment) -> tuple[Violation, ...]:
    """DC-4 "Amount = the loss" [N 民法典 §1184]: the loss is the sum of the itemised lines."""
    line_sum = Money.sum(line.loss for line in a.lines)
    if line_sum == a.loss:
        return ()
    return (_LOSS_MISMATCH.violation(a.claim_id, loss=a.loss, lines=line_sum),)


def dc4_repair_within_value(a: Assessment) -> tuple[Violation, ...]:
    """DC-4 "The repair cost charged never exceeds what a total loss would cost"."""
    return tuple(
        _REPAIR_ABOVE_VALUE.violation(
            a.claim_id, item=line.description, loss=line.loss, value=line.value
        )
        for line in a.lines
        if line.basis is LossBasis.REPAIR_COST and line.loss > line.value
    )


def dc5_not_charged_above_loss(a: Assessment) -> tuple[Violation, ...]:
    """DC-5 "不准以任何理由对学生进行罚款" [S 001]: neither charge nor total exceeds the loss."""
    if a.total <= a.loss and a.charge <= a.loss:
        return ()
    return (_CHARGED_ABOVE_LOSS.violation(a.claim_id, loss=a.loss, charge=a.charge, total=a.total),)


def dc6_book_value_consistent(a: Assessment) -> tuple[Violation, ...]:
    """DC-6 [N 政府会计准则第3号]: 0 ≤ accumulated ≤ original, net book value = the difference."""
    return tuple(
        _BOOK_VALUE_MISMATCH.violation(
            a.claim_id,
            item=line.description,
            original=line.original_value,
            accumulated=line.accumulated_depreciation,
            net_book_value=line.net_book_value,
        )
        for line in a.lines
        if line.accumulated_depreciation.is_negative()
        or line.accumulated_depreciation > line.original_value
        or line.net_book_value != line.original_value - line.accumulated_depreciation
    )


def dc7_shares_add_up(a: Assessment) -> tuple[Violation, ...]:
    """DC-7 "the shares add up to the total" [L]: exactly, to the fen."""
    shares = Money.sum(share.amount for share in a.shares)
    if shares == a.total:
        return ()
    return (_SHARES_MISMATCH.violation(a.claim_id, total=a.total, shares=shares),)


def dc8_guardian_pays(a: Assessment) -> tuple[Violation, ...]:
    """DC-8 "Guardians answer for a minor's liability" [N 民法典 §1188]: the guardian pays."""
    return tuple(
        _MINOR_PAYS_DIRECTLY.violation(
            a.claim_id, party=share.party_id, party_name=share.party_name, amount=share.amount
        )
        for share in a.shares
        if share.minor and share.payer_role is PayerRole.SELF and share.amount
    )


def dc9_deliberate_flagged(a: Assessment) -> tuple[Violation, ...]:
    """DC-9 "Deliberate damage is flagged for discipline" [RULES.md DC-9]."""
    if a.cause is not Cause.DELIBERATE or a.discipline_flag:
        return ()
    return (_DELIBERATE_NOT_FLAGGED.violation(a.claim_id),)


AUDIT_CHECKS: Final[tuple[Callable[[Assessment], tuple[Violation, ...]], ...]] = (
    dc2_natural_wear_free,
    dc4_loss_is_sum_of_lines,
    dc4_repair_within_value,
    dc5_not_charged_above_loss,
    dc6_book_value_consistent,
    dc7_shares_add_up,
    dc8_guardian_pays,
    dc9_deliberate_flagged,
)
"""The checks [`audit_assessment`][schoollogistics.compensation.audit_assessment] runs."""


def audit_assessment(assessment: Assessment) -> tuple[Violation, ...]:
    """Every finding about one assessment, in canonical order (empty when it is sound)."""
    return sort_violations(v for check in AUDIT_CHECKS for v in check(assessment))


def audit_assessments(assessments: Iterable[Assessment]) -> tuple[Violation, ...]:
    """Every finding about many assessments, in canonical order."""
    return sort_violations(v for a in assessments for check in AUDIT_CHECKS for v in check(a))
