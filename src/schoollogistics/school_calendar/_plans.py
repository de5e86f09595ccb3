"""Month and year plans (行事历), their difference and their zh-CN text (rule CA-6)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Final

import attrs
import pendulum

from schoollogistics.core.shapes import check_instance_of, check_int, checked_fields
from schoollogistics.core.time import MAX_YEAR, MIN_YEAR
from schoollogistics.core.violations import _html_table
from schoollogistics.school_calendar._days import SchoolCalendar
from schoollogistics.school_calendar._expand import expand_rule
from schoollogistics.school_calendar._records import PlanDiff, PlanEntry
from schoollogistics.school_calendar._rules import ca6_month_in_school_year
from schoollogistics.school_calendar._tasks import TaskRule, Template

__all__ = [
    "MonthPlan",
    "YearPlan",
    "diff_plans",
    "month_name_zh",
    "plan_month",
    "plan_year",
    "render_month_zh",
]

_DIGITS: Final = "〇一二三四五六七八九十"
_WEEKDAYS_ZH: Final = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def month_name_zh(month: int) -> str:
    """The seeds' heading for a month: ``9 → "九月份"``, ``12 → "十二月份"``."""
    check_int(month, "month", 1, 12)
    if month <= 10:
        return f"{_DIGITS[month]}月份"
    return f"十{_DIGITS[month - 10]}月份"


_PLAN_HEADERS: Final = ("序号", "日期", "事项", "类别", "规则", "来源", "备注")


def _plan_row(entry: PlanEntry) -> tuple[object, ...]:
    return (
        entry.number,
        entry.date,
        entry.title_zh,
        entry.category,
        entry.rule_id,
        entry.source,
        entry.note_zh,
    )


@attrs.frozen(field_transformer=checked_fields())
class MonthPlan:
    """The plan of one month: ordered, numbered entries (rule CA-6).

    Attributes:
        year: The calendar year.
        month: The month, 1 to 12.
        entries: The entries by date, then by the rules' order, numbered from 1.
    """

    year: int
    month: int
    entries: tuple[PlanEntry, ...]

    @property
    def heading_zh(self) -> str:
        """``"九月份"``."""
        return month_name_zh(self.month)

    def render_zh(self, *, collapse_over: int | None = 3) -> str:
        """The plan as zh-CN text (see ``render_month_zh`` for ``collapse_over``)."""
        return render_month_zh(self, collapse_over=collapse_over)

    def _repr_html_(self) -> str:
        return _html_table(
            _PLAN_HEADERS,
            (_plan_row(e) for e in self.entries),
            caption=f"{self.year}年{self.heading_zh} ({self.year}-{self.month:02d})",
        )


@attrs.frozen(field_transformer=checked_fields())
class YearPlan:
    """The plan of a school year: the concatenation of its twelve month plans (rule CA-6).

    Attributes:
        label: The school year's label, e.g. ``"2025—2026学年"``.
        months: The (year, month) pairs of the school year, August first.
        entries: Every entry in date order, numbered within its month.
    """

    label: str
    months: tuple[tuple[int, int], ...]
    entries: tuple[PlanEntry, ...]

    def month(self, year: int, month: int) -> MonthPlan:
        """The plan of one month.

        Raises:
            MonthOutsideYearError: the month is not in the school year.
        """
        ca6_month_in_school_year(year, month, self.months, self.label)
        return MonthPlan(
            year,
            month,
            tuple(e for e in self.entries if (e.date.year, e.date.month) == (year, month)),
        )

    def month_plans(self) -> tuple[MonthPlan, ...]:
        """The twelve month plans, in order."""
        return tuple(self.month(y, m) for y, m in self.months)

    def _repr_html_(self) -> str:
        return _html_table(_PLAN_HEADERS, (_plan_row(e) for e in self.entries), caption=self.label)

    def render_zh(self, *, collapse_over: int | None = 3) -> str:
        """All twelve months as zh-CN text, separated by blank lines (see ``render_month_zh``)."""
        return "\n\n".join(
            render_month_zh(plan, collapse_over=collapse_over) for plan in self.month_plans()
        )


def _rules_of(rules: Template | Iterable[TaskRule]) -> tuple[TaskRule, ...]:
    if isinstance(rules, Template):
        return rules.rules
    given: object = rules
    if not isinstance(given, (list, tuple)):
        check_instance_of(given, Template, "rules")
    return Template("rules", tuple(rules)).rules


def _entries(
    calendar: SchoolCalendar, rules: tuple[TaskRule, ...], months: set[tuple[int, int]] | None
) -> tuple[PlanEntry, ...]:
    rows: list[tuple[pendulum.Date, int, TaskRule, str]] = []
    for order, rule in enumerate(rules):
        for day, note in expand_rule(calendar, rule):
            if months is None or (day.year, day.month) in months:
                rows.append((day, order, rule, note))
    rows.sort(key=lambda row: (row[0], row[1]))
    entries: list[PlanEntry] = []
    for _, group in groupby(rows, key=lambda row: (row[0].year, row[0].month)):
        for number, (day, _, rule, note) in enumerate(group, start=1):
            entries.append(
                PlanEntry(number, day, rule.title_zh, rule.category, rule.id, rule.source, note)
            )
    return tuple(entries)


def plan_year(calendar: SchoolCalendar, rules: Template | Iterable[TaskRule]) -> YearPlan:
    """Plan a whole school year (pure: the same input gives the same plan).

    Args:
        calendar: The school year with its holidays.
        rules: A template or task rules (ids unique).

    Raises:
        DuplicateRuleError: two rules share an id.
        RuleInvalidError: a rule names a term the year does not have.
        RuleUnsatisfiableError: a term is too short for a rule.
    """
    entries = _entries(calendar, _rules_of(rules), None)
    return YearPlan(calendar.year.label, calendar.year.months, entries)


def plan_month(
    calendar: SchoolCalendar, rules: Template | Iterable[TaskRule], year: int, month: int
) -> MonthPlan:
    """Plan one month of the school year (rule CA-6).

    Raises:
        MonthOutsideYearError: the month is not in the calendar's school year.
    """
    check_instance_of(calendar, SchoolCalendar, "calendar")
    check_int(year, "year", MIN_YEAR, MAX_YEAR)
    check_int(month, "month", 1, 12)
    ca6_month_in_school_year(year, month, calendar.year.months, calendar.year.label)
    return MonthPlan(year, month, _entries(calendar, _rules_of(rules), {(year, month)}))


def _md(day: pendulum.Date) -> str:
    return f"{day.month}月{day.day}日"


def render_month_zh(plan: MonthPlan, *, collapse_over: int | None = 3) -> str:
    """Render a month plan like the seeds: ``九月份：`` then ``1、9月1日（周一）…`` lines.

    The seeds' month plans list each task once ("1、安全检查。"), and state frequent
    duties once in prose ("每周进行一次…"); a line per day of a daily duty would bury
    the month's one-off items. So by default a rule with more than ``collapse_over``
    entries in the month reads as **one** line, at the place of its first entry, with
    its count and first and last day: ``1、下班前检查水电、门窗（本月23次，9月1日至9月30日）``.
    The text then numbers its *lines*, which differ from the entries'
    [`number`][schoollogistics.school_calendar.PlanEntry]s (the numbering of
    every entry, used by the iCalendar export and by front ends). With
    ``collapse_over=None`` every entry is one line and line ``i`` is entry ``i``.

    Args:
        plan: The month plan.
        collapse_over: Collapse the entries of a rule that has more than this many in
            the month (default 3); ``None`` lists every entry.
    """
    lines = [f"{plan.heading_zh}："]
    counts: dict[str, list[PlanEntry]] = {}
    for entry in plan.entries:
        counts.setdefault(entry.rule_id, []).append(entry)
    done: set[str] = set()
    number = 0
    for entry in plan.entries:
        same = counts[entry.rule_id]
        if collapse_over is not None and len(same) > collapse_over:
            if entry.rule_id in done:
                continue
            done.add(entry.rule_id)
            number += 1
            lines.append(
                f"{number}、{entry.title_zh}（本月{len(same)}次，"
                f"{_md(same[0].date)}至{_md(same[-1].date)}）"
            )
            continue
        number += 1
        note = f"（{entry.note_zh}）" if entry.note_zh else ""
        weekday = _WEEKDAYS_ZH[entry.date.weekday()]
        lines.append(f"{number}、{_md(entry.date)}（{weekday}）{entry.title_zh}{note}")
    if number == 0:
        lines.append("（本月无安排）")
    return "\n".join(lines)


def diff_plans(old: YearPlan | MonthPlan, new: YearPlan | MonthPlan) -> PlanDiff:
    """The entries added and removed from ``old`` to ``new`` (by day and rule)."""
    old_keys = {e.key for e in old.entries}
    new_keys = {e.key for e in new.entries}
    return PlanDiff(
        tuple(e for e in new.entries if e.key not in old_keys),
        tuple(e for e in old.entries if e.key not in new_keys),
    )
