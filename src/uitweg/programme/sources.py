"""Indicator values counted by the platform: read from the monitoring section's figures, so an
indicator shows exactly what the monitoring pages show for that year — suppressed the same way
(small cells "<5", complementary cells "•"), never a number those pages hide."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .vocabulary import IndicatorSource


@dataclass(frozen=True)
class Shown:
    label: str  # what may be shown: a number, "<5", "•" or "" (not counted)
    value: int | None  # the number when it may be shown, else None


NOT_COUNTED = Shown("", None)


def _source(key: str):
    from uitweg.monitoring import aggregates

    return aggregates.source(key)


def breakdowns(source_key: str) -> list[tuple[str, str, list[tuple[str, str]] | None]]:
    """(dimension key, title, fixed categories or None) of a monitoring source."""
    src = _source(source_key)
    if src is None:
        return []
    return [(d.key, str(d.title()), d.categories() if d.categories else None)
            for d in src.dimensions]


def check_breakdown(source_key: str, dimension: str, category: str) -> dict[str, str]:
    """{field: message} when the breakdown does not exist for the source, else ``{}``."""
    if _source(source_key) is None:
        return {"source": _("This figure is not available in this installation.")}
    if not dimension:
        return {"dimension": _("Choose a breakdown for the category.")} if category else {}
    for key, _title, categories in breakdowns(source_key):
        if key == dimension:
            if not category or categories is None \
                    or category in {code for code, _label in categories}:
                return {}
            return {"category": _("This category does not exist in the chosen breakdown.")}
    return {"dimension": _("This breakdown does not exist for the chosen figure.")}


def counted(indicator, year: int, *, cache: dict | None = None) -> Shown:
    """The suppressed value of a counted indicator in ``year`` (``cache``: figures per source
    and year, shared by one page)."""
    from uitweg.monitoring.figures import figures_for
    from uitweg.monitoring.periods import Period

    if indicator.source == IndicatorSource.MANUAL:
        return NOT_COUNTED
    key = (indicator.source, year)
    if cache is not None and key in cache:
        figures = cache[key]
    else:
        figures = figures_for(Period(year), only=indicator.source)
        if cache is not None:
            cache[key] = figures
    if not figures.sources:
        return NOT_COUNTED
    tables = figures.sources[0].tables
    table = next((t for t in tables if t.key.endswith("." + indicator.dimension)), tables[0])
    if table.withheld:
        return Shown(f"<{figures.threshold}", None)
    row = len(table.periods) - 1  # the selected year is the last period of the trend
    if indicator.dimension and indicator.category:
        codes = [code for code, _label in table.categories]
        if indicator.category not in codes:
            return NOT_COUNTED
        cell = table.period_cells(row)[codes.index(indicator.category)]
    else:
        cell = table.totals()[row]
    return Shown(cell.label(figures.threshold), cell.shown)
