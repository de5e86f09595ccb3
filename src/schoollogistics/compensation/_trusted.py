"""Trusted constructors: records the hot path builds from values it has already checked.

Every public record of the area checks its fields when built
(``field_transformer=checked_fields()``), and a caller can only build one
through that constructor. The assessment, however, builds its output records
from values that are valid by construction: texts, enums and ids copied from
a claim that was checked when it was built, and amounts it computed itself in
whole fen within the money domain. Checking them again was most of the cost of
an assessment. A *trusted constructor* builds the same record without the
checks: ``object.__new__`` and one slot assignment per field, through the
slot's own descriptor (a frozen record refuses ``setattr``).

A trusted constructor is a plain function, written out field by field (no
generated code), decorated with
[`trusted_constructor`][schoollogistics.compensation._trusted.trusted_constructor],
which refuses it when the module is imported unless its parameters are exactly
the record's fields, in order. The public constructors are untouched: only
this area's hot path skips the checks, and the tests assert that every record
it builds equals the one the checking constructor builds from the same values,
and that each parameter lands in its own field.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TypeVar

import attrs

__all__ = ["Setter", "slot_setters", "trusted_constructor"]

F = TypeVar("F", bound=Callable[..., object])

Setter = Callable[[object, object], None]
"""The ``__set__`` of a slot descriptor: ``setter(record, value)``."""


def _field_names(cls: type) -> list[str]:
    fields = attrs.fields(cls)
    if any(not field.init or field.name.startswith("_") for field in fields):
        message = f"{cls.__name__} has private or non-init fields: no trusted constructor"
        raise TypeError(message)
    return [field.name for field in fields]


def slot_setters(cls: type) -> tuple[Setter, ...]:
    """The setters of the slots of ``cls``'s fields, in field order.

    Raises:
        TypeError: ``cls`` has a private or non-init field (its constructor
            computes something a trusted constructor would skip).
    """
    return tuple(cls.__dict__[name].__set__ for name in _field_names(cls))


def trusted_constructor(cls: type) -> Callable[[F], F]:
    """Mark a function as the trusted constructor of ``cls``, checking its parameters.

    Returns:
        A decorator returning the function itself, after checking that its
        parameters are the fields of ``cls`` in order (a ``TypeError`` at
        import otherwise), so that the setters of
        [`slot_setters`][schoollogistics.compensation._trusted.slot_setters]
        line up with them.
    """
    names = _field_names(cls)

    def decorate(function: F) -> F:
        parameters = list(inspect.signature(function).parameters)
        if parameters != names:
            message = f"{function.__name__} takes {parameters}, {cls.__name__} has {names}"
            raise TypeError(message)
        return function

    return decorate
