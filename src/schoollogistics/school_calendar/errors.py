"""Refusals of the calendar engine (``calendar.*``), in English and Simplified Chinese.

Every error subclasses [`CalendarError`][schoollogistics.errors.CalendarError];
each code is listed in the docs' error catalogue (``docs/reference/errors/calendar.md``).
A refused operation changes nothing: the engine's records are immutable.
"""

from __future__ import annotations

from schoollogistics.errors import CalendarError, Phrase

__all__ = [
    "DuplicateRuleError",
    "HolidayDataMissingError",
    "HolidayYearNotCoveredError",
    "MonthOutsideYearError",
    "NoticeInvalidError",
    "RuleInvalidError",
    "RuleUnsatisfiableError",
    "TermInvalidError",
    "UnknownRuleError",
]


class TermInvalidError(CalendarError):
    """Terms overlap, are out of order, or lie outside their school year (CA-1).

    ``year`` is the school year's label (``"2025—2026学年"``), or the term's name when
    a term is wrong by itself, or ``"?"`` for a break that is not a date range.
    """

    code = "calendar.term_invalid"
    message_en_template = "invalid school year {year}: {reason}"
    message_zh_template = "学年「{year}」的学期设置无效：{reason}"

    year: str
    reason: Phrase


class HolidayDataMissingError(CalendarError):
    """A year has no official holiday data and no notice was supplied (CA-2).

    The ``holidays`` package only estimates such a year (no make-up working days);
    the engine never plans on an estimate unless the caller accepts it explicitly
    (``accept_provisional=True``) or supplies the State Council notice as data.
    """

    code = "calendar.holiday_data_missing"
    message_en_template = (
        "no official holiday data for {year} (official years: {official}); supply the State "
        "Council notice as a HolidayNotice, or pass accept_provisional=True to use an estimate"
    )
    message_zh_template = (
        "{year} 年没有官方放假数据（已有官方数据的年份：{official}）；"
        "请以「HolidayNotice」提供国务院办公厅放假通知，"
        "或传入「accept_provisional=True」明确接受推定数据"
    )

    year: int
    official: Phrase


class NoticeInvalidError(CalendarError):
    """A holiday notice contradicts itself (CA-2)."""

    code = "calendar.notice_invalid"
    message_en_template = "invalid holiday notice for {year}: {reason}"
    message_zh_template = "{year} 年放假通知数据无效：{reason}"

    year: int
    reason: Phrase


class HolidayYearNotCoveredError(CalendarError):
    """The holiday calendar lacks a calendar year that the school year spans (CA-2)."""

    code = "calendar.year_not_covered"
    message_en_template = (
        "the holiday calendar does not cover {year}, needed by school year {label}"
    )
    message_zh_template = "节假日数据不含 {year} 年，而学年「{label}」需要该年数据"

    year: int
    label: str


class RuleInvalidError(CalendarError):
    """A task rule or its schedule has an impossible parameter (CA-3)."""

    code = "calendar.rule_invalid"
    message_en_template = "invalid task rule {rule}: {reason}"
    message_zh_template = "任务规则「{rule}」无效：{reason}"

    rule: str
    reason: Phrase


class RuleUnsatisfiableError(CalendarError):
    """A rule asks for more dates than its period has allowed days (CA-3)."""

    code = "calendar.rule_unsatisfiable"
    message_en_template = "rule {rule} needs {needed} dates in {period}, which has only {available}"
    message_zh_template = (
        "规则「{rule}」需要在{period}安排 {needed} 次，但只有 {available} 个可用日"
    )

    rule: str
    needed: int
    period: Phrase
    available: int


class DuplicateRuleError(CalendarError):
    """A template already has a rule with this id."""

    code = "calendar.duplicate_rule"
    message_en_template = "the template already has a rule {rule}"
    message_zh_template = "模板中已有规则「{rule}」"

    rule: str


class UnknownRuleError(CalendarError):
    """A template has no rule with this id."""

    code = "calendar.unknown_rule"
    message_en_template = "the template has no rule {rule}"
    message_zh_template = "模板中没有规则「{rule}」"

    rule: str


class MonthOutsideYearError(CalendarError):
    """A month plan was asked for a month outside the school year (CA-6)."""

    code = "calendar.month_outside_year"
    message_en_template = "{year}-{month} is not a month of school year {label}"
    message_zh_template = "{year} 年 {month} 月不在学年「{label}」之内"

    year: int
    month: int
    label: str
