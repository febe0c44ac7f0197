"""The figures page's bar charts, written as SVG text (no drawing library; ADR 0112).

matplotlib took 0.1-0.7 s per chart, and a chat registration changes four charts at once, so the
page right after a write missed its 200 ms target by far. These charts are plain bars with a label
each, so they are written directly: a few hundred microseconds per chart, the same output for the
same input (tested without the database), and text that inherits the page's font, so it is
readable at every zoom level.

Every chart is drawn from suppressed cells, never the raw counts: a hidden cell gets no bar, only
its label ("<5" or "•") where the bar would be. The SVG has ``role="img"``, an ``aria-label`` and
a ``<title>``; the data table beside it is the accessible alternative. The PDF keeps matplotlib's
PNG (:mod:`uitweg.monitoring.charts`), because the PDF renderer cannot draw SVG.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from uitweg.core.suppression import Cell

INK = "#1f2933"
MUTED = "#52606d"  # 6.5:1 on white: the previous period's labels stay readable
CURRENT = "#3b6ea5"
PREVIOUS = "#7b8fa6"  # 3.3:1 on white (WCAG 1.4.11 asks 3:1 for graphics)
CHAR_WIDTH = 6.6  # average width of a 12 px character, for the category margin
MAX_LABEL_CHARS = 26
#: drawn 480 units wide: at 390 px (a phone) the text still shows at about 9 px, at 1280 px it
#: sits beside its table
WIDTH = 480.0


def _value(cell: Cell) -> int:
    return 0 if cell.hidden else cell.value


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _open(width: float, height: float, title: str) -> list[str]:
    label = escape(title, quote=True)
    return [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" '
            f'viewBox="0 0 {_num(width)} {_num(height)}" width="100%" '
            f'style="max-width:{_num(width)}px" class="uitweg-bars">', f"<title>{label}</title>"]


def trend(period_labels: Sequence[str], cells: Sequence[Cell], *, threshold: int,
          title: str) -> str:
    """Vertical bars: the total of each period, each with its (suppressed) label above it."""
    if len(period_labels) != len(cells):
        raise ValueError("one cell per period")
    width, height, top, bottom = WIDTH, 220.0, 22.0, 28.0
    slot = width / max(len(cells), 1)
    scale = (height - top - bottom) / max([*(_value(c) for c in cells), threshold, 1])
    out = _open(width, height, title)
    for i, (period, cell) in enumerate(zip(period_labels, cells, strict=True)):
        x = i * slot + slot / 2
        bar = _value(cell) * scale
        base = height - bottom
        if bar:
            out.append(f'<rect x="{_num(x - slot * 0.3)}" y="{_num(base - bar)}" '
                       f'width="{_num(slot * 0.6)}" height="{_num(bar)}" fill="{CURRENT}"/>')
        out.append(f'<text x="{_num(x)}" y="{_num(base - bar - 5)}" text-anchor="middle" '
                   f'font-size="12" fill="{INK}">{escape(cell.label(threshold))}</text>')
        out.append(f'<text x="{_num(x)}" y="{_num(height - 9)}" text-anchor="middle" '
                   f'font-size="12" fill="{INK}">{escape(period)}</text>')
    out.append(f'<line x1="0" x2="{_num(width)}" y1="{_num(height - bottom)}" '
               f'y2="{_num(height - bottom)}" stroke="{INK}" stroke-width="1"/>')
    out.append("</svg>")
    return "".join(out)


def comparison(categories: Sequence[str], current: Sequence[Cell],
               previous: Sequence[Cell] | None, *, threshold: int, current_label: str,
               previous_label: str, title: str) -> str:
    """Horizontal bars per category: the selected period, and under it the same period a year
    before (when there is one), with a legend naming both."""
    if len(categories) != len(current) or (previous is not None
                                           and len(previous) != len(current)):
        raise ValueError("one cell per category")
    rows = [(current, CURRENT, INK)] + ([(previous, PREVIOUS, MUTED)] if previous else [])
    bar_h, gap, legend = 14.0, 12.0, 26.0
    group = bar_h * len(rows) + gap
    margin = min(max((len(_short(c)) for c in categories), default=0) * CHAR_WIDTH + 10, 182)
    width = WIDTH
    room = width - margin - 40  # space for the longest bar's label
    height = legend + group * len(categories) + 4
    scale = room / max([*(_value(c) for r, _f, _t in rows for c in r), threshold, 1])
    out = _open(width, height, title)
    for k, (name, (_cells, fill, _ink)) in enumerate(
            zip([current_label, previous_label], rows, strict=False)):
        x = margin + k * 110
        out.append(f'<rect x="{_num(x)}" y="4" width="12" height="12" fill="{fill}"/>')
        out.append(f'<text x="{_num(x + 17)}" y="14" font-size="12" fill="{INK}">'
                   f"{escape(name)}</text>")
    for i, category in enumerate(categories):
        y0 = legend + i * group
        short = _short(category)
        out.append(f'<text x="{_num(margin - 8)}" y="{_num(y0 + bar_h * len(rows) / 2 + 4)}" '
                   f'text-anchor="end" font-size="12" fill="{INK}">'
                   + (f"<title>{escape(category)}</title>" if short != category else "")
                   + f"{escape(short)}</text>")
        for j, (cells, fill, ink) in enumerate(rows):
            cell, y = cells[i], y0 + j * bar_h
            bar = _value(cell) * scale
            if bar:
                out.append(f'<rect x="{_num(margin)}" y="{_num(y + 1)}" width="{_num(bar)}" '
                           f'height="{_num(bar_h - 2)}" fill="{fill}"/>')
            out.append(f'<text x="{_num(margin + bar + 4)}" y="{_num(y + bar_h - 3)}" '
                       f'font-size="11" fill="{ink}">{escape(cell.label(threshold))}</text>')
    out.append(f'<line x1="{_num(margin)}" x2="{_num(margin)}" y1="{_num(legend - 2)}" '
               f'y2="{_num(height - 2)}" stroke="{INK}" stroke-width="1"/>')
    out.append("</svg>")
    return "".join(out)
