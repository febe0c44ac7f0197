"""The figures of one period, ready to show: every table suppressed, period totals harmonised.

This is the one place the views, the CSV and the PDF get their numbers from, so they cannot
disagree and none of them can skip suppression.
"""

from __future__ import annotations

import time
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


#: the models whose writes change a figure, by the source they are counted in: a save or delete
#: of one bumps that source's data version, so no cached count outlives the data it was counted
#: from (and a chat registration does not make the signals be counted again)
COUNTED_MODELS = {("cases", "Case"): "persons", ("cases", "Person"): "persons",
                  ("signals", "Signal"): "signals", ("chat", "Registration"): "chat",
                  ("outreach", "Contact"): "outreach", ("week", "Event"): "week",
                  ("week", "Registration"): "week"}
VERSION_KEY = "monitoring:data-version:"


def _fresh_version() -> int:
    """A version no earlier key can carry (the version itself may be culled from a local
    cache; starting again at 1 could meet counts cached under 1 before)."""
    return time.time_ns()


def data_version(source_key: str) -> int:
    key = VERSION_KEY + source_key
    version = cache.get(key)
    if version is None:
        cache.add(key, _fresh_version(), None)
        version = cache.get(key) or _fresh_version()
    return version


def bump_source(source_key: str) -> None:
    """A new data version for the source: its cached counts are not used again."""
    key = VERSION_KEY + source_key
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or culled)
        cache.set(key, _fresh_version(), None)


def bump_data_version(sender, **_kwargs) -> None:
    """Receiver of post_save/post_delete of :data:`COUNTED_MODELS` (connected in apps.py).

    Bumped at once (a read later in the same transaction sees the write) and again when the
    transaction commits: a page counted by another request between the write and its commit
    would otherwise keep the counts without it under the new version."""
    from django.db import transaction

    source_key = COUNTED_MODELS[(sender._meta.app_label, sender.__name__)]
    bump_source(source_key)
    transaction.on_commit(lambda: bump_source(source_key))


def counts_seconds() -> int:
    """How long counted rows are kept at most: the bound on staleness for writes that send no
    signal (``QuerySet.update``, another process with its own local cache)."""
    return int(getattr(settings, "MONITORING_COUNTS_SECONDS", 300))


def _rows(src, dimension, periods, version):
    """The count rows of one table, pre-aggregated: from the cache while the data version is
    unchanged, else counted by the database. Rows hold codes and numbers only, no labels, so
    they serve every language."""
    last = periods[-1]
    key = (f"monitoring:counts:v1:{version}:{src.key}.{dimension.key}:"
           f"{periods[0].year}-{last.year}-{last.quarter or 0}")
    rows = cache.get(key)
    if rows is None:
        rows = aggregates.count_rows(src, dimension, periods)
        cache.set(key, rows, counts_seconds())
    return rows


def figures_for(period: Period, *, only: str | None = None) -> Figures:
    t = threshold()
    periods = period.trend()
    result = []
    for src in aggregates.sources():
        if only and src.key != only:
            continue
        version = data_version(src.key)
        tables = [shown(aggregates.count_table(src, d, periods, _rows(src, d, periods, version)),
                        threshold=t, cache=cache)
                  for d in src.dimensions]
        result.append(SourceFigures(src.key, str(src.title()), harmonise(tables)))
    return Figures(period, t, result)
