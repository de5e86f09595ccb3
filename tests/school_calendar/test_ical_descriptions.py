"""iCalendar DESCRIPTIONs cite documents by title and the template rule, never a seed number."""

from __future__ import annotations

import icalendar
import pendulum
import pytest
from hypothesis import given

from schoollogistics.school_calendar import (
    Category,
    SchoolCalendar,
    Template,
    plan_year,
    to_ical,
)
from schoollogistics.school_calendar._ical import public_citation
from schoollogistics.school_calendar._records import PlanEntry
from schoollogistics.testing.school_calendar import plan_entries

pytestmark = pytest.mark.rule("CA-6")
STAMP = pendulum.datetime(2025, 8, 1, tz="Asia/Shanghai")


def _descriptions(text: str) -> list[str]:
    calendar = icalendar.Calendar.from_ical(text)
    return [str(event["DESCRIPTION"]) for event in calendar.walk("VEVENT")]


def test_no_exported_description_mentions_a_seed(
    beijing: SchoolCalendar, template: Template
) -> None:
    plan = plan_year(beijing, template)
    descriptions = _descriptions(to_ical(plan, dtstamp=STAMP))
    assert len(descriptions) == len(plan.entries)
    for entry, description in zip(plan.entries, descriptions, strict=True):
        assert "seed" not in description.lower()
        assert f"行事历规则 {entry.rule_id}" in description
    joined = "\n".join(descriptions)
    assert "《第二学期后勤工作计划》" in joined
    assert "《小学第一学期后勤工作计划》" in joined
    assert "GB 50444 §5.2.1" in joined  # national texts are still cited


@given(plan_entries())
def test_any_entry_citation_names_its_rule_and_no_seed(entry: PlanEntry) -> None:
    citation = public_citation(entry)
    assert citation.endswith(f"行事历规则 {entry.rule_id}")


def test_seed_citations_become_titles() -> None:
    category = next(iter(Category))
    day = pendulum.Date(2026, 3, 2)
    source = "seed 004 篇一 三4: a safety check once a week; 篇四 (四)1; CA-3 weekly"
    entry = PlanEntry(1, day, "每周安全检查", category, "weekly_safety_check", source)
    assert public_citation(entry) == (
        "《第二学期后勤工作计划》；CA-3 weekly；行事历规则 weekly_safety_check"
    )
    both = PlanEntry(1, day, "x", category, "r", "seeds 001, 003: together; seed 004")
    assert public_citation(both) == (
        "《学校后勤管理制度》；《小学第一学期后勤工作计划》；《第二学期后勤工作计划》；行事历规则 r"
    )


def test_other_sources_are_shown_as_written() -> None:
    entry = PlanEntry(
        1, pendulum.Date(2026, 3, 2), "x", next(iter(Category)), "r", "区教育局通知; 第3条"
    )
    assert public_citation(entry) == "区教育局通知; 第3条；行事历规则 r"
    bare = PlanEntry(1, pendulum.Date(2026, 3, 2), "x", next(iter(Category)), "r", "")
    assert public_citation(bare) == "行事历规则 r"
