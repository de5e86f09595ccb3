"""Refusals of the damage-compensation area (``compensation.*``).

Every error is raised before anything is built: a refused claim, policy or
check leaves nothing half-made behind. Codes are stable and listed in the
error catalogue (docs/reference/errors/compensation.md).
"""

from __future__ import annotations

import pendulum

from schoollogistics.errors import CompensationError, Phrase

__all__ = [
    "FineRefusedError",
    "GuardianMissingError",
    "IncidentBeforeAcquisitionError",
    "InvalidClaimError",
    "InvalidLifeError",
    "InvalidPartyError",
    "InvalidPolicyError",
    "LifeBelowMinimumError",
    "NotAnAssetError",
    "RepairQuoteError",
    "ReplacementCostMissingError",
]


class FineRefusedError(CompensationError):
    """A policy or request would charge more than the loss (rule DC-5: no fines)."""

    code = "compensation.fine_refused"
    message_en_template = (
        "refused: {what} would charge more than the assessed loss ({reason}); "
        "compensation is never punitive"
    )
    message_zh_template = (
        "已拒绝：{what}会使收取金额超过核定损失（{reason}）；赔偿不得带有惩罚性，禁止罚款"
    )

    what: Phrase
    reason: Phrase


class InvalidPolicyError(CompensationError):
    """A compensation policy has an impossible setting."""

    code = "compensation.invalid_policy"
    message_en_template = "invalid compensation policy: {field}: {reason}"
    message_zh_template = "赔偿政策设置无效：「{field}」：{reason}"

    field: str
    reason: Phrase


class InvalidLifeError(CompensationError):
    """A useful life in the life table is not a positive whole number of years.

    ``years`` is the refused value as written (``repr``), e.g. ``"0"`` or ``"'5'"``.
    """

    code = "compensation.invalid_life"
    message_en_template = "invalid useful life for {category}: {years} (whole years, at least 1)"
    message_zh_template = "「{category}」的折旧年限「{years}」无效（应为不小于 1 的整年数）"

    category: str
    years: str


class LifeBelowMinimumError(CompensationError):
    """A life override is shorter than the school table's life (DC-6: lives are floors)."""

    code = "compensation.life_below_minimum"
    message_en_template = (
        "useful life of {category}: {years} years is below the table's minimum of {minimum}"
    )
    message_zh_template = "「{category}」的折旧年限 {years} 年低于年限表规定的 {minimum} 年"

    category: str
    years: int
    minimum: int


class RepairQuoteError(CompensationError):
    """A repairable item lacks a repair quote, or a destroyed or lost one has one."""

    code = "compensation.repair_quote_invalid"
    message_en_template = "item {item}: {reason}"
    message_zh_template = "物品「{item}」：{reason}"

    item: str
    reason: Phrase


class IncidentBeforeAcquisitionError(CompensationError):
    """The incident is dated before the asset was acquired."""

    code = "compensation.incident_before_acquisition"
    message_en_template = (
        "item {item}: incident on {incident_on} is before acquisition on {acquired_on}"
    )
    message_zh_template = "物品「{item}」：损坏日期 {incident_on} 早于购置日期 {acquired_on}"

    item: str
    incident_on: pendulum.Date
    acquired_on: pendulum.Date


class GuardianMissingError(CompensationError):
    """A minor student is named liable without a guardian (rule DC-8)."""

    code = "compensation.guardian_missing"
    message_en_template = "student {party} is a minor: name a guardian (DC-8)"
    message_zh_template = "学生「{party}」为未成年人：须写明监护人（「DC-8」）"

    party: str


class InvalidPartyError(CompensationError):
    """A liable party is malformed (a guardian for a class, a negative weight...)."""

    code = "compensation.invalid_party"
    message_en_template = "invalid liable party {party}: {reason}"
    message_zh_template = "责任方「{party}」无效：{reason}"

    party: str
    reason: Phrase


class InvalidClaimError(CompensationError):
    """A claim or a check is malformed (no items, a party twice, a lost item 'worn out'...)."""

    code = "compensation.invalid_claim"
    message_en_template = "invalid claim {claim}: {reason}"
    message_zh_template = "赔偿申请「{claim}」无效：{reason}"

    claim: str
    reason: Phrase


class ReplacementCostMissingError(CompensationError):
    """The policy values losses at replacement cost but the item has none."""

    code = "compensation.replacement_cost_missing"
    message_en_template = "item {item}: the policy values losses at replacement cost; give one"
    message_zh_template = "物品「{item}」：政策按重置成本计价，请提供重置成本"

    item: str


class NotAnAssetError(CompensationError):
    """An object given as an asset lacks an attribute the compensation area reads."""

    code = "compensation.not_an_asset"
    message_en_template = "{type_name} is not an asset record: it lacks {attribute}"
    message_zh_template = "「{type_name}」不是资产记录：缺少属性「{attribute}」"

    type_name: str
    attribute: str
