"""The sample cabinet (留样柜): a pure aggregate that records food-sample operations.

A command ([`TakeSample`][schoollogistics.food_samples.TakeSample] …) becomes an
event, the guards of ``_rules.py`` check it against the state, and the fold of
``_fold.py`` records it: command → event → guards → fold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Final, cast, overload

import pendulum

from schoollogistics.core import _columnar
from schoollogistics.core._versions import check_expected_version, check_sequences, check_since
from schoollogistics.core.findings import FINDINGS
from schoollogistics.core.ids import require_id
from schoollogistics.core.shapes import check_instance_of
from schoollogistics.core.time import DateRange, DateTimeInput, hours_text
from schoollogistics.core.violations import Violation
from schoollogistics.errors import FieldTypeError, FoodSampleError
from schoollogistics.food_samples._commands import (
    CabinetCommand,
    Discard,
    PlaceHold,
    RecordTemperature,
    Release,
    TakeSample,
)
from schoollogistics.food_samples._events import (
    CabinetEvent,
    CabinetState,
    HoldPlaced,
    HoldReleased,
    RecordedCabinetEvent,
    SampleDiscarded,
    SampleTaken,
    TemperatureRecorded,
)
from schoollogistics.food_samples._fold import Contents, fold
from schoollogistics.food_samples._policy import RetentionPolicy
from schoollogistics.food_samples._records import (
    Disposal,
    FoodSample,
    Hold,
    Meal,
    SampleLog,
    TemperatureReading,
    _moment,
)
from schoollogistics.food_samples._rules import GUARDS, check
from schoollogistics.food_samples.errors import UnknownSampleError

__all__ = ["SampleCabinet"]


class SampleCabinet:
    """A refrigerated sample cabinet (留样柜) and everything done with it (FS-1 … FS-8).

    The cabinet is a pure aggregate: it reads no clock (every moment is an
    argument), does no I/O, and records each accepted command as an event.
    [`execute`][schoollogistics.food_samples.SampleCabinet.execute] is the one
    entry point: it builds the event, runs the guards of its type and raises a
    typed [`FoodSampleError`][schoollogistics.errors.FoodSampleError] when one
    refuses (the cabinet is then exactly as it was), or folds the event in.

    Commands (and the convenience method building each): `TakeSample` (`take`;
    FS-1, FS-2, FS-4, FS-8), `Discard` (`discard`; FS-3, FS-6, FS-7), `PlaceHold`
    (`place_hold`, `hold_meals`, `hold_period`) and `Release` (`release`) for an
    incident (FS-7), `RecordTemperature` (`record_temperature`; FS-5). Queries:
    what is inside at a moment (`contents`), what is due for disposal
    (`due_for_disposal`), what is held (`held`). `log` gives the plain records
    for [`audit`][schoollogistics.food_samples.audit].

    Optimistic concurrency: the cabinet's
    [`version`][schoollogistics.food_samples.SampleCabinet.version] is the
    number of events it holds. ``execute`` and each convenience method take
    ``expected_version``, the version the caller built the command from; when the
    cabinet has moved past it the call is refused with
    [`VersionConflictError`][schoollogistics.errors.VersionConflictError] and
    changes nothing. [`recorded`][schoollogistics.food_samples.SampleCabinet.recorded]
    gives the events with their sequence numbers (1 for the first), and
    [`from_recorded`][schoollogistics.food_samples.SampleCabinet.from_recorded]
    rebuilds the cabinet from them.

    Args:
        cabinet_id: The cabinet's id.
        policy: The retention policy enforced (default: the national rules).
    """

    __slots__ = ("_cabinet_id", "_contents", "_policy")

    def __init__(self, cabinet_id: str, *, policy: RetentionPolicy | None = None) -> None:
        self._cabinet_id = require_id(cabinet_id, field="cabinet_id")
        self._policy = RetentionPolicy() if policy is None else policy
        self._contents = Contents(self._cabinet_id)

    # ------------------------------------------------------------ construction

    @classmethod
    def replay(
        cls,
        cabinet_id: str,
        events: Iterable[CabinetEvent],
        *,
        policy: RetentionPolicy | None = None,
        check: bool = True,
    ) -> SampleCabinet:
        """Rebuild a cabinet from its events.

        Args:
            cabinet_id: The cabinet's id.
            events: Its events, in order.
            policy: The retention policy (default: the national rules).
            check: Run every event through the guards again (the default); a
                refused event raises its typed error. ``check=False`` is the
                trusted replay of events this library recorded: it folds them
                without the guards (faster; `check_invariants` can vouch for the
                result).

        Raises:
            FoodSampleError: with ``check=True``, an event the rules refuse.
        """
        cabinet = cls(cabinet_id, policy=policy)
        if check:
            for event in events:
                cabinet._record(event)
        else:
            contents = cabinet._contents
            for event in events:
                fold(contents, event)
        return cabinet

    @classmethod
    def from_state(cls, state: CabinetState, *, check: bool = True) -> SampleCabinet:
        """Rebuild a cabinet from its serializable state (see `state` and `replay`)."""
        return cls.replay(state.cabinet_id, state.events, policy=state.policy, check=check)

    @classmethod
    def from_recorded(
        cls,
        cabinet_id: str,
        recorded: Sequence[RecordedCabinetEvent],
        *,
        policy: RetentionPolicy | None = None,
        check: bool = True,
    ) -> SampleCabinet:
        """Rebuild a cabinet from its recorded events (a list or tuple, as a store returns them).

        The sequence numbers must run 1, 2, 3 … in the order given: a gap, a
        duplicate or an out-of-order number is refused before anything is
        folded. Then the events are replayed as by
        [`replay`][schoollogistics.food_samples.SampleCabinet.replay].
        ``from_recorded(c.cabinet_id, c.recorded(), policy=c.policy)`` equals ``c``.

        Raises:
            FieldTypeError: ``recorded`` is not a list or tuple, or an item of it
                is not a ``RecordedCabinetEvent``.
            EventSequenceError: a gap, duplicate or out-of-order sequence number.
            FoodSampleError: with ``check=True``, an event the rules refuse.
        """
        envelopes = _envelopes(recorded)
        check_sequences(envelope.sequence for envelope in envelopes)
        events = [envelope.event for envelope in envelopes]
        return cls.replay(cabinet_id, events, policy=policy, check=check)

    @property
    def version(self) -> int:
        """The number of events the cabinet holds (0 when new).

        A write built from this version passes it as ``expected_version``; the
        sequence number of the next event recorded is ``version + 1``.
        """
        return len(self._contents.events)

    def recorded(self, since: int = 0) -> tuple[RecordedCabinetEvent, ...]:
        """The events recorded after version ``since``, each with its sequence number.

        ``recorded()`` is the whole history (sequences 1 … ``version``); after
        a write built from version ``v``, ``recorded(v)`` is what to append to
        the store.

        Raises:
            FieldTypeError: ``since`` is not an ``int``.
            ValueOutOfRangeError: ``since`` is negative or beyond ``version``.
        """
        events = self._contents.events
        start = check_since(since, len(events))
        return tuple(
            RecordedCabinetEvent(sequence, event)
            for sequence, event in enumerate(events[start:], start + 1)
        )

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
        return tuple(self._contents.events)

    def state(self) -> CabinetState:
        """The whole cabinet as one frozen, serializable record."""
        return CabinetState(self._cabinet_id, self._policy, tuple(self._contents.events))

    # ------------------------------------------------------------ the entry point

    @overload
    def execute(
        self, command: TakeSample, *, expected_version: int | None = None
    ) -> SampleTaken: ...
    @overload
    def execute(
        self, command: Discard, *, expected_version: int | None = None
    ) -> SampleDiscarded: ...
    @overload
    def execute(self, command: PlaceHold, *, expected_version: int | None = None) -> HoldPlaced: ...
    @overload
    def execute(self, command: Release, *, expected_version: int | None = None) -> HoldReleased: ...
    @overload
    def execute(
        self, command: RecordTemperature, *, expected_version: int | None = None
    ) -> TemperatureRecorded: ...
    def execute(
        self, command: CabinetCommand, *, expected_version: int | None = None
    ) -> CabinetEvent:
        """Run a command: build its event, check it against the rules, record it.

        Args:
            command: The command.
            expected_version: The cabinet's version the command was built from;
                ``None`` (default) records whatever the cabinet holds now. The
                version is checked before the command is.

        Returns:
            The event recorded.

        Raises:
            VersionConflictError: the cabinet has moved past ``expected_version``
                (nothing changed: reload and try again).
            FoodSampleError: the rules refuse the command (the cabinet is
                unchanged); see each command and `take`, `discard`, `place_hold`,
                `release` for the errors.
            InvalidInputError: ``expected_version`` is not a version (a
                ``bool``, negative, not an ``int``…).
        """
        check_expected_version(expected_version, len(self._contents.events))
        return self._record(self._event_of(command))

    def _event_of(self, command: CabinetCommand) -> CabinetEvent:
        return _EVENT_OF[type(command)](self._cabinet_id, command)

    def _record(self, event: CabinetEvent) -> CabinetEvent:
        contents, policy = self._contents, self._policy
        for guard in GUARDS[type(event)]:
            guard(contents, event, policy)
        fold(contents, event)
        return event

    # ------------------------------------------------------------ conveniences

    def take(
        self, meal: Meal, sample: FoodSample, *, expected_version: int | None = None
    ) -> SampleTaken:
        """Put a sample of one of the meal's dishes in the cabinet (`TakeSample`).

        Raises:
            MissingLabelError: a label field is missing (FS-4).
            WrongCabinetError: the sample names another cabinet (FS-3).
            MealConflictError: the sample names another meal, or another meal
                with the same id is recorded (FS-1).
            DuplicateSampleError: the sample id is already recorded (FS-1).
            DishNotServedError: the meal did not serve the dish (FS-1).
            UnderweightSampleError: under the minimum weight (FS-2).
            SampleAfterServiceError: taken after service started (FS-8).
        """
        return self.execute(TakeSample(meal, sample), expected_version=expected_version)

    def discard(
        self,
        sample_id: str,
        *,
        at: DateTimeInput,
        by: str,
        expected_version: int | None = None,
    ) -> SampleDiscarded:
        """Destroy a sample and record who did it and when (`Discard`; FS-6).

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
        return self.execute(Discard(sample_id, at, by), expected_version=expected_version)

    def place_hold(self, hold: Hold, *, expected_version: int | None = None) -> HoldPlaced:
        """Hold samples for the authorities after a suspected incident (`PlaceHold`; FS-7).

        Raises:
            DuplicateHoldError: a hold with this id is recorded.
            InvalidRecordError: the hold is already released (place it, then release
                it), or it is back-dated over a recorded disposal of a sample it covers.
        """
        return self.execute(PlaceHold(hold), expected_version=expected_version)

    def hold_meals(
        self,
        hold_id: str,
        meal_ids: tuple[str, ...] | list[str],
        *,
        at: DateTimeInput,
        by: str,
        reason: str,
        expected_version: int | None = None,
    ) -> HoldPlaced:
        """Hold every sample of the given meals (FS-7); see `place_hold`."""
        hold = Hold.for_meals(hold_id, meal_ids, placed_at=at, placed_by=by, reason=reason)
        return self.place_hold(hold, expected_version=expected_version)

    def hold_period(
        self,
        hold_id: str,
        taken_from: DateTimeInput,
        taken_until: DateTimeInput,
        *,
        at: DateTimeInput,
        by: str,
        reason: str,
        expected_version: int | None = None,
    ) -> HoldPlaced:
        """Hold every sample taken in ``[taken_from, taken_until)`` (FS-7); see `place_hold`."""
        hold = Hold.for_period(
            hold_id, taken_from, taken_until, placed_at=at, placed_by=by, reason=reason
        )
        return self.place_hold(hold, expected_version=expected_version)

    def release(
        self,
        hold_id: str,
        *,
        at: DateTimeInput,
        by: str,
        expected_version: int | None = None,
    ) -> HoldReleased:
        """Release a hold once the authorities allow it (`Release`; FS-7).

        Raises:
            UnknownHoldError: no such hold.
            HoldAlreadyReleasedError: the hold was already released.
            InvalidRecordError: ``at`` is before the hold was placed.
        """
        return self.execute(Release(hold_id, at, by), expected_version=expected_version)

    def record_temperature(
        self,
        at: DateTimeInput,
        celsius: Decimal | int | str,
        *,
        expected_version: int | None = None,
    ) -> TemperatureRecorded:
        """Record a temperature reading of the cabinet (`RecordTemperature`; FS-5).

        A reading outside the policy range is recorded all the same: it is a
        fact, and the audit reports it for the samples inside at that time.
        """
        return self.execute(RecordTemperature(at, celsius), expected_version=expected_version)

    # ------------------------------------------------------------ queries

    def sample(self, sample_id: str) -> FoodSample:
        """The sample with this id.

        Raises:
            UnknownSampleError: no such sample in the cabinet.
        """
        try:
            return self._contents.samples[require_id(sample_id, field="sample_id")]
        except KeyError:
            raise UnknownSampleError(sample_id=sample_id, cabinet_id=self._cabinet_id) from None

    def earliest_discard_at(self, sample_id: str) -> pendulum.DateTime:
        """When the sample may first be discarded (FS-3)."""
        return self.sample(sample_id).earliest_discard_at(self._policy)

    def contents(self, at: DateTimeInput) -> tuple[FoodSample, ...]:
        """The samples inside the cabinet at ``at`` (taken, not yet discarded), oldest first."""
        moment = _moment(at, "at")
        inside = [
            sample
            for sample_id, sample in self._contents.samples.items()
            if sample.taken_at <= moment
            and (
                sample_id not in self._contents.disposals
                or self._contents.disposals[sample_id].discarded_at > moment
            )
        ]
        return tuple(sorted(inside, key=_sample_order))

    def held(self, at: DateTimeInput) -> tuple[FoodSample, ...]:
        """The samples inside at ``at`` that a hold in force at ``at`` covers (FS-7)."""
        moment = _moment(at, "at")
        return tuple(s for s in self.contents(moment) if self._contents.holds_on(s, moment))

    def due_for_disposal(self, at: DateTimeInput) -> tuple[FoodSample, ...]:
        """The samples inside at ``at`` that may be discarded then (FS-3, FS-7)."""
        moment = _moment(at, "at")
        return tuple(
            s
            for s in self.contents(moment)
            if s.earliest_discard_at(self._policy) <= moment
            and not self._contents.holds_on(s, moment)
        )

    @property
    def holds(self) -> tuple[Hold, ...]:
        """Every hold, with its release when released, in the order placed."""
        return tuple(self._contents.holds.values())

    def log(self) -> SampleLog:
        """The cabinet's records as plain data for [`audit`][schoollogistics.food_samples.audit]."""
        return self._contents.log()

    def audit(self, period: DateRange) -> tuple[Violation, ...]:
        """Audit the cabinet's own records over ``period`` with its policy."""
        from schoollogistics.food_samples._audit import audit_log  # noqa: PLC0415 - cycle

        return audit_log(self.log(), self._policy, period)

    def check_invariants(self) -> tuple[Violation, ...]:
        """The cabinet's internal consistency, as findings (empty when consistent; never raises).

        Checks that no disposal came before the retention elapsed (FS-3) or while
        a hold was in force (FS-7) or names no sample (FS-6), that every sample
        has its meal (FS-1) and names this cabinet (FS-3), and that the events,
        replayed through the guards, are accepted and give the same records
        (FS-4). A finding means a bug or tampered state, never bad input.
        """
        return _invariants(self._contents, self._policy)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle the cabinet as its events, column-wise, replayed trusted on loading."""
        events = _columnar.pack_union(CabinetEvent, self.events)
        return _rebuild_cabinet, (self._cabinet_id, events, self._policy)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SampleCabinet):
            return NotImplemented
        return self.state() == other.state()

    # A mutable aggregate is unhashable; mypy sees None as incompatible with
    # object.__hash__'s signature, which cannot be avoided when un-hashing a class.
    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        contents = self._contents
        return (
            f"SampleCabinet({self._cabinet_id!r}, samples={len(contents.samples)}, "
            f"discarded={len(contents.disposals)}, holds={len(contents.holds)}, "
            f"readings={len(contents.readings)})"
        )


def _sample_order(sample: FoodSample) -> tuple[pendulum.DateTime, str]:
    return (sample.taken_at, sample.sample_id)


# ---------------------------------------------------------------- command → event


def _taken(_cabinet_id: str, command: TakeSample) -> SampleTaken:
    return SampleTaken(command.meal, command.sample)


def _discarded(_cabinet_id: str, command: Discard) -> SampleDiscarded:
    return SampleDiscarded(Disposal(command.sample_id, command.at, command.by))


def _placed(_cabinet_id: str, command: PlaceHold) -> HoldPlaced:
    return HoldPlaced(command.hold)


def _released(_cabinet_id: str, command: Release) -> HoldReleased:
    return HoldReleased(command.hold_id, command.at, command.by)


def _recorded(cabinet_id: str, command: RecordTemperature) -> TemperatureRecorded:
    return TemperatureRecorded(TemperatureReading(cabinet_id, command.at, command.celsius))


_EVENT_OF: Final[Mapping[type, Callable[..., CabinetEvent]]] = MappingProxyType(
    {
        TakeSample: _taken,
        Discard: _discarded,
        PlaceHold: _placed,
        Release: _released,
        RecordTemperature: _recorded,
    }
)
"""The event each command type records (one key per type of ``COMMAND_TYPES``)."""


# ---------------------------------------------------------------- invariants


def _invariants(contents: Contents, policy: RetentionPolicy) -> tuple[Violation, ...]:
    found: list[Violation] = []
    samples = contents.samples
    retention = hours_text(policy.retention)
    for sample_id, disposal in contents.disposals.items():
        at = disposal.discarded_at
        sample = samples.get(sample_id)
        if sample is None:
            found.append(
                FINDINGS["food_samples.disposal_without_sample"].violation(
                    sample_id, discarded_at=at.isoformat()
                )
            )
            continue
        earliest = sample.earliest_discard_at(policy)
        if at < earliest:
            found.append(
                FINDINGS["food_samples.discarded_too_early"].violation(
                    sample_id,
                    discarded_at=at.isoformat(),
                    earliest_discard_at=earliest.isoformat(),
                    retention_hours=retention,
                )
            )
        found.extend(
            FINDINGS["food_samples.held_sample_discarded"].violation(
                sample_id, discarded_at=at.isoformat(), hold=hold_id
            )
            for hold_id in contents.holds_on(sample, at)
        )
    for sample in samples.values():
        if sample.meal_id not in contents.meals:
            found.append(
                FINDINGS["food_samples.sample_without_meal"].violation(
                    sample.sample_id, meal=sample.meal_id
                )
            )
        if sample.cabinet_id != contents.cabinet_id:
            found.append(
                FINDINGS["food_samples.sample_in_other_cabinet"].violation(
                    sample.sample_id, given=str(sample.cabinet_id), cabinet=contents.cabinet_id
                )
            )
    found.extend(_replay_findings(contents, policy))
    return tuple(found)


def _replay_findings(contents: Contents, policy: RetentionPolicy) -> tuple[Violation, ...]:
    """The events replayed through the guards: accepted, and giving the same records?"""
    again = Contents(contents.cabinet_id)
    for index, event in enumerate(contents.events):
        try:
            check(again, event, policy)
        except FoodSampleError as error:
            return (
                FINDINGS["food_samples.history_refused"].violation(
                    contents.cabinet_id,
                    index=str(index),
                    event=type(event).__name__,
                    refusal=error.code,
                ),
            )
        fold(again, event)
    if again.log() != contents.log():
        return (FINDINGS["food_samples.history_mismatch"].violation(contents.cabinet_id),)
    return ()


def _envelopes(recorded: Sequence[RecordedCabinetEvent]) -> list[RecordedCabinetEvent]:
    """The envelopes as a list (from a list or tuple), each checked to be one."""
    given: object = recorded
    if type(given) is not list and type(given) is not tuple:
        raise FieldTypeError(
            field="recorded",
            expected="a list or tuple of RecordedCabinetEvent",
            expected_zh="「RecordedCabinetEvent」的列表或元组",
            type_name=type(given).__name__,
        )
    envelopes = list(recorded)
    for index, envelope in enumerate(envelopes):
        check_instance_of(envelope, RecordedCabinetEvent, f"recorded[{index}]")
    return envelopes


def _rebuild_cabinet(
    cabinet_id: str, events: _columnar.Packed, policy: RetentionPolicy
) -> SampleCabinet:
    """The cabinet of a pickle made by ``SampleCabinet.__reduce__`` (a trusted replay)."""
    log = cast("tuple[CabinetEvent, ...]", _columnar.unpack_union(CabinetEvent, events))
    return SampleCabinet.replay(cabinet_id, log, policy=policy, check=False)
