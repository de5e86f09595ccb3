"""Hypothesis strategies and a compliant simulated canteen for `schoollogistics.food_samples`.

[`simulate_canteen`][schoollogistics.demo.simulate_canteen] (defined in
`schoollogistics.demo`, which needs no Hypothesis, and re-exported here) builds,
deterministically, the records of a canteen that follows every FS rule; audited
over its days it finds nothing. Tests inject one fault into such a log and check
the audit reports exactly that fault; benchmarks use it to build a year or a
district of records.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

import attrs
import pendulum
from attrs import AttrsInstance
from hypothesis import strategies as st

from schoollogistics.demo._canteen import simulate_canteen
from schoollogistics.food_samples import (
    COMMAND_TYPES,
    EVENT_TYPES,
    CabinetCommand,
    CabinetEvent,
    CabinetState,
    Disposal,
    FoodSample,
    Hold,
    Meal,
    MealKind,
    RecordedCabinetEvent,
    RetentionPolicy,
    SampleLog,
    TemperatureReading,
)
from schoollogistics.testing._core import StrategyTable, aware_datetimes, dates

__all__ = [
    "STRATEGIES",
    "cabinet_commands",
    "cabinet_events",
    "cabinet_states",
    "disposals",
    "food_samples",
    "holds",
    "meal_kinds",
    "meals",
    "recorded_cabinet_events",
    "retention_policies",
    "sample_logs",
    "simulate_canteen",
    "temperature_readings",
]

_IDS: Final = st.text(
    alphabet="ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789-/_",
    min_size=1,
    max_size=10,
)
_NAMES: Final = st.text(
    alphabet="米饭面条馒头包子红烧肉清炒时蔬番茄鸡蛋紫菜汤土豆丝鱼香肉豆腐青菜水果酸奶张三李四王五",
    min_size=1,
    max_size=6,
)
_OPTIONAL_NAMES: Final = st.none() | st.just("") | _NAMES
_GRAMS: Final = st.decimals(min_value=0, max_value=400, places=1)
_CELSIUS: Final = st.decimals(min_value=-30, max_value=40, places=1)


def retention_policies() -> st.SearchStrategy[RetentionPolicy]:
    """Valid retention policies (whole-second durations, a few school timezones)."""

    def build(
        args: tuple[Decimal, int, Decimal, Decimal, int, int],
    ) -> st.SearchStrategy[RetentionPolicy]:
        grams, retention_h, low, span, gap_min, extra_h = args
        return st.builds(
            RetentionPolicy,
            min_grams=st.just(grams),
            retention=st.just(pendulum.duration(hours=retention_h)),
            min_celsius=st.just(low),
            max_celsius=st.just(low + span),
            reviewer_required=st.booleans(),
            max_reading_gap=st.just(pendulum.duration(minutes=gap_min)),
            overdue_after=st.just(pendulum.duration(hours=retention_h + extra_h)),
            timezone=st.sampled_from(["Asia/Shanghai", "Asia/Urumqi", "UTC"]),
        )

    return st.tuples(
        st.decimals(min_value=50, max_value=300, places=0),
        st.integers(1, 96),
        st.decimals(min_value=-5, max_value=5, places=1),
        st.decimals(min_value=0, max_value=10, places=1),
        st.integers(15, 24 * 60),
        st.integers(0, 72),
    ).flatmap(build)


def meal_kinds() -> st.SearchStrategy[MealKind]:
    """Meal kinds."""
    return st.sampled_from(MealKind)


@st.composite
def meals(draw: st.DrawFn) -> Meal:
    """Well-formed meals (an event meal has a name)."""
    kind = draw(meal_kinds())
    return Meal(
        draw(_IDS),
        draw(dates()),
        kind,
        draw(aware_datetimes()),
        tuple(draw(st.lists(_NAMES, max_size=5, unique=True))),
        event_name=draw(_NAMES) if kind is MealKind.EVENT else None,
    )


def food_samples() -> st.SearchStrategy[FoodSample]:
    """Samples, label fields sometimes missing as in exported records."""
    return st.builds(
        FoodSample,
        _IDS,
        _IDS,
        _OPTIONAL_NAMES,
        st.none() | _GRAMS,
        aware_datetimes(),
        _OPTIONAL_NAMES,
        _OPTIONAL_NAMES,
        st.none() | _IDS,
    )


def disposals() -> st.SearchStrategy[Disposal]:
    """Disposal records, the person sometimes missing."""
    return st.builds(Disposal, _IDS, aware_datetimes(), _OPTIONAL_NAMES)


def temperature_readings() -> st.SearchStrategy[TemperatureReading]:
    """Cabinet temperature readings."""
    return st.builds(TemperatureReading, _IDS, aware_datetimes(), _CELSIUS)


@st.composite
def holds(draw: st.DrawFn) -> Hold:
    """Holds by meals, by time range or both; released or not."""
    placed = draw(aware_datetimes())
    meal_ids = tuple(draw(st.lists(_IDS, max_size=3)))
    by_range = not meal_ids or draw(st.booleans())
    start = draw(aware_datetimes()) if by_range else None
    until = start.add(seconds=draw(st.integers(1, 10**6))) if start is not None else None
    released = draw(st.booleans())
    return Hold(
        draw(_IDS),
        placed,
        draw(_NAMES),
        draw(_NAMES),
        meal_ids=meal_ids,
        taken_from=start,
        taken_until=until,
        released_at=placed.add(seconds=draw(st.integers(0, 10**6))) if released else None,
        released_by=draw(_NAMES) if released else None,
    )


def _fields() -> dict[str, st.SearchStrategy[object]]:
    """The strategy of each field name of the events and commands."""
    return {
        "meal": meals(),
        "sample": food_samples(),
        "disposal": disposals(),
        "hold": holds(),
        "reading": temperature_readings(),
        "hold_id": _IDS,
        "sample_id": _IDS,
        "released_at": aware_datetimes(),
        "at": aware_datetimes(),
        "released_by": _NAMES,
        "by": _NAMES,
        "celsius": _CELSIUS,
    }


def _built(cls: type[AttrsInstance]) -> st.SearchStrategy[AttrsInstance]:
    fields = _fields()
    return st.builds(cls, **{field.name: fields[field.name] for field in attrs.fields(cls)})


def cabinet_events() -> st.SearchStrategy[CabinetEvent]:
    """Any cabinet event (not necessarily a consistent history), one of ``EVENT_TYPES``."""
    return st.one_of(*map(_built, EVENT_TYPES))


def cabinet_commands() -> st.SearchStrategy[CabinetCommand]:
    """Any cabinet command (the cabinet may refuse it), of every type of ``COMMAND_TYPES``."""
    return st.one_of(*map(_built, COMMAND_TYPES))


def cabinet_states() -> st.SearchStrategy[CabinetState]:
    """Cabinet states (the events need not form a valid history)."""
    return st.builds(
        CabinetState, _IDS, retention_policies(), st.lists(cabinet_events(), max_size=4)
    )


def recorded_cabinet_events() -> st.SearchStrategy[RecordedCabinetEvent]:
    """Envelopes of any cabinet event with a sequence number from 1 (not a history)."""
    return st.builds(RecordedCabinetEvent, st.integers(1, 10_000), cabinet_events())


def sample_logs() -> st.SearchStrategy[SampleLog]:
    """Small logs of arbitrary records."""
    return st.builds(
        SampleLog,
        meals=st.lists(meals(), max_size=2),
        samples=st.lists(food_samples(), max_size=3),
        disposals=st.lists(disposals(), max_size=2),
        readings=st.lists(temperature_readings(), max_size=3),
        holds=st.lists(holds(), max_size=2),
    )


STRATEGIES: Final[StrategyTable] = {
    RetentionPolicy: retention_policies(),
    MealKind: meal_kinds(),
    Meal: meals(),
    FoodSample: food_samples(),
    Disposal: disposals(),
    TemperatureReading: temperature_readings(),
    Hold: holds(),
    **{cls: _built(cls) for cls in (*EVENT_TYPES, *COMMAND_TYPES)},
    CabinetState: cabinet_states(),
    RecordedCabinetEvent: recorded_cabinet_events(),
    SampleLog: sample_logs(),
}
"""One strategy per serializable public type of the area."""
