"""Audit findings as data: a `Violation` is returned, never raised.

An audit is a tuple of checks, each a pure function
``(subject, context) -> tuple[Violation, ...]`` (the beancount way). A
violation names the rule it breaks (``FS-3``), a stable code, a severity, the
subject it concerns, the parameters of the finding and a message in English and
Simplified Chinese.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Final

import attrs

from schoollogistics.core.money import Money
from schoollogistics.core.shapes import check_text, checked_fields
from schoollogistics.errors import FieldTypeError

__all__ = ["FindingsReport", "Params", "Severity", "Violation", "sort_violations"]


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
        if isinstance(items, Mapping):
            pairs: Iterable[object] = items.items()
        elif isinstance(items, (list, tuple)):
            pairs = items
        else:
            raise FieldTypeError(
                field="Params",
                expected="a mapping of text",
                expected_zh="文本映射",
                type_name=type(items).__name__,
            )
        checked: list[tuple[str, str]] = []
        for pair in pairs:
            if not isinstance(pair, tuple) or len(pair) != 2:
                raise FieldTypeError(
                    field="Params",
                    expected="(key, value) pairs",
                    expected_zh="（键, 值）对",
                    type_name=type(pair).__name__,
                )
            key, value = pair
            if type(key) is not str:
                raise FieldTypeError(
                    field="Params key",
                    expected="text",
                    expected_zh="文本",
                    type_name=type(key).__name__,
                )
            check_text(key, "Params key")
            checked.append((key, check_text(_text(value, key), f"Params[{key[:40]!r}]")))
        self._items = tuple(sorted(checked))

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


_TEXT_TYPES: Final = (str, int, Decimal, Money, dt.timedelta)


def _text(value: object, key: str) -> str:
    """A parameter's text: values of known types only (never the ``str()`` of a dict)."""
    if isinstance(value, str):
        return value
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, _TEXT_TYPES) and not isinstance(value, float):
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
            raise FieldTypeError(
                field=f"Params[{key[:40]!r}]",
                expected="an integer below 2^256",
                expected_zh="小于 2^256 的整数",
                type_name="int",
            )
        return str(value)
    raise FieldTypeError(
        field=f"Params[{key[:40]!r}]",
        expected="text, a number, a date, a moment or an enum",
        expected_zh="文本、数字、日期、时刻或枚举",
        type_name=type(value).__name__,
    )


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


# ---------------------------------------------------------------- rich display (Jupyter)


def _html_cell(value: object) -> str:
    """One value as escaped HTML text (money as its amount, an enum as its value)."""
    if value is None:
        return ""
    if isinstance(value, Money):
        return html.escape(str(value.amount))
    if isinstance(value, enum.Enum):
        return html.escape(str(value.value))
    if isinstance(value, (dt.date, dt.time)):
        return html.escape(value.isoformat())
    return html.escape(str(value))


def _html_table(
    headers: Sequence[str], rows: Iterable[Sequence[object]], caption: str | None = None
) -> str:
    """An HTML ``<table>`` of escaped cells (the ``_repr_html_`` of records; pure text)."""
    parts = ['<table class="schoollogistics">']
    if caption is not None:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append("<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in headers))
    parts.append("</tr></thead><tbody>")
    parts.extend(
        "<tr>" + "".join(f"<td>{_html_cell(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    parts.append("</tbody></table>")
    return "".join(parts)


class FindingsReport:
    """Findings in their canonical order, with counts by rule; a table in Jupyter.

    ``FindingsReport(audit(...))`` wraps what any audit returns (a tuple of
    violations). It iterates and has a length like that tuple.

    Raises:
        FieldTypeError: an item is not a ``Violation`` (``input.wrong_type``).
    """

    __slots__ = ("violations",)

    violations: tuple[Violation, ...]

    def __init__(self, violations: Iterable[Violation]) -> None:
        found = tuple(violations)
        for index, item in enumerate(found):
            if not isinstance(item, Violation):
                raise FieldTypeError(
                    field=f"violations[{index}]",
                    expected="a Violation",
                    expected_zh="「Violation」",
                    type_name=type(item).__name__,
                )
        self.violations = sort_violations(found)

    @property
    def counts_by_rule(self) -> dict[str, int]:
        """How many findings each rule has, by rule ID."""
        counts: dict[str, int] = {}
        for item in self.violations:
            counts[item.rule] = counts.get(item.rule, 0) + 1
        return counts

    def __iter__(self) -> Iterator[Violation]:
        return iter(self.violations)

    def __len__(self) -> int:
        return len(self.violations)

    def __repr__(self) -> str:
        return f"FindingsReport({len(self.violations)} findings, by rule {self.counts_by_rule})"

    def _repr_html_(self) -> str:
        counts = _html_table(
            ("rule 规则", "findings 条数"),
            sorted(self.counts_by_rule.items()),
            caption=f"{len(self.violations)} findings 条审计结果",
        )
        listing = _html_table(
            ("rule", "code", "severity", "subject", "message", "说明"),
            (
                (v.rule, v.code, v.severity, v.subject, v.message_en, v.message_zh)
                for v in self.violations
            ),
        )
        return counts + listing
