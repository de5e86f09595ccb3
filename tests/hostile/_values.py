"""Hostile values: JSON atoms and texts, Python values, and the one-field mutation walker.

Everything here is deterministic: the walker lists every single-field
mutation of a document in a fixed order, and a test samples from that list
with a seeded ``random.Random`` (the seed drawn by Hypothesis, derandomised).
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, TypeAlias

import attrs
import pendulum
from hypothesis import strategies as st

from schoollogistics.core.money import Money
from schoollogistics.core.violations import Severity
from schoollogistics.serialization import PUBLIC_TYPES, TAGGED_UNIONS
from schoollogistics.testing import strategy_for

JSON: TypeAlias = object
"""A JSON-like value (hostile ones include floats, NaN, surrogates and 5,000-digit ints)."""

HUGE_INT: Final = 10**4999  # 5,000 digits: past Python's int/str conversion limit
BIG_LIST: Final = 1_000
"""Elements of a "big list" input: enough for a per-element blow-up (a quadratic step is a
million operations) to pass the 100 ms budget, while a list decoded at its honest linear
cost (a few tens of microseconds per event) stays well inside it on a loaded machine.
Long mode feeds more inputs, not bigger ones."""
DEPTH: Final = 5_000
ASCII_DIGITS: Final = "0123456789"


def nested_list(depth: int) -> JSON:
    value: JSON = []
    for _ in range(depth):
        value = [value]
    return value


def nested_dict(depth: int, key: str = "a") -> JSON:
    value: JSON = {}
    for _ in range(depth):
        value = {key: value}
    return value


NESTED_LIST: Final = nested_list(DEPTH)
"""One shared 5,000-deep list (never mutated; building one per node would dominate the run)."""

# ---------------------------------------------------------------- JSON atoms

STRING_ATOMS: Final[tuple[str, ...]] = (
    "",
    " ",
    "7",
    " 7 ",
    "\u0667",  # Arabic-Indic seven
    "\uff11\uff12",  # full-width 12
    "12,50",
    "1,234.56",
    "1,2345.6",
    "1_000",
    "1E+100000",
    "1e999999999",
    "1e-999999999",
    "-1E+26",
    "0x10",
    "NaN",
    "-Infinity",
    "sNaN",
    "+5",
    "-0",
    "12.5 ",
    "12.5.3",
    "9" * 14 + ".5",
    "0." + "1" * 11,
    "1" * 5000,
    "\ud800",
    "a\udfffb",
    "\x00",
    "a\x1bb",
    "\x7f\x85",
    "\u202e\u200b",
    "x" * 81,
    "y" * 20_000,
    "2025-09-01",
    "2025-02-30",
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2201-01-01",
    "20250901",
    "2025-9-1",
    "2025-09-01T07:30:00",
    "2025-09-01T07:30:00Z",
    "2025-09-01T07:30:00+08:00",
    "2025-09-01T07:30:00+14:01",
    "2025-09-01T07:30:00-12:01",
    "2025-09-01T07:30:00+23:59",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-12:00",
    "Asia/Shanghai",
    "A" * 300,
    "../../etc/passwd",
    "warning",
    "WARNING",
    " warning",
    "Received",
    "received",
    "true",
    "null",
)

INT_ATOMS: Final[tuple[int, ...]] = (
    0,
    -1,
    1,
    7,
    2**31,
    2**53 - 1,
    2**53,
    -(2**53),
    2**63,
    -(2**64),
    10**30,
    HUGE_INT,
    -HUGE_INT,
)

OTHER_ATOMS: Final[tuple[JSON, ...]] = (
    None,
    True,
    False,
    0.0,
    -0.0,
    2.7,
    7.0,
    1e308,
    5e-324,
    float("inf"),
    float("-inf"),
    float("nan"),
    [],
    {},
    [None],
    [1, 2, 3],
    ["a", "b"],
    {"a": 1},
    {"": None},
    {"type": None},
    {"type": "Received"},
    {"type": {"a": 1}},
    {"type": ["Received"]},
    {"type": "\ud800"},
    ["x"] * BIG_LIST,
    list(range(BIG_LIST)),
    [{"a": 1}] * BIG_LIST,
    NESTED_LIST,
    nested_dict(DEPTH),
    nested_dict(DEPTH, "type"),
)

ATOMS: Final[tuple[JSON, ...]] = (*STRING_ATOMS, *INT_ATOMS, *OTHER_ATOMS)
"""Every hostile JSON atom, fed whole to every type and spliced into documents."""

TEXTS: Final[tuple[str | bytes, ...]] = (
    "",
    " ",
    "{",
    "[" * 100_000,
    "[" * 5_000 + "]" * 5_000,
    '{"a":' * 5_000 + "1" + "}" * 5_000,
    "1" * 5_000,
    "-" + "9" * 5_000,
    "1e999999",
    "NaN",
    "Infinity",
    '"\\ud800"',
    '"\\u0000"',
    '{"a": 1, "a": 2}',
    '{"type": "Received", "type": "Issued"}',
    b"\xff\xfe",
    b'"\xed\xa0\x80"',  # UTF-8-encoded lone surrogate
    b"\xef\xbb\xbf{}",
    "\ufeff{}",
    '"' + "z" * 100_000 + '"',
    "[" + ",".join(["1"] * 50_000) + "]",
    "null",
    "true",
    "2.7",
    '"12,50"',
    '"1E+100000"',
)
"""Hostile JSON *texts* for ``loads`` (bad JSON, deep nesting, huge numbers, bad UTF-8)."""


def _strings() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=12),
        st.text(alphabet=st.characters(codec=None), max_size=6),  # surrogates and controls
        st.sampled_from(STRING_ATOMS),
    )


FIELD_NAMES: Final[tuple[str, ...]] = tuple(
    sorted(
        {f.alias for cls in PUBLIC_TYPES if attrs.has(cls) for f in attrs.fields(cls) if f.init}
        | {"type"}
    )
)

TAG_NAMES: Final[tuple[str, ...]] = tuple(
    sorted(
        {
            member.__name__
            for union in TAGGED_UNIONS
            for member in typing.get_args(union)
            if isinstance(member, type)
        }
    )
)


def json_values() -> st.SearchStrategy[JSON]:
    """Arbitrary JSON-like values, hostile atoms included, keys often real field names."""
    leaves: st.SearchStrategy[JSON] = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        _strings(),
        st.sampled_from([n for n in INT_ATOMS if abs(n) < 10**100]),  # huge: in ATOMS (no repr)
        st.sampled_from(TAG_NAMES),
    )
    keys = st.one_of(st.sampled_from(FIELD_NAMES), _strings())
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(keys, inner, max_size=5),
        ),
        max_leaves=16,
    )


# ---------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    """A type ``from_dict`` is asked for, with its strategy and ``to_dict`` form."""

    name: str
    cls: object
    strategy: st.SearchStrategy[object]
    as_type: object


def _union_name(union: object) -> str:
    members = typing.get_args(union)
    first = getattr(members[0], "__module__", "?").split(".")[1]
    return f"{first}:{'|'.join(getattr(m, '__name__', '?') for m in members[:2])}|…"


def _union_strategy(union: object) -> st.SearchStrategy[object]:
    return st.one_of([strategy_for(member) for member in typing.get_args(union)])


def targets() -> tuple[Target, ...]:
    """Every public type, every tagged union, and ``list[...]`` of each union."""
    found = [
        Target(getattr(cls, "__name__", str(cls)), cls, strategy_for(cls), None)
        for cls in PUBLIC_TYPES
    ]
    for union in TAGGED_UNIONS:
        strategy = _union_strategy(union)
        found.append(Target(_union_name(union), union, strategy, union))
        listed = types.GenericAlias(list, (union,))
        found.append(
            Target(f"list[{_union_name(union)}]", listed, st.lists(strategy, max_size=4), listed)
        )
    return tuple(found)


TARGETS: Final = targets()


# ---------------------------------------------------------------- Python values


class Exploding:
    """An object whose every dunder a library might call raises ``RuntimeError``."""

    def _boom(self, *_: object) -> typing.NoReturn:
        message = "exploding object"
        raise RuntimeError(message)

    __str__ = __repr__ = __format__ = __len__ = __iter__ = __index__ = _boom
    __bool__ = __int__ = __float__ = __lt__ = __gt__ = _boom

    def __eq__(self, other: object) -> bool:
        return self._boom()

    def __hash__(self) -> int:
        return self._boom()


class Weird(enum.Enum):
    """An enum of nobody's."""

    X = "warning"


class SubInt(int):
    """An ``int`` subclass."""


class SubStr(str):
    """A ``str`` subclass."""

    __slots__ = ()


_PLUS14: Final = dt.timezone(dt.timedelta(hours=14))
_MINUS12: Final = dt.timezone(dt.timedelta(hours=-12))


def python_values() -> tuple[tuple[str, object], ...]:
    """Hostile Python values for constructors and function arguments, each named."""
    return (
        ("None", None),
        ("True", True),
        ("False", False),
        ("0", 0),
        ("-1", -1),
        ("2**53", 2**53),
        ("10**4999", HUGE_INT),
        ("SubInt(3)", SubInt(3)),
        ("2.7", 2.7),
        ("nan", float("nan")),
        ("inf", float("inf")),
        ("Decimal('NaN')", Decimal("NaN")),
        ("Decimal('sNaN')", Decimal("sNaN")),
        ("Decimal('-Infinity')", Decimal("-Infinity")),
        ("Decimal('1e999999999')", Decimal("1e999999999")),
        ("Decimal('1e-999999999')", Decimal("1e-999999999")),
        ("Decimal('1E+26')", Decimal("1E+26")),
        ("Decimal('2.5')", Decimal("2.5")),
        ("''", ""),
        ("' '", " "),
        ("' 7 '", " 7 "),
        ("'\u0667'", "\u0667"),
        ("'12,50'", "12,50"),
        ("'1E+100000'", "1E+100000"),
        ("'\\ud800'", "\ud800"),
        ("'\\x00'", "\x00"),
        ("'x'*200", "x" * 200),
        ("'y'*20000", "y" * 20_000),
        ("SubStr('a')", SubStr("a")),
        ("b'bytes'", b"bytes"),
        ("[]", []),
        ("['a', 'b']", ["a", "b"]),
        ("('a',)", ("a",)),
        ("{}", {}),
        ("{'a': 1}", {"a": 1}),
        ("{'a'}", {"a"}),
        ("iter(())", iter(())),
        ("object()", object()),
        ("Exploding()", Exploding()),
        ("Weird.X", Weird.X),
        ("Severity.ERROR", Severity.ERROR),
        ("naive datetime", dt.datetime(2025, 9, 1, 8, 0)),  # noqa: DTZ001 - hostile on purpose
        ("datetime(1, +14:00)", dt.datetime(1, 1, 1, tzinfo=_PLUS14)),
        ("datetime(9999, -12:00)", dt.datetime(9999, 12, 31, 23, tzinfo=_MINUS12)),
        ("pendulum.datetime(2025)", pendulum.datetime(2025, 9, 1, 8, tz="Asia/Shanghai")),
        ("date(1, 1, 1)", dt.date(1, 1, 1)),
        ("date(9999, 12, 31)", dt.date(9999, 12, 31)),
        ("pendulum.Date(2025)", pendulum.Date(2025, 9, 1)),
        ("timedelta(days=999999999)", dt.timedelta(days=999_999_999)),
        ("timedelta(microseconds=1)", dt.timedelta(microseconds=1)),
        ("Money(-1)", Money(-1)),
    )


PYTHON_VALUES: Final = python_values()

_ASTRONOMICAL: Final = 10**4


def astronomical(value: object) -> bool:
    """A decimal whose exponent alone would make exact integer arithmetic hang.

    ``int(Decimal("1e999999999"))`` needs gigabytes and minutes, in C, where no
    timer can stop it. Such a value is fed only to the door (``Money(...)``);
    if the door accepts it, that is recorded as a failure and the value is not
    passed further, so the suite stays bounded on a library that still fails.
    """
    if isinstance(value, str):
        try:
            value = Decimal(value.strip().replace(",", ""))
        except ArithmeticError:
            return False
    if isinstance(value, Money):
        value = value.amount
    return (
        isinstance(value, Decimal) and value.is_finite() and abs(value.adjusted()) > _ASTRONOMICAL
    )


# ---------------------------------------------------------------- the walker


@dataclass(frozen=True)
class Mutation:
    """Replace (or delete, or add) the value at ``path`` of a document."""

    path: tuple[str | int, ...]
    label: str
    value: JSON
    delete: bool = False
    add_key: str | None = None

    def describe(self) -> str:
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)
        if self.delete:
            return f"delete {where}"
        if self.add_key is not None:
            return f"add {where}.{self.add_key}"
        return f"{where} := {self.label}"


def leaves(
    doc: JSON, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], JSON]]:
    """Every node of a document with its path, the root first."""
    yield path, doc
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from leaves(value, (*path, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc[:3]):
            yield from leaves(value, (*path, index))


def _digits_like(n: int) -> tuple[tuple[str, JSON], ...]:
    text = str(n)
    arabic = "".join(chr(0x0660 + int(c)) if c in ASCII_DIGITS else c for c in text)
    wide = "".join(chr(0xFF10 + int(c)) if c in ASCII_DIGITS else c for c in text)
    return (
        ("float(n)", float(n)),
        ("n+0.7", n + 0.7),
        ("str(n)", text),
        ("' n '", f" {text} "),
        ("arabic-indic n", arabic),
        ("full-width n", wide),
        ("n == 1 as true", True),
        ("-n-1", -n - 1),
        ("2**53", 2**53),
        ("10**4999", HUGE_INT),
    )


def _text_like(s: str) -> tuple[tuple[str, JSON], ...]:
    found: list[tuple[str, JSON]] = [
        ("s+lone surrogate", s + "\ud800"),
        ("s+NUL", s + "\x00"),
        ("s+ESC", s + "\x1b"),
        ("' s '", f" {s} "),
        ("s*long", (s or "z") * (10_001 // max(1, len(s)) + 1)),
        ("{'a': 1}", {"a": 1}),
        ("[s]", [s]),
        ("7", 7),
        ("s.upper()", s.upper()),
    ]
    if s and s[0] in ASCII_DIGITS + "+-" and len(s) < 40:
        found += [
            ("s+'E+100000'", s + "E+100000"),
            ("grouped s", s[:1] + "," + s[1:]),
            ("s with spaces", f"  {s}  "),
            ("full-width s", "".join(chr(0xFF10 + int(c)) if c in ASCII_DIGITS else c for c in s)),
            ("s+'e5'", s + "e5"),
            ("14 integer digits", "1" * 14),
            ("16 integer digits", "1" * 16),
            ("7 fraction digits", "0.1234567"),
            ("11 fraction digits", "0.12345678901"),
            ("'NaN'", "NaN"),
            ("float of s", _float_of(s)),
        ]
    if len(s) == 10 and s[4:5] == "-":
        found += [
            ("year 0001", "0001" + s[4:]),
            ("year 9999", "9999" + s[4:]),
            ("year 1899", "1899" + s[4:]),
            ("year 2201", "2201" + s[4:]),
            ("compact date", s.replace("-", "")),
            ("date + time", s + "T00:00:00+08:00"),
        ]
    if len(s) >= 19 and s[10:11] == "T":
        base = s[:19]
        found += [
            ("naive", base),
            ("offset +14:01", base + "+14:01"),
            ("offset -12:01", base + "-12:01"),
            ("offset +23:59", base + "+23:59"),
            ("year 0001 +14:00", "0001" + base[4:] + "+14:00"),
            ("year 9999 -12:00", "9999" + base[4:] + "-12:00"),
            ("Z", base + "Z"),
            ("date only", s[:10]),
        ]
    return tuple(found)


def _float_of(s: str) -> JSON:
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return 2.7


def replacements(value: JSON) -> tuple[tuple[str, JSON], ...]:
    """Type-aware hostile replacements for one node, then a few generic ones."""
    generic: tuple[tuple[str, JSON], ...] = (
        ("null", None),
        ("true", True),
        ("2.7", 2.7),
        ("'\\ud800'", "\ud800"),
        ("'x'*81", "x" * 81),
        ("{}", {}),
        ("[]", []),
        ("nested list", NESTED_LIST),
    )
    if isinstance(value, bool):
        return (("1", 1), ("0", 0), ("'true'", "true"), ("'false'", "false"), *generic)
    if isinstance(value, int):
        return (*_digits_like(value), *generic)
    if isinstance(value, str):
        return (*_text_like(value), *generic)
    if isinstance(value, list):
        first = value[0] if value else None
        return (
            ("big list of first", [first] * BIG_LIST),
            ("list of null", [None]),
            ("list of 2.7", [2.7]),
            ("tuple-ish dict", {"0": first}),
            ("'[...]' text", "[]"),
            *generic,
        )
    if isinstance(value, dict):
        tagged: tuple[tuple[str, JSON], ...] = ()
        if "type" in value:
            tag = value["type"]
            name = tag if isinstance(tag, str) else ""
            tagged = (
                ("tag lowercase", {**value, "type": name.lower()}),
                ("tag absent", {k: v for k, v in value.items() if k != "type"}),
                ("tag null", {**value, "type": None}),
                ("tag object", {**value, "type": {"a": 1}}),
                ("tag of another class", {**value, "type": TAG_NAMES[len(name) % len(TAG_NAMES)]}),
                ("tag long", {**value, "type": name * 50}),
            )
        return (*tagged, ("text of the object", str(value)[:200]), *generic)
    return generic


def mutations(doc: JSON) -> list[Mutation]:
    """Every single-field mutation of ``doc``, in a fixed order."""
    found: list[Mutation] = []
    for path, node in leaves(doc):
        for label, value in replacements(node):
            found.append(Mutation(path, label, value))
        if isinstance(node, dict):
            found.append(Mutation(path, "unknown key", None, add_key="zz_unknown"))
            found.append(Mutation(path, "unknown key", "x" * 200, add_key="x" * 200))
            found.extend(Mutation((*path, key), "deleted", None, delete=True) for key in node)
    return found


def apply(doc: JSON, mutation: Mutation) -> JSON:
    """A copy of ``doc`` with ``mutation`` applied (``doc`` is not changed)."""
    if not mutation.path and mutation.add_key is None:
        return mutation.value
    return _apply(doc, mutation.path, mutation)


def _apply(node: JSON, path: tuple[str | int, ...], mutation: Mutation) -> JSON:
    if not path:
        if mutation.add_key is not None and isinstance(node, dict):
            return {**node, mutation.add_key: mutation.value}
        return mutation.value
    head, rest = path[0], path[1:]
    if isinstance(node, dict) and isinstance(head, str):
        if not rest and mutation.delete:
            return {k: v for k, v in node.items() if k != head}
        return {**node, head: _apply(node[head], rest, mutation)}
    if isinstance(node, list) and isinstance(head, int):
        copy = list(node)
        copy[head] = _apply(node[head], rest, mutation)
        return copy
    return node  # pragma: no cover - paths come from leaves()
