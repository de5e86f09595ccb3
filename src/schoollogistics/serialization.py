"""The strict JSON boundary: JSON-ready data and text for every public type (no files).

Front ends and other school systems send this library JSON; that JSON is
untrusted. Loading is **strict**: nothing is coerced, every refusal is a typed
[`SerializationError`][schoollogistics.errors.SerializationError] naming the
path of each bad value, and the cost of a refusal is linear in the input.

The JSON forms (the same shapes, [`schoollogistics.core.shapes`][schoollogistics.core.shapes],
give the constructor checks and the JSON Schema of ``schoollogistics.schema``):

* integers are JSON integers, never ``true``, ``2.0`` or ``"7"``, within
  ±(2^53 − 1);
* text is a JSON string under the text policy (no lone surrogates, no control
  characters but tab, LF, CR, at most 10,000 characters);
* [`Money`][schoollogistics.core.money.Money] and ``Decimal`` are strings in the
  grammar of [`NUMBER_PATTERN`][schoollogistics.core.money.NUMBER_PATTERN]
  (``"12.50"``; no exponent, no loose commas), money with at most 13 integer
  and 6 fraction digits, other decimals 15 and 10; a JSON number is refused
  (``money.float_refused`` for a fraction);
* a date is ``"YYYY-MM-DD"``; a moment ISO 8601 with its offset
  (``"2025-09-01T07:30:00+08:00"``), loaded as a pendulum ``DateTime``; text
  without an offset is refused (``time.naive_refused``); a duration is whole
  seconds;
* an enum is its exact value; a tagged union (the events, the commands) is an
  object whose ``"type"`` names the class; unknown keys are refused
  (``serialization.unknown_key``).

**Errors.** Loading tries a fast path first (code generated per type from its
shape); when it fails, a second pass walks the document and collects at most
[`MAX_REPORTED_ERRORS`][schoollogistics.serialization.MAX_REPORTED_ERRORS]
errors, each ``"code: message @ $.lines[0].amount"``, with values cut to about
80 characters. ``params["codes"]`` and ``params["paths"]`` list each error's
code and path. Depth is bounded twice: the
parser refuses text nested deeper than it can hold (the standard library's
recursion limit, orjson's 1,024 levels; ``serialization.too_deep``), and
loading only ever descends as deep as the shapes of the requested type, so a
deep value where text is expected is just a wrong type.

**Speed.** When [orjson](https://github.com/ijl/orjson) is installed (the
``fast`` extra), ``loads`` parses with it and ``dumps`` writes long logs with it;
the text written is the same either way (compact separators, keys sorted). A
document of 1,000 items or more is loaded and written with Python's cyclic
garbage collector paused (our records hold no cycles; it is resumed after, and
left alone when the caller disabled it).

[`PUBLIC_TYPES`][schoollogistics.serialization.PUBLIC_TYPES] lists every type
that round-trips; each area registers its own in its ``_serde`` module.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from json.encoder import encode_basestring as _enc  # C-accelerated; non-ASCII kept
from types import MappingProxyType, ModuleType
from typing import Final, TypeAlias, TypeVar, cast, overload

import attrs
import cattrs
import pendulum

from schoollogistics.assets import AssetEvent, LedgerCommand
from schoollogistics.assets import _serde as _assets_serde
from schoollogistics.canteen import CanteenCommand, CanteenEvent
from schoollogistics.canteen import _serde as _canteen_serde
from schoollogistics.compensation import _serde as _compensation_serde
from schoollogistics.core import shapes as _shapes
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import Money, to_decimal, to_exact_decimal
from schoollogistics.core.shapes import (
    BoolShape,
    DateShape,
    DateTimeShape,
    DecimalShape,
    DurationShape,
    EnumShape,
    FieldShape,
    IntShape,
    ListShape,
    MapShape,
    OptionalShape,
    RecordShape,
    Shape,
    TextShape,
    TupleShape,
    UnionShape,
    check_text,
    is_checked,
    shape_of,
)
from schoollogistics.core.time import DateRange, parse_date, parse_offset_datetime
from schoollogistics.core.violations import Params, Severity, Violation
from schoollogistics.errors import (
    Expected,
    Phrase,
    SchoolLogisticsError,
    SerializationError,
    TimeOutOfRangeError,
    TimeTypeError,
    UnknownKeyError,
    UnserializableError,
)
from schoollogistics.food_samples import CabinetCommand, CabinetEvent
from schoollogistics.food_samples import _serde as _food_samples_serde
from schoollogistics.purchasing import FinanceCommand, FinanceEvent
from schoollogistics.purchasing import _serde as _purchasing_serde
from schoollogistics.repairs import DeskCommand, DeskEvent
from schoollogistics.repairs import _serde as _repairs_serde
from schoollogistics.safety import SafetyCommand, SafetyEvent
from schoollogistics.safety import _serde as _safety_serde
from schoollogistics.school_calendar import Schedule
from schoollogistics.school_calendar import _serde as _calendar_serde

try:  # the optional fast JSON codec (extra "fast"); everything works without it
    import orjson

    _orjson: ModuleType | None = orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None

__all__ = [
    "MAX_REPORTED_ERRORS",
    "PUBLIC_TYPES",
    "TAGGED_UNIONS",
    "UNIONS",
    "JSONValue",
    "converter",
    "dumps",
    "from_dict",
    "loads",
    "to_dict",
]

T = TypeVar("T")

JSONValue: TypeAlias = "dict[str, JSONValue] | list[JSONValue] | str | int | bool | None"
"""What [`to_dict`][schoollogistics.serialization.to_dict] returns: JSON-ready data."""

MAX_REPORTED_ERRORS: Final = 20
"""The most errors one ``SerializationError`` lists (the count of the rest is given)."""

_SHOWN: Final = 80

_KERNEL_TYPES: Final[tuple[type, ...]] = (
    AssetCategory,
    Money,
    Violation,
    Severity,
    Params,
    DateRange,
)

PUBLIC_TYPES: Final[tuple[type, ...]] = (
    *_KERNEL_TYPES,
    *_assets_serde.SERIALIZABLE_TYPES,
    *_food_samples_serde.SERIALIZABLE_TYPES,
    *_compensation_serde.SERIALIZABLE_TYPES,
    *_calendar_serde.SERIALIZABLE_TYPES,
    *_repairs_serde.SERIALIZABLE_TYPES,
    *_canteen_serde.SERIALIZABLE_TYPES,
    *_purchasing_serde.SERIALIZABLE_TYPES,
    *_safety_serde.SERIALIZABLE_TYPES,
)
"""Every public type that serializes and round-trips (a test checks each one)."""

UNIONS: Final[Mapping[str, object]] = MappingProxyType(
    {
        "AssetEvent": AssetEvent,
        "LedgerCommand": LedgerCommand,
        "CabinetEvent": CabinetEvent,
        "CabinetCommand": CabinetCommand,
        "Schedule": Schedule,
        "DeskEvent": DeskEvent,
        "DeskCommand": DeskCommand,
        "CanteenEvent": CanteenEvent,
        "CanteenCommand": CanteenCommand,
        "FinanceEvent": FinanceEvent,
        "FinanceCommand": FinanceCommand,
        "SafetyEvent": SafetyEvent,
        "SafetyCommand": SafetyCommand,
    }
)
"""The tagged unions by their public name (each member carries ``"type"``)."""

TAGGED_UNIONS: Final[tuple[object, ...]] = tuple(UNIONS.values())
"""Unions serialized with a ``"type"`` key (for example the asset events)."""

for _name, _union in UNIONS.items():
    _shapes.name_union(_union, _name)


# ---------------------------------------------------------------- showing values


def _shown(value: object) -> str:
    """A short, safe text of any value for an error message (never raises)."""
    if isinstance(value, str):
        text = value if len(value) <= _SHOWN else value[: _SHOWN - 3] + "..."
        return repr(text.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace"))
    if isinstance(value, bool) or value is None:
        return str(value).lower() if value is not None else "null"
    if isinstance(value, int):
        if value.bit_length() > 200:
            return f"an integer of {value.bit_length()} bits"
        text = str(value)
        return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return f"an object of {len(value)} keys"
    if isinstance(value, list):
        return f"an array of {len(value)} items"
    return f"a {type(value).__name__}"


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


# ---------------------------------------------------------------- leaf conversions
# Each takes a JSON value and returns the Python value, or raises a typed error.

_MEMO_LIMIT: Final = 65_536


_MEMOS: dict[str, dict[str, object]] = {}


def _memo(convert: Callable[[object], T]) -> Callable[[object], T]:
    """Remember conversions of repeated text (ids, dates, amounts recur in a log).

    The fast path reads the memo directly (``memo.get``, a C call) and calls the
    converter only for text it has not seen; values are immutable, so sharing them
    is safe.
    """
    memo: dict[str, T] = {}
    _MEMOS[getattr(convert, "__name__", "memo")] = cast("dict[str, object]", memo)

    def converted(value: object) -> T:
        if type(value) is str:
            known = memo.get(value)
            if known is not None:
                return known
            result = convert(value)
            if len(memo) < _MEMO_LIMIT:
                memo[value] = result
            return result
        return convert(value)

    return converted


def _money_leaf(value: object) -> Money:
    if type(value) is not str:
        _ = to_decimal(value)  # the typed refusal of a float, bool, int...
        raise _not_text(field="amount", value=value)
    return Money(to_decimal(value))


def _decimal_leaf(value: object) -> Decimal:
    if type(value) is not str:
        _ = to_exact_decimal(value, field="decimal")
        raise _not_text(field="decimal", value=value)
    return to_exact_decimal(value, field="decimal")


def _not_text(*, field: str, value: object) -> SerializationError:
    return SerializationError(
        type=field,
        details=Phrase(
            "decimal text expected, got a JSON {kind}",
            "须为十进制数字文本，得到的是「JSON」的「{kind}」",
            kind=_json_type(value),
        ),
        codes=("serialization.wrong_type",),
    )


def _date_leaf(value: object) -> pendulum.Date:
    if type(value) is not str:
        return parse_date(cast("str", value))  # raises the typed wrong-type error
    return parse_date(value)


_money_json = _memo(_money_leaf)
_decimal_json = _memo(_decimal_leaf)
_date_json = _memo(_date_leaf)
_datetime_json = _memo(parse_offset_datetime)


# ---------------------------------------------------------------- the slow, reporting walk


class _Stop(Exception):  # noqa: N818 - control flow, never escapes
    """Enough errors were collected."""


@attrs.define
class _Report:
    errors: list[str] = attrs.Factory(list)
    codes: list[str] = attrs.Factory(list)
    paths: list[str] = attrs.Factory(list)
    more: int = 0

    def add(self, path: str, code: str, message: str) -> None:
        if len(self.errors) >= MAX_REPORTED_ERRORS:
            self.more += 1
            raise _Stop
        self.errors.append(f"{code}: {message} @ {path}")
        self.codes.append(code)
        self.paths.append(path)

    def typed(self, path: str, error: SchoolLogisticsError) -> None:
        message = error.message_en
        if len(message) > 200:
            message = message[:197] + "..."
        self.add(path, error.code, message)


_BAD: Final = object()


def _key_path(path: str, key: str) -> str:
    if key.isidentifier() and len(key) <= _SHOWN:
        return f"{path}.{key}"
    return f"{path}[{_shown(key)}]"


def _walk_leaf(shape: Shape, value: object, path: str, report: _Report) -> object:
    """Check a leaf (non-container) value; ``_BAD`` after reporting a refusal."""
    try:
        if isinstance(shape, TextShape):
            if type(value) is not str:
                report.add(path, "serialization.wrong_type", f"text expected, got {_shown(value)}")
                return _BAD
            return check_text(value, path, shape.max_length)
        if isinstance(shape, IntShape):
            if type(value) is not int:
                report.add(
                    path, "serialization.wrong_type", f"an integer expected, got {_shown(value)}"
                )
                return _BAD
            if not shape.minimum <= value <= shape.maximum:
                report.add(
                    path,
                    "input.out_of_range",
                    f"{_shown(value)} is outside {shape.minimum}..{shape.maximum}",
                )
                return _BAD
            return value
        if isinstance(shape, BoolShape):
            if type(value) is not bool:
                report.add(
                    path, "serialization.wrong_type", f"true or false expected, got {_shown(value)}"
                )
                return _BAD
            return value
        if isinstance(shape, DecimalShape):
            if type(value) is not str:
                if isinstance(value, float):
                    report.add(
                        path,
                        "money.float_refused",
                        f"a JSON number {_shown(value)} is refused: send decimal text",
                    )
                else:
                    report.add(
                        path,
                        "serialization.wrong_type",
                        f"decimal text expected, got {_shown(value)}",
                    )
                return _BAD
            return _money_json(value) if shape.money else _decimal_json(value)
        if isinstance(shape, DateShape):
            return _date_json(value)
        if isinstance(shape, DateTimeShape):
            return _datetime_json(value)
        if isinstance(shape, DurationShape):
            return _duration_json(value)
        if isinstance(shape, EnumShape):
            exact = type(value) is _enum_value_type(shape)
            member = _enum_table(shape).get(value) if exact else None
            if member is None:
                values = ", ".join(repr(v) for v in shape.values[:12])
                report.add(
                    path,
                    "serialization.not_a_member",
                    f"{_shown(value)} is not one of {values}",
                )
                return _BAD
            return member
    except SchoolLogisticsError as error:
        report.typed(path, error)
        return _BAD
    msg = f"not a leaf shape: {shape!r}"  # pragma: no cover - a bug, not a refusal
    raise TypeError(msg)  # pragma: no cover


def _walk(shape: Shape, value: object, path: str, report: _Report) -> object:
    if isinstance(shape, OptionalShape):
        return None if value is None else _walk(shape.inner, value, path, report)
    if isinstance(shape, RecordShape):
        return _walk_record(shape, value, path, report, ())
    if isinstance(shape, UnionShape):
        return _walk_union(shape, value, path, report)
    if isinstance(shape, (ListShape, TupleShape)):
        if type(value) is not list:
            report.add(path, "serialization.wrong_type", f"an array expected, got {_shown(value)}")
            return _BAD
        if isinstance(shape, TupleShape):
            if len(value) != len(shape.items):
                report.add(
                    path,
                    "serialization.wrong_length",
                    f"{len(shape.items)} items expected, got {len(value)}",
                )
                return _BAD
            shapes: list[Shape] | tuple[Shape, ...] = shape.items
        else:
            if shape.max_items is not None and len(value) > shape.max_items:
                report.add(
                    path,
                    "input.out_of_range",
                    f"{len(value)} items, at most {shape.max_items}",
                )
                return _BAD
            shapes = [shape.item] * len(value)
        items = []
        failed = False
        for index, (item_shape, item) in enumerate(zip(shapes, value, strict=True)):
            result = _walk(item_shape, item, f"{path}[{index}]", report)
            failed = failed or result is _BAD
            items.append(result)
        if failed:
            return _BAD
        if isinstance(shape, ListShape) and shape.unique:
            unique = frozenset(items)
            if len(unique) != len(items):
                report.add(path, "serialization.duplicate", "items must be unique")
                return _BAD
            return unique
        return tuple(items)
    if isinstance(shape, MapShape):
        if type(value) is not dict:
            report.add(path, "serialization.wrong_type", f"an object expected, got {_shown(value)}")
            return _BAD
        out: dict[object, object] = {}
        failed = False
        for key, item in value.items():
            item_path = _key_path(path, key)
            converted_key = _walk(shape.key, key, item_path, report)
            converted = _walk(shape.value, item, item_path, report)
            failed = failed or converted_key is _BAD or converted is _BAD
            out[converted_key] = converted
        if failed:
            return _BAD
        return out if shape.cls is None else shape.cls(out)
    return _walk_leaf(shape, value, path, report)


def _walk_union(shape: UnionShape, value: object, path: str, report: _Report) -> object:
    if type(value) is not dict:
        report.add(path, "serialization.wrong_type", f"an object expected, got {_shown(value)}")
        return _BAD
    tag = value.get(shape.tag_key)
    members = _union_members(shape)
    member = members.get(tag) if type(tag) is str else None
    if member is None:
        if shape.tag_key not in value:
            report.add(
                _key_path(path, shape.tag_key),
                "serialization.missing_key",
                f"the {shape.name} needs a {shape.tag_key!r} key",
            )
        else:
            names = ", ".join(list(members)[:12])
            report.add(
                _key_path(path, shape.tag_key),
                "serialization.unknown_tag",
                f"{_shown(tag)} is not a {shape.name} (one of {names}...)",
            )
        return _BAD
    return _walk_record(member, value, path, report, (shape.tag_key,))


def _walk_record(
    shape: RecordShape, value: object, path: str, report: _Report, extra: tuple[str, ...]
) -> object:
    if type(value) is not dict:
        report.add(path, "serialization.wrong_type", f"an object expected, got {_shown(value)}")
        return _BAD
    known = _field_names(shape)
    unknown = [key for key in value if key not in known and key not in extra]
    failed = False
    if unknown:
        shown = ", ".join(_shown(key) for key in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        report.add(path, "serialization.unknown_key", f"unknown key(s) {shown}{more}")
        failed = True
    arguments: dict[str, object] = {}
    for field in shape.fields:
        if field.name not in value:
            if field.required:
                report.add(
                    _key_path(path, field.name),
                    "serialization.missing_key",
                    "required key missing",
                )
                failed = True
            continue
        result = _walk(field.shape, value[field.name], _key_path(path, field.name), report)
        if result is _BAD:
            failed = True
        else:
            arguments[field.alias] = result
    if failed:
        return _BAD
    try:
        return shape.cls(**arguments)
    except SchoolLogisticsError as error:
        report.typed(path, error)
    except Exception as error:  # noqa: BLE001 - a constructor's untyped error, reported typed
        report.add(
            path, "serialization.invalid", f"refused by {shape.name}: {type(error).__name__}"
        )
    return _BAD


# ---------------------------------------------------------------- tables per shape

_ENUM_TABLES: dict[type, dict[object, object]] = {}
_FIELD_NAMES: dict[type, frozenset[str]] = {}
_MEMBERS: dict[str, dict[str, RecordShape]] = {}


def _enum_table(shape: EnumShape) -> dict[object, object]:
    table = _ENUM_TABLES.get(shape.cls)
    if table is None:
        table = _ENUM_TABLES[shape.cls] = {member.value: member for member in shape.cls}
    return table


def _enum_value_type(shape: EnumShape) -> type:
    kinds = {type(member.value) for member in shape.cls}
    if len(kinds) != 1:  # pragma: no cover - every enum of ours has one kind of value
        msg = f"{shape.cls.__name__}: values of one type only"
        raise TypeError(msg)
    return kinds.pop()


def _field_names(shape: RecordShape) -> frozenset[str]:
    names = _FIELD_NAMES.get(shape.cls)
    if names is None:
        names = _FIELD_NAMES[shape.cls] = frozenset(f.name for f in shape.fields)
    return names


def _union_members(shape: UnionShape) -> dict[str, RecordShape]:
    members = _MEMBERS.get(shape.name)
    if members is None:
        members = _MEMBERS[shape.name] = {m.name: m for m in shape.members}
    return members


def _duration_json(value: object) -> pendulum.Duration:
    if type(value) is not int:
        raise TimeTypeError(
            field="duration", expected=Expected.WHOLE_SECONDS, type_name=_json_type(value)
        )
    if abs(value) > DurationShape().max_seconds:
        raise TimeOutOfRangeError(
            field="duration",
            reason=f"at most {DurationShape().max_seconds} seconds",
            reason_zh=f"至多 {DurationShape().max_seconds} 秒",
        )
    return pendulum.duration(seconds=value)


# ---------------------------------------------------------------- the fast path (generated)


class _Fail(Exception):  # noqa: N818 - control flow: the fast path gives up
    """The fast path met something it does not accept; the walk reports why."""


def _fail() -> object:
    raise _Fail


def _text_fast(value: object, max_length: int) -> str:
    if type(value) is str and len(value) <= max_length and value.isprintable():
        return value
    if type(value) is str:
        return check_text(value, "text", max_length)  # the walk reports it if refused
    raise _Fail


_STRUCTURERS: dict[object, Callable[[object], object]] = {}
_UNSTRUCTURERS: dict[object, Callable[[object], object]] = {}


class _Compiler:
    """Builds the fast structure and unstructure functions of a shape, as Python source."""

    def __init__(self) -> None:
        self.namespace: dict[str, object] = {
            "_Fail": _Fail,
            "_fail": _fail,
            "_text_fast": _text_fast,
            "_money_json": _money_json,
            "_decimal_json": _decimal_json,
            "_date_json": _date_json,
            "_datetime_json": _datetime_json,
            "_duration_json": _duration_json,
            "_Params": Params,
            "_frozenset": frozenset,
            "_tuple": tuple,
            "_list": list,
            "_dict": dict,
            "_str": str,
            "_int": int,
            "_bool": bool,
            "_sorted": sorted,
            "_format": format,
            "_new": object.__new__,
            "_money_get": _MEMOS["_money_leaf"].get,
            "_date_get": _MEMOS["_date_leaf"].get,
            "_datetime_get": _MEMOS["parse_offset_datetime"].get,
            "_SECOND": dt.timedelta(seconds=1),
            "_td_floordiv": dt.timedelta.__floordiv__,
            "_enc": _enc,
            "_int_text": int.__repr__,
            "_json_dumps": json.dumps,
            "_SEP": (",", ":"),
        }
        self.counter = 0
        self.slots: dict[tuple[str, Shape], str] = {}
        self.tables: dict[tuple[str, Shape], dict[type, object]] = {}
        self.dispatch_tables: dict[Shape, dict[str, object]] = {}

    def name(self, value: object, prefix: str) -> str:
        self.counter += 1
        key = f"_{prefix}{self.counter}"
        self.namespace[key] = value
        return key

    # -- structure: an expression turning JSON ``var`` into the Python value

    def structure(self, shape: Shape, var: str) -> str:
        if isinstance(shape, TextShape):
            n = shape.max_length
            return (
                f"({var} if type({var}) is _str and len({var}) <= {n} and {var}.isprintable()"
                f" else _text_fast({var}, {n}))"
            )
        if isinstance(shape, IntShape):
            return (
                f"({var} if type({var}) is _int and {shape.minimum} <= {var} <= {shape.maximum}"
                " else _fail())"
            )
        if isinstance(shape, BoolShape):
            return f"({var} if type({var}) is _bool else _fail())"
        if isinstance(shape, DecimalShape):
            if shape.money:  # zero is falsy: it takes the converter, which is still right
                return f"(_money_get({var}) or _money_json({var}))"
            return f"_decimal_json({var})"
        if isinstance(shape, DateShape):
            return f"(_date_get({var}) or _date_json({var}))"
        if isinstance(shape, DateTimeShape):
            return f"(_datetime_get({var}) or _datetime_json({var}))"
        if isinstance(shape, DurationShape):
            return f"_duration_json({var})"
        if isinstance(shape, EnumShape):
            table = self.name(_enum_table(shape), "enum")
            kind = self.name(_enum_value_type(shape), "kind")
            # a KeyError (or an unhashable value) fails the fast path; the type is exact
            return f"({table}[{var}] if type({var}) is {kind} else _fail())"
        if isinstance(shape, OptionalShape):
            inner = self.function(shape.inner)
            return f"(None if {var} is None else {inner}({var}))"
        if isinstance(shape, (RecordShape, UnionShape)):
            return f"{self.function(shape)}({var})"
        if isinstance(shape, ListShape):
            if isinstance(shape.item, UnionShape):  # a log: dispatch inline, one call per item
                self.function(shape.item)
                table = self.name(self.dispatch_tables[shape.item], "dispatch")
                item = f"{table}[_x[{shape.item.tag_key!r}]](_x)"
            else:
                item = self.structure(shape.item, "_x")
            accept = f"type({var}) is _list"
            if shape.max_items is not None:
                accept += f" and len({var}) <= {shape.max_items}"
            items = f"[{item} for _x in ({var} if {accept} else _fail())]"
            if shape.unique:
                return f"{self.name(_unique, 'unique')}({items})"
            return f"_tuple({items})"
        if isinstance(shape, TupleShape):
            checker = self.name(len(shape.items), "n")
            parts = ", ".join(
                self.structure(item, f"{var}[{index}]") for index, item in enumerate(shape.items)
            )
            return f"(({parts},) if type({var}) is _list and len({var}) == {checker} else _fail())"
        key = self.structure(shape.key, "_k")  # a MapShape: the one shape left
        value = self.structure(shape.value, "_v")
        mapping = (
            f"{{{key}: {value} for _k, _v in ({var} if type({var}) is _dict else _fail()).items()}}"
        )
        if shape.cls is not None:
            return f"{self.name(shape.cls, 'mapcls')}({mapping})"
        return mapping

    def slot(self, kind: str, shape: Shape) -> tuple[str, bool]:
        """The name of the ``kind`` function of ``shape``, and whether it is new.

        Keyed by the shape itself (kept alive here), never by ``id()``: a freed
        shape's id may be reused by another one.
        """
        key = (kind, shape)
        known = self.slots.get(key)
        if known is not None:
            return known, False
        self.counter += 1
        name = f"_{kind}{self.counter}"
        self.slots[key] = name
        self.namespace[name] = None  # reserve (records may refer to themselves)
        return name, True

    def function(self, shape: Shape) -> str:
        """The name of a function structuring ``shape`` (built once per shape)."""
        name, new = self.slot("fn", shape)
        if not new:
            return name
        if isinstance(shape, RecordShape):
            source = self.record_source(shape, name, tag=None)
        elif isinstance(shape, UnionShape):
            source = self.union_source(shape, name)
        else:
            source = f"def {name}(_v):\n    return {self.structure(shape, '_v')}\n"
        exec(source, self.namespace)  # noqa: S102 - source generated from our own shapes
        return name

    def record_source(self, shape: RecordShape, name: str, tag: str | None) -> str:
        names = [f.name for f in shape.fields]
        keys = self.name(frozenset(names) | ({"type"} if tag else set()), "keys")
        cls = self.name(shape.cls, "cls")
        lines = [
            # hot names as default arguments: fast locals, not global lookups
            (
                f"def {name}(_d, _dict=_dict, _str=_str, _int=_int, _list=_list, _tuple=_tuple, "
                "_new=_new, _fail=_fail, _text_fast=_text_fast, _money_get=_money_get, "
                "_money_json=_money_json, _date_get=_date_get, _date_json=_date_json):"
            ),
            f"    if type(_d) is not _dict or not {keys}.issuperset(_d):",
            "        raise _Fail",
        ]
        arguments = []
        own = attrs.fields_dict(shape.cls)
        direct = _direct_ok(shape.cls)
        checked = is_checked(shape.cls) and not direct
        for index, field in enumerate(shape.fields):
            var = f"_f{index}"
            key = repr(field.name)
            # JSON text, integers and booleans go to the constructor as they are when
            # it checks them itself (the same shapes) and converts nothing.
            raw = checked and _raw_ok(field.shape) and _converter_of(own[field.name]) in _RAW
            value = "_v" if raw else self.structure(field.shape, "_v")
            if field.required:
                lines.append(f"    _v = _d[{key}]")
                lines.append(f"    {var} = {value}")
            else:
                default = self.default(field)
                lines.append(f"    if {key} in _d:")
                lines.append(f"        _v = _d[{key}]")
                lines.append(f"        {var} = {value}")
                lines.append("    else:")
                lines.append(f"        {var} = {default}")
            arguments.append(f"{field.alias}={var}")
        if direct:
            # Every field was checked above against the shapes the constructor checks
            # with, and the class has no converter, validator or post-init of its own:
            # build it without running the same checks a second time.
            lines.append(f"    _o = _new({cls})")
            for index, field in enumerate(shape.fields):
                setter = self.name(_setter(shape.cls, field.name), "set")
                lines.append(f"    {setter}(_o, _f{index})")
            lines.append("    return _o")
        else:
            lines.append(f"    return {cls}({', '.join(arguments)})")
        return "\n".join(lines) + "\n"

    def default(self, field: FieldShape) -> str:
        default = field.default
        factory = getattr(default, "factory", None)
        if callable(factory) and type(default).__name__ == "Factory":
            if getattr(default, "takes_self", False):  # pragma: no cover - none of ours does
                msg = f"{field.name}: a takes_self default has no fast path"
                raise TypeError(msg)
            return f"{self.name(factory, 'factory')}()"
        return self.name(default, "default")

    def union_source(self, shape: UnionShape, name: str) -> str:
        dispatch: dict[str, str] = {}
        for member in shape.members:
            member_name, _ = self.slot("fn_member", member)
            exec(self.record_source(member, member_name, tag="type"), self.namespace)  # noqa: S102 - our own source
            dispatch[member.name] = member_name
        table = self.name({}, "dispatch")
        for tag, member_name in dispatch.items():
            cast("dict[str, object]", self.namespace[table])[tag] = self.namespace[member_name]
        self.dispatch_tables[shape] = cast("dict[str, object]", self.namespace[table])
        return (
            f"def {name}(_d):\n"
            f"    if type(_d) is not _dict:\n"
            f"        raise _Fail\n"
            f"    return {table}[_d[{shape.tag_key!r}]](_d)\n"
        )

    # -- unstructure: an expression turning Python ``var`` into JSON-ready data

    def unstructure(self, shape: Shape, var: str) -> str:
        if isinstance(shape, (TextShape, IntShape, BoolShape)):
            return var
        if isinstance(shape, DecimalShape):
            if shape.money:
                return f"_str({var}.amount)"
            return f"_format({var}, 'f')"
        if isinstance(shape, DateShape):
            return f"{var}.isoformat()"
        if isinstance(shape, DateTimeShape):
            return f"{var}.isoformat()"
        if isinstance(shape, DurationShape):
            # whole seconds, by the stdlib's arithmetic (pendulum's .seconds is signed, and
            # its // does not take a stdlib timedelta)
            return f"_td_floordiv({var}, _SECOND)"
        if isinstance(shape, EnumShape):
            return f"{var}._value_"  # a plain attribute (``.value`` is a slower property)
        if isinstance(shape, OptionalShape):
            return f"(None if {var} is None else {self.unstructure(shape.inner, var)})"
        if isinstance(shape, (RecordShape, UnionShape)):
            return f"{self.unfunction(shape)}({var})"
        if isinstance(shape, ListShape):
            item = self.unstructure(shape.item, "_x")
            if shape.unique:
                return f"_sorted([{item} for _x in {var}], key={self.name(_json_order, 'order')})"
            if item == "_x":
                return f"_list({var})"
            return f"[{item} for _x in {var}]"
        if isinstance(shape, TupleShape):
            parts = ", ".join(
                self.unstructure(item, f"{var}[{index}]") for index, item in enumerate(shape.items)
            )
            return f"[{parts}]"
        key = self.unstructure(shape.key, "_k")  # a MapShape: the one shape left
        value = self.unstructure(shape.value, "_v")
        return f"_dict(_sorted(({key}, {value}) for _k, _v in {var}.items()))"

    def unfunction(self, shape: Shape) -> str:
        name, new = self.slot("un", shape)
        if not new:
            return name
        if isinstance(shape, RecordShape):
            source = self.unrecord_source(shape, name, tag=None)
        elif isinstance(shape, UnionShape):
            source = self.dispatch_source(shape, name, "un", self.unrecord_source)
        else:
            source = f"def {name}(_o):\n    return {self.unstructure(shape, '_o')}\n"
        exec(source, self.namespace)  # noqa: S102 - our own source
        return name

    def dispatch_source(
        self,
        shape: UnionShape,
        name: str,
        kind: str,
        member_source: Callable[[RecordShape, str, str | None], str],
    ) -> str:
        """A function picking each member's tagged writer by the value's class.

        The table is kept in ``tables[(kind, shape)]`` for a log's writer, which
        dispatches inline (one call per item).
        """
        dispatch: dict[type, object] = {}
        for member in shape.members:
            member_name, _ = self.slot(f"{kind}_member", member)
            exec(member_source(member, member_name, member.name), self.namespace)  # noqa: S102 - our own source
            dispatch[member.cls] = self.namespace[member_name]
        self.tables[(kind, shape)] = dispatch
        table = self.name(dispatch, f"{kind}dispatch")
        return f"def {name}(_o):\n    return {table}[type(_o)](_o)\n"

    def unrecord_source(self, shape: RecordShape, name: str, tag: str | None) -> str:
        entries = [(f.name, self.unstructure(f.shape, f"_o.{f.name}")) for f in shape.fields]
        if tag is not None:
            entries.append(("type", repr(tag)))
        entries.sort()
        body = ", ".join(f"{key!r}: {value}" for key, value in entries)
        return f"def {name}(_o):\n    return {{{body}}}\n"

    # -- text: an expression turning Python ``var`` into its JSON text, directly
    # (the same text as ``json.dumps(to_dict(x), ensure_ascii=False,
    # separators=(",", ":"))``, without building the dicts first)

    def text(self, shape: Shape, var: str) -> str:
        if isinstance(shape, TextShape):
            return f"_enc({var})"
        if isinstance(shape, IntShape):
            return f"_int_text({var})"
        if isinstance(shape, BoolShape):
            return f"('true' if {var} else 'false')"
        if isinstance(shape, DecimalShape):
            if shape.money:
                return f"('\"' + _str({var}.amount) + '\"')"
            return f"('\"' + _format({var}, 'f') + '\"')"
        if isinstance(shape, (DateShape, DateTimeShape)):
            return f"('\"' + {var}.isoformat() + '\"')"
        if isinstance(shape, DurationShape):
            return f"_int_text(_td_floordiv({var}, _SECOND))"
        if isinstance(shape, EnumShape):
            if _enum_value_type(shape) is str:
                return f"_enc({var}._value_)"  # _value_: a plain attribute, not the property
            return f"_int_text({var}._value_)"
        if isinstance(shape, OptionalShape):
            return f"('null' if {var} is None else {self.text(shape.inner, var)})"
        if isinstance(shape, (RecordShape, UnionShape)):
            return f"{self.textfunction(shape)}({var})"
        if isinstance(shape, ListShape) and not shape.unique:
            if isinstance(shape.item, TextShape):
                return f"('[' + ','.join(map(_enc, {var})) + ']')"
            return f"('[' + ','.join([{self.text(shape.item, '_x')} for _x in {var}]) + ']')"
        # sets, fixed tuples and maps: through their plain form (rare, never in a log)
        return f"_json_dumps({self.unstructure(shape, var)}, ensure_ascii=False, separators=_SEP)"

    def textfunction(self, shape: Shape) -> str:
        name, new = self.slot("tx", shape)
        if not new:
            return name
        if isinstance(shape, RecordShape):
            source = self.textrecord_source(shape, name, tag=None)
        elif isinstance(shape, UnionShape):
            source = self.dispatch_source(shape, name, "tx", self.textrecord_source)
        elif isinstance(shape, ListShape) and not shape.unique:
            if isinstance(shape.item, UnionShape):  # a log: dispatch inline, one call per item
                self.textfunction(shape.item)
                dispatch_table = self.tables[("tx", shape.item)]
                item = f"{self.name(dispatch_table, 'textdispatch')}[type(_x)](_x)"
            else:
                item = self.text(shape.item, "_x")
            source = f"def {name}(_o):\n    return '[' + ','.join([{item} for _x in _o]) + ']'\n"
        else:
            source = f"def {name}(_o):\n    return {self.text(shape, '_o')}\n"
        exec(source, self.namespace)  # noqa: S102 - our own source
        return name

    def textrecord_source(self, shape: RecordShape, name: str, tag: str | None) -> str:
        """One f-string per record: the keys are literal, the values computed first."""
        entries: list[tuple[str, str, bool]] = []
        for field in shape.fields:
            var = f"_o.{field.name}"
            inner = field.shape
            if isinstance(inner, (DateShape, DateTimeShape)):
                entries.append((field.name, f"{var}.isoformat()", True))
            elif isinstance(inner, DecimalShape) and inner.money:
                entries.append((field.name, f"_str({var}.amount)", True))
            else:
                entries.append((field.name, self.text(inner, var), False))
        if tag is not None:
            entries.append(("type", repr(_enc(tag)), False))
        entries.sort()
        lines = [f"def {name}(_o, _enc=_enc, _str=_str, _int_text=_int_text):"]
        template = ""
        for index, (key, value, quoted) in enumerate(entries):
            lines.append(f"    _t{index} = {value}")
            slot = f'"{{_t{index}}}"' if quoted else f"{{_t{index}}}"
            template += ("{{" if index == 0 else ",") + _enc(key) + ":" + slot
        template = template + "}}" if entries else "{{}}"
        lines.append(f"    return f'{template}'")
        return "\n".join(lines) + "\n"


_RAW: Final[tuple[object, ...]] = (None, _shapes.as_sequence)


def _direct_ok(cls: type) -> bool:
    """Whether ``cls`` may be built field by field once its fields are checked.

    True for a checked record whose only validator is the shape check and whose
    only converter copies lists into tuples, without ``__attrs_post_init__``:
    its constructor would check exactly what the fast path has checked.
    """
    if not is_checked(cls) or hasattr(cls, "__attrs_post_init__"):
        return False
    for field in attrs.fields(cls):
        if _converter_of(field) not in _RAW or field.validator not in (
            None,
            _shapes.check_instance,
        ):
            return False
    return all(field.init for field in attrs.fields(cls))


def _setter(cls: type, name: str) -> Callable[[object, object], None]:
    """Set one attribute of a frozen record being built (its slot, else its dict)."""
    descriptor = getattr(cls, name, None)
    setter = getattr(descriptor, "__set__", None)
    if setter is not None and type(descriptor).__name__ == "member_descriptor":
        return cast("Callable[[object, object], None]", setter)

    def set_attribute(obj: object, value: object) -> None:  # pragma: no cover - slots only
        object.__setattr__(obj, name, value)

    return set_attribute


def _converter_of(field: attrs.Attribute[object]) -> object:
    return field.converter


def _raw_ok(shape: Shape) -> bool:
    """Whether the JSON form of ``shape`` is already its Python value."""
    if isinstance(shape, (TextShape, IntShape, BoolShape)):
        return True
    if isinstance(shape, OptionalShape):
        return _raw_ok(shape.inner)
    if isinstance(shape, ListShape) and not shape.unique:
        return isinstance(shape.item, (TextShape, IntShape, BoolShape))
    return False


def _unique(items: list[object]) -> frozenset[object]:
    unique = frozenset(items)
    if len(unique) != len(items):
        raise _Fail
    return unique


def _json_order(value: object) -> tuple[str, str]:
    return (type(value).__name__, str(value))


_COMPILER: Final = _Compiler()


def _shape_for(tp: object) -> Shape:
    return shape_of(tp)


def _structurer(tp: object) -> Callable[[object], object]:
    known = _STRUCTURERS.get(tp)
    if known is None:
        name = _COMPILER.function(_shape_for(tp))
        known = _STRUCTURERS[tp] = cast("Callable[[object], object]", _COMPILER.namespace[name])
    return known


_TEXTERS: dict[object, Callable[[object], str]] = {}


def _texter(tp: object) -> Callable[[object], str]:
    known = _TEXTERS.get(tp)
    if known is None:
        name = _COMPILER.textfunction(_shape_for(tp))
        known = _TEXTERS[tp] = cast("Callable[[object], str]", _COMPILER.namespace[name])
    return known


def _unstructurer(tp: object) -> Callable[[object], object]:
    known = _UNSTRUCTURERS.get(tp)
    if known is None:
        name = _COMPILER.unfunction(_shape_for(tp))
        known = _UNSTRUCTURERS[tp] = cast("Callable[[object], object]", _COMPILER.namespace[name])
    return known


def _type_name(tp: object) -> str:
    origin = getattr(tp, "__origin__", None)
    arguments = getattr(tp, "__args__", None)
    if origin in (list, tuple) and arguments:
        return f"{origin.__name__}[{_type_name(arguments[0])}]"
    name = getattr(tp, "__name__", None)
    if isinstance(name, str):
        return name
    for union_name, union in UNIONS.items():
        if tp == union:
            return union_name
    text = repr(tp).replace("schoollogistics.", "")
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _refusal(tp: object, data: object, name: str) -> SerializationError:
    """Walk ``data`` against ``tp``'s shape and report why it is refused."""
    report = _Report()
    try:
        result = _walk(_shape_for(tp), data, "$", report)
    except _Stop:
        result = _BAD
    if result is not _BAD and not report.errors:  # the two paths disagree: a bug
        report.errors.append("serialization.invalid: refused by the fast path only @ $")
        report.codes.append("serialization.invalid")
        report.paths.append("$")
    details = report.errors[0]
    if report.more:  # the walk stopped at the limit: there may be many more
        details += f" (and at least {len(report.errors)} more)"
    elif len(report.errors) > 1:
        details += f" (and {len(report.errors) - 1} more)"
    kind = (
        UnknownKeyError
        if report.codes and all(code == "serialization.unknown_key" for code in report.codes)
        else SerializationError
    )
    error = kind(
        type=name,
        details=Phrase.of_text(
            details,
            f"第一处问题为「{report.codes[0] if report.codes else kind.code}」，"
            f"位置「{report.paths[0] if report.paths else '$'}」"
            f"（共列出 {len(report.errors)} 处）",
        ),
        errors=tuple(report.errors),
        codes=tuple(report.codes),
        paths=tuple(report.paths),
    )
    # ``path`` names the first refused value (``params["paths"]`` has them all), so that a
    # form can show the message next to its field.
    return cast("SerializationError", error.with_path(report.paths[0] if report.paths else "$"))


# ---------------------------------------------------------------- bulk work


_BULK: Final = 1_000
"""From this many items on, a list is loaded or written with the collector paused."""


@contextlib.contextmanager
def _collector_paused(size: int) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large document is built.

    Building a million records allocates millions of objects, and each of them
    triggers the collector's generational passes over everything alive: most of
    the time of a large load goes there (for the standard library's ``json.loads``
    too). Our records and parsed documents hold no reference cycles, so nothing is
    left for the collector to find; it is resumed afterwards (only if it was
    enabled, so a caller's own ``gc.disable()`` is kept), and reference counting
    frees memory as usual meanwhile. Small documents leave it alone.
    """
    if size < _BULK or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _size(data: object) -> int:
    return len(data) if isinstance(data, (list, tuple, str, bytes)) else 0


# ---------------------------------------------------------------- API


def to_dict(obj: object, as_type: object = None) -> JSONValue:
    """Turn a public object into JSON-ready data (dicts, lists, str, int, bool, None).

    Keys come out sorted, so that ``json.dumps`` needs no ``sort_keys``.

    Args:
        obj: A public value (a record, a tuple of events, a violation...).
        as_type: The declared type to unstructure as; pass the union (e.g.
            ``list[AssetEvent]``) to get the ``"type"`` tags in event lists.

    Raises:
        UnserializableError: ``obj`` is not a value of a public type
            (``serialization.unserializable``).
    """
    tp = type(obj) if as_type is None else as_type
    if isinstance(obj, (list, tuple)) and as_type is None:
        return [to_dict(item) for item in obj]
    try:
        unstructure = _unstructurer(tp)
    except TypeError:
        raise UnserializableError(
            type=_type_name(tp),
            details=Phrase(
                "not a public type of schoollogistics", "不是「schoollogistics」的公开类型"
            ),
            codes=("serialization.not_public",),
        ) from None
    try:
        with _collector_paused(_size(obj)):
            return cast("JSONValue", unstructure(obj))
    except (AttributeError, KeyError, TypeError):
        raise UnserializableError(
            type=_type_name(tp),
            details=Phrase(
                "{obj} is not a {tp}", "「{obj}」不是「{tp}」", obj=_shown(obj), tp=_type_name(tp)
            ),
            codes=("serialization.wrong_type",),
        ) from None


@overload
def from_dict(cls: type[T], data: object) -> T: ...
@overload
def from_dict(cls: object, data: object) -> object: ...
def from_dict(cls: object, data: object) -> object:
    """Build a ``cls`` from JSON-ready data, strictly (see the module's JSON forms).

    Args:
        cls: A public type, a tagged union (``AssetEvent``) or a ``list[...]`` /
            ``tuple[..., ...]`` of them.
        data: Parsed JSON (dicts, lists, str, int, bool, None).

    Raises:
        UnknownKeyError: the only problems are keys ``cls`` does not define
            (``serialization.unknown_key``).
        SerializationError: any other problem (``serialization.invalid``); its
            ``params["errors"]`` lists each one with its path (``@ $.lines[0].amount``),
            ``params["codes"]`` the codes (``money.float_refused``,
            ``time.naive_refused``, ``serialization.wrong_type``...) and
            ``params["paths"]`` the paths.
    """
    try:
        structure = _structurer(_top(cls))
    except TypeError:
        raise SerializationError(
            type=_type_name(cls),
            details=Phrase(
                "not a public type of schoollogistics", "不是「schoollogistics」的公开类型"
            ),
            codes=("serialization.not_public",),
        ) from None
    try:
        with _collector_paused(_size(data)):
            result = structure(data)
    except Exception:  # noqa: BLE001 - any failure of the fast path: the walk says why
        raise _refusal(_top(cls), data, _type_name(cls)) from None
    return list(result) if _is_list(cls) and isinstance(result, tuple) else result


def _top(cls: object) -> object:
    """``list[X]`` is loaded as ``tuple[X, ...]`` (then returned as a list)."""
    if _is_list(cls):
        (item,) = cls.__args__  # type: ignore[attr-defined]  # a list[...] alias has __args__
        return tuple[item, ...]  # type: ignore[valid-type]  # built at run time
    return cls


def _is_list(cls: object) -> bool:
    return getattr(cls, "__origin__", None) is list


def dumps(obj: object, as_type: object = None, *, indent: int | None = None) -> str:
    """Serialize to JSON text: UTF-8, Chinese kept readable, keys sorted, compact.

    The text is ``json.dumps(to_dict(obj, as_type), ensure_ascii=False,
    separators=(",", ":"))``, written directly from the records (code generated
    from their shapes) without building the dicts first. With ``indent``, the
    dicts are built and indented by ``json``.

    Raises:
        UnserializableError: ``obj`` is not a value of a public type.
    """
    if indent is not None or (as_type is None and isinstance(obj, (list, tuple))):
        return json.dumps(
            to_dict(obj, as_type),
            ensure_ascii=False,
            indent=indent,
            separators=None if indent is not None else (",", ":"),
        )
    tp = type(obj) if as_type is None else as_type
    try:
        write = _texter(tp)
    except TypeError:
        raise UnserializableError(
            type=_type_name(tp),
            details=Phrase(
                "not a public type of schoollogistics", "不是「schoollogistics」的公开类型"
            ),
            codes=("serialization.not_public",),
        ) from None
    # No orjson here: the generated writer is faster than building the plain form
    # and encoding it with orjson, at 20,000 events (1.4x) and at a million (1.15x).
    try:
        return write(obj)
    except (AttributeError, KeyError, TypeError):
        raise UnserializableError(
            type=_type_name(tp),
            details=Phrase(
                "{obj} is not a {tp}", "「{obj}」不是「{tp}」", obj=_shown(obj), tp=_type_name(tp)
            ),
            codes=("serialization.wrong_type",),
        ) from None


@overload
def loads(cls: type[T], text: str | bytes) -> T: ...
@overload
def loads(cls: object, text: str | bytes) -> object: ...
def loads(cls: object, text: str | bytes) -> object:
    """Parse JSON text strictly into a ``cls`` (see [`from_dict`][schoollogistics.serialization.from_dict]).

    Raises:
        SerializationError: the text is not JSON (``serialization.not_json``),
            nests deeper than the parser holds (``serialization.too_deep``), or
            does not describe a ``cls``.
    """  # noqa: E501
    if not isinstance(text, (str, bytes)):
        raise SerializationError(
            type=_type_name(cls),
            details=Phrase(
                "JSON text expected, got {x}", "须为「JSON」文本，得到的是「{x}」", x=_shown(text)
            ),
            codes=("serialization.not_json",),
        )
    try:
        with _collector_paused(len(text) // 100):  # about one item per 100 bytes
            data = _parse(text)
    except RecursionError:
        raise SerializationError(
            type=_type_name(cls),
            details=Phrase("JSON nested too deep for the parser", "「JSON」嵌套过深，无法解析"),
            codes=("serialization.too_deep",),
        ) from None
    except (ValueError, UnicodeError) as error:
        reason = error.msg if isinstance(error, json.JSONDecodeError) else type(error).__name__
        raise SerializationError(
            type=_type_name(cls),
            details=Phrase(
                "not JSON: {reason}", "不是合法的「JSON」（「{reason}」）", reason=reason
            ),
            codes=("serialization.not_json",),
        ) from None
    return from_dict(cls, data)


def _parse(text: str | bytes) -> object:
    if _orjson is not None:
        return _orjson.loads(text)
    return json.loads(text)


def converter() -> cattrs.Converter:
    """A cattrs converter with this module's strict hooks for every public type.

    For applications that compose our records into their own cattrs-structured
    types; ``from_dict`` and ``to_dict`` are the same hooks.
    """
    result = cattrs.Converter(forbid_extra_keys=True)
    for tp in (*PUBLIC_TYPES, *TAGGED_UNIONS):
        result.register_structure_hook(tp, _structure_hook(tp))
        result.register_unstructure_hook(tp, _unstructure_hook(tp))
    return result


def _structure_hook(tp: object) -> Callable[[object, object], object]:
    def hook(data: object, _: object) -> object:
        return from_dict(tp, data)

    return hook


def _unstructure_hook(tp: object) -> Callable[[object], JSONValue]:
    def hook(obj: object) -> JSONValue:
        return to_dict(obj, tp)

    return hook
