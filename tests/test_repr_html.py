"""Rich display in Jupyter: ``_repr_html_`` tables, escaped, with the records' content."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schoollogistics.assets import CategorySummary
from schoollogistics.compensation import Assessment
from schoollogistics.core.violations import FindingsReport, Severity, Violation
from schoollogistics.errors import FieldTypeError
from schoollogistics.school_calendar import MonthPlan, YearPlan
from schoollogistics.testing import strategy_for, violations

HOSTILE = '<script>alert("x")</script> & 留样'
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    return parser


def _rows(markup: str) -> int:
    return _parse(markup).tags.count("tr")


@given(st.lists(violations(), max_size=8))
def test_findings_report_is_sorted_with_counts_by_rule(found: list[Violation]) -> None:
    report = FindingsReport(found)
    assert list(report) == sorted(found, key=Violation.sort_key)
    assert len(report) == len(found)
    assert sum(report.counts_by_rule.values()) == len(found)
    markup = report._repr_html_()
    assert _rows(markup) == 2 + len(report.counts_by_rule) + len(found)
    assert set(_parse(markup).tags) <= {"table", "caption", "thead", "tbody", "tr", "th", "td"}
    for item in found:
        assert html.escape(item.subject) in markup
    assert "FindingsReport(" in repr(report)


def test_findings_report_escapes_and_refuses_non_violations() -> None:
    item = Violation("food_samples.late", Severity.ERROR, HOSTILE, "FS-3", message_en=HOSTILE)
    markup = FindingsReport([item, item])._repr_html_()
    assert "<script>" not in markup
    assert html.escape(HOSTILE) in markup
    assert "<td>FS-3</td><td>2</td>" in markup
    with pytest.raises(FieldTypeError):
        FindingsReport(["not a violation"])  # type: ignore[list-item]


@SLOW
@given(strategy_for(MonthPlan))
def test_month_plan_is_a_table_of_its_entries(plan: MonthPlan) -> None:
    markup = plan._repr_html_()
    assert _rows(markup) == 1 + len(plan.entries)
    assert f"{plan.year}-{plan.month:02d}" in markup
    for entry in plan.entries:
        assert html.escape(entry.title_zh) in markup
        assert entry.date.isoformat() in markup


@SLOW
@given(strategy_for(YearPlan))
def test_year_plan_is_a_table_of_its_entries(plan: YearPlan) -> None:
    markup = plan._repr_html_()
    assert _rows(markup) == 1 + len(plan.entries)
    assert html.escape(plan.label) in markup


@SLOW
@given(strategy_for(MonthPlan).filter(lambda plan: bool(plan.entries)))
def test_plan_text_is_escaped(plan: MonthPlan) -> None:
    entry = attrs.evolve(plan.entries[0], title_zh=HOSTILE, note_zh="<b>")
    markup = attrs.evolve(plan, entries=(entry, *plan.entries[1:]))._repr_html_()
    assert "<script>" not in markup
    assert "<b>" not in markup
    assert html.escape(HOSTILE) in markup


@SLOW
@given(strategy_for(Assessment))
def test_assessment_shows_totals_and_shares(assessment: Assessment) -> None:
    markup = assessment._repr_html_()
    assert str(assessment.total.amount) in markup
    assert html.escape(assessment.total_capital) in markup
    assert _rows(markup) == 2 + 1 + len(assessment.shares)
    for share in assessment.shares:
        assert html.escape(share.party_name) in markup


@SLOW
@given(strategy_for(CategorySummary))
def test_monthly_summary_row_shows_quantities_and_values(summary: CategorySummary) -> None:
    markup = summary._repr_html_()
    assert _rows(markup) == 3
    assert f"<td>{summary.closing_qty}</td>" in markup
    assert f"<td>{html.escape(str(summary.closing_value.amount))}</td>" in markup
