"""Fault injection into a compliant simulated log: each kind breaks exactly one rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs
import pendulum

from schoollogistics.core.time import DateRange
from schoollogistics.food_samples import (
    Disposal,
    FoodSample,
    Hold,
    RetentionPolicy,
    SampleLog,
)
from schoollogistics.testing.food_samples import simulate_canteen

SECOND: Final = dt.timedelta(seconds=1)
START: Final = pendulum.Date(2025, 3, 3)


def compliant(
    days: int = 3,
    meals_per_day: int = 2,
    dishes: int = 3,
    policy: RetentionPolicy | None = None,
) -> tuple[SampleLog, DateRange]:
    """A compliant log and the period to audit it over."""
    policy = RetentionPolicy() if policy is None else policy
    log = simulate_canteen(
        START,
        days,
        meals_per_day=meals_per_day,
        dishes_per_meal=dishes,
        policy=policy,
        reading_every=min(dt.timedelta(minutes=60), policy.max_reading_gap),
    )
    return log, DateRange(START, START.add(days=days - 1))


def _disposal_index(log: SampleLog, sample: FoodSample) -> int:
    return next(i for i, d in enumerate(log.disposals) if d.sample_id == sample.sample_id)


T = TypeVar("T")


def _replace(items: tuple[T, ...], index: int, value: T | None) -> tuple[T, ...]:
    rest = items[index + 1 :]
    return (*items[:index], *(() if value is None else (value,)), *rest)


def _set_disposal(log: SampleLog, sample: FoodSample, disposal: Disposal | None) -> SampleLog:
    index = _disposal_index(log, sample)
    return attrs.evolve(log, disposals=_replace(log.disposals, index, disposal))


def drop_sample(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    index = log.samples.index(sample)
    log = _set_disposal(log, sample, None)
    return attrs.evolve(log, samples=_replace(log.samples, index, None))


def _extra(log: SampleLog, sample: FoodSample, **changes: Any) -> SampleLog:
    extra = attrs.evolve(sample, sample_id=sample.sample_id + "-extra", **changes)
    disposal = attrs.evolve(log.disposals[_disposal_index(log, sample)], sample_id=extra.sample_id)
    return attrs.evolve(log, samples=(*log.samples, extra), disposals=(*log.disposals, disposal))


def unserved_dish(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    return _extra(log, sample, dish="没有供应的菜")


def unknown_meal(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    return _extra(log, sample, meal_id="no-such-meal")


def conflicting_meal(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    meal = next(m for m in log.meals if m.meal_id == sample.meal_id)
    later = attrs.evolve(meal, service_start=meal.service_start.add(minutes=5))
    return attrs.evolve(log, meals=(*log.meals, later))


def underweight(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    light = attrs.evolve(sample, grams=policy.min_grams - 1)
    return attrs.evolve(log, samples=_replace(log.samples, log.samples.index(sample), light))


def early_discard(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    early = sample.earliest_discard_at(policy).subtract(seconds=1)
    return _set_disposal(log, sample, Disposal(sample.sample_id, early, "食堂管理员"))


def missing_sampler(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    unsigned = attrs.evolve(sample, taken_by=" ")
    return attrs.evolve(log, samples=_replace(log.samples, log.samples.index(sample), unsigned))


def missing_reviewer(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    unreviewed = attrs.evolve(sample, reviewed_by=None)
    return attrs.evolve(log, samples=_replace(log.samples, log.samples.index(sample), unreviewed))


def missing_cabinet(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    nowhere = attrs.evolve(sample, cabinet_id="")
    return attrs.evolve(log, samples=_replace(log.samples, log.samples.index(sample), nowhere))


def missing_grams(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    unweighed = attrs.evolve(sample, grams=None)
    return attrs.evolve(log, samples=_replace(log.samples, log.samples.index(sample), unweighed))


def excursion(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    index = next(i for i, r in enumerate(log.readings) if r.at > sample.taken_at)
    warm = attrs.evolve(log.readings[index], celsius=policy.max_celsius + 1)
    return attrs.evolve(log, readings=_replace(log.readings, index, warm))


def frozen(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    index = next(i for i, r in enumerate(log.readings) if r.at > sample.taken_at)
    cold = attrs.evolve(log.readings[index], celsius=policy.min_celsius - Decimal("0.5"))
    return attrs.evolve(log, readings=_replace(log.readings, index, cold))


def reading_gap(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    start = sample.taken_at
    until = start + policy.max_reading_gap + dt.timedelta(hours=2)
    kept = tuple(r for r in log.readings if not start < r.at < until)
    return attrs.evolve(log, readings=kept)


def unsigned_disposal(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    disposal = log.disposals[_disposal_index(log, sample)]
    return _set_disposal(log, sample, attrs.evolve(disposal, discarded_by=None))


def orphan_disposal(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    ghost = Disposal("ghost-sample", sample.taken_at.add(hours=1), "食堂管理员")
    return attrs.evolve(log, disposals=(*log.disposals, ghost))


def no_disposal(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    return _set_disposal(log, sample, None)


def late_disposal(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    late = sample.taken_at + policy.overdue_after + SECOND
    return _set_disposal(log, sample, Disposal(sample.sample_id, late, "食堂管理员"))


def held_discard(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    disposal = log.disposals[_disposal_index(log, sample)]
    hold = Hold.for_period(
        "incident-1",
        sample.taken_at,
        sample.taken_at.add(seconds=1),
        placed_at=sample.taken_at.add(hours=1),
        placed_by="校长",
        reason="疑似食物中毒",
    ).released(at=disposal.discarded_at.add(hours=1), by="市场监管局")
    return attrs.evolve(log, holds=(*log.holds, hold))


def held_meal_discard(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    disposal = log.disposals[_disposal_index(log, sample)]
    hold = Hold.for_meals(
        "incident-2",
        [sample.meal_id],
        placed_at=disposal.discarded_at.subtract(seconds=1),
        placed_by="校长",
        reason="疑似食物中毒",
    ).released(at=disposal.discarded_at.add(seconds=1), by="市场监管局")
    return attrs.evolve(log, holds=(*log.holds, hold))


def late_sample(log: SampleLog, sample: FoodSample, policy: RetentionPolicy) -> SampleLog:
    meal = next(m for m in log.meals if m.meal_id == sample.meal_id)
    shift = (meal.service_start - sample.taken_at) + dt.timedelta(minutes=1)
    moved = attrs.evolve(sample, taken_at=sample.taken_at + shift)
    disposal = log.disposals[_disposal_index(log, sample)]
    log = _set_disposal(
        log, sample, attrs.evolve(disposal, discarded_at=disposal.discarded_at + shift)
    )
    return attrs.evolve(log, samples=_replace(log.samples, log.samples.index(sample), moved))


Fault = Callable[[SampleLog, FoodSample, RetentionPolicy], SampleLog]

FAULTS: Final[dict[str, tuple[Fault, str]]] = {
    "drop_sample": (drop_sample, "food_samples.dish_without_sample"),
    "unserved_dish": (unserved_dish, "food_samples.sample_of_unserved_dish"),
    "unknown_meal": (unknown_meal, "food_samples.sample_without_meal"),
    "conflicting_meal": (conflicting_meal, "food_samples.conflicting_meals"),
    "underweight": (underweight, "food_samples.underweight"),
    "early_discard": (early_discard, "food_samples.discarded_too_early"),
    "missing_sampler": (missing_sampler, "food_samples.missing_label"),
    "missing_grams": (missing_grams, "food_samples.missing_label"),
    "missing_reviewer": (missing_reviewer, "food_samples.missing_label"),
    "missing_cabinet": (missing_cabinet, "food_samples.missing_label"),
    "excursion": (excursion, "food_samples.temperature_out_of_range"),
    "frozen": (frozen, "food_samples.temperature_out_of_range"),
    "reading_gap": (reading_gap, "food_samples.temperature_gap"),
    "unsigned_disposal": (unsigned_disposal, "food_samples.disposal_unsigned"),
    "orphan_disposal": (orphan_disposal, "food_samples.disposal_without_sample"),
    "no_disposal": (no_disposal, "food_samples.kept_past_time"),
    "late_disposal": (late_disposal, "food_samples.kept_past_time"),
    "held_discard": (held_discard, "food_samples.held_sample_discarded"),
    "held_meal_discard": (held_meal_discard, "food_samples.held_sample_discarded"),
    "late_sample": (late_sample, "food_samples.taken_after_service"),
}
"""Fault kind -> (injector, the one violation code it must produce).

Every FS rule has at least one kind, and every finding code of the audit one or more. A
sample without a dish name is left out on purpose: it breaks two rules at once (FS-4, and
FS-1 since the dish it was meant for then has no sample); an example test pins that pair.
``missing_reviewer`` is a fault only under a policy that requires a reviewer.
"""

OPTIONAL_UNDER_POLICY: Final = frozenset({"missing_reviewer"})
"""Kinds that are no fault when the policy does not require the field (reviewer_required)."""
