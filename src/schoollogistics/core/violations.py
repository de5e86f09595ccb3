"""Audit findings as data: a `Violation` is returned, never raised.

An audit is a tuple of checks, each a pure function
``(subject, context) -> tuple[Violation, ...]`` (the beancount way). A
violation names the rule it breaks (``FS-3``), a stable code, a severity, the
subject it concerns, the parameters of the finding and a message in English and
Simplified Chinese.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping

import attrs

from schoollogistics.core.shapes import checked_fields

__all__ = ["Params", "Severity", "Violation", "sort_violations"]


class Severity(enum.Enum):
    """How serious a finding is."""

    ERROR = "error"
    """A breach of the rule (违规)."""
    WARNING = "warning"
    """Worth attention, not a breach by itself (提醒)."""
    INFO = "info"
    """For the record (提示)."""


class Params(Mapping[str, str]):
    """An immutable, hashable mapping of text parameters (sorted by key).

    Values are stored as text so that findings serialize and compare simply;
    amounts keep their exact decimal text (``"12.50"``) and moments their ISO
    8601 text.
    """

    __slots__ = ("_items",)

    _items: tuple[tuple[str, str], ...]

    def __init__(self, items: Mapping[str, object] | Iterable[tuple[str, object]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        self._items = tuple(sorted((str(k), _text(v)) for k, v in pairs))

    @classmethod
    def __shape__(cls) -> object:
        """The JSON shape of params: an object of text values (read by the converter)."""
        from schoollogistics.core.shapes import MapShape, TextShape  # noqa: PLC0415 - a cycle

        return MapShape(TextShape(), TextShape(), cls=cls)

    def __getitem__(self, key: str) -> str:
        for k, v in self._items:
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (k for k, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Params):
            return self._items == other._items
        if isinstance(other, Mapping):
            return dict(self._items) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"Params({dict(self._items)!r})"


def _text(value: object) -> str:
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return str(isoformat())
    return str(value)


def _params_converter(value: Mapping[str, object] | Iterable[tuple[str, object]]) -> Params:
    return value if isinstance(value, Params) else Params(value)


@attrs.frozen(field_transformer=checked_fields())
class Violation:
    """One audit finding.

    Attributes:
        code: Stable dotted code of the finding, e.g. ``food_samples.underweight``.
        severity: How serious it is.
        subject: What it is about (a sample id, a tag, a room), as text.
        rule: The rule ID it concerns, e.g. ``FS-2``.
        params: The values of the finding (grams, limits, times) as text.
        message_en: A sentence in English.
        message_zh: A sentence in Simplified Chinese.
    """

    code: str
    severity: Severity
    subject: str
    rule: str
    params: Params = attrs.field(factory=Params, converter=_params_converter)
    message_en: str = ""
    message_zh: str = ""

    def sort_key(self) -> tuple[str, str, str, tuple[tuple[str, str], ...], str, str, str]:
        """A total order (over every field) to report findings independently of input order."""
        return (
            self.rule,
            self.code,
            self.subject,
            tuple(self.params.items()),
            self.severity.value,
            self.message_en,
            self.message_zh,
        )


def sort_violations(violations: Iterable[Violation]) -> tuple[Violation, ...]:
    """Return the findings in a canonical order (rule, code, subject, params)."""
    return tuple(sorted(violations, key=Violation.sort_key))
