"""The figures of one period, ready to show: every table suppressed, period totals harmonised.

This is the one place the views, the CSV and the PDF get their numbers from, so they cannot
disagree and none of them can skip suppression.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from . import aggregates
from .periods import Period
from .tables import ShownTable, harmonise, shown


@dataclass(frozen=True)
class SourceFigures:
    key: str
    title: str
    tables: list[ShownTable]

    @property
    def totals(self):
        """(period, total cell) per period of the trend (the same in every table)."""
        first = self.tables[0]
        return list(zip(first.periods, first.totals(), strict=True))


@dataclass(frozen=True)
class Figures:
    period: Period
    threshold: int
    sources: list[SourceFigures]


def threshold() -> int:
    """The setting, never below 2 (a threshold of 1 would suppress nothing)."""
    return max(2, int(getattr(settings, "MONITORING_SUPPRESSION_THRESHOLD", 5)))


def figures_for(period: Period, *, only: str | None = None) -> Figures:
    t = threshold()
    periods = period.trend()
    result = []
    for src in aggregates.sources():
        if only and src.key != only:
            continue
        tables = [shown(aggregates.count_table(src, d, periods), threshold=t, cache=cache)
                  for d in src.dimensions]
        result.append(SourceFigures(src.key, str(src.title()), harmonise(tables)))
    return Figures(period, t, result)
