"""Refusals of the food-sample area (``food_samples.*``).

Every operation of [`SampleCabinet`][schoollogistics.food_samples.SampleCabinet]
validates against the current state before it changes anything; a refused
operation raises one of these errors and leaves the cabinet exactly as it was.
Malformed records (negative grams, an event meal without a name, a hold with no
scope) are refused when they are built, with
[`InvalidRecordError`][schoollogistics.food_samples.errors.InvalidRecordError].

Audit findings are not errors: [`audit`][schoollogistics.food_samples.audit]
returns them as [`Violation`][schoollogistics.core.violations.Violation] records.
"""

from __future__ import annotations

from decimal import Decimal

from schoollogistics.errors import FoodSampleError, Phrase

__all__ = [
    "AlreadyDiscardedError",
    "DiscardTooEarlyError",
    "DishNotServedError",
    "DuplicateHoldError",
    "DuplicateSampleError",
    "HoldAlreadyReleasedError",
    "InvalidRecordError",
    "MealConflictError",
    "MissingLabelError",
    "SampleAfterServiceError",
    "SampleHeldError",
    "UnderweightSampleError",
    "UnknownHoldError",
    "UnknownSampleError",
    "WrongCabinetError",
]


class InvalidRecordError(FoodSampleError, ValueError):
    """A record is malformed (negative grams, duplicate dishes, a hold without scope)."""

    code = "food_samples.invalid_record"
    message_en_template = "invalid {record} record, field {field}: {reason}"
    message_zh_template = "「{record}」记录的字段「{field}」无效：{reason}"

    record: str
    field: str
    reason: Phrase


class MissingLabelError(FoodSampleError, ValueError):
    """A sample lacks a label field the record needs (FS-4)."""

    code = "food_samples.missing_label_refused"
    message_en_template = "sample {sample_id} lacks required label field(s): {fields}"
    message_zh_template = "留样「{sample_id}」缺少必填的标签字段：「{fields}」"

    sample_id: str
    fields: tuple[str, ...]


class DishNotServedError(FoodSampleError, ValueError):
    """The sample is of a dish the meal did not serve (FS-1)."""

    code = "food_samples.dish_not_served"
    message_en_template = "meal {meal_id} did not serve {dish!r}; it serves: {served}"
    message_zh_template = "餐次「{meal_id}」未供应菜品「{dish}」；供应的菜品为：「{served}」"

    meal_id: str
    dish: str | None
    served: tuple[str, ...]


class UnderweightSampleError(FoodSampleError, ValueError):
    """The sample weighs less than the policy minimum (FS-2)."""

    code = "food_samples.underweight_refused"
    message_en_template = "sample {sample_id} weighs {grams} g, below the minimum of {minimum} g"
    message_zh_template = "留样「{sample_id}」重 {grams} 克，低于最低 {minimum} 克"

    sample_id: str
    grams: Decimal
    minimum: Decimal


class SampleAfterServiceError(FoodSampleError, ValueError):
    """The sample was taken after the meal's service had started (FS-8)."""

    code = "food_samples.taken_after_service_refused"
    message_en_template = (
        "sample {sample_id} taken at {taken_at}, after service of meal {meal_id} "
        "started at {service_start}"
    )
    message_zh_template = (
        "留样「{sample_id}」于 {taken_at} 留取，晚于餐次「{meal_id}」的开餐时间 {service_start}"
    )

    sample_id: str
    taken_at: str
    meal_id: str
    service_start: str


class WrongCabinetError(FoodSampleError, ValueError):
    """The record names another cabinet than the one it is recorded in."""

    code = "food_samples.wrong_cabinet"
    message_en_template = "{record} names cabinet {given!r}, but this is cabinet {cabinet_id!r}"
    message_zh_template = "「{record}」记录的留样柜为「{given}」，而当前留样柜为「{cabinet_id}」"

    record: str
    given: str | None
    cabinet_id: str


class DuplicateSampleError(FoodSampleError, ValueError):
    """A sample with this id is already in the cabinet's records."""

    code = "food_samples.duplicate_sample"
    message_en_template = "sample {sample_id} is already recorded"
    message_zh_template = "留样「{sample_id}」已登记"

    sample_id: str


class MealConflictError(FoodSampleError, ValueError):
    """Another meal with the same id is already recorded, or the sample names another meal."""

    code = "food_samples.meal_conflict"
    message_en_template = "meal {meal_id}: {reason}"
    message_zh_template = "餐次「{meal_id}」：{reason}"

    meal_id: str
    reason: Phrase


class UnknownSampleError(FoodSampleError, KeyError):
    """No sample with this id is recorded in the cabinet."""

    code = "food_samples.unknown_sample"
    message_en_template = "no sample {sample_id} in cabinet {cabinet_id}"
    message_zh_template = "留样柜「{cabinet_id}」中没有留样「{sample_id}」"

    def __str__(self) -> str:
        return Exception.__str__(self)

    sample_id: str
    cabinet_id: str


class AlreadyDiscardedError(FoodSampleError, ValueError):
    """The sample was already discarded."""

    code = "food_samples.already_discarded"
    message_en_template = "sample {sample_id} was already discarded at {discarded_at}"
    message_zh_template = "留样「{sample_id}」已于 {discarded_at} 销毁"

    sample_id: str
    discarded_at: str


class DiscardTooEarlyError(FoodSampleError, ValueError):
    """The retention time has not elapsed yet (FS-3); names the earliest discard time."""

    code = "food_samples.discard_too_early"
    message_en_template = (
        "sample {sample_id} cannot be discarded at {at}: it must be kept {retention_hours} h, "
        "until {earliest_discard_at}"
    )
    message_zh_template = (
        "留样「{sample_id}」不能在 {at} 销毁：须留存 {retention_hours} 小时，"
        "最早可于 {earliest_discard_at} 销毁"
    )

    sample_id: str
    at: str
    retention_hours: str
    earliest_discard_at: str


class SampleHeldError(FoodSampleError, ValueError):
    """The sample is under an incident hold and cannot be discarded (FS-7)."""

    code = "food_samples.sample_held"
    message_en_template = "sample {sample_id} is held ({holds}) and cannot be discarded"
    message_zh_template = "留样「{sample_id}」已被封存（「{holds}」），不得销毁"

    sample_id: str
    holds: tuple[str, ...]


class DuplicateHoldError(FoodSampleError, ValueError):
    """A hold with this id is already recorded."""

    code = "food_samples.duplicate_hold"
    message_en_template = "hold {hold_id} is already recorded"
    message_zh_template = "封存「{hold_id}」已登记"

    hold_id: str


class UnknownHoldError(FoodSampleError, KeyError):
    """No hold with this id is recorded."""

    code = "food_samples.unknown_hold"
    message_en_template = "no hold {hold_id} in cabinet {cabinet_id}"
    message_zh_template = "留样柜「{cabinet_id}」中没有封存「{hold_id}」"

    def __str__(self) -> str:
        return Exception.__str__(self)

    hold_id: str
    cabinet_id: str


class HoldAlreadyReleasedError(FoodSampleError, ValueError):
    """The hold was already released."""

    code = "food_samples.hold_already_released"
    message_en_template = "hold {hold_id} was already released at {released_at}"
    message_zh_template = "封存「{hold_id}」已于 {released_at} 解除"

    hold_id: str
    released_at: str
