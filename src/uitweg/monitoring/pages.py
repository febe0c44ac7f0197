"""What the templates get: the suppressed figures, their charts and the period selection."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from . import svg_bars
from .charts import chart_comparison, chart_trend, png_data_uri
from .figures import Figures
from .periods import FIRST_YEAR
from .tables import CACHE_SECONDS


def _pdf_chart(draw, *, prefix: str, title: str, shows: object) -> str:
    """The PDF's PNG chart (matplotlib), cached by everything it shows (the suppressed labels,
    titles, language): drawing it is the slow part of the report. The page's charts are SVG text
    (:mod:`.svg_bars`), fast enough to write on every request."""
    key = "monitoring:chart:v2:" + hashlib.sha256(
        repr((prefix, title, get_language(), shows)).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = png_data_uri(draw())
        cache.set(key, found, CACHE_SECONDS)
    return found


def _page_comparison(table, previous_label: str, current_label: str, *, title: str) -> str:
    last = len(table.periods) - 1
    return svg_bars.comparison(
        [label for _code, label in table.categories], table.period_cells(last),
        table.period_cells(last - 1) if last > 0 else None, threshold=table.threshold,
        current_label=current_label, previous_label=previous_label, title=title)


def page_context(figures: Figures, *, charts: bool = True, pdf: bool = False) -> dict:
    period = figures.period
    this_year = timezone.localdate().year
    sections = []
    for src in figures.sources:
        periods = src.tables[0].periods
        previous = periods[-2].label if len(periods) > 1 else ""
        trend_chart = ""
        if charts or pdf:
            cells = [cell for _p, cell in src.totals]
            t = figures.threshold
            if pdf:
                trend_chart = _pdf_chart(lambda ps=periods, cs=cells, t=t: chart_trend(ps, cs, t),
                                         prefix=f"{src.key}-trend-", title=src.title,
                                         shows=([p.label for p in periods],
                                                [c.label(t) for c in cells]))
            else:
                trend_chart = svg_bars.trend([p.label for p in periods], cells, threshold=t,
                                             title=src.title)
        tables = []
        for table in src.tables:
            chart = ""
            if pdf and not table.withheld:
                chart = _pdf_chart(lambda tb=table, before=previous:
                                   chart_comparison(tb, before, period.label),
                                   prefix=f"{table.key.replace('.', '-')}-",
                                   title=f"{src.title}: {table.title}",
                                   shows=(table.categories, table.rows()[-2:], previous,
                                          period.label))
            elif charts and not table.withheld:
                chart = _page_comparison(table, previous, period.label,
                                         title=f"{src.title}: {table.title}")
            tables.append({"table": table, "chart": chart})
        sections.append({"source": src, "trend_chart": trend_chart,
                         "totals": [(p, c.label(figures.threshold)) for p, c in src.totals],
                         "tables": tables})
    return {
        "figures": figures, "period": period, "sections": sections,
        "threshold": figures.threshold,
        "years": range(this_year, FIRST_YEAR - 1, -1)[:15],
        "quarters": [1, 2, 3, 4],
    }
