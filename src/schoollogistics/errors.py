"""The error hierarchy: every refusal is a typed error with a stable code.

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
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import ClassVar, Final, dataclass_transform

__all__ = [
    "AmountNotFiniteError",
    "AmountNotInFenError",
    "AmountOutOfRangeError",
    "AmountTextError",
    "AmountTypeError",
    "AssetError",
    "CalendarError",
    "CompensationError",
    "ControlCharacterError",
    "EmptyIdentifierError",
    "FieldTypeError",
    "FloatAmountError",
    "FoodSampleError",
    "IdentifierError",
    "InvalidArgumentError",
    "InvalidInputError",
    "InvalidWeightsError",
    "MoneyError",
    "NaiveDateTimeError",
    "NegativeAmountError",
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
]


_BASE_ATTRIBUTES: Final = frozenset({"params", "message_en", "message_zh", "args"})


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
        params: The values the messages are built from, for front ends that
            render their own text.
        message_en: The message in English.
        message_zh: The message in Simplified Chinese.
    """

    code: ClassVar[str] = "error"
    message_en_template: ClassVar[str] = "schoollogistics error"
    message_zh_template: ClassVar[str] = "学校后勤库错误"
    param_names: ClassVar[tuple[str, ...]] = ()
    """The names of the parameters this class declares (its own and inherited)."""
    _required: ClassVar[frozenset[str]] = frozenset()
    _defaults: ClassVar[Mapping[str, object]] = MappingProxyType({})

    params: Mapping[str, object]
    message_en: str
    message_zh: str

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
        values = {**cls._defaults, **params}
        self.params = MappingProxyType(values)
        for name, value in values.items():
            setattr(self, name, value)
        shown = {k: _display(v) for k, v in values.items()}
        self.message_en = cls.message_en_template.format_map(shown)
        self.message_zh = cls.message_zh_template.format_map(shown)
        super().__init__(f"[{cls.code}] {self.message_en} / {self.message_zh}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), dict(self.params)))


def _rebuild(cls: type[SchoolLogisticsError], params: dict[str, object]) -> SchoolLogisticsError:
    return cls(**params)


def _display(value: object) -> str:
    """Render a parameter for a message (dates and amounts as their text)."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_display(v) for v in value)
    return str(value)


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
    message_zh_template = "{field} 的取值无效：{reason}"

    field: str
    reason: str


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
    message_zh_template = "无法读取 {type}：{details}"

    type: str
    details: str
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
    message_zh_template = "金额不接受浮点数 {value!s}：请传入字符串、整数或 Decimal（如 '12.50'）"

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
    message_zh_template = "{type_name} 类型不能作为金额：请传入字符串、整数或 Decimal"

    type_name: str
    field: str = "amount"


class AmountTextError(MoneyError):
    """A string that is not a decimal number was given as money."""

    code = "money.not_a_number"
    message_en_template = "{value!r} is not a decimal amount"
    message_zh_template = "{value!r} 不是十进制金额"

    value: str
    field: str = "amount"


class AmountNotInFenError(MoneyError):
    """An operation that works in whole fen got an amount with fractions of a fen."""

    code = "money.not_in_fen"
    message_en_template = "{value!s} has fractions of a fen; round it first (quantize_fen)"
    message_zh_template = "{value!s} 含有不足一分的部分，请先取整到分（quantize_fen）"

    value: object
    field: str = "amount"


class InvalidWeightsError(MoneyError):
    """An allocation got no weights, a negative weight, or weights summing to zero."""

    code = "money.invalid_weights"
    message_en_template = "cannot allocate by weights {weights}: {reason}"
    message_zh_template = "无法按权重 {weights} 分摊：{reason}"

    weights: object
    reason: str


class NaiveDateTimeError(TimeError, TypeError):
    """A naive ``datetime`` (without a timezone) was given."""

    code = "time.naive_refused"
    message_en_template = (
        "naive datetime {value} refused for {field}: attach a timezone (the school's is {timezone})"
    )
    message_zh_template = "{field} 不接受无时区的时间 {value}：请附上时区（学校时区为 {timezone}）"

    value: str
    field: str
    timezone: str


class TimeTypeError(TimeError, TypeError):
    """A value of the wrong type was given where a date or time is expected."""

    code = "time.wrong_type"
    message_en_template = "{field} expects {expected}, got {type_name}"
    message_zh_template = "{field} 需要 {expected}，得到的是 {type_name}"

    field: str
    expected: str
    type_name: str


class TimeParseError(TimeError):
    """Text could not be read as a date or time."""

    code = "time.unparseable"
    message_en_template = "cannot read {value!r} as {expected}"
    message_zh_template = "无法将 {value!r} 读取为{expected}"

    value: object
    expected: str


class UnknownTimezoneError(TimeError):
    """The timezone name is not in the IANA database."""

    code = "time.unknown_timezone"
    message_en_template = "unknown timezone {value!r}"
    message_zh_template = "未知时区 {value!r}"

    value: object


class EmptyIdentifierError(IdentifierError):
    """An identifier is empty, blank, or not a string."""

    code = "id.empty"
    message_en_template = "{field} needs a non-blank text identifier, got {value!r}"
    message_zh_template = "{field} 需要非空的文本标识，得到的是 {value!r}"

    field: str
    value: object


class NegativeAmountError(MoneyError):
    """An amount that must not be negative (a cost, a price, a fee) is negative."""

    code = "money.negative"
    message_en_template = "{field} must not be negative, got {value}"
    message_zh_template = "{field} 不能为负数，得到的是 {value}"

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
        "{field} 超出范围：整数部分至多 {integer_digits} 位，小数部分至多 {fraction_digits} 位"
    )

    value: object
    field: str
    integer_digits: int
    fraction_digits: int


class FieldTypeError(InvalidInputError, TypeError):
    """A field of a record was given a value of the wrong type (``input.wrong_type``)."""

    code = "input.wrong_type"
    message_en_template = "{field} expects {expected}, got {type_name}"
    message_zh_template = "{field} 需要{expected_zh}，得到的是 {type_name}"

    field: str
    expected: str
    expected_zh: str
    type_name: str


class ValueOutOfRangeError(InvalidInputError):
    """A number is outside the bounds its field states (``input.out_of_range``)."""

    code = "input.out_of_range"
    message_en_template = "{field} must be between {minimum} and {maximum}"
    message_zh_template = "{field} 须在 {minimum} 与 {maximum} 之间"

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
    message_zh_template = "{field} 的文本无效：{reason_zh}"

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
    message_zh_template = "{field} 超出范围：{reason_zh}"

    field: str
    reason: str
    reason_zh: str


class UnserializableError(SerializationError):
    """A value given to ``to_dict`` or ``dumps`` is not a value of a public type."""

    code = "serialization.unserializable"
    message_en_template = "cannot serialize {type}: {details}"
    message_zh_template = "无法序列化 {type}：{details}"


class UnknownKeyError(SerializationError):
    """Serialized data has a key the type does not define."""

    code = "serialization.unknown_key"
    message_en_template = "cannot load {type}: unknown key(s) {details}"
    message_zh_template = "无法读取 {type}：存在未知字段 {details}"


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
