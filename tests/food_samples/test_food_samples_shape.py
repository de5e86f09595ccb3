"""The cabinet's shape: commands → events → guards → fold; replay; invariants as findings."""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import school_datetime, serialization
from schoollogistics.errors import FoodSampleError, NaiveDateTimeError, SerializationError
from schoollogistics.food_samples import (
    COMMAND_TYPES,
    DEFAULT_CHECKS,
    EVENT_TYPES,
    CabinetCommand,
    CabinetEvent,
    Discard,
    FoodSample,
    Hold,
    Meal,
    MealKind,
    PlaceHold,
    RecordTemperature,
    Release,
    SampleCabinet,
    TakeSample,
    _cabinet,
    _fold,
    _rules,
)
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
from schoollogistics.testing.food_samples import cabinet_commands, cabinet_events

LUNCH = school_datetime(2025, 9, 3, 11, 30)
TAKEN = school_datetime(2025, 9, 3, 11, 0)
MEAL = Meal("wed-lunch", LUNCH.date(), MealKind.LUNCH, LUNCH, ("米饭", "红烧肉", "青菜"))
MICRO = pendulum.duration(microseconds=1)


def sample(sample_id: str = "s1", **changes: Any) -> FoodSample:
    base = FoodSample(sample_id, "wed-lunch", "米饭", 130, TAKEN, "张三", "李四", "C1")
    return attrs.evolve(base, **changes)


def snapshot(cabinet: SampleCabinet) -> str:
    return serialization.dumps(cabinet.state())


def stocked() -> SampleCabinet:
    cabinet = SampleCabinet("C1")
    cabinet.take(MEAL, sample("s1"))
    cabinet.take(MEAL, sample("s2", dish="红烧肉"))
    cabinet.record_temperature(TAKEN, Decimal("3.5"))
    return cabinet


# ---------------------------------------------------------------- one list of types


def test_the_unions_and_the_type_tuples_agree() -> None:
    assert typing.get_args(CabinetEvent) == EVENT_TYPES
    assert typing.get_args(CabinetCommand) == COMMAND_TYPES
    assert tuple(_rules.GUARDS) == EVENT_TYPES
    assert tuple(_fold.FOLDS) == EVENT_TYPES
    assert tuple(_cabinet._EVENT_OF) == COMMAND_TYPES
    assert [c.__name__ for c in COMMAND_TYPES] == [
        "TakeSample",
        "Discard",
        "PlaceHold",
        "Release",
        "RecordTemperature",
    ]


def test_every_guard_and_check_is_named_after_its_rule() -> None:
    guards = {guard for guards in _rules.GUARDS.values() for guard in guards}
    assert {g.__name__ for g in guards} == {n for n in _rules.__all__ if n.startswith("fs")}
    for function in (*guards, *DEFAULT_CHECKS):
        match = re.fullmatch(r"fs([1-8])_\w+", function.__name__)
        assert match, function.__name__
        assert f"FS-{match[1]}" in (function.__doc__ or ""), function.__name__
    ids = {g.__name__.split("_")[0] for g in guards} | {
        c.__name__.split("_")[0] for c in DEFAULT_CHECKS
    }
    assert ids == {f"fs{n}" for n in range(1, 9)}
    assert [c.__name__ for c in DEFAULT_CHECKS] == sorted(c.__name__ for c in DEFAULT_CHECKS)


# ---------------------------------------------------------------- commands serialize


@settings(max_examples=60)
@given(command=cabinet_commands())
def test_commands_round_trip_through_serialization(command: CabinetCommand) -> None:
    data = serialization.to_dict(command, CabinetCommand)
    assert isinstance(data, dict)
    assert data["type"] == type(command).__name__
    assert serialization.from_dict(CabinetCommand, data) == command
    text = serialization.dumps([command], list[CabinetCommand])
    assert serialization.loads(list[CabinetCommand], text) == [command]


@settings(max_examples=40)
@given(event=cabinet_events())
def test_events_round_trip_through_serialization(event: CabinetEvent) -> None:
    data = serialization.to_dict(event, CabinetEvent)
    assert isinstance(data, dict)
    assert data["type"] == type(event).__name__
    assert serialization.from_dict(CabinetEvent, data) == event


def test_a_front_end_sends_a_command_as_json() -> None:
    cabinet = stocked()
    text = '{"type": "Discard", "sample_id": "s1", "at": "2025-09-05T11:00:00+08:00", "by": "王五"}'
    command = serialization.loads(CabinetCommand, text)
    assert command == Discard("s1", TAKEN.add(hours=48), "王五")
    event = cabinet.execute(command)
    assert event.disposal.discarded_at == TAKEN.add(hours=48)
    with pytest.raises(SerializationError):
        serialization.loads(CabinetCommand, text.replace("+08:00", ""))
    with pytest.raises(SerializationError):
        serialization.loads(CabinetCommand, text.replace('"Discard"', '"Destroy"'))


def test_commands_convert_and_refuse_like_their_events() -> None:
    assert RecordTemperature(TAKEN, "3.5").celsius == Decimal("3.5")
    with pytest.raises(NaiveDateTimeError):
        Discard("s1", TAKEN.naive(), "王五")
    with pytest.raises(InvalidRecordError) as info:
        RecordTemperature(TAKEN, "warm")
    assert info.value.params == {
        "record": "TemperatureReading",
        "field": "celsius",
        "reason": "'warm' is not a number",
    }


# ---------------------------------------------------------------- execute equals the methods

_HOLD = Hold.for_meals("h1", ["wed-lunch"], placed_at=TAKEN, placed_by="校长", reason="腹泻")

_PAIRS: list[tuple[CabinetCommand, Callable[[SampleCabinet], object]]] = [
    (
        TakeSample(MEAL, sample("s3", dish="青菜")),
        lambda c: c.take(MEAL, sample("s3", dish="青菜")),
    ),
    (TakeSample(MEAL, sample("s3", grams=1)), lambda c: c.take(MEAL, sample("s3", grams=1))),
    (
        Discard("s1", TAKEN.add(hours=48), "王五"),
        lambda c: c.discard("s1", at=TAKEN.add(hours=48), by="王五"),
    ),
    (
        Discard("s1", TAKEN.add(hours=47), "王五"),
        lambda c: c.discard("s1", at=TAKEN.add(hours=47), by="王五"),
    ),
    (PlaceHold(_HOLD), lambda c: c.place_hold(_HOLD)),
    (
        PlaceHold(_HOLD),
        lambda c: c.hold_meals("h1", ["wed-lunch"], at=TAKEN, by="校长", reason="腹泻"),
    ),
    (
        PlaceHold(
            Hold.for_period("h2", TAKEN, LUNCH, placed_at=TAKEN, placed_by="校长", reason="腹泻")
        ),
        lambda c: c.hold_period("h2", TAKEN, LUNCH, at=TAKEN, by="校长", reason="腹泻"),
    ),
    (Release("h9", TAKEN, "局"), lambda c: c.release("h9", at=TAKEN, by="局")),
    (RecordTemperature(TAKEN, 4), lambda c: c.record_temperature(TAKEN, 4)),
]


def _outcome(run: Callable[[], object]) -> object:
    try:
        return run()
    except FoodSampleError as error:
        return (type(error), error.params)


@pytest.mark.parametrize(("command", "method"), _PAIRS)
def test_execute_equals_the_convenience_method(
    command: CabinetCommand, method: Callable[[SampleCabinet], object]
) -> None:
    by_command, by_method = stocked(), stocked()
    assert _outcome(lambda: by_command.execute(command)) == _outcome(lambda: method(by_method))
    assert by_command == by_method


# ---------------------------------------------------------------- a refused command changes nothing


def _commands() -> st.SearchStrategy[CabinetCommand]:
    """Commands aimed at the stocked cabinet: often valid, often refused."""
    moments = st.integers(-3, 80).map(lambda h: TAKEN.add(hours=h))
    ids = st.sampled_from(["s1", "s2", "s3", "s4"])
    holds = st.sampled_from(["h1", "h2"])
    dishes = st.sampled_from(["米饭", "红烧肉", "青菜", "鱼"])
    takes = st.builds(
        lambda sid, dish, grams, minutes: TakeSample(
            MEAL, sample(sid, dish=dish, grams=grams, taken_at=TAKEN.add(minutes=minutes))
        ),
        ids,
        dishes,
        st.integers(100, 150),
        st.integers(-60, 40),
    )
    discards = st.builds(Discard, ids, moments, st.sampled_from(["王五", " "]))
    places = st.builds(
        lambda hid, at: PlaceHold(
            Hold.for_meals(hid, ["wed-lunch"], placed_at=at, placed_by="校长", reason="r")
        ),
        holds,
        moments,
    )
    releases = st.builds(Release, holds, moments, st.just("局"))
    readings = st.builds(RecordTemperature, moments, st.integers(-5, 12))
    return st.one_of(takes, discards, places, releases, readings)


@pytest.mark.rule("FS-3")
@pytest.mark.rule("FS-7")
@settings(max_examples=80)
@given(commands=st.lists(_commands(), max_size=12))
def test_refused_commands_change_nothing_and_replays_agree(commands: list[CabinetCommand]) -> None:
    cabinet = stocked()
    for command in commands:
        before = snapshot(cabinet)
        try:
            event = cabinet.execute(command)
        except FoodSampleError:
            assert snapshot(cabinet) == before
        else:
            assert cabinet.events[-1] == event
        assert cabinet.check_invariants() == ()
    checked = SampleCabinet.replay("C1", cabinet.events, check=True)
    trusted = SampleCabinet.replay("C1", cabinet.events, check=False)
    assert checked == trusted == cabinet
    assert checked.log() == trusted.log() == cabinet.log()
    assert SampleCabinet.from_state(cabinet.state(), check=False) == cabinet


def test_trusted_replay_skips_the_guards() -> None:
    events = stocked().events
    later = stocked().discard("s1", at=TAKEN.add(hours=50), by="王五")
    early = attrs.evolve(later, disposal=attrs.evolve(later.disposal, discarded_at=TAKEN))
    with pytest.raises(DiscardTooEarlyError):
        SampleCabinet.replay("C1", (*events, early))
    trusted = SampleCabinet.replay("C1", (*events, early), check=False)
    assert [v.code for v in trusted.check_invariants()] == [
        "food_samples.discarded_too_early",
        "food_samples.history_refused",
    ]


# ---------------------------------------------------------------- every guard's refusal and params

_LATER = TAKEN.add(hours=50)


def _held() -> SampleCabinet:
    cabinet = stocked()
    cabinet.hold_meals("h1", ["wed-lunch"], at=TAKEN, by="校长", reason="腹泻")
    return cabinet


def _released() -> SampleCabinet:
    cabinet = _held()
    cabinet.release("h1", at=TAKEN.add(hours=1), by="局")
    return cabinet


def _discarded() -> SampleCabinet:
    cabinet = stocked()
    cabinet.discard("s1", at=_LATER, by="王五")
    return cabinet


_ISO = TAKEN.isoformat()
_REFUSALS: list[
    tuple[str, Callable[[], SampleCabinet], CabinetCommand, type, dict[str, object]]
] = [
    (
        "FS-4",
        stocked,
        TakeSample(MEAL, sample("s9", taken_by=None, cabinet_id=" ")),
        MissingLabelError,
        {"sample_id": "s9", "fields": ("taken_by", "cabinet_id")},
    ),
    (
        "FS-3",
        stocked,
        TakeSample(MEAL, sample("s9", cabinet_id="C2")),
        WrongCabinetError,
        {"record": "FoodSample", "given": "C2", "cabinet_id": "C1"},
    ),
    (
        "FS-1",
        stocked,
        TakeSample(MEAL, sample("s9", meal_id="thu")),
        MealConflictError,
        {"meal_id": "wed-lunch", "reason": "the sample names meal thu"},
    ),
    (
        "FS-1",
        stocked,
        TakeSample(attrs.evolve(MEAL, dishes=("米饭",)), sample("s9")),
        MealConflictError,
        {"meal_id": "wed-lunch", "reason": "another meal with this id is recorded"},
    ),
    ("FS-1", stocked, TakeSample(MEAL, sample("s1")), DuplicateSampleError, {"sample_id": "s1"}),
    (
        "FS-1",
        stocked,
        TakeSample(MEAL, sample("s9", dish="鱼")),
        DishNotServedError,
        {"meal_id": "wed-lunch", "dish": "鱼", "served": ("米饭", "红烧肉", "青菜")},
    ),
    (
        "FS-2",
        stocked,
        TakeSample(MEAL, sample("s9", grams=Decimal("124.9"))),
        UnderweightSampleError,
        {"sample_id": "s9", "grams": Decimal("124.9"), "minimum": Decimal(125)},
    ),
    (
        "FS-8",
        stocked,
        TakeSample(MEAL, sample("s9", taken_at=LUNCH + MICRO)),
        SampleAfterServiceError,
        {
            "sample_id": "s9",
            "meal_id": "wed-lunch",
            "taken_at": "2025-09-03T11:30:00.000001+08:00",
            "service_start": "2025-09-03T11:30:00+08:00",
        },
    ),
    (
        "FS-6",
        stocked,
        Discard("s1", _LATER, None),
        MissingLabelError,
        {"sample_id": "s1", "fields": ("discarded_by",)},
    ),
    (
        "FS-6",
        stocked,
        Discard("s9", _LATER, "王五"),
        UnknownSampleError,
        {"sample_id": "s9", "cabinet_id": "C1"},
    ),
    (
        "FS-6",
        _discarded,
        Discard("s1", _LATER, "王五"),
        AlreadyDiscardedError,
        {"sample_id": "s1", "discarded_at": _LATER.isoformat()},
    ),
    (
        "FS-3",
        stocked,
        Discard("s1", TAKEN.add(hours=48) - MICRO, "王五"),
        DiscardTooEarlyError,
        {
            "sample_id": "s1",
            "at": "2025-09-05T10:59:59.999999+08:00",
            "earliest_discard_at": "2025-09-05T11:00:00+08:00",
            "retention_hours": "48",
        },
    ),
    (
        "FS-7",
        _held,
        Discard("s1", _LATER, "王五"),
        SampleHeldError,
        {"sample_id": "s1", "holds": ("h1",)},
    ),
    ("FS-7", _held, PlaceHold(_HOLD), DuplicateHoldError, {"hold_id": "h1"}),
    (
        "FS-7",
        stocked,
        PlaceHold(_HOLD.released(at=TAKEN, by="局")),
        InvalidRecordError,
        {"record": "Hold", "field": "released_at", "reason": "place the hold, then release it"},
    ),
    (
        "FS-7",
        _discarded,
        PlaceHold(attrs.evolve(_HOLD, placed_at=_LATER)),
        InvalidRecordError,
        {
            "record": "Hold",
            "field": "placed_at",
            "reason": f"sample s1 was discarded at {_LATER.isoformat()}, after the hold's "
            "placement: a hold cannot be back-dated",
        },
    ),
    (
        "FS-7",
        stocked,
        Release("h1", TAKEN, "局"),
        UnknownHoldError,
        {"hold_id": "h1", "cabinet_id": "C1"},
    ),
    (
        "FS-7",
        _released,
        Release("h1", _LATER, "局"),
        HoldAlreadyReleasedError,
        {"hold_id": "h1", "released_at": TAKEN.add(hours=1).isoformat()},
    ),
    (
        "FS-7",
        _held,
        Release("h1", TAKEN - MICRO, "局"),
        InvalidRecordError,
        {
            "record": "Hold",
            "field": "released_at",
            "reason": "a hold cannot be released before it is placed",
        },
    ),
]


@pytest.mark.parametrize(("rule_id", "make", "command", "error", "params"), _REFUSALS)
def test_each_guard_refuses_with_its_params(
    rule_id: str,
    make: Callable[[], SampleCabinet],
    command: CabinetCommand,
    error: type[FoodSampleError],
    params: dict[str, object],
) -> None:
    # rule: FS-1 FS-2 FS-3 FS-4 FS-6 FS-7 FS-8 (each row names its rule)
    cabinet = make()
    before = snapshot(cabinet)
    with pytest.raises(error) as info:
        cabinet.execute(command)
    assert info.value.params == params
    for name, value in params.items():
        assert getattr(info.value, name) == value
    assert snapshot(cabinet) == before
    assert rule_id.startswith("FS-")
    assert not re.search(r"\{[a-z_]+\}", info.value.message_en + info.value.message_zh)
    assert _ISO  # the moments of the table are in the school's zone


@pytest.mark.rule("FS-5")
def test_reading_of_another_cabinet_is_refused_with_params() -> None:
    from schoollogistics.food_samples import TemperatureReading, TemperatureRecorded

    cabinet = stocked()
    with pytest.raises(WrongCabinetError) as info:
        cabinet._record(TemperatureRecorded(TemperatureReading("C2", TAKEN, 3)))
    assert info.value.params == {"record": "TemperatureReading", "given": "C2", "cabinet_id": "C1"}
    assert cabinet.record_temperature(TAKEN, 30).reading.celsius == 30  # out of range: recorded


# ---------------------------------------------------------------- FS-3 and FS-7 boundaries


@pytest.mark.rule("FS-3")
def test_discard_exactly_at_the_earliest_moment_and_one_microsecond_before() -> None:
    cabinet = stocked()
    with pytest.raises(DiscardTooEarlyError):
        cabinet.discard("s1", at=TAKEN.add(hours=48) - MICRO, by="王五")
    cabinet.discard("s1", at=TAKEN.add(hours=48), by="王五")
    strict = SampleCabinet(
        "C1", policy=attrs.evolve(cabinet.policy, retention=pendulum.duration(hours=72))
    )
    strict.take(MEAL, sample("s1"))
    with pytest.raises(DiscardTooEarlyError) as info:
        strict.discard("s1", at=TAKEN.add(hours=48), by="王五")
    assert info.value.params["retention_hours"] == "72"
    assert info.value.params["earliest_discard_at"] == TAKEN.add(hours=72).isoformat()


@pytest.mark.rule("FS-7")
def test_a_hold_is_in_force_from_its_placement_to_just_before_its_release() -> None:
    placed, released = TAKEN.add(hours=49), TAKEN.add(hours=60)
    cabinet = stocked()
    cabinet.hold_meals("h1", ["wed-lunch"], at=placed, by="校长", reason="腹泻")
    cabinet.release("h1", at=released, by="局")
    cabinet.discard("s2", at=placed - MICRO, by="王五")  # before the placement
    for at in (placed, placed + MICRO, released - MICRO):
        with pytest.raises(SampleHeldError):
            cabinet.discard("s1", at=at, by="王五")
    cabinet.discard("s1", at=released, by="王五")  # the release moment is free
    assert cabinet.check_invariants() == ()


@pytest.mark.rule("FS-7")
def test_a_hold_period_is_half_open() -> None:
    start, until = TAKEN.subtract(minutes=10), TAKEN.add(minutes=10)
    cabinet = SampleCabinet("C1")
    for name, taken in [
        ("before", start - MICRO),
        ("first", start),
        ("last", until - MICRO),
        ("end", until),
    ]:
        cabinet.take(MEAL, sample(name, taken_at=taken))
    cabinet.hold_period("h1", start, until, at=TAKEN.add(hours=1), by="校长", reason="腹泻")
    late = TAKEN.add(hours=60)
    assert [s.sample_id for s in cabinet.held(late)] == ["first", "last"]
    assert [s.sample_id for s in cabinet.due_for_disposal(late)] == ["before", "end"]
    hold = cabinet.holds[0]
    assert [hold.covers(cabinet.sample(n)) for n in ("before", "first", "last", "end")] == [
        False,
        True,
        True,
        False,
    ]
    assert not hold.in_force(TAKEN.add(hours=1) - MICRO)
    assert hold.in_force(TAKEN.add(hours=1))


@pytest.mark.rule("FS-7")
def test_a_hold_can_be_placed_just_after_a_disposal_not_at_it() -> None:
    cabinet = _discarded()
    with pytest.raises(InvalidRecordError):
        cabinet.hold_meals("h1", ["wed-lunch"], at=_LATER, by="校长", reason="r")
    cabinet.hold_meals("h1", ["wed-lunch"], at=_LATER + MICRO, by="校长", reason="r")
    other = _discarded()  # a hold on other meals is not back-dated over this disposal
    other.hold_meals("h2", ["thu-lunch"], at=TAKEN, by="校长", reason="r")
    other.release("h2", at=TAKEN, by="局")  # released at the moment placed: allowed
    assert other.holds[0].released_at == TAKEN
