"""JSON-ready dictionaries and strings for every public type (no files).

One private cattrs converter (never the global one) with explicit hooks:

* [`Money`][schoollogistics.core.money.Money] and ``Decimal`` ↔ decimal text
  (``"12.50"``, exponent kept); a JSON number with a fraction is a float and is
  refused (``money.float_refused``): send amounts as strings;
* pendulum ``DateTime`` ↔ ISO 8601 with its offset
  (``"2025-09-01T07:30:00+08:00"``), loaded back as pendulum (not stdlib); text
  without an offset is refused (``time.naive_refused``);
* pendulum ``Date`` ↔ ``"YYYY-MM-DD"``; ``Duration`` ↔ whole seconds;
* enums by value; [`Params`][schoollogistics.core.violations.Params] as an object;
* tagged unions (event lists) with a ``"type"`` key naming the class;
* unknown keys refused (``serialization.unknown_key``); every error names the
  path of the bad value, e.g. ``$.lines[0].amount``.

[`PUBLIC_TYPES`][schoollogistics.serialization.PUBLIC_TYPES] lists every type
that round-trips; each area registers its own in its ``_serde`` module.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Final, TypeAlias, TypeVar, cast, overload

import cattrs
import cattrs.strategies
import pendulum
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from schoollogistics.assets import _serde as _assets_serde
from schoollogistics.compensation import _serde as _compensation_serde
from schoollogistics.core.categories import AssetCategory
from schoollogistics.core.money import Money, to_decimal
from schoollogistics.core.time import DateRange, parse_date
from schoollogistics.core.violations import Params, Severity, Violation
from schoollogistics.errors import (
    Expected,
    NaiveDateTimeError,
    Phrase,
    SchoolLogisticsError,
    SerializationError,
    TimeParseError,
    TimeTypeError,
    UnknownKeyError,
)
from schoollogistics.food_samples import _serde as _food_samples_serde
from schoollogistics.school_calendar import _serde as _calendar_serde

__all__ = ["PUBLIC_TYPES", "TAGGED_UNIONS", "JSONValue", "dumps", "from_dict", "loads", "to_dict"]

T = TypeVar("T")

JSONValue: TypeAlias = "dict[str, JSONValue] | list[JSONValue] | str | int | bool | None"
"""What [`to_dict`][schoollogistics.serialization.to_dict] returns: JSON-ready data."""

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
)
"""Every public type that serializes and round-trips (a test checks each one)."""

TAGGED_UNIONS: Final[tuple[object, ...]] = (
    *_assets_serde.TAGGED_UNIONS,
    *_food_samples_serde.TAGGED_UNIONS,
    *_compensation_serde.TAGGED_UNIONS,
    *_calendar_serde.TAGGED_UNIONS,
)
"""Unions serialized with a ``"type"`` key (for example the asset events)."""


# ---------------------------------------------------------------- hooks


def _structure_decimal(value: object, _: object) -> Decimal:
    return to_decimal(value)  # refuses floats, bools and other types with a typed error


def _structure_money(value: object, _: object) -> Money:
    return Money(_structure_decimal(value, Decimal))


def _unstructure_datetime(value: dt.datetime) -> str:
    return value.isoformat()


def _structure_datetime(value: object, _: object) -> pendulum.DateTime:
    if not isinstance(value, str):
        raise TimeTypeError(
            field="datetime", expected=Expected.ISO_DATETIME_TEXT, type_name=type(value).__name__
        )
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise TimeParseError(value=value, expected=Expected.DATETIME) from None
    if parsed.tzinfo is None:
        raise NaiveDateTimeError(value=value, field="datetime", timezone="an explicit offset")
    return pendulum.instance(parsed)


def _structure_date(value: object, _: object) -> pendulum.Date:
    if not isinstance(value, str):
        raise TimeTypeError(
            field="date", expected=Expected.ISO_DATE_TEXT, type_name=type(value).__name__
        )
    return parse_date(value)


def _unstructure_duration(value: dt.timedelta) -> int:
    return int(value.total_seconds())


def _structure_duration(value: object, _: object) -> pendulum.Duration:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TimeTypeError(
            field="duration", expected=Expected.WHOLE_SECONDS, type_name=type(value).__name__
        )
    return pendulum.duration(seconds=value)


def _structure_params(value: object, _: object) -> Params:
    if not isinstance(value, dict):
        raise TimeTypeError(
            field="params", expected=Expected.OBJECT, type_name=type(value).__name__
        )
    return Params(value)


def _tag(cls: type) -> str:
    return str(getattr(cls, "TAG", cls.__name__))


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Money, lambda m: str(m.amount))
    converter.register_structure_hook(Money, _structure_money)
    converter.register_unstructure_hook(pendulum.DateTime, _unstructure_datetime)
    converter.register_structure_hook(pendulum.DateTime, _structure_datetime)
    converter.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    converter.register_structure_hook(pendulum.Date, _structure_date)
    converter.register_unstructure_hook(pendulum.Duration, _unstructure_duration)
    converter.register_structure_hook(pendulum.Duration, _structure_duration)
    converter.register_unstructure_hook(Params, dict)
    converter.register_structure_hook(Params, _structure_params)
    for union in TAGGED_UNIONS:
        cattrs.strategies.configure_tagged_union(
            union, converter, tag_generator=_tag, tag_name="type"
        )
    return converter


_CONVERTER: Final = _make_converter()


# ---------------------------------------------------------------- errors


def _format_exception(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, SchoolLogisticsError):
        return f"{exc.code}: {exc.message_en}"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"serialization.unknown_key: unknown key(s) {', '.join(sorted(exc.extra_fields))}"
    if isinstance(exc, KeyError):
        return "serialization.missing_key: required key missing"
    name = getattr(type_, "__name__", str(type_))
    if isinstance(exc, enum.Enum) or (isinstance(type_, type) and issubclass(type_, enum.Enum)):
        return f"serialization.invalid: not a value of {name}"
    return f"serialization.invalid: invalid value for {name} ({exc})"


def _leaves(exc: BaseException) -> Iterator[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            yield from _leaves(inner)
    else:
        yield exc


def _type_name(cls: object) -> str:
    return str(getattr(cls, "__name__", cls))


def _raise_serialization_error(cls: object, exc: BaseException) -> SerializationError:
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        details = cattrs.transform_error(exc, path="$", format_exception=_format_exception)
    else:
        details = [f"{_format_exception(exc, cls if isinstance(cls, type) else None)} @ $"]
    leaves = list(_leaves(exc))
    codes = tuple(
        leaf.code if isinstance(leaf, SchoolLogisticsError) else "serialization.invalid"
        for leaf in leaves
    )
    kind = (
        UnknownKeyError
        if any(isinstance(leaf, ForbiddenExtraKeysError) for leaf in leaves)
        else SerializationError
    )
    return kind(
        type=_type_name(cls),
        details=Phrase(
            "{details}",
            "共 {count} 处问题（「{codes}」）",
            details="; ".join(details),
            count=len(details),
            codes=codes,
        ),
        errors=tuple(details),
        codes=codes,
    )


# ---------------------------------------------------------------- API


def to_dict(obj: object, as_type: object = None) -> JSONValue:
    """Turn a public object into JSON-ready data (dicts, lists, str, int, bool, None).

    Args:
        obj: A public value (a record, a tuple of events, a violation...).
        as_type: The declared type to unstructure as; pass the union (e.g.
            ``list[AssetEvent]``) to get the ``"type"`` tags in event lists.
    """
    if as_type is None:
        return cast("JSONValue", _CONVERTER.unstructure(obj))
    return cast("JSONValue", _CONVERTER.unstructure(obj, unstructure_as=as_type))


@overload
def from_dict(cls: type[T], data: object) -> T: ...
@overload
def from_dict(cls: object, data: object) -> object: ...
def from_dict(cls: object, data: object) -> object:
    """Build a ``cls`` from data made by [`to_dict`][schoollogistics.serialization.to_dict].

    Raises:
        UnknownKeyError: the data has a key ``cls`` does not define
            (``serialization.unknown_key``).
        SerializationError: any other problem (``serialization.invalid``); its
            ``params["errors"]`` lists each one with its path (``@ $.lines[0].amount``)
            and ``params["codes"]`` the codes of the underlying errors
            (``money.float_refused``, ``time.naive_refused``...).
    """
    try:
        result: object = _CONVERTER.structure(data, cls)  # type: ignore[arg-type]  # cattrs types cls as type[T]; union forms (AssetEvent) are not types
    except SchoolLogisticsError as exc:
        if isinstance(exc, SerializationError):
            raise
        raise _raise_serialization_error(cls, exc) from exc
    except (ClassValidationError, IterableValidationError, ValueError, TypeError, KeyError) as exc:
        raise _raise_serialization_error(cls, exc) from exc
    return result


def dumps(obj: object, as_type: object = None, *, indent: int | None = None) -> str:
    """Serialize to a JSON string (UTF-8 text, Chinese kept readable, keys sorted)."""
    return json.dumps(to_dict(obj, as_type), ensure_ascii=False, sort_keys=True, indent=indent)


@overload
def loads(cls: type[T], text: str | bytes) -> T: ...
@overload
def loads(cls: object, text: str | bytes) -> object: ...
def loads(cls: object, text: str | bytes) -> object:
    """Parse a JSON string made by [`dumps`][schoollogistics.serialization.dumps].

    Raises:
        SerializationError: the text is not JSON, or does not describe a ``cls``.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SerializationError(
            type=_type_name(cls),
            details=Phrase(
                "not JSON: {msg} at line {line} column {column}",
                "不是合法的「JSON」：第 {line} 行第 {column} 列（「{msg}」）",
                msg=exc.msg,
                line=exc.lineno,
                column=exc.colno,
            ),
            errors=(),
            codes=(),
        ) from None
    return from_dict(cls, data)
