r"""The error hierarchy: every refusal is a typed error with a stable code.

Each concrete error class declares

* ``code``: a stable dotted identifier (``money.float_refused``) that front ends
  and tests can rely on; it never changes once released;
* ``message_en`` / ``message_zh``: message templates in English and Simplified
  Chinese, formatted with the error's ``params``.

Raising an error never leaves partial state behind: operations validate first
and change nothing when they refuse (non-negotiable 4). Business-rule findings
of audits are *not* errors; they are returned as
[`Violation`][schoollogistics.core.violations.Violation] records.

Areas define their own concrete errors in their packages, subclassing the area
bases declared here ([`AssetError`][schoollogistics.errors.AssetError], ...).
Every code is listed in the error-code catalogue of the docs; a test fails when
one is missing.

Errors as data
--------------
[`SchoolLogisticsError.to_dict`][schoollogistics.errors.SchoolLogisticsError.to_dict]
gives a JSON-ready payload (code, params, both messages, path) for a front end;
[`with_path`][schoollogistics.errors.SchoolLogisticsError.with_path] returns a
copy that names where in a document the refused value was.

Every value shown in a message or in ``to_dict`` params is rendered by one
bounded, total function: text longer than 80 characters is cut to its first 77
characters and ``…``; characters that are not printable (control characters,
lone surrogates) are shown escaped (``\n``, ``\udc80``); integers of more than
80 digits are shown as ``≈1.234568×10^5000``; lists show at most 20 items;
nesting deeper than two levels is shown as text; an object whose ``str`` fails
is shown by its type name. Rendering never raises.

Rules for the zh-CN text
------------------------
The Chinese messages contain no English wording. Three kinds of parameter
exist:

* **Descriptive parameters** (a ``reason``, an ``expected`` kind) are never plain
  English text: they are a [`Phrase`][schoollogistics.errors.Phrase] (library text
  in both languages, ``Phrase("must be positive", "必须为正数")``) or a key of a small
  bilingual table ([`Expected`][schoollogistics.errors.Expected]). The English
  message shows the English side, the Chinese message the Chinese side. (A few
  kernel errors carry such a pair as two parameters, ``reason`` and
  ``reason_zh``; their Chinese template names the ``_zh`` one.)
* **Identifiers and caller text** (field names, ids, tags, Python type names,
  enum values, the text of a refused value) are shown as code: in the zh-CN
  templates they stand inside corner brackets, ``「{field}」``. Code names that a
  template itself cites (``「quantize_fen」``, ``「Decimal」``, ``「DC-8」``) are
  bracketed the same way.
* **Numbers, amounts, dates and times** are shown bare (``2025-09-01``,
  ``12.50``, ``2025-09-05T11:00:00+08:00``).

So, outside 「…」 and outside rendered numbers and times, a zh-CN message has no
ASCII letters; a test checks every error class. Each template's English and
Chinese placeholders are the same set.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import string
from collections.abc import Mapping, Set
from decimal import Decimal
from types import MappingProxyType
from typing import ClassVar, Final, Literal, TypeAlias, TypedDict, cast, dataclass_transform

__all__ = [
    "AmountNotFiniteError",
    "AmountNotInFenError",
    "AmountOutOfRangeError",
    "AmountTextError",
    "AmountTypeError",
    "AssetError",
    "CalendarError",
    "CanteenError",
    "CapitalTextError",
    "CompensationError",
    "ConcurrencyError",
    "ControlCharacterError",
    "EmptyIdentifierError",
    "ErrorPayload",
    "EventSequenceError",
    "Expected",
    "FieldTypeError",
    "FloatAmountError",
    "FoodSampleError",
    "IdentifierError",
    "InvalidArgumentError",
    "InvalidInputError",
    "InvalidWeightsError",
    "JSONValue",
    "MoneyError",
    "NaiveDateTimeError",
    "NegativeAmountError",
    "Phrase",
    "PurchasingError",
    "RepairError",
    "SafetyError",
    "SchoolLogisticsError",
    "SerializationError",
    "SurrogateTextError",
    "TextError",
    "TextTooLongError",
    "TimeError",
    "TimeOutOfRangeError",
    "TimeParseError",
    "TimeTypeError",
    "UnknownKeyError",
    "UnknownTimezoneError",
    "UnserializableError",
    "ValueOutOfRangeError",
    "VersionConflictError",
    "render_value",
]


JSONValue: TypeAlias = "bool | int | float | str | list[JSONValue] | dict[str, JSONValue] | None"
"""A value :func:`json.dumps` accepts as is."""

Language: TypeAlias = Literal["en", "zh"]


class ErrorPayload(TypedDict):
    """The JSON form of an error.

    See [`to_dict`][schoollogistics.errors.SchoolLogisticsError.to_dict] for each field.
    """

    code: str
    params: dict[str, JSONValue]
    message_en: str
    message_zh: str
    path: str | None


VALUE_LIMIT: Final = 80
"""Longest rendering of one value, in characters (longer ones are cut to 77 + ``…``)."""
PHRASE_LIMIT: Final = 240
"""Longest [`Phrase`][schoollogistics.errors.Phrase] text, in characters."""
PATH_LIMIT: Final = 200
"""Longest ``path``, in characters."""
ITEM_LIMIT: Final = 20
"""Most items of a list shown in a message or in ``to_dict`` params."""
_ELLIPSIS: Final = "…"
_SAFE_INT_BITS: Final = 256  # at most 78 decimal digits: str() is cheap and short
_JSON_INT_MAX: Final = 2**53 - 1
_BASE_ATTRIBUTES: Final = frozenset({"params", "message_en", "message_zh", "args", "path"})
_FORMATTER: Final = string.Formatter()


# ---------------------------------------------------------------- bilingual text


class Phrase(str):
    """Library text in English and Simplified Chinese, for a descriptive parameter.

    ``Phrase("must be positive", "必须为正数")``. The phrase *is* its English text
    (a ``str``: it compares equal to it, and an English message shows it);
    [`zh`][schoollogistics.errors.Phrase.zh] is the Chinese text, shown in the
    zh-CN message. Values named in the texts are given as keyword arguments
    and rendered like error parameters (bounded, escaped):
    ``Phrase("{value!r} is not a number", "「{value}」不是数字", value=text)``.
    Each text is at most ``PHRASE_LIMIT`` (240) characters. In ``to_dict``
    params a phrase is ``{"en": str, "zh": str}``.
    """

    _zh: str

    def __new__(cls, en: str, zh: str, /, **values: object) -> Phrase:  # noqa: D102
        en_text = _cut(_format(en, values, "en"), PHRASE_LIMIT)
        zh_text = _cut(_format(zh, values, "zh"), PHRASE_LIMIT)
        return _phrase(en_text, zh_text)

    @classmethod
    def of_text(cls, en: str, zh: str) -> Phrase:
        """A phrase from text already written out (no placeholders are filled).

        For text assembled elsewhere, such as the first entry of a loading
        report: both texts are escaped and cut to ``PHRASE_LIMIT`` like values.
        """
        return _phrase(
            _cut(_escape(str(en), PHRASE_LIMIT), PHRASE_LIMIT),
            _cut(_escape(str(zh), PHRASE_LIMIT), PHRASE_LIMIT),
        )

    @property
    def en(self) -> str:
        """The English text."""
        return str.__str__(self)

    @property
    def zh(self) -> str:
        """The Simplified Chinese text."""
        return self._zh

    def __setattr__(self, name: str, value: object) -> None:
        msg = "Phrase is immutable"
        raise AttributeError(msg)

    def __repr__(self) -> str:
        return f"Phrase({self.en!r}, {self._zh!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (_phrase, (self.en, self._zh))


def _phrase(en: str, zh: str) -> Phrase:
    made = str.__new__(Phrase, en)
    object.__setattr__(made, "_zh", zh)
    return made


class Expected(enum.StrEnum):
    """What a time or type check expected: a key with English and Chinese wording.

    The key (``"date"``) is what ``to_dict`` params carry; the messages show
    ``Expected.DATE.en`` (``"a date"``) and ``Expected.DATE.zh`` (``"日期"``).
    """

    DATE = "date"
    DATETIME = "datetime"
    AWARE_DATETIME = "aware_datetime"
    DURATION = "duration"
    TEXT = "text"
    INTEGER = "integer"
    OBJECT = "object"
    LIST = "list"
    TIMEZONE_NAME = "timezone_name"
    ISO_DATE_TEXT = "iso_date_text"
    ISO_DATETIME_TEXT = "iso_datetime_text"
    WHOLE_SECONDS = "whole_seconds"

    @property
    def en(self) -> str:
        """The English wording (``"a date"``)."""
        return _EXPECTED_WORDING[self][0]

    @property
    def zh(self) -> str:
        """The Chinese wording (``"日期"``)."""
        return _EXPECTED_WORDING[self][1]


_EXPECTED_WORDING: Final[Mapping[Expected, tuple[str, str]]] = MappingProxyType(
    {
        Expected.DATE: ("a date", "日期"),
        Expected.DATETIME: ("a date-time", "日期时间"),
        Expected.AWARE_DATETIME: ("an aware datetime", "带时区的日期时间"),
        Expected.DURATION: ("a duration", "时长"),
        Expected.TEXT: ("text", "文本"),
        Expected.INTEGER: ("an integer", "整数"),
        Expected.OBJECT: ("an object", "对象"),
        Expected.LIST: ("a list", "列表"),
        Expected.TIMEZONE_NAME: ("an IANA timezone name", "「IANA」时区名称"),
        Expected.ISO_DATE_TEXT: ("YYYY-MM-DD text", "「YYYY-MM-DD」格式的日期文本"),
        Expected.ISO_DATETIME_TEXT: ("ISO 8601 text", "「ISO 8601」格式的日期时间文本"),
        Expected.WHOLE_SECONDS: ("whole seconds", "整秒数"),
    }
)


# ---------------------------------------------------------------- bounded rendering


def _cut(text: str, limit: int = VALUE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 3] + _ELLIPSIS


def _escape(text: str, limit: int = VALUE_LIMIT) -> str:
    """The first ``limit + 1`` characters of ``text`` at least, non-printables escaped."""
    head = str.__str__(text[: limit + 1])
    if head.isprintable():
        return head
    out: list[str] = []
    for char in head:
        if char.isprintable():
            out.append(char)
        elif char in "\t\n\r":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r"}[char])
        else:
            point = ord(char)
            out.append(
                f"\\x{point:02x}"
                if point < 0x100
                else f"\\u{point:04x}"
                if point < 0x10000
                else f"\\U{point:08x}"
            )
    return "".join(out)


def _int_text(value: int) -> str:
    if value.bit_length() <= _SAFE_INT_BITS:
        return int.__repr__(value)
    exponent = math.log10(abs(value))  # exact enough for a display; never raises for an int
    whole = math.floor(exponent)
    sign = "-" if value < 0 else ""
    return f"≈{sign}{10 ** (exponent - whole):.6f}×10^{whole}"


def _seconds(value: dt.timedelta) -> str:
    whole = value.days * 86400 + value.seconds
    return str(whole) if not value.microseconds else f"{whole}.{value.microseconds:06d}"


def _items(value: object) -> list[object] | None:
    """The first ``ITEM_LIMIT + 1`` items of a list-like value, or None."""
    if isinstance(value, (list, tuple)):
        return list(value[: ITEM_LIMIT + 1])
    if isinstance(value, (Set, frozenset)):
        out: list[object] = []
        for item in value:
            out.append(item)
            if len(out) > ITEM_LIMIT:
                break
        if len(value) <= ITEM_LIMIT:
            out.sort(key=lambda v: _text(v, "en", 2))
        return out
    return None


def _text(value: object, language: Language, depth: int = 0) -> str:
    """One value as message text, at most ``VALUE_LIMIT`` characters; never raises."""
    try:
        if isinstance(value, Phrase):
            return value.zh if language == "zh" else value.en
        if isinstance(value, Expected):
            return value.zh if language == "zh" else value.en
        if isinstance(value, str):
            return _cut(_escape(value))
        if isinstance(value, enum.Enum):
            return _text(value.value, language, depth)
        if value is None or isinstance(value, bool):
            return str(value)
        if isinstance(value, int):
            return _int_text(value)
        if isinstance(value, float):
            return float.__repr__(value)
        if isinstance(value, Decimal):
            return _cut(_escape(str(value)))
        if isinstance(value, (dt.date, dt.time)):
            return value.isoformat()
        if isinstance(value, dt.timedelta):
            return f"{_seconds(value)} s"
        if isinstance(value, SchoolLogisticsError):
            message = value.message_zh if language == "zh" else value.message_en
            where = f" @ {value.path}" if value.path else ""
            return _cut(f"{value.code}: {message}{where}")
        items = _items(value)
        if items is not None:
            if depth >= 2:
                return _ELLIPSIS
            shown: list[str] = []
            size = 0
            for item in items[:ITEM_LIMIT]:
                part = _text(item, language, depth + 1)
                shown.append(part)
                size += len(part) + 2
                if size > VALUE_LIMIT:
                    break
            if len(items) > len(shown):
                shown.append(_ELLIPSIS)
            return _cut(", ".join(shown))
        if isinstance(value, Mapping):
            if depth >= 2:
                return _ELLIPSIS
            pairs = [
                f"{_text(k, language, depth + 1)}: {_text(v, language, depth + 1)}"
                for k, v in list(value.items())[:ITEM_LIMIT]
            ]
            return _cut(", ".join(pairs))
        return _cut(_escape(str(value)))
    except Exception:  # noqa: BLE001 - any failure of a caller's __str__ is shown, not raised
        return _cut(f"<{_escape(type(value).__name__)}>")


def _quoted(value: object, language: Language, depth: int = 0) -> str:
    """The ``!r`` form: text in quotes, a list in brackets, anything else as ``_text``."""
    if isinstance(value, (Phrase, Expected)):
        return _text(value, language)
    if isinstance(value, str):
        return f"'{_text(value, language)}'"
    items = _items(value)
    if items is None or depth >= 2:
        return _text(value, language, depth)
    shown: list[str] = []
    size = 0
    for item in items[:ITEM_LIMIT]:
        part = _quoted(item, language, depth + 1)
        shown.append(part)
        size += len(part) + 2
        if size > VALUE_LIMIT:
            break
    if len(items) > len(shown):
        shown.append(_ELLIPSIS)
    return _cut(f"[{', '.join(shown)}]")


def _format(template: str, values: Mapping[str, object], language: Language) -> str:
    """Fill ``template`` with bounded renderings; a missing value is a ``KeyError``."""
    out: list[str] = []
    for literal, name, spec, conversion in _FORMATTER.parse(template):
        out.append(literal)
        if name is None:
            continue
        value = values[name]
        shown = _quoted(value, language) if conversion == "r" else _text(value, language)
        out.append(format(shown, spec) if spec else shown)
    return "".join(out)


def _json(value: object, depth: int = 0) -> JSONValue:
    """One value as JSON-ready data, bounded like ``_text``; never raises."""
    try:
        if isinstance(value, Phrase):
            return {"en": value.en, "zh": value.zh}
        if isinstance(value, Expected):
            return value.value
        if isinstance(value, str):
            return _cut(_escape(value))
        if isinstance(value, enum.Enum):
            return _json(value.value, depth)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int):
            return int(value) if -_JSON_INT_MAX <= value <= _JSON_INT_MAX else _int_text(value)
        if isinstance(value, float):
            return float(value) if math.isfinite(value) else float.__repr__(value)
        if isinstance(value, SchoolLogisticsError) and depth < 2:
            return cast("JSONValue", value._payload(depth + 1))
        items = _items(value)
        if items is not None and depth < 2:
            listed: list[JSONValue] = [_json(item, depth + 1) for item in items[:ITEM_LIMIT]]
            if len(items) > ITEM_LIMIT:
                listed.append(_ELLIPSIS)
            return listed
        return _text(value, "en", depth)
    except Exception:  # noqa: BLE001 - rendering a payload never raises
        return _cut(f"<{_escape(type(value).__name__)}>")


_MAX_PARAM_ITEMS: Final = 20
_MAX_INT_BITS: Final = 256


def _short_repr(value: object) -> bool:
    """Whether ``repr(value)`` is short (a hostile ``__repr__`` that raises is not)."""
    try:
        return len(repr(value)) <= VALUE_LIMIT
    except Exception:  # noqa: BLE001 - any failure of a caller's __repr__ means "not short"
        return False


def _bounded(value: object, depth: int = 0) -> object:
    """A parameter as kept on the error: the value itself when small, else its short text.

    Front ends and logs read ``params``; a refused 2 MB text, a 5,000-digit integer
    or an object whose ``repr`` raises must not travel with the error. Text longer
    than ``VALUE_LIMIT`` is cut (as in the messages), integers over 256 bits and
    objects with a long or failing ``repr`` become their rendered text, lists and
    tuples keep at most 20 items. Small values (ids, amounts, dates, phrases) are
    kept as they are, so ``params`` stays typed for Python callers.
    """
    if value is None or isinstance(value, (bool, float, Phrase, Expected, SchoolLogisticsError)):
        return value
    if type(value) is str:
        return value if len(value) <= VALUE_LIMIT else _text(value, "en")
    if type(value) is int:
        return value if value.bit_length() <= _MAX_INT_BITS else _text(value, "en")
    if isinstance(value, (tuple, list)) and depth < 2:  # deeper nesting: text
        items = [_bounded(item, depth + 1) for item in value[:_MAX_PARAM_ITEMS]]
        if len(value) > _MAX_PARAM_ITEMS:
            items.append("…")
        return tuple(items) if type(value) is tuple else items
    if _short_repr(value):
        return value
    return _text(value, "en")


def render_value(value: object, language: Language = "en") -> str:
    """The message text of one parameter value, as every error shows it.

    Total and bounded: at most ``VALUE_LIMIT`` (80) characters for a value (a
    [`Phrase`][schoollogistics.errors.Phrase] at most ``PHRASE_LIMIT``), valid
    printable Unicode, for any object; it never raises.
    """
    return _text(value, language)


# ---------------------------------------------------------------- the base class


@dataclass_transform(kw_only_default=True)
class SchoolLogisticsError(Exception):
    """Base of every error raised by schoollogistics.

    Each concrete error class declares its parameters as annotated class
    attributes (``item_id: str``); type checkers then see a keyword-only
    constructor with exactly those parameters (``dataclass_transform``), and at
    run time a missing or unknown parameter is a ``TypeError`` (a bug in the
    caller, not a refusal). Each parameter is also an attribute of the error.

    Attributes:
        code: Stable dotted identifier of the error kind.
        params: The values the messages are built from, as given (for Python
            callers); ``to_dict()["params"]`` has their JSON-ready rendering.
        message_en: The message in English.
        message_zh: The message in Simplified Chinese.
        path: Where in a document the refused value was (a JSONPath such as
            ``"$.lines[0].amount"``), or None. Set by serialization through
            [`with_path`][schoollogistics.errors.SchoolLogisticsError.with_path],
            which returns a copy; an error is never changed after it is made.
    """

    code: ClassVar[str] = "error"
    message_en_template: ClassVar[str] = "schoollogistics error"
    message_zh_template: ClassVar[str] = "学校后勤库错误"
    param_names: ClassVar[tuple[str, ...]] = ()
    """The names of the parameters this class declares (its own and inherited)."""
    _required: ClassVar[frozenset[str]] = frozenset()
    _defaults: ClassVar[Mapping[str, object]] = MappingProxyType({})
    _composed_params: ClassVar[frozenset[str]] = frozenset()
    """Params the library composes from already-bounded parts (kept whole, not cut to 80)."""

    params: Mapping[str, object]
    message_en: str
    message_zh: str
    path: str | None = None

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        names: dict[str, None] = {}
        defaults: dict[str, object] = {}
        for klass in reversed(cls.__mro__):
            if not issubclass(klass, SchoolLogisticsError) or klass is SchoolLogisticsError:
                continue
            for name, annotation in vars(klass).get("__annotations__", {}).items():
                if "ClassVar" in str(annotation) or name.startswith("_"):
                    continue
                if name in _BASE_ATTRIBUTES:
                    msg = f"{cls.__name__}: parameter {name!r} clashes with an error attribute"
                    raise TypeError(msg)
                names[name] = None
                if name in vars(klass):
                    defaults[name] = vars(klass)[name]
                else:
                    defaults.pop(name, None)
        cls.param_names = tuple(names)
        cls._required = frozenset(names) - frozenset(defaults)
        cls._defaults = MappingProxyType(defaults)

    def __init__(self, **params: object) -> None:
        cls = type(self)
        unknown = params.keys() - set(cls.param_names)
        missing = cls._required - params.keys()
        if unknown or missing:
            msg = (
                f"{cls.__name__}: unknown parameter(s) {sorted(unknown)}, "
                f"missing parameter(s) {sorted(missing)}"
            )
            raise TypeError(msg)
        values = {
            name: value if name in cls._composed_params else _bounded(value)
            for name, value in {**cls._defaults, **params}.items()
        }
        self.params = MappingProxyType(values)
        for name, value in values.items():
            setattr(self, name, value)
        self.message_en = _format(cls.message_en_template, values, "en")
        self.message_zh = _format(cls.message_zh_template, values, "zh")
        super().__init__(self._summary())

    def _summary(self) -> str:
        where = f" @ {self.path}" if self.path is not None else ""
        return f"[{self.code}] {self.message_en} / {self.message_zh}{where}"

    def with_path(self, path: str | None) -> SchoolLogisticsError:
        """A copy of this error that names where the refused value was.

        ``path`` is a JSONPath-like location (``"$.lines[0].amount"``); it is
        escaped and cut to ``PATH_LIMIT`` (200) characters like any shown
        value. The copy has the same class, params and messages; ``str()`` of
        it ends with `` @ <path>``. The original is unchanged.
        """
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.path = None if path is None else _cut(_escape(str(path), PATH_LIMIT), PATH_LIMIT)
        copy.args = (copy._summary(),)
        return copy

    def to_dict(self) -> ErrorPayload:
        r"""The error as JSON-ready data, for a front end to show next to a field.

        The payload is a JSON object with exactly these five keys:

        * ``code`` (string, never null): the stable dotted code, matching
          ``^[a-z_]+\.[a-z_]+$`` (the base class alone has ``"error"``);
        * ``params`` (object, never null): one entry per declared parameter of
          the class (possibly none), keyed by parameter name. Each value is a
          JSON value rendered from the Python value:
          ``null``, ``true``/``false``;
          an integer within ±(2**53 − 1) as a JSON integer, a larger one as a
          string (``"≈1.234568×10^5000"``);
          a finite float as a JSON number, a non-finite one as a string;
          a [`Phrase`][schoollogistics.errors.Phrase] as an object
          ``{"en": string, "zh": string}`` (each at most 240 characters);
          an [`Expected`][schoollogistics.errors.Expected] as its key string;
          a nested error as its own payload (same five keys; one level only);
          a list, tuple or set as an array of at most 20 such values, followed
          by the string ``"…"`` when items were left out (arrays nested two
          levels deep are shown as a string);
          everything else as a string of at most 80 characters: ``Money`` and
          ``Decimal`` as decimal text (``"12.50"``, ``"1E+100000"``), dates,
          times and date-times ISO 8601 (``"2025-09-01"``,
          ``"2025-09-01T08:00:00+08:00"``), durations as whole seconds
          (``"172800 s"``), other objects as their text. Strings are cut to
          their first 77 characters plus ``"…"``, and non-printable characters
          (control characters, lone surrogates) appear escaped (``"\\udc80"`` in JSON),
          so the payload always encodes as UTF-8;
        * ``message_en`` (string, never null): the English message;
        * ``message_zh`` (string, never null): the Simplified Chinese message;
        * ``path`` (string or null): where in the document the refused value
          was (``"$.lines[0].amount"``, at most 200 characters), null when not
          known.

        ``json.dumps(error.to_dict())`` always succeeds; this method never raises.
        """
        return self._payload(0)

    def _payload(self, depth: int) -> ErrorPayload:
        params: dict[str, JSONValue] = {
            name: _json(self.params[name], depth) for name in type(self).param_names
        }
        return {
            "code": self.code,
            "params": params,
            "message_en": self.message_en,
            "message_zh": self.message_zh,
            "path": self.path,
        }

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), dict(self.params), self.path))


def _rebuild(
    cls: type[SchoolLogisticsError], params: dict[str, object], path: str | None = None
) -> SchoolLogisticsError:
    error = cls(**params)
    return error if path is None else error.with_path(path)


# ---------------------------------------------------------------- kernel bases


class InvalidInputError(SchoolLogisticsError, ValueError):
    """Base of malformed arguments (wrong type, empty, out of range)."""

    code = "input.error"
    message_en_template = "invalid input"
    message_zh_template = "输入无效"


class InvalidArgumentError(InvalidInputError):
    """An argument is malformed in a way no more specific error names."""

    code = "input.invalid"
    message_en_template = "invalid value for {field}: {reason}"
    message_zh_template = "「{field}」的取值无效：{reason}"

    field: str
    reason: Phrase


class MoneyError(InvalidInputError):
    """Base of money errors (``money.*``)."""

    code = "money.invalid"
    message_en_template = "invalid amount"
    message_zh_template = "金额无效"


class TimeError(InvalidInputError):
    """Base of time errors (``time.*``)."""

    code = "time.invalid"
    message_en_template = "invalid time value"
    message_zh_template = "时间值无效"


class IdentifierError(InvalidInputError):
    """Base of identifier errors (``id.*``)."""

    code = "id.invalid"
    message_en_template = "invalid identifier"
    message_zh_template = "标识无效"


class SerializationError(SchoolLogisticsError, ValueError):
    """Base of serialization errors (``serialization.*``)."""

    code = "serialization.invalid"
    message_en_template = "cannot load {type}: {details}"
    message_zh_template = "无法读取「{type}」：{details}"

    # Each entry is "code: message @ path", composed from a message whose values are
    # already cut to 80 characters: cutting the entry would lose its path.
    _composed_params = frozenset({"errors"})

    type: str
    details: Phrase
    errors: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()


# ---------------------------------------------------------------- kernel errors


class FloatAmountError(MoneyError, TypeError):
    """A ``float`` was given as money: binary floats cannot hold fen exactly."""

    code = "money.float_refused"
    message_en_template = (
        "float {value!s} refused as money: pass a str, int or Decimal (e.g. '12.50')"
    )
    message_zh_template = (
        "金额不接受浮点数 {value!s}：请传入字符串、整数或「Decimal」（如「12.50」）"
    )

    value: object
    field: str = "amount"


class AmountNotFiniteError(MoneyError):
    """NaN or an infinity was given as money."""

    code = "money.not_finite"
    message_en_template = "amount {value!s} is not a finite number"
    message_zh_template = "金额 {value!s} 不是有限数"

    value: object
    field: str = "amount"


class AmountTypeError(MoneyError, TypeError):
    """Something that is neither str, int, Decimal nor Money was given as money."""

    code = "money.wrong_type"
    message_en_template = "a {type_name} cannot be an amount: pass a str, int or Decimal"
    message_zh_template = "「{type_name}」类型不能作为金额：请传入字符串、整数或「Decimal」"

    type_name: str
    field: str = "amount"


class AmountTextError(MoneyError):
    """A string that is not a decimal number was given as money."""

    code = "money.not_a_number"
    message_en_template = "{value!r} is not a decimal amount"
    message_zh_template = "「{value}」不是十进制金额"

    value: str
    field: str = "amount"


class CapitalTextError(MoneyError):
    """A text is not an amount in Chinese capital numerals as ``to_capital`` writes it."""

    code = "money.not_capital"
    message_en_template = "{value!r} is not an amount in capital numerals: {reason}"
    message_zh_template = "「{value}」不是规范的大写金额：{reason}"

    value: str
    reason: Phrase


class AmountNotInFenError(MoneyError):
    """An operation that works in whole fen got an amount with fractions of a fen."""

    code = "money.not_in_fen"
    message_en_template = "{value!s} has fractions of a fen; round it first (quantize_fen)"
    message_zh_template = "{value!s} 含有不足一分的部分，请先取整到分（「quantize_fen」）"

    value: object
    field: str = "amount"


class InvalidWeightsError(MoneyError):
    """An allocation got no weights, a negative weight, or weights summing to zero."""

    code = "money.invalid_weights"
    message_en_template = "cannot allocate by weights {weights}: {reason}"
    message_zh_template = "无法按权重「{weights}」分摊：{reason}"

    weights: object
    reason: Phrase


class NaiveDateTimeError(TimeError, TypeError):
    """A naive ``datetime`` (without a timezone) was given."""

    code = "time.naive_refused"
    message_en_template = (
        "naive datetime {value} refused for {field}: attach a timezone (the school's is {timezone})"
    )
    message_zh_template = (
        "「{field}」不接受无时区的时间「{value}」：请附上时区（学校时区为「{timezone}」）"
    )

    value: str
    field: str
    timezone: str


class TimeTypeError(TimeError, TypeError):
    """A value of the wrong type was given where a date or time is expected."""

    code = "time.wrong_type"
    message_en_template = "{field} expects {expected}, got {type_name}"
    message_zh_template = "「{field}」需要{expected}，得到的是「{type_name}」"

    field: str
    expected: Expected
    type_name: str


class TimeParseError(TimeError):
    """Text could not be read as a date or time."""

    code = "time.unparseable"
    message_en_template = "cannot read {value!r} as {expected}"
    message_zh_template = "无法将「{value}」读取为{expected}"

    value: object
    expected: Expected


class UnknownTimezoneError(TimeError):
    """The timezone name is not in the IANA database."""

    code = "time.unknown_timezone"
    message_en_template = "unknown timezone {value!r}"
    message_zh_template = "未知时区「{value}」"

    value: object


class EmptyIdentifierError(IdentifierError):
    """An identifier is empty, blank, or not a string."""

    code = "id.empty"
    message_en_template = "{field} needs a non-blank text identifier, got {value!r}"
    message_zh_template = "「{field}」需要非空的文本标识，得到的是「{value}」"

    field: str
    value: object


class NegativeAmountError(MoneyError):
    """An amount that must not be negative (a cost, a price, a fee) is negative."""

    code = "money.negative"
    message_en_template = "{field} must not be negative, got {value}"
    message_zh_template = "「{field}」不能为负数，得到的是 {value}"

    field: str
    value: object


class AmountOutOfRangeError(MoneyError):
    """An amount (or a decimal) is outside its bounded domain.

    Money has at most 13 integer and 6 fraction digits; other decimals (weights,
    rates, measurements) at most 15 and 10. An operation whose result would
    leave the domain, or could not be exact, is refused the same way.
    """

    code = "money.out_of_range"
    message_en_template = (
        "{field} is out of range: at most {integer_digits} integer and "
        "{fraction_digits} fraction digits"
    )
    message_zh_template = (
        "「{field}」超出范围：整数部分至多 {integer_digits} 位，小数部分至多 {fraction_digits} 位"
    )

    value: object
    field: str
    integer_digits: int
    fraction_digits: int


class FieldTypeError(InvalidInputError, TypeError):
    """A field of a record was given a value of the wrong type (``input.wrong_type``)."""

    code = "input.wrong_type"
    message_en_template = "{field} expects {expected}, got {type_name}"
    message_zh_template = "「{field}」需要{expected_zh}，得到的是「{type_name}」"

    field: str
    expected: str
    expected_zh: str
    type_name: str


class ValueOutOfRangeError(InvalidInputError):
    """A number is outside the bounds its field states (``input.out_of_range``)."""

    code = "input.out_of_range"
    message_en_template = "{field} must be between {minimum} and {maximum}"
    message_zh_template = "「{field}」须在 {minimum} 与 {maximum} 之间"

    field: str
    minimum: int
    maximum: int


class TextError(InvalidInputError):
    """Text breaks the text policy: too long, a control character or a lone surrogate.

    Text is valid Unicode without lone surrogates; control characters are refused
    except tab, line feed and carriage return; a field holds at most 10,000
    characters unless it says otherwise.
    """

    code = "text.invalid"
    message_en_template = "{field}: {reason}"
    message_zh_template = "「{field}」的文本无效：{reason_zh}"

    field: str
    reason: str
    reason_zh: str


class SurrogateTextError(TextError):
    """Text holds a lone surrogate (not valid Unicode; it cannot be encoded as UTF-8)."""

    code = "text.surrogate"


class ControlCharacterError(TextError):
    """Text holds a control character other than tab, line feed or carriage return."""

    code = "text.control_character"


class TextTooLongError(TextError):
    """Text is longer than its field allows."""

    code = "text.too_long"


class TimeOutOfRangeError(TimeError):
    """A date or time is outside the supported range (years, offsets, durations)."""

    code = "time.out_of_range"
    message_en_template = "{field} is out of range: {reason}"
    message_zh_template = "「{field}」超出范围：{reason_zh}"

    field: str
    reason: str
    reason_zh: str


class UnserializableError(SerializationError):
    """A value given to ``to_dict`` or ``dumps`` is not a value of a public type."""

    code = "serialization.unserializable"
    message_en_template = "cannot serialize {type}: {details}"
    message_zh_template = "无法序列化「{type}」：{details}"


class UnknownKeyError(SerializationError):
    """Serialized data has a key the type does not define."""

    code = "serialization.unknown_key"
    message_en_template = "cannot load {type}: unknown key(s) {details}"
    message_zh_template = "无法读取「{type}」：存在未知字段，{details}"


# ---------------------------------------------------------------- area bases


class AssetError(SchoolLogisticsError):
    """Base of asset-ledger refusals (``assets.*``)."""

    code = "assets.error"
    message_en_template = "asset ledger refused the operation"
    message_zh_template = "资产台账拒绝了该操作"


class FoodSampleError(SchoolLogisticsError):
    """Base of food-sample refusals (``food_samples.*``)."""

    code = "food_samples.error"
    message_en_template = "food-sample operation refused"
    message_zh_template = "食品留样操作被拒绝"


class RepairError(SchoolLogisticsError):
    """Base of repair and maintenance refusals (``repairs.*``)."""

    code = "repairs.error"
    message_en_template = "repair operation refused"
    message_zh_template = "报修维修操作被拒绝"


class PurchasingError(SchoolLogisticsError):
    """Base of purchasing, voucher, fee, cash and subsidy refusals (``purchasing.*``)."""

    code = "purchasing.error"
    message_en_template = "purchasing operation refused"
    message_zh_template = "采购财务操作被拒绝"


class SafetyError(SchoolLogisticsError):
    """Base of safety, duty and gate refusals (``safety.*``)."""

    code = "safety.error"
    message_en_template = "safety operation refused"
    message_zh_template = "安全工作操作被拒绝"


class CompensationError(SchoolLogisticsError):
    """Base of damage-compensation refusals (``compensation.*``)."""

    code = "compensation.error"
    message_en_template = "compensation operation refused"
    message_zh_template = "损坏赔偿操作被拒绝"


class CalendarError(SchoolLogisticsError):
    """Base of calendar-engine refusals (``calendar.*``)."""

    code = "calendar.error"
    message_en_template = "calendar operation refused"
    message_zh_template = "行事历操作被拒绝"


class CanteenError(SchoolLogisticsError):
    """Base of canteen-operation refusals (``canteen.*``)."""

    code = "canteen.error"
    message_en_template = "canteen operation refused"
    message_zh_template = "食堂管理操作被拒绝"


# ---------------------------------------------------------------- concurrency


class ConcurrencyError(SchoolLogisticsError):
    """Base of the optimistic-concurrency refusals (``concurrency.*``).

    An aggregate's version is the number of events it holds; a write names the
    version it was built from (``expected_version``), and an envelope carries
    each event's sequence number (see the concurrency how-to).
    """

    code = "concurrency.error"
    message_en_template = "concurrent change refused"
    message_zh_template = "并发修改被拒绝"


class VersionConflictError(ConcurrencyError):
    """The aggregate has moved past the version the caller built its command from.

    Someone else recorded events since the caller read the aggregate: nothing
    was changed. Reload (replay the events since ``expected``) and try again.
    This is the one error a retry loop catches.
    """

    code = "concurrency.version_conflict"
    message_en_template = (
        "the record was changed by someone else (version {actual}, expected {expected}): "
        "reload and try again"
    )
    message_zh_template = "记录已被他人修改（当前版本 {actual}，预期 {expected}），请刷新后重试"

    expected: int
    actual: int


class EventSequenceError(ConcurrencyError):
    """A recorded event log has a gap, a duplicate or an out-of-order sequence number.

    Sequence numbers run 1, 2, 3 … without a hole: the event at ``index`` (from 0)
    must carry ``expected`` (``index + 1`` for a whole log), and carries ``actual``.
    A corrupt or tampered log, never a reason to retry (a retry loop catches
    [`VersionConflictError`][schoollogistics.errors.VersionConflictError] only).
    """

    code = "concurrency.bad_sequence"
    message_en_template = (
        "event {index} has sequence number {actual}, expected {expected}: "
        "the log has a gap, a duplicate or is out of order"
    )
    message_zh_template = (
        "第 {index} 个事件的序号为 {actual}，应为 {expected}：事件记录有缺漏、重复或顺序错乱"
    )

    index: int
    expected: int
    actual: int
