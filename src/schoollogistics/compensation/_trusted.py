"""Trusted constructors: records the hot path builds from values it has already checked.

Every public record of the area checks its fields when built
(``field_transformer=checked_fields()``), and a caller can only build one
through that constructor. The assessment, however, builds its output records
from values that are valid by construction: texts, enums and ids copied from
a claim that was checked when it was built, and amounts it computed itself in
whole fen within the money domain. Checking them again is most of the cost of
an assessment. A *trusted constructor* builds the same record without the
checks: ``object.__new__`` and one slot assignment per field, in field order.

[`trusted`][schoollogistics.compensation._trusted.trusted] turns a typed stub
into such a constructor. The stub states the signature (so that mypy checks
every call); the decorator verifies, when the module is imported, that the
stub's parameters are exactly the record's fields in order, and returns code
generated for them. The public constructors are untouched: only this
module's callers skip the checks, and the tests assert that every record they
build equals the one the checking constructor builds from the same values.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import FunctionType
from typing import TypeVar, cast

import attrs

__all__ = ["trusted"]

F = TypeVar("F", bound=Callable[..., object])


def _builder_source(names: list[str]) -> str:
    parameters = ", ".join(names)
    lines = [f"def build({parameters}):", "    _o = _new(_cls)"]
    lines.extend(f"    _s{index}(_o, {name})" for index, name in enumerate(names))
    lines.append("    return _o")
    return "\n".join(lines)


def trusted(cls: type) -> Callable[[F], F]:
    """Replace a typed stub by a constructor of ``cls`` that assigns its fields unchecked.

    Args:
        cls: A slotted attrs class whose fields are all public and in ``__init__``.

    Returns:
        A decorator: it checks that the stub's parameters are the fields of
        ``cls`` in order (a ``TypeError`` at import otherwise) and returns the
        generated constructor, which takes the same arguments.
    """
    fields = attrs.fields(cls)
    names = [field.name for field in fields]
    if any(not field.init or field.name.startswith("_") for field in fields):
        message = f"{cls.__name__} has private or non-init fields: no trusted constructor"
        raise TypeError(message)
    setters = {
        f"_s{index}": cls.__dict__[name].__set__  # the slot's own descriptor
        for index, name in enumerate(names)
    }

    def decorate(stub: F) -> F:
        parameters = list(inspect.signature(stub).parameters)
        if parameters != names:
            message = f"{stub.__name__} takes {parameters}, {cls.__name__} has {names}"
            raise TypeError(message)
        namespace: dict[str, object] = {"_new": object.__new__, "_cls": cls, **setters}
        exec(_builder_source(names), namespace)  # noqa: S102 - source generated from field names
        build = cast("FunctionType", namespace["build"])
        build.__code__ = build.__code__.replace(co_name=stub.__name__)  # named in profiles
        build.__name__ = build.__qualname__ = stub.__name__
        build.__doc__ = stub.__doc__
        return cast("F", build)

    return decorate
