"""The guards of the sample cabinet: one function per rule and concern (FS-1 … FS-8).

Each guard takes the cabinet's state, the event about to be recorded and the
policy, and raises the typed refusal or returns. ``GUARDS`` says which guards
apply to each event type, in the order they run (the first refusal wins); the
cabinet runs them before the fold, so a refused event changes nothing.

Sources: [N] 学校食品安全与营养健康管理规定 (2019) §40; [S] school regulations
002 "饭菜的留样关", 004 "食品的留样工作"; [L] local templates. See
``docs/explanation/rules/food-samples.md``.
"""

# ruff: noqa: ARG001 - every guard has the signature (state, event, policy), used or not

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from schoollogistics.core.time import hours_text
from schoollogistics.errors import Phrase
from schoollogistics.food_samples._events import (
    CabinetEvent,
    HoldPlaced,
    HoldReleased,
    SampleDiscarded,
    SampleTaken,
    TemperatureRecorded,
)
from schoollogistics.food_samples._fold import Contents
from schoollogistics.food_samples._policy import RetentionPolicy
from schoollogistics.food_samples.errors import (
    AlreadyDiscardedError,
    DiscardTooEarlyError,
    DishNotServedError,
    DuplicateHoldError,
    DuplicateSampleError,
    HoldAlreadyReleasedError,
    InvalidRecordError,
    MealConflictError,
    MissingLabelError,
    SampleAfterServiceError,
    SampleHeldError,
    UnderweightSampleError,
    UnknownHoldError,
    UnknownSampleError,
    WrongCabinetError,
)

__all__ = [
    "GUARDS",
    "check",
    "fs1_dish_served",
    "fs1_meal_consistent",
    "fs1_sample_id_unique",
    "fs1_sample_names_its_meal",
    "fs2_min_weight",
    "fs3_not_before_48h",
    "fs3_sample_in_this_cabinet",
    "fs4_sample_labelled",
    "fs5_reading_of_this_cabinet",
    "fs6_discarded_once",
    "fs6_disposal_signed",
    "fs6_sample_known",
    "fs7_hold_id_unique",
    "fs7_hold_known",
    "fs7_hold_not_backdated",
    "fs7_hold_placed_unreleased",
    "fs7_hold_released_once",
    "fs7_not_while_held",
    "fs7_release_after_placement",
    "fs8_taken_before_service",
]


# ---------------------------------------------------------------- taking a sample


def fs4_sample_labelled(state: Contents, event: SampleTaken, policy: RetentionPolicy) -> None:
    """FS-4: the record names dish, quantity, sampler (留样人), reviewer (审核人) and cabinet.

    "Dish name, quantity, time taken, person who took it" [N §40]; local templates
    add the reviewer (``policy.reviewer_required``) [L].
    """
    missing = event.sample.missing_labels(policy)
    if missing:
        raise MissingLabelError(sample_id=event.sample.sample_id, fields=missing)


def fs3_sample_in_this_cabinet(
    state: Contents, event: SampleTaken, policy: RetentionPolicy
) -> None:
    """FS-3: kept in a dedicated refrigerated cabinet (专柜冷藏) [N §40]: the one it names."""
    if event.sample.cabinet_id != state.cabinet_id:
        raise WrongCabinetError(
            record="FoodSample", given=event.sample.cabinet_id, cabinet_id=state.cabinet_id
        )


def fs1_sample_names_its_meal(state: Contents, event: SampleTaken, policy: RetentionPolicy) -> None:
    """FS-1: every dish of every meal is sampled (每餐次的食品成品应当留样) [N §40]; of its meal."""
    meal, sample = event.meal, event.sample
    if sample.meal_id != meal.meal_id:
        raise MealConflictError(
            meal_id=meal.meal_id,
            reason=Phrase(
                "the sample names meal {other}", "留样记录的餐次为「{other}」", other=sample.meal_id
            ),
        )


def fs1_meal_consistent(state: Contents, event: SampleTaken, policy: RetentionPolicy) -> None:
    """FS-1: a meal is recorded once; a later sample cannot restate it differently [N §40]."""
    meal = event.meal
    known = state.meals.get(meal.meal_id)
    if known is not None and known != meal:
        raise MealConflictError(
            meal_id=meal.meal_id,
            reason=Phrase("another meal with this id is recorded", "已登记同一标识的另一餐次"),
        )


def fs1_sample_id_unique(state: Contents, event: SampleTaken, policy: RetentionPolicy) -> None:
    """FS-1: each sample is recorded once (its label number is its id) [N §40]."""
    if event.sample.sample_id in state.samples:
        raise DuplicateSampleError(sample_id=event.sample.sample_id)


def fs1_dish_served(state: Contents, event: SampleTaken, policy: RetentionPolicy) -> None:
    """FS-1: the sample is of a dish the meal served (每餐次的食品成品) [N §40]."""
    meal, dish = event.meal, event.sample.dish
    if dish not in meal.dishes:
        raise DishNotServedError(meal_id=meal.meal_id, dish=dish, served=meal.dishes)


def fs2_min_weight(state: Contents, event: SampleTaken, policy: RetentionPolicy) -> None:
    """FS-2: at least 125 g per dish (``policy.min_grams``) and enough for testing [N §40]."""
    grams = event.sample.grams
    if grams is not None and grams < policy.min_grams:
        raise UnderweightSampleError(
            sample_id=event.sample.sample_id, grams=grams, minimum=policy.min_grams
        )


def fs8_taken_before_service(state: Contents, event: SampleTaken, policy: RetentionPolicy) -> None:
    """FS-8: "食品留样按时按量" [S 004]: taken from the batch served, no later than service."""
    meal, sample = event.meal, event.sample
    if sample.taken_at > meal.service_start:
        raise SampleAfterServiceError(
            sample_id=sample.sample_id,
            meal_id=meal.meal_id,
            taken_at=sample.taken_at.isoformat(),
            service_start=meal.service_start.isoformat(),
        )


# ---------------------------------------------------------------- discarding a sample


def fs6_disposal_signed(state: Contents, event: SampleDiscarded, policy: RetentionPolicy) -> None:
    """FS-6: the disposal is recorded with who destroyed the sample (销毁人) [L]."""
    signer = event.disposal.discarded_by
    if signer is None or not signer.strip():
        raise MissingLabelError(sample_id=event.disposal.sample_id, fields=("discarded_by",))


def fs6_sample_known(state: Contents, event: SampleDiscarded, policy: RetentionPolicy) -> None:
    """FS-6: a disposal names a sample of this cabinet [L]."""
    sample_id = event.disposal.sample_id
    if sample_id not in state.samples:
        raise UnknownSampleError(sample_id=sample_id, cabinet_id=state.cabinet_id)


def fs6_discarded_once(state: Contents, event: SampleDiscarded, policy: RetentionPolicy) -> None:
    """FS-6: a sample is destroyed once; its disposal is recorded once [L]."""
    done = state.disposals.get(event.disposal.sample_id)
    if done is not None:
        raise AlreadyDiscardedError(
            sample_id=done.sample_id, discarded_at=done.discarded_at.isoformat()
        )


def fs3_not_before_48h(state: Contents, event: SampleDiscarded, policy: RetentionPolicy) -> None:
    """FS-3: kept "at least 48 hours" (每天坚持48小时食物留样) [N §40; S 004].

    The retention (``policy.retention``) is an absolute duration from the moment
    the sample was taken: discarding exactly at the earliest discard time is
    allowed, one microsecond before is refused (the error names the time).
    Runs after ``fs6_sample_known``.
    """
    disposal = event.disposal
    earliest = state.samples[disposal.sample_id].earliest_discard_at(policy)
    if disposal.discarded_at < earliest:
        raise DiscardTooEarlyError(
            sample_id=disposal.sample_id,
            at=disposal.discarded_at.isoformat(),
            earliest_discard_at=earliest.isoformat(),
            retention_hours=hours_text(policy.retention),
        )


def fs7_not_while_held(state: Contents, event: SampleDiscarded, policy: RetentionPolicy) -> None:
    """FS-7: held samples "cannot be discarded until released" [S 004].

    A hold is in force from its placement (inclusive) to its release
    (exclusive): discarding at the very moment of the release is allowed.
    Runs after ``fs6_sample_known``.
    """
    disposal = event.disposal
    holds = state.holds_on(state.samples[disposal.sample_id], disposal.discarded_at)
    if holds:
        raise SampleHeldError(sample_id=disposal.sample_id, holds=holds)


# ---------------------------------------------------------------- holds


def fs7_hold_id_unique(state: Contents, event: HoldPlaced, policy: RetentionPolicy) -> None:
    """FS-7: each incident hold (封存) is recorded once, under its own id [S 004]."""
    if event.hold.hold_id in state.holds:
        raise DuplicateHoldError(hold_id=event.hold.hold_id)


def fs7_hold_placed_unreleased(state: Contents, event: HoldPlaced, policy: RetentionPolicy) -> None:
    """FS-7: a hold is placed in force; its release is a later event [S 004]."""
    if event.hold.released_at is not None:
        raise InvalidRecordError(
            record="Hold",
            field="released_at",
            reason=Phrase("place the hold, then release it", "须先封存，再解除"),
        )


def fs7_hold_not_backdated(state: Contents, event: HoldPlaced, policy: RetentionPolicy) -> None:
    """FS-7: a hold placed at t cannot cover a sample the records show discarded at or after t.

    Otherwise the records would show a held sample destroyed ("cannot be
    discarded until released" [S 004]).
    """
    hold = event.hold
    for sample_id, disposal in state.disposals.items():
        if hold.placed_at <= disposal.discarded_at and hold.covers(state.samples[sample_id]):
            raise InvalidRecordError(
                record="Hold",
                field="placed_at",
                reason=Phrase(
                    "sample {sample_id} was discarded at {discarded_at}, after the hold's "
                    "placement: a hold cannot be back-dated",
                    "留样「{sample_id}」已于 {discarded_at} 销毁，晚于封存时间：封存不得倒签",
                    sample_id=sample_id,
                    discarded_at=disposal.discarded_at,
                ),
            )


def fs7_hold_known(state: Contents, event: HoldReleased, policy: RetentionPolicy) -> None:
    """FS-7: only a recorded hold can be released [S 004]."""
    if event.hold_id not in state.holds:
        raise UnknownHoldError(hold_id=event.hold_id, cabinet_id=state.cabinet_id)


def fs7_hold_released_once(state: Contents, event: HoldReleased, policy: RetentionPolicy) -> None:
    """FS-7: a hold is released once [S 004]. Runs after ``fs7_hold_known``."""
    released_at = state.holds[event.hold_id].released_at
    if released_at is not None:
        raise HoldAlreadyReleasedError(hold_id=event.hold_id, released_at=released_at.isoformat())


def fs7_release_after_placement(
    state: Contents, event: HoldReleased, policy: RetentionPolicy
) -> None:
    """FS-7: a hold is released at or after its placement [S 004]. Runs after ``fs7_hold_known``."""
    if event.released_at < state.holds[event.hold_id].placed_at:
        raise InvalidRecordError(
            record="Hold",
            field="released_at",
            reason=Phrase(
                "a hold cannot be released before it is placed", "封存不得早于其设立时间解除"
            ),
        )


# ---------------------------------------------------------------- temperatures


def fs5_reading_of_this_cabinet(
    state: Contents, event: TemperatureRecorded, policy: RetentionPolicy
) -> None:
    """FS-5: the cabinet keeps its own temperature log (refrigerated, not frozen) [L].

    A reading outside the range is recorded all the same (a fact the audit
    reports); only a reading of another cabinet is refused.
    """
    given = event.reading.cabinet_id
    if given != state.cabinet_id:
        raise WrongCabinetError(
            record="TemperatureReading", given=given, cabinet_id=state.cabinet_id
        )


# ---------------------------------------------------------------- the table

Guard = Callable[..., None]
"""A guard ``(state, event, policy) -> None`` of one event type (raises to refuse)."""

GUARDS: Final[Mapping[type, tuple[Guard, ...]]] = MappingProxyType(
    {
        SampleTaken: (
            fs4_sample_labelled,
            fs3_sample_in_this_cabinet,
            fs1_sample_names_its_meal,
            fs1_meal_consistent,
            fs1_sample_id_unique,
            fs1_dish_served,
            fs2_min_weight,
            fs8_taken_before_service,
        ),
        SampleDiscarded: (
            fs6_disposal_signed,
            fs6_sample_known,
            fs6_discarded_once,
            fs3_not_before_48h,
            fs7_not_while_held,
        ),
        HoldPlaced: (fs7_hold_id_unique, fs7_hold_placed_unreleased, fs7_hold_not_backdated),
        HoldReleased: (fs7_hold_known, fs7_hold_released_once, fs7_release_after_placement),
        TemperatureRecorded: (fs5_reading_of_this_cabinet,),
    }
)
"""The guards of each event type, in the order they run (one key per type of ``EVENT_TYPES``)."""


def check(state: Contents, event: CabinetEvent, policy: RetentionPolicy) -> None:
    """Run the guards of the event's type; raises the first refusal."""
    for guard in GUARDS[type(event)]:
        guard(state, event, policy)
