"""Column-wise pickling: loads(dumps(x)) == x, same types, repr and hash (issue 12, point 5)."""

from __future__ import annotations

import datetime as dt
import enum
import pickle
from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics.assets import EVENT_TYPES, AssetEvent
from schoollogistics.core import _columnar
from schoollogistics.core.shapes import record_shape
from schoollogistics.core.violations import Violation
from schoollogistics.demo import demo_district
from schoollogistics.food_samples import SampleCabinet, SampleLog, TemperatureReading
from schoollogistics.testing.assets import asset_records
from schoollogistics.testing.food_samples import cabinet_events, sample_logs

PROTOCOLS = st.integers(2, pickle.HIGHEST_PROTOCOL)


def _same(a: object, b: object) -> None:
    assert b == a
    assert type(b) is type(a)
    assert repr(b) == repr(a)


@given(sample_logs(), PROTOCOLS)
@settings(max_examples=40)
def test_sample_log_round_trips(log: SampleLog, protocol: int) -> None:
    again = pickle.loads(pickle.dumps(log, protocol))
    _same(log, again)
    assert hash(again) == hash(log)
    for old, new in zip(log.samples, again.samples, strict=True):
        assert new.taken_at.tzinfo is old.taken_at.tzinfo
        assert new.taken_at.fold == old.taken_at.fold


@given(st.lists(st.sampled_from(EVENT_TYPES).flatmap(asset_records), max_size=12), PROTOCOLS)
def test_asset_events_round_trip(events: list[AssetEvent], protocol: int) -> None:
    packed = _columnar.pack_union(AssetEvent, events)
    again = _columnar.unpack_union(AssetEvent, pickle.loads(pickle.dumps(packed, protocol)))
    _same(tuple(events), again)


@given(st.lists(cabinet_events(), max_size=12))
def test_cabinet_events_round_trip(events: list[object]) -> None:
    from schoollogistics.food_samples import CabinetEvent

    again = _columnar.unpack_union(CabinetEvent, _columnar.pack_union(CabinetEvent, events))
    _same(tuple(events), again)


@attrs.frozen
class Stamp:
    at: pendulum.DateTime
    day: pendulum.Date
    amount: Decimal
    note: str | None
    later: pendulum.DateTime | None
    tags: tuple[str, ...]
    seen: frozenset[str]


def _pendulum(moment: dt.datetime) -> pendulum.DateTime:
    zone = moment.tzinfo
    key = getattr(zone, "key", None)
    tz = pendulum.timezone(key) if isinstance(key, str) else pendulum.UTC
    return pendulum.DateTime(
        moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
        moment.microsecond, tzinfo=tz, fold=moment.fold,
    )  # fmt: skip


MOMENTS = st.datetimes(
    min_value=dt.datetime(1900, 1, 2)  # noqa: DTZ001 - Hypothesis bounds are naive, max_value=dt.datetime(2200, 12, 30), timezones=st.timezones()
).map(_pendulum)
FIXED = st.builds(
    lambda m, minutes: m.in_timezone(pendulum.FixedTimezone(minutes * 60)),
    MOMENTS,
    st.integers(-14 * 60, 14 * 60),
)
STAMPS = st.builds(
    Stamp,
    st.one_of(MOMENTS, FIXED),
    st.dates().map(lambda d: pendulum.Date(d.year, d.month, d.day)),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.one_of(st.none(), st.text()),
    st.one_of(st.none(), MOMENTS),
    st.lists(st.text(max_size=3)).map(tuple),
    st.frozensets(st.text(max_size=3)),
)


@given(st.lists(STAMPS, max_size=8), PROTOCOLS)
@settings(max_examples=60)
def test_any_zone_fold_and_exponent_round_trip(stamps: list[Stamp], protocol: int) -> None:
    shape = record_shape(Stamp)
    again = _columnar.unpack(
        shape, pickle.loads(pickle.dumps(_columnar.pack(shape, stamps), protocol))
    )
    assert again == stamps
    # A frozenset's repr follows its insertion history: compare the rest.
    plain = [attrs.evolve(s, seen=frozenset()) for s in stamps]
    _same(plain, [attrs.evolve(s, seen=frozenset()) for s in again])  # type: ignore[misc]  # Stamps
    for old, new in zip(stamps, again, strict=True):
        assert isinstance(new, Stamp)
        assert new.at.fold == old.at.fold
        assert new.at.utcoffset() == old.at.utcoffset()
        assert new.at.tzinfo == old.at.tzinfo
        assert str(new.amount) == str(old.amount)


def test_shanghai_fold_moments_come_back() -> None:
    # Shanghai kept summer time 1986-1991: 1990-09-16 01:30 happened twice.
    zone = pendulum.timezone("Asia/Shanghai")
    first = pendulum.DateTime(1990, 9, 16, 1, 30, tzinfo=zone)
    second = pendulum.DateTime(1990, 9, 16, 1, 30, tzinfo=zone, fold=1)
    assert first.utcoffset() != second.utcoffset()
    log = SampleLog(
        readings=(
            TemperatureReading("c", first, Decimal("4.50")),
            TemperatureReading("c", second, Decimal("-0.0")),
        )
    )
    again = pickle.loads(pickle.dumps(log))
    _same(log, again)
    assert [r.at.fold for r in again.readings] == [0, 1]
    assert [str(r.celsius) for r in again.readings] == ["4.50", "-0.0"]


def test_demo_school_year_is_compact_and_equal() -> None:
    school = demo_district(1, seed=2).schools[0]
    data = pickle.dumps(school.food)
    assert len(data) < 200_000
    assert len(data) * 10 < len(pickle.dumps(attrs.astuple(school.food, recurse=False)))
    _same(school.food, pickle.loads(data))
    ledger = school.ledger()
    again = pickle.loads(pickle.dumps(ledger))
    assert again == ledger
    _same(ledger.events, again.events)


def test_cabinet_pickles_as_its_events() -> None:
    cabinet = SampleCabinet("c1")
    again = pickle.loads(pickle.dumps(cabinet))
    assert again == cabinet
    assert again.cabinet_id == "c1"


def test_violations_round_trip() -> None:
    found = demo_district(1, seed=2).schools[0].audit_food()
    assert found
    packed = _columnar.pack_union(Violation, found)
    _same(found, _columnar.unpack_union(Violation, packed))


def test_odd_values_fall_back_and_come_back() -> None:
    # Values of an unexpected type (not from a checked record) and big integers.
    @attrs.frozen
    class Loose:
        at: pendulum.DateTime
        n: int
        text: str

    shape = record_shape(Loose)
    rows = [Loose(dt.datetime(2025, 1, 1, tzinfo=dt.UTC), 2**70, "a\x00b")]  # type: ignore[arg-type]  # on purpose
    _same(rows, _columnar.unpack(shape, _columnar.pack(shape, rows)))


def test_a_payload_of_another_format_is_refused() -> None:
    packed = _columnar.pack(record_shape(SampleLog), [SampleLog()])
    wrong = (99, *packed[1:])
    with pytest.raises(ValueError, match="format 99"):
        _columnar.unpack(record_shape(SampleLog), wrong)


class Colour(enum.Enum):
    RED = "red"
    BLUE = 2


@attrs.frozen(slots=False)
class Plain:
    colour: Colour | None
    count: int


@attrs.frozen
class Computed:
    base: int
    double: int = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "double", 2 * self.base)


def test_records_without_slots_or_with_computed_fields_are_built_checked() -> None:
    plain = [Plain(Colour.RED, 1), Plain(None, 2), Plain(Colour.BLUE, 3)]
    _same(plain, _columnar.unpack(record_shape(Plain), _columnar.pack(record_shape(Plain), plain)))
    computed = [Computed(1), Computed(5)]
    again = _columnar.unpack(
        record_shape(Computed), _columnar.pack(record_shape(Computed), computed)
    )
    _same(computed, again)
