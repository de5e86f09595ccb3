"""Hostile Python values to every public constructor, ``Money``, ``allocate`` and the time helpers.

A constructor either refuses with a ``SchoolLogisticsError`` in under 100 ms of CPU,
or builds a value *within the boundary*: it serializes (``dumps`` works and is
UTF-8), and ``from_dict(cls, to_dict(value)) == value`` (so ``Received(unit_cost=None)``
or a ``str`` year, accepted and failing later, are caught). A list given for a
tuple field is copied: changing the list afterwards changes nothing.

``Money``/``allocate``/time helpers have explicit oracles for what they may
accept (``Money(" 7 ")``, ``Money("12,50")``, ``allocate("10.00", "123")``,
a ``str`` year or a ``bool`` month are coerced inputs, not values). Money
arithmetic must not depend on the caller's decimal context.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
import traceback
from collections.abc import Callable
from decimal import Decimal
from typing import Final

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from schoollogistics.core import time as sltime
from schoollogistics.core.money import Money, allocate, to_capital
from schoollogistics.core.time import DateRange
from schoollogistics.serialization import PUBLIC_TYPES, dumps, from_dict, to_dict
from schoollogistics.testing import money as money_strategy
from schoollogistics.testing import strategy_for

from ._support import Batch, bind, cut, hostile_settings, json_safe, pick, probe
from ._values import HUGE_INT, PYTHON_VALUES, Exploding, astronomical

CLASSES: Final = tuple(cls for cls in PUBLIC_TYPES if attrs.has(cls))


def _fresh(value: object) -> object:
    """A new list/dict per call, so a constructor that keeps it cannot poison the table."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value


def _candidates(current: object) -> list[tuple[str, Callable[[], object]]]:
    found: list[tuple[str, Callable[[], object]]] = [
        (name, bind(_fresh, value)) for name, value in PYTHON_VALUES
    ]
    if isinstance(current, tuple):
        items = list(current)
        found += [
            ("list of the valid items", lambda: list(items)),
            ("tuple with None", lambda: (*items, None)),
            ("generator of the items", lambda: (item for item in items)),
        ]
        if items:
            found.append(("str of an item", lambda: str(items[0])))
    if isinstance(current, Money):
        found += [
            ("Decimal of it", lambda: current.amount),
            ("str of it", lambda: str(current.amount)),
        ]
    if isinstance(current, pendulum.DateTime):
        found += [("naive of it", current.naive), ("isoformat of it", current.isoformat)]
    elif isinstance(current, dt.date):
        found += [
            ("isoformat of it", current.isoformat),
            ("datetime of it", lambda: pendulum.datetime(current.year, current.month, current.day)),
        ]
    if isinstance(current, int) and not isinstance(current, bool):
        found += [("float of it", lambda: float(current)), ("str of it", lambda: str(current))]
    return found


def _judge_built(
    batch: Batch, cls: type, built: object, shown: str, given_list: list[object] | None, attr: str
) -> None:
    ok, text = probe(batch, cls.__name__, lambda: dumps(built), repro=shown)
    if not ok:
        batch.fail(
            "late-failure", type(text).__name__, "dumps of a constructed value", cls.__name__, shown
        )
        return
    reason = json_safe(to_dict(built))
    if reason is not None:
        batch.fail(
            "unsafe-output", reason, "constructed value is not strict JSON", cls.__name__, shown
        )
        return
    ok, back = probe(batch, cls.__name__, lambda: from_dict(cls, to_dict(built)), repro=shown)
    if not ok:
        batch.fail(
            "constructor-looser-than-from_dict",
            type(back).__name__,
            "the constructor accepted what from_dict refuses",
            cls.__name__,
            shown,
        )
    elif back != built:
        batch.fail(
            "not-round-trip",
            "constructed value changes through JSON",
            cut(back, 80),
            cls.__name__,
            shown,
        )
    if given_list is not None:
        before = dumps(built)
        given_list.append(given_list[0] if given_list else None)
        if isinstance(getattr(built, attr), list) or dumps(built) != before:
            batch.fail("list-kept", "list field not copied", attr, cls.__name__, shown)


_PER_EXAMPLE: Final = 40


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
@hostile_settings(examples=3)
@given(data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_constructors_refuse_or_build_a_valid_value(
    cls: type, data: st.DataObject, seed: int
) -> None:
    """One field of a valid instance replaced by a hostile Python value, passed to ``cls(...)``."""
    batch = Batch("constructors")
    valid = data.draw(strategy_for(cls), label="valid value")
    fields = [f for f in attrs.fields(cls) if f.init]
    kwargs = {f.alias: getattr(valid, f.name) for f in fields}
    plan = [(f, label, make) for f in fields for label, make in _candidates(getattr(valid, f.name))]
    for field, label, make in pick(plan, _PER_EXAMPLE, seed):
        if batch.exhausted:
            break
        value = make()
        shown = f"{cls.__name__}({field.alias}={label})"
        arguments = {**kwargs, field.alias: value}
        ok, built = probe(
            batch, cls.__name__, bind(cls, **arguments), repro=shown, rejected=(value,)
        )
        if ok:
            given_list = value if isinstance(value, list) else None
            _judge_built(batch, cls, built, shown, given_list, field.name)
    batch.close()


# ---------------------------------------------------------------- Money and allocate

_MONEY_GRAMMAR: Final = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def _money_text_ok(text: str) -> bool:
    if not text.isascii() or not _MONEY_GRAMMAR.fullmatch(text):
        return False
    whole, _, fraction = text.lstrip("+-").replace(",", "").partition(".")
    return len(whole) <= 13 and len(fraction) <= 6


def _money_input_ok(value: object) -> bool:
    """What ``Money(value)`` may accept, by the contract."""
    if isinstance(value, bool):
        return False
    if isinstance(value, Money):
        return True
    if isinstance(value, int):
        return abs(value) < 10**13
    if isinstance(value, Decimal):
        return value.is_finite() and value.adjusted() < 13 and value.as_tuple().exponent >= -6  # type: ignore[operator]
    return isinstance(value, str) and _money_text_ok(value)


def _all_values() -> list[tuple[str, object]]:
    extra: list[tuple[str, object]] = [
        ("'7'", "7"),
        ("'2.5'", "2.5"),
        ("'  2.5'", "  2.5"),
        ("'2.5\\n'", "2.5\n"),
        ("'1_000'", "1_000"),
        ("'１２'", "\uff11\uff12"),
        ("'1,000'", "1,000"),
        ("'1e26'", "1e26"),
        ("'1' * 30", "1" * 30),
        ("Decimal('1e26')", Decimal("1e26")),
        ("Decimal('0.0000001')", Decimal("0.0000001")),
        ("Decimal(10**30)", Decimal(10**30)),
        ("10**20", 10**20),
    ]
    return [*PYTHON_VALUES, *extra]


ALL_VALUES: Final = _all_values()


def test_money_constructor_and_operations() -> None:
    """``Money(x)`` for every hostile ``x``; then the operations of whatever was accepted."""
    batch = Batch("money")
    for label, value in ALL_VALUES:
        ok, built = probe(
            batch,
            "Money",
            bind(Money, _fresh(value)),
            repro=f"Money({label})",
            rejected=(value,),
        )
        if ok and not _money_input_ok(value):
            batch.fail(
                "coerced",
                "Money accepted a value outside its domain",
                label,
                "Money",
                f"Money({label}) = {cut(built)}",
            )
        if not ok or not isinstance(built, Money):
            continue
        if astronomical(value):
            batch.fail(
                "accepted-invalid",
                "astronomical amount accepted",
                label,
                "Money",
                f"Money({label})",
            )
            continue
        for name, operation in _money_operations(built):
            probe(batch, f"Money.{name}", operation, repro=f"Money({label}).{name}")
    one = Money("1.00")
    for label, value in ALL_VALUES:
        if astronomical(value):
            continue  # fed to the door above; anything further could hang in C
        for name, operation in (
            ("from_fen", bind(Money.from_fen, _fresh(value))),
            ("quantize_fen(rounding)", bind(one.quantize_fen, value)),
            ("to_capital", bind(to_capital, value)),
            ("Money.sum", bind(Money.sum, value)),
        ):
            probe(batch, f"Money {name}", operation, repro=f"{name}({label})", rejected=(value,))
        if isinstance(value, Exploding):
            continue  # its own reflected dunders raise: that is the object, not the library
        for name, operator in (("+", _add), ("-", _sub), ("*", _mul), ("<", _lt)):
            probe(
                batch,
                f"Money {name}",
                bind(_operator, operator, one, value),
                repro=f"Money('1.00') {name} {label}",
                rejected=(value,),
            )
    batch.close()


def _add(a: Money, b: object) -> object:
    return a + b  # type: ignore[operator]  # any right operand: hostile on purpose


def _sub(a: Money, b: object) -> object:
    return a - b  # type: ignore[operator]  # any right operand: hostile on purpose


def _mul(a: Money, b: object) -> object:
    return a * b  # type: ignore[operator]  # any right operand: hostile on purpose


def _lt(a: Money, b: object) -> object:
    return a < b  # type: ignore[operator]  # any right operand: hostile on purpose


def _operator(operator: Callable[[Money, object], object], a: Money, b: object) -> object:
    """An operator call; Python's own ``TypeError`` (both sides ``NotImplemented``) is fine."""
    try:
        return operator(a, b)
    except TypeError as exc:
        frames = traceback.extract_tb(exc.__traceback__)
        if any("/schoollogistics/" in f.filename and "/tests/" not in f.filename for f in frames):
            raise
        return NotImplemented


def _money_operations(m: Money) -> list[tuple[str, Callable[[], object]]]:
    return [
        ("fen", lambda: m.fen),
        ("quantize_fen", m.quantize_fen),
        ("to_capital", m.to_capital),
        ("is_fen_exact", lambda: m.is_fen_exact),
        ("+ itself", lambda: m + m),
        ("* 10**6", lambda: m * 10**6),
        ("neg", lambda: -m),
        ("dumps", lambda: dumps(m)),
        ("allocate", lambda: allocate(m.quantize_fen(), [1, 2])),
    ]


def _weights_ok(weights: object) -> bool:
    if not isinstance(weights, (list, tuple)):
        return False
    return all(isinstance(w, (int, Decimal, Money)) and not isinstance(w, bool) for w in weights)


_EXPENSIVE: Final = frozenset({"[1] * 10**5", "[Decimal('1e99999'), 1]"})


def test_allocate_hostile_totals_and_weights() -> None:
    """``allocate`` with every hostile total and weights (``"123"``, floats, 10**5 weights...)."""
    batch = Batch("allocate")
    weight_lists: list[tuple[str, object]] = [
        ("'123'", "123"),
        ("[]", []),
        ("[0, 0]", [0, 0]),
        ("[-1, 2]", [-1, 2]),
        ("[True, 1]", [True, 1]),
        ("[1.5, 1]", [1.5, 1]),
        ("['1', '2']", ["1", "2"]),
        ("[Decimal('1e-999999999'), 1]", [Decimal("1e-999999999"), 1]),
        ("[Decimal('1e99999'), 1]", [Decimal("1e99999"), 1]),
        ("[Decimal('NaN')]", [Decimal("NaN")]),
        ("[10**4999, 1]", [HUGE_INT, 1]),
        ("[10**30, 1]", [10**30, 1]),
        ("[1] * 10**5", [1] * 100_000),
        ("[None]", [None]),
        ("{1: 2}", {1: 2}),
        ("iter([1, 2])", "generator"),
        ("[1, 2]", [1, 2]),
    ]
    for total_label, total in [*ALL_VALUES, ("'10.00'", "10.00")]:
        if astronomical(total):
            continue  # see test_money_constructor_and_operations
        for weights_label, weights in weight_lists:
            if weights_label in _EXPENSIVE and total_label not in {"0", "'10.00'", "2**53"}:
                continue  # the long list once per kind of total is enough
            fresh = iter([1, 2]) if weights == "generator" else _fresh(weights)
            ok, _ = probe(
                batch,
                "allocate",
                bind(allocate, _fresh(total), fresh),
                repro=f"allocate({total_label}, {weights_label})",
                rejected=(total,),
                pure=not isinstance(fresh, type(iter([]))),
            )
            if ok and not _weights_ok(weights):
                batch.fail(
                    "coerced",
                    "allocate accepted weights outside its domain",
                    weights_label,
                    "allocate",
                    f"allocate({total_label}, {weights_label})",
                )
    batch.close()


_CONTEXTS: Final = (
    decimal.Context(prec=6),
    decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR),
    decimal.Context(traps=list(decimal.Context().flags)),  # every trap set
    decimal.Context(traps=[]),  # no trap at all
    decimal.Context(prec=100, Emax=99, Emin=-99),
)


def _money_results(a: Money, b: Money) -> object:
    return (
        a + b,
        a - b,
        a * 3,
        a.quantize_fen(),
        a.fen if a.is_fen_exact else None,
        allocate(a.quantize_fen(), [1, 2, 3]),
        to_capital(a.quantize_fen()) if a.quantize_fen().amount < 10**12 else None,
    )


@hostile_settings(examples=30)
@given(st.lists(st.tuples(money_strategy(6), money_strategy(6)), min_size=10, max_size=10))
def test_money_does_not_depend_on_the_callers_decimal_context(
    pairs: list[tuple[Money, Money]],
) -> None:
    """The same operations in a hostile caller context give the same results (or the same error)."""
    batch = Batch("money-context")
    for a, b in pairs:
        ok, expected = probe(batch, "Money ops", bind(_money_results, a, b), repro=(a, b))
        for context in _CONTEXTS:

            def run(a: Money = a, b: Money = b, context: decimal.Context = context) -> object:
                with decimal.localcontext(context):
                    return _money_results(a, b)

            again, got = probe(batch, "Money ops", run, repro=(a, b, context))
            if (again, repr(got) if not again else got) != (
                ok,
                repr(expected) if not ok else expected,
            ):
                batch.fail(
                    "context-dependent",
                    "result depends on the decimal context",
                    cut(context, 60),
                    "Money",
                    f"{cut((a, b))} -> {cut(got, 80)} vs {cut(expected, 80)}",
                )
    batch.close()


# ---------------------------------------------------------------- time helpers


def _int_ok(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_INTS: Final[tuple[tuple[str, object], ...]] = (
    ("2025", 2025),
    ("'2025'", "2025"),
    ("2025.0", 2025.0),
    ("True", True),
    ("0", 0),
    ("-1", -1),
    ("1", 1),
    ("13", 13),
    ("1899", 1899),
    ("2201", 2201),
    ("9999", 9999),
    ("10000", 10_000),
    ("10**20", 10**20),
    ("10**4999", HUGE_INT),
    ("None", None),
    ("Decimal(9)", Decimal(9)),
)


def test_time_helpers_with_hostile_arguments() -> None:
    """``school_date``/``school_datetime``/``DateRange.month``/``hours``... with hostile fields."""
    batch = Batch("time")
    for label, value in _INTS:
        for name, call in (
            ("school_date(y, 9, 1)", bind(sltime.school_date, value, 9, 1)),
            ("school_date(2025, m, 1)", bind(sltime.school_date, 2025, value, 1)),
            ("school_date(2025, 9, d)", bind(sltime.school_date, 2025, 9, value)),
            ("school_datetime(y, 9, 1, 8)", bind(sltime.school_datetime, value, 9, 1, 8)),
            (
                "school_datetime(2025, 9, 1, h)",
                bind(sltime.school_datetime, 2025, 9, 1, value),
            ),
            (
                "school_datetime(2025, 9, 1, 8, s=)",
                bind(sltime.school_datetime, 2025, 9, 1, 8, 0, value),
            ),
            ("DateRange.month(y, 9)", bind(DateRange.month, value, 9)),
            ("DateRange.month(2025, m)", bind(DateRange.month, 2025, value)),
            ("hours(n)", bind(sltime.hours, value)),
        ):
            ok, result = probe(batch, name, call, repro=f"{name} with {label}", rejected=(value,))
            if ok and not _int_ok(value):
                batch.fail(
                    "coerced",
                    "non-integer field accepted",
                    label,
                    name,
                    f"{name} with {label} = {cut(result)}",
                )
            if (
                ok
                and name.startswith(("school_date(y", "school_datetime(y", "DateRange.month(y"))
                and isinstance(value, int)
                and not 1900 <= value <= 2200
            ):
                batch.fail(
                    "accepted-invalid",
                    "year outside 1900..2200",
                    label,
                    name,
                    f"{name} with {label}",
                )
    zones: list[tuple[str, object]] = [
        ("'A' * 300", "A" * 300),
        ("'Asia/' + 'x' * 5000", "Asia/" + "x" * 5000),
        ("'../../etc/passwd'", "../../etc/passwd"),
        ("'\\x00'", "\x00"),
        ("'\\ud800'", "\ud800"),
        ("''", ""),
        ("'UTC+25'", "UTC+25"),
        ("'Etc/GMT+13'", "Etc/GMT+13"),
        ("'Etc/GMT-14'", "Etc/GMT-14"),
        ("'asia/shanghai'", "asia/shanghai"),
        ("None", None),
        ("7", 7),
        ("b'UTC'", b"UTC"),
    ]
    for label, zone in zones:
        for name, call in (
            ("get_timezone", bind(sltime.get_timezone, zone)),
            ("school_datetime(tz=)", bind(sltime.school_datetime, 2025, 9, 1, tz=zone)),
            (
                "parse_datetime(tz=)",
                bind(sltime.parse_datetime, "2025-09-01T08:00:00", tz=zone),
            ),
        ):
            probe(batch, name, call, repro=f"{name} {label}", rejected=(zone,))
    for label, value in ALL_VALUES:
        for name, call in (
            ("as_date", bind(sltime.as_date, value)),
            ("as_datetime", bind(sltime.as_datetime, value)),
            ("parse_date", bind(sltime.parse_date, value)),
            ("parse_datetime", bind(sltime.parse_datetime, value)),
            ("hours_text", bind(sltime.hours_text, value)),
            ("hours", bind(sltime.hours, value)),
            ("DateRange(v, v)", bind(DateRange, value, value)),
        ):
            ok, result = probe(batch, name, call, repro=f"{name}({label})", rejected=(value,))
            if (
                ok
                and name == "as_datetime"
                and isinstance(result, pendulum.DateTime)
                and not 1900 <= result.year <= 2200
            ):
                batch.fail(
                    "accepted-invalid", "year outside 1900..2200", label, name, f"{name}({label})"
                )
    texts = [
        "2025-09-01T07:30:00+14:01",
        "2025-09-01T07:30:00-12:01",
        "2025-09-01T07:30:00+23:59",
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-12:00",
        "2025-09-01T07:30:00+08:00" + "0" * 5000,
        "2025-W36-1T08:00:00+08:00",
        "20250901T073000+0800",
        "2025-09-01T24:00:00+08:00",
        "2025-09-01T07:30:60+08:00",
        "\u0662\u0660\u0662\u0665-09-01",
        "\uff12\uff10\uff12\uff15-09-01",
        " 2025-09-01",
        "2025-09-01\x00",
        "1" * 5000,
    ]
    for text in texts:
        for name, call in (
            ("parse_datetime", bind(sltime.parse_datetime, text)),
            ("parse_date", bind(sltime.parse_date, text)),
        ):
            ok, result = probe(batch, name, call, repro=f"{name}({text!r})", rejected=(text,))
            offset = getattr(result, "utcoffset", lambda: None)() if ok else None
            bad_offset = any(mark in text for mark in ("+14:01", "-12:01", "+23:59"))
            if ok and (bad_offset or not text.isascii() or text != text.strip() or "\x00" in text):
                batch.fail(
                    "accepted-invalid",
                    "date-time text outside the contract",
                    cut(text, 40),
                    name,
                    f"{name}({text[:60]!r}) = {cut(result)} offset {offset}",
                )
    batch.close()
