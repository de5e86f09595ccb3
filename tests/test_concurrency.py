"""Optimistic concurrency (issue 13, point 1): versions, ``expected_version``, envelopes.

Both aggregates (the asset ledger and the sample cabinet) follow one contract:

* ``version`` is the number of events held;
* ``execute(command, expected_version=n)`` is refused with
  ``VersionConflictError`` (``concurrency.version_conflict``) when the version is
  not ``n``, and changes nothing;
* ``recorded(since)`` gives the events after ``since`` with their sequence
  numbers (1 for the first), and ``from_recorded`` rebuilds the aggregate from
  them, refusing a gap, a duplicate or an out-of-order number.

The properties run the same code on both, with commands drawn from plausible
ones and from the public strategies of ``schoollogistics.testing``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Final, TypeAlias, cast

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics import school_datetime, serialization
from schoollogistics.assets import (
    COMMAND_TYPES,
    AssetLedger,
    HolderKind,
    Issue,
    LedgerCommand,
    PlaceKind,
    Receive,
    RecordedAssetEvent,
    RegisterHolder,
    RegisterItem,
    RegisterPlace,
)
from schoollogistics.core.money import Money
from schoollogistics.errors import (
    ConcurrencyError,
    EventSequenceError,
    FieldTypeError,
    InvalidInputError,
    SchoolLogisticsError,
    ValueOutOfRangeError,
    VersionConflictError,
)
from schoollogistics.food_samples import (
    CabinetCommand,
    Discard,
    FoodSample,
    Meal,
    MealKind,
    RecordedCabinetEvent,
    RecordTemperature,
    SampleCabinet,
    TakeSample,
)
from schoollogistics.schema import json_schema
from schoollogistics.testing import strategy_for
from schoollogistics.testing.food_samples import cabinet_commands

Aggregate: TypeAlias = AssetLedger | SampleCabinet
Envelope: TypeAlias = RecordedAssetEvent | RecordedCabinetEvent

# ---------------------------------------------------------------- the two aggregates

D: Final = pendulum.Date(2025, 9, 1)
CLERK: Final = "t-li"
SETUP: Final[tuple[LedgerCommand, ...]] = (
    RegisterPlace(place_id="store", name="库房", kind=PlaceKind.STOREROOM, on=D, by=CLERK),
    RegisterHolder(holder_id="class-32", name="三(2)班", kind=HolderKind.CLASS, on=D, by=CLERK),
    RegisterItem(item_id="chalk", name="粉笔", unit="盒", unit_cost=Money("3.50"), on=D, by=CLERK),
    Receive(
        item_id="chalk",
        place_id="store",
        quantity=20,
        acceptor=CLERK,
        invoice_ref="FP-1",
        on=D,
        by=CLERK,
    ),
)

LUNCH: Final = school_datetime(2025, 9, 3, 11, 30)
TAKEN: Final = school_datetime(2025, 9, 3, 11, 0)
DISHES: Final = ("米饭", "红烧肉", "青菜")
MEAL: Final = Meal("wed-lunch", LUNCH.date(), MealKind.LUNCH, LUNCH, DISHES)


def _sample(sample_id: str, dish: str = "米饭") -> FoodSample:
    return FoodSample(sample_id, "wed-lunch", dish, 130, TAKEN, "张三", "李四", "C1")


def base_ledger() -> AssetLedger:
    ledger = AssetLedger()
    for command in SETUP:
        ledger.execute(command)
    return ledger


def base_cabinet() -> SampleCabinet:
    cabinet = SampleCabinet("C1")
    cabinet.take(MEAL, _sample("s1"))
    cabinet.record_temperature(TAKEN, Decimal("3.5"))
    return cabinet


_DAYS: Final = st.integers(0, 20).map(lambda days: D.add(days=days))
LEDGER_COMMANDS: Final = st.one_of(
    st.builds(
        Receive,
        item_id=st.just("chalk"),
        place_id=st.just("store"),
        quantity=st.integers(1, 20),
        acceptor=st.just(CLERK),
        invoice_ref=st.just("FP-2"),
        on=_DAYS,
        by=st.just(CLERK),
    ),
    st.builds(
        Issue,
        item_id=st.just("chalk"),
        from_place=st.just("store"),
        to=st.just("class-32"),
        quantity=st.integers(1, 30),
        on=_DAYS,
        by=st.just(CLERK),
    ),
    st.one_of([strategy_for(cls) for cls in COMMAND_TYPES]),
)
_SAMPLE_IDS: Final = st.sampled_from(("s1", "s2", "s3", "s4"))
CABINET_COMMANDS: Final = st.one_of(
    st.builds(
        lambda sample_id, dish: TakeSample(MEAL, _sample(sample_id, dish)),
        _SAMPLE_IDS,
        st.sampled_from(DISHES),
    ),
    st.builds(
        lambda minutes, celsius: RecordTemperature(TAKEN.add(minutes=minutes), Decimal(celsius)),
        st.integers(0, 3000),
        st.integers(0, 10),
    ),
    st.builds(lambda sample_id: Discard(sample_id, TAKEN.add(hours=49), "王五"), _SAMPLE_IDS),
    cabinet_commands(),
)

AREAS: Final = ("ledger", "cabinet")


def base(area: str) -> Aggregate:
    return base_ledger() if area == "ledger" else base_cabinet()


def commands(area: str) -> st.SearchStrategy[object]:
    return LEDGER_COMMANDS if area == "ledger" else CABINET_COMMANDS


def execute(aggregate: Aggregate, command: object, expected_version: int | None) -> object:
    if isinstance(aggregate, AssetLedger):
        return aggregate.execute(cast("LedgerCommand", command), expected_version=expected_version)
    return aggregate.execute(cast("CabinetCommand", command), expected_version=expected_version)


def rebuild(area: str, envelopes: Sequence[Envelope]) -> Aggregate:
    if area == "ledger":
        return AssetLedger.from_recorded(cast("tuple[RecordedAssetEvent, ...]", tuple(envelopes)))
    return SampleCabinet.from_recorded(
        "C1", cast("tuple[RecordedCabinetEvent, ...]", tuple(envelopes))
    )


def frozen(aggregate: Aggregate) -> object:
    """Everything observable, compared before and after a refusal."""
    if isinstance(aggregate, AssetLedger):
        return (aggregate.version, aggregate.events, aggregate.snapshot())
    return (aggregate.version, aggregate.events, aggregate.state())


def attempt(aggregate: Aggregate, command: object, expected_version: int | None) -> str:
    """``"ok"``, ``"conflict"`` or ``"refused"`` (a domain or input refusal)."""
    try:
        execute(aggregate, command, expected_version)
    except VersionConflictError:
        return "conflict"
    except SchoolLogisticsError:
        return "refused"
    return "ok"


def grown(area: str, drawn: Sequence[object]) -> Aggregate:
    """The base aggregate after the drawn commands (refused ones skipped)."""
    aggregate = base(area)
    for command in drawn:
        attempt(aggregate, command, None)
    return aggregate


# ---------------------------------------------------------------- examples


def test_version_counts_events_and_grows_by_one() -> None:
    ledger = AssetLedger()
    assert ledger.version == 0
    assert ledger.recorded() == ()
    for count, command in enumerate(SETUP, 1):
        ledger.execute(command, expected_version=count - 1)
        assert ledger.version == count == len(ledger.events)
    cabinet = SampleCabinet("C1")
    assert cabinet.version == 0
    cabinet.take(MEAL, _sample("s1"), expected_version=0)
    assert cabinet.version == 1


def test_the_conflict_error_names_both_versions_in_both_languages() -> None:
    ledger = base_ledger()
    before = frozen(ledger)
    with pytest.raises(VersionConflictError) as caught:
        ledger.execute(SETUP[3], expected_version=2)
    error = caught.value
    assert isinstance(error, ConcurrencyError)
    assert error.code == "concurrency.version_conflict"
    assert error.params == {"expected": 2, "actual": 4}
    assert error.message_en == (
        "the record was changed by someone else (version 4, expected 2): reload and try again"
    )
    assert error.message_zh == "记录已被他人修改（当前版本 4，预期 2），请刷新后重试"
    assert error.to_dict()["params"] == {"expected": 2, "actual": 4}
    assert frozen(ledger) == before


def test_an_expected_version_ahead_of_the_aggregate_conflicts_too() -> None:
    cabinet = base_cabinet()
    before = frozen(cabinet)
    with pytest.raises(VersionConflictError) as caught:
        cabinet.take(MEAL, _sample("s2"), expected_version=3)
    assert caught.value.params == {"expected": 3, "actual": 2}
    assert frozen(cabinet) == before


def test_the_version_is_checked_before_the_command() -> None:
    """A stale writer hears "reload" even when its command would be refused anyway."""
    ledger = base_ledger()
    unknown = Issue(item_id="nope", from_place="store", to="class-32", quantity=1, on=D, by=CLERK)
    with pytest.raises(VersionConflictError):
        ledger.execute(unknown, expected_version=1)
    with pytest.raises(VersionConflictError):
        ledger.issue("nope", "store", "class-32", 1, on=D, by=CLERK, expected_version=1)
    cabinet = base_cabinet()
    with pytest.raises(VersionConflictError):
        cabinet.discard("nope", at=TAKEN, by="王五", expected_version=0)


def test_every_convenience_method_takes_expected_version() -> None:
    ledger = base_ledger()
    with pytest.raises(VersionConflictError):
        ledger.receive(
            "chalk", "store", 1, acceptor=CLERK, invoice_ref="x", on=D, by=CLERK, expected_version=0
        )
    with pytest.raises(VersionConflictError):
        ledger.close_month(2025, 9, by=CLERK, expected_version=0)
    ledger.receive(
        "chalk", "store", 1, acceptor=CLERK, invoice_ref="x", on=D, by=CLERK, expected_version=4
    )
    assert ledger.version == 5
    cabinet = base_cabinet()
    with pytest.raises(VersionConflictError):
        cabinet.record_temperature(TAKEN, 4, expected_version=0)
    with pytest.raises(VersionConflictError):
        cabinet.hold_meals(
            "H-1", ["wed-lunch"], at=LUNCH, by="校医", reason="r", expected_version=0
        )
    with pytest.raises(VersionConflictError):
        cabinet.release("H-1", at=LUNCH, by="疾控", expected_version=9)
    cabinet.hold_meals("H-1", ["wed-lunch"], at=LUNCH, by="校医", reason="r", expected_version=2)
    cabinet.release("H-1", at=LUNCH.add(hours=1), by="疾控", expected_version=3)
    assert cabinet.version == 4


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (True, "input.wrong_type"),
        (False, "input.wrong_type"),
        (4.0, "input.wrong_type"),
        ("4", "input.wrong_type"),
        (Decimal(4), "input.wrong_type"),
        (-1, "input.out_of_range"),
        (2**53, "input.out_of_range"),
        (10**4000, "input.out_of_range"),
    ],
)
@pytest.mark.parametrize("area", AREAS)
def test_a_malformed_expected_version_is_an_input_error_never_coerced(
    area: str, value: object, code: str
) -> None:
    aggregate = base(area)
    before = frozen(aggregate)
    command = SETUP[3] if area == "ledger" else RecordTemperature(TAKEN, Decimal(3))
    with pytest.raises(InvalidInputError) as caught:
        execute(aggregate, command, cast("int", value))
    assert caught.value.code == code
    assert caught.value.params["field"] == "expected_version"
    assert frozen(aggregate) == before


@pytest.mark.parametrize("area", AREAS)
def test_recorded_numbers_the_events_from_one(area: str) -> None:
    aggregate = base(area)
    envelopes = aggregate.recorded()
    assert [e.sequence for e in envelopes] == list(range(1, aggregate.version + 1))
    assert tuple(e.event for e in envelopes) == aggregate.events
    assert aggregate.recorded(1) == envelopes[1:]
    assert aggregate.recorded(aggregate.version) == ()
    assert rebuild(area, envelopes) == aggregate


@pytest.mark.parametrize(
    ("since", "error"),
    [(-1, ValueOutOfRangeError), (99, ValueOutOfRangeError), (True, FieldTypeError)],
)
@pytest.mark.parametrize("area", AREAS)
def test_recorded_refuses_a_version_the_aggregate_never_had(
    area: str, since: object, error: type[Exception]
) -> None:
    aggregate = base(area)
    with pytest.raises(error):
        aggregate.recorded(cast("int", since))


@pytest.mark.parametrize(
    ("sequences", "index", "expected", "actual"),
    [
        ((1, 3), 1, 2, 3),  # a gap
        ((1, 1), 1, 2, 1),  # a duplicate
        ((2, 1), 0, 1, 2),  # out of order
        ((2,), 0, 1, 2),  # does not start at 1
    ],
)
@pytest.mark.parametrize("area", AREAS)
def test_from_recorded_refuses_a_broken_sequence(
    area: str, sequences: tuple[int, ...], index: int, expected: int, actual: int
) -> None:
    events = base(area).events
    envelope = RecordedAssetEvent if area == "ledger" else RecordedCabinetEvent
    broken = [
        envelope(sequence, events[position])  # type: ignore[arg-type]  # events match the area
        for position, sequence in enumerate(sequences)
    ]
    with pytest.raises(EventSequenceError) as caught:
        rebuild(area, broken)
    error = caught.value
    assert error.code == "concurrency.bad_sequence"
    assert error.params == {"index": index, "expected": expected, "actual": actual}
    assert error.message_en == (
        f"event {index} has sequence number {actual}, expected {expected}: "
        "the log has a gap, a duplicate or is out of order"
    )
    assert error.message_zh == (
        f"第 {index} 个事件的序号为 {actual}，应为 {expected}：事件记录有缺漏、重复或顺序错乱"
    )


def test_from_recorded_refuses_what_is_not_a_list_of_envelopes() -> None:
    ledger = base_ledger()
    with pytest.raises(FieldTypeError) as caught:
        AssetLedger.from_recorded(cast("tuple[RecordedAssetEvent, ...]", ledger.events))
    assert caught.value.params["field"] == "recorded[0]"
    with pytest.raises(FieldTypeError):
        AssetLedger.from_recorded(iter(ledger.recorded()))  # type: ignore[arg-type]  # refused
    with pytest.raises(FieldTypeError):
        SampleCabinet.from_recorded("C1", base_ledger().recorded())  # type: ignore[arg-type]  # refused


@pytest.mark.parametrize("area", AREAS)
def test_envelopes_round_trip_and_their_schema_starts_at_one(area: str) -> None:
    aggregate = base(area)
    cls = RecordedAssetEvent if area == "ledger" else RecordedCabinetEvent
    for envelope in aggregate.recorded():
        text = serialization.dumps(envelope)
        assert serialization.loads(cls, text) == envelope
    document = serialization.to_dict(aggregate.recorded()[0])
    assert isinstance(document, dict)
    with pytest.raises(SchoolLogisticsError):
        serialization.from_dict(cls, {**document, "sequence": 0})
    with pytest.raises(ValueOutOfRangeError):
        cls(0, aggregate.events[0])  # type: ignore[arg-type]  # the event matches the area
    schema = json_schema(cls)
    assert schema["$defs"][cls.__name__]["properties"]["sequence"]["minimum"] == 1  # type: ignore[index, call-overload]  # JSON


# ---------------------------------------------------------------- properties


@pytest.mark.parametrize("area", AREAS)
@given(data=st.data())
def test_two_writers_from_one_version_never_both_succeed(area: str, data: st.DataObject) -> None:
    """(a) On one aggregate: after the first write from version v, the second conflicts."""
    aggregate = grown(area, data.draw(st.lists(commands(area), max_size=6), label="history"))
    read = aggregate.version
    first = data.draw(commands(area), label="first")
    second = data.draw(commands(area), label="second")
    before = frozen(aggregate)
    outcome = attempt(aggregate, first, read)
    assert outcome != "conflict"
    if outcome == "refused":
        assert frozen(aggregate) == before
        return
    assert aggregate.version == read + 1
    after_first = frozen(aggregate)
    with pytest.raises(VersionConflictError) as caught:
        execute(aggregate, second, read)
    assert caught.value.params == {"expected": read, "actual": read + 1}
    assert frozen(aggregate) == after_first


class DuplicateKey(Exception):  # noqa: N818 - named as a database names it
    """The store's unique constraint on (stream, sequence) refused a row."""


class Store:
    """A model event store: rows keyed by (stream, sequence), a duplicate key refused."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, int], Envelope] = {}

    def append(self, stream: str, envelopes: Sequence[Envelope]) -> None:
        """Insert the rows in one transaction: all of them, or none."""
        keys = [(stream, envelope.sequence) for envelope in envelopes]
        if len(set(keys)) != len(keys) or any(key in self.rows for key in keys):
            raise DuplicateKey
        self.rows.update(zip(keys, envelopes, strict=True))

    def load(self, stream: str) -> tuple[Envelope, ...]:
        return tuple(self.rows[key] for key in sorted(key for key in self.rows if key[0] == stream))


def write(store: Store, stream: str, replica: Aggregate, command: object) -> str:
    """One writer's turn: execute on its replica from its version, append what it recorded."""
    read = replica.version
    outcome = attempt(replica, command, read)
    if outcome != "ok":
        return outcome
    try:
        store.append(stream, replica.recorded(read))
    except DuplicateKey:
        return "lost the race"
    return "ok"


@pytest.mark.parametrize("area", AREAS)
@given(data=st.data())
def test_the_store_lets_one_of_two_replicas_win_and_the_other_rebases(
    area: str, data: st.DataObject
) -> None:
    """(b) Two replicas from one version: never both appended; the loser rebases and retries."""
    store = Store()
    stream = f"{area}/C1"
    store.append(stream, grown(area, data.draw(st.lists(commands(area), max_size=4))).recorded())
    start = len(store.load(stream))
    a = rebuild(area, store.load(stream))
    b = rebuild(area, store.load(stream))
    first = data.draw(commands(area), label="a's command")
    second = data.draw(commands(area), label="b's command")
    a_outcome = write(store, stream, a, first)
    b_outcome = write(store, stream, b, second)
    assert not (a_outcome == "ok" and b_outcome == "ok")
    assert "conflict" not in (a_outcome, b_outcome)  # each wrote from its own replica's version
    if b_outcome == "lost the race":
        assert a_outcome == "ok"
        # Rebase: reload the stream, build the command again from the new version, retry.
        b = rebuild(area, store.load(stream))
        assert b.version == start + 1
        b_outcome = write(store, stream, b, second)
        assert b_outcome in {"ok", "refused"}  # never lost silently
    wins = (a_outcome, b_outcome).count("ok")
    rows = store.load(stream)
    assert [row.sequence for row in rows] == list(range(1, start + wins + 1))
    final = rebuild(area, rows)
    if b_outcome == "ok":
        assert final == b
    elif a_outcome == "ok":
        assert final == a


@pytest.mark.parametrize("area", AREAS)
@given(data=st.data())
def test_recorded_is_contiguous_rebuilds_and_refuses_tampering(
    area: str, data: st.DataObject
) -> None:
    """(c) Sequences 1..n; from_recorded(recorded()) is equal; a tampered sequence is refused."""
    aggregate = grown(area, data.draw(st.lists(commands(area), max_size=8), label="history"))
    envelopes = aggregate.recorded()
    count = aggregate.version
    assert [e.sequence for e in envelopes] == list(range(1, count + 1))
    assert rebuild(area, envelopes) == aggregate
    since = data.draw(st.integers(0, count), label="since")
    assert aggregate.recorded(since) == envelopes[since:]
    tamper: Callable[[list[Envelope]], None] = data.draw(
        st.sampled_from(_TAMPERINGS), label="tampering"
    )
    tampered: list[Envelope] = list(envelopes)
    tamper(tampered)
    with pytest.raises(EventSequenceError):
        rebuild(area, tampered)


def _renumber(envelopes: list[Envelope]) -> None:
    """Give the first envelope another sequence number."""
    first = envelopes[0]
    envelopes[0] = type(first)(first.sequence + 7, first.event)  # type: ignore[arg-type]  # same type


def _drop_first(envelopes: list[Envelope]) -> None:
    del envelopes[0]


def _duplicate_last(envelopes: list[Envelope]) -> None:
    envelopes.append(envelopes[-1])


def _swap_first_two(envelopes: list[Envelope]) -> None:
    envelopes[0], envelopes[1] = envelopes[1], envelopes[0]


_TAMPERINGS: Final = (_renumber, _drop_first, _duplicate_last, _swap_first_two)
"""Each breaks the sequence of a log of at least two events (the base aggregates have)."""
