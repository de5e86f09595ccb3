"""The JSON Schema (draft 2020-12) of every public type: the contract for front ends.

The schemas are generated from the same *shapes*
([`shape_of`][schoollogistics.core.shapes.shape_of]) as the strict converter of
[`schoollogistics.serialization`][schoollogistics.serialization], so they say
what ``from_dict`` accepts and what ``to_dict`` produces:

* [`json_schema`][schoollogistics.schema.json_schema] gives the schema of one
  type (``json_schema(Exchange)``, ``json_schema(list[AssetEvent])``): a
  document whose ``$defs`` hold every record, union and enum it reaches;
* [`bundle`][schoollogistics.schema.bundle] gives one document whose ``$defs``
  hold every public type, every tagged union, a list of each union
  (``AssetEventLog``) and the error payload (``ErrorPayload``).

JSON forms: Money and other decimals are strings of the one decimal grammar with
digit bounds (``pattern``); dates and date-times are strings (``pattern``, with
``format`` as an annotation); durations are whole seconds; integers are JSON
integers within ±(2^53 − 1) unless a field says more; text is a string of at
most 10,000 characters without control characters other than tab, LF and CR;
enums are their exact values; records are objects without unknown keys; tagged
unions are objects whose ``"type"`` names the member.

This module is pure: it builds dictionaries and does no I/O. The documents are
deterministic (the same library gives the same schema, key for key).
"""

from __future__ import annotations

import enum
import re
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Final, TypeAlias

from schoollogistics.core.money import Money, decimal_pattern
from schoollogistics.core.shapes import (
    DECIMAL_SHAPE,
    BoolShape,
    DateShape,
    DateTimeShape,
    DecimalShape,
    DurationShape,
    EnumShape,
    IntShape,
    ListShape,
    MapShape,
    OptionalShape,
    RecordShape,
    Shape,
    TextShape,
    TupleShape,
    UnionShape,
    shape_of,
)
from schoollogistics.core.time import DATE_PATTERN, DATETIME_PATTERN
from schoollogistics.serialization import PUBLIC_TYPES, TAGGED_UNIONS, UNIONS, JSONValue

__all__ = [
    "BASE_URI",
    "DIALECT",
    "ERROR_PAYLOAD",
    "TEXT_PATTERN",
    "TS_TYPE",
    "JSONSchema",
    "bundle",
    "json_schema",
    "schema_name",
]

JSONSchema: TypeAlias = dict[str, JSONValue]
"""A JSON Schema document or subschema, as JSON-ready data."""

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The ``$schema`` of every document: JSON Schema draft 2020-12."""

BASE_URI: Final = "https://schoollogistics.invalid/schema/"
"""The base of every ``$id`` (``<BASE_URI><Name>.json``); the host does not resolve."""

BUNDLE_NAME: Final = "schoollogistics"
"""The name of the bundle document (its ``$id`` is ``<BASE_URI>schoollogistics.json``)."""

TEXT_PATTERN: Final = (
    "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF]*$"
)
"""The text policy as a pattern: no control character but tab, LF and CR, no lone surrogate."""

_ERROR_CODE_PATTERN: Final = r"^[a-z_]+(?:\.[a-z_]+)?$"

ERROR_PAYLOAD: Final[tuple[tuple[str, bool, JSONSchema, str], ...]] = (
    (
        "code",
        True,
        {"type": "string", "pattern": _ERROR_CODE_PATTERN},
        "The stable dotted code of the error (money.float_refused).",
    ),
    (
        "params",
        True,
        {"type": "object", "additionalProperties": True},
        "The values the messages are built from, one entry per parameter (any JSON value).",
    ),
    ("message_en", True, {"type": "string"}, "The message in English."),
    ("message_zh", True, {"type": "string"}, "The message in Simplified Chinese."),
    (
        "path",
        True,
        {"anyOf": [{"type": "string", "maxLength": 200}, {"type": "null"}]},
        "Where in the document the refused value was ($.lines[0].amount), or null.",
    ),
)
"""The one definition of the error payload (``SchoolLogisticsError.to_dict()``).

Each entry is (key, required, schema, description); the ``ErrorPayload``
definition of the bundle is built from it. The payload is not a record of the
library (``params`` holds any JSON value), so it has no shape.
"""

ERROR_PAYLOAD_NAME: Final = "ErrorPayload"

_LINK: Final = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")


# ---------------------------------------------------------------- names


def _union_names() -> dict[Shape, str]:
    return {shape_of(union): name for name, union in UNIONS.items()}


_UNION_NAMES: Final = _union_names()


def _union_name(shape: UnionShape) -> str:
    """The public name of a union (``serialization.UNIONS``), else the shape's own name.

    The mapping is read rather than ``shape.name`` alone: a union whose shape was
    built before ``name_union`` ran (``Schedule``, reached from a record at
    import) keeps the generated ``DailyOrWeeklyOr...`` name.
    """
    return _UNION_NAMES.get(shape, shape.name)


def _collection_name(name: str) -> str:
    return f"{name}Log" if name.endswith("Event") else f"{name}List"


def _named(shape: Shape) -> str | None:
    """The definition name of a shape that gets its own ``$defs`` entry, else None."""
    if isinstance(shape, RecordShape):
        return shape.name
    if isinstance(shape, UnionShape):
        return _union_name(shape)
    if isinstance(shape, EnumShape):
        return shape.cls.__name__
    if isinstance(shape, MapShape) and shape.cls is not None:
        return shape.cls.__name__
    if isinstance(shape, DecimalShape) and shape == shape_of(Money):
        return "Money"
    return None


_SIMPLE_NAMES: Final[dict[type, str]] = {
    BoolShape: "Boolean",
    IntShape: "Integer",
    TextShape: "Text",
    DateShape: "Date",
    DateTimeShape: "DateTime",
    DurationShape: "Duration",
}


def _shape(tp: object) -> Shape:
    """``shape_of``, and a ``list[...]`` (as ``from_dict`` takes it) as a list of its items."""
    if typing.get_origin(tp) is list:
        (item,) = typing.get_args(tp)
        return ListShape(shape_of(item))
    return shape_of(tp)


def schema_name(tp: object) -> str:
    """The name of ``tp`` in the schema (``Exchange``, ``AssetEvent``, ``AssetEventLog``).

    Raises:
        TypeError: ``tp`` has no JSON form, or no name (``int``, ``tuple[int, int]``).
    """
    if tp is Decimal:
        return "Decimal"
    shape = _shape(tp)
    name = _named(shape)
    if name is not None:
        return name
    simple = _SIMPLE_NAMES.get(type(shape))
    if simple is not None:
        return simple
    if isinstance(shape, ListShape):
        item = _named(shape.item)
        if item is not None:
            return _collection_name(item)
    msg = f"no schema name for {tp!r}: pass name="
    raise TypeError(msg)


# ---------------------------------------------------------------- TypeScript hint

TS_TYPE: Final = "tsType"
"""An annotation keyword read by json-schema-to-typescript (ignored by validators).

It is set on fixed-length arrays only: json-schema-to-typescript does not read
``prefixItems`` (it would declare ``never[]``), so ``[number, number]`` is given.
"""

_TS_PRIMITIVES: Final[dict[type, str]] = {
    BoolShape: "boolean",
    IntShape: "number",
    DurationShape: "number",
    TextShape: "string",
    DateShape: "string",
    DateTimeShape: "string",
    DecimalShape: "string",
}


def _ts_type(shape: Shape) -> str | None:
    """The TypeScript type of a simple shape, or None."""
    name = _named(shape)
    if name is not None:
        return name
    return _TS_PRIMITIVES.get(type(shape))


# ---------------------------------------------------------------- docstrings


def _clean(text: str) -> str:
    return _LINK.sub(r"\1", " ".join(text.split())).replace("``", "`")


def _summary(cls: type) -> str | None:
    doc = cls.__doc__
    if not doc:
        return None
    first = doc.strip().split("\n\n", 1)[0]
    return _clean(first) or None


def _attribute_docs(cls: type) -> dict[str, str]:
    """The ``Attributes:`` section of a Google-style class docstring, by name."""
    doc = cls.__doc__ or ""
    lines = doc.expandtabs().splitlines()
    out: dict[str, list[str]] = {}
    inside = False
    indent = 0
    current: str | None = None
    for line in lines:
        stripped = line.strip()
        if not inside:
            if stripped == "Attributes:":
                inside = True
                indent = -1
            continue
        if not stripped:
            current = None
            continue
        width = len(line) - len(line.lstrip())
        if indent < 0:
            indent = width
        if width < indent:
            break
        if width == indent:
            name, sep, text = stripped.partition(":")
            name = name.split(" (", 1)[0].strip()
            if not sep or not name.isidentifier():
                break
            current = name
            out[current] = [text.strip()]
        elif current is not None:
            out[current].append(stripped)
    return {name: _clean(" ".join(parts)) for name, parts in out.items() if any(parts)}


# ---------------------------------------------------------------- building


def _decimal(shape: DecimalShape, title: str | None) -> JSONSchema:
    kind = "An amount in yuan" if shape.money else "A decimal number"
    out: JSONSchema = {
        "type": "string",
        "pattern": decimal_pattern(shape.integer_digits, shape.fraction_digits),
        "description": (
            f"{kind} as decimal text: optional sign, at most {shape.integer_digits} "
            f"integer and {shape.fraction_digits} fraction digits, no exponent "
            '(grouping commas only as in "1,234.56").'
        ),
    }
    if title is not None:
        out["title"] = title
    return out


class _Builder:
    """Turns shapes into subschemas, collecting the named ones in ``defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, JSONSchema] = {}
        self._origin: dict[str, object] = {}

    def ref(self, name: str) -> JSONSchema:
        return {"$ref": f"#/$defs/{name}"}

    def _define(self, name: str, key: object, make: Callable[[], JSONSchema]) -> JSONSchema:
        known = self._origin.get(name)
        if known is None:
            self._origin[name] = key
            self.defs[name] = {}  # reserved first: records may refer to themselves
            self.defs[name] = make()
        elif known != key:
            msg = f"two types are named {name!r} in the schema"
            raise TypeError(msg)
        return self.ref(name)

    def schema(self, shape: Shape) -> JSONSchema:
        if isinstance(shape, BoolShape):
            return {"type": "boolean"}
        if isinstance(shape, IntShape):
            return {"type": "integer", "minimum": shape.minimum, "maximum": shape.maximum}
        if isinstance(shape, TextShape):
            return {"type": "string", "maxLength": shape.max_length, "pattern": TEXT_PATTERN}
        if isinstance(shape, DecimalShape):
            name = _named(shape)
            if name is not None:
                return self._define(name, Money, lambda: _decimal(shape, "Money"))
            return _decimal(shape, None)
        if isinstance(shape, DateShape):
            return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
        if isinstance(shape, DateTimeShape):
            return {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN}
        if isinstance(shape, DurationShape):
            return {
                "type": "integer",
                "minimum": -shape.max_seconds,
                "maximum": shape.max_seconds,
                "description": "A duration in whole seconds.",
            }
        if isinstance(shape, EnumShape):
            return self._define(shape.cls.__name__, shape.cls, lambda: self._enum(shape))
        if isinstance(shape, OptionalShape):
            return {"anyOf": [self.schema(shape.inner), {"type": "null"}]}
        if isinstance(shape, ListShape):
            out: JSONSchema = {"type": "array", "items": self.schema(shape.item)}
            if shape.unique:
                out["uniqueItems"] = True
            if shape.max_items is not None:
                out["maxItems"] = shape.max_items
            return out
        if isinstance(shape, TupleShape):
            out = {
                "type": "array",
                "prefixItems": [self.schema(item) for item in shape.items],
                "items": False,
                "minItems": len(shape.items),
                "maxItems": len(shape.items),
            }
            ts_items = [_ts_type(item) for item in shape.items]
            if all(ts_items):
                out[TS_TYPE] = f"[{', '.join(typing.cast('list[str]', ts_items))}]"
            return out
        if isinstance(shape, MapShape):
            cls = shape.cls
            if cls is not None:
                return self._define(cls.__name__, cls, lambda: self._map(shape, cls))
            return self._map(shape, None)
        if isinstance(shape, RecordShape):
            return self._define(shape.name, shape.cls, lambda: self._record(shape, None, None))
        return self._define(_union_name(shape), shape, lambda: self._union(shape))

    def _enum(self, shape: EnumShape) -> JSONSchema:
        values: list[JSONValue] = []
        for value in shape.values:
            if not isinstance(value, (str, int)) or isinstance(value, bool):
                msg = f"enum {shape.cls.__name__} has a value without a JSON form: {value!r}"
                raise TypeError(msg)
            values.append(value)
        kinds = sorted({"string" if isinstance(v, str) else "integer" for v in values})
        out: JSONSchema = {"title": shape.cls.__name__, "enum": values}
        out["type"] = kinds[0] if len(kinds) == 1 else list[JSONValue](kinds)
        summary = _summary(shape.cls) if shape.cls.__doc__ != enum.Enum.__doc__ else None
        if summary is not None:
            out["description"] = summary
        return out

    def _key(self, shape: Shape) -> JSONSchema:
        if isinstance(shape, TextShape):
            return self.schema(shape)
        if isinstance(shape, EnumShape):
            if not all(isinstance(v, str) for v in shape.values):
                msg = f"map keys of {shape.cls.__name__} are not text"
                raise TypeError(msg)
            return {"type": "string", **self.schema(shape)}
        if isinstance(shape, DateShape):
            return {"type": "string", "pattern": DATE_PATTERN}
        if isinstance(shape, IntShape):
            return {"type": "string", "pattern": "^-?[0-9]+$"}
        msg = f"map keys of shape {shape!r} have no JSON form"
        raise TypeError(msg)

    def _map(self, shape: MapShape, cls: type | None) -> JSONSchema:
        out: JSONSchema = {
            "type": "object",
            "propertyNames": self._key(shape.key),
            "additionalProperties": self.schema(shape.value),
        }
        if cls is not None:
            out["title"] = cls.__name__
            summary = _summary(cls)
            if summary is not None:
                out["description"] = summary
        return out

    def _record(
        self, shape: RecordShape, tag: tuple[str, str] | None, title: str | None = None
    ) -> JSONSchema:
        docs = _attribute_docs(shape.cls)
        properties: JSONSchema = {}
        required: list[JSONValue] = []
        if tag is not None:
            key, value = tag
            properties[key] = {"const": value}
            required.append(key)
        for field in shape.fields:
            sub = self.schema(field.shape)
            text = docs.get(field.name) or docs.get(field.alias)
            if text:
                sub = {**sub, "description": text} if "$ref" not in sub else sub
            properties[field.name] = sub
            if field.required:
                required.append(field.name)
        out: JSONSchema = {
            "title": title or shape.name,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        summary = _summary(shape.cls)
        if summary is not None:
            out["description"] = summary
        return out

    def _tagged(
        self, shape: UnionShape, member: RecordShape, name: str
    ) -> Callable[[], JSONSchema]:
        def make() -> JSONSchema:
            return self._record(member, (shape.tag_key, member.name), name)

        return make

    def _union(self, shape: UnionShape) -> JSONSchema:
        union = _union_name(shape)
        refs: list[JSONValue] = []
        for member in shape.members:
            name = f"{union}{member.name}"
            refs.append(self._define(name, (union, member.cls), self._tagged(shape, member, name)))
        return {
            "title": union,
            "description": (
                f'One of {len(shape.members)} records, named by its "{shape.tag_key}" key.'
            ),
            "oneOf": refs,
        }


def _document(name: str, root: JSONSchema, defs: dict[str, JSONSchema]) -> JSONSchema:
    doc: JSONSchema = {"$schema": DIALECT, "$id": f"{BASE_URI}{name}.json", "title": name}
    doc.update(root)
    if defs:
        doc["$defs"] = {key: defs[key] for key in sorted(defs)}
    return doc


def json_schema(tp: object, *, name: str | None = None) -> JSONSchema:
    """The JSON Schema (draft 2020-12) of a public type, union or collection.

    Args:
        tp: A public type (``Exchange``, ``Money``), a union (``AssetEvent``) or
            a collection of them (``list[AssetEvent]``).
        name: The document's name (its ``$id`` and ``title``); by default the
            type's name (``schema_name``).

    Raises:
        TypeError: ``tp`` has no JSON form, or no name and ``name`` is not given.
    """
    title = name if name is not None else schema_name(tp)
    builder = _Builder()
    if tp is Decimal:
        root = _decimal(DECIMAL_SHAPE, None)
        return _document(title, root, builder.defs)
    root = builder.schema(_shape(tp))
    if title in builder.defs and root == builder.ref(title):
        root = builder.ref(title)
    return _document(title, root, builder.defs)


def _error_payload() -> JSONSchema:
    properties: JSONSchema = {}
    required: list[JSONValue] = []
    for key, is_required, schema, description in ERROR_PAYLOAD:
        properties[key] = {**schema, "description": description}
        if is_required:
            required.append(key)
    return {
        "title": ERROR_PAYLOAD_NAME,
        "description": "A refusal as data (SchoolLogisticsError.to_dict()), for a form to show.",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def bundle() -> JSONSchema:
    """One document whose ``$defs`` hold every public type and union, and the error payload.

    Beside each record, enum and union reached from
    [`PUBLIC_TYPES`][schoollogistics.serialization.PUBLIC_TYPES] and
    [`TAGGED_UNIONS`][schoollogistics.serialization.TAGGED_UNIONS], it holds a
    list of each union (``AssetEventLog``: an exported event log;
    ``LedgerCommandList``), ``Decimal`` and ``ErrorPayload``. Refer to one as
    ``<$id>#/$defs/<Name>``.
    """
    builder = _Builder()
    for tp in PUBLIC_TYPES:
        builder.schema(shape_of(tp))
    for union in TAGGED_UNIONS:
        shape = shape_of(union)
        name = schema_name(union)
        builder.schema(shape)
        log = _collection_name(name)
        builder.defs[log] = {
            "title": log,
            "description": f"A list of {name} (for example an exported log).",
            "type": "array",
            "items": builder.ref(name),
        }
    builder.defs["Decimal"] = _decimal(DECIMAL_SHAPE, "Decimal")
    builder.defs[ERROR_PAYLOAD_NAME] = _error_payload()
    return _document(
        BUNDLE_NAME,
        {"description": "Every public type of schoollogistics, in $defs."},
        builder.defs,
    )
