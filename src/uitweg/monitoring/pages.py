"""What the templates get: the suppressed figures, their charts and the period selection."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from .charts import accessible_svg, chart_comparison, chart_trend, png_data_uri
from .figures import Figures
from .periods import FIRST_YEAR
from .tables import CACHE_SECONDS


def _chart(draw, *, prefix: str, title: str, pdf: bool, shows: object) -> str:
    """A chart, cached by everything it shows (the suppressed labels, titles, language):
    drawing is the slow part of a page once the suppression is cached."""
    key = "monitoring:chart:v1:" + hashlib.sha256(
        repr((prefix, title, pdf, get_language(), shows)).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        fig = draw()
        found = png_data_uri(fig) if pdf else accessible_svg(fig, prefix=prefix, title=title)
        cache.set(key, found, CACHE_SECONDS)
    return found


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
            trend_chart = _chart(lambda ps=periods, cs=cells, t=t: chart_trend(ps, cs, t),
                                 prefix=f"{src.key}-trend-", title=src.title, pdf=pdf,
                                 shows=([p.label for p in periods],
                                        [c.label(figures.threshold) for c in cells]))
        tables = []
        for table in src.tables:
            chart = ""
            if (charts or pdf) and not table.withheld:
                chart = _chart(lambda tb=table, before=previous:
                               chart_comparison(tb, before, period.label),
                               prefix=f"{table.key.replace('.', '-')}-",
                               title=f"{src.title}: {table.title}", pdf=pdf,
                               shows=(table.categories, table.rows()[-2:], previous,
                                      period.label))
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
