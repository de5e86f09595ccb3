"""A compliant simulated canteen: the records of a kitchen that follows every FS rule.

Pure and deterministic, with no Hypothesis: the demo district builds its schools'
food logs with it, and ``schoollogistics.testing.food_samples`` re-exports it for
tests and benchmarks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Final

import pendulum

from schoollogistics.core.time import get_timezone
from schoollogistics.errors import InvalidArgumentError, Phrase
from schoollogistics.food_samples import (
    Disposal,
    FoodSample,
    Meal,
    MealKind,
    RetentionPolicy,
    SampleLog,
    TemperatureReading,
)

__all__ = ["simulate_canteen"]


_SCHEDULE: Final = (
    (MealKind.BREAKFAST, 7, 0),
    (MealKind.LUNCH, 11, 30),
    (MealKind.DINNER, 17, 30),
    (MealKind.SNACK, 15, 0),
)
_DISHES: Final = (
    "米饭",
    "红烧肉",
    "清炒时蔬",
    "番茄炒蛋",
    "紫菜蛋汤",
    "馒头",
    "土豆丝",
    "鱼香肉丝",
    "水果",
    "酸奶",
)
_ADD = dt.datetime.__add__


def simulate_canteen(
    start: pendulum.Date,
    days: int,
    *,
    school: str = "school",
    cabinet_id: str | None = None,
    meals_per_day: int = 3,
    dishes_per_meal: int = 10,
    reading_every: dt.timedelta | None = None,
    policy: RetentionPolicy | None = None,
    serve_on: Collection[pendulum.Date] | None = None,
) -> SampleLog:
    """The records of a canteen that follows every FS rule, for ``days`` from ``start``.

    Each day serves up to four meals (breakfast 07:00, lunch 11:30, dinner 17:30,
    snack 15:00 on the school's clock); every dish is sampled a few minutes
    before service, 5 g above the minimum, signed by a sampler and a reviewer; each
    sample is destroyed and signed for halfway between its earliest discard time
    and the overdue threshold; the cabinet is read every ``reading_every``
    (default 30 minutes) within the policy range, from the first day's midnight
    until every window has closed. Audited over the simulated days it is clean.

    With ``serve_on``, meals are served only on the days of ``serve_on`` (school
    days, say); the cabinet is still read on every day of the span.

    Raises:
        InvalidInputError: a size is out of range, or readings would be further
            apart than the policy allows.
    """
    policy = RetentionPolicy() if policy is None else policy
    every = dt.timedelta(minutes=30) if reading_every is None else reading_every
    if not 1 <= meals_per_day <= len(_SCHEDULE) or dishes_per_meal < 1 or days < 1:
        raise InvalidArgumentError(
            field="simulate_canteen", reason=Phrase("sizes out of range", "规模超出范围")
        )
    if every <= dt.timedelta(0) or every > policy.max_reading_gap:
        raise InvalidArgumentError(
            field="reading_every", reason=Phrase("not within the allowed gap", "超出允许的间隔")
        )
    zone = get_timezone(policy.timezone)
    cabinet = cabinet_id or f"{school}-cabinet"
    retention = dt.timedelta(seconds=policy.retention.total_seconds())
    keep = retention + (dt.timedelta(seconds=policy.overdue_after.total_seconds()) - retention) / 2
    keep = dt.timedelta(minutes=int(keep.total_seconds() // 60))
    grams = policy.min_grams + 5
    dish_names = tuple(
        _DISHES[k] if k < len(_DISHES) else f"菜品{k + 1}" for k in range(dishes_per_meal)
    )
    meal_records: list[Meal] = []
    samples: list[FoodSample] = []
    disposal_records: list[Disposal] = []
    for offset in range(days):
        day = start.add(days=offset)
        if serve_on is not None and day not in serve_on:
            continue
        for kind, hour, minute in _SCHEDULE[:meals_per_day]:
            service = pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=zone)
            meal_id = f"{school}-{day.isoformat()}-{kind.value}"
            meal_records.append(Meal(meal_id, day, kind, service, dish_names))
            for number, dish in enumerate(dish_names):
                taken = _ADD(service, dt.timedelta(minutes=number - dishes_per_meal - 10))
                sample_id = f"{meal_id}-{number + 1:02d}"
                samples.append(
                    FoodSample(
                        sample_id, meal_id, dish, grams, taken, "厨师", "食堂管理员", cabinet
                    )
                )
                disposal_records.append(Disposal(sample_id, _ADD(taken, keep), "食堂管理员"))
    first = pendulum.datetime(start.year, start.month, start.day, tz=zone).in_timezone("UTC")
    last = _ADD(first, dt.timedelta(days=days + 1) + retention + every)
    middle = (policy.min_celsius + policy.max_celsius) / 2
    quarter = (policy.max_celsius - policy.min_celsius) / 4
    cycle = (middle, middle + quarter, middle, middle - quarter)
    readings: list[TemperatureReading] = []
    moment = first
    number = 0
    while moment <= last:
        readings.append(TemperatureReading(cabinet, moment, cycle[number % 4]))
        moment = _ADD(moment, every)
        number += 1
    return SampleLog(
        meals=tuple(meal_records),
        samples=tuple(samples),
        disposals=tuple(disposal_records),
        readings=tuple(readings),
    )
