"""The CSV of the monitoring figures: the same suppressed labels as the page ("<5", "•")."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .figures import Figures


def csv_rows(figures: Figures) -> tuple[list[str], list[list[str]]]:
    """One row per (source, breakdown, period, category), plus the period totals."""
    header = [_("Source"), _("Breakdown"), _("Period"), _("Category"), _("Count")]
    rows: list[list[str]] = []
    for src in figures.sources:
        for table in src.tables:
            if table.withheld:
                rows.append([src.title, table.title, "", "", _("too few to show")])
                continue
            for period, cells, total in table.rows():
                for (_code, label), cell in zip(table.categories, cells, strict=True):
                    rows.append([src.title, table.title, period.label, label, cell])
                rows.append([src.title, table.title, period.label, _("Total"), total])
    return header, rows
