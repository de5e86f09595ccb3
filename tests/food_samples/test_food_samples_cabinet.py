"""The sample cabinet: refusals change nothing, discarding follows FS-3 and FS-7 exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    precondition,
    rule,
)

from schoollogistics import DateRange, school_datetime, serialization
from schoollogistics.errors import FoodSampleError, NaiveDateTimeError
from schoollogistics.food_samples import (
    CabinetEvent,
    CabinetState,
    FoodSample,
    Hold,
    HoldPlaced,
    Meal,
    MealKind,
    RetentionPolicy,
    SampleCabinet,
    SampleDiscarded,
    SampleTaken,
)
from schoollogistics.food_samples._fold import fold
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

LUNCH = school_datetime(2025, 9, 3, 11, 30)
TAKEN = school_datetime(2025, 9, 3, 11, 0)


def lunch(meal_id: str = "wed-lunch", start: pendulum.DateTime = LUNCH) -> Meal:
    return Meal(meal_id, start.date(), MealKind.LUNCH, start, ("米饭", "红烧肉", "青菜"))


def sample(sample_id: str = "s1", **changes: Any) -> FoodSample:
    base = FoodSample(sample_id, "wed-lunch", "米饭", 130, TAKEN, "张三", "李四", "C1")
    return attrs.evolve(base, **changes)


def snapshot(cabinet: SampleCabinet) -> str:
    return serialization.dumps(cabinet.state())


def stocked() -> SampleCabinet:
    cabinet = SampleCabinet("C1")
    cabinet.take(lunch(), sample("s1"))
    cabinet.take(lunch(), sample("s2", dish="红烧肉"))
    cabinet.record_temperature(TAKEN, Decimal("3.5"))
    return cabinet


# ---------------------------------------------------------------- taking


@pytest.mark.parametrize(
    ("meal", "taken", "error", "rule_id"),
    [
        (lunch(), sample("s9", dish="鱼"), DishNotServedError, "FS-1"),
        (lunch(), sample("s9", grams=Decimal("124.99")), UnderweightSampleError, "FS-2"),
        (lunch(), sample("s9", taken_by=" "), MissingLabelError, "FS-4"),
        (lunch(), sample("s9", reviewed_by=None), MissingLabelError, "FS-4"),
        (lunch(), sample("s9", grams=None), MissingLabelError, "FS-4"),
        (lunch(), sample("s9", taken_at=LUNCH.add(seconds=1)), SampleAfterServiceError, "FS-8"),
        (lunch(), sample("s9", cabinet_id="C2"), WrongCabinetError, "FS-3"),
        (lunch(), sample("s9", meal_id="other"), MealConflictError, "FS-1"),
        (lunch(start=LUNCH.add(minutes=5)), sample("s9"), MealConflictError, "FS-1"),
        (lunch(), sample("s1"), DuplicateSampleError, "FS-1"),
    ],
)
def test_take_refusals_change_nothing(
    meal: Meal, taken: FoodSample, error: type[FoodSampleError], rule_id: str
) -> None:
    # rule: FS-1 FS-2 FS-4 FS-8 (each row names its rule)
    cabinet = stocked()
    before = snapshot(cabinet)
    with pytest.raises(error) as info:
        cabinet.take(meal, taken)
    assert info.value.code.startswith("food_samples.")
    assert info.value.message_zh
    assert snapshot(cabinet) == before
    assert rule_id.startswith("FS-")


@pytest.mark.rule("FS-2")
def test_minimum_weight_is_allowed_and_configurable() -> None:
    cabinet = SampleCabinet("C1")
    cabinet.take(lunch(), sample(grams=125))
    strict = SampleCabinet("C1", policy=RetentionPolicy(min_grams=200))
    with pytest.raises(UnderweightSampleError) as info:
        strict.take(lunch(), sample(grams=150))
    assert info.value.params["minimum"] == Decimal(200)
    assert "200" in info.value.message_zh


@pytest.mark.rule("FS-8")
def test_taken_at_service_start_is_allowed() -> None:
    SampleCabinet("C1").take(lunch(), sample(taken_at=LUNCH))


@pytest.mark.rule("FS-4")
def test_reviewer_requirement_is_configurable() -> None:
    lenient = SampleCabinet("C1", policy=RetentionPolicy(reviewer_required=False))
    lenient.take(lunch(), sample(reviewed_by=None))
    with pytest.raises(MissingLabelError) as info:
        SampleCabinet("C1").take(lunch(), sample(reviewed_by=None, taken_by=None))
    assert info.value.params["fields"] == ("taken_by", "reviewed_by")


# ---------------------------------------------------------------- discarding


@pytest.mark.rule("FS-3")
@pytest.mark.rule("FS-7")
@given(offset=st.integers(-7200, 7200), held=st.booleans(), released=st.booleans())
def test_discard_allowed_exactly_when_retention_elapsed_and_not_held(
    offset: int, held: bool, released: bool
) -> None:
    cabinet = stocked()
    at = TAKEN.add(hours=48).add(seconds=offset)
    if held:
        cabinet.hold_meals("h1", ["wed-lunch"], at=TAKEN.add(hours=1), by="校长", reason="腹泻")
        if released:
            cabinet.release("h1", at=TAKEN.add(hours=47), by="疾控中心")
    before = snapshot(cabinet)
    in_force = held and not released
    allowed = offset >= 0 and not in_force
    assert (cabinet.sample("s1") in cabinet.due_for_disposal(at)) == allowed
    if allowed:
        event = cabinet.discard("s1", at=at, by="王五")
        assert event.disposal.discarded_at == at
        assert cabinet.sample("s1") not in cabinet.contents(at)
    else:
        with pytest.raises((DiscardTooEarlyError, SampleHeldError)):
            cabinet.discard("s1", at=at, by="王五")
        assert snapshot(cabinet) == before
    assert cabinet.check_invariants() == ()


@pytest.mark.rule("FS-3")
def test_exactly_48_hours_allowed_one_second_less_refused() -> None:
    cabinet = stocked()
    with pytest.raises(DiscardTooEarlyError) as info:
        cabinet.discard("s1", at=TAKEN.add(hours=48).subtract(seconds=1), by="王五")
    error = info.value
    assert error.code == "food_samples.discard_too_early"
    assert error.params["earliest_discard_at"] == "2025-09-05T11:00:00+08:00"
    assert "2025-09-05T11:00:00+08:00" in error.message_en
    assert "2025-09-05T11:00:00+08:00" in error.message_zh
    assert error.params["retention_hours"] == "48"
    assert cabinet.earliest_discard_at("s1") == TAKEN.add(hours=48)
    cabinet.discard("s1", at=TAKEN.add(hours=48), by="王五")


@pytest.mark.rule("FS-6")
def test_discard_records_who_and_when_and_refuses_twice() -> None:
    cabinet = stocked()
    at = TAKEN.add(hours=50)
    event = cabinet.discard("s1", at=at, by="王五")
    assert isinstance(event, SampleDiscarded)
    assert (event.disposal.discarded_by, event.disposal.discarded_at) == ("王五", at)
    before = snapshot(cabinet)
    with pytest.raises(AlreadyDiscardedError):
        cabinet.discard("s1", at=at.add(hours=1), by="王五")
    with pytest.raises(MissingLabelError):
        cabinet.discard("s2", at=at, by=" ")
    with pytest.raises(UnknownSampleError) as info:
        cabinet.discard("nope", at=at, by="王五")
    assert "nope" in str(info.value)
    assert snapshot(cabinet) == before


def test_naive_datetimes_are_refused() -> None:
    cabinet = stocked()
    with pytest.raises(NaiveDateTimeError):
        cabinet.discard("s1", at=dt.datetime(2025, 9, 6, 12), by="王五")  # noqa: DTZ001
    with pytest.raises(NaiveDateTimeError):
        cabinet.contents(dt.datetime(2025, 9, 6, 12))  # noqa: DTZ001


# ---------------------------------------------------------------- holds


@pytest.mark.rule("FS-7")
def test_hold_by_period_and_release() -> None:
    cabinet = stocked()
    cabinet.take(
        lunch("thu", LUNCH.add(days=1)), sample("s3", meal_id="thu", taken_at=TAKEN.add(days=1))
    )
    event = cabinet.hold_period(
        "h1", TAKEN, TAKEN.add(hours=1), at=TAKEN.add(hours=5), by="校长", reason="疑似食物中毒"
    )
    assert isinstance(event, HoldPlaced)
    late = TAKEN.add(days=3)
    assert [s.sample_id for s in cabinet.held(late)] == ["s1", "s2"]
    assert [s.sample_id for s in cabinet.due_for_disposal(late)] == ["s3"]  # not in the range
    assert [s.sample_id for s in cabinet.held(TAKEN.add(hours=1))] == []  # not yet placed
    with pytest.raises(SampleHeldError) as info:
        cabinet.discard("s1", at=late, by="王五")
    assert info.value.params["holds"] == ("h1",)
    cabinet.release("h1", at=late, by="市场监管局")
    assert cabinet.holds[0].released_by == "市场监管局"
    assert [s.sample_id for s in cabinet.due_for_disposal(late)] == ["s1", "s2", "s3"]
    cabinet.discard("s1", at=late, by="王五")
    assert cabinet.check_invariants() == ()


def test_hold_refusals_change_nothing() -> None:
    cabinet = stocked()
    cabinet.hold_meals("h1", ["wed-lunch"], at=TAKEN, by="校长", reason="腹泻")
    before = snapshot(cabinet)
    with pytest.raises(DuplicateHoldError):
        cabinet.hold_meals("h1", ["x"], at=TAKEN, by="校长", reason="腹泻")
    with pytest.raises(UnknownHoldError) as info:
        cabinet.release("h9", at=TAKEN, by="校长")
    assert "h9" in str(info.value)
    with pytest.raises(InvalidRecordError):
        cabinet.release("h1", at=TAKEN.subtract(seconds=1), by="校长")
    released = Hold.for_meals("h2", ["m"], placed_at=TAKEN, placed_by="校长", reason="r").released(
        at=TAKEN, by="校长"
    )
    with pytest.raises(InvalidRecordError):
        cabinet.place_hold(released)
    assert snapshot(cabinet) == before
    cabinet.release("h1", at=TAKEN.add(hours=1), by="校长")
    with pytest.raises(HoldAlreadyReleasedError):
        cabinet.release("h1", at=TAKEN.add(hours=2), by="校长")


def test_reading_for_another_cabinet_is_refused() -> None:
    cabinet = stocked()
    before = snapshot(cabinet)
    from schoollogistics.food_samples import TemperatureReading, TemperatureRecorded

    with pytest.raises(WrongCabinetError):
        cabinet._record(TemperatureRecorded(TemperatureReading("C2", TAKEN, 3)))
    assert snapshot(cabinet) == before


# ---------------------------------------------------------------- queries and state


def test_contents_over_time() -> None:
    cabinet = stocked()
    assert cabinet.contents(TAKEN.subtract(seconds=1)) == ()
    assert [s.sample_id for s in cabinet.contents(TAKEN)] == ["s1", "s2"]
    cabinet.discard("s2", at=TAKEN.add(hours=49), by="王五")
    assert [s.sample_id for s in cabinet.contents(TAKEN.add(hours=49))] == ["s1"]
    assert [s.sample_id for s in cabinet.contents(TAKEN.add(hours=48))] == ["s1", "s2"]


def test_state_round_trips_and_replays() -> None:
    cabinet = stocked()
    cabinet.hold_meals("h1", ["wed-lunch"], at=TAKEN, by="校长", reason="腹泻")
    cabinet.release("h1", at=TAKEN.add(hours=2), by="校长")
    cabinet.discard("s1", at=TAKEN.add(hours=50), by="王五")
    state = cabinet.state()
    text = serialization.dumps(state)
    again = SampleCabinet.from_state(serialization.loads(CabinetState, text))
    assert again == cabinet
    assert again.log() == cabinet.log()
    assert serialization.dumps(again.state()) == text
    events: list[CabinetEvent] = serialization.loads(
        list[CabinetEvent], serialization.dumps(list(cabinet.events), list[CabinetEvent])
    )
    assert tuple(events) == cabinet.events
    assert '"type":"SampleTaken"' in serialization.dumps(list(cabinet.events), list[CabinetEvent])
    assert cabinet != SampleCabinet("C1")
    assert cabinet.__eq__(object()) is NotImplemented
    assert "samples=2" in repr(cabinet)
    assert cabinet.cabinet_id == "C1"
    assert cabinet.policy == RetentionPolicy()


def test_replay_validates_every_event() -> None:
    bad = (SampleTaken(lunch(), sample(grams=10)),)
    with pytest.raises(UnderweightSampleError):
        SampleCabinet.replay("C1", bad)


def test_cabinet_audits_its_own_records() -> None:
    cabinet = SampleCabinet("C1")
    meal = lunch()
    for number, dish in enumerate(meal.dishes):
        cabinet.take(meal, sample(f"s{number}", dish=dish, taken_at=TAKEN.add(minutes=number)))
    moment = TAKEN.subtract(hours=1)
    while moment < TAKEN.add(hours=60):
        cabinet.record_temperature(moment, Decimal(4))
        moment = moment.add(minutes=30)
    for number in range(3):
        cabinet.discard(f"s{number}", at=TAKEN.add(hours=50), by="王五")
    period = DateRange(TAKEN.date(), TAKEN.date().add(days=3))
    assert cabinet.audit(period) == ()
    cabinet.record_temperature(TAKEN.add(hours=2, minutes=10), Decimal(11))
    assert {v.code for v in cabinet.audit(period)} == {"food_samples.temperature_out_of_range"}


def test_check_invariants_can_fail() -> None:
    cabinet = stocked()
    assert cabinet.check_invariants() == ()
    cabinet._contents.samples["s1"] = sample("s1", meal_id="ghost", cabinet_id="C9")
    found = cabinet.check_invariants()
    assert [(v.code, v.subject, dict(v.params)) for v in found[:2]] == [
        ("food_samples.sample_without_meal", "s1", {"meal": "ghost"}),
        ("food_samples.sample_in_other_cabinet", "s1", {"given": "C9", "cabinet": "C1"}),
    ]
    assert found[2].code == "food_samples.history_mismatch"
    broken = stocked()
    broken.hold_meals("h1", ["wed-lunch"], at=TAKEN, by="校长", reason="r")
    fold(broken._contents, SampleDiscarded(attrs.evolve(_disposal("s1"), discarded_at=TAKEN)))
    found = broken.check_invariants()
    assert [v.code for v in found] == [
        "food_samples.discarded_too_early",
        "food_samples.held_sample_discarded",
        "food_samples.history_refused",
    ]
    assert found[0].rule == "FS-3"
    assert dict(found[0].params) == {
        "discarded_at": TAKEN.isoformat(),
        "earliest_discard_at": TAKEN.add(hours=48).isoformat(),
        "retention_hours": "48",
    }
    assert dict(found[1].params) == {"discarded_at": TAKEN.isoformat(), "hold": "h1"}
    assert dict(found[2].params) == {
        "index": "4",
        "event": "SampleDiscarded",
        "refusal": "food_samples.discard_too_early",
    }
    drifted = stocked()
    drifted._contents.readings.clear()
    assert [v.code for v in drifted.check_invariants()] == ["food_samples.history_mismatch"]
    orphan = stocked()
    orphan._contents.disposals["zz"] = _disposal("zz")
    assert [v.code for v in orphan.check_invariants()] == [
        "food_samples.disposal_without_sample",
        "food_samples.history_mismatch",
    ]


def _disposal(sample_id: str) -> Any:
    from schoollogistics.food_samples import Disposal

    return Disposal(sample_id, TAKEN.add(hours=50), "王五")


# ---------------------------------------------------------------- a stateful model


class CabinetMachine(RuleBasedStateMachine):
    """The cabinet beside a trivial model; every refusal leaves the cabinet unchanged."""

    samples = Bundle("samples")

    def __init__(self) -> None:
        super().__init__()
        self.cabinet = SampleCabinet("C1")
        self.model_discarded: set[str] = set()
        self.model_meal: dict[str, str] = {}  # sample id -> meal id
        self.model_held_meals: dict[str, bool] = {}  # hold id -> released
        self.count = 0

    @rule(
        target=samples, dish=st.sampled_from(["米饭", "红烧肉", "鱼"]), grams=st.integers(100, 150)
    )
    def take(self, dish: str, grams: int) -> str:
        self.count += 1
        sample_id = f"s{self.count}"
        meal_id = f"m{self.count % 3}"
        meal = lunch(meal_id, LUNCH.add(days=self.count % 3))
        taken = sample(
            sample_id,
            meal_id=meal_id,
            dish=dish,
            grams=grams,
            taken_at=TAKEN.add(days=self.count % 3),
        )
        ok = dish != "鱼" and grams >= 125
        if self._attempt(lambda: self.cabinet.take(meal, taken), ok=ok):
            self.model_meal[sample_id] = meal_id
        return sample_id

    @rule(sample_id=samples, hours=st.integers(40, 120))
    def discard(self, sample_id: str, hours: int) -> None:
        known = sample_id in {s.sample_id for s in self.cabinet.log().samples}
        at = TAKEN.add(hours=hours)
        ok = False
        if known:
            found = self.cabinet.sample(sample_id)
            held = any(hold.in_force(at) and hold.covers(found) for hold in self.cabinet.holds)
            ok = (
                sample_id not in self.model_discarded
                and at >= found.taken_at.add(hours=48)
                and not held
            )
        if self._attempt(lambda: self.cabinet.discard(sample_id, at=at, by="王五"), ok=ok):
            self.model_discarded.add(sample_id)

    @rule(meal=st.sampled_from(["m0", "m1", "m2"]))
    def hold(self, meal: str) -> None:
        hold_id = f"h-{meal}"
        backdated = any(self.model_meal[s] == meal for s in self.model_discarded)
        ok = hold_id not in self.model_held_meals and not backdated
        if self._attempt(
            lambda: self.cabinet.hold_meals(hold_id, [meal], at=TAKEN, by="校长", reason="r"),
            ok=ok,
        ):
            self.model_held_meals[hold_id] = False

    @precondition(lambda self: bool(self.model_held_meals))
    @rule(data=st.data())
    def release(self, data: st.DataObject) -> None:
        hold_id = data.draw(st.sampled_from(sorted(self.model_held_meals)))
        ok = not self.model_held_meals[hold_id]
        if self._attempt(
            lambda: self.cabinet.release(hold_id, at=TAKEN.add(hours=60), by="局"), ok=ok
        ):
            self.model_held_meals[hold_id] = True

    @rule(sample_id=consumes(samples))
    def forget(self, sample_id: str) -> None:
        """Drop an id from the bundle (keeps the bundle small)."""

    def _attempt(self, operation: Any, *, ok: bool) -> bool:
        before = snapshot(self.cabinet)
        try:
            operation()
        except FoodSampleError:
            assert not ok
            assert snapshot(self.cabinet) == before
            return False
        assert ok
        return True

    @invariant()
    def consistent(self) -> None:
        assert self.cabinet.check_invariants() == ()
        assert {d.sample_id for d in self.cabinet.log().disposals} == self.model_discarded


CabinetMachine.TestCase.settings = settings(max_examples=25, stateful_step_count=15)
test_cabinet_state_machine = pytest.mark.rule("FS-7")(CabinetMachine.TestCase)


@pytest.mark.rule("FS-7")
def test_a_hold_cannot_be_backdated_over_a_disposal() -> None:
    cabinet = stocked()
    cabinet.discard("s1", at=TAKEN.add(hours=50), by="王五")
    before = snapshot(cabinet)
    with pytest.raises(InvalidRecordError) as info:
        cabinet.hold_meals("h1", ["wed-lunch"], at=TAKEN.add(hours=49), by="校长", reason="r")
    assert "back-dated" in info.value.message_en
    assert snapshot(cabinet) == before
    cabinet.hold_meals("h1", ["wed-lunch"], at=TAKEN.add(hours=51), by="校长", reason="r")
    assert cabinet.check_invariants() == ()


# ---------------------------------------------------------------- the 48-hour boundary in any zone

_ZONES = ["Asia/Shanghai", "UTC", "America/New_York", "Europe/London", "Asia/Kolkata"]


@pytest.mark.rule("FS-3")
@settings(max_examples=60)
@given(
    taken_s=st.integers(
        int(school_datetime(1986, 1, 1).timestamp()), int(school_datetime(2035, 1, 1).timestamp())
    ),
    offset=st.sampled_from([-1, 0, 1]) | st.integers(-3 * 86_400, 3 * 86_400),
    taken_zone=st.sampled_from(_ZONES),
    at_zone=st.sampled_from(_ZONES),
    stdlib=st.booleans(),
)
def test_discard_boundary_is_exact_whatever_the_zone_of_the_moments(
    taken_s: int, offset: int, taken_zone: str, at_zone: str, stdlib: bool
) -> None:
    """Exactly 48 h is allowed and 48 h - 1 s refused, by the cabinet and by the audit.

    The moments are given in any zone, as pendulum or stdlib aware datetimes, and the
    sample may be taken in Shanghai's daylight-saving years (1986-1991) or today (no DST).
    """
    from zoneinfo import ZoneInfo

    from schoollogistics.food_samples import Disposal, TemperatureReading, audit

    def moment(seconds: int, zone: str) -> dt.datetime:
        if stdlib:
            return dt.datetime.fromtimestamp(seconds, tz=ZoneInfo(zone))
        return pendulum.from_timestamp(seconds, tz=zone)

    taken = moment(taken_s, taken_zone)
    school_taken = pendulum.from_timestamp(taken_s, tz="Asia/Shanghai")
    start = school_taken.add(minutes=10)
    meal = Meal("m", start.date(), MealKind.LUNCH, start, ("米饭",))
    cabinet = SampleCabinet("C1")
    cabinet.take(meal, sample("s1", meal_id="m", taken_at=taken))
    at = moment(taken_s + 48 * 3600 + offset, at_zone)
    assert (cabinet.earliest_discard_at("s1").timestamp() - taken_s) == 48 * 3600
    before = snapshot(cabinet)
    if offset >= 0:
        cabinet.discard("s1", at=at, by="王五")
    else:
        with pytest.raises(DiscardTooEarlyError) as info:
            cabinet.discard("s1", at=at, by="王五")
        earliest = dt.datetime.fromisoformat(str(info.value.params["earliest_discard_at"]))
        assert earliest.timestamp() == taken_s + 48 * 3600
        assert snapshot(cabinet) == before
    # the audit reads the same boundary from plain records
    readings = [
        TemperatureReading("C1", school_taken.add(hours=h), Decimal(4)) for h in range(-1, 80)
    ]
    period = DateRange(school_taken.date(), school_taken.date().add(days=2))
    record = FoodSample("s1", "m", "米饭", 130, taken, "张三", "李四", "C1")
    found = audit(
        [meal], [record], [Disposal("s1", at, "王五")], readings, RetentionPolicy(), period
    )
    early = {v.code for v in found} & {"food_samples.discarded_too_early"}
    assert bool(early) == (offset < 0)
