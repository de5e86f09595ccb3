"""The JSON Schema contract: valid draft 2020-12, met by every to_dict, never looser than from_dict.

``jsonschema`` is a test-only dependency. Three families of checks:

* every public type, union and union list has a schema that is itself a valid
  draft 2020-12 document, and so has the bundle;
* every ``to_dict`` output of every strategy of ``schoollogistics.testing``
  validates against the schema of its type;
* a document the schema rejects is refused by ``from_dict`` with a
  ``SerializationError`` (valid documents mutated in one place: wrong types,
  extra keys, missing required keys, bad text forms).
"""

from __future__ import annotations

import copy
import enum
import functools
import json
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from schoollogistics import Money
from schoollogistics.core.money import decimal_pattern
from schoollogistics.errors import SchoolLogisticsError, SerializationError
from schoollogistics.schema import (
    BASE_URI,
    DIALECT,
    ERROR_PAYLOAD_NAME,
    bundle,
    json_schema,
    schema_name,
)
from schoollogistics.serialization import (
    PUBLIC_TYPES,
    TAGGED_UNIONS,
    JSONValue,
    from_dict,
    to_dict,
)
from schoollogistics.testing import strategy_for

# The examples per type stay modest: about 130 types, and CI time matters.
# No shrinking: a failure's document is reported as drawn (shrinking nested
# documents costs minutes, and the message already names the path).
FEW = settings(
    max_examples=8,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ALL_TYPES: tuple[object, ...] = (
    *PUBLIC_TYPES,
    *TAGGED_UNIONS,
    *(list[union] for union in TAGGED_UNIONS),  # type: ignore[valid-type]  # a union value used as a type argument, as from_dict accepts it
)


def _id(tp: object) -> str:
    return schema_name(tp)


@functools.cache
def _validator(tp: object) -> Draft202012Validator:
    return Draft202012Validator(json_schema(tp), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _strategy(tp: object) -> st.SearchStrategy[object]:
    """Values of a public type, of a union (any member) or of a list of a union."""
    if typing.get_origin(tp) is list:
        return st.lists(_strategy(typing.get_args(tp)[0]), max_size=3)
    if tp in TAGGED_UNIONS:
        return st.one_of([strategy_for(member) for member in typing.get_args(tp)])
    return strategy_for(tp)


# ---------------------------------------------------------------- the schemas themselves


@pytest.mark.parametrize("tp", ALL_TYPES, ids=_id)
def test_every_schema_is_valid_draft_2020_12(tp: object) -> None:
    schema = json_schema(tp)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == DIALECT
    assert schema["$id"] == f"{BASE_URI}{schema_name(tp)}.json"


def test_the_bundle_is_valid_and_holds_every_public_type() -> None:
    document = bundle()
    Draft202012Validator.check_schema(document)
    defs = document["$defs"]
    assert isinstance(defs, dict)
    for tp in ALL_TYPES:
        assert schema_name(tp) in defs, tp
    assert ERROR_PAYLOAD_NAME in defs
    assert "AssetEventLog" in defs or any(name.endswith("Log") for name in defs)


def test_schemas_are_deterministic() -> None:
    assert json.dumps(bundle()) == json.dumps(bundle())
    assert json_schema(Money) == json_schema(Money)


def test_records_refuse_unknown_keys_and_list_required_fields() -> None:
    defs = bundle()["$defs"]
    assert isinstance(defs, dict)
    for name, definition in defs.items():
        assert isinstance(definition, dict)
        if definition.get("type") == "object" and "properties" in definition:
            assert definition["additionalProperties"] is False, name
            properties = definition["properties"]
            required = definition["required"]
            assert isinstance(properties, dict)
            assert isinstance(required, list)
            assert set(typing.cast("list[str]", required)) <= set(properties), name


def test_tagged_union_members_carry_their_tag() -> None:
    document = bundle()
    defs = document["$defs"]
    assert isinstance(defs, dict)
    for union in TAGGED_UNIONS:
        definition = defs[schema_name(union)]
        assert isinstance(definition, dict)
        refs = definition["oneOf"]
        assert isinstance(refs, list)
        assert len(refs) == len(typing.get_args(union))
        for ref in refs:
            assert isinstance(ref, dict)
            target = str(ref["$ref"]).removeprefix("#/$defs/")
            member = defs[target]
            assert isinstance(member, dict)
            properties = member["properties"]
            assert isinstance(properties, dict)
            tag = properties["type"]
            assert isinstance(tag, dict)
            assert "const" in tag
            assert "type" in typing.cast("list[str]", member["required"])


# ---------------------------------------------------------------- to_dict meets the schema


@pytest.mark.parametrize("tp", ALL_TYPES, ids=_id)
@FEW
@given(data=st.data())
def test_every_to_dict_output_validates(tp: object, data: st.DataObject) -> None:
    value = data.draw(_strategy(tp))
    document = to_dict(value, tp)
    errors = sorted(_validator(tp).iter_errors(document), key=str)
    assert not errors, [f"{e.json_path}: {e.message}"[:300] for e in errors[:3]]


# ---------------------------------------------------------------- schema-invalid => refused

_HOSTILE: tuple[JSONValue, ...] = (
    None,
    True,
    0,
    -1,
    2**53,
    "",
    "x",
    " 7 ",
    "12,50",
    "1E+3",
    "1.5",
    "\x00",
    "\ud800",
    "2025-13-45",
    "2025-09-01T07:30:00",
    "9" * 20,
    [],
    [1],
    {},
    {"type": "Nope"},
)

NodePath = tuple[str | int, ...]


def _paths(document: JSONValue, here: NodePath = ()) -> list[NodePath]:
    """Every node's path in a JSON document, the root included."""
    out = [here]
    if isinstance(document, dict):
        for key, value in document.items():
            out.extend(_paths(value, (*here, key)))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            out.extend(_paths(value, (*here, index)))
    return out


def _replace(
    document: JSONValue, path: NodePath, change: Callable[[JSONValue], JSONValue]
) -> JSONValue:
    if not path:
        return change(document)
    head, rest = path[0], path[1:]
    if isinstance(document, dict):
        key = str(head)
        document[key] = _replace(document[key], rest, change)
    elif isinstance(document, list):
        index = int(head)
        document[index] = _replace(document[index], rest, change)
    return document


@st.composite
def _mutated(draw: st.DrawFn, tp: object) -> JSONValue:
    """A valid document of ``tp`` changed in one place."""
    document = copy.deepcopy(to_dict(draw(_strategy(tp)), tp))
    path = draw(st.sampled_from(_paths(document)))
    kind = draw(st.sampled_from(["replace", "extra_key", "drop_key", "wrap"]))

    def change(node: JSONValue) -> JSONValue:
        if kind == "extra_key" and isinstance(node, dict):
            return {**node, "unknown_key": 1}
        if kind == "drop_key" and isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
            return {k: v for k, v in node.items() if k != key}
        if kind == "wrap":
            return [node]
        return draw(st.sampled_from(_HOSTILE))

    return _replace(document, path, change)


def _schema_errors(tp: object, document: JSONValue) -> list[ValidationError]:
    return list(_validator(tp).iter_errors(document))


@pytest.mark.parametrize("tp", ALL_TYPES, ids=_id)
@FEW
@given(data=st.data())
def test_what_the_schema_rejects_from_dict_refuses(tp: object, data: st.DataObject) -> None:
    document = data.draw(_mutated(tp))
    errors = _schema_errors(tp, document)
    if not errors:
        return  # the mutation kept the document valid (an optional key dropped...)
    try:
        from_dict(tp, document)
    except SerializationError:
        return
    except SchoolLogisticsError as exc:  # a typed error, but not the boundary's
        pytest.fail(f"{type(exc).__name__} ({exc.code}) instead of SerializationError")
    reasons = [f"{e.json_path}: {e.message}"[:200] for e in errors[:3]]
    pytest.fail(f"the schema rejects, from_dict accepts: {reasons}; {json.dumps(document)[:400]}")


# ---------------------------------------------------------------- the error payload


def _payload_validator() -> Draft202012Validator:
    document = bundle()
    schema = {**document, "$ref": f"#/$defs/{ERROR_PAYLOAD_NAME}"}
    return Draft202012Validator(schema)


def test_the_error_payload_schema() -> None:
    validator = _payload_validator()
    good: dict[str, object] = {
        "code": "money.float_refused",
        "params": {"value": 12.5, "field": "amount", "items": ["a", 1, None]},
        "message_en": "amounts must be text",
        "message_zh": "金额须为文本",
        "path": "$.lines[0].amount",
    }
    assert not list(validator.iter_errors(good))
    assert not list(validator.iter_errors({**good, "path": None}))
    assert list(validator.iter_errors({**good, "extra": 1}))
    assert list(validator.iter_errors({k: v for k, v in good.items() if k != "path"}))
    assert list(validator.iter_errors({**good, "code": "Not A Code"}))


@pytest.mark.parametrize(
    ("tp", "document"),
    [(Money, 12.5), (Money, "1E+5"), (list[int], [True]), (Money, {"a": "\ud800" * 200})],
    ids=["float", "exponent", "bool", "object"],
)
def test_real_error_payloads_validate(tp: object, document: JSONValue) -> None:
    if not hasattr(SchoolLogisticsError, "to_dict"):
        pytest.skip("SchoolLogisticsError.to_dict is not on this branch yet")
    with pytest.raises(SerializationError) as info:
        from_dict(tp, document)
    payload = getattr(info.value, "to_dict")()  # noqa: B009 - to_dict comes with the zh branch
    errors = list(_payload_validator().iter_errors(payload))
    assert not errors, (payload, errors[:1])


# ---------------------------------------------------------------- the builder's corners


class _Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class _Odd(enum.Enum):
    ONE = 1.5


@attrs.frozen
class _Corners:
    """Every shape the public types seldom use.

    Attributes:
        tags: A set, as unique items.
        counts: Text keys.
        by_colour: Enum keys.
        by_day: Date keys.
        by_number: Integer keys.
        pair: A fixed pair.
        again: The record itself (a cycle).
    """

    tags: frozenset[str]
    counts: Mapping[str, int]
    by_colour: Mapping[_Colour, int]
    by_day: Mapping[pendulum.Date, Money]
    by_number: Mapping[int, bool]
    pair: tuple[int, _Colour]
    again: _Corners | None = None


def test_the_builders_corners_are_valid_schemas() -> None:
    schema = json_schema(_Corners)
    Draft202012Validator.check_schema(schema)
    defs = schema["$defs"]
    assert isinstance(defs, dict)
    corners = defs["_Corners"]
    assert isinstance(corners, dict)
    properties = corners["properties"]
    assert isinstance(properties, dict)
    assert properties["tags"] == {
        **typing.cast("dict[str, object]", properties["tags"]),
        "uniqueItems": True,
    }
    pair = properties["pair"]
    assert isinstance(pair, dict)
    assert pair["tsType"] == "[number, _Colour]"
    assert pair["items"] is False
    validator = Draft202012Validator(schema)
    good = {
        "tags": ["a"],
        "counts": {"a": 1},
        "by_colour": {"red": 1},
        "by_day": {"2025-09-01": "12.50"},
        "by_number": {"-3": True},
        "pair": [1, "blue"],
        "again": None,
    }
    assert not list(validator.iter_errors(good))
    assert list(validator.iter_errors({**good, "by_colour": {"green": 1}}))
    assert list(validator.iter_errors({**good, "pair": [1, "blue", 2]}))
    assert list(validator.iter_errors({**good, "tags": ["a", "a"]}))
    assert list(validator.iter_errors({**good, "by_number": {"x": True}}))


def test_names_and_refusals() -> None:
    assert schema_name(Decimal) == "Decimal"
    assert json_schema(Decimal)["pattern"] == decimal_pattern(15, 10)
    assert json_schema(int, name="Quantity")["$id"] == f"{BASE_URI}Quantity.json"
    assert schema_name(int) == "Integer"
    assert schema_name(pendulum.Date) == "Date"
    with pytest.raises(TypeError, match="no schema name"):
        schema_name(tuple[int, int])
    with pytest.raises(TypeError, match="without a JSON form"):
        json_schema(_Odd)


def test_two_types_of_one_name_are_refused() -> None:
    impostor = attrs.make_class("_Corners", {"a": attrs.field(type=int)})
    both = attrs.make_class(
        "_Both", {"one": attrs.field(type=_Corners), "two": attrs.field(type=impostor)}
    )
    with pytest.raises(TypeError, match="two types are named"):
        json_schema(both)
