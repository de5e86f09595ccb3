"""The sample cabinet (留样柜): a pure aggregate that records food-sample operations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

import pendulum

from schoollogistics.core.ids import require_id
from schoollogistics.core.time import DateRange
from schoollogistics.core.violations import Violation
from schoollogistics.errors import FoodSampleError
from schoollogistics.food_samples._records import (
    CabinetEvent,
    CabinetState,
    Disposal,
    FoodSample,
    Hold,
    HoldPlaced,
    HoldReleased,
    Meal,
    RetentionPolicy,
    SampleDiscarded,
    SampleLog,
    SampleTaken,
    TemperatureReading,
    TemperatureRecorded,
    _moment,
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

__all__ = ["SampleCabinet"]

_E = TypeVar("_E", SampleTaken, SampleDiscarded, HoldPlaced, HoldReleased, TemperatureRecorded)


def _hours_text(duration: dt.timedelta) -> str:
    value = Decimal(int(duration.total_seconds() * 1_000_000)) / Decimal(3_600_000_000)
    return format(value.normalize(), "f")


class SampleCabinet:
    """A refrigerated sample cabinet (留样柜) and everything done with it (FS-1 … FS-8).

    The cabinet is a pure aggregate: it reads no clock (every moment is an
    argument), does no I/O, and records each accepted operation as an event.
    Every operation validates first and raises a typed
    [`FoodSampleError`][schoollogistics.errors.FoodSampleError] when it refuses;
    a refused operation leaves the cabinet exactly as it was.

    Operations: `take` a sample (FS-1, FS-2, FS-4, FS-8), `discard` it (FS-3,
    FS-6, FS-7), `place_hold` and `release` for an incident (FS-7),
    `record_temperature` (FS-5). Queries: what is inside at a moment
    (`contents`), what is due for disposal (`due_for_disposal`), what is held
    (`held`). `log` gives the plain records for
    [`audit`][schoollogistics.food_samples.audit].

    Args:
        cabinet_id: The cabinet's id.
        policy: The retention policy enforced (default: the national rules).
    """

    __slots__ = (
        "_cabinet_id",
        "_disposals",
        "_events",
        "_holds",
        "_meals",
        "_policy",
        "_readings",
        "_samples",
    )

    def __init__(self, cabinet_id: str, *, policy: RetentionPolicy | None = None) -> None:
        self._cabinet_id = require_id(cabinet_id, field="cabinet_id")
        self._policy = RetentionPolicy() if policy is None else policy
        self._events: list[CabinetEvent] = []
        self._meals: dict[str, Meal] = {}
        self._samples: dict[str, FoodSample] = {}
        self._disposals: dict[str, Disposal] = {}
        self._holds: dict[str, Hold] = {}
        self._readings: list[TemperatureReading] = []

    # ------------------------------------------------------------ construction

    @classmethod
    def from_events(
        cls,
        cabinet_id: str,
        events: Iterable[CabinetEvent],
        *,
        policy: RetentionPolicy | None = None,
    ) -> SampleCabinet:
        """Rebuild a cabinet by replaying its events (each one is validated again)."""
        cabinet = cls(cabinet_id, policy=policy)
        for event in events:
            cabinet._validate(event)
            cabinet._apply(event)
        return cabinet

    @classmethod
    def from_state(cls, state: CabinetState) -> SampleCabinet:
        """Rebuild a cabinet from its serializable state (see `state`)."""
        return cls.from_events(state.cabinet_id, state.events, policy=state.policy)

    @property
    def cabinet_id(self) -> str:
        """The cabinet's id."""
        return self._cabinet_id

    @property
    def policy(self) -> RetentionPolicy:
        """The retention policy the cabinet enforces."""
        return self._policy

    @property
    def events(self) -> tuple[CabinetEvent, ...]:
        """Every accepted operation, in order."""
        return tuple(self._events)

    def state(self) -> CabinetState:
        """The whole cabinet as one frozen, serializable record."""
        return CabinetState(self._cabinet_id, self._policy, tuple(self._events))

    # ------------------------------------------------------------ operations

    def take(self, meal: Meal, sample: FoodSample) -> SampleTaken:
        """Put a sample of one of the meal's dishes in the cabinet.

        Raises:
            MissingLabelError: a label field is missing (FS-4).
            WrongCabinetError: the sample names another cabinet.
            MealConflictError: the sample names another meal, or another meal
                with the same id is recorded.
            DuplicateSampleError: the sample id is already recorded.
            DishNotServedError: the meal did not serve the dish (FS-1).
            UnderweightSampleError: under the minimum weight (FS-2).
            SampleAfterServiceError: taken after service started (FS-8).
        """
        return self._accept(SampleTaken(meal, sample))

    def discard(self, sample_id: str, *, at: dt.datetime, by: str) -> SampleDiscarded:
        """Destroy a sample and record who did it and when (FS-6).

        Allowed exactly when the retention has elapsed (``at`` is at or after the
        earliest discard time; FS-3) and no hold on the sample is in force at
        ``at`` (FS-7).

        Raises:
            MissingLabelError: ``by`` is blank (FS-6).
            UnknownSampleError: no such sample in the cabinet.
            AlreadyDiscardedError: the sample was already destroyed.
            DiscardTooEarlyError: before the earliest discard time, which the
                error names in ``params["earliest_discard_at"]`` (FS-3).
            SampleHeldError: the sample is under a hold (FS-7).
        """
        sample_id = require_id(sample_id, field="sample_id")
        return self._accept(SampleDiscarded(Disposal(sample_id, at, by)))

    def place_hold(self, hold: Hold) -> HoldPlaced:
        """Hold samples for the authorities after a suspected incident (FS-7).

        Raises:
            DuplicateHoldError: a hold with this id is recorded.
            InvalidRecordError: the hold is already released (place it, then release
                it), or it is back-dated over a recorded disposal of a sample it covers.
        """
        return self._accept(HoldPlaced(hold))

    def hold_meals(
        self,
        hold_id: str,
        meal_ids: tuple[str, ...] | list[str],
        *,
        at: dt.datetime,
        by: str,
        reason: str,
    ) -> HoldPlaced:
        """Hold every sample of the given meals (FS-7); see `place_hold`."""
        hold = Hold.for_meals(hold_id, meal_ids, placed_at=at, placed_by=by, reason=reason)
        return self.place_hold(hold)

    def hold_period(
        self,
        hold_id: str,
        taken_from: dt.datetime,
        taken_until: dt.datetime,
        *,
        at: dt.datetime,
        by: str,
        reason: str,
    ) -> HoldPlaced:
        """Hold every sample taken in ``[taken_from, taken_until)`` (FS-7)."""
        hold = Hold.for_period(
            hold_id, taken_from, taken_until, placed_at=at, placed_by=by, reason=reason
        )
        return self.place_hold(hold)

    def release(self, hold_id: str, *, at: dt.datetime, by: str) -> HoldReleased:
        """Release a hold once the authorities allow it (FS-7).

        Raises:
            UnknownHoldError: no such hold.
            HoldAlreadyReleasedError: the hold was already released.
            InvalidRecordError: ``at`` is before the hold was placed.
        """
        return self._accept(HoldReleased(hold_id, at, by))

    def record_temperature(
        self, at: dt.datetime, celsius: Decimal | int | str
    ) -> TemperatureRecorded:
        """Record a temperature reading of the cabinet (FS-5).

        A reading outside the policy range is recorded all the same: it is a
        fact, and the audit reports it for the samples inside at that time.
        """
        return self._accept(TemperatureRecorded(TemperatureReading(self._cabinet_id, at, celsius)))

    # ------------------------------------------------------------ queries

    def sample(self, sample_id: str) -> FoodSample:
        """The sample with this id.

        Raises:
            UnknownSampleError: no such sample in the cabinet.
        """
        try:
            return self._samples[sample_id]
        except KeyError:
            raise UnknownSampleError(sample_id=sample_id, cabinet_id=self._cabinet_id) from None

    def earliest_discard_at(self, sample_id: str) -> pendulum.DateTime:
        """When the sample may first be discarded (FS-3)."""
        return self.sample(sample_id).earliest_discard_at(self._policy)

    def contents(self, at: dt.datetime) -> tuple[FoodSample, ...]:
        """The samples inside the cabinet at ``at`` (taken, not yet discarded), oldest first."""
        moment = _moment(at, "at")
        inside = [
            sample
            for sample_id, sample in self._samples.items()
            if sample.taken_at <= moment
            and (
                sample_id not in self._disposals or self._disposals[sample_id].discarded_at > moment
            )
        ]
        return tuple(sorted(inside, key=_sample_order))

    def held(self, at: dt.datetime) -> tuple[FoodSample, ...]:
        """The samples inside at ``at`` that a hold in force at ``at`` covers (FS-7)."""
        moment = _moment(at, "at")
        return tuple(s for s in self.contents(moment) if self._holds_on(s, moment))

    def due_for_disposal(self, at: dt.datetime) -> tuple[FoodSample, ...]:
        """The samples inside at ``at`` that may be discarded then (FS-3, FS-7)."""
        moment = _moment(at, "at")
        return tuple(
            s
            for s in self.contents(moment)
            if s.earliest_discard_at(self._policy) <= moment and not self._holds_on(s, moment)
        )

    @property
    def holds(self) -> tuple[Hold, ...]:
        """Every hold, with its release when released, in the order placed."""
        return tuple(self._holds.values())

    def log(self) -> SampleLog:
        """The cabinet's records as plain data for [`audit`][schoollogistics.food_samples.audit]."""
        return SampleLog(
            meals=tuple(self._meals.values()),
            samples=tuple(self._samples.values()),
            disposals=tuple(self._disposals.values()),
            readings=tuple(self._readings),
            holds=tuple(self._holds.values()),
        )

    def audit(self, period: DateRange) -> tuple[Violation, ...]:
        """Audit the cabinet's own records over ``period`` with its policy."""
        from schoollogistics.food_samples._audit import audit_log  # noqa: PLC0415 - cycle

        return audit_log(self.log(), self._policy, period)

    def check_invariants(self) -> None:
        """Check the cabinet's internal consistency (tests call it after every step).

        Raises:
            AssertionError: an invariant does not hold (a bug, never bad input).
        """
        policy = self._policy
        problems: list[str] = []
        for sample_id, disposal in self._disposals.items():
            sample = self._samples[sample_id]
            if disposal.discarded_at < sample.earliest_discard_at(policy):
                problems.append(f"{sample_id} discarded before its time")
            if self._holds_on(sample, disposal.discarded_at):
                problems.append(f"{sample_id} discarded while held")
        problems.extend(
            f"{sample.sample_id} has no meal or names another cabinet"
            for sample in self._samples.values()
            if sample.meal_id not in self._meals or sample.cabinet_id != self._cabinet_id
        )
        try:
            replayed = SampleCabinet.from_events(self._cabinet_id, self._events, policy=policy)
        except FoodSampleError as error:
            problems.append(f"replaying the events is refused: {error.code}")
        else:
            if replayed.log() != self.log():
                problems.append("replaying the events does not give the same cabinet")
        if problems:
            raise AssertionError("; ".join(problems))

    # ------------------------------------------------------------ internals

    def _holds_on(self, sample: FoodSample, at: pendulum.DateTime) -> tuple[str, ...]:
        return tuple(
            hold.hold_id
            for hold in self._holds.values()
            if hold.in_force(at) and hold.covers(sample)
        )

    def _accept(self, event: _E) -> _E:
        self._validate(event)
        self._apply(event)
        return event

    def _validate(self, event: CabinetEvent) -> None:
        match event:
            case SampleTaken(meal, sample):
                self._validate_take(meal, sample)
            case SampleDiscarded(disposal):
                self._validate_discard(disposal)
            case HoldPlaced(hold):
                if hold.hold_id in self._holds:
                    raise DuplicateHoldError(hold_id=hold.hold_id)
                if hold.released_at is not None:
                    raise InvalidRecordError(
                        record="Hold", field="released_at", reason="place the hold, then release it"
                    )
                self._validate_not_backdated(hold)
            case HoldReleased(hold_id, released_at, _):
                placed = self._holds.get(hold_id)
                if placed is None:
                    raise UnknownHoldError(hold_id=hold_id, cabinet_id=self._cabinet_id)
                if placed.released_at is not None:
                    raise HoldAlreadyReleasedError(
                        hold_id=hold_id, released_at=placed.released_at.isoformat()
                    )
                if released_at < placed.placed_at:
                    raise InvalidRecordError(
                        record="Hold",
                        field="released_at",
                        reason="a hold cannot be released before it is placed",
                    )
            case TemperatureRecorded(reading):
                if reading.cabinet_id != self._cabinet_id:
                    raise WrongCabinetError(
                        record="TemperatureReading",
                        given=reading.cabinet_id,
                        cabinet_id=self._cabinet_id,
                    )

    def _validate_take(self, meal: Meal, sample: FoodSample) -> None:
        policy = self._policy
        missing = sample.missing_labels(policy)
        if missing:
            raise MissingLabelError(sample_id=sample.sample_id, fields=missing)
        if sample.cabinet_id != self._cabinet_id:
            raise WrongCabinetError(
                record="FoodSample", given=sample.cabinet_id, cabinet_id=self._cabinet_id
            )
        if sample.meal_id != meal.meal_id:
            raise MealConflictError(
                meal_id=meal.meal_id, reason=f"the sample names meal {sample.meal_id}"
            )
        known = self._meals.get(meal.meal_id)
        if known is not None and known != meal:
            raise MealConflictError(
                meal_id=meal.meal_id, reason="another meal with this id is recorded"
            )
        if sample.sample_id in self._samples:
            raise DuplicateSampleError(sample_id=sample.sample_id)
        if sample.dish not in meal.dishes:
            raise DishNotServedError(meal_id=meal.meal_id, dish=sample.dish, served=meal.dishes)
        if sample.grams is not None and sample.grams < policy.min_grams:
            raise UnderweightSampleError(
                sample_id=sample.sample_id, grams=sample.grams, minimum=policy.min_grams
            )
        if sample.taken_at > meal.service_start:
            raise SampleAfterServiceError(
                sample_id=sample.sample_id,
                meal_id=meal.meal_id,
                taken_at=sample.taken_at.isoformat(),
                service_start=meal.service_start.isoformat(),
            )

    def _validate_not_backdated(self, hold: Hold) -> None:
        """A hold placed at t cannot cover a sample the records show discarded at or after t."""
        for sample_id, disposal in self._disposals.items():
            if hold.placed_at <= disposal.discarded_at and hold.covers(self._samples[sample_id]):
                raise InvalidRecordError(
                    record="Hold",
                    field="placed_at",
                    reason=(
                        f"sample {sample_id} was discarded at {disposal.discarded_at.isoformat()},"
                        " after the hold's placement: a hold cannot be back-dated"
                    ),
                )

    def _validate_discard(self, disposal: Disposal) -> None:
        sample_id = disposal.sample_id
        if disposal.discarded_by is None or not disposal.discarded_by.strip():
            raise MissingLabelError(sample_id=sample_id, fields=("discarded_by",))
        sample = self.sample(sample_id)
        done = self._disposals.get(sample_id)
        if done is not None:
            raise AlreadyDiscardedError(
                sample_id=sample_id, discarded_at=done.discarded_at.isoformat()
            )
        earliest = sample.earliest_discard_at(self._policy)
        if disposal.discarded_at < earliest:
            raise DiscardTooEarlyError(
                sample_id=sample_id,
                at=disposal.discarded_at.isoformat(),
                earliest_discard_at=earliest.isoformat(),
                retention_hours=_hours_text(self._policy.retention),
            )
        holds = self._holds_on(sample, disposal.discarded_at)
        if holds:
            raise SampleHeldError(sample_id=sample_id, holds=holds)

    def _apply(self, event: CabinetEvent) -> None:
        match event:
            case SampleTaken(meal, sample):
                self._meals.setdefault(meal.meal_id, meal)
                self._samples[sample.sample_id] = sample
            case SampleDiscarded(disposal):
                self._disposals[disposal.sample_id] = disposal
            case HoldPlaced(hold):
                self._holds[hold.hold_id] = hold
            case HoldReleased(hold_id, released_at, released_by):
                self._holds[hold_id] = self._holds[hold_id].released(at=released_at, by=released_by)
            case TemperatureRecorded(reading):
                self._readings.append(reading)
        self._events.append(event)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SampleCabinet):
            return NotImplemented
        return self.state() == other.state()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"SampleCabinet({self._cabinet_id!r}, samples={len(self._samples)}, "
            f"discarded={len(self._disposals)}, holds={len(self._holds)}, "
            f"readings={len(self._readings)})"
        )


def _sample_order(sample: FoodSample) -> tuple[pendulum.DateTime, str]:
    return (sample.taken_at, sample.sample_id)
