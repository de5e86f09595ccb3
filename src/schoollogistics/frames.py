"""Exact pandas DataFrames of public records, and strict loading back (extra ``pandas``).

``pip install "schoollogistics[pandas]"`` installs pandas and pyarrow; both are
imported only when a function here is called, and a missing one is named with
the extra to install.

[`to_frame`][schoollogistics.frames.to_frame] turns a sequence of public attrs
records of one class (violations, stock and loan rows, monthly summaries,
samples and readings, assessments and shares, plan entries...) into a
DataFrame, one column per field, derived from the record's shape
([`record_shape`][schoollogistics.core.shapes.record_shape]):

* money is an exact decimal column, ``pd.ArrowDtype(pa.decimal128(13 + s, s))``
  where the scale ``s`` is the most fraction digits in the column and at least
  2 (so ``45`` shows as ``45.00`` next to ``5520.00``), at most 6 (the money
  domain); it sums exactly. Other decimals (grams, °C) are likewise exact, with
  scale ``s`` from the data (at least 0, at most 10) and ``15 + s`` digits;
* moments are ``datetime64[ns, Asia/Shanghai]`` (the school zone; the instant is
  kept, the original offset is not), dates ``pd.ArrowDtype(pa.date32())``,
  durations ``pd.ArrowDtype(pa.duration("s"))``;
* integers, booleans and text are nullable Arrow columns; an enum is a
  categorical of its values (every value of the enum a category, in declaration
  order);
* a nested record (not optional) is flattened with dotted names
  (``meal.day``); a violation's ``params`` become ``param.<name>`` columns (a
  missing parameter is NA);
* anything else (lists, mappings, unions, optional records) is one column of
  JSON text in the form of ``schoollogistics.serialization``.

[`from_frame`][schoollogistics.frames.from_frame] loads each row through
``serialization.from_dict``: the same strict rules, the same typed errors, with
the row index in the path (``[3].weight_grams``). A missing value (NaN, NA,
NaT, ``None``) is an absent field, so the field's default applies (``None``
for an optional field); a float where an integer, money or a measurement is
expected is refused, because a float64 column has already lost exactness. A
CSV is best read with [`csv_dtypes`][schoollogistics.frames.csv_dtypes], which
keeps decimal, date and text columns as text.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING, Final, TypeVar, cast

import attrs

from schoollogistics.core.money import DECIMAL_FRACTION_DIGITS, MONEY_FRACTION_DIGITS
from schoollogistics.core.shapes import (
    BoolShape,
    DateShape,
    DateTimeShape,
    DecimalShape,
    DurationShape,
    EnumShape,
    FieldShape,
    IntShape,
    MapShape,
    OptionalShape,
    RecordShape,
    Shape,
    TextShape,
    record_shape,
)
from schoollogistics.core.time import DEFAULT_TIMEZONE
from schoollogistics.core.violations import Params
from schoollogistics.errors import FieldTypeError, Phrase, SerializationError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EXTRA", "csv_dtypes", "from_frame", "to_frame"]

T = TypeVar("T")

EXTRA: Final = "pandas"
"""The extra that installs what this module needs: ``schoollogistics[pandas]``."""

_LEAVES: Final = (
    TextShape,
    IntShape,
    BoolShape,
    DecimalShape,
    DateShape,
    DateTimeShape,
    DurationShape,
    EnumShape,
)
_PARAM_PREFIX: Final = "param."
_MAX_ERRORS: Final = 20


def _modules() -> tuple[ModuleType, ModuleType]:
    """The pandas and pyarrow modules, imported on first use, or an ImportError naming the extra."""
    try:
        import pandas as pd  # noqa: PLC0415 - optional, imported lazily

        # pyarrow ships no type information
        import pyarrow as pa  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError as error:
        msg = (
            "schoollogistics.frames needs pandas and pyarrow: "
            f'pip install "schoollogistics[{EXTRA}]"'
        )
        raise ImportError(msg, name=error.name) from error
    return pd, pa


# ---------------------------------------------------------------- columns of a class


@attrs.frozen
class _Column:
    """One leaf column: its name, the path of keys to its value, its shape."""

    name: str
    path: tuple[str, ...]
    shape: Shape
    optional: bool
    hint: object


def _hints(cls: type) -> dict[str, object]:
    import typing  # noqa: PLC0415 - only when columns are first built

    return typing.get_type_hints(cls)


def _columns(shape: RecordShape, prefix: str = "", path: tuple[str, ...] = ()) -> list[_Column]:
    hints = _hints(shape.cls)
    out: list[_Column] = []
    for field in shape.fields:
        out.extend(_field_columns(field, hints[field.name], prefix, path))
    return out


def _field_columns(
    field: FieldShape, hint: object, prefix: str, path: tuple[str, ...]
) -> list[_Column]:
    name = prefix + field.name
    inner = field.shape
    optional = isinstance(inner, OptionalShape)
    if isinstance(inner, OptionalShape) and isinstance(inner.inner, _LEAVES):
        inner = inner.inner
    if isinstance(inner, RecordShape) and not optional:
        return _columns(inner, name + ".", (*path, field.name))
    return [_Column(name, (*path, field.name), inner, optional, hint)]


def _is_params(shape: Shape) -> bool:
    return isinstance(shape, MapShape) and shape.cls is Params


def _params_prefix(column: _Column) -> str:
    last = column.path[-1]
    head = column.name[: len(column.name) - len(last)]
    return head + (_PARAM_PREFIX if last == "params" else last + ".")


# ---------------------------------------------------------------- to_frame


def _get(record: object, path: tuple[str, ...]) -> object:
    value = record
    for key in path:
        value = getattr(value, key)
    return value


def _scale(values: Sequence[object], minimum: int, maximum: int) -> int:
    scale = minimum
    for value in values:
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int):
                scale = max(scale, -exponent)
    return min(scale, maximum)


def _json_text(value: object, hint: object) -> str:
    from schoollogistics import serialization  # noqa: PLC0415 - a heavy import, used lazily

    return json.dumps(
        serialization.to_dict(value, hint),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )


def _series(column: _Column, values: list[object], pd: ModuleType, pa: ModuleType) -> object:
    shape = column.shape
    if isinstance(shape, TextShape):
        return pd.array(values, dtype=pd.ArrowDtype(pa.string()))
    if isinstance(shape, IntShape):
        return pd.array(values, dtype=pd.ArrowDtype(pa.int64()))
    if isinstance(shape, BoolShape):
        return pd.array(values, dtype=pd.ArrowDtype(pa.bool_()))
    if isinstance(shape, DecimalShape):
        amounts = [None if v is None else getattr(v, "amount", v) for v in values]
        if shape.money:
            scale = _scale(amounts, 2, MONEY_FRACTION_DIGITS)
        else:
            scale = _scale(amounts, 0, DECIMAL_FRACTION_DIGITS)
        kind = pa.decimal128(shape.integer_digits + scale, scale)
        return pd.array(amounts, dtype=pd.ArrowDtype(kind))
    if isinstance(shape, DateShape):
        given = cast("list[dt.date | None]", values)
        days = [None if v is None else dt.date(v.year, v.month, v.day) for v in given]
        return pd.array(days, dtype=pd.ArrowDtype(pa.date32()))
    if isinstance(shape, DateTimeShape):
        stamps = [pd.NaT if v is None else pd.Timestamp(v).tz_convert("UTC") for v in values]
        index = pd.DatetimeIndex(stamps, tz="UTC").as_unit("ns")
        return index.tz_convert(DEFAULT_TIMEZONE).array
    if isinstance(shape, DurationShape):
        spans = cast("list[dt.timedelta | None]", values)
        seconds = [None if v is None else int(v.total_seconds()) for v in spans]
        return pd.array(seconds, dtype=pd.ArrowDtype(pa.duration("s")))
    if isinstance(shape, EnumShape):
        members = cast("list[enum.Enum | None]", values)
        codes = [None if v is None else v.value for v in members]
        return pd.Categorical(codes, categories=list(shape.values))
    texts = [None if v is None else _json_text(v, column.hint) for v in values]
    return pd.array(texts, dtype=pd.ArrowDtype(pa.string()))


def to_frame(records: Sequence[T], cls: type[T] | None = None) -> pd.DataFrame:
    """A DataFrame of records of one public attrs class, one exact column per field.

    See the module's text for the column of each kind of field.

    Args:
        records: Records of one class (a list or tuple).
        cls: Their class; needed only to give an empty sequence its columns.

    Raises:
        ImportError: pandas or pyarrow is missing (install the ``pandas`` extra).
        FieldTypeError: a record is of another class than the first, or ``cls``
            is not a public attrs record (``input.wrong_type``).
    """
    pd, pa = _modules()
    rows = list(records)
    kind = cls if cls is not None else (type(rows[0]) if rows else None)
    if kind is None or not attrs.has(kind):
        raise FieldTypeError(
            field="cls",
            expected="an attrs record class (or a non-empty sequence)",
            expected_zh="「attrs」记录类（或非空序列）",
            type_name=type(kind).__name__ if kind is not None else "empty sequence",
        )
    for index, row in enumerate(rows):
        if type(row) is not kind:
            raise FieldTypeError(
                field=f"records[{index}]",
                expected=f"a {kind.__name__}",
                expected_zh=f"「{kind.__name__}」",
                type_name=type(row).__name__,
            )
    data: dict[str, object] = {}
    for column in _columns(record_shape(kind)):
        values = [_get(row, column.path) for row in rows]
        if _is_params(column.shape):
            head = _params_prefix(column)
            tables = cast("list[Params]", values)
            keys = sorted({key for params in tables for key in params})
            for key in keys:
                texts = [params.get(key) for params in tables]
                data[head + key] = pd.array(texts, dtype=pd.ArrowDtype(pa.string()))
            continue
        data[column.name] = _series(column, values, pd, pa)
    # pandas is imported at run time, so its DataFrame is untyped here
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))  # type: ignore[no-any-return]


# ---------------------------------------------------------------- from_frame


class _Refused(Exception):  # noqa: N818 - control flow inside this module
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _missing(value: object, pd: ModuleType) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value)) if not isinstance(value, (list, dict, str)) else False
    except (TypeError, ValueError):  # pragma: no cover - an array-like cell
        return False


def _plain(value: object) -> object:
    """A numpy scalar as the Python value it holds."""
    item = getattr(value, "item", None)
    if item is not None and type(value).__module__ == "numpy":
        return item()
    return value


def _moment_text(value: dt.datetime) -> str:
    offset = value.utcoffset()
    if offset is None:
        return value.isoformat()  # refused by from_dict as naive, with its path
    if offset.seconds % 60 or offset.microseconds:  # a local mean time (Shanghai before 1901)
        value = value.astimezone(dt.timezone(dt.timedelta(hours=8)))
    return value.isoformat()


def _float_refusal(shape: Shape, name: str, value: float) -> _Refused:
    if isinstance(shape, DecimalShape) and shape.money:
        return _Refused(
            "money.float_refused",
            f"float {value!r} refused as money in {name}: read the column as decimal text "
            "(csv_dtypes), never as float64",
        )
    if isinstance(shape, DecimalShape):
        return _Refused(
            "serialization.wrong_type",
            f"float {value!r} refused for {name}: it is a measurement (a weight, a "
            "temperature), not money, and must be exact; read the column as decimal text "
            "(csv_dtypes), never as float64",
        )
    return _Refused(
        "serialization.wrong_type",
        f"float {value!r} refused for {name}: an integer expected (a float64 column, "
        "perhaps from missing values: read it as Int64, see csv_dtypes)",
    )


def _json_value(column: _Column, value: object) -> object:
    """The JSON form of one cell, for ``from_dict`` (which judges it)."""
    value = _plain(value)
    shape = column.shape
    if isinstance(value, float) and isinstance(shape, (IntShape, DecimalShape)):
        raise _float_refusal(shape, column.name, value)
    if isinstance(shape, DecimalShape) and isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(shape, DateShape) and isinstance(value, dt.date):
        if isinstance(value, dt.datetime):
            if value.tzinfo is None and value.time() == dt.time():
                return value.date().isoformat()
            return _moment_text(value)
        return value.isoformat()
    if isinstance(shape, DateTimeShape) and isinstance(value, dt.datetime):
        return _moment_text(value)
    if isinstance(shape, DurationShape) and isinstance(value, dt.timedelta):
        seconds = value.total_seconds()
        return int(seconds) if seconds == int(seconds) else seconds
    if isinstance(shape, EnumShape) and isinstance(value, enum.Enum):
        return value.value
    if not isinstance(shape, _LEAVES) and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            message = f"JSON text expected in {column.name}, got {value[:40]!r}"
            code = "serialization.wrong_type"
            raise _Refused(code, message) from None
    return value


def _put(row: dict[str, object], path: tuple[str, ...], value: object) -> None:
    for key in path[:-1]:
        inner = row.setdefault(key, {})
        if not isinstance(inner, dict):  # pragma: no cover - columns never clash
            return
        row = inner
    row[path[-1]] = value


def _row_dicts(
    cls: type, df: pd.DataFrame, pd: ModuleType
) -> tuple[list[dict[str, object]], list[tuple[str, str, str]]]:
    columns = _columns(record_shape(cls))
    by_name = {c.name: c for c in columns if not _is_params(c.shape)}
    params = [(c, _params_prefix(c)) for c in columns if _is_params(c.shape)]
    size = len(df)
    rows: list[dict[str, object]] = [{} for _ in range(size)]
    errors: list[tuple[str, str, str]] = []
    for name in df.columns:
        label = str(name)
        values = df[name].tolist()
        column = by_name.get(label)
        if column is None:
            for params_column, head in params:
                if label.startswith(head):
                    for index, value in enumerate(values):
                        table = rows[index].setdefault(params_column.path[0], {})
                        nested = _nested(table, params_column.path[1:])
                        if not _missing(value, pd):
                            nested[label[len(head) :]] = _plain(value)
                    break
            else:  # an unknown column: from_dict refuses it, naming the key
                for index, value in enumerate(values):
                    rows[index][label] = None if _missing(value, pd) else _plain(value)
            continue
        for index, value in enumerate(values):
            if _missing(value, pd):
                if column.optional:
                    _put(rows[index], column.path, None)
                continue
            try:
                _put(rows[index], column.path, _json_value(column, value))
            except _Refused as refused:
                errors.append((f"[{index}].{label}", refused.code, refused.message))
    return rows, errors


def _nested(table: object, path: tuple[str, ...]) -> dict[str, object]:
    current = table if isinstance(table, dict) else {}
    for key in path:
        current = current.setdefault(key, {})
    return current


def _refuse(cls: type, errors: list[tuple[str, str, str]]) -> SerializationError:
    shown = errors[:_MAX_ERRORS]
    first_path, first_code, first_message = shown[0]
    details = f"{first_code}: {first_message} @ {first_path}"
    if len(errors) > 1:
        details += f" (and {len(errors) - 1} more)"
    error = SerializationError(
        type=cls.__name__,
        details=Phrase.of_text(
            details,
            f"第一处问题为「{first_code}」，位置「{first_path}」（共 {len(errors)} 处）",
        ),
        errors=tuple(f"{code}: {message} @ {path}" for path, code, message in shown),
        codes=tuple(code for _, code, _ in shown),
        paths=tuple(path for path, _, _ in shown),
    )
    return error.with_path(first_path)  # type: ignore[return-value]  # a copy of the same class


def from_frame(cls: type[T], df: pd.DataFrame) -> list[T]:
    """Load each row of ``df`` as a ``cls``, through the strict rules of ``from_dict``.

    The columns are those [`to_frame`][schoollogistics.frames.to_frame] writes;
    a missing value is an absent field (its default; ``None`` when optional).

    Raises:
        ImportError: pandas or pyarrow is missing (install the ``pandas`` extra).
        SerializationError: any refused value; ``params["paths"]`` name each one
            with its row (``[3].weight_grams``) and ``params["codes"]`` give the
            codes (``money.float_refused`` for a float amount,
            ``serialization.wrong_type`` for a float measurement or integer, whose
            message says so, and every code of ``from_dict``).
    """
    pd, _ = _modules()
    from schoollogistics import serialization  # noqa: PLC0415 - a heavy import, used lazily

    rows, errors = _row_dicts(cls, df, pd)
    if errors:
        raise _refuse(cls, errors)
    try:
        return serialization.from_dict(list[cls], rows)  # type: ignore[valid-type]  # a runtime class
    except SerializationError as error:
        paths = error.params.get("paths", ())
        texts = error.params.get("errors", ())
        codes = error.params.get("codes", ())
        found: list[tuple[str, str, str]] = []
        # params are JSON values: these three are tuples of text
        for path, text, code in zip(paths, texts, codes, strict=False):  # type: ignore[call-overload]
            row_path = str(path).removeprefix("$")
            message = str(text).split(": ", 1)[-1].rsplit(" @ ", 1)[0]
            found.append((row_path, str(code), message))
        raise _refuse(cls, found or [("[0]", error.code, error.message_en)]) from None


def csv_dtypes(cls: type) -> defaultdict[str, str | type[str]]:
    """The ``dtype`` argument of ``pd.read_csv`` that loads ``cls`` rows exactly.

    Integers are read as ``"Int64"`` (nullable, never float64), booleans as
    ``"boolean"``, everything else (text, decimals, dates, moments, enums, JSON
    columns, ``param.*`` columns) as text, which ``from_frame`` parses strictly.
    """
    dtypes: defaultdict[str, str | type[str]] = defaultdict(lambda: str)
    for column in _columns(record_shape(cls)):
        if isinstance(column.shape, IntShape):
            dtypes[column.name] = "Int64"
        elif isinstance(column.shape, BoolShape):
            dtypes[column.name] = "boolean"
    return dtypes
