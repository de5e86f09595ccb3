"""Plots for analysts: findings by school and rule, a cabinet's temperatures, a month grid.

Optional: install the ``plot`` extra (``pip install "schoollogistics[plot]"``, which brings
matplotlib). matplotlib is imported when a function is called, never at import of the
library.

Each function draws on a new matplotlib ``Figure`` (the object-oriented API: no ``pyplot``,
no global state, no window) and returns it; nothing is shown or written. Render it
yourself, for example ``figure.savefig("heatmap.png")`` in a script, or let Jupyter display
it. Temperatures are converted to ``float`` for drawing only; every figure's numbers come
from the exact records.

Chinese text (the month grid's titles) needs a font with CJK glyphs; matplotlib's default
has none. Set one before drawing, for example
``matplotlib.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "DejaVu Sans"]``.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from schoollogistics.core.violations import Violation
from schoollogistics.errors import InvalidArgumentError, Phrase
from schoollogistics.food_samples import RetentionPolicy, TemperatureReading
from schoollogistics.school_calendar import MonthPlan

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

__all__ = ["cabinet_temperatures", "findings_heatmap", "month_grid"]

_EXTRA_HINT = 'plots need matplotlib: pip install "schoollogistics[plot]"'


def _figure(width: float, height: float) -> Figure:
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - optional, imported on use
    except ModuleNotFoundError as missing:
        raise ModuleNotFoundError(_EXTRA_HINT) from missing
    return Figure(figsize=(width, height), layout="constrained")


def findings_heatmap(
    findings: Mapping[str, Iterable[Violation]],
    *,
    rules: Sequence[str] | None = None,
    title: str = "Findings by school and rule",
) -> Figure:
    """A heat map of how many findings each school has under each rule.

    Args:
        findings: The violations of each school, by school name (the audit's result
            for each school, for example).
        rules: The columns, in order; by default every rule found, sorted.
        title: The figure's title.

    Returns:
        A figure with one row per school (in the mapping's order), one column per
        rule, and the count written in each cell.
    """
    counts = {school: Counter(v.rule for v in found) for school, found in findings.items()}
    columns = list(rules) if rules is not None else sorted({r for c in counts.values() for r in c})
    schools = list(counts)
    figure = _figure(1.2 + 0.7 * max(len(columns), 1), 1.0 + 0.35 * max(len(schools), 1))
    axes = figure.add_subplot()
    axes.set_title(title)
    if not columns or not schools:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "no findings", ha="center", va="center", transform=axes.transAxes)
        return figure
    grid = [[counts[school][rule] for rule in columns] for school in schools]
    image = axes.imshow(grid, cmap="Reds", aspect="auto", vmin=0)
    axes.set_xticks(range(len(columns)), columns, rotation=45, ha="right")
    axes.set_yticks(range(len(schools)), schools)
    for row, values in enumerate(grid):
        for column, count in enumerate(values):
            axes.text(column, row, str(count), ha="center", va="center", fontsize=8)
    figure.colorbar(image, ax=axes, label="findings")
    return figure


def cabinet_temperatures(
    readings: Iterable[TemperatureReading],
    cabinet_id: str,
    *,
    policy: RetentionPolicy | None = None,
) -> Figure:
    """A cabinet's temperatures over time, with the allowed band and the excursions marked.

    Args:
        readings: Readings of any cabinets; those of ``cabinet_id`` are drawn, in time order.
        cabinet_id: The sample cabinet (留样柜) to draw.
        policy: Gives the band (FS-5, ``min_celsius`` … ``max_celsius``); default policy
            if omitted.

    Returns:
        A figure: the readings as a line, the band shaded, readings outside it marked.

    Raises:
        InvalidArgumentError: no reading of ``cabinet_id`` is given.
    """
    band = policy if policy is not None else RetentionPolicy()
    own = sorted((r for r in readings if r.cabinet_id == cabinet_id), key=lambda r: r.at)
    if not own:
        raise InvalidArgumentError(
            field="cabinet_id",
            reason=Phrase("no reading of cabinet {cabinet}", "没有留样柜「{cabinet}」的读数",
                          cabinet=cabinet_id),
        )  # fmt: skip
    low, high = band.min_celsius, band.max_celsius
    figure = _figure(8.0, 3.0)
    axes = figure.add_subplot()
    axes.xaxis_date(tz=band.timezone)
    axes.axhspan(float(low), float(high), color="tab:green", alpha=0.15, label="allowed (FS-5)")
    axes.plot([_day_number(r) for r in own], [float(r.celsius) for r in own], linewidth=1)
    outside = [r for r in own if not low <= r.celsius <= high]
    if outside:
        axes.scatter(
            [_day_number(r) for r in outside],
            [float(r.celsius) for r in outside],
            color="tab:red",
            zorder=3,
            label=f"outside the band ({len(outside)})",
        )
    axes.set_ylabel("°C")
    axes.set_title(f"Cabinet {cabinet_id}: {len(own)} readings")
    axes.legend(loc="upper right")
    figure.autofmt_xdate()
    return figure


def _day_number(reading: TemperatureReading) -> float:
    """The date number matplotlib draws with: days since 1970-01-01 UTC, its default epoch."""
    return reading.at.timestamp() / 86_400


def month_grid(plan: MonthPlan, *, max_lines: int = 3) -> Figure:
    """A month plan as a calendar grid: one cell per day, Monday first, titles inside.

    Args:
        plan: The month's plan.
        max_lines: Entries shown per day; more are summed up as ``+n``.

    Returns:
        A figure with the month's weeks as rows and the weekdays as columns.
    """
    by_day: dict[int, list[str]] = {}
    for entry in plan.entries:
        by_day.setdefault(entry.date.day, []).append(entry.title_zh)
    weeks = calendar.Calendar(firstweekday=0).monthdayscalendar(plan.year, plan.month)
    figure = _figure(11.0, 1.6 * len(weeks) + 0.6)
    axes = figure.add_subplot()
    axes.set_xlim(0, 7)
    axes.set_ylim(len(weeks), 0)
    axes.set_axis_off()
    for column, name in enumerate(("一", "二", "三", "四", "五", "六", "日")):
        axes.text(column + 0.5, -0.05, f"周{name}", ha="center", va="bottom", fontsize=9)
    for row, week in enumerate(weeks):
        for column, day in enumerate(week):
            axes.add_patch(_cell(column, row))
            if not day:
                continue
            titles = by_day.get(day, [])
            shown = titles[:max_lines]
            if len(titles) > max_lines:
                shown.append(f"+{len(titles) - max_lines}")
            axes.text(column + 0.05, row + 0.15, str(day), fontsize=9, fontweight="bold")
            axes.text(column + 0.05, row + 0.3, "\n".join(shown), fontsize=6, va="top")
    # Above the weekday row (drawn just over the grid), not on top of it.
    axes.set_title(f"{plan.year}-{plan.month:02d}: {len(plan.entries)} entries", pad=18)
    return figure


def _cell(column: int, row: int) -> Rectangle:
    from matplotlib.patches import Rectangle  # noqa: PLC0415 - optional, imported on use

    return Rectangle((column, row), 1, 1, fill=False, linewidth=0.5, edgecolor="0.6")
