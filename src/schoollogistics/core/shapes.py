"""Shapes: one description of every public type, read by the checks, the converter and the schema.

A *shape* says what a field holds and within which bounds: text of at most
10,000 characters, an integer within ±(2^53 − 1), money of at most 13 integer
and 6 fraction digits, a date between 1900 and 2200, a tuple of records, a
tagged union... [`shape_of`][schoollogistics.core.shapes.shape_of] derives it
from a type annotation; an attrs class becomes a
[`RecordShape`][schoollogistics.core.shapes.RecordShape] whose fields are the
shapes of its annotations.

Three things are built from these shapes, so that they cannot disagree:

* the constructor checks of every public record
  ([`checked_fields`][schoollogistics.core.shapes.checked_fields]): a wrong type,
  text breaking the text policy or a number out of bounds is a typed error when
  the record is built, not later when it is serialized;
* the strict JSON converter of ``schoollogistics.serialization``;
* the JSON Schema of ``schoollogistics.schema``.

**Text policy.** Text is valid Unicode: a lone surrogate is refused
(``text.surrogate``). Control characters (Unicode category Cc) are refused
(``text.control_character``) except tab, line feed and carriage return, which
notes and addresses may hold. Format characters (zero-width joiners in emoji,
bidirectional marks) are kept. A text field holds at most
[`MAX_TEXT_LENGTH`][schoollogistics.core.shapes.MAX_TEXT_LENGTH] characters
(``text.too_long``).
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Final, TypeAlias

import attrs
import pendulum

from schoollogistics.core.money import (
    DECIMAL_FRACTION_DIGITS,
    DECIMAL_INTEGER_DIGITS,
    MONEY_FRACTION_DIGITS,
    MONEY_INTEGER_DIGITS,
    Money,
    to_exact_decimal,
)
from schoollogistics.core.time import (
    MAX_DURATION_SECONDS,
    MAX_YEAR,
    MIN_YEAR,
    check_date_range,
    check_moment_range,
)
from schoollogistics.errors import (
    ControlCharacterError,
    FieldTypeError,
    SchoolLogisticsError,
    SurrogateTextError,
    TextTooLongError,
    TimeOutOfRangeError,
    ValueOutOfRangeError,
)

__all__ = [
    "MAX_INTEGER",
    "MAX_TEXT_LENGTH",
    "BoolShape",
    "DateShape",
    "DateTimeShape",
    "DecimalShape",
    "DurationShape",
    "EnumShape",
    "FieldShape",
    "IntShape",
    "ListShape",
    "MapShape",
    "OptionalShape",
    "RecordShape",
    "Shape",
    "TextShape",
    "TupleShape",
    "UnionShape",
    "as_sequence",
    "check_instance",
    "check_instance_of",
    "check_int",
    "check_text",
    "checked_fields",
    "is_checked",
    "name_union",
    "record_shape",
    "shape_of",
]

MAX_INTEGER: Final = 2**53 - 1
"""The largest integer magnitude a field accepts unless it says otherwise.

The largest integer a JavaScript number holds exactly: a front end reading our
JSON never sees a rounded quantity.
"""

MAX_TEXT_LENGTH: Final = 10_000
"""The most characters a text field holds."""


# ---------------------------------------------------------------- the shapes


@attrs.frozen
class IntShape:
    """A JSON integer (never a bool, a float or text) within bounds.

    A field raises its lower bound with ``attrs.field(metadata={"minimum": 1})``
    (a sequence number starts at 1).
    """

    minimum: int = -MAX_INTEGER
    maximum: int = MAX_INTEGER


@attrs.frozen
class BoolShape:
    """A JSON ``true`` or ``false``."""


@attrs.frozen
class TextShape:
    """A JSON string under the text policy, of at most ``max_length`` characters."""

    max_length: int = MAX_TEXT_LENGTH


@attrs.frozen
class DecimalShape:
    """Decimal text (the grammar of ``NUMBER_PATTERN``) within digit bounds.

    Attributes:
        money: Whether the value is [`Money`][schoollogistics.core.money.Money]
            (else a ``Decimal``).
        integer_digits: At most this many digits before the point.
        fraction_digits: At most this many digits after it.
    """

    money: bool
    integer_digits: int
    fraction_digits: int


@attrs.frozen
class DateShape:
    """A calendar day as ``YYYY-MM-DD`` (years 1900 to 2200)."""


@attrs.frozen
class DateTimeShape:
    """An aware moment as ISO 8601 text with an explicit offset (−12:00 to +14:00)."""


@attrs.frozen
class DurationShape:
    """An absolute duration as a whole number of seconds."""

    max_seconds: int = MAX_DURATION_SECONDS


@attrs.frozen
class EnumShape:
    """One of the values of an enum, exactly."""

    cls: type[enum.Enum]

    @property
    def values(self) -> tuple[object, ...]:
        """The accepted JSON values, in declaration order."""
        return tuple(member.value for member in self.cls)


@attrs.frozen
class OptionalShape:
    """``null`` or the inner shape."""

    inner: Shape


@attrs.frozen
class ListShape:
    """A JSON array of items; ``unique`` when it stands for a ``frozenset``.

    ``max_items`` bounds its length when the field states it (``attrs.field(
    metadata={"max_items": 12})``): a school year has a few terms, not thousands.
    """

    item: Shape
    unique: bool = False
    max_items: int | None = None


@attrs.frozen
class TupleShape:
    """A JSON array of fixed length, one shape per position."""

    items: tuple[Shape, ...]


@attrs.frozen
class MapShape:
    """A JSON object from keys (text, enum values or dates) to values."""

    key: Shape
    value: Shape
    cls: type | None = None


@attrs.frozen
class FieldShape:
    """One field of a record.

    Attributes:
        name: The attribute and JSON key.
        alias: The constructor's keyword (differs for private attributes).
        shape: What it holds.
        required: Whether the JSON object must have it (no default).
        default: The default, when not required (``attrs.NOTHING`` otherwise).
    """

    name: str
    alias: str
    shape: Shape
    required: bool
    default: object = attrs.field(eq=False, default=attrs.NOTHING)


@attrs.define(eq=False)
class RecordShape:
    """An attrs record: a JSON object of its fields, unknown keys refused.

    The fields are filled in after creation, so that a record may refer to
    itself (the shapes form a graph, not a tree).
    """

    cls: type
    fields: tuple[FieldShape, ...] = ()

    @property
    def name(self) -> str:
        """The record's name (its class name), also its tag in a union."""
        return str(getattr(self.cls, "TAG", self.cls.__name__))


@attrs.define(eq=False)
class UnionShape:
    """A tagged union of records: a JSON object whose ``"type"`` names the member."""

    name: str
    members: tuple[RecordShape, ...]
    tag_key: str = "type"


Shape: TypeAlias = (
    IntShape
    | BoolShape
    | TextShape
    | DecimalShape
    | DateShape
    | DateTimeShape
    | DurationShape
    | EnumShape
    | OptionalShape
    | ListShape
    | TupleShape
    | MapShape
    | RecordShape
    | UnionShape
)
"""Any of the shapes."""

MONEY_SHAPE: Final = DecimalShape(
    money=True, integer_digits=MONEY_INTEGER_DIGITS, fraction_digits=MONEY_FRACTION_DIGITS
)
DECIMAL_SHAPE: Final = DecimalShape(
    money=False, integer_digits=DECIMAL_INTEGER_DIGITS, fraction_digits=DECIMAL_FRACTION_DIGITS
)

_RECORDS: dict[type, RecordShape] = {}
_UNION_NAMES: dict[object, str] = {}
_UNIONS: dict[object, UnionShape] = {}


def name_union(union: object, name: str) -> None:
    """Give a union of records its public name (``AssetEvent``), used by the schema."""
    _UNION_NAMES[union] = name
    built = _UNIONS.get(union)
    if built is not None:  # its shape was needed before it was named
        built.name = name


def _is_union(tp: object) -> bool:
    return isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union


def shape_of(tp: object) -> Shape:
    """The shape of a type annotation.

    Raises:
        TypeError: the annotation has no JSON form (a bug in a record, not a refusal).
    """
    if tp is bool:
        return BoolShape()
    if tp is int:
        return IntShape()
    if tp is str:
        return TextShape()
    if tp is Money:
        return MONEY_SHAPE
    if tp is Decimal:
        return DECIMAL_SHAPE
    if tp is pendulum.DateTime:
        return DateTimeShape()
    if tp is pendulum.Date:
        return DateShape()
    if tp is pendulum.Duration:
        return DurationShape()
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return EnumShape(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return record_shape(tp)
    if _is_union(tp):
        args = typing.get_args(tp)
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) < len(args):
            inner = rest[0] if len(rest) == 1 else typing.Union[rest]  # noqa: UP007 - built from a tuple
            return OptionalShape(shape_of(inner))
        return _union_shape(tp, rest)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return ListShape(shape_of(args[0]))
        return TupleShape(tuple(shape_of(a) for a in args))
    if origin is list:
        return ListShape(shape_of(args[0]))
    if origin is frozenset:
        return ListShape(shape_of(args[0]), unique=True)
    if origin in (collections.abc.Mapping, dict):
        return MapShape(shape_of(args[0]), shape_of(args[1]))
    if isinstance(tp, type):
        custom = getattr(tp, "__shape__", None)
        if custom is not None:
            return typing.cast("Shape", custom())
    msg = f"no JSON shape for {tp!r}"
    raise TypeError(msg)


def _union_shape(tp: object, members: tuple[object, ...]) -> UnionShape:
    known = _UNIONS.get(tp)
    if known is not None:
        return known
    records = []
    for member in members:
        if not (isinstance(member, type) and attrs.has(member)):
            msg = f"a union of records only: {tp!r}"
            raise TypeError(msg)
        records.append(record_shape(member))
    name = _UNION_NAMES.get(tp, "Or".join(r.name for r in records))
    shape = UnionShape(name, tuple(records))
    _UNIONS[tp] = shape
    return shape


def record_shape(cls: type) -> RecordShape:
    """The shape of an attrs record class (built once, then cached)."""
    known = _RECORDS.get(cls)
    if known is not None:
        return known
    shape = RecordShape(cls)
    _RECORDS[cls] = shape
    try:
        hints = typing.get_type_hints(cls)
        fields = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            required = field.default is attrs.NOTHING
            field_shape = shape_of(hints[field.name])
            max_items = field.metadata.get("max_items")
            if isinstance(field_shape, ListShape) and isinstance(max_items, int):
                field_shape = attrs.evolve(field_shape, max_items=max_items)
            minimum = field.metadata.get("minimum")
            if isinstance(field_shape, IntShape) and isinstance(minimum, int):
                field_shape = attrs.evolve(field_shape, minimum=minimum)
            fields.append(
                FieldShape(
                    name=field.name,
                    alias=field.alias or field.name,
                    shape=field_shape,
                    required=required,
                    default=field.default,
                )
            )
    except BaseException:
        del _RECORDS[cls]
        raise
    shape.fields = tuple(fields)
    return shape


# ---------------------------------------------------------------- text policy

_ALLOWED_CONTROLS: Final = frozenset("\t\n\r")
_SECOND: Final = dt.timedelta(seconds=1)


def _text_problem(value: str) -> tuple[str, str, str] | None:
    """The first break of the text policy in ``value``, as (code tail, en, zh)."""
    for position, char in enumerate(value):
        point = ord(char)
        if 0xD800 <= point <= 0xDFFF:
            return (
                "surrogate",
                f"lone surrogate U+{point:04X} at position {position}",
                f"第 {position} 个字符是孤立代理项 U+{point:04X}",
            )
        if (point < 0x20 or 0x7F <= point <= 0x9F) and char not in _ALLOWED_CONTROLS:
            return (
                "control_character",
                f"control character U+{point:04X} at position {position}",
                f"第 {position} 个字符是控制字符 U+{point:04X}",
            )
    return None


def check_text(value: str, field: str, max_length: int = MAX_TEXT_LENGTH) -> str:
    """``value`` if it follows the text policy, else a typed error.

    Raises:
        TextTooLongError: more than ``max_length`` characters (``text.too_long``).
        SurrogateTextError: a lone surrogate (``text.surrogate``).
        ControlCharacterError: a control character other than tab, LF, CR
            (``text.control_character``).
    """
    if len(value) > max_length:
        raise TextTooLongError(
            field=field,
            reason=f"{len(value)} characters, at most {max_length}",
            reason_zh=f"共 {len(value)} 个字符，至多 {max_length} 个",
        )
    if value.isprintable():  # the common case: no control character, no surrogate
        return value
    problem = _text_problem(value)
    if problem is None:
        return value
    kind, reason, reason_zh = problem
    error = SurrogateTextError if kind == "surrogate" else ControlCharacterError
    raise error(field=field, reason=reason, reason_zh=reason_zh)


def check_int(value: object, field: str, minimum: int, maximum: int) -> int:
    """``value`` if it is an ``int`` (never a ``bool``) within bounds, else a typed error.

    The argument check of functions that take a year, a month, a count.

    Raises:
        FieldTypeError: not an ``int`` (``input.wrong_type``).
        ValueOutOfRangeError: outside ``minimum``..``maximum`` (``input.out_of_range``).
    """
    if type(value) is not int:
        raise FieldTypeError(
            field=field, expected="an integer", expected_zh="整数", type_name=type(value).__name__
        )
    if not minimum <= value <= maximum:
        raise ValueOutOfRangeError(field=field, minimum=minimum, maximum=maximum)
    return value


def check_instance_of(value: object, cls: type, field: str) -> None:
    """Refuse ``value`` with a typed error unless it is a ``cls`` (an argument check)."""
    if not isinstance(value, cls):
        raise FieldTypeError(
            field=field,
            expected=f"a {cls.__name__}",
            expected_zh=f"「{cls.__name__}」",
            type_name=type(value).__name__,
        )


# ---------------------------------------------------------------- constructor checks

_EXPECTED: Final[Mapping[type, tuple[str, str]]] = {
    IntShape: ("an integer", "整数"),
    BoolShape: ("true or false", "布尔值"),
    TextShape: ("text", "文本"),
    DateShape: ("a pendulum Date", "日期（pendulum Date）"),
    DateTimeShape: ("an aware pendulum DateTime", "带时区的时刻（pendulum DateTime）"),
    DurationShape: ("a Duration", "时长（Duration）"),
    ListShape: ("a list or tuple", "列表或元组"),
    TupleShape: ("a list or tuple", "列表或元组"),
    MapShape: ("a mapping", "映射"),
}


def _wrong_type(field: str, shape: Shape, value: object) -> FieldTypeError:
    if isinstance(shape, DecimalShape):
        expected = (
            ("Money", "金额（Money）") if shape.money else ("a Decimal", "十进制数（Decimal）")
        )
    elif isinstance(shape, EnumShape):
        expected = (f"a {shape.cls.__name__}", f"枚举「{shape.cls.__name__}」")
    elif isinstance(shape, (RecordShape, UnionShape)):
        expected = (f"a {shape.name}", f"记录「{shape.name}」")
    else:
        expected = _EXPECTED.get(type(shape), ("another type", "其他类型"))
    return FieldTypeError(
        field=field, expected=expected[0], expected_zh=expected[1], type_name=type(value).__name__
    )


def _check_value(shape: Shape, value: object, field: str) -> object:  # noqa: PLR0915
    """``value`` checked against ``shape`` (a list becomes a tuple); a typed error if not."""
    if isinstance(shape, TextShape):
        if type(value) is not str:
            raise _wrong_type(field, shape, value)
        return check_text(value, field, shape.max_length)
    if isinstance(shape, IntShape):
        if type(value) is not int:
            raise _wrong_type(field, shape, value)
        if not shape.minimum <= value <= shape.maximum:
            raise ValueOutOfRangeError(field=field, minimum=shape.minimum, maximum=shape.maximum)
        return value
    if isinstance(shape, BoolShape):
        if type(value) is not bool:
            raise _wrong_type(field, shape, value)
        return value
    if isinstance(shape, DecimalShape):
        if shape.money:
            if type(value) is not Money:
                raise _wrong_type(field, shape, value)
            return value
        if type(value) is not Decimal:
            raise _wrong_type(field, shape, value)
        to_exact_decimal(value, field=field)
        return value
    if isinstance(shape, DateTimeShape):
        if not isinstance(value, pendulum.DateTime):
            raise _wrong_type(field, shape, value)
        check_moment_range(value, field=field)
        return value
    if isinstance(shape, DateShape):
        if isinstance(value, dt.datetime) or not isinstance(value, pendulum.Date):
            raise _wrong_type(field, shape, value)
        check_date_range(value, field=field)
        return value
    if isinstance(shape, DurationShape):
        if not isinstance(value, dt.timedelta):
            raise _wrong_type(field, shape, value)
        if dt.timedelta.__mod__(value, _SECOND):  # the stdlib's arithmetic, for pendulum too
            raise FieldTypeError(
                field=field,
                expected="a whole number of seconds",
                expected_zh="整秒数",
                type_name="a fraction of a second",
            )
        if abs(dt.timedelta.__floordiv__(value, _SECOND)) > shape.max_seconds:
            raise TimeOutOfRangeError(
                field=field,
                reason=f"at most {shape.max_seconds} seconds",
                reason_zh=f"至多 {shape.max_seconds} 秒",
            )
        return value
    if isinstance(shape, EnumShape):
        if not isinstance(value, shape.cls):
            raise _wrong_type(field, shape, value)
        return value
    if isinstance(shape, OptionalShape):
        return None if value is None else _check_value(shape.inner, value, field)
    if isinstance(shape, ListShape):
        if shape.unique:
            if not isinstance(value, (frozenset, set, list, tuple)):
                raise _wrong_type(field, shape, value)
            for item in value:
                _check_value(shape.item, item, f"{field}[]")
            return value if isinstance(value, frozenset) else frozenset(value)
        if type(value) is not tuple and type(value) is not list:
            raise _wrong_type(field, shape, value)
        if shape.max_items is not None and len(value) > shape.max_items:
            raise ValueOutOfRangeError(field=f"len({field})", minimum=0, maximum=shape.max_items)
        item_shape = shape.item
        for index, item in enumerate(value):
            _check_value(item_shape, item, f"{field}[{index}]")
        return value if type(value) is tuple else tuple(value)
    if isinstance(shape, TupleShape):
        if type(value) is not tuple and type(value) is not list:
            raise _wrong_type(field, shape, value)
        if len(value) != len(shape.items):
            raise FieldTypeError(
                field=field,
                expected=f"{len(shape.items)} items",
                expected_zh=f"{len(shape.items)} 项",
                type_name=f"{len(value)} items",
            )
        for index, (item_shape, item) in enumerate(zip(shape.items, value, strict=True)):
            _check_value(item_shape, item, f"{field}[{index}]")
        return tuple(value)
    if isinstance(shape, MapShape):
        if not isinstance(value, Mapping):
            raise _wrong_type(field, shape, value)
        for key, item in value.items():
            _check_value(shape.key, key, f"{field} key")
            _check_value(shape.value, item, f"{field}[{key!r}]"[:120])
        return value
    if isinstance(shape, RecordShape):
        if not isinstance(value, shape.cls):
            raise _wrong_type(field, shape, value)
        return value
    if not isinstance(value, tuple(member.cls for member in shape.members)):
        raise _wrong_type(field, shape, value)
    return value


def _fast_ok(shape: Shape, var: str, names: dict[str, object]) -> str:
    """A Python expression true when ``var`` certainly fits ``shape`` as it is.

    When it is false, the generic ``_check_value`` decides (and raises, or
    returns a converted value such as a tuple for a list).
    """

    def name(value: object) -> str:
        key = f"_n{len(names)}"
        names[key] = value
        return key

    if isinstance(shape, TextShape):
        return f"(type({var}) is str and len({var}) <= {shape.max_length} and {var}.isprintable())"
    if isinstance(shape, IntShape):
        return f"(type({var}) is int and {shape.minimum} <= {var} <= {shape.maximum})"
    if isinstance(shape, BoolShape):
        return f"(type({var}) is bool)"
    if isinstance(shape, DecimalShape) and shape.money:
        return f"(type({var}) is {name(Money)})"
    if isinstance(shape, DateShape):
        return f"(type({var}) is {name(pendulum.Date)} and {MIN_YEAR} <= {var}.year <= {MAX_YEAR})"
    if isinstance(shape, EnumShape):
        return f"(type({var}) is {name(shape.cls)})"
    if isinstance(shape, RecordShape):
        return f"(type({var}) is {name(shape.cls)})"
    if isinstance(shape, UnionShape):
        return f"(type({var}) in {name(frozenset(m.cls for m in shape.members))})"
    if isinstance(shape, OptionalShape):
        return f"({var} is None or {_fast_ok(shape.inner, var, names)})"
    if isinstance(shape, ListShape) and not shape.unique:
        item = _fast_ok(shape.item, "_x", names)
        size = "" if shape.max_items is None else f" and len({var}) <= {shape.max_items}"
        return f"(type({var}) is tuple{size} and all({item} for _x in {var}))"
    return "False"


def _instance_checker(cls: type) -> Callable[[object], None]:
    """A function checking every field of a ``cls`` record (generated once per class)."""
    shape = record_shape(cls)
    names: dict[str, object] = {"_check_value": _check_value, "_set": object.__setattr__}
    lines = ["def check(_o):"]
    for index, field in enumerate(shape.fields):
        names[f"_s{index}"] = field.shape
        label = f"{cls.__name__}.{field.name}"
        lines.append(f"    _v = _o.{field.name}")
        lines.append(f"    if not {_fast_ok(field.shape, '_v', names)}:")
        lines.append(f"        _c = _check_value(_s{index}, _v, {label!r})")
        lines.append("        if _c is not _v:")
        lines.append(f"            _set(_o, {field.name!r}, _c)")
    if len(lines) == 1:
        lines.append("    return None")
    exec("\n".join(lines), names)  # noqa: S102 - source generated from our own shapes
    return typing.cast("Callable[[object], None]", names["check"])


_CHECKERS: dict[type, Callable[[object], None]] = {}


def check_instance(instance: object, _attribute: object, _value: object) -> None:
    """The attrs validator of the first field: checks every field of the record once."""
    cls = type(instance)
    checker = _CHECKERS.get(cls)
    if checker is None:
        checker = _CHECKERS[cls] = _instance_checker(cls)
    checker(instance)


def as_sequence(value: object) -> object:
    """A caller's list becomes a tuple (so that changing the list later changes nothing)."""
    return tuple(value) if type(value) is list else value


def _collection_guard(label: str, kind: str) -> Callable[[object], object]:
    """A converter run before a collection field's own: refuses what is no collection."""
    accepted: tuple[type, ...] = (Mapping,) if kind == "mapping" else (list, tuple, frozenset, set)
    expected = ("a mapping", "映射") if kind == "mapping" else ("a list or tuple", "列表或元组")

    def guard(value: object) -> object:
        if not isinstance(value, accepted):
            raise FieldTypeError(
                field=label,
                expected=expected[0],
                expected_zh=expected[1],
                type_name=type(value).__name__,
            )
        return tuple(value) if type(value) is list else value

    return guard


def _typed_converter(label: str, converter: object) -> Callable[[object], object]:
    """A field's own converter, its untyped failures turned into ``input.wrong_type``.

    A converter of ours that fails with ``TypeError``, ``AttributeError`` or the
    like was given a value of a type it does not take: say so with a typed error
    naming the field, as the shape check would have.
    """
    convert = typing.cast("Callable[[object], object]", converter)

    def typed(value: object) -> object:
        try:
            return convert(value)
        except SchoolLogisticsError:
            raise
        except Exception as error:  # a converter failing on a value of the wrong type
            raise FieldTypeError(
                field=label,
                expected="a value its converter accepts",
                expected_zh="可转换的值",
                type_name=type(value).__name__,
            ) from error

    return typed


def _collection_kind(annotation: object) -> str | None:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    text = text.removeprefix("typing.").removeprefix("collections.abc.")
    if text.endswith("| None"):
        return None  # an optional collection: its own converter takes ``None``
    if text.startswith(("tuple[", "Tuple[", "frozenset[")):
        return "sequence"
    if text.startswith(("Mapping[", "dict[")):
        return "mapping"
    return None


_Fields: TypeAlias = "list[attrs.Attribute[object]]"
FieldTransformer: TypeAlias = Callable[[type, _Fields], _Fields]
"""An attrs ``field_transformer``: the class and its fields in, the fields out."""


def checked_fields(
    then: FieldTransformer | None = None,
) -> FieldTransformer:
    """An attrs ``field_transformer`` that makes a record check its fields when built.

    Every field is checked against its shape after attrs assigned them all (and
    after each field's own converter), before any validator of a field and
    before ``__attrs_post_init__``: a wrong type, text breaking the text policy,
    a number out of bounds is a typed error naming ``Class.field``. A list given
    for a tuple field is copied into a tuple; a collection field with a
    converter of its own refuses a non-collection (``None``, a ``str``) first.
    An optional collection (``tuple[...] | None``) is left to its own converter,
    which takes ``None`` and must refuse a non-collection itself.

    Args:
        then: Another field transformer to apply first (e.g. one that reorders
            fields).
    """

    def transform(cls: type, fields: _Fields) -> _Fields:
        if then is not None:
            fields = then(cls, fields)
        out: _Fields = []
        for field in fields:
            kind = _collection_kind(field.type)
            if kind == "sequence" and field.converter is None:
                field = field.evolve(converter=as_sequence)  # noqa: PLW2901
            elif field.converter is not None:
                label = f"{cls.__name__}.{field.name}"
                converter = _typed_converter(label, field.converter)
                if kind is not None:
                    converter = attrs.converters.pipe(_collection_guard(label, kind), converter)
                field = field.evolve(converter=converter)  # noqa: PLW2901
            out.append(field)
        init_fields = [i for i, f in enumerate(out) if f.init]
        if init_fields:
            # attrs runs validators after every field is assigned, in field order:
            # the check of the whole record goes first, before any field's own.
            first = init_fields[0]
            field = out[first]
            validator = (
                check_instance
                if field.validator is None
                else attrs.validators.and_(check_instance, field.validator)
            )
            out[first] = field.evolve(validator=validator)
        return out

    return transform


def is_checked(cls: type) -> bool:
    """Whether records of ``cls`` check their fields when built (a test uses it)."""
    if not attrs.has(cls):
        return False
    for field in attrs.fields(cls):
        if field.init:
            validator = field.validator
            if validator is check_instance:
                return True
            return check_instance in getattr(validator, "_validators", ())
    return True  # no field to check
