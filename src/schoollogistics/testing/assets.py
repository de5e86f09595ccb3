"""Hypothesis strategies for `schoollogistics.assets`.

Every record of the area is built field by field from its annotations: ids are
short non-blank strings, quantities small non-negative integers, amounts whole
fen, dates pendulum ``Date``. The values are well-typed (they round-trip through
the serialization module), not necessarily consistent with a ledger: drive an
[`AssetLedger`][schoollogistics.assets.AssetLedger] for that.
"""

from __future__ import annotations

import enum
import types
import typing
from typing import Final

import attrs
import pendulum
from hypothesis import strategies as st

from schoollogistics.assets._serde import SERIALIZABLE_TYPES
from schoollogistics.core.money import Money
from schoollogistics.testing._core import StrategyTable, dates, fen_amounts

__all__ = ["STRATEGIES", "asset_ids", "asset_records"]


def asset_ids() -> st.SearchStrategy[str]:
    """Short non-blank identifiers (tags, item, place and holder ids)."""
    return st.text(alphabet="abcdefghijkmnpqrstuvwxyz0123456789-", min_size=1, max_size=8)


_SIMPLE: Final[StrategyTable] = {
    str: asset_ids(),
    int: st.integers(0, 10_000),
    bool: st.booleans(),
    Money: fen_amounts(0, 100_000),
    pendulum.Date: dates(),
}


def _for_type(annotation: object) -> st.SearchStrategy[object]:
    if annotation in _SIMPLE:
        return _SIMPLE[annotation]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return st.sampled_from(annotation)
    if isinstance(annotation, type) and attrs.has(annotation):
        return st.deferred(lambda: asset_records(annotation))
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is tuple:
        return st.lists(_for_type(arguments[0]), max_size=3).map(tuple)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([_for_type(argument) for argument in arguments])
    if annotation is type(None):
        return st.none()
    raise TypeError(annotation)  # pragma: no cover - every registered field type is covered


def asset_records(cls: type) -> st.SearchStrategy[object]:
    """Records of an attrs class of the area, every field drawn from its type."""
    attrs.resolve_types(cls)
    fields = {field.name: _field(field) for field in attrs.fields(cls)}
    return st.builds(cls, **fields)


def _field(field: attrs.Attribute[object]) -> st.SearchStrategy[object]:
    """A field's strategy: its type's, an integer from the field's ``minimum`` if it has one."""
    minimum = field.metadata.get("minimum")
    if field.type is int and isinstance(minimum, int):
        return st.integers(minimum, minimum + 10_000)
    return _for_type(field.type)


def _strategy(cls: type) -> st.SearchStrategy[object]:
    if issubclass(cls, enum.Enum):
        return st.sampled_from(cls)
    return asset_records(cls)


STRATEGIES: Final[StrategyTable] = {cls: _strategy(cls) for cls in SERIALIZABLE_TYPES}
"""One strategy per serializable public type of the area."""
