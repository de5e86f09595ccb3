"""Compact, column-wise pickling of records (speed-only code: marked private).

Pickling a school year of food samples record by record (attrs' ``__getstate__``
per record, pendulum's ``__reduce_ex__`` per moment) made megabytes and took a
good part of a second each way: too much to ship to Dask workers. Here a
sequence of records of one shape (a record class, or a tagged union of them) is
written column by column, driven by its [`Shape`][schoollogistics.core.shapes.Shape]:

* every integer of every column goes into one stream of int64, delta-encoded
  (ids, days and times that grow steadily become runs of small equal numbers)
  and compressed with zlib;
* text is interned once in a string table (index ``-1`` is ``None``), stored
  as one compressed block;
* a moment is two integers, its date and its wall-clock time (with the fold
  bit), plus its zone's index in a small table of the zones used: the same
  zone object, the same offset, the same fold and microsecond come back;
* dates are integers; booleans and integers are themselves;
* decimals, money, enums (by value), durations and anything else are interned
  in a table of distinct values (keyed by ``repr``, so that ``1.0`` and
  ``1.00`` stay apart), pickled by the ordinary means;
* optional values carry a presence column; tuples a length column and the
  flattened items; nested records their own columns; a union a tag column.

Loading is *trusted*: the data was valid when it was pickled, so records are
rebuilt with ``object.__new__`` and one slot assignment per field, a column at a
time (``map`` over the slot descriptor's ``__set__``), without the checks of
the constructors. The result equals the original (``==``, same types, same
``repr``, same hash). Both ends must run the same version of the library (the
record shapes are not stored); ``FORMAT`` changes when the layout does.
"""

from __future__ import annotations

import array
import datetime as dt
import operator
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, chain, count, filterfalse, repeat
from typing import Final, TypeAlias, cast

import attrs
import pendulum

from schoollogistics.core.shapes import (
    BoolShape,
    DateShape,
    DateTimeShape,
    EnumShape,
    IntShape,
    ListShape,
    OptionalShape,
    RecordShape,
    Shape,
    TextShape,
    UnionShape,
    record_shape,
    shape_of,
)

__all__ = [
    "FORMAT",
    "Packed",
    "pack",
    "pack_union",
    "rebuild",
    "reduce_record",
    "unpack",
    "unpack_union",
]

FORMAT: Final = 1
"""The layout's version, the first item of every payload."""

Packed: TypeAlias = tuple[
    int,
    int,
    int,
    bytes | tuple[str, ...],
    bytes | tuple[int, ...],
    tuple[object, ...],
    tuple[object, ...],
]
"""A payload: format, count of values, count of texts, texts, integers, zones, distinct values."""

_LEVEL: Final = 1
_TIME_BITS: Final = 48
_TIME_MASK: Final = (1 << _TIME_BITS) - 1
_SEP: Final = "\x00"  # refused by the text policy, so never inside a checked text
_LITTLE: Final = array.array("q", [1]).tobytes()[0] == 1
_DT_REDUCE: Final = dt.datetime.__reduce_ex__
_DATE_REDUCE: Final = dt.date.__reduce__
_DT_NEW: Final = cast("Callable[[type, bytes, object], object]", dt.datetime.__new__)
_DATE_NEW: Final = cast("Callable[[type, bytes], object]", dt.date.__new__)
_NEW: Final = object.__new__
_FROM_BYTES: Final = cast("Callable[[bytes, str], int]", int.from_bytes)
_TO_BYTES: Final = cast("Callable[[int, int, str], bytes]", int.to_bytes)
_STATE: Final = operator.itemgetter(1)
_FIRST: Final = operator.itemgetter(0)
_TZINFO: Final = operator.attrgetter("tzinfo")

Setter: TypeAlias = Callable[[object, object], None]


def _consume(iterable: Iterable[object]) -> None:
    deque(iterable, maxlen=0)


# ---------------------------------------------------------------- writing


class _Writer:
    """The streams of one payload, filled column by column."""

    def __init__(self) -> None:
        self.ints: list[int] = []
        self.strings: dict[str | None, int] = {None: -1}
        self.zones: list[object] = []
        self.zone_index: dict[int, int] = {}
        self.values: list[object] = []
        self.value_index: dict[object, int] = {}

    # -- leaves

    def text(self, values: Sequence[object]) -> None:
        strings = self.strings
        fresh = list(filterfalse(strings.__contains__, dict.fromkeys(values)))
        strings.update(zip(cast("list[str]", fresh), count(len(strings) - 1)))
        self.indices(list(map(strings.__getitem__, cast("Sequence[str | None]", values))))

    def interned(self, values: Sequence[object], key: Callable[[object], object]) -> None:
        index = self.value_index
        keys = list(map(key, values))
        # Values of the same key are interchangeable (equal, of one type, of one repr).
        by_key = dict(zip(keys, values, strict=True))
        fresh = list(filterfalse(index.__contains__, by_key))
        index.update(zip(fresh, count(len(self.values))))
        self.values.extend(map(by_key.__getitem__, fresh))
        self.indices(list(map(index.__getitem__, keys)))

    def indices(self, indices: list[int]) -> None:
        """Table indices: a flag, then the one index of a constant column or every index."""
        if len(indices) > 1 and len(set(indices)) == 1:
            self.ints += (1, indices[0])
        else:
            self.ints.append(0)
            self.ints += indices

    def moments(self, values: Sequence[object]) -> None:
        states = list(
            map(
                _FROM_BYTES,
                map(_FIRST, map(_STATE, map(_DT_REDUCE, values, repeat(4)))),
                repeat("big"),
            )
        )
        self.ints.extend(map(operator.rshift, states, repeat(_TIME_BITS)))
        self.ints.extend(map(operator.and_, states, repeat(_TIME_MASK)))
        zone_index = self.zone_index
        zones = list(map(_TZINFO, values))
        ids = list(map(id, zones))
        by_id = dict(zip(ids, zones, strict=True))
        fresh = list(filterfalse(zone_index.__contains__, by_id))
        zone_index.update(zip(fresh, count(len(self.zones))))
        self.zones.extend(map(by_id.__getitem__, fresh))
        self.indices(list(map(zone_index.__getitem__, ids)))

    def dates(self, values: Sequence[object]) -> None:
        self.ints.extend(
            map(_FROM_BYTES, map(_FIRST, map(_STATE, map(_DATE_REDUCE, values))), repeat("big"))
        )

    # -- the walk

    def column(self, shape: Shape, values: Sequence[object]) -> None:
        if isinstance(shape, TextShape):
            self.text(values)
        elif isinstance(shape, (IntShape, BoolShape)):
            self.ints.extend(cast("Sequence[int]", values))
        elif isinstance(shape, EnumShape):
            self.interned(values, _identity)
        elif isinstance(shape, OptionalShape):
            self.optional(shape.inner, values)
        elif isinstance(shape, UnionShape):
            self.union(shape, values)
        elif isinstance(shape, (DateTimeShape, DateShape, ListShape, RecordShape)):
            typed = _all_of(values, _expected_type(shape))
            self.ints.append(int(typed))  # a value of another type: written as distinct values
            if not typed:
                self.interned(values, repr)
            elif isinstance(shape, DateTimeShape):
                self.moments(values)
            elif isinstance(shape, DateShape):
                self.dates(values)
            elif isinstance(shape, ListShape):
                self.ints.extend(map(len, cast("Sequence[tuple[object, ...]]", values)))
                flat = list(chain.from_iterable(cast("Sequence[tuple[object, ...]]", values)))
                self.column(shape.item, flat)
            else:
                for field in shape.fields:
                    self.column(field.shape, list(map(operator.attrgetter(field.name), values)))
        else:  # decimals, money, durations, mappings, fixed tuples: distinct values
            self.interned(values, repr)

    def optional(self, inner: Shape, values: Sequence[object]) -> None:
        if isinstance(inner, TextShape):
            self.text(values)  # None is index -1
            return
        if isinstance(inner, EnumShape):
            self.interned(values, _identity)
            return
        present = [value is not None for value in values]
        self.ints.extend(map(int, present))
        self.column(inner, [value for value in values if value is not None])

    def union(self, shape: UnionShape, values: Sequence[object]) -> None:
        members = {member.cls: number for number, member in enumerate(shape.members)}
        tags = list(map(members.__getitem__, map(type, values)))
        self.ints.extend(tags)
        buckets: list[list[object]] = [[] for _ in shape.members]
        for value, tag in zip(values, tags, strict=True):
            buckets[tag].append(value)
        for member, bucket in zip(shape.members, buckets, strict=True):
            self.column(member, bucket)

    # -- the payload

    def payload(self, count: int) -> Packed:
        ints = self.ints
        packed_ints: bytes | tuple[int, ...]
        try:
            numbers = array.array("q", map(operator.sub, ints, chain((0,), ints)))
        except OverflowError:  # an integer beyond int64: kept as it is
            packed_ints = tuple(map(operator.sub, ints, chain((0,), ints)))
        else:
            if not _LITTLE:  # pragma: no cover - big-endian machines only
                numbers.byteswap()
            packed_ints = zlib.compress(numbers.tobytes(), _LEVEL)
        texts = [text for text in self.strings if text is not None]
        joined = _SEP.join(texts)
        packed_texts: bytes | tuple[str, ...]
        if joined.count(_SEP) == max(len(texts) - 1, 0):
            packed_texts = zlib.compress(joined.encode("utf-8", "surrogatepass"), _LEVEL)
        else:  # a text holding the separator (not from a checked record): kept as it is
            packed_texts = tuple(texts)
        return (
            FORMAT,
            count,
            len(texts),
            packed_texts,
            packed_ints,
            tuple(self.zones),
            tuple(self.values),
        )


def _expected_type(shape: DateTimeShape | DateShape | ListShape | RecordShape) -> type:
    if isinstance(shape, DateTimeShape):
        return pendulum.DateTime
    if isinstance(shape, DateShape):
        return pendulum.Date
    if isinstance(shape, ListShape):
        return frozenset if shape.unique else tuple
    return shape.cls


def _identity(value: object) -> object:
    return value


def _all_of(values: Sequence[object], cls: type) -> bool:
    return all(map(operator.is_, map(type, values), repeat(cls)))


def pack(shape: Shape, values: Sequence[object]) -> Packed:
    """The compact payload of ``values``, all of ``shape`` (a record or a union of records)."""
    writer = _Writer()
    writer.column(shape, values)
    return writer.payload(len(values))


# ---------------------------------------------------------------- reading


class _Reader:
    """Reads the columns of a payload back in the order they were written."""

    def __init__(self, packed: Packed) -> None:
        form, _count, text_count, texts, ints, zones, values = packed
        if form != FORMAT:
            msg = f"columnar payload of format {form!r}, this library reads {FORMAT}"
            raise ValueError(msg)
        if isinstance(ints, bytes):
            numbers = array.array("q")
            numbers.frombytes(zlib.decompress(ints))
            if not _LITTLE:  # pragma: no cover - big-endian machines only
                numbers.byteswap()
            self.ints = list(accumulate(numbers))
        else:
            self.ints = list(accumulate(ints))
        strings: list[str | None]
        if isinstance(texts, bytes):
            text = zlib.decompress(texts).decode("utf-8", "surrogatepass")
            strings = list(text.split(_SEP)) if text_count else []
        else:
            strings = list(texts)
        strings.append(None)  # index -1
        self.strings = strings
        self.zones = zones
        self.values = values
        self.position = 0
        self.setters: dict[type, tuple[Setter, ...] | None] = {}

    def take(self, count: int) -> list[int]:
        start = self.position
        self.position = start + count
        return self.ints[start : self.position]

    def column(self, shape: Shape, count: int) -> list[object]:
        if isinstance(shape, TextShape):
            return list(map(self.strings.__getitem__, self.indices(count)))
        if isinstance(shape, IntShape):
            return cast("list[object]", self.take(count))
        if isinstance(shape, BoolShape):
            return list(map(bool, self.take(count)))
        if isinstance(shape, OptionalShape):
            return self.optional(shape.inner, count)
        if isinstance(shape, UnionShape):
            return self.union(shape, count)
        if isinstance(shape, (DateTimeShape, DateShape, ListShape, RecordShape)):
            if not self.take(1)[0]:
                return self.interned(count)
            return self.typed(shape, count)
        return self.interned(count)

    def indices(self, count: int) -> Iterable[int]:
        """Table indices written by ``_Writer.indices``."""
        if self.take(1)[0]:
            return repeat(self.take(1)[0], count)
        return self.take(count)

    def interned(self, count: int) -> list[object]:
        return list(map(self.values.__getitem__, self.indices(count)))

    def typed(
        self, shape: DateTimeShape | DateShape | ListShape | RecordShape, count: int
    ) -> list[object]:
        if isinstance(shape, DateTimeShape):
            days = self.take(count)
            times = self.take(count)
            zones = map(self.zones.__getitem__, self.indices(count))
            states = map(
                _TO_BYTES,
                map(operator.or_, map(operator.lshift, days, repeat(_TIME_BITS)), times),
                repeat(10),
                repeat("big"),
            )
            return list(map(_DT_NEW, repeat(pendulum.DateTime), states, zones))
        if isinstance(shape, DateShape):
            states = map(_TO_BYTES, self.take(count), repeat(4), repeat("big"))
            return list(map(_DATE_NEW, repeat(pendulum.Date), states))
        if isinstance(shape, ListShape):
            lengths = self.take(count)
            flat = self.column(shape.item, sum(lengths))
            ends = list(accumulate(lengths))
            slices = map(slice, chain((0,), ends), ends)
            container: Callable[[Iterable[object]], object] = frozenset if shape.unique else tuple
            return list(map(container, map(flat.__getitem__, slices)))
        return self.records(shape, count)

    def optional(self, inner: Shape, count: int) -> list[object]:
        if isinstance(inner, (TextShape, EnumShape)):
            return self.column(inner, count)
        present = self.take(count)
        inner_values = iter(self.column(inner, sum(present)))
        return [next(inner_values) if flag else None for flag in present]

    def records(self, shape: RecordShape, count: int) -> list[object]:
        columns = [self.column(field.shape, count) for field in shape.fields]
        cls = shape.cls
        setters = self.setters.get(cls, ())
        if setters == ():
            setters = self.setters[cls] = _slot_setters(shape)
        if setters is None:
            names = [field.name for field in shape.fields]
            return [cls(**dict(zip(names, row, strict=True))) for row in zip(*columns, strict=True)]
        built: list[object] = list(map(_NEW, repeat(cls, count)))
        for setter, column in zip(setters, columns, strict=True):
            _consume(map(setter, built, column))
        return built

    def union(self, shape: UnionShape, count: int) -> list[object]:
        tags = self.take(count)
        sizes = [0] * len(shape.members)
        for tag in tags:
            sizes[tag] += 1
        nexts = [
            iter(self.column(member, size)).__next__
            for member, size in zip(shape.members, sizes, strict=True)
        ]
        return [nexts[tag]() for tag in tags]


def _slot_setters(shape: RecordShape) -> tuple[Setter, ...] | None:
    """The slot setters of a record's fields, or ``None`` when it must be built checked."""
    cls = shape.cls
    if len(attrs.fields(cls)) != len(shape.fields):  # a computed (non-init) field
        return None
    setters: list[Setter] = []
    for field in shape.fields:
        descriptor = getattr(cls, field.name, None)
        if type(descriptor).__name__ != "member_descriptor":
            return None
        setters.append(cast("Setter", descriptor.__set__))  # type: ignore[union-attr]  # a slot descriptor has __set__
    return tuple(setters)


def unpack(shape: Shape, packed: Packed) -> list[object]:
    """The values of a payload made by [`pack`][] with the same shape."""
    return _Reader(packed).column(shape, packed[1])


def rebuild(cls: type, packed: Packed) -> object:
    """The one record of class ``cls`` in ``packed`` (the target of a ``__reduce__``)."""
    return unpack(record_shape(cls), packed)[0]


def pack_union(union: object, values: Sequence[object]) -> Packed:
    """The compact payload of a sequence of values of the union type ``union`` (event logs)."""
    return pack(shape_of(union), values)


def unpack_union(union: object, packed: Packed) -> tuple[object, ...]:
    """The values of a payload made by [`pack_union`][] with the same union type."""
    return tuple(unpack(shape_of(union), packed))


def reduce_record(record: object) -> tuple[Callable[[type, Packed], object], tuple[type, Packed]]:
    """A ``__reduce__`` value for an attrs record: its class and its columns."""
    cls = type(record)
    return rebuild, (cls, pack(record_shape(cls), (record,)))
