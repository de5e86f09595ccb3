"""Regulatory frequencies (rule CA-4): required duties as policies, and an audit of a plan.

The audit returns findings as data
([`Violation`][schoollogistics.core.violations.Violation]), never raises: a plan
that misses a required inspection in some period is reported, period by period.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

import attrs

from schoollogistics.core.violations import Severity, Violation, sort_violations
from schoollogistics.school_calendar._plans import YearPlan
from schoollogistics.school_calendar._rules import TaskRule, Template
from schoollogistics.school_calendar.errors import RuleInvalidError

__all__ = ["DEFAULT_FREQUENCIES", "Period", "RegulatoryFrequency", "audit_frequencies"]


class Period(enum.Enum):
    """The period a frequency counts in (school-year months, August first)."""

    MONTH = 1
    """Each month."""
    QUARTER = 3
    """Each three months of the school year (Aug–Oct, Nov–Jan, Feb–Apr, May–Jul)."""
    YEAR = 12
    """The school year."""


@attrs.frozen
class RegulatoryFrequency:
    """A duty required at least ``min_count`` times per period (rule CA-4).

    Raises ``RuleInvalidError`` (``calendar.rule_invalid``) for a blank key, a
    period that is not a ``Period`` or a ``min_count`` below 1.

    Attributes:
        key: Stable key, matched against ``TaskRule.regulatory_key``.
        title_zh: The duty, e.g. ``"防火检查"``.
        period: The period it is counted in.
        min_count: The least number of times per period.
        source: The text that requires it.
    """

    key: str
    title_zh: str
    period: Period
    min_count: int
    source: str

    def __attrs_post_init__(self) -> None:
        key: object = self.key
        if not isinstance(key, str) or not key:
            raise RuleInvalidError(rule=repr(self.key), reason="a frequency needs a key")
        if not isinstance(self.period, Period):
            raise RuleInvalidError(rule=self.key, reason="period must be a Period")
        if isinstance(self.min_count, bool) or not isinstance(self.min_count, int):
            raise RuleInvalidError(rule=self.key, reason="min_count must be an int")
        if self.min_count < 1:
            raise RuleInvalidError(rule=self.key, reason="min_count must be at least 1")


DEFAULT_FREQUENCIES: Final[tuple[RegulatoryFrequency, ...]] = (
    RegulatoryFrequency(
        "fire_inspection", "防火检查", Period.QUARTER, 1, "公安部令第61号 §26 (at least quarterly)"
    ),
    RegulatoryFrequency(
        "extinguisher_check", "灭火器检查", Period.MONTH, 1, "GB 50444 §5.2.1 (monthly)"
    ),
    RegulatoryFrequency(
        "special_equipment_check",
        "特种设备自行检查",
        Period.MONTH,
        1,
        "特种设备安全监察条例 §27 (at least monthly)",
    ),
    RegulatoryFrequency(
        "asset_count", "固定资产与存货盘点", Period.YEAR, 1, "政府会计制度 (at least yearly)"
    ),
    RegulatoryFrequency(
        "food_handler_health_check", "食堂从业人员健康检查", Period.YEAR, 1, "食品安全法 §45"
    ),
)
"""The CA-4 frequencies (defaults of the policy; pass your own tuple to change them)."""


def audit_frequencies(
    plan: YearPlan,
    rules: Template | Iterable[TaskRule],
    frequencies: Iterable[RegulatoryFrequency] = DEFAULT_FREQUENCIES,
) -> tuple[Violation, ...]:
    """Check that ``plan`` meets each regulatory frequency in every period (rule CA-4).

    An entry counts for a frequency when its rule's ``regulatory_key`` is the
    frequency's key (entries outside the plan's months are ignored). Each period
    with too few entries gives one finding ``calendar.frequency_unmet`` (severity
    error).
    """
    by_rule = {
        r.id: r.regulatory_key for r in (rules.rules if isinstance(rules, Template) else rules)
    }
    month_index = {ym: i for i, ym in enumerate(plan.months)}
    found: list[Violation] = []
    for frequency in frequencies:
        size = frequency.period.value
        counts = [0] * (len(plan.months) // size)
        for entry in plan.entries:
            index = month_index.get((entry.date.year, entry.date.month))
            if index is not None and by_rule.get(entry.rule_id) == frequency.key:
                counts[index // size] += 1
        for index, count in enumerate(counts):
            if count >= frequency.min_count:
                continue
            first = plan.months[index * size]
            last = plan.months[index * size + size - 1]
            period = f"{first[0]}-{first[1]:02d}..{last[0]}-{last[1]:02d}"
            found.append(
                Violation(
                    code="calendar.frequency_unmet",
                    severity=Severity.ERROR,
                    subject=frequency.key,
                    rule="CA-4",
                    params={"period": period, "count": count, "required": frequency.min_count},
                    message_en=(
                        f"{frequency.key}: {count} planned in {period}, at least "
                        f"{frequency.min_count} required ({frequency.source})"
                    ),
                    message_zh=(
                        f"{frequency.title_zh}：{period} 仅安排 {count} 次，"
                        f"至少需要 {frequency.min_count} 次（{frequency.source}）"
                    ),
                )
            )
    return sort_violations(found)
