"""The guards of the damage-compensation area: one function per DC rule and concern.

Each guard is named after its rule (``dc5_no_fine_above_loss`` for DC-5), quotes the
rule and its source in its docstring, and raises the area's typed error or returns
``None``. The guards take plain values (ids, amounts in fen, flags), so that this
module depends on nothing of the area but its errors: the records
([`DamageClaim`][schoollogistics.compensation.DamageClaim] …), the policies
([`CompensationPolicy`][schoollogistics.compensation.CompensationPolicy] …) and the
computation ([`assess`][schoollogistics.compensation.assess]) call them where they
validate. The findings about assessments made elsewhere are the audit checks
(``_audit.py``), named the same way.

Amounts are checked by the kernel: a negative amount is ``money.negative``
([`non_negative`][schoollogistics.core.money.non_negative]) and fractions of a fen are
``money.not_in_fen``; the area has no amount error of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pendulum

from schoollogistics.compensation.errors import (
    FineRefusedError,
    GuardianMissingError,
    IncidentBeforeAcquisitionError,
    InvalidClaimError,
    InvalidLifeError,
    InvalidPartyError,
    InvalidPolicyError,
    LifeBelowMinimumError,
    RepairQuoteError,
    ReplacementCostMissingError,
)
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import Money
from schoollogistics.errors import Phrase

__all__ = [
    "dc1_claim_has_items",
    "dc1_party_named_once",
    "dc2_lost_is_not_wear",
    "dc2_natural_wear_never_charged",
    "dc3_holder_is_class_or_unit",
    "dc4_repair_quote_matches_extent",
    "dc4_replacement_cost_given",
    "dc5_no_fine_above_loss",
    "dc5_no_multiplier_above_one",
    "dc5_no_surcharge",
    "dc5_relief_only_reduces",
    "dc6_life_in_whole_years",
    "dc6_not_before_acquisition",
    "dc7_weight_is_whole",
    "dc7_weights_can_split",
    "dc8_minor_has_guardian",
    "dc8_only_a_student_is_a_minor",
]


# ---------------------------------------------------------------- DC-1 whoever damages pays


def dc1_claim_has_items(claim_id: str, items: int) -> None:
    """DC-1 "谁损坏谁赔偿" [S 002, 004]: a claim is about something damaged.

    Raises:
        InvalidClaimError: the claim lists no damaged item.
    """
    if items < 1:
        raise InvalidClaimError(claim=claim_id, reason=Phrase("no damaged item", "没有损坏物品"))


def dc1_party_named_once(claim_id: str, party_ids: Sequence[str]) -> None:
    """DC-1 "谁损坏谁赔偿" [S 002, 004]: each liable party is named once, and pays once.

    Raises:
        InvalidClaimError: a party is named twice.
    """
    if len(set(party_ids)) != len(party_ids):
        raise InvalidClaimError(
            claim=claim_id, reason=Phrase("a party is named twice", "责任方重复")
        )


# ---------------------------------------------------------------- DC-2 cause decides


def dc2_natural_wear_never_charged(*, natural_wear_listed: bool) -> None:
    """DC-2 "对人为损坏的财产进行赔偿，对自然损坏的及时维修" [S 000, 004].

    A policy can never list natural wear (自然损耗) among the charged causes.

    Raises:
        InvalidPolicyError: the policy lists natural wear as compensable.
    """
    if natural_wear_listed:
        raise InvalidPolicyError(
            field="compensable_causes",
            reason=Phrase(
                "natural wear is repaired by the school at no charge (DC-2)", "自然损耗不得收费"
            ),
        )


def dc2_lost_is_not_wear(claim_id: str, *, natural_wear: bool, lost: bool) -> None:
    """DC-2 [S 000, 004]: natural wear is something the school repairs; a lost item is not worn.

    Raises:
        InvalidClaimError: a claim of natural wear lists a lost item.
    """
    if natural_wear and lost:
        raise InvalidClaimError(
            claim=claim_id, reason=Phrase("a lost item is not natural wear", "遗失不属自然损耗")
        )


# ---------------------------------------------------------------- DC-3 class property


def dc3_holder_is_class_or_unit(party_id: str, *, class_or_unit: bool) -> None:
    """DC-3 "检查结束后对损坏的财物进行赔款" [S 004]; when no one is identified the holder pays [L].

    The holder answering for property is a class (班级) or a unit (部门).

    Raises:
        InvalidPartyError: the holder is a student or a member of staff.
    """
    if not class_or_unit:
        raise InvalidPartyError(
            party=party_id, reason=Phrase("a holder is a class or a unit", "保管方须为班级或部门")
        )


# ---------------------------------------------------------------- DC-4 amount = the loss


def dc4_repair_quote_matches_extent(item: str, *, repairable: bool, quoted: bool) -> None:
    """DC-4 "Repairable: the repair cost. Destroyed or lost: the value" [N 民法典 §1184].

    A repairable item has a repair quote; a destroyed or lost one has none.

    Raises:
        RepairQuoteError: the quote and the extent disagree.
    """
    if repairable and not quoted:
        raise RepairQuoteError(
            item=item, reason=Phrase("a repairable item needs a repair quote", "可修复须有维修报价")
        )
    if quoted and not repairable:
        raise RepairQuoteError(
            item=item,
            reason=Phrase("only a repairable item has a repair quote", "仅可修复物品有维修报价"),
        )


def dc4_replacement_cost_given(item: str, replacement: Money | None) -> Money:
    """DC-4 "configurable: replacement cost" [N 民法典 §1184]: valuing at it needs one.

    Returns:
        The replacement cost.

    Raises:
        ReplacementCostMissingError: the item has no replacement cost.
    """
    if replacement is None:
        raise ReplacementCostMissingError(item=item)
    return replacement


# ---------------------------------------------------------------- DC-5 no fines


def dc5_no_fine_above_loss(claim_id: str, *, agreed_fen: int, loss_fen: int) -> None:
    """DC-5 "不准以任何理由对学生进行罚款" [S 001; N 行政处罚法]: never more than the loss.

    An agreed amount (协商金额) may not exceed the assessed loss.

    Raises:
        FineRefusedError: the agreed amount exceeds the loss.
    """
    if agreed_fen > loss_fen:
        agreed, loss = Money.from_fen(agreed_fen), Money.from_fen(loss_fen)
        raise FineRefusedError(
            what=Phrase(
                "agreed amount {agreed} for claim {claim}",
                "赔偿申请「{claim}」的协议金额 {agreed} 元",
                agreed=agreed,
                claim=claim_id,
            ),
            reason=Phrase("the loss is {loss}", "核定损失为 {loss} 元", loss=loss),
        )


def dc5_no_multiplier_above_one(multiplier: Decimal) -> Decimal:
    """DC-5 "no 罚款, no 'double compensation'" [S 001]: a multiplier is at most 1.

    Returns:
        The multiplier (between 0 and 1).

    Raises:
        FineRefusedError: the multiplier exceeds 1.
        InvalidPolicyError: the multiplier is negative.
    """
    if multiplier > 1:
        raise FineRefusedError(
            what=Phrase("multiplier {m}", "倍数 {m}", m=multiplier),
            reason=Phrase("multiplier > 1", "倍数大于 1"),
        )
    if multiplier < 0:
        raise InvalidPolicyError(
            field="multiplier", reason=Phrase("{m} is negative", "倍数 {m} 为负", m=multiplier)
        )
    return multiplier


def dc5_no_surcharge(surcharge: Money) -> Money:
    """DC-5 "compensation is never punitive" [S 001]: a surcharge (附加费) is a fine.

    Returns:
        The surcharge (zero).

    Raises:
        FineRefusedError: the surcharge is above zero.
        InvalidPolicyError: the surcharge is negative.
    """
    if surcharge.amount > 0:
        raise FineRefusedError(
            what=Phrase("surcharge {s}", "附加费 {s} 元", s=surcharge),
            reason=Phrase("a surcharge is a fine", "附加费即罚款"),
        )
    if surcharge.amount < 0:
        raise InvalidPolicyError(
            field="surcharge", reason=Phrase("{s} is negative", "附加费 {s} 元为负", s=surcharge)
        )
    return surcharge


def dc5_relief_only_reduces(rate: Decimal) -> Decimal:
    """DC-5 [S 001]: hardship relief (困难减免) removes between none and all of a share.

    Returns:
        The rate (between 0 and 1).

    Raises:
        InvalidPolicyError: the rate is below 0 (it would raise a share) or above 1.
    """
    if not 0 <= rate <= 1:
        raise InvalidPolicyError(
            field="hardship_reduction",
            reason=Phrase("{rate} is not between 0 and 1", "{rate} 应在 0 到 1 之间", rate=rate),
        )
    return rate


# ---------------------------------------------------------------- DC-6 depreciation


def dc6_life_in_whole_years(category: AssetCategory, years: object) -> None:
    """DC-6 "Default lives in years" [N 财会〔2018〕20号 附表2]: a life is whole years, ≥ 1.

    ``None`` (not depreciated) passes.

    Raises:
        InvalidLifeError: the life is not a positive whole number of years.
    """
    if years is None:
        return
    if isinstance(years, bool) or not isinstance(years, int) or years < 1:
        raise InvalidLifeError(category=category.value, years=repr(years))


def dc6_life_not_below_the_table(
    category: AssetCategory, years: int | None, minimum: int | None
) -> None:
    """DC-6 "lives are floors" [N 应用指南 表1 "不低于"; the school table read as floors L].

    An override may lengthen a life, never shorten it below the school table's.
    ``None`` (not depreciated) and a category the table does not depreciate pass.

    Raises:
        LifeBelowMinimumError: ``years`` is below the table's ``minimum``.
    """
    if years is None or minimum is None:
        return
    if years < minimum:
        raise LifeBelowMinimumError(category=category.value, years=years, minimum=minimum)


def dc6_not_before_acquisition(item: str, *, on: pendulum.Date, acquired_on: pendulum.Date) -> None:
    """DC-6 [N 政府会计准则第3号]: an asset is valued from its acquisition on, never before.

    Raises:
        IncidentBeforeAcquisitionError: ``on`` is before ``acquired_on``.
    """
    if on < acquired_on:
        raise IncidentBeforeAcquisitionError(item=item, incident_on=on, acquired_on=acquired_on)


# ---------------------------------------------------------------- DC-7 exact split


def dc7_weight_is_whole(weight: object) -> int:
    """DC-7 "split exactly to the fen" [L]: a party's share weight is a whole number ≥ 0.

    Returns:
        The weight.

    Raises:
        InvalidPartyError: the weight is not an ``int`` ≥ 0 (``bool`` refused).
    """
    if isinstance(weight, bool) or not isinstance(weight, int) or weight < 0:
        raise InvalidPartyError(
            party="?",
            reason=Phrase(
                "weight {w!r} must be an int >= 0", "分摊权重「{w}」须为不小于 0 的整数", w=weight
            ),
        )
    return weight


def dc7_weights_can_split(claim_id: str, weights: Sequence[int]) -> None:
    """DC-7 "the shares add up to the total" [L]: named parties' weights cannot all be zero.

    Raises:
        InvalidClaimError: parties are named and every weight is zero.
    """
    if weights and not any(weights):
        raise InvalidClaimError(
            claim=claim_id, reason=Phrase("all share weights are zero", "分摊权重全为零")
        )


# ---------------------------------------------------------------- DC-8 minors


def dc8_minor_has_guardian(party_id: str, *, minor: bool, has_guardian: bool) -> None:
    """DC-8 "Guardians answer for a minor's liability" [N 民法典 §1188].

    Raises:
        GuardianMissingError: a minor student is named without a guardian.
    """
    if minor and not has_guardian:
        raise GuardianMissingError(party=party_id)


def dc8_only_a_student_is_a_minor(
    party_id: str, *, student: bool, minor: bool, has_guardian: bool
) -> None:
    """DC-8 [N 民法典 §1188]: minors and guardians are students' (a class has neither).

    Raises:
        InvalidPartyError: a class, unit or member of staff is a minor or has a guardian.
    """
    if student:
        return
    if minor:
        raise InvalidPartyError(
            party=party_id, reason=Phrase("only a student is a minor", "只有学生才可能是未成年人")
        )
    if has_guardian:
        raise InvalidPartyError(
            party=party_id, reason=Phrase("only a student has a guardian", "只有学生才有监护人")
        )
