"""Charts of the monitoring figures, drawn with matplotlib (no pyplot, no GUI backend).

Every chart is drawn from a :class:`~uitweg.monitoring.tables.ShownTable` — the suppressed labels,
never the raw counts: a hidden cell gets no bar, only its label ("<5" or "•") written where the
bar would be. Each chart sits beside its data table, which is the accessible alternative; the SVG
gets ``role="img"`` and a title (see the template). The SVG helper is the estimation report's.
"""

from __future__ import annotations

import html
import re

from matplotlib.figure import Figure

from uitweg.estimation.charts import INK, MUTED, OBSERVED, png_data_uri, svg

__all__ = ["accessible_svg", "chart_comparison", "chart_trend", "png_data_uri"]

from uitweg.core.suppression import Cell

from .tables import ShownTable

PREVIOUS = "#9fb3c8"


def _figure(width: float, height: float) -> Figure:
    fig = Figure(figsize=(width, height), dpi=100)
    fig.set_layout_engine("constrained")
    return fig


def _bar_value(cell: Cell) -> float:
    return 0 if cell.hidden else cell.value


def chart_trend(periods, cells: list[Cell], threshold: int) -> Figure:
    """Vertical bars: the total of each period of the trend."""
    fig = _figure(6.0, 2.4)
    ax = fig.add_subplot()
    xs = list(range(len(periods)))
    values = [_bar_value(c) for c in cells]
    ax.bar(xs, values, color=OBSERVED, width=0.6)
    top = max([*values, threshold]) * 1.15
    for x, cell in zip(xs, cells, strict=True):
        ax.text(x, _bar_value(cell) + top * 0.02, cell.label(threshold), ha="center",
                va="bottom", fontsize=9, color=INK)
    ax.set_xticks(xs, [p.label for p in periods], fontsize=9)
    ax.set_ylim(0, top)
    ax.set_yticks([])  # the bars carry their (suppressed) labels; no scale to read off
    ax.spines[["top", "right", "left"]].set_visible(False)
    return fig


def chart_comparison(table: ShownTable, previous_label: str, current_label: str) -> Figure:
    """Horizontal bars per category: the selected period beside the same period a year before."""
    t = table.threshold
    labels = [label for _code, label in table.categories]
    n = len(labels)
    fig = _figure(6.0, 0.9 + 0.42 * max(n, 1))
    ax = fig.add_subplot()
    current = table.period_cells(len(table.periods) - 1)
    previous = table.period_cells(len(table.periods) - 2) if len(table.periods) > 1 else None
    ys = list(range(n))[::-1]
    values = [_bar_value(c) for c in current] + (
        [_bar_value(c) for c in previous] if previous else [])
    right = max([*values, t]) * 1.2
    ax.barh([y + 0.2 for y in ys], [_bar_value(c) for c in current], height=0.38,
            color=OBSERVED, label=current_label)
    for y, c in zip(ys, current, strict=True):
        ax.text(_bar_value(c) + right * 0.01, y + 0.2, c.label(t), va="center", fontsize=8,
                color=INK)
    if previous:
        ax.barh([y - 0.2 for y in ys], [_bar_value(c) for c in previous], height=0.38,
                color=PREVIOUS, label=previous_label)
        for y, c in zip(ys, previous, strict=True):
            ax.text(_bar_value(c) + right * 0.01, y - 0.2, c.label(t), va="center",
                    fontsize=8, color=MUTED)
    ax.set_yticks(ys, labels, fontsize=8)
    ax.set_xlim(0, right)
    ax.set_xticks([])  # the bars carry their (suppressed) labels; no scale to read off
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    return fig


def accessible_svg(fig: Figure, *, prefix: str, title: str) -> str:
    """Inline SVG with ``role="img"``, an ``aria-label`` and a ``<title>`` (the data table beside
    it holds the same figures)."""
    text = svg(fig, prefix=prefix)
    label = html.escape(title, quote=True)
    text = re.sub(r"<svg\b", f'<svg role="img" aria-label="{label}"', text, count=1)
    return re.sub(r"(<svg[^>]*>)", rf"\1<title>{label}</title>", text, count=1)
