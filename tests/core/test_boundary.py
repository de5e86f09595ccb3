"""Issue 10: money domain and context, time bounds, checked records, strict JSON.

Example tests pin the concrete refusals named in the issue; properties check that
no result depends on the caller's decimal context, that the fast and the
reporting paths of the converter agree, and that ``dumps`` is ``json.dumps`` of
``to_dict``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from decimal import Decimal
from typing import Any, cast

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schoollogistics import Money, allocate, serialization
from schoollogistics.assets import AssetEvent, Issued, Received
from schoollogistics.assets._events import EVENT_TYPES
from schoollogistics.core import shapes
from schoollogistics.core.money import (
    MAX_PARTIES,
    MONEY_CONTEXT,
    decimal_pattern,
    to_capital,
)
from schoollogistics.core.time import (
    DateRange,
    as_datetime,
    get_timezone,
    hours,
    parse_date,
    parse_datetime,
    school_date,
    school_datetime,
)
from schoollogistics.errors import (
    AmountOutOfRangeError,
    AmountTextError,
    ControlCharacterError,
    FieldTypeError,
    InvalidWeightsError,
    SchoolLogisticsError,
    SerializationError,
    SurrogateTextError,
    TextTooLongError,
    TimeOutOfRangeError,
    TimeTypeError,
    UnknownTimezoneError,
    ValueOutOfRangeError,
)
from schoollogistics.serialization import PUBLIC_TYPES, dumps, from_dict, loads, to_dict
from schoollogistics.testing import fen_amounts, strategy_for, weights

D = pendulum.Date(2025, 9, 1)

# ---------------------------------------------------------------- money


class TestMoneyGrammar:
    @pytest.mark.parametrize(
        ("text", "amount"),
        [("12.50", "12.50"), ("-3", "-3"), ("+2", "2"), ("1,234.56", "1234.56"), ("0", "0")],
    )
    def test_accepted(self, text: str, amount: str) -> None:
        assert Money(text).amount == Decimal(amount)

    @pytest.mark.parametrize(
        "text",
        [
            "12,50",
            "1,2345",
            " 7 ",
            "7 ",
            "1e3",
            "1E+100000",
            "１２",
            "١٢",
            ".5",
            "5.",
            "",
            "--1",
            "1_000",
            "NaN",
            "0x10",
            "12.5.0",
        ],
    )
    def test_refused_as_text(self, text: str) -> None:
        with pytest.raises(AmountTextError):
            Money(text)

    @pytest.mark.parametrize(
        "value",
        ["99999999999999", "0.0000001", Decimal("1e26"), Decimal("1E-7"), 10**13, -(10**13)],
    )
    def test_out_of_the_domain(self, value: object) -> None:
        with pytest.raises(AmountOutOfRangeError) as info:
            Money(value)  # type: ignore[arg-type]
        assert info.value.code == "money.out_of_range"

    def test_the_largest_amounts_are_in(self) -> None:
        assert Money("9999999999999.999999").amount == Decimal("9999999999999.999999")
        assert Money("9,999,999,999,999").amount == Decimal(9999999999999)
        assert Money(Decimal("1E+3")).amount == Decimal(1000)  # written out, no exponent
        assert str(Money(Decimal("1E+3"))) == "1000"

    @given(
        st.decimals(allow_nan=False, allow_infinity=False, places=6).filter(
            lambda d: abs(d) < 10**13
        )
    )
    def test_text_of_a_domain_value_reads_back(self, amount: Decimal) -> None:
        money = Money(amount)
        assert Money(str(money)) == money
        assert serialization.from_dict(Money, serialization.to_dict(money)) == money

    def test_the_pattern_matches_the_parser(self) -> None:
        import re

        pattern = re.compile(decimal_pattern(13, 6))
        for text in ("1,234.56", "9999999999999.999999", "-0.5", "+1"):
            assert pattern.match(text)
            Money(text)
        for text in ("99999999999999", "1.1234567", "1,2345"):
            assert not pattern.match(text)

    def test_arithmetic_leaving_the_domain_is_refused(self) -> None:
        big = Money("9999999999999")
        with pytest.raises(AmountOutOfRangeError):
            _ = big + Money(1)
        with pytest.raises(AmountOutOfRangeError):
            _ = big * 10
        with pytest.raises(AmountOutOfRangeError):
            _ = Money("0.01") * Decimal("0.0000001")  # 9 fraction digits
        with pytest.raises(AmountOutOfRangeError):
            Money.sum([big, big])
        with pytest.raises(AmountOutOfRangeError):
            Money.from_fen(10**15)


_HOSTILE_CONTEXTS = [
    decimal.Context(prec=6),
    decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, traps=[]),
    decimal.Context(
        prec=28,
        traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.Overflow],
    ),
    decimal.Context(Emax=5, Emin=-5),
]


def _money_results(
    total: Money, ws: list[int], quarters: list[Decimal], factor: int
) -> tuple[object, ...]:
    a, b = total, Money("1234.5678")
    return (
        allocate(total, ws),
        allocate(total, quarters),
        a + b,
        a - b,
        -a,
        a * factor,
        a * Decimal("1.25"),
        Money.sum([a, b, a]),
        Money("0.125").quantize_fen(),
        (a * Decimal("0.333")).quantize_fen(decimal.ROUND_HALF_EVEN),
        to_capital(total),
        total.fen,
    )


class TestDecimalContext:
    @given(
        fen_amounts(min_value="-99999999.99", max_value="99999999.99"),
        weights(),
        st.integers(-1000, 1000),
    )
    @settings(max_examples=60)
    def test_no_result_depends_on_the_callers_context(
        self, total: Money, ws: list[int], factor: int
    ) -> None:
        quarters = [Decimal(w) / 4 for w in ws]  # computed here, in the default context
        expected = _money_results(total, ws, quarters, factor)
        for context in _HOSTILE_CONTEXTS:
            with decimal.localcontext(context):
                assert _money_results(total, ws, quarters, factor) == expected

    def test_the_library_context_is_not_the_callers(self) -> None:
        assert decimal.getcontext() is not MONEY_CONTEXT
        with decimal.localcontext(decimal.Context(prec=2)):
            assert allocate("100.00", [1, 1, 1]) == (Money("33.34"), Money("33.33"), Money("33.33"))


class TestAllocateWeights:
    def test_text_weights_are_refused(self) -> None:
        with pytest.raises(InvalidWeightsError):
            allocate("10.00", "123")  # type: ignore[arg-type]
        with pytest.raises(InvalidWeightsError):
            allocate("10.00", ["1", "2"])  # type: ignore[list-item]

    def test_money_and_decimal_weights(self) -> None:
        assert allocate("10.00", [Money("1.5"), Decimal("0.5")]) == allocate("10.00", [3, 1])

    def test_at_most_max_parties(self) -> None:
        parts = allocate("100.00", [1] * MAX_PARTIES)
        assert sum(p.fen for p in parts) == 10000
        with pytest.raises(InvalidWeightsError):
            allocate("100.00", [1] * (MAX_PARTIES + 1))

    @pytest.mark.parametrize("weight", [2**200, Decimal("1e30"), Decimal("1e-20"), 1.5, None])
    def test_extreme_weights_are_typed_refusals(self, weight: object) -> None:
        with pytest.raises(SchoolLogisticsError):
            allocate("1.00", [1, weight])  # type: ignore[list-item]


# ---------------------------------------------------------------- time


class TestTimeBounds:
    @pytest.mark.parametrize("year", [1, 1899, 2201, 9999, 10**20])
    def test_years_outside_the_range(self, year: int) -> None:
        with pytest.raises(TimeOutOfRangeError):
            school_date(year, 1, 1)
        with pytest.raises(TimeOutOfRangeError):
            school_datetime(year, 1, 1)
        with pytest.raises(TimeOutOfRangeError):
            DateRange.month(year, 1)

    @pytest.mark.parametrize("value", ["2025", 2025.0, True, None])
    def test_fields_are_int(self, value: object) -> None:
        with pytest.raises(TimeTypeError):
            school_date(value, 1, 1)  # type: ignore[arg-type]
        with pytest.raises(TimeTypeError):
            school_datetime(2025, 1, 1, value)  # type: ignore[arg-type]
        with pytest.raises(TimeTypeError):
            hours(value)  # type: ignore[arg-type]

    def test_stdlib_extremes_with_offsets(self) -> None:
        tz = dt.timezone(dt.timedelta(hours=-5))
        for moment in (dt.datetime(1, 1, 1, tzinfo=tz), dt.datetime(9999, 12, 31, 23, tzinfo=tz)):
            with pytest.raises(TimeOutOfRangeError):
                as_datetime(moment)

    @pytest.mark.parametrize("offset", [-13, 15, 23])
    def test_offsets_outside_the_real_range(self, offset: int) -> None:
        tz = dt.timezone(dt.timedelta(hours=offset))
        with pytest.raises(TimeOutOfRangeError):
            as_datetime(dt.datetime(2025, 9, 1, tzinfo=tz))
        text = f"2025-09-01T08:00:00{offset:+03d}:00"
        with pytest.raises(SerializationError) as info:
            from_dict(pendulum.DateTime, text)
        assert info.value.codes == ("time.out_of_range",)

    def test_offsets_at_the_ends_are_in(self) -> None:
        for text in ("2025-09-01T08:00:00-12:00", "2025-09-01T08:00:00+14:00"):
            assert from_dict(pendulum.DateTime, text).isoformat() == text

    @pytest.mark.parametrize("name", ["x" * 300, "Asia/../../etc", "Asia/Shang hai", "", "\x00"])
    def test_bad_zone_names(self, name: str) -> None:
        with pytest.raises(UnknownTimezoneError):
            get_timezone(name)

    def test_huge_durations(self) -> None:
        with pytest.raises(TimeOutOfRangeError):
            hours(10**12)
        with pytest.raises(SerializationError):
            from_dict(pendulum.Duration, 10**30)

    @pytest.mark.parametrize(
        "text", ["２０２５-09-01", "2025-9-1", "20250901", "2025-09-01 ", "0001-01-01"]
    )
    def test_date_text_is_strict(self, text: str) -> None:
        with pytest.raises(SchoolLogisticsError):
            parse_date(text)

    def test_parse_datetime_refuses_long_and_odd_text(self) -> None:
        with pytest.raises(SchoolLogisticsError):
            parse_datetime("2025-09-01T08:00:00" + "0" * 5000)


# ---------------------------------------------------------------- records


_RECORDS = [t for t in PUBLIC_TYPES if attrs.has(t) and t is not Money]


@pytest.mark.parametrize("cls", _RECORDS, ids=lambda c: c.__name__)
def test_every_public_record_checks_its_fields(cls: type) -> None:
    assert shapes.is_checked(cls) or cls is DateRange  # DateRange converts with as_date


_WRONG: list[object] = [None, "text", 2.5, True, {"a": 1}, [1], b"x", object(), "\ud800"]


@pytest.mark.parametrize("cls", _RECORDS, ids=lambda c: c.__name__)
@given(data=st.data())
@settings(max_examples=8)
def test_a_wrong_field_is_a_typed_refusal(cls: type, data: st.DataObject) -> None:
    value = data.draw(strategy_for(cls))
    fields = [f for f in attrs.fields(cls) if f.init]
    if not fields:
        return
    field = data.draw(st.sampled_from(fields))
    wrong = data.draw(st.sampled_from(_WRONG))
    # Accepted (text for a text field, a mapping for params) or refused with a typed
    # error: any other exception fails the test.
    refusal: SchoolLogisticsError | None = None
    try:
        attrs.evolve(value, **{field.alias or field.name: wrong})
    except SchoolLogisticsError as error:
        refusal = error
    if refusal is not None:
        assert refusal.code
        assert refusal.message_zh


def test_text_policy_in_constructors() -> None:
    with pytest.raises(SurrogateTextError):
        Issued(
            item_id="\ud800",
            from_place="s",
            to_location="r",
            quantity=1,
            effective_on=D,
            recorded_by="c",
        )
    with pytest.raises(ControlCharacterError):
        Issued(
            item_id="a\x00",
            from_place="s",
            to_location="r",
            quantity=1,
            effective_on=D,
            recorded_by="c",
        )
    with pytest.raises(TextTooLongError):
        Issued(
            item_id="a" * 10_001,
            from_place="s",
            to_location="r",
            quantity=1,
            effective_on=D,
            recorded_by="c",
        )
    ok = Issued(
        item_id="粉笔\t盒",
        from_place="s",
        to_location="r",
        quantity=1,
        effective_on=D,
        recorded_by="c",
        reason="第一行\n第二行\r\n",
    )
    assert ok.item_id == "粉笔\t盒"


def test_wrong_types_in_constructors() -> None:
    with pytest.raises(FieldTypeError) as info:
        Received(
            item_id="i",
            place_id="p",
            quantity=1,
            unit_cost=None,  # type: ignore[arg-type]
            acceptor="a",
            effective_on=D,
            recorded_by="c",
        )
    assert info.value.field == "Received.unit_cost"
    with pytest.raises(FieldTypeError):
        Received(
            item_id="i",
            place_id="p",
            quantity=2.7,  # type: ignore[arg-type]
            unit_cost=Money(1),
            acceptor="a",
            effective_on=D,
            recorded_by="c",
        )
    with pytest.raises(ValueOutOfRangeError):
        Received(
            item_id="i",
            place_id="p",
            quantity=2**60,
            unit_cost=Money(1),
            acceptor="a",
            effective_on=D,
            recorded_by="c",
        )
    for tags in (None, "abc", {"a": 1}):
        with pytest.raises(FieldTypeError):
            Received(
                item_id="i",
                place_id="p",
                quantity=1,
                unit_cost=Money(1),
                acceptor="a",
                effective_on=D,
                recorded_by="c",
                tags=cast("Any", tags),
            )


def test_a_callers_list_is_copied_into_a_tuple() -> None:
    tags = ["t-1", "t-2"]
    event = Received(
        item_id="i",
        place_id="p",
        quantity=2,
        unit_cost=Money(1),
        acceptor="a",
        effective_on=D,
        recorded_by="c",
        tags=cast("Any", tags),
    )
    tags.append("t-3")
    assert event.tags == ("t-1", "t-2")


# ---------------------------------------------------------------- strict JSON


def _issued_doc(**changes: object) -> dict[str, Any]:
    event = Issued(
        item_id="chalk",
        from_place="store",
        to_location="room-1",
        quantity=2,
        effective_on=D,
        recorded_by="clerk",
    )
    doc = cast("dict[str, Any]", to_dict(event, AssetEvent))
    doc.update(changes)
    return doc


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"quantity": 2.7}, "serialization.wrong_type"),
        ({"quantity": True}, "serialization.wrong_type"),
        ({"quantity": " 7 "}, "serialization.wrong_type"),
        ({"quantity": "٧"}, "serialization.wrong_type"),
        ({"quantity": 2**60}, "input.out_of_range"),
        ({"item_id": {"a": 1}}, "serialization.wrong_type"),
        ({"item_id": 12}, "serialization.wrong_type"),
        ({"item_id": "\ud800"}, "text.surrogate"),
        ({"item_id": "a\x1b"}, "text.control_character"),
        ({"effective_on": "２０２５-09-01"}, "time.unparseable"),
        ({"effective_on": "2025-09-01T00:00:00+08:00"}, "time.unparseable"),
        ({"type": "Nope"}, "serialization.unknown_tag"),
        ({"extra": 1}, "serialization.unknown_key"),
    ],
)
def test_silent_coercions_are_refusals(changes: dict[str, object], code: str) -> None:
    with pytest.raises(SerializationError) as info:
        from_dict(AssetEvent, _issued_doc(**changes))
    assert code in info.value.codes


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("12,50", "money.not_a_number"),
        ("１２.50", "money.not_a_number"),
        ("1E+100000", "money.not_a_number"),
        ("99999999999999", "money.out_of_range"),
        (12.5, "money.float_refused"),
        (12, "serialization.wrong_type"),
        (None, "serialization.wrong_type"),
    ],
)
def test_money_in_json(amount: object, code: str) -> None:
    event = Received(
        item_id="i",
        place_id="p",
        quantity=1,
        unit_cost=Money(1),
        acceptor="a",
        effective_on=D,
        recorded_by="c",
    )
    doc = cast("dict[str, Any]", to_dict(event, AssetEvent))
    doc["unit_cost"] = amount
    with pytest.raises(SerializationError) as info:
        from_dict(AssetEvent, doc)
    assert info.value.codes == (code,)
    assert info.value.paths == ("$.unit_cost",)


@pytest.mark.parametrize("document", [None, 3, "x", [], True, 2.5])
def test_a_document_that_is_not_an_object(document: object) -> None:
    for cls in (Issued, AssetEvent, DateRange):
        with pytest.raises(SerializationError):
            from_dict(cls, document)


def test_deep_nesting_and_huge_numbers_in_text() -> None:
    for text in ("[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000):
        with pytest.raises(SerializationError):
            loads(list[AssetEvent], text)
    with pytest.raises(SerializationError):
        loads(list[AssetEvent], "[" + "9" * 5000 + "]")
    with pytest.raises(SerializationError):
        loads(Issued, b"\xff\xfe")
    deep: object = "x"
    for _ in range(10_000):
        deep = [deep]
    with pytest.raises(SerializationError):
        from_dict(list[AssetEvent], [deep])


def test_errors_are_bounded_and_listed_at_most_twenty() -> None:
    bad = [_issued_doc(quantity="x" * 2_000_000)] + [_issued_doc(quantity=-1.5)] * 16_000
    with pytest.raises(SerializationError) as info:
        from_dict(list[AssetEvent], bad)
    error = info.value
    assert len(error.errors) == 20
    assert len(error.codes) == len(error.paths) == 20
    assert error.paths[0] == "$[0].quantity"
    assert len(str(error)) < 4000
    assert all(len(line) < 400 for line in error.errors)
    assert error.message_en.endswith("(and at least 20 more)")
    assert error.message_en.startswith("cannot load list[AssetEvent]: ")


def test_a_refused_document_names_every_path() -> None:
    doc = _issued_doc(quantity="2", item_id=None, recorded_by=3)
    del doc["to_location"]
    with pytest.raises(SerializationError) as info:
        from_dict(AssetEvent, doc)
    assert set(info.value.paths) == {"$.quantity", "$.item_id", "$.recorded_by", "$.to_location"}


_SOME_TYPES = [t for t in PUBLIC_TYPES if t is not Money][:400]


@pytest.mark.parametrize("cls", _SOME_TYPES, ids=lambda c: c.__name__)
@given(data=st.data())
@settings(max_examples=5)
def test_dumps_is_json_dumps_of_to_dict_and_loads_back(cls: type, data: st.DataObject) -> None:
    value = data.draw(strategy_for(cls))
    text = dumps(value)
    assert text == json.dumps(to_dict(value), ensure_ascii=False, separators=(",", ":"))
    assert loads(cls, text) == value
    text.encode("utf-8")  # never a lone surrogate


@given(
    st.lists(
        st.one_of([strategy_for(t) for t in EVENT_TYPES]),
        max_size=5,
    )
)
@settings(max_examples=30)
def test_logs_round_trip_through_both_codecs(events: list[object]) -> None:
    text = dumps(events, list[AssetEvent])
    saved = serialization._orjson
    try:
        serialization._orjson = None
        assert loads(list[AssetEvent], text) == events
    finally:
        serialization._orjson = saved
    assert loads(list[AssetEvent], text) == events


def test_functions_are_never_reused_for_another_shape() -> None:
    """Generated functions are keyed by their shape, not by a reusable ``id()``."""
    for tp, doc in (
        (list[int], [1]),
        (list[str], ["a"]),
        (list[Money], ["1.5"]),
        (list[pendulum.Date], ["2025-09-01"]),
        (list[Decimal], ["1.5"]),
    ):
        assert from_dict(tp, doc)
    with pytest.raises(SerializationError):
        from_dict(list[bool], ["1.5"])
    assert from_dict(list[bool], [True]) == [True]
    assert to_dict([Money("1.50")], list[Money]) == ["1.50"]
    assert dumps((pendulum.Date(2025, 9, 1),), tuple[pendulum.Date, ...]) == '["2025-09-01"]'


def test_dumping_a_value_of_no_public_type() -> None:
    from schoollogistics.errors import UnserializableError

    with pytest.raises(UnserializableError) as info:
        dumps(object())
    assert info.value.message_en.startswith("cannot serialize object")
    with pytest.raises(UnserializableError):
        to_dict(3, Issued)


@given(st.lists(st.one_of([strategy_for(t) for t in EVENT_TYPES]), min_size=1, max_size=4))
@settings(max_examples=10)
def test_a_long_log_is_the_same_text_as_the_plain_encoders(events: list[object]) -> None:
    """Past 1,000 items the text of `dumps` is still that of json (and of orjson)."""
    import gc
    import json

    log = events * (1_000 // len(events) + 1)
    text = dumps(log, list[AssetEvent])
    plain = serialization.to_dict(log, list[AssetEvent])
    assert text == json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
    fast = serialization._orjson
    if fast is not None:
        assert text == str(fast.dumps(plain), "utf-8")
    assert loads(list[AssetEvent], text) == log
    assert gc.isenabled()  # the collector is resumed after a bulk load or dump


def test_the_collector_stays_as_the_caller_left_it() -> None:
    import gc

    log = [
        Issued(
            item_id="chalk",
            from_place="store",
            to_location="room-1",
            quantity=1,
            effective_on=D,
            recorded_by="clerk",
        )
    ] * 2_000
    text = dumps(log, list[AssetEvent])
    gc.disable()
    try:
        assert loads(list[AssetEvent], text) == log
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(SerializationError):
        loads(list[AssetEvent], text.replace('"quantity":1', '"quantity":1.5', 1))
    assert gc.isenabled()
