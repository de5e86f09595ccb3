"""Class-property checks (班级财产检查): findings per class in, assessments and repairs out.

Class property is checked twice a term, at mid-term and at the end of term;
damaged items are compensated and then repaired ("检查结束后对损坏的财物进行赔款，
然后由木工维修", rule DC-3). The seeds add two occasions the same machinery
serves: office and shared-classroom property is checked once a term
(办公室和公用教室的财产每学期检查一次), and property issued to a person is checked
when it is handed back (个人领用的学校财产交回时要检查完好情况).

A [`ClassPropertyCheck`][schoollogistics.compensation.ClassPropertyCheck]
holds the findings of each class (or unit); every claim found in a class is
held by that class, so that, when no one is identified, the class pays (DC-3,
configurable). [`run_class_check`][schoollogistics.compensation.run_class_check]
returns the batch: assessments, repair orders, ledger instructions and a
summary per class.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

import attrs
import pendulum

from schoollogistics.compensation._assessment import (
    Assessment,
    LedgerInstruction,
    RepairOrder,
    assess,
)
from schoollogistics.compensation._notice import yuan
from schoollogistics.compensation._policy import CompensationPolicy
from schoollogistics.compensation._records import DamageClaim, LiableParty, PartyKind
from schoollogistics.compensation.errors import InvalidClaimError, InvalidPartyError
from schoollogistics.core.ids import require_id
from schoollogistics.core.money import Money
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DateInput, as_date
from schoollogistics.errors import Phrase

__all__ = [
    "CheckKind",
    "ClassCheckResult",
    "ClassFindings",
    "ClassPropertyCheck",
    "ClassSummary",
    "render_check_summary",
    "run_class_check",
]


class CheckKind(enum.Enum):
    """The occasion of a property check (DC-3 and the seeds)."""

    MID_TERM = "mid_term"
    """期中检查 of class property."""
    END_OF_TERM = "end_of_term"
    """期末检查 of class property."""
    TERMLY_ROOMS = "termly_rooms"
    """每学期一次 check of office and shared-classroom property."""
    ON_RETURN = "on_return"
    """交回检查 of property issued to a person, when it is handed back."""

    @property
    def label_zh(self) -> str:
        """The Chinese name of the occasion."""
        return _KIND_ZH[self]


_KIND_ZH: Final = {
    CheckKind.MID_TERM: "期中班级财产检查",
    CheckKind.END_OF_TERM: "期末班级财产检查",
    CheckKind.TERMLY_ROOMS: "办公室及公用教室财产学期检查",
    CheckKind.ON_RETURN: "个人领用财产交回检查",
}


def _holder(value: LiableParty) -> LiableParty:
    if value.kind not in (PartyKind.CLASS, PartyKind.UNIT):
        raise InvalidPartyError(
            party=value.party_id,
            reason=Phrase("findings belong to a class or a unit", "须为班级或部门"),
        )
    return value


def _claims(value: Iterable[DamageClaim]) -> tuple[DamageClaim, ...]:
    return tuple(value)


def _check_id(value: str) -> str:
    return require_id(value, field="check_id")


@attrs.frozen(field_transformer=checked_fields())
class ClassFindings:
    """What a check found in one class (or unit).

    Attributes:
        holder: The class (or unit) whose property was checked.
        claims: One claim per damage found; may be empty (nothing damaged).
    """

    holder: LiableParty = attrs.field(converter=_holder)
    claims: tuple[DamageClaim, ...] = attrs.field(default=(), converter=_claims)


def _check_date(value: DateInput) -> pendulum.Date:
    return as_date(value, field="checked_on")


def _findings(value: Iterable[ClassFindings]) -> tuple[ClassFindings, ...]:
    return tuple(value)


@attrs.frozen(field_transformer=checked_fields())
class ClassPropertyCheck:
    """One property check: its occasion, its day and the findings per class.

    Attributes:
        check_id: Identifier of the check.
        kind: Mid-term, end of term, termly rooms, or on return.
        checked_on: The day of the check.
        findings: The findings, one record per class; a class and a claim
            appear once, and no claim is dated after the check.
    """

    check_id: str = attrs.field(converter=_check_id)
    kind: CheckKind
    checked_on: pendulum.Date = attrs.field(converter=_check_date)
    findings: tuple[ClassFindings, ...] = attrs.field(converter=_findings)

    def __attrs_post_init__(self) -> None:
        holders = [f.holder.party_id for f in self.findings]
        if len(set(holders)) != len(holders):
            raise InvalidClaimError(
                claim=self.check_id, reason=Phrase("a class appears twice", "班级重复")
            )
        claims = [c.claim_id for f in self.findings for c in f.claims]
        if len(set(claims)) != len(claims):
            raise InvalidClaimError(
                claim=self.check_id, reason=Phrase("a claim appears twice", "申请重复")
            )
        for claim in (c for f in self.findings for c in f.claims):
            if claim.incident_on > self.checked_on:
                raise InvalidClaimError(
                    claim=claim.claim_id,
                    reason=Phrase(
                        "dated after the check of {checked_on}",
                        "晚于检查日期 {checked_on}",
                        checked_on=self.checked_on,
                    ),
                )


@attrs.frozen(field_transformer=checked_fields())
class ClassSummary:
    """The totals of one class in a check.

    Attributes:
        holder_id: The class (or unit).
        holder_name: Its name.
        claims: How many damages were found.
        loss: The assessed loss.
        total: What is charged (to anyone) for the class's findings.
        repairs: How many repair orders follow.
    """

    holder_id: str
    holder_name: str
    claims: int
    loss: Money
    total: Money
    repairs: int


@attrs.frozen(field_transformer=checked_fields())
class ClassCheckResult:
    """The batch a check produces.

    Attributes:
        check_id: The check.
        kind: Its occasion.
        checked_on: Its day.
        assessments: One per claim, in the order of the findings.
        repair_orders: Every repair to carry out (DC-3: after payment, if charged).
        ledger_instructions: Every ledger operation to post.
        summaries: One per class, in the order of the findings.
    """

    check_id: str
    kind: CheckKind
    checked_on: pendulum.Date
    assessments: tuple[Assessment, ...]
    repair_orders: tuple[RepairOrder, ...]
    ledger_instructions: tuple[LedgerInstruction, ...]
    summaries: tuple[ClassSummary, ...]

    @property
    def total(self) -> Money:
        """Everything charged in the check."""
        return Money.sum(a.total for a in self.assessments)


def run_class_check(
    check: ClassPropertyCheck, policy: CompensationPolicy | None = None
) -> ClassCheckResult:
    """Assess every finding of a check (DC-3); pure.

    Each claim without a holder is held by the class it was found in, so that
    the class pays when no one is identified (unless the policy says the school
    bears it).
    """
    assessments: list[Assessment] = []
    summaries: list[ClassSummary] = []
    for findings in check.findings:
        batch: list[Assessment] = []
        for claim in findings.claims:
            held = (
                claim if claim.holder is not None else attrs.evolve(claim, holder=findings.holder)
            )
            batch.append(assess(held, policy))
        assessments.extend(batch)
        summaries.append(
            ClassSummary(
                holder_id=findings.holder.party_id,
                holder_name=findings.holder.name,
                claims=len(batch),
                loss=Money.sum(a.loss for a in batch),
                total=Money.sum(a.total for a in batch),
                repairs=sum(len(a.repair_orders) for a in batch),
            )
        )
    return ClassCheckResult(
        check_id=check.check_id,
        kind=check.kind,
        checked_on=check.checked_on,
        assessments=tuple(assessments),
        repair_orders=tuple(o for a in assessments for o in a.repair_orders),
        ledger_instructions=tuple(i for a in assessments for i in a.ledger_instructions),
        summaries=tuple(summaries),
    )


def render_check_summary(result: ClassCheckResult) -> str:
    """A zh-CN summary of a check: one line per class, the repairs, the grand total."""
    day = result.checked_on
    out = [
        f"{result.kind.label_zh}（{day.year}年{day.month}月{day.day}日，编号 {result.check_id}）"
    ]
    out.extend(
        f"  {summary.holder_name}：发现损坏 {summary.claims} 项，"
        f"核定损失 {yuan(summary.loss)} 元，应赔偿 {yuan(summary.total)} 元，"
        f"维修 {summary.repairs} 项。"
        for summary in result.summaries
    )
    out.append(f"  合计应赔偿 {yuan(result.total)} 元；维修单 {len(result.repair_orders)} 张。")
    return "\n".join(out)
