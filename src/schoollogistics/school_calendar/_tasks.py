"""Task rules: what recurs when (CA-3, CA-4), and what happens on a non-school day (CA-5).

A [`TaskRule`][schoollogistics.school_calendar.TaskRule] pairs a zh-CN title, a
category and a source citation with a *schedule* (one of the records below) and
two policies: on which days the task may fall (``allowed``) and what to do with
a date that is not such a day (``on_non_school_day``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

import attrs
import pendulum

from schoollogistics.core.ids import require_id
from schoollogistics.core.shapes import checked_fields
from schoollogistics.core.time import DateInput
from schoollogistics.errors import Phrase
from schoollogistics.school_calendar._policy import DayKind, ShiftPolicy
from schoollogistics.school_calendar._records import Category, day_input
from schoollogistics.school_calendar._rules import (
    ca3_annual_date,
    ca3_holiday_eve,
    ca3_monthly_fixed_day,
    ca3_monthly_nth_school_day,
    ca3_monthly_nth_weekday,
    ca3_months_in_range,
    ca3_relative_to_term,
    ca3_rule_ids_unique,
    ca3_times_per_term,
    ca3_times_per_year,
    ca3_weekly,
    ca5_holiday_duty_on_any_day,
)
from schoollogistics.school_calendar.errors import RuleInvalidError, UnknownRuleError

__all__ = [
    "SCHEDULE_TYPES",
    "Anchor",
    "AnnualDate",
    "Daily",
    "HolidayDuty",
    "HolidayEve",
    "MonthlyFixedDay",
    "MonthlyNthSchoolDay",
    "MonthlyNthWeekday",
    "OneOff",
    "RelativeToTerm",
    "Schedule",
    "TaskRule",
    "Template",
    "TimesPerTerm",
    "TimesPerYear",
    "Unit",
    "Weekly",
]

_WEEKDAYS_ZH: Final = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


class Anchor(enum.Enum):
    """Which end of a term a relative rule counts from."""

    START = "start"
    """The term's first day (开学)."""
    END = "end"
    """The term's last day (期末)."""


class Unit(enum.Enum):
    """How a relative offset is counted."""

    DAYS = "days"
    """Calendar days."""
    ALLOWED_DAYS = "allowed_days"
    """Days the task may fall on (school days for a school-day rule)."""


def _check(rule: str, ok: bool, en: str, zh: str, /, **values: object) -> None:  # noqa: FBT001 - internal helper
    if not ok:
        raise RuleInvalidError(rule=rule, reason=Phrase(en, zh, **values))


@attrs.frozen(field_transformer=checked_fields())
class Daily:
    """Every allowed day (每天), e.g. the end-of-day check of water, power, doors and windows."""

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        return "每天"


def _items(value: object, single: type, what: str) -> tuple[object, ...]:
    """``value`` as a tuple of items.

    A list or tuple: the record's field check refuses a lone value such as
    ``"国庆节"`` or ``9`` before this converter runs.
    """
    if not isinstance(value, Iterable) or isinstance(value, str):  # pragma: no cover - see above
        raise RuleInvalidError(
            rule=what,
            reason=Phrase(
                "expected {type_name}s", "须为「{type_name}」序列", type_name=single.__name__
            ),
        )
    return tuple(value)


def _int_items(value: int | Iterable[int], what: str) -> tuple[int, ...]:
    out: list[int] = []
    for item in _items(value, int, what):
        if isinstance(item, bool) or not isinstance(item, int):
            raise RuleInvalidError(rule=what, reason=Phrase("expected ints", "须为整数"))
        out.append(item)
    return tuple(sorted(set(out)))


def _text_items(value: str | Iterable[str], what: str) -> tuple[str, ...]:
    out: list[str] = []
    for item in _items(value, str, what):
        if not isinstance(item, str) or not item:
            raise RuleInvalidError(
                rule=what, reason=Phrase("expected non-empty text", "须为非空文本")
            )
        out.append(item)
    return tuple(out)


def _ints(value: int | Iterable[int]) -> tuple[int, ...]:
    return _int_items(value, "Weekly")


def _optional_day(value: DateInput | None) -> pendulum.Date | None:
    return None if value is None else day_input(value, field="anchor")


def _day(value: DateInput) -> pendulum.Date:
    return day_input(value, field="date")


def _id(value: str) -> str:
    return require_id(value, field="id")


def _title(value: str) -> str:
    return require_id(value, field="title_zh")


@attrs.frozen(field_transformer=checked_fields())
class Weekly:
    """On given weekdays every ``interval`` weeks (每周 / 每两周).

    Attributes:
        weekdays: 0 = Monday … 6 = Sunday.
        interval: 1 for every week, 2 for every other week.
        anchor: A day in a week the rule falls in (for ``interval`` > 1); by default
            the week of the school year's first school day.
    """

    weekdays: tuple[int, ...] = attrs.field(converter=_ints)
    interval: int = 1
    anchor: pendulum.Date | None = attrs.field(default=None, converter=_optional_day)

    def __attrs_post_init__(self) -> None:
        ca3_weekly(self)

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        days = "、".join(_WEEKDAYS_ZH[d] for d in self.weekdays)
        every = "每周" if self.interval == 1 else f"每{self.interval}周"
        return f"{every}{days}"


@attrs.frozen(field_transformer=checked_fields())
class MonthlyNthWeekday:
    """The n-th given weekday of each month (``n = -1``: the last), e.g. the first Monday.

    Attributes:
        weekday: 0 = Monday … 6 = Sunday.
        n: 1 to 4, or -1 for the last.
    """

    weekday: int
    n: int = 1

    def __attrs_post_init__(self) -> None:
        ca3_monthly_nth_weekday(self)

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        which = "最后一个" if self.n == -1 else f"第{self.n}个"
        return f"每月{which}{_WEEKDAYS_ZH[self.weekday]}"


@attrs.frozen(field_transformer=checked_fields())
class MonthlyNthSchoolDay:
    """The n-th allowed day of each month (``n = -1``: the last, ``-2``: the one before).

    A month with fewer than ``|n|`` allowed days (a vacation month for a school-day
    rule) has no occurrence: the date is already an allowed day, so the shift policy
    never applies.

    Attributes:
        n: 1 to 23 from the start, or -1 to -23 from the end.
    """

    n: int = 1

    def __attrs_post_init__(self) -> None:
        ca3_monthly_nth_school_day(self)

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        if self.n < 0:
            return "每月最后一个工作日" if self.n == -1 else f"每月倒数第{-self.n}个工作日"
        return f"每月第{self.n}个工作日"


@attrs.frozen(field_transformer=checked_fields())
class MonthlyFixedDay:
    """A fixed day of each month (a day past the month's end means its last day).

    Attributes:
        day: 1 to 31.
    """

    day: int

    def __attrs_post_init__(self) -> None:
        ca3_monthly_fixed_day(self)

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        return f"每月{self.day}日"


@attrs.frozen(field_transformer=checked_fields())
class TimesPerTerm:
    """``k`` times per term, evenly spread: the i-th falls after i/k of the term's allowed days.

    ``k = 2`` gives mid-term and the term's last allowed day (期中、期末).

    Attributes:
        k: How many times, at least 1.
    """

    k: int

    def __attrs_post_init__(self) -> None:
        ca3_times_per_term(self)

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        return f"每学期{self.k}次"


@attrs.frozen(field_transformer=checked_fields())
class TimesPerYear:
    """``n`` times a school year, spread over the terms (earlier terms take the remainder).

    Attributes:
        n: How many times, at least 1 (4 over two terms: twice a term).
    """

    n: int

    def __attrs_post_init__(self) -> None:
        ca3_times_per_year(self)

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        return f"每年{self.n}次"


@attrs.frozen(field_transformer=checked_fields())
class RelativeToTerm:
    """A day counted from a term's start or end (开学前 / 期末).

    With ``unit = ALLOWED_DAYS``, offset 0 is the first allowed day on or after the
    start (``START``) or the last one on or before the end (``END``); ``-3`` is three
    allowed days before it.

    Attributes:
        anchor: Count from the term's start or end.
        offset: Days (or allowed days) after the anchor; negative is before.
        unit: Calendar days or allowed days.
        term: Index of the term (0 = first) or ``None`` for every term.
    """

    anchor: Anchor
    offset: int = 0
    unit: Unit = Unit.ALLOWED_DAYS
    term: int | None = None

    def __attrs_post_init__(self) -> None:
        ca3_relative_to_term(self)

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        where = "开学" if self.anchor is Anchor.START else "期末"
        if self.offset == 0:
            return where
        return f"{where}{'前' if self.offset < 0 else '后'}{abs(self.offset)}天"


def _words(value: str | Iterable[str]) -> tuple[str, ...]:
    """Holiday keywords, a list or tuple of them (a lone string is refused)."""
    return _text_items(value, "holidays_zh")


@attrs.frozen(field_transformer=checked_fields())
class HolidayEve:
    """The ``offset``-th allowed day before each matching holiday block (放假前).

    Attributes:
        holidays_zh: Keywords of the block's holiday names (``("国庆节",)``);
            empty matches every block.
        offset: 1 is the last allowed day before the block.
    """

    holidays_zh: tuple[str, ...] = attrs.field(default=(), converter=_words)
    offset: int = 1

    def __attrs_post_init__(self) -> None:
        ca3_holiday_eve(self)

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        return f"{'、'.join(self.holidays_zh) or '节假日'}放假前"


@attrs.frozen(field_transformer=checked_fields())
class HolidayDuty:
    """Each day of each matching holiday block (节假日值班); needs ``allowed = ANY_DAY``.

    A task rule with this schedule and another ``allowed`` is refused when it is
    built (no day of a holiday block is a working day, so it would plan nothing).

    Attributes:
        holidays_zh: Keywords of the block's holiday names; empty matches every block.
    """

    holidays_zh: tuple[str, ...] = attrs.field(default=(), converter=_words)

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        return f"{'、'.join(self.holidays_zh) or '节假日'}每日"


@attrs.frozen(field_transformer=checked_fields())
class AnnualDate:
    """A fixed date each year (教师节 9/10, 三八 3/8, 六一 6/1).

    Attributes:
        month: 1 to 12.
        day: 1 to the month's length (29 February falls on 28 February in common years).
    """

    month: int
    day: int

    def __attrs_post_init__(self) -> None:
        ca3_annual_date(self)

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        return f"每年{self.month}月{self.day}日"


@attrs.frozen(field_transformer=checked_fields())
class OneOff:
    """A single date.

    Attributes:
        date: The day.
    """

    date: pendulum.Date = attrs.field(converter=_day)

    def describe_zh(self) -> str:
        """A short zh-CN description."""
        return f"{self.date.year}年{self.date.month}月{self.date.day}日"


Schedule = (
    Daily
    | Weekly
    | MonthlyNthWeekday
    | MonthlyNthSchoolDay
    | MonthlyFixedDay
    | TimesPerTerm
    | TimesPerYear
    | RelativeToTerm
    | HolidayEve
    | HolidayDuty
    | AnnualDate
    | OneOff
)
"""Any schedule a task rule can have (serialized with a ``"type"`` tag)."""


def _months(value: int | Iterable[int]) -> tuple[int, ...]:
    months = _int_items(value, "months")
    ca3_months_in_range(months)
    return months


def _rule_ids(value: str | Iterable[str]) -> tuple[str, ...]:
    """Rule IDs; a single string is one ID (``"CA-3"``, not its characters)."""
    return _text_items(value, "rules")


SCHEDULE_TYPES: Final = (
    Daily,
    Weekly,
    MonthlyNthWeekday,
    MonthlyNthSchoolDay,
    MonthlyFixedDay,
    TimesPerTerm,
    TimesPerYear,
    RelativeToTerm,
    HolidayEve,
    HolidayDuty,
    AnnualDate,
    OneOff,
)
"""The concrete schedule classes (the members of ``Schedule``)."""


@attrs.frozen(field_transformer=checked_fields())
class TaskRule:
    """A recurring (or one-off) logistics task (rules CA-3, CA-4, CA-5).

    Attributes:
        id: Stable key of the rule (``"weekly_safety_check"``), used in plans and UIDs.
        title_zh: The task as it reads in a month plan, e.g. ``"学校安全工作检查"``.
        category: Safety, canteen, assets, greening, finance, hygiene, training, events.
        schedule: When it recurs.
        source: Its citation, e.g. ``"seed 003 九月份 item 7"`` or ``"GB 50444 §5.2.1"``.
        rules: The rule IDs it implements, e.g. ``("CA-3",)``.
        allowed: The days it may fall on (default: school days).
        on_non_school_day: What a date that is not allowed becomes (default: the
            previous allowed day).
        months: A seasonal window: the months it happens in (empty: all).
        note_zh: A note shown with each entry.
        regulatory_key: For a CA-4 duty, the key of the frequency it fulfils
            (``"fire_inspection"``), checked by ``audit_frequencies``.

    A single string given for ``rules`` is one rule ID, and a single int for
    ``months`` is one month.

    Raises:
        RuleInvalidError: a field has the wrong type (a schedule that is not one of
            the schedule records, a category that is not a ``Category``, …), a month
            is out of range, or a ``HolidayDuty`` is not allowed on any day
            (``calendar.rule_invalid``); checked here, when the rule is built.
        EmptyIdentifierError: a blank ``id`` or ``title_zh`` (``id.empty``).
    """

    id: str = attrs.field(converter=_id)
    title_zh: str = attrs.field(converter=_title)
    category: Category
    schedule: Schedule
    source: str
    rules: tuple[str, ...] = attrs.field(default=("CA-3",), converter=_rule_ids)
    allowed: DayKind = DayKind.SCHOOL_DAY
    on_non_school_day: ShiftPolicy = ShiftPolicy.PREVIOUS
    months: tuple[int, ...] = attrs.field(default=(), converter=_months)
    note_zh: str = ""
    regulatory_key: str | None = None

    def __attrs_post_init__(self) -> None:
        """Check the rule at construction: a bad rule is refused here, not when planning."""
        _check(
            self.id,
            isinstance(self.schedule, SCHEDULE_TYPES),
            "schedule must be one of {types}, not {type_name}",
            "「schedule」须为「{types}」之一，而非「{type_name}」",
            types=", ".join(t.__name__ for t in SCHEDULE_TYPES),
            type_name=type(self.schedule).__name__,
        )
        _check(
            self.id,
            isinstance(self.category, Category),
            "category must be a Category",
            "「category」须为「Category」",
        )
        _check(
            self.id,
            isinstance(self.allowed, DayKind),
            "allowed must be a DayKind",
            "「allowed」须为「DayKind」",
        )
        _check(
            self.id,
            isinstance(self.on_non_school_day, ShiftPolicy),
            "on_non_school_day must be a ShiftPolicy",
            "「on_non_school_day」须为「ShiftPolicy」",
        )
        _check(self.id, isinstance(self.source, str), "source must be text", "「source」须为文本")
        _check(
            self.id, isinstance(self.note_zh, str), "note_zh must be text", "「note_zh」须为文本"
        )
        key: object = self.regulatory_key
        _check(
            self.id,
            key is None or (isinstance(key, str) and bool(key)),
            "regulatory_key must be None or non-empty text",
            "「regulatory_key」须为「None」或非空文本",
        )
        ca5_holiday_duty_on_any_day(self, on_days_off=isinstance(self.schedule, HolidayDuty))


def _rules(value: Iterable[TaskRule]) -> tuple[TaskRule, ...]:
    rules = tuple(value)
    for rule in rules:
        if not isinstance(rule, TaskRule):
            raise RuleInvalidError(
                rule=repr(rule),
                reason=Phrase("a template holds TaskRule records", "模板只能包含「TaskRule」记录"),
            )
    ca3_rule_ids_unique(rules)
    return rules


@attrs.frozen(field_transformer=checked_fields())
class Template:
    """A named set of task rules; ids are unique (rule CA-6's input).

    Attributes:
        name_zh: Its name, e.g. ``"小学后勤行事历模板"``.
        rules: The rules, in the order plans list same-day entries.
    """

    name_zh: str
    rules: tuple[TaskRule, ...] = attrs.field(converter=_rules, metadata={"max_items": 1_000})

    def rule(self, rule_id: str) -> TaskRule:
        """The rule with ``rule_id``.

        Raises:
            UnknownRuleError: no such rule (``calendar.unknown_rule``).
        """
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise UnknownRuleError(rule=rule_id)

    def add(self, *rules: TaskRule) -> Template:
        """A copy with ``rules`` appended.

        Raises:
            DuplicateRuleError: an id is already used (``calendar.duplicate_rule``).
        """
        return attrs.evolve(self, rules=(*self.rules, *rules))

    def remove(self, *rule_ids: str) -> Template:
        """A copy without the rules of ``rule_ids``.

        Raises:
            UnknownRuleError: an id is not in the template.
        """
        for rule_id in rule_ids:
            self.rule(rule_id)
        drop = set(rule_ids)
        return attrs.evolve(self, rules=tuple(r for r in self.rules if r.id not in drop))

    def replace(self, rule: TaskRule) -> Template:
        """A copy with the rule of the same id replaced by ``rule`` (same position).

        Raises:
            UnknownRuleError: no rule has ``rule.id``.
        """
        self.rule(rule.id)
        return attrs.evolve(self, rules=tuple(rule if r.id == rule.id else r for r in self.rules))

    def only(self, *categories: Category) -> Template:
        """A copy keeping the rules of ``categories``."""
        keep = set(categories)
        return attrs.evolve(self, rules=tuple(r for r in self.rules if r.category in keep))
