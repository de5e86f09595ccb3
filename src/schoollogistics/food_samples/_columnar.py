# ruff: noqa: EM101, EM102 - ``_refuse(table, column, reason)`` takes names, not a message
# ruff: noqa: FBT003 - pyarrow's ``fill_null(True)`` takes its value positionally
"""SPEED ONLY: the columnar food-sample audit, a vectorised screen before the record audit.

Nothing here decides a rule. The record audit (``_audit.py``) stays the
reference and builds every finding; this module only finds, with numpy and
pyarrow over whole columns, the rows that *cannot* give a finding, and hands
the record audit the few others:

1. the columns are checked in bulk (types, nulls, identifiers, text policy,
   kinds, dishes, weights, times), with the record converters' typed errors;
2. each sample in scope is *screened*: a sample passes when its meal is known
   (one record of its id), served in the period and its menu lists its dish;
   it was taken no later than service; its weight is recorded and at least the
   minimum; its labels are filled in; it has exactly one disposal, signed, no
   earlier than the retention and no later than the overdue time (or none while
   it is not yet overdue at the horizon); no hold covers it; and its cabinet has
   a reading at or before it was taken and one at or after its window's end,
   no gap longer than the policy's between them and no reading out of range in
   the window. A meal passes when every dish of its menu has a sample. Each of
   these is a plain condition on integers (epoch microseconds, unscaled
   decimals, dictionary codes), a few array operations per column;
3. what does not pass, *closed* so that each record keeps everything its
   findings depend on (all the records of its meal id and the samples of those
   meals, its disposals, the readings around its window, every hold, the
   disposals naming no sample), is turned into records and audited by the record
   audit. A row that passes has no finding in the record audit; a row that is
   kept has the same findings in the small log as in the whole one. So the
   findings are the record audit's own, exactly, built by its own code.

The screen may keep more than needed (a label starting with a space, a reading
whose unscaled value does not fit 64 bits, a huge time span, a clock change:
the record audit then decides), never less.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from types import ModuleType
from typing import TYPE_CHECKING, Final

import attrs
import pendulum

from schoollogistics.core.ids import require_id
from schoollogistics.core.money import (
    DECIMAL_FRACTION_DIGITS,
    DECIMAL_INTEGER_DIGITS,
    to_exact_decimal,
)
from schoollogistics.core.shapes import MAX_TEXT_LENGTH, check_text
from schoollogistics.core.time import DateRange, get_timezone, in_zone
from schoollogistics.errors import Phrase, SchoolLogisticsError
from schoollogistics.food_samples._policy import RetentionPolicy
from schoollogistics.food_samples._records import (
    _ZONE,
    Disposal,
    FoodSample,
    Hold,
    Meal,
    MealKind,
    SampleLog,
    TemperatureReading,
)
from schoollogistics.food_samples.errors import InvalidRecordError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Ints = npt.NDArray[np.int64]
    Bools = npt.NDArray[np.bool_]

__all__ = [
    "COLUMNS",
    "EXTRA",
    "ColumnarLog",
    "columns_to_log",
    "log_to_columns",
    "screen",
]

EXTRA: Final = "columnar"
"""The extra that installs numpy and pyarrow (``pip install "schoollogistics[columnar]"``)."""

EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICRO: Final = dt.timedelta(microseconds=1)
_LOWEST: Final = (dt.datetime(1, 1, 2, tzinfo=dt.UTC) - EPOCH) // _MICRO
_HIGHEST: Final = (dt.datetime(9999, 12, 30, tzinfo=dt.UTC) - EPOCH) // _MICRO
_EPOCH_DAY: Final = dt.date(1970, 1, 1).toordinal()
_ROOM: Final = 1 << 62  # the composite (cabinet, time) keys stay below this

# Possibly blank: empty, or starting with a character Python's ``str.strip`` removes.
_MAYBE_BLANK: Final = (
    r"^$|^[\s\x0b\x1c-\x1f\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}"
    r"\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
)
# Possibly breaking the text policy (not printable: control, format, separators ...).
_MAYBE_UNPRINTABLE: Final = r"[^\p{L}\p{M}\p{N}\p{P}\p{S} ]"

TIME: Final = "time"
TEXT: Final = "text"
ID: Final = "id"
DECIMAL: Final = "decimal"
DATE: Final = "date"
KIND: Final = "kind"
NAMES: Final = "names"

COLUMNS: Final[dict[str, tuple[tuple[str, str, bool], ...]]] = {
    "meals": (
        ("meal_id", ID, False),
        ("day", DATE, False),
        ("kind", KIND, False),
        ("service_start", TIME, False),
        ("dishes", NAMES, False),
        ("event_name", TEXT, True),
    ),
    "samples": (
        ("sample_id", ID, False),
        ("meal_id", ID, False),
        ("dish", TEXT, True),
        ("grams", DECIMAL, True),
        ("taken_at", TIME, False),
        ("taken_by", TEXT, True),
        ("reviewed_by", TEXT, True),
        ("cabinet_id", TEXT, True),
    ),
    "disposals": (
        ("sample_id", ID, False),
        ("discarded_at", TIME, False),
        ("discarded_by", TEXT, True),
    ),
    "readings": (
        ("cabinet_id", ID, False),
        ("at", TIME, False),
        ("celsius", DECIMAL, False),
    ),
    "holds": (
        ("hold_id", ID, False),
        ("placed_at", TIME, False),
        ("placed_by", ID, False),
        ("reason", ID, False),
        ("meal_ids", NAMES, False),
        ("taken_from", TIME, True),
        ("taken_until", TIME, True),
        ("released_at", TIME, True),
        ("released_by", TEXT, True),
    ),
}
"""The column contract: per table, each column as (name, kind, nullable), in order."""


def modules() -> tuple[ModuleType, ModuleType, ModuleType]:
    """numpy, pyarrow and pyarrow.compute, imported on first use (else an ImportError)."""
    try:
        import numpy as np  # noqa: PLC0415 - optional, imported lazily

        # pyarrow ships no type information
        import pyarrow as pa  # type: ignore[import-untyped]  # noqa: PLC0415
        import pyarrow.compute as pc  # type: ignore[import-untyped]  # noqa: PLC0415
    except ImportError as error:
        msg = (
            "schoollogistics.columnar needs numpy and pyarrow: "
            f'pip install "schoollogistics[{EXTRA}]" (extra {EXTRA}; 需安装 {EXTRA} 扩展)'
        )
        raise ImportError(msg, name=error.name) from error
    return np, pa, pc


# ---------------------------------------------------------------- the tables


@attrs.frozen
class ColumnarLog:
    """Food-sample records as five Arrow tables (see `COLUMNS` for the contract).

    Attributes:
        meals: The meals table.
        samples: The samples table.
        disposals: The disposals table.
        readings: The readings table.
        holds: The holds table.
    """

    meals: object
    samples: object
    disposals: object
    readings: object
    holds: object


def _refuse(table: str, column: str, reason: Phrase, row: int | None = None) -> InvalidRecordError:
    where = f"{table}.{column}" if row is None else f"{table}[{row}].{column}"
    error = InvalidRecordError(record=table, field=column, reason=reason)
    return error.with_path(where)  # type: ignore[return-value]  # with_path keeps the class


def _located(
    error: SchoolLogisticsError, table: str, column: str, row: int
) -> SchoolLogisticsError:
    return error.with_path(f"{table}[{row}].{column}")


class _Table:
    """One input table, checked column by column (its columns as plain Arrow arrays)."""

    def __init__(self, value: object, name: str, pa: ModuleType) -> None:
        self.name = name
        if value is None and name == "holds":
            value = pa.table({})
        if not isinstance(value, pa.Table):
            if type(value).__module__.split(".")[0] != "pandas" or not hasattr(value, "columns"):
                raise _refuse(
                    name,
                    "*",
                    Phrase(
                        "expected a pyarrow Table or a pandas DataFrame, got {type_name}",
                        "须为「pyarrow」表或「pandas」的「DataFrame」，得到的是「{type_name}」",
                        type_name=type(value).__name__,
                    ),
                )
            value = pa.Table.from_pandas(value, preserve_index=False)
        self.table = value
        self.rows: int = value.num_rows  # type: ignore[attr-defined]  # an Arrow array (pyarrow is untyped)
        names = list(value.column_names)  # type: ignore[attr-defined]  # an Arrow array (pyarrow is untyped)
        wanted = [column for column, _, _ in COLUMNS[name]]
        if not names and not self.rows:
            self.empty = True
            return
        self.empty = False
        missing = [column for column in wanted if column not in names]
        if missing:
            raise _refuse(
                name,
                missing[0],
                Phrase("missing column {column}", "缺少列「{column}」", column=missing[0]),
            )
        extra = [column for column in names if column not in wanted]
        if extra:
            raise _refuse(
                name,
                extra[0],
                Phrase("unexpected column {column}", "多余的列「{column}」", column=extra[0]),
            )

    def column(self, column: str, pa: ModuleType) -> object:
        """The column as one Arrow array (an all-null one when the table is empty)."""
        if self.empty:
            return pa.nulls(0)
        found = self.table.column(column)  # type: ignore[attr-defined]  # an Arrow array (pyarrow is untyped)
        return found.chunk(0) if found.num_chunks == 1 else found.combine_chunks()


def _wrong_type(
    table: str, column: str, expected: str, expected_zh: str, got: object
) -> InvalidRecordError:
    return _refuse(
        table,
        column,
        Phrase(
            "expected {expected}, got Arrow type {got}",
            "须为{expected_zh}，得到的列类型是「{got}」",
            expected=expected,
            expected_zh=expected_zh,
            got=str(got),
        ),
    )


def _no_nulls(array: object, table: str, column: str, np: ModuleType) -> None:
    if array.null_count:  # type: ignore[attr-defined]  # an Arrow array
        row = int(np.flatnonzero(~_valid(array, np))[0])
        raise _refuse(table, column, Phrase("missing value", "缺少取值"), row)


def _valid(array: object, np: ModuleType) -> Bools:
    if not array.null_count:  # type: ignore[attr-defined]  # an Arrow array
        return np.ones(len(array), dtype=bool)  # type: ignore[arg-type, no-any-return]  # sized
    return np.asarray(array.is_valid(), dtype=bool)  # type: ignore[attr-defined, no-any-return]  # Arrow


# ---------------------------------------------------------------- text columns


def text_column(
    array: object,
    table: str,
    column: str,
    *,
    nullable: bool,
    identifier: bool,
    mods: tuple[ModuleType, ModuleType, ModuleType],
    encodings: list[object] | None = None,
) -> tuple[object, Bools]:
    """A text column as an Arrow string array, checked like the records' text fields.

    Also returns the rows that are null or possibly blank (a superset of the
    rows Python's ``not value.strip()`` finds blank).

    The rows are *marked* in bulk (`_text_marks`): possibly breaking the text
    policy, possibly blank. Each marked row is then checked exactly, by the
    records' own functions. A dictionary-encoded column is marked on its
    distinct values, which are mapped to the rows by the indices.

    When the column was dictionary-encoded to be marked, the encoding (distinct
    values in order of first appearance, as ``pyarrow.compute.unique``) is
    appended to ``encodings`` (if given), for the caller's lookups.
    """
    np, pa, _pc = mods
    kind = array.type  # type: ignore[attr-defined]  # an Arrow array
    if pa.types.is_dictionary(kind) and (
        pa.types.is_string(kind.value_type) or pa.types.is_large_string(kind.value_type)
    ):
        if not nullable:
            _no_nulls(array, table, column, np)
        values = array.dictionary  # type: ignore[attr-defined]  # an Arrow array
        values = values if pa.types.is_string(values.type) else values.cast(pa.string())
        suspects_of, blank_of = _text_marks(values, mods)
        nulls = len(values)
        indices = np.asarray(array.indices.fill_null(nulls), dtype=np.int64)  # type: ignore[attr-defined]  # Arrow
        suspects = np.append(suspects_of, False)[indices]
        blank = np.append(blank_of, True)[indices]
        array = array.cast(pa.string())  # type: ignore[attr-defined]  # an Arrow array
    else:
        if pa.types.is_large_string(kind) or (
            pa.types.is_null(kind) and (nullable or len(array) == 0)  # type: ignore[arg-type]  # Arrow
        ):
            array = array.cast(pa.string())  # type: ignore[attr-defined]  # an Arrow array
        elif not pa.types.is_string(kind):
            raise _wrong_type(table, column, "text (string)", "文本（「string」）", kind)
        if not nullable:
            _no_nulls(array, table, column, np)
        suspects, blank = _text_marks(array, mods, encodings)
    if identifier:
        suspects = suspects | (blank & _valid(array, np))
    for row in np.flatnonzero(suspects).tolist():
        value = array[row].as_py()  # type: ignore[index]  # an Arrow array
        try:
            if identifier:
                require_id(value, field=column)
            check_text(value, f"{table}.{column}")
        except SchoolLogisticsError as error:
            raise _located(error, table, column, row) from None
    return array, blank


_PROBE: Final = 4_096  # rows looked at to judge whether a column has few distinct values


def _text_marks(
    array: object,
    mods: tuple[ModuleType, ModuleType, ModuleType],
    encodings: list[object] | None = None,
) -> tuple[Bools, Bools]:
    """The rows of a string array possibly breaking the text policy, and the null or possibly blank.

    The bytes are scanned at once. A column of printable ASCII only (every byte
    in 0x20-0x7E: identifiers, codes) needs no more than its lengths and first
    bytes. A column with other bytes (Chinese names) and few distinct values is
    dictionary-encoded and marked on its distinct values. Otherwise an ASCII
    control byte or a string longer in bytes than the text policy allows in
    characters marks its row, and the rows with other bytes are looked at value
    by value (few distinct values) or by a regular expression.
    """
    np, pa, pc = mods
    size = len(array)  # type: ignore[arg-type]  # an Arrow array
    valid = _valid(array, np)
    if size == 0:
        return np.zeros(0, dtype=bool), valid
    offsets, data = _buffers(array, np)
    if not len(data):  # type: ignore[arg-type]  # an Arrow array (pyarrow is untyped)
        return np.zeros(size, dtype=bool), np.ones(size, dtype=bool)
    low, high = int(data.min()), int(data.max())  # type: ignore[attr-defined]  # numpy bytes
    if high >= 0x80 and size > _PROBE:
        few = _few_values(array, mods, encodings)
        if few is not None:
            return few
    lengths = np.diff(offsets)
    if int(lengths.max()) > MAX_TEXT_LENGTH:
        suspects = valid & (lengths > MAX_TEXT_LENGTH)
    else:
        suspects = np.zeros(size, dtype=bool)
    if low > 0x20 and high < 0x7F:  # printable ASCII, no space: blank is null or empty
        return suspects, ~valid | (lengths == 0)
    first = data[np.minimum(offsets[:-1] - offsets[0], len(data) - 1)]  # type: ignore[arg-type, index]  # numpy bytes
    if low == 0x20 and high < 0x7F:  # printable ASCII: blank is empty or a leading space
        return suspects, ~valid | (lengths == 0) | (first == 0x20)
    ascii_ = np.asarray(pc.string_is_ascii(array).fill_null(True), dtype=bool)
    if low < 0x20 or np.count_nonzero(data == 0x7F):
        control = np.flatnonzero((data < 0x20) | (data == 0x7F))  # type: ignore[operator]  # numpy bytes
        suspects[np.searchsorted(offsets, control + offsets[0], "right") - 1] = True
    spaces = np.zeros(256, dtype=bool)
    spaces[list(_ASCII_SPACE)] = True
    blank = ~valid | (lengths == 0) | (ascii_ & spaces[first])
    others = np.flatnonzero(~ascii_ & valid)
    if len(others):
        every = len(others) == size
        rows: slice | Ints = slice(None) if every else others
        sub = array if every else array.take(pa.array(others))  # type: ignore[attr-defined]  # Arrow
        encoded = sub.dictionary_encode()  # type: ignore[union-attr]  # an Arrow array (pyarrow is untyped)
        distinct = encoded.dictionary.to_pylist()
        if len(distinct) <= max(1_000, len(others) // 8):
            unprintable = np.array([not v.isprintable() for v in distinct] + [False], dtype=bool)
            empty = np.array([not v.strip() for v in distinct] + [True], dtype=bool)
            codes = np.asarray(encoded.indices.fill_null(len(distinct)), dtype=np.int64)
            suspects[rows] |= unprintable[codes]
            blank[rows] |= empty[codes]
        else:
            found = pc.match_substring_regex(sub, _MAYBE_UNPRINTABLE).fill_null(False)
            suspects[rows] |= np.asarray(found, dtype=bool)
            found = pc.match_substring_regex(sub, _MAYBE_BLANK).fill_null(True)
            blank[rows] |= np.asarray(found, dtype=bool)
    return suspects, blank


_ASCII_SPACE: Final = (9, 10, 11, 12, 13, 28, 29, 30, 31, 32)


def _few_values(
    array: object,
    mods: tuple[ModuleType, ModuleType, ModuleType],
    encodings: list[object] | None,
) -> tuple[Bools, Bools] | None:
    """`_text_marks` of a long column by its runs or its distinct values, if they are few."""
    np, pa, pc = mods
    size = len(array)  # type: ignore[arg-type]  # an Arrow array
    change = pc.not_equal(array.slice(1), array.slice(0, size - 1)).fill_null(True)  # type: ignore[attr-defined]  # Arrow
    if (pc.sum(change).as_py() or 0) * 8 < size:  # long runs of one value (one cook all day)
        heads = np.concatenate(([0], np.flatnonzero(np.asarray(change, dtype=bool)) + 1))
        suspects_of, blank_of = _text_marks(array.take(pa.array(heads)), mods)  # type: ignore[attr-defined]  # Arrow
        counts = np.diff(np.append(heads, size))
        return np.repeat(suspects_of, counts), np.repeat(blank_of, counts)
    probe = array.take(pa.array(np.linspace(0, size - 1, _PROBE, dtype=np.int64)))  # type: ignore[attr-defined]  # Arrow
    if len(pc.unique(probe)) * 8 <= _PROBE:  # few distinct values: mark those
        encoded = array.dictionary_encode()  # type: ignore[attr-defined]  # an Arrow array
        if encodings is not None:
            encodings.append(encoded)
        suspects_of, blank_of = _text_marks(encoded.dictionary, mods)
        codes = encoded.indices
        if not np.any(suspects_of) and not np.any(blank_of):
            return np.zeros(size, dtype=bool), ~_valid(array, np)
        index = np.asarray(codes.fill_null(len(suspects_of)), dtype=np.int64)
        return np.append(suspects_of, False)[index], np.append(blank_of, True)[index]
    return None


def _buffers(array: object, np: ModuleType) -> tuple[Ints, object]:
    """The offsets (int32) and the bytes of a string array (bytes of its rows only)."""
    size = len(array)  # type: ignore[arg-type]  # an Arrow array
    buffers = array.buffers()  # type: ignore[attr-defined]  # an Arrow array
    start = array.offset  # type: ignore[attr-defined]  # an Arrow array
    offsets = np.frombuffer(buffers[1], dtype=np.int32)[start : start + size + 1]
    if buffers[2] is None:
        return offsets, np.zeros(0, dtype=np.uint8)
    data = np.frombuffer(buffers[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    return offsets, data


# ---------------------------------------------------------------- times


def time_column(
    array: object,
    table: str,
    column: str,
    *,
    nullable: bool,
    mods: tuple[ModuleType, ModuleType, ModuleType],
) -> tuple[Ints, Bools]:
    """Epoch microseconds (UTC) and validity of a time column (int64 µs or aware timestamp)."""
    np, pa, _pc = mods
    kind = array.type  # type: ignore[attr-defined]  # an Arrow array
    if not nullable:
        _no_nulls(array, table, column, np)
    valid = _valid(array, np)
    if pa.types.is_null(kind) and (nullable or not len(valid)):
        return np.zeros(len(array), dtype=np.int64), valid  # type: ignore[arg-type]  # sized
    if pa.types.is_timestamp(kind):
        if kind.tz is None:
            raise _refuse(
                table,
                column,
                Phrase(
                    "a timestamp without a time zone is ambiguous (give UTC or the school's zone)",
                    "不带时区的时间戳有歧义（请注明「UTC」或学校时区）",
                ),
            )
        unit = {"s": 1_000_000, "ms": 1_000, "us": 1, "ns": 0}[kind.unit]
        raw = np.asarray(array.cast(pa.int64()).fill_null(0), dtype=np.int64)  # type: ignore[attr-defined]  # Arrow
        if unit:
            values = raw * unit
        else:
            if np.any((raw % 1000 != 0) & valid):
                row = int(np.flatnonzero((raw % 1000 != 0) & valid)[0])
                raise _refuse(
                    table, column, Phrase("finer than a microsecond", "精度超过微秒"), row
                )
            values = raw // 1000
    elif pa.types.is_integer(kind):
        values = np.asarray(array.cast(pa.int64()).fill_null(0), dtype=np.int64)  # type: ignore[attr-defined]  # Arrow
    else:
        raise _wrong_type(
            table,
            column,
            "int64 epoch microseconds (UTC) or a timestamp with a time zone",
            "「int64」纪元微秒（「UTC」）或带时区的时间戳",
            kind,
        )
    out = valid & ((values < _LOWEST) | (values > _HIGHEST))
    if np.any(out):
        row = int(np.flatnonzero(out)[0])
        raise _refuse(
            table, column, Phrase("out of the range of years 1-9999", "超出 1-9999 年的范围"), row
        )
    return values, valid


def moment(value: int) -> pendulum.DateTime:
    """An epoch-microsecond instant as a moment of the school's default zone (as in records).

    ``pendulum.instance(...).in_timezone(_ZONE)`` without its detours (``in_zone``,
    pinned to ``in_timezone`` by the properties of ``tests/core/test_time.py``).
    """
    return in_zone(EPOCH + dt.timedelta(microseconds=value), _ZONE)


def micros(value: dt.datetime) -> int:
    """The epoch microseconds of an aware moment (exact)."""
    return (dt.datetime.__sub__(value, EPOCH)) // _MICRO


def duration_micros(value: dt.timedelta) -> int:
    """A duration in microseconds (exact)."""
    return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds


# ---------------------------------------------------------------- decimals


class DecimalColumn:
    """An exact decimal column: unscaled 64-bit integers and a scale, or Python decimals.

    ``decimal128`` and integer columns give unscaled integers (a value too large
    for 64 bits is marked ``unfit``: the screen then keeps its row); a text column
    of decimal numerals is read value by value, exactly.
    """

    def __init__(
        self,
        array: object,
        table: str,
        column: str,
        *,
        nullable: bool,
        mods: tuple[ModuleType, ModuleType, ModuleType],
    ) -> None:
        np, pa, _ = mods
        self._np = np
        kind = array.type  # type: ignore[attr-defined]  # an Arrow array
        if pa.types.is_dictionary(kind) and (
            pa.types.is_string(kind.value_type) or pa.types.is_large_string(kind.value_type)
        ):  # decimal text, dictionary-encoded
            array = array.cast(pa.string())  # type: ignore[attr-defined]  # an Arrow array
            kind = array.type  # type: ignore[attr-defined]  # an Arrow array
        self.array = array
        if not nullable:
            _no_nulls(array, table, column, np)
        self.valid: Bools = _valid(array, np)
        size = len(array)  # type: ignore[arg-type]  # an Arrow array
        self.texts: list[Decimal | None] | None = None
        self.scale = 0
        self.unfit: Bools = np.zeros(size, dtype=bool)
        if pa.types.is_null(kind) and (nullable or not size):
            self.unscaled: Ints = np.zeros(size, dtype=np.int64)
        elif pa.types.is_decimal(kind) and kind.bit_width == 128:
            self.scale = kind.scale
            words = np.frombuffer(array.buffers()[1], dtype="<i8").reshape(-1, 2)  # type: ignore[attr-defined]  # Arrow
            words = words[array.offset : array.offset + size]  # type: ignore[attr-defined]  # Arrow
            low, high = words[:, 0].astype(np.int64), words[:, 1]
            nulls = array.null_count  # type: ignore[attr-defined]  # an Arrow array
            self.unscaled = np.where(self.valid, low, 0) if nulls else low
            if not size or high.any() or int(low.min()) < 0:  # else: all fit (no high word)
                self.unfit = self.valid & (high != (low >> 63))
        elif pa.types.is_integer(kind) and not pa.types.is_uint64(kind):
            self.unscaled = np.asarray(array.cast(pa.int64()).fill_null(0), dtype=np.int64)  # type: ignore[attr-defined]  # Arrow
        elif pa.types.is_string(kind) or pa.types.is_large_string(kind):
            self.texts = [
                _parse(value, table, column, row, _LABELS[table, column])
                for row, value in enumerate(array.to_pylist())  # type: ignore[attr-defined]  # an Arrow array (pyarrow is untyped)
            ]
            self.unscaled = np.zeros(size, dtype=np.int64)
        else:
            raise _wrong_type(
                table,
                column,
                "decimal128, an integer or decimal text (never a float)",
                "「decimal128」、整数或十进制文本（不接受浮点数）",
                kind,
            )
        if self.scale < 0:
            raise _wrong_type(
                table, column, "a decimal of scale >= 0", "小数位数不小于 0 的小数", kind
            )
        self._bounded(table, column)

    def _bounded(self, table: str, column: str) -> None:
        """Refuse what the record refuses: more than 15 integer or 10 fraction digits."""
        np = self._np
        if self.texts is not None:
            return  # read and checked value by value
        if self.scale > DECIMAL_FRACTION_DIGITS:
            suspects = self.valid
        else:
            suspects = self.unfit.copy()
            digits = DECIMAL_INTEGER_DIGITS + self.scale
            if digits < 19:
                suspects |= self.valid & (np.abs(self.unscaled) >= 10**digits)
        label = _LABELS[table, column]
        for row in np.flatnonzero(suspects).tolist():
            try:
                to_exact_decimal(self.value(row), field=label)
            except SchoolLogisticsError as error:
                raise _located(error, table, column, row) from None

    def value(self, row: int) -> Decimal | None:
        """The exact value of a row (``None`` when missing)."""
        if self.texts is not None:
            return self.texts[row]
        if not self.valid[row]:
            return None
        if self.unfit[row]:
            found = self.array[row].as_py()  # type: ignore[index]  # an Arrow array
            return found if isinstance(found, Decimal) else Decimal(found)
        return Decimal(f"{int(self.unscaled[row])}E-{self.scale}")

    def below(self, bound: Decimal) -> Bools:
        """Rows possibly below ``bound`` (exact, plus the rows ``unfit`` marks)."""
        np = self._np
        if self.texts is not None:
            return np.array([v is not None and v < bound for v in self.texts], dtype=bool)  # type: ignore[no-any-return]  # numpy
        limit = _ceil(_shift(bound, self.scale))
        return self.valid & ((self.unscaled < limit) | self.unfit)

    def above(self, bound: Decimal) -> Bools:
        """Rows possibly above ``bound`` (exact, plus the rows ``unfit`` marks)."""
        np = self._np
        if self.texts is not None:
            return np.array([v is not None and v > bound for v in self.texts], dtype=bool)  # type: ignore[no-any-return]  # numpy
        limit = _floor(_shift(bound, self.scale))
        return self.valid & ((self.unscaled > limit) | self.unfit)

    def missing(self) -> Bools:
        """Rows without a value."""
        if self.texts is not None:
            return self._np.array([v is None for v in self.texts], dtype=bool)  # type: ignore[no-any-return]  # numpy
        return ~self.valid


_BOUND: Final = 1 << 63


def _shift(value: Decimal, places: int) -> Decimal:
    """``value`` times ``10 ** places``, exactly (whatever the caller's decimal context)."""
    sign, digits, exponent = value.as_tuple()
    return Decimal((sign, digits, int(exponent) + places))


def _ceil(value: Decimal) -> int:
    whole = int(value.to_integral_value(rounding="ROUND_CEILING"))
    return max(-_BOUND, min(_BOUND - 1, whole))


def _floor(value: Decimal) -> int:
    whole = int(value.to_integral_value(rounding="ROUND_FLOOR"))
    return max(-_BOUND, min(_BOUND - 1, whole))


_LABELS: Final = {
    ("samples", "grams"): "FoodSample.grams",
    ("readings", "celsius"): "TemperatureReading.celsius",
}


def _parse(value: object, table: str, column: str, row: int, label: str) -> Decimal | None:
    if value is None:
        return None
    try:
        found = Decimal(str(value).strip())
    except InvalidOperation:
        raise _refuse(
            table,
            column,
            Phrase("{value!r} is not a number", "「{value}」不是数字", value=value),
            row,
        ) from None
    if not found.is_finite():
        raise _refuse(table, column, Phrase("not a finite number", "不是有限数"), row)
    try:
        to_exact_decimal(found, field=label)  # a check: the record keeps the value as read
    except SchoolLogisticsError as error:
        raise _located(error, table, column, row) from None
    return found


# ---------------------------------------------------------------- lists of names


def names_column(
    array: object,
    table: str,
    column: str,
    mods: tuple[ModuleType, ModuleType, ModuleType],
    encodings: list[object] | None = None,
) -> tuple[Ints, object]:
    """The offsets and flat values (checked text) of a list<string> column."""
    np, pa, _pc = mods
    kind = array.type  # type: ignore[attr-defined]  # an Arrow array
    if pa.types.is_null(kind) and len(array) == 0:  # type: ignore[arg-type]  # an Arrow array
        return np.zeros(1, dtype=np.int64), pa.array([], pa.string())
    if not (pa.types.is_list(kind) or pa.types.is_large_list(kind)):
        raise _wrong_type(
            table, column, "a list of text (list<string>)", "文本列表（「list<string>」）", kind
        )
    _no_nulls(array, table, column, np)
    offsets = np.asarray(array.offsets, dtype=np.int64)  # type: ignore[attr-defined]  # Arrow
    flat = array.flatten()  # type: ignore[attr-defined]  # Arrow
    if pa.types.is_null(flat.type) and len(flat) == 0:
        flat = flat.cast(pa.string())
    flat, _ = text_column(
        flat, table, column, nullable=False, identifier=True, mods=mods, encodings=encodings
    )
    return offsets - offsets[0], flat


# ---------------------------------------------------------------- the screen


@attrs.define
class _Columns:
    """Every checked column of the five tables."""

    meals: _Table
    samples: _Table
    disposals: _Table
    readings: _Table
    holds: _Table


def _read(  # noqa: PLR0917 - the five tables, in their order
    meals: object,
    samples: object,
    disposals: object,
    readings: object,
    holds: object,
    pa: ModuleType,
) -> _Columns:
    return _Columns(
        _Table(meals, "meals", pa),
        _Table(samples, "samples", pa),
        _Table(disposals, "disposals", pa),
        _Table(readings, "readings", pa),
        _Table(holds, "holds", pa),
    )


def screen(  # noqa: PLR0915 - one screen, written out on purpose
    meals: object,
    samples: object,
    disposals: object,
    readings: object,
    *,
    holds: object = None,
    policy: RetentionPolicy,
    period: DateRange,
) -> SampleLog:
    """The records the record audit needs to find every finding of the columns (see above)."""
    np, pa, pc = mods = modules()
    if not isinstance(period, DateRange):
        raise InvalidRecordError(
            record="audit",
            field="period",
            reason=Phrase("expected a DateRange", "须为「DateRange」"),
        )
    if not isinstance(policy, RetentionPolicy):
        raise InvalidRecordError(
            record="audit",
            field="policy",
            reason=Phrase("expected a RetentionPolicy", "须为「RetentionPolicy」"),
        )
    tables = _read(meals, samples, disposals, readings, holds, pa)
    zone = get_timezone(policy.timezone)
    after = period.end.add(days=1)
    start = micros(
        pendulum.datetime(period.start.year, period.start.month, period.start.day, tz=zone)
    )
    end = micros(pendulum.datetime(after.year, after.month, after.day, tz=zone))
    retention = duration_micros(policy.retention)
    overdue = duration_micros(policy.overdue_after)
    max_gap = duration_micros(policy.max_reading_gap)

    # ---- meals
    mt = tables.meals
    meal_id, _meal_id_blank = text_column(
        mt.column("meal_id", pa), "meals", "meal_id", nullable=False, identifier=True, mods=mods
    )
    days = _days(mt.column("day", pa), mods)
    kinds, _kinds_blank = text_column(
        mt.column("kind", pa), "meals", "kind", nullable=False, identifier=False, mods=mods
    )
    service, _ = time_column(
        mt.column("service_start", pa), "meals", "service_start", nullable=False, mods=mods
    )
    flat_encoded: list[object] = []
    offsets, flat = names_column(mt.column("dishes", pa), "meals", "dishes", mods, flat_encoded)
    event, event_blank = text_column(
        mt.column("event_name", pa),
        "meals",
        "event_name",
        nullable=True,
        identifier=False,
        mods=mods,
    )
    _check_kinds(kinds, event, event_blank, mods)
    n_meals = mt.rows
    meal_doubled = _twins(meal_id, mods)
    first_day, last_day = period.start.toordinal() - _EPOCH_DAY, period.end.toordinal() - _EPOCH_DAY
    meal_in_scope = (days >= first_day) & (days <= last_day) & ~meal_doubled
    encoded_dishes = flat_encoded[0] if flat_encoded else flat.dictionary_encode()  # type: ignore[attr-defined]  # an Arrow array
    dishes_u = encoded_dishes.dictionary  # type: ignore[union-attr]  # an Arrow array
    flat_code = np.asarray(encoded_dishes.indices, dtype=np.int64)  # type: ignore[union-attr]  # Arrow

    # ---- samples
    st = tables.samples
    n = st.rows
    sample_id, _sample_id_blank = text_column(
        st.column("sample_id", pa),
        "samples",
        "sample_id",
        nullable=False,
        identifier=True,
        mods=mods,
    )
    s_meal, _s_meal_blank = text_column(
        st.column("meal_id", pa), "samples", "meal_id", nullable=False, identifier=True, mods=mods
    )
    dish_encoded: list[object] = []
    dish, _dish_blank = text_column(
        st.column("dish", pa),
        "samples",
        "dish",
        nullable=True,
        identifier=False,
        mods=mods,
        encodings=dish_encoded,
    )
    grams = DecimalColumn(st.column("grams", pa), "samples", "grams", nullable=True, mods=mods)
    negative = grams.below(Decimal(0)) & ~grams.unfit
    if grams.texts is None and np.any(negative):
        row = int(np.flatnonzero(negative)[0])
        raise _refuse("samples", "grams", Phrase("negative weight", "重量为负"), row)
    if grams.texts is not None or np.any(grams.unfit):
        for row in np.flatnonzero(grams.unfit).tolist() if grams.texts is None else range(n):
            value = grams.value(row)
            if value is not None and value < 0:
                raise _refuse("samples", "grams", Phrase("negative weight", "重量为负"), row)
    taken, _ = time_column(
        st.column("taken_at", pa), "samples", "taken_at", nullable=False, mods=mods
    )
    taken_by, taken_by_blank = text_column(
        st.column("taken_by", pa), "samples", "taken_by", nullable=True, identifier=False, mods=mods
    )
    reviewed_by, reviewed_by_blank = text_column(
        st.column("reviewed_by", pa),
        "samples",
        "reviewed_by",
        nullable=True,
        identifier=False,
        mods=mods,
    )
    cabinet, cabinet_blank = text_column(
        st.column("cabinet_id", pa),
        "samples",
        "cabinet_id",
        nullable=True,
        identifier=False,
        mods=mods,
    )

    row_of_meal = _lookup(s_meal, meal_id, mods, distinct=not np.any(meal_doubled))  # -1: unknown
    known = row_of_meal >= 0
    safe_meal = np.where(known, row_of_meal, 0)
    if n_meals:
        in_scope = known & meal_in_scope[safe_meal]
        doubled_of = known & meal_doubled[safe_meal]
    else:
        in_scope = doubled_of = np.zeros(n, dtype=bool)
    dirty = ~known & (taken >= start) & (taken < end)  # FS-1: a sample naming no meal
    dirty |= doubled_of  # the meal is recorded more than once: the record audit decides
    dirty |= _twins(sample_id, mods)

    # FS-1 both ways: the sample's dish is on its meal's menu; each dish has a sample
    if dish_encoded:  # the distinct dishes looked up, then their codes
        encoded = dish_encoded[0]
        of_value = np.append(_first_index(encoded.dictionary, dishes_u, mods), -1)  # type: ignore[attr-defined]  # Arrow
        dish_code = of_value[np.asarray(encoded.indices.fill_null(len(of_value) - 1))]  # type: ignore[attr-defined]  # Arrow
    else:
        dish_code = _first_index(dish, dishes_u, mods)
    on_menu, unsampled = _menus(
        offsets, flat_code, len(dishes_u), np.where(in_scope, safe_meal, -1), dish_code, mods
    )
    bad = in_scope & ~on_menu
    # FS-8: taken no later than service
    if n_meals:
        bad |= in_scope & (taken > service[safe_meal])
    # FS-2, FS-4: weight and labels
    bad |= grams.missing() | grams.below(policy.min_grams)
    bad |= taken_by_blank | cabinet_blank
    if policy.reviewer_required:
        bad |= reviewed_by_blank

    # FS-3, FS-6: exactly one disposal, signed, in [retention, overdue] after taking
    dt_ = tables.disposals
    d_sample, _d_sample_blank = text_column(
        dt_.column("sample_id", pa),
        "disposals",
        "sample_id",
        nullable=False,
        identifier=True,
        mods=mods,
    )
    d_at, _ = time_column(
        dt_.column("discarded_at", pa), "disposals", "discarded_at", nullable=False, mods=mods
    )
    d_by, d_by_blank = text_column(
        dt_.column("discarded_by", pa),
        "disposals",
        "discarded_by",
        nullable=True,
        identifier=False,
        mods=mods,
    )
    n_disposals = dt_.rows
    if n_disposals == n and n and bool(pc.all(pc.equal(d_sample, sample_id)).as_py()):
        d_row = np.arange(n)
    else:
        d_row = _first_index(d_sample, sample_id, mods)
    matched = d_row >= 0
    count = np.bincount(d_row[matched], minlength=n)[:n] if n else np.zeros(0, dtype=np.int64)
    bad |= count > 1
    which = np.full(n, -1, dtype=np.int64)
    which[d_row[matched]] = np.flatnonzero(matched)
    once = count == 1
    held = np.where(once, d_at[np.maximum(which, 0)] - taken if n_disposals else 0, 0)
    bad |= once & ((held < retention) | (held > overdue))
    if n_disposals:
        bad |= once & d_by_blank[np.maximum(which, 0)]
    bad |= (count == 0) & (taken < end - overdue)

    # FS-7 (and FS-6 under holds): a sample a hold covers is left to the record audit
    hold_records = _holds(tables.holds, mods)
    if hold_records:
        by_meal = pa.array(sorted({m for hold in hold_records for m in hold.meal_ids}), pa.string())
        bad |= np.asarray(pc.is_in(s_meal, value_set=by_meal), dtype=bool)
        for hold in hold_records:
            if hold.taken_from is not None and hold.taken_until is not None:
                bad |= (taken >= micros(hold.taken_from)) & (taken < micros(hold.taken_until))

    # FS-5: readings around the window, no long gap, none out of range
    rt = tables.readings
    r_cabinet, _r_cabinet_blank = text_column(
        rt.column("cabinet_id", pa),
        "readings",
        "cabinet_id",
        nullable=False,
        identifier=True,
        mods=mods,
    )
    r_at, _ = time_column(rt.column("at", pa), "readings", "at", nullable=False, mods=mods)
    celsius = DecimalColumn(
        rt.column("celsius", pa), "readings", "celsius", nullable=False, mods=mods
    )
    cabinets, r_code = _encode(r_cabinet, mods)
    s_code = _lookup(cabinet, cabinets, mods)
    window = in_scope & (taken < end) & (s_code >= 0)
    window_end = np.minimum(taken + retention, end)
    readings_of = _Readings(
        r_code,
        r_at,
        celsius,
        policy,
        max_gap,
        taken,
        window_end,
        len(cabinets),  # type: ignore[arg-type]  # an Arrow array
        np,
    )
    bad |= in_scope & (taken < end) & (s_code < 0)
    bad |= window & ~readings_of.screen(s_code, window, safe_meal)

    dirty |= in_scope & bad

    # ---- the closure: what the record audit needs to decide the rows kept
    unsampled &= meal_in_scope
    kept_meal_ids = pc.unique(
        pa.concat_arrays(
            [
                pc.filter(s_meal, pa.array(dirty & known)),
                pc.filter(meal_id, pa.array(unsampled | meal_doubled)),
            ]
        )
    )
    kept_meals = _member(meal_id, kept_meal_ids, mods)
    kept = dirty | _member(s_meal, kept_meal_ids, mods)
    kept_ids = pc.filter(sample_id, pa.array(kept))
    kept_disposals = _member(d_sample, kept_ids, mods)
    kept_disposals |= ~matched & (d_at >= start) & (d_at < end)  # naming no sample (FS-6)
    kept_readings = readings_of.around(s_code, kept & (taken < end) & (s_code >= 0))

    return SampleLog(
        meals=_meal_records(
            np.flatnonzero(kept_meals), meal_id, days, kinds, service, offsets, flat, event
        ),
        samples=_sample_records(
            np.flatnonzero(kept),
            sample_id,
            s_meal,
            dish,
            grams,
            taken,
            taken_by,
            reviewed_by,
            cabinet,
        ),
        disposals=[
            Disposal(d_sample[i].as_py(), moment(int(d_at[i])), d_by[i].as_py())  # type: ignore[index]  # an Arrow array
            for i in np.flatnonzero(kept_disposals).tolist()
        ],
        readings=[
            TemperatureReading(r_cabinet[i].as_py(), moment(int(r_at[i])), celsius.value(i))  # type: ignore[index]  # an Arrow array
            for i in kept_readings.tolist()
        ],
        holds=hold_records,
    )


def _first_index(
    values: object, within: object, mods: tuple[ModuleType, ModuleType, ModuleType]
) -> Ints:
    """For each value, the index of its first occurrence in ``within`` (-1: absent or null)."""
    np, _pa, pc = mods
    if len(values) == 0:  # type: ignore[arg-type]  # an Arrow array
        return np.zeros(0, dtype=np.int64)  # type: ignore[no-any-return]  # numpy
    if len(within) == 0:  # type: ignore[arg-type]  # an Arrow array
        return np.full(len(values), -1, dtype=np.int64)  # type: ignore[arg-type, no-any-return]  # sized
    found = pc.index_in(values, value_set=within).fill_null(-1)
    return np.asarray(found, dtype=np.int64)  # type: ignore[no-any-return]  # numpy


_MASKS: Final = (*tuple((1 << 8 * n) - 1 for n in range(8)), (1 << 64) - 1)


def _twins(array: object, mods: tuple[ModuleType, ModuleType, ModuleType]) -> Bools:
    """The rows whose (non-null) text occurs more than once in the column.

    Fast paths: strictly increasing text has no twins. Otherwise each string is
    hashed to 64 bits, eight bytes at a time (unaligned loads over the bytes),
    the hashes are sorted, and only rows whose hash occurs twice are compared as
    text, exactly.
    """
    np, pa, pc = mods
    size = len(array)  # type: ignore[arg-type]  # an Arrow array
    twins = np.zeros(size, dtype=bool)
    if size < 2:
        return twins  # type: ignore[no-any-return]  # numpy
    if bool(pc.all(pc.less(array.slice(0, size - 1), array.slice(1))).as_py()):  # type: ignore[attr-defined]  # Arrow
        return twins  # type: ignore[no-any-return]  # numpy
    offsets, data = _buffers(array, np)
    starts = offsets[:-1] - offsets[0]
    lengths = np.diff(offsets)
    if len(data) < 8:  # type: ignore[arg-type]  # an Arrow array
        data = np.concatenate((data, np.zeros(8, dtype=np.uint8)))
    last = len(data) - 8  # type: ignore[arg-type]  # the last whole word starts here
    words = np.ndarray((last + 1,), dtype="<u8", buffer=data, strides=(1,))
    hashes = np.concatenate(
        [
            _hashes(starts[at : at + _CHUNK], lengths[at : at + _CHUNK], words, last, np)
            for at in range(0, size, _CHUNK)
        ]
    )
    ordered = np.sort(hashes)
    same = ordered[1:][ordered[1:] == ordered[:-1]]
    if not len(same):
        return twins  # type: ignore[no-any-return]  # numpy
    candidates = np.flatnonzero(np.isin(hashes, same))
    seen: dict[object, list[int]] = {}
    values = array.take(pa.array(candidates)).to_pylist()  # type: ignore[attr-defined]  # Arrow
    for row, value in zip(candidates.tolist(), values, strict=True):
        seen.setdefault(value, []).append(row)
    for value, found in seen.items():
        if value is not None and len(found) > 1:
            twins[found] = True
    return twins  # type: ignore[no-any-return]  # numpy


_CHUNK: Final = 1 << 15  # rows hashed together: their bytes stay in the cache


def _hashes(starts: Ints, lengths: Ints, words: object, last: int, np: ModuleType) -> object:
    """A 64-bit hash of each string (``lengths`` bytes at ``starts``), eight bytes at a time.

    A string's hash depends on its bytes only (not on the other rows): a word
    past its end leaves it as it is.
    """
    masks = np.array(_MASKS, dtype=np.uint64)
    hashes = lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    rows: Ints | None = None  # None: every row (no gather, no scatter)
    step = 0
    with np.errstate(over="ignore"):
        while True:
            left = lengths - step if rows is None else lengths[rows] - step
            at = starts + step if rows is None else starts[rows] + step
            if int(at[-1]) > last:  # ``at`` grows: only the last rows may start so late
                word = words[np.minimum(at, last)]  # type: ignore[index]  # a numpy view
                late = np.flatnonzero(at > last)  # the last bytes: the last word, shifted down
                word[late] >>= ((at[late] - last) * 8).astype(np.uint64)
            else:
                word = words[at]  # type: ignore[index]  # a numpy view
            short = int(left.min())
            if short < 8:
                word &= masks[np.clip(left, 0, 8)]
            word ^= hashes if rows is None else hashes[rows]
            word *= np.uint64(0xBF58476D1CE4E5B9)
            word ^= word >> np.uint64(31)
            if rows is None:
                hashes = word if short > 0 else np.where(left > 0, word, hashes)
            else:
                hashes[rows] = word
            step += 8
            more = left > 8
            active = int(np.count_nonzero(more))
            if not active:
                return hashes
            if rows is None and active * 2 < len(lengths):  # few long strings left: only those
                rows = np.flatnonzero(more)
            elif rows is not None:
                rows = rows[more]


def _member(
    values: object, value_set: object, mods: tuple[ModuleType, ModuleType, ModuleType]
) -> Bools:
    """Whether each value is in ``value_set`` (no look-up at all when it is empty)."""
    np, _pa, pc = mods
    if not len(value_set):  # type: ignore[arg-type]  # an Arrow array
        return np.zeros(len(values), dtype=bool)  # type: ignore[arg-type, no-any-return]  # sized
    return np.asarray(pc.is_in(values, value_set=value_set), dtype=bool)  # type: ignore[no-any-return]  # numpy


def _encode(array: object, mods: tuple[ModuleType, ModuleType, ModuleType]) -> tuple[object, Ints]:
    """The distinct values of a column without nulls (first appearance first) and each row's code.

    A column of long runs of one value (the readings, cabinet by cabinet) is
    encoded by its runs' first rows.
    """
    np, pa, pc = mods
    size = len(array)  # type: ignore[arg-type]  # an Arrow array
    if size > 1:
        change = pc.not_equal(array.slice(1), array.slice(0, size - 1))  # type: ignore[attr-defined]  # Arrow
        if (pc.sum(change).as_py() or 0) * 2 < size:
            heads = np.concatenate(([0], np.flatnonzero(np.asarray(change, dtype=bool)) + 1))
            encoded = array.take(pa.array(heads)).dictionary_encode()  # type: ignore[attr-defined]  # Arrow
            codes = np.asarray(encoded.indices, dtype=np.int64)
            return encoded.dictionary, np.repeat(codes, np.diff(np.append(heads, size)))
    encoded = array.dictionary_encode()  # type: ignore[attr-defined]  # an Arrow array
    return encoded.dictionary, np.asarray(encoded.indices, dtype=np.int64)


def _lookup(
    values: object,
    within: object,
    mods: tuple[ModuleType, ModuleType, ModuleType],
    *,
    distinct: bool = False,
) -> Ints:
    """``_first_index`` looking up each run of equal values once (samples come meal by meal).

    When ``within`` has no value twice (``distinct``) and the runs are its values
    in its order (the samples of each meal, meal after meal), the index of each
    run is its number.
    """
    np, pa, pc = mods
    size = len(values)  # type: ignore[arg-type]  # an Arrow array
    if size < 2:
        return _first_index(values, within, mods)
    change = pc.not_equal(values.slice(1), values.slice(0, size - 1))  # type: ignore[attr-defined]  # Arrow
    heads = np.concatenate(
        ([0], np.flatnonzero(np.asarray(change.fill_null(True), dtype=bool)) + 1)
    )
    if len(heads) * 2 > size:
        return _first_index(values, within, mods)
    runs = values.take(pa.array(heads))  # type: ignore[attr-defined]  # Arrow
    if (
        distinct
        and len(runs) == len(within)  # type: ignore[arg-type]  # an Arrow array
        and not runs.null_count
        and bool(pc.all(pc.equal(runs, within)).as_py())
    ):
        found = np.arange(len(heads))
    else:
        found = _first_index(runs, within, mods)
    return np.repeat(found, np.diff(np.append(heads, size)))  # type: ignore[no-any-return]  # numpy


def _days(array: object, mods: tuple[ModuleType, ModuleType, ModuleType]) -> Ints:
    np, pa, _ = mods
    kind = array.type  # type: ignore[attr-defined]  # an Arrow array
    if pa.types.is_null(kind) and len(array) == 0:  # type: ignore[arg-type]  # an Arrow array
        return np.zeros(0, dtype=np.int64)  # type: ignore[no-any-return]  # numpy
    if not pa.types.is_date32(kind):
        raise _wrong_type("meals", "day", "a date (date32)", "日期（「date32」）", kind)
    _no_nulls(array, "meals", "day", np)
    return np.asarray(array.cast(pa.int32()), dtype=np.int64)  # type: ignore[attr-defined, no-any-return]  # Arrow


_KINDS: Final = tuple(kind.value for kind in MealKind)


def _check_kinds(
    kinds: object,
    event: object,
    event_blank: Bools,
    mods: tuple[ModuleType, ModuleType, ModuleType],
) -> None:
    np, pa, pc = mods
    if len(kinds) == 0:  # type: ignore[arg-type]  # an Arrow array
        return
    known = np.asarray(pc.is_in(kinds, value_set=pa.array(_KINDS)), dtype=bool)
    if not np.all(known):
        row = int(np.flatnonzero(~known)[0])
        value = kinds[row].as_py()  # type: ignore[index]  # an Arrow array
        raise _refuse(
            "meals",
            "kind",
            Phrase("{value!r} is not a meal kind", "「{value}」不是餐次类型", value=value),
            row,
        )
    is_event = np.asarray(pc.equal(kinds, MealKind.EVENT.value), dtype=bool)
    named = ~event_blank
    suspects = is_event & ~named
    for row in np.flatnonzero(suspects).tolist():
        name = event[row].as_py()  # type: ignore[index]  # an Arrow array
        if not (name and name.strip()):
            raise _refuse(
                "meals", "event_name", Phrase("an event meal needs a name", "活动餐须有名称"), row
            )
    has_name = _valid(event, np)
    wrong = ~is_event & has_name
    if np.any(wrong):
        row = int(np.flatnonzero(wrong)[0])
        raise _refuse(
            "meals",
            "event_name",
            Phrase("only an event meal has a name", "只有活动餐才有名称"),
            row,
        )


def _menus(  # noqa: PLR0917 - the screen's own helper
    offsets: Ints,
    flat_code: Ints,
    dishes: int,
    meal_of: Ints,
    dish_code: Ints,
    mods: tuple[ModuleType, ModuleType, ModuleType],
) -> tuple[Bools, Bools]:
    """FS-1 both ways, and the menus' own rule.

    Refuses a menu that lists a dish twice (blank dishes are refused as
    identifiers). Then returns, for each sample, whether its dish is on the menu
    of its meal (``meal_of``: the meal's row, or -1 for a sample not looked at),
    and for each meal whether a dish of its menu has no such sample.

    With at most 64 distinct dishes each menu is a 64-bit set (a bit per dish
    code): a menu lists a dish twice when it has fewer bits than dishes, a
    sample is on its menu when its dish's bit is set, and the dishes sampled are
    the union of the samples' bits. With more, the same on sorted
    ``meal * dishes + dish`` keys.
    """
    np, _, _ = mods
    meals = len(offsets) - 1
    lengths = np.diff(offsets)
    if not meals:
        return np.zeros(len(meal_of), dtype=bool), np.zeros(0, dtype=bool)
    looked = (meal_of >= 0) & (dish_code >= 0)
    meal = np.maximum(meal_of, 0)
    if dishes <= 64:
        one = np.uint64(1)
        menu = np.zeros(meals, dtype=np.uint64)
        filled = lengths > 0
        if len(flat_code):
            bits = np.left_shift(one, flat_code.astype(np.uint64))
            menu[filled] = np.bitwise_or.reduceat(bits, offsets[:-1][filled])
        twice = np.bitwise_count(menu) < lengths
        if np.any(twice):
            _dish_twice(int(np.flatnonzero(twice)[0]))
        dish_bit = np.left_shift(one, np.maximum(dish_code, 0).astype(np.uint64))
        on_menu = looked & ((menu[meal] & dish_bit) != 0)
        got = np.zeros(meals, dtype=np.uint64)
        hits = np.flatnonzero(on_menu)
        if len(hits):
            hit_meal = meal[hits]
            heads = np.concatenate(([0], np.flatnonzero(np.diff(hit_meal)) + 1))
            np.bitwise_or.at(got, hit_meal[heads], np.bitwise_or.reduceat(dish_bit[hits], heads))
        return on_menu, (menu & ~got) != 0
    parent = np.repeat(np.arange(meals), lengths)
    key = parent * dishes + flat_code
    ordered = np.sort(key)
    twice = ordered[1:] == ordered[:-1]
    if np.any(twice):
        _dish_twice(int((ordered[1:][twice] // dishes).min()))
    wanted = meal * dishes + np.maximum(dish_code, 0)
    at = np.minimum(np.searchsorted(ordered, wanted), len(ordered) - 1)
    on_menu = looked & (ordered[at] == wanted)
    sampled = np.unique(wanted[on_menu])
    at = np.minimum(np.searchsorted(sampled, key), max(len(sampled) - 1, 0))
    missing = sampled[at] != key if len(sampled) else np.ones(len(key), dtype=bool)
    unsampled = np.zeros(meals, dtype=bool)
    unsampled[parent[missing]] = True
    return on_menu, unsampled


def _dish_twice(row: int) -> None:
    raise _refuse("meals", "dishes", Phrase("a dish is listed twice", "同一菜品列出两次"), row)


def _holds(table: _Table, mods: tuple[ModuleType, ModuleType, ModuleType]) -> list[Hold]:
    """The holds as records (they are few): every row built and checked by ``Hold``."""
    _np, pa, _ = mods
    if table.empty:
        return []
    columns: dict[str, list[object]] = {}
    for column, kind, nullable in COLUMNS["holds"]:
        array = table.column(column, pa)
        if kind == TIME:
            values, valid = time_column(array, "holds", column, nullable=nullable, mods=mods)
            columns[column] = [
                moment(int(v)) if ok else None
                for v, ok in zip(values.tolist(), valid.tolist(), strict=True)
            ]
        elif kind == NAMES:
            offsets, flat = names_column(array, "holds", column, mods)
            names = flat.to_pylist()  # type: ignore[attr-defined]  # Arrow
            columns[column] = [
                names[a:b] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)
            ]
        else:
            checked, _ = text_column(
                array, "holds", column, nullable=nullable, identifier=kind == ID, mods=mods
            )
            columns[column] = checked.to_pylist()  # type: ignore[attr-defined]  # Arrow
    found: list[Hold] = []
    for row in range(table.rows):
        try:
            found.append(
                Hold(
                    columns["hold_id"][row],
                    columns["placed_at"][row],  # type: ignore[arg-type]  # a moment
                    columns["placed_by"][row],
                    columns["reason"][row],
                    meal_ids=columns["meal_ids"][row],
                    taken_from=columns["taken_from"][row],  # type: ignore[arg-type]  # a moment or None
                    taken_until=columns["taken_until"][row],  # type: ignore[arg-type]  # a moment or None
                    released_at=columns["released_at"][row],  # type: ignore[arg-type]  # a moment or None
                    released_by=columns["released_by"][row],
                )
            )
        except SchoolLogisticsError as error:
            field = getattr(error, "field", "*")
            raise error.with_path(f"holds[{row}].{field}") from None
    return found


class _Readings:
    """The readings sorted by (cabinet, time), with prefix counts of gaps and bad readings."""

    def __init__(  # noqa: PLR0917 - the screen's own helper
        self,
        code: Ints,
        at: Ints,
        celsius: DecimalColumn,
        policy: RetentionPolicy,
        max_gap: int,
        taken: Ints,
        window_end: Ints,
        cabinets: int,
        np: ModuleType,
    ) -> None:
        self.np = np
        self.size = size = len(at)
        self.usable = size > 0
        if not self.usable:
            return
        low = int(min(at.min(), taken.min(initial=at.min())))
        high = int(max(at.max(), window_end.max(initial=at.max())))
        self.low = low
        self.span = span = high - low + 1
        if (cabinets + 1) * span >= _ROOM:  # pragma: no cover - a span of millennia
            self.usable = False
            return
        key = code * span
        key += at
        key -= low
        order = None if np.all(key[1:] >= key[:-1]) else np.argsort(key, kind="stable")
        self.order: Ints | None = order
        self.key = key if order is None else key[order]
        self.code = code if order is None else code[order]
        times = at if order is None else at[order]
        wrong = celsius.below(policy.min_celsius) | celsius.above(policy.max_celsius)
        wrong = wrong if order is None else wrong[order]
        gap = (self.code[1:] == self.code[:-1]) & (np.diff(times) > max_gap)
        # prefix counts (None: there is none to count)
        self.wrong = np.concatenate(([0], np.cumsum(wrong))) if np.any(wrong) else None
        self.gaps = np.concatenate(([0], np.cumsum(gap))) if np.any(gap) else None
        self.taken = taken
        self.window_end = window_end

    def _keys(self, code: Ints, rows: Ints) -> tuple[Ints, Ints]:
        base = code[rows] * self.span - self.low
        return base + self.taken[rows], base + self.window_end[rows]

    def screen(self, code: Ints, window: Bools, group: Ints) -> Bools:
        """Whether each sample's window passes FS-5 (only ``window`` rows are looked at).

        Consecutive rows of one cabinet and one ``group`` (a meal) are judged
        together first, on the union of their windows (from the earliest taking
        to the latest window end): when the union passes, each window passes,
        since the readings that bracket it and lie in it are among the union's.
        The rows of a group that does not pass are judged one by one.
        """
        np = self.np
        passed = np.zeros(len(window), dtype=bool)
        rows = np.flatnonzero(window)
        if not self.usable or not len(rows):
            return passed  # type: ignore[no-any-return]  # numpy
        if len(rows) == len(window):  # every row: no gathering
            base = code * self.span - self.low
            start, stop = base + self.taken, base + self.window_end
            cabs, groups = code, group
        else:
            start, stop = self._keys(code, rows)
            cabs = code[rows]
            groups = group[rows]
        heads = np.concatenate(
            ([0], np.flatnonzero((cabs[1:] != cabs[:-1]) | (groups[1:] != groups[:-1])) + 1)
        )
        if len(heads) * 2 > len(rows):  # hardly any group: one by one
            passed[rows] = self._passes(cabs, start, stop)
            return passed  # type: ignore[no-any-return]  # numpy
        together = self._passes(
            cabs[heads], np.minimum.reduceat(start, heads), np.maximum.reduceat(stop, heads)
        )
        ok = np.repeat(together, np.diff(np.append(heads, len(rows))))
        alone = np.flatnonzero(~ok)
        if len(alone):
            ok[alone] = self._passes(cabs[alone], start[alone], stop[alone])
        passed[rows] = ok
        return passed  # type: ignore[no-any-return]  # numpy

    def _passes(self, cabs: Ints, start: Ints, stop: Ints) -> Bools:
        """Whether each window (keys ``start`` to ``stop`` of cabinet ``cabs``) passes FS-5."""
        np = self.np
        key, cab, size = self.key, self.code, self.size
        after = np.searchsorted(key, start, "right")  # readings[:after] are <= taken
        before = np.searchsorted(key, stop, "left")  # readings[before:] are >= window end
        first = np.maximum(after - 1, 0)
        passed = (after > 0) & (cab[first] == cabs)
        passed &= (before < size) & (cab[np.minimum(before, size - 1)] == cabs)
        if self.gaps is not None:
            last = np.minimum(np.maximum(before, first), size - 1)
            passed &= self.gaps[last] - self.gaps[first] == 0
        if self.wrong is not None:
            lo = np.searchsorted(key, start, "left")
            hi = np.searchsorted(key, stop, "right")
            passed &= self.wrong[hi] - self.wrong[lo] == 0
        return passed  # type: ignore[no-any-return]  # numpy

    def around(self, code: Ints, rows_mask: Bools) -> Ints:
        """The (input) indexes of the readings the windows of ``rows_mask`` look at."""
        np = self.np
        if not self.size:
            return np.zeros(0, dtype=np.int64)  # type: ignore[no-any-return]  # numpy
        if not self.usable:  # pragma: no cover - a span of millennia: every reading
            return np.arange(self.size)  # type: ignore[no-any-return]  # numpy
        rows = np.flatnonzero(rows_mask)
        start, stop = self._keys(code, rows)
        cabs = code[rows]
        first = np.searchsorted(self.code, cabs, "left")
        last = np.searchsorted(self.code, cabs, "right") - 1
        lo = np.maximum(np.searchsorted(self.key, start, "left") - 1, first)
        hi = np.minimum(np.searchsorted(self.key, stop, "right"), last)
        marks = np.zeros(self.size + 1, dtype=np.int64)
        np.add.at(marks, lo, 1)
        np.add.at(marks, hi + 1, -1)
        chosen = np.cumsum(marks[:-1]) > 0
        if self.order is None:
            return np.flatnonzero(chosen)  # type: ignore[no-any-return]  # numpy
        return np.sort(self.order[chosen])  # type: ignore[no-any-return]  # numpy


def _meal_records(  # noqa: PLR0917 - columns in, records out
    rows: Ints,
    meal_id: object,
    days: Ints,
    kinds: object,
    service: Ints,
    offsets: Ints,
    flat: object,
    event: object,
) -> list[Meal]:
    found: list[Meal] = []
    for row in rows.tolist():
        dishes = flat.slice(int(offsets[row]), int(offsets[row + 1] - offsets[row])).to_pylist()  # type: ignore[attr-defined]  # Arrow
        found.append(
            Meal(
                meal_id[row].as_py(),  # type: ignore[index]  # an Arrow array
                pendulum.Date.fromordinal(int(days[row]) + _EPOCH_DAY),
                kinds[row].as_py(),  # type: ignore[index]  # an Arrow array
                moment(int(service[row])),
                tuple(dishes),
                event_name=event[row].as_py(),  # type: ignore[index]  # an Arrow array
            )
        )
    return found


def _sample_records(  # noqa: PLR0917 - columns in, records out
    rows: Ints,
    sample_id: object,
    meal_id: object,
    dish: object,
    grams: DecimalColumn,
    taken: Ints,
    taken_by: object,
    reviewed_by: object,
    cabinet: object,
) -> list[FoodSample]:
    return [
        FoodSample(
            sample_id[row].as_py(),  # type: ignore[index]  # an Arrow array
            meal_id[row].as_py(),  # type: ignore[index]  # an Arrow array
            dish[row].as_py(),  # type: ignore[index]  # an Arrow array
            grams.value(row),
            moment(int(taken[row])),
            taken_by[row].as_py(),  # type: ignore[index]  # an Arrow array
            reviewed_by[row].as_py(),  # type: ignore[index]  # an Arrow array
            cabinet[row].as_py(),  # type: ignore[index]  # an Arrow array
        )
        for row in rows.tolist()
    ]


# ---------------------------------------------------------------- records to columns and back


def _decimal_array(values: Sequence[Decimal | None], pa: ModuleType) -> object:
    """Exact decimals as ``decimal128`` when they share one scale, else as decimal text."""
    present = [value for value in values if value is not None]
    exponents = {value.as_tuple().exponent for value in present}
    uniform = len(exponents) <= 1 and all(isinstance(e, int) and -38 < e <= 0 for e in exponents)
    if uniform and all(
        len(value.as_tuple().digits) <= 38 and not (value.is_zero() and value.is_signed())
        for value in present
    ):
        scale = -int(next(iter(exponents))) if exponents else 0
        if present:
            return pa.array(values, pa.decimal128(38, scale))
        return pa.array(values, pa.decimal128(38, 0))
    return pa.array([None if value is None else str(value) for value in values], pa.string())


def log_to_columns(log: SampleLog) -> ColumnarLog:
    """The records of a log as the five tables of the column contract."""
    _np, pa, _ = modules()
    text, ints = pa.string(), pa.int64()
    names = pa.list_(pa.string())

    def times(values: Sequence[dt.datetime | None]) -> object:
        return pa.array([None if v is None else micros(v) for v in values], ints)

    meals = log.meals
    samples = log.samples
    disposals = log.disposals
    readings = log.readings
    holds = log.holds
    return ColumnarLog(
        meals=pa.table(
            {
                "meal_id": pa.array([m.meal_id for m in meals], text),
                "day": pa.array([m.day for m in meals], pa.date32()),
                "kind": pa.array([m.kind.value for m in meals], text),
                "service_start": times([m.service_start for m in meals]),
                "dishes": pa.array([list(m.dishes) for m in meals], names),
                "event_name": pa.array([m.event_name for m in meals], text),
            }
        ),
        samples=pa.table(
            {
                "sample_id": pa.array([s.sample_id for s in samples], text),
                "meal_id": pa.array([s.meal_id for s in samples], text),
                "dish": pa.array([s.dish for s in samples], text),
                "grams": _decimal_array([s.grams for s in samples], pa),
                "taken_at": times([s.taken_at for s in samples]),
                "taken_by": pa.array([s.taken_by for s in samples], text),
                "reviewed_by": pa.array([s.reviewed_by for s in samples], text),
                "cabinet_id": pa.array([s.cabinet_id for s in samples], text),
            }
        ),
        disposals=pa.table(
            {
                "sample_id": pa.array([d.sample_id for d in disposals], text),
                "discarded_at": times([d.discarded_at for d in disposals]),
                "discarded_by": pa.array([d.discarded_by for d in disposals], text),
            }
        ),
        readings=pa.table(
            {
                "cabinet_id": pa.array([r.cabinet_id for r in readings], text),
                "at": times([r.at for r in readings]),
                "celsius": _decimal_array([r.celsius for r in readings], pa),
            }
        ),
        holds=pa.table(
            {
                "hold_id": pa.array([h.hold_id for h in holds], text),
                "placed_at": times([h.placed_at for h in holds]),
                "placed_by": pa.array([h.placed_by for h in holds], text),
                "reason": pa.array([h.reason for h in holds], text),
                "meal_ids": pa.array([list(h.meal_ids) for h in holds], names),
                "taken_from": times([h.taken_from for h in holds]),
                "taken_until": times([h.taken_until for h in holds]),
                "released_at": times([h.released_at for h in holds]),
                "released_by": pa.array([h.released_by for h in holds], text),
            }
        ),
    )


def columns_to_log(columns: ColumnarLog) -> SampleLog:
    """The tables of the column contract as records (every row checked as its record)."""
    np, pa, _pc = mods = modules()
    tables = _read(
        columns.meals, columns.samples, columns.disposals, columns.readings, columns.holds, pa
    )
    mt, st, dt_, rt = tables.meals, tables.samples, tables.disposals, tables.readings

    def texts(table: _Table, column: str, *, nullable: bool, identifier: bool) -> object:
        return text_column(
            table.column(column, pa),
            table.name,
            column,
            nullable=nullable,
            identifier=identifier,
            mods=mods,
        )[0]

    def when(table: _Table, column: str) -> Ints:
        return time_column(table.column(column, pa), table.name, column, nullable=False, mods=mods)[
            0
        ]

    offsets, flat = names_column(mt.column("dishes", pa), "meals", "dishes", mods)
    meals = _meal_records(
        np.arange(mt.rows),
        texts(mt, "meal_id", nullable=False, identifier=True),
        _days(mt.column("day", pa), mods),
        texts(mt, "kind", nullable=False, identifier=False),
        when(mt, "service_start"),
        offsets,
        flat,
        texts(mt, "event_name", nullable=True, identifier=False),
    )
    samples = _sample_records(
        np.arange(st.rows),
        texts(st, "sample_id", nullable=False, identifier=True),
        texts(st, "meal_id", nullable=False, identifier=True),
        texts(st, "dish", nullable=True, identifier=False),
        DecimalColumn(st.column("grams", pa), "samples", "grams", nullable=True, mods=mods),
        when(st, "taken_at"),
        texts(st, "taken_by", nullable=True, identifier=False),
        texts(st, "reviewed_by", nullable=True, identifier=False),
        texts(st, "cabinet_id", nullable=True, identifier=False),
    )
    d_sample = texts(dt_, "sample_id", nullable=False, identifier=True)
    d_at = when(dt_, "discarded_at")
    d_by = texts(dt_, "discarded_by", nullable=True, identifier=False)
    r_cabinet = texts(rt, "cabinet_id", nullable=False, identifier=True)
    r_at = when(rt, "at")
    celsius = DecimalColumn(
        rt.column("celsius", pa), "readings", "celsius", nullable=False, mods=mods
    )
    return SampleLog(
        meals=meals,
        samples=samples,
        disposals=[
            Disposal(d_sample[i].as_py(), moment(int(d_at[i])), d_by[i].as_py())  # type: ignore[index]  # Arrow
            for i in range(dt_.rows)
        ],
        readings=[
            TemperatureReading(r_cabinet[i].as_py(), moment(int(r_at[i])), celsius.value(i))  # type: ignore[index]  # Arrow
            for i in range(rt.rows)
        ],
        holds=_holds(tables.holds, mods),
    )
