"""The analysts' plots render to PNG (matplotlib's Agg canvas, no window) and show the data."""

from __future__ import annotations

import io
import sys
from decimal import Decimal

import numpy as np
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from schoollogistics import plots
from schoollogistics.core.violations import Severity, Violation
from schoollogistics.errors import InvalidArgumentError
from schoollogistics.food_samples import RetentionPolicy, TemperatureReading
from schoollogistics.school_calendar import (
    HolidayCalendar,
    SchoolCalendar,
    SchoolYear,
    plan_month,
    primary_school_template,
)

# matplotlib's default font has no CJK glyphs: the month grid's titles warn, as documented.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    FigureCanvasAgg(figure)  # the Agg canvas: no window, no backend chosen globally
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _violation(rule: str, subject: str = "s") -> Violation:
    return Violation(code="food.test", severity=Severity.ERROR, subject=subject, rule=rule)


@settings(max_examples=15, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["一小", "二小", "三中", "school-4"]),
        st.lists(st.sampled_from(["FS-1", "FS-2", "FS-5", "AS-3"]), max_size=8),
        max_size=4,
    )
)
def test_the_heatmap_counts_each_schools_findings_per_rule(
    rules_by_school: dict[str, list[str]],
) -> None:
    findings = {
        school: [_violation(rule) for rule in rules] for school, rules in rules_by_school.items()
    }
    figure = plots.findings_heatmap(findings)
    axes = figure.axes[0]
    columns = sorted({rule for rules in rules_by_school.values() for rule in rules})
    if not columns:
        assert [text.get_text() for text in axes.texts] == ["no findings"]
        return
    written = sorted(int(text.get_text()) for text in axes.texts)
    expected = sorted(rules.count(rule) for rules in rules_by_school.values() for rule in columns)
    assert written == expected
    assert [t.get_text() for t in axes.get_xticklabels()] == columns
    assert _png(figure).startswith(b"\x89PNG")


def test_the_heatmap_keeps_the_rules_asked_for_in_order() -> None:
    findings = {"一小": [_violation("FS-2"), _violation("FS-2")], "二小": []}
    axes = plots.findings_heatmap(findings, rules=["FS-5", "FS-2"]).axes[0]
    assert [t.get_text() for t in axes.get_xticklabels()] == ["FS-5", "FS-2"]
    assert [t.get_text() for t in axes.texts] == ["0", "2", "0", "0"]


def _readings() -> list[TemperatureReading]:
    start = pendulum.datetime(2025, 9, 1, 8, tz="Asia/Shanghai")
    values = ["4.0", "5.5", "9.5", "6.0", "-1.0", "3.0"]
    return [
        TemperatureReading(cabinet_id="cab-1", at=start.add(minutes=30 * i), celsius=Decimal(v))
        for i, v in enumerate(values)
    ] + [TemperatureReading(cabinet_id="cab-2", at=start, celsius=Decimal(20))]


def test_the_cabinet_chart_marks_the_readings_outside_the_band() -> None:
    figure = plots.cabinet_temperatures(_readings(), "cab-1")
    axes = figure.axes[0]
    (line,) = axes.get_lines()
    assert np.asarray(line.get_ydata()).tolist() == [4.0, 5.5, 9.5, 6.0, -1.0, 3.0]
    (marked,) = axes.collections
    assert sorted(np.asarray(marked.get_offsets())[:, 1].tolist()) == [-1.0, 9.5]
    assert "cab-1: 6 readings" in axes.get_title()
    assert _png(figure).startswith(b"\x89PNG")


def test_the_cabinet_chart_follows_the_policy_band() -> None:
    wide = RetentionPolicy(min_celsius=Decimal(-5), max_celsius=Decimal(10))
    axes = plots.cabinet_temperatures(_readings(), "cab-1", policy=wide).axes[0]
    assert not axes.collections  # nothing outside -5 … 10 °C


def test_the_cabinet_chart_refuses_a_cabinet_without_readings() -> None:
    with pytest.raises(InvalidArgumentError) as refused:
        plots.cabinet_temperatures(_readings(), "cab-9")
    assert refused.value.code == "input.invalid"


def _calendar() -> SchoolCalendar:
    year = SchoolYear.of(
        2025,
        (pendulum.Date(2025, 9, 1), pendulum.Date(2026, 1, 23)),
        (pendulum.Date(2026, 3, 2), pendulum.Date(2026, 7, 7)),
    )
    return SchoolCalendar(year, HolidayCalendar.china([2025, 2026]))


def test_the_month_grid_shows_every_day_and_entry() -> None:
    plan = plan_month(_calendar(), primary_school_template(), 2025, 9)
    figure = plots.month_grid(plan, max_lines=2)
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert [str(day) for day in range(1, 31)] == [t for t in texts if t.isdigit()]
    shown = "\n".join(texts)
    busiest = max(
        {e.date.day for e in plan.entries}, key=lambda d: sum(e.date.day == d for e in plan.entries)
    )
    count = sum(e.date.day == busiest for e in plan.entries)
    if count > 2:
        assert f"+{count - 2}" in shown
    assert _png(figure).startswith(b"\x89PNG")


def test_without_matplotlib_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    with pytest.raises(ModuleNotFoundError, match=r"schoollogistics\[plot\]"):
        plots.month_grid(plan_month(_calendar(), primary_school_template(), 2025, 9))


def test_the_chart_draws_each_reading_at_its_instant() -> None:
    line = plots.cabinet_temperatures(_readings(), "cab-1").axes[0].get_lines()[0]
    drawn = np.asarray(line.get_xdata()).tolist()
    assert drawn == [r.at.timestamp() / 86_400 for r in _readings() if r.cabinet_id == "cab-1"]
