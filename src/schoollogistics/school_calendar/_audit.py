"""The audit of a plan (rule CA-4): checks named after their rule, findings from the catalogue.

Each check is ``(plan, rules, policy) -> tuple[Violation, ...]``: the plan, the task
rules it was made from, and the policy (the regulatory frequencies). ``CHECKS`` is
the tuple of checks ``audit_frequencies`` runs; the findings come from the one
catalogue ([`FINDINGS`][schoollogistics.core.findings.FINDINGS]), never formatted
here. The audit returns findings as data
([`Violation`][schoollogistics.core.violations.Violation]) and never raises: a plan
that misses a required inspection in some period is reported, period by period.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final, TypeAlias

from schoollogistics.core.findings import FINDINGS
from schoollogistics.core.violations import Violation, sort_violations
from schoollogistics.school_calendar._plans import YearPlan
from schoollogistics.school_calendar._policy import DEFAULT_FREQUENCIES, RegulatoryFrequency
from schoollogistics.school_calendar._tasks import TaskRule, Template

__all__ = ["CHECKS", "audit_frequencies", "ca4_frequency_met"]

_UNMET: Final = FINDINGS["calendar.frequency_unmet"]

Check: TypeAlias = Callable[
    [YearPlan, tuple[TaskRule, ...], tuple[RegulatoryFrequency, ...]], tuple[Violation, ...]
]
"""An audit check: (plan, rules, frequencies) -> findings."""


def ca4_frequency_met(
    plan: YearPlan, rules: tuple[TaskRule, ...], frequencies: tuple[RegulatoryFrequency, ...]
) -> tuple[Violation, ...]:
    """CA-4: each regulatory duty is planned at least ``min_count`` times in every period.

    RULES.md CA-4: "Fire inspection at least quarterly [公安部令第61号 §26]; fire
    extinguishers checked monthly [GB 50444 §5.2.1]; special equipment self-checked at
    least monthly [特种设备安全监察条例 §27]; fixed assets and stock counted at least
    yearly [政府会计制度]; food handlers' health check yearly [食品安全法 §45]."

    An entry counts for a frequency when its rule's ``regulatory_key`` is the
    frequency's key (entries outside the plan's months are ignored). Each period
    with too few entries gives one finding ``calendar.frequency_unmet``.
    """
    by_rule = {r.id: r.regulatory_key for r in rules}
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
            found.append(
                _UNMET.violation(
                    frequency.key,
                    period=f"{first[0]}-{first[1]:02d}..{last[0]}-{last[1]:02d}",
                    count=count,
                    required=frequency.min_count,
                    title_zh=frequency.title_zh,
                    source=frequency.source,
                )
            )
    return tuple(found)


CHECKS: Final[tuple[Check, ...]] = (ca4_frequency_met,)
"""The checks of the plan audit, in order."""


def audit_frequencies(
    plan: YearPlan,
    rules: Template | Iterable[TaskRule],
    frequencies: Iterable[RegulatoryFrequency] = DEFAULT_FREQUENCIES,
) -> tuple[Violation, ...]:
    """Check that ``plan`` meets each regulatory frequency in every period (rule CA-4).

    Runs every check of ``CHECKS`` and returns the findings in canonical order
    (code ``calendar.frequency_unmet``, severity error, one per period short of
    its frequency). Each finding's params are ``period``, ``count``, ``required``,
    ``title_zh`` and ``source``.
    """
    chosen = rules.rules if isinstance(rules, Template) else tuple(rules)
    policy = tuple(frequencies)
    return sort_violations(v for check in CHECKS for v in check(plan, chosen, policy))
