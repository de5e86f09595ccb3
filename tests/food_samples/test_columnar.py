"""The columnar audit against the record audit: the same findings, from Arrow or pandas columns.

Every property asks for *equality* (the same violations, in the same order, with the
same parameters) between ``audit_columns`` over ``log_to_columns(log)`` and
``audit_log(log)``, on the logs near every boundary of the fused-audit tests (48 h
± 1 µs, 125 g, readings at window edges, gaps of exactly the limit, unknown meals,
meals and samples recorded twice, disposals twice or naming no sample, holds, the
1988 clock changes of Shanghai), on the public strategies, and on fault-injected
simulated canteens. Examples pin the column contract and its refusals.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from decimal import Decimal, localcontext
from typing import Any

import attrs
import numpy as np
import pendulum
import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no type information
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import DateRange, SchoolLogisticsError, Violation, school_datetime
from schoollogistics.columnar import (
    COLUMNS,
    ColumnarLog,
    audit_columns,
    columns_to_log,
    kept_records,
    log_to_columns,
)
from schoollogistics.core.ids import require_id
from schoollogistics.core.shapes import check_text
from schoollogistics.food_samples import (
    Disposal,
    FoodSample,
    Hold,
    Meal,
    MealKind,
    RetentionPolicy,
    SampleLog,
    TemperatureReading,
    _columnar,
    audit_log,
)
from schoollogistics.food_samples.errors import InvalidRecordError
from schoollogistics.testing import date_ranges
from schoollogistics.testing.food_samples import retention_policies, sample_logs

from ._faults import FAULTS, compliant
from .test_food_samples_fused import edge_logs

US = dt.timedelta(microseconds=1)
POLICY = RetentionPolicy()


def t(table: object) -> Any:
    """An Arrow table as what it is (pyarrow ships no type information)."""
    return table


def columns_of(
    columns: ColumnarLog, policy: RetentionPolicy, period: DateRange
) -> tuple[Violation, ...]:
    return audit_columns(
        columns.meals,
        columns.samples,
        columns.disposals,
        columns.readings,
        holds=columns.holds,
        policy=policy,
        period=period,
    )


def same(log: SampleLog, policy: RetentionPolicy, period: DateRange) -> tuple[Violation, ...]:
    """Audit the records and their columns; assert the very same result; return it."""
    expected = audit_log(log, policy, period)
    columns = log_to_columns(log)
    assert columns_of(columns, policy, period) == expected
    assert columns_to_log(columns) == log
    return expected


def replaced(columns: ColumnarLog, table: str, column: str, values: object) -> ColumnarLog:
    """The columns with one column of one table replaced (an Arrow array or a list)."""
    found = getattr(columns, table)
    index = found.column_names.index(column)
    array = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else pa.array(values)
    return attrs.evolve(columns, **{table: found.set_column(index, column, array)})


# ---------------------------------------------------------------- the properties


@pytest.mark.rule("FS-1")
@pytest.mark.rule("FS-2")
@pytest.mark.rule("FS-3")
@pytest.mark.rule("FS-4")
@pytest.mark.rule("FS-5")
@pytest.mark.rule("FS-6")
@pytest.mark.rule("FS-7")
@pytest.mark.rule("FS-8")
@settings(max_examples=300, deadline=None)
@given(case=edge_logs())
def test_the_columnar_audit_finds_exactly_what_the_record_audit_finds(
    case: tuple[SampleLog, RetentionPolicy, DateRange],
) -> None:
    log, policy, period = case
    same(log, policy, period)


@settings(max_examples=150, deadline=None)
@given(log=sample_logs(), policy=retention_policies(), period=date_ranges())
def test_the_same_findings_on_the_public_strategies(
    log: SampleLog, policy: RetentionPolicy, period: DateRange
) -> None:
    same(log, policy, period)


@settings(max_examples=60, deadline=None)
@given(log=sample_logs(), policy=retention_policies(), data=st.data())
def test_the_same_findings_when_the_period_covers_the_records(
    log: SampleLog, policy: RetentionPolicy, data: st.DataObject
) -> None:
    days = [m.day for m in log.meals] + [s.taken_at.date() for s in log.samples]
    day = data.draw(st.sampled_from(days)) if days else pendulum.Date(2025, 1, 1)
    same(log, policy, DateRange(day.subtract(days=1), day.add(days=data.draw(st.integers(0, 3)))))


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_the_same_findings_for_each_injected_fault(kind: str) -> None:
    log, period = compliant(4, 3, 3, POLICY)
    inject, code = FAULTS[kind]
    codes: set[str] = set()
    for sample in (log.samples[0], log.samples[len(log.samples) // 2], log.samples[-1]):
        codes |= {violation.code for violation in same(inject(log, sample, POLICY), POLICY, period)}
    assert code in codes


@settings(max_examples=30, deadline=None)
@given(
    kinds=st.lists(st.sampled_from(sorted(FAULTS)), min_size=1, max_size=5, unique=True),
    data=st.data(),
)
def test_the_same_findings_for_several_faults(kinds: list[str], data: st.DataObject) -> None:
    log, period = compliant(4, 2, 3, POLICY)
    for number, kind in enumerate(kinds):
        inject, _ = FAULTS[kind]
        sample = [s for s in log.samples if not s.sample_id.endswith("-extra")][number * 2]
        log = inject(log, sample, POLICY)
    if data.draw(st.booleans()):
        log = attrs.evolve(
            log,
            samples=data.draw(st.permutations(log.samples)),
            readings=data.draw(st.permutations(log.readings)),
        )
    same(log, POLICY, period)


# ---------------------------------------------------------------- examples


def test_a_compliant_log_keeps_no_record() -> None:
    log, period = compliant(5, 3, 4, POLICY)
    columns = log_to_columns(log)
    assert columns_of(columns, POLICY, period) == ()
    kept = kept_records(
        columns.meals,
        columns.samples,
        columns.disposals,
        columns.readings,
        holds=columns.holds,
        policy=POLICY,
        period=period,
    )
    assert kept == SampleLog()


@pytest.mark.rule("FS-2")
def test_one_light_sample_keeps_its_meal_its_disposals_and_the_readings_around_it() -> None:
    log, period = compliant(5, 2, 3, POLICY)
    light = log.samples[7]
    log = attrs.evolve(
        log,
        samples=[attrs.evolve(s, grams=Decimal("124.9")) if s is light else s for s in log.samples],
    )
    columns = log_to_columns(log)
    kept = kept_records(
        columns.meals,
        columns.samples,
        columns.disposals,
        columns.readings,
        policy=POLICY,
        period=period,
    )
    assert [m.meal_id for m in kept.meals] == [light.meal_id]
    assert {s.meal_id for s in kept.samples} == {light.meal_id}
    assert len(kept.samples) == 3
    assert {d.sample_id for d in kept.disposals} == {s.sample_id for s in kept.samples}
    assert 0 < len(kept.readings) < len(log.readings)
    (found,) = columns_of(columns, POLICY, period)
    assert (found.code, found.subject, found.params["grams"]) == (
        "food_samples.underweight",
        light.sample_id,
        "124.9",
    )


@pytest.mark.rule("FS-3")
@pytest.mark.parametrize(("nudge", "early"), [(-US, True), (dt.timedelta(0), False), (US, False)])
def test_the_48_hour_boundary_to_the_microsecond(nudge: dt.timedelta, early: bool) -> None:
    log, period = compliant(4, 1, 1, POLICY)
    sample = log.samples[0]
    moment = sample.taken_at + dt.timedelta(hours=48) + nudge
    log = attrs.evolve(
        log,
        disposals=[
            attrs.evolve(d, discarded_at=moment) if d.sample_id == sample.sample_id else d
            for d in log.disposals
        ],
    )
    found = same(log, POLICY, period)
    assert ("food_samples.discarded_too_early" in {v.code for v in found}) is early


@pytest.mark.rule("FS-2")
@pytest.mark.parametrize(("grams", "light"), [("124.9", True), ("125.0", False), ("125.1", False)])
def test_the_125_gram_boundary(grams: str, light: bool) -> None:
    log, period = compliant(3, 1, 2, POLICY)
    log = attrs.evolve(log, samples=[attrs.evolve(s, grams=Decimal(grams)) for s in log.samples])
    found = same(log, POLICY, period)
    assert ("food_samples.underweight" in {v.code for v in found}) is light


def test_a_clock_change_in_1988_shanghai() -> None:
    start = pendulum.Date(1988, 4, 15)
    log, _ = compliant(1, 1, 1, POLICY)
    shift = school_datetime(1988, 4, 15) - school_datetime(2025, 3, 3)

    def moved(value: pendulum.DateTime) -> pendulum.DateTime:
        return value + shift

    meals = [attrs.evolve(m, day=start, service_start=moved(m.service_start)) for m in log.meals]
    samples = [attrs.evolve(s, taken_at=moved(s.taken_at)) for s in log.samples]
    disposals = [
        attrs.evolve(d, discarded_at=moved(d.discarded_at), discarded_by=None)
        for d in log.disposals
    ]
    readings = [attrs.evolve(r, at=moved(r.at)) for r in log.readings[::9]]
    moved_log = SampleLog(meals=meals, samples=samples, disposals=disposals, readings=readings)
    found = same(moved_log, POLICY, DateRange(start, start.add(days=3)))
    assert {"food_samples.disposal_unsigned", "food_samples.temperature_gap"} <= {
        v.code for v in found
    }


def test_empty_inputs() -> None:
    period = DateRange.month(2025, 3)
    assert same(SampleLog(), POLICY, period) == ()
    empty = pa.table({})
    assert audit_columns(empty, empty, empty, empty, policy=POLICY, period=period) == ()


def test_pandas_frames_and_arrow_timestamps_give_the_same_findings() -> None:
    import pandas as pd

    log, period = compliant(3, 2, 2, POLICY)
    log = FAULTS["late_disposal"][0](log, log.samples[1], POLICY)
    log = FAULTS["unserved_dish"][0](log, log.samples[2], POLICY)
    expected = audit_log(log, POLICY, period)
    columns = log_to_columns(log)
    frames = [
        getattr(columns, name).to_pandas(types_mapper=pd.ArrowDtype)
        for name in ("meals", "samples", "disposals", "readings")
    ]
    assert audit_columns(*frames, policy=POLICY, period=period) == expected
    for unit, tz in (("us", "UTC"), ("ns", "Asia/Shanghai"), ("s", "UTC")):
        at = t(columns.samples).column("taken_at").cast(pa.timestamp("us", tz="UTC"))
        if unit == "s":  # whole seconds only in this unit: the simulated times are
            at = at.cast(pa.timestamp("s", tz=tz), safe=False)
            if at.cast(pa.int64()).to_pylist() != [
                v // 1_000_000 for v in t(columns.samples).column("taken_at").to_pylist()
            ]:  # pragma: no cover - the simulation keeps whole seconds
                continue
        else:
            at = at.cast(pa.timestamp(unit, tz=tz))
        changed = replaced(columns, "samples", "taken_at", at)
        assert columns_of(changed, POLICY, period) == expected


def test_dictionary_large_string_integer_and_text_columns_are_accepted() -> None:
    log, period = compliant(3, 2, 2, POLICY)
    log = FAULTS["excursion"][0](log, log.samples[0], POLICY)
    expected = audit_log(log, POLICY, period)
    columns = log_to_columns(log)
    cabinets = t(columns.samples).column("cabinet_id")
    changed = replaced(
        columns, "samples", "cabinet_id", cabinets.combine_chunks().dictionary_encode()
    )
    changed = replaced(
        changed,
        "samples",
        "taken_by",
        t(columns.samples).column("taken_by").cast(pa.large_string()),
    )
    whole = [int(g) for g in t(columns.samples).column("grams").to_pylist()]
    changed = replaced(changed, "samples", "grams", pa.array(whole, pa.int32()))
    texts = [str(c) for c in t(columns.readings).column("celsius").to_pylist()]
    changed = replaced(changed, "readings", "celsius", pa.array(texts, pa.string()))
    assert columns_of(changed, POLICY, period) == expected


def test_decimals_of_mixed_scales_and_huge_values_stay_exact() -> None:
    log, period = compliant(3, 1, 2, POLICY)
    weights = [Decimal(130), Decimal("124.50"), Decimal("-0.0") + Decimal(0), Decimal("1E+2")]
    samples = [attrs.evolve(s, grams=weights[i % len(weights)]) for i, s in enumerate(log.samples)]
    mixed = attrs.evolve(log, samples=samples)
    columns = log_to_columns(mixed)
    assert pa.types.is_string(t(columns.samples).column("grams").type)  # several scales: text
    same(mixed, POLICY, period)
    # ten fraction digits: unscaled values beyond 64 bits, read exactly all the same
    huge = [Decimal("999999999.5000000000"), Decimal("-999999999.5000000000")]
    readings = [
        attrs.evolve(r, celsius=huge[i % 2])
        if i % 7 == 0
        else attrs.evolve(r, celsius=Decimal("3.5000000000"))
        for i, r in enumerate(log.readings)
    ]
    heavy = [attrs.evolve(s, grams=Decimal("999999999.2500000000")) for s in log.samples]
    big = attrs.evolve(log, readings=readings, samples=heavy)
    columns = log_to_columns(big)
    assert pa.types.is_decimal(t(columns.readings).column("celsius").type)
    found = same(big, POLICY, period)
    assert "food_samples.temperature_out_of_range" in {v.code for v in found}
    with localcontext() as context:  # the caller's context does not change the result
        context.prec = 3
        assert columns_of(columns, POLICY, period) == found


def test_negative_zero_is_kept_as_text() -> None:
    log, period = compliant(2, 1, 1, POLICY)
    readings = [attrs.evolve(r, celsius=Decimal("-0.0")) for r in log.readings]
    cold = attrs.evolve(log, readings=readings)
    assert pa.types.is_string(t(log_to_columns(cold).readings).column("celsius").type)
    same(cold, POLICY, period)


def test_holds_as_columns() -> None:
    log, period = compliant(4, 2, 2, POLICY)
    log = FAULTS["held_discard"][0](log, log.samples[0], POLICY)
    log = FAULTS["held_meal_discard"][0](log, log.samples[3], POLICY)
    found = same(log, POLICY, period)
    assert "food_samples.held_sample_discarded" in {v.code for v in found}


def test_the_contract_names_every_column_of_the_tables() -> None:
    columns = log_to_columns(SampleLog())
    for name, contract in COLUMNS.items():
        assert getattr(columns, name).column_names == [column for column, _, _ in contract]


# ---------------------------------------------------------------- refusals at the boundary


def _refused(
    columns: ColumnarLog, path: str, code: str = "food_samples.invalid_record"
) -> SchoolLogisticsError:
    with pytest.raises(SchoolLogisticsError) as info:
        columns_of(columns, POLICY, DateRange.month(2025, 3))
    assert info.value.code == code
    assert info.value.path == path
    assert info.value.message_en
    assert info.value.message_zh
    return info.value


@pytest.fixture
def columns() -> ColumnarLog:
    log, _ = compliant(2, 1, 2, POLICY)
    hold = Hold.for_meals(
        "h1",
        [log.meals[0].meal_id],
        placed_at=log.samples[0].taken_at,
        placed_by="校长",
        reason="腹泻",
    )
    return log_to_columns(attrs.evolve(log, holds=[hold]))


def test_a_float_column_is_refused(columns: ColumnarLog) -> None:
    floats = [float(g) for g in t(columns.samples).column("grams").to_pylist()]
    error = _refused(replaced(columns, "samples", "grams", floats), "samples.grams")
    assert "double" in error.message_en


def test_a_missing_or_extra_column_is_refused(columns: ColumnarLog) -> None:
    _refused(
        attrs.evolve(columns, samples=t(columns.samples).drop_columns(["dish"])), "samples.dish"
    )
    extra = t(columns.readings).append_column(
        "humidity", pa.array([1] * t(columns.readings).num_rows)
    )
    _refused(attrs.evolve(columns, readings=extra), "readings.humidity")


def test_a_table_of_the_wrong_type_is_refused(columns: ColumnarLog) -> None:
    _refused(attrs.evolve(columns, meals=[{"meal_id": "x"}]), "meals.*")


def test_naive_and_sub_microsecond_timestamps_are_refused(columns: ColumnarLog) -> None:
    at = t(columns.disposals).column("discarded_at")
    _refused(
        replaced(columns, "disposals", "discarded_at", at.cast(pa.timestamp("us"))),
        "disposals.discarded_at",
    )
    nanos = pa.array([v * 1000 + 1 for v in at.to_pylist()], pa.int64()).cast(
        pa.timestamp("ns", tz="UTC")
    )
    _refused(replaced(columns, "disposals", "discarded_at", nanos), "disposals[0].discarded_at")
    _refused(
        replaced(columns, "disposals", "discarded_at", pa.array(["x"] * len(at))),
        "disposals.discarded_at",
    )
    far = [10**18] * len(at)
    _refused(
        replaced(columns, "disposals", "discarded_at", pa.array(far, pa.int64())),
        "disposals[0].discarded_at",
    )


def test_nulls_blank_ids_and_bad_text_are_refused(columns: ColumnarLog) -> None:
    ids = t(columns.samples).column("sample_id").to_pylist()
    _refused(replaced(columns, "samples", "sample_id", [None, *ids[1:]]), "samples[0].sample_id")
    _refused(
        replaced(columns, "samples", "sample_id", [*ids[:-1], " "]),
        f"samples[{len(ids) - 1}].sample_id",
        "id.empty",
    )
    control = [*ids[:-1], "s\x00"]
    error = _refused(
        replaced(columns, "samples", "sample_id", control),
        f"samples[{len(ids) - 1}].sample_id",
        "text.control_character",
    )
    assert error.path is not None
    _refused(
        replaced(columns, "samples", "sample_id", pa.array([1] * len(ids))), "samples.sample_id"
    )
    celsius = t(columns.readings).column("celsius").to_pylist()
    _refused(
        replaced(
            columns,
            "readings",
            "celsius",
            pa.array([None, *celsius[1:]], t(columns.readings).column("celsius").type),
        ),
        "readings[0].celsius",
    )


def test_odd_but_valid_text_passes_the_screen(columns: ColumnarLog) -> None:
    names = t(columns.samples).column("taken_by").to_pylist()
    odd = ["\u200b张三", " 张三", *names[2:]]  # not printable / leading space, yet not blank
    changed = replaced(columns, "samples", "taken_by", odd)
    found = columns_of(changed, POLICY, DateRange.month(2025, 3))
    assert audit_log(columns_to_log(changed), POLICY, DateRange.month(2025, 3)) == found


def test_meal_rows_are_checked_as_meals(columns: ColumnarLog) -> None:
    kinds = t(columns.meals).column("kind").to_pylist()
    _refused(replaced(columns, "meals", "kind", ["brunch", *kinds[1:]]), "meals[0].kind")
    event = replaced(columns, "meals", "kind", ["event", *kinds[1:]])
    _refused(event, "meals[0].event_name")
    _refused(
        replaced(
            event, "meals", "event_name", pa.array([" ", *([None] * (len(kinds) - 1))], pa.string())
        ),
        "meals[0].event_name",
    )
    _refused(
        replaced(
            columns,
            "meals",
            "event_name",
            pa.array(["运动会", *([None] * (len(kinds) - 1))], pa.string()),
        ),
        "meals[0].event_name",
    )
    named = replaced(
        event,
        "meals",
        "event_name",
        pa.array(["运动会", *([None] * (len(kinds) - 1))], pa.string()),
    )
    assert columns_of(named, POLICY, DateRange.month(2025, 3)) == audit_log(
        columns_to_log(named), POLICY, DateRange.month(2025, 3)
    )
    dishes = t(columns.meals).column("dishes").to_pylist()
    _refused(
        replaced(columns, "meals", "dishes", pa.array([[dishes[0][0], dishes[0][0]], *dishes[1:]])),
        "meals[0].dishes",
    )
    _refused(replaced(columns, "meals", "dishes", pa.array(["米饭"] * len(dishes))), "meals.dishes")
    days = t(columns.meals).column("day").cast(pa.string())
    _refused(replaced(columns, "meals", "day", days), "meals.day")


def test_negative_and_unreadable_weights_are_refused(columns: ColumnarLog) -> None:
    grams = t(columns.samples).column("grams")
    negative = pa.array([-g for g in grams.to_pylist()], grams.type)
    _refused(replaced(columns, "samples", "grams", negative), "samples[0].grams")
    texts = ["-1", *(str(g) for g in grams.to_pylist()[1:])]
    _refused(replaced(columns, "samples", "grams", texts), "samples[0].grams")
    _refused(replaced(columns, "samples", "grams", ["x", *texts[1:]]), "samples[0].grams")
    _refused(replaced(columns, "samples", "grams", ["NaN", *texts[1:]]), "samples[0].grams")
    huge = pa.array([Decimal("1E+30"), *grams.to_pylist()[1:]], pa.decimal128(38, 1))
    _refused(replaced(columns, "samples", "grams", huge), "samples[0].grams", "money.out_of_range")
    big = pa.array([Decimal("1E+15"), *grams.to_pylist()[1:]], pa.decimal128(20, 0))
    _refused(replaced(columns, "samples", "grams", big), "samples[0].grams", "money.out_of_range")
    fine = pa.array(grams.to_pylist(), pa.decimal128(38, 11))
    _refused(replaced(columns, "samples", "grams", fine), "samples[0].grams", "money.out_of_range")
    _refused(
        replaced(columns, "samples", "grams", ["1E+16", *texts[1:]]),
        "samples[0].grams",
        "money.out_of_range",
    )
    wide = pa.array(grams.to_pylist(), pa.decimal256(40, 1))
    _refused(replaced(columns, "samples", "grams", wide), "samples.grams")


def test_holds_rows_are_checked_as_holds(columns: ColumnarLog) -> None:
    placed = t(columns.holds).column("placed_at").to_pylist()
    released = replaced(columns, "holds", "released_at", pa.array([placed[0] - 1], pa.int64()))
    _refused(released, "holds[0].released_by")


def test_policy_and_period_are_checked(columns: ColumnarLog) -> None:
    with pytest.raises(InvalidRecordError):
        audit_columns(
            columns.meals,
            columns.samples,
            columns.disposals,
            columns.readings,
            policy="x",  # type: ignore[arg-type]  # the point
            period=DateRange.month(2025, 3),
        )
    with pytest.raises(InvalidRecordError):
        audit_columns(
            columns.meals,
            columns.samples,
            columns.disposals,
            columns.readings,
            policy=POLICY,
            period="2025-03",  # type: ignore[arg-type]  # the point
        )


def test_without_numpy_the_extra_is_named(
    monkeypatch: pytest.MonkeyPatch, columns: ColumnarLog
) -> None:
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(ImportError, match=r"schoollogistics\[columnar\]") as info:
        log_to_columns(SampleLog())
    assert info.value.name == "numpy"


def test_records_of_other_kinds_are_not_columns() -> None:
    # the record types are untouched by the columnar audit
    assert {Disposal, FoodSample, Meal, MealKind, TemperatureReading}


# ---------------------------------------------------------------- the fast paths of the screen


def dictionary_encoded(columns: ColumnarLog) -> ColumnarLog:
    """Every text column (and the values of every list of text) dictionary-encoded."""
    tables = {}
    for name in ("meals", "samples", "disposals", "readings", "holds"):
        table = getattr(columns, name)
        for index, column in enumerate(table.column_names):
            array = table.column(column).combine_chunks()
            if pa.types.is_string(array.type):
                array = array.dictionary_encode()
            elif pa.types.is_list(array.type):
                array = pa.ListArray.from_arrays(array.offsets, array.flatten().dictionary_encode())
            else:
                continue
            table = table.set_column(index, column, array)
        tables[name] = table
    return ColumnarLog(**tables)


@settings(max_examples=120, deadline=None)
@given(case=edge_logs(), data=st.data())
def test_the_same_findings_from_dictionary_columns_and_from_rows_in_any_order(
    case: tuple[SampleLog, RetentionPolicy, DateRange], data: st.DataObject
) -> None:
    log, policy, period = case
    if data.draw(st.booleans(), label="shuffled"):
        log = attrs.evolve(
            log,
            meals=data.draw(st.permutations(log.meals)),
            samples=data.draw(st.permutations(log.samples)),
            disposals=data.draw(st.permutations(log.disposals)),
            readings=data.draw(st.permutations(log.readings)),
        )
    expected = audit_log(log, policy, period)
    columns = log_to_columns(log)
    if data.draw(st.booleans(), label="dictionary"):
        columns = dictionary_encoded(columns)
    assert columns_of(columns, policy, period) == expected


@pytest.mark.rule("FS-1")
@pytest.mark.parametrize("kind", ["off_menu", "unsampled_dish", "light", "late"])
def test_menus_of_more_than_64_dishes(kind: str) -> None:
    """Beyond 64 distinct dishes the menus are sorted keys, not 64-bit sets."""
    log, period = compliant(2, 2, 70, POLICY)
    samples = list(log.samples)
    if kind == "off_menu":
        samples[75] = attrs.evolve(samples[75], dish="不在菜单上")
    elif kind == "unsampled_dish":
        del samples[140]
    elif kind == "light":
        samples[3] = attrs.evolve(samples[3], grams=Decimal("1.0"))
    else:
        samples[9] = attrs.evolve(samples[9], taken_at=samples[9].taken_at.add(hours=3))
    found = same(attrs.evolve(log, samples=samples), POLICY, period)
    assert found
    assert same(log, POLICY, period) == ()


@pytest.mark.parametrize("dishes", [3, 70])
def test_a_dish_listed_twice_is_refused_at_its_first_meal(dishes: int) -> None:
    log, _ = compliant(2, 2, dishes, POLICY)
    columns = log_to_columns(log)
    menus = t(columns.meals).column("dishes").to_pylist()
    menus[3] = [*menus[3], menus[3][-1]]
    menus[1] = [menus[1][0], *menus[1]]
    _refused(replaced(columns, "meals", "dishes", pa.array(menus)), "meals[1].dishes")


_ALPHABET = "ab-0 \t\x00\u00a0\u2028\u200b米饭张"


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.none() | st.text(alphabet=_ALPHABET, max_size=4), min_size=1, max_size=6),
    layout=st.sampled_from(["runs", "cycle", "distinct"]),
    dictionary=st.booleans(),
    identifier=st.booleans(),
)
def test_text_columns_of_many_rows_are_checked_as_the_records_check_them(
    values: list[str | None], layout: str, dictionary: bool, identifier: bool
) -> None:
    """Long columns take the screen's shortcuts (runs, few distinct values); none hides a row."""
    size = 5_000
    if layout == "runs":
        rows = [values[i * len(values) // size] for i in range(size)]
    elif layout == "cycle":
        rows = [values[i % len(values)] for i in range(size)]
    else:
        rows = [None if v is None else f"{v}{i}" for i, v in enumerate(values * size)][:size]
    if identifier:
        rows = ["x" if v is None else v for v in rows]
    array = pa.array(rows, pa.string())
    if dictionary:
        array = array.dictionary_encode()
    first_bad = None
    for row, value in enumerate(rows):
        try:
            if value is not None:
                if identifier:
                    require_id(value, field="c")
                check_text(value, "t.c")
        except SchoolLogisticsError:
            first_bad = row
            break
    mods = _columnar.modules()
    if first_bad is not None:
        with pytest.raises(SchoolLogisticsError) as info:
            _columnar.text_column(array, "t", "c", nullable=True, identifier=identifier, mods=mods)
        assert info.value.path == f"t[{first_bad}].c"
        return
    checked, blank = _columnar.text_column(
        array, "t", "c", nullable=True, identifier=identifier, mods=mods
    )
    assert t(checked).to_pylist() == rows
    truly_blank = np.array([v is None or not v.strip() for v in rows])
    assert np.all(blank[truly_blank])


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(st.text(alphabet="ab/-01", max_size=30), min_size=1, max_size=40),
    step=st.integers(1, 97),
    nulls=st.booleans(),
)
def test_ids_recorded_twice_are_found_across_the_hash_chunks(
    values: list[str], step: int, nulls: bool
) -> None:
    """Rows hashed in different chunks, short and long strings: every twin, exactly."""
    size = _columnar._CHUNK * 2 + 11
    unique = [f"{v}#{i}" for i, v in enumerate(values)]
    rows: list[str | None] = [
        unique[(i * step) % len(unique)] if i % 3 else f"{values[i % len(values)]}@{i}"
        for i in range(size)
    ]
    if nulls:
        rows[5] = rows[6] = None
        rows[7] = rows[size - 1] = ""
    counts = Counter(v for v in rows if v is not None)
    twins = _columnar._twins(pa.array(rows, pa.string()), _columnar.modules())
    assert twins.tolist() == [v is not None and counts[v] > 1 for v in rows]


@pytest.mark.rule("FS-1")
@pytest.mark.parametrize("dictionary", [False, True])
def test_a_long_log_takes_the_shortcuts_and_finds_the_same(dictionary: bool) -> None:
    """Over 4,096 samples the dishes are looked up by their distinct values."""
    log, period = compliant(46, 3, 30, POLICY)
    samples = list(log.samples)
    samples[100] = attrs.evolve(samples[100], dish="不在菜单上")
    samples[2_000] = attrs.evolve(samples[2_000], dish=None, taken_by=None)
    del samples[3_000]
    log = attrs.evolve(log, samples=samples)
    expected = audit_log(log, POLICY, period)
    columns = log_to_columns(log)
    if dictionary:
        columns = dictionary_encoded(columns)
    assert len(samples) > _columnar._PROBE
    assert columns_of(columns, POLICY, period) == expected
    assert {"food_samples.dish_without_sample", "food_samples.sample_of_unserved_dish"} <= {
        v.code for v in expected
    }


def test_too_long_text_and_odd_event_names(columns: ColumnarLog) -> None:
    names = t(columns.samples).column("taken_by").to_pylist()
    _refused(
        replaced(columns, "samples", "taken_by", [*names[:-1], "x" * 10_001]),
        f"samples[{len(names) - 1}].taken_by",
        "text.too_long",
    )
    kinds = t(columns.meals).column("kind").to_pylist()
    events = [" 春游", *[None] * (len(kinds) - 1)]  # a leading space, yet a name
    changed = replaced(columns, "meals", "kind", ["event", *kinds[1:]])
    changed = replaced(changed, "meals", "event_name", pa.array(events, pa.string()))
    period = DateRange.month(2025, 3)
    assert columns_of(changed, POLICY, period) == audit_log(columns_to_log(changed), POLICY, period)
