"""Count tables and their suppressed form, as the pages, charts and exports show them. Pure: no
Django, no database.

A :class:`CountTable` is one breakdown of one source over the periods of a trend: rows are
periods (oldest first, the selected one last), columns are categories, each row's total is the
number for that period. :func:`shown` runs it through :func:`suppression.suppress` — the only way a
count leaves this package — and :func:`harmonise` makes the tables of one page agree on which
period totals are hidden (the same total appears in every breakdown of a source).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace

from uitweg.core.suppression import Cell, Hidden, SuppressedTable, suppress

from .periods import Period

OTHER = "__other__"
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class CountTable:
    key: str  # "persons.form"
    title: str
    periods: list[Period]
    categories: list[tuple[str, str]]  # (code, label)
    counts: list[list[int]]  # [period][category]


@dataclass(frozen=True)
class ShownTable:
    """What may be shown of a :class:`CountTable`: labels only ("<5", "•" or a number)."""

    key: str
    title: str
    periods: list[Period]
    categories: list[tuple[str, str]]
    table: SuppressedTable

    @property
    def withheld(self) -> bool:
        return self.table.withheld

    @property
    def threshold(self) -> int:
        return self.table.threshold

    def rows(self):
        """(period, [cell labels], total label) per period, oldest first."""
        t = self.threshold
        return [(p, [c.label(t) for c in cells], total.label(t))
                for p, cells, total in zip(self.periods, self.table.cells,
                                           self.table.row_totals, strict=True)]

    def period_cells(self, index: int) -> list[Cell]:
        return self.table.cells[index]

    def totals(self) -> list[Cell]:
        return list(self.table.row_totals)


def shape(rows: Iterable[tuple[int, str, int]], periods: list[Period],
          categories: list[tuple[str, str]]) -> list[list[int]]:
    """(year, code, count) rows from the database into a periods-by-categories grid; codes not
    among ``categories`` go to the :data:`OTHER` column if there is one, else are an error."""
    years = {p.year: i for i, p in enumerate(periods)}
    column = {code: j for j, (code, _label) in enumerate(categories)}
    grid = [[0] * len(categories) for _ in periods]
    for year, code, n in rows:
        if year not in years:
            continue
        j = column.get(code if code is not None else "", column.get(OTHER))
        if j is None:
            raise ValueError(f"unknown category {code!r}")
        grid[years[year]][j] += int(n)
    return grid


def open_categories(rows: list[tuple[int, str, int]], *, keep: int, labels: dict[str, str],
                    unknown_label: str, other_label: str) -> list[tuple[str, str]]:
    """Categories of an open vocabulary (nationality, region): the ``keep`` largest by their
    total, then "other" for the rest and "unknown" for blanks."""
    totals: dict[str, int] = {}
    for _year, code, n in rows:
        totals[code or ""] = totals.get(code or "", 0) + int(n)
    named = sorted((c for c in totals if c), key=lambda c: (-totals[c], c))
    chosen = [(c, labels.get(c, c)) for c in named[:keep]]
    if len(named) > keep:
        chosen.append((OTHER, other_label))
    chosen.append(("", unknown_label))
    return chosen


def shown(table: CountTable, *, threshold: int, cache=None) -> ShownTable:
    """Suppress a count table: the only way its numbers reach a page, a chart or an export.

    ``cache`` (a Django cache, optional) keeps results by the counts themselves: the audit's
    linear programmes are the slow part of a page, and equal counts suppress equally."""
    counts = table.counts if table.categories else [[0] for _ in table.periods]
    key = None
    if cache is not None:
        digest = hashlib.sha256(json.dumps([counts, threshold]).encode()).hexdigest()
        key = f"monitoring:suppressed:v1:{digest}"
        suppressed = cache.get(key)
        if suppressed is not None:
            return ShownTable(table.key, table.title, table.periods, table.categories,
                              suppressed)
    suppressed = suppress(counts, threshold=threshold, row_totals=True, column_totals=False,
                          grand_total=False)  # years of a trend: their sum is not shown
    if key is not None:
        cache.set(key, suppressed, CACHE_SECONDS)
    return ShownTable(table.key, table.title, table.periods, table.categories, suppressed)


def harmonise(tables: list[ShownTable]) -> list[ShownTable]:
    """Hide a period total in every table of a source if any of them hides it.

    The same period total is the row total of every breakdown of one source; shown in one table
    it would undo the suppression of another. Hiding a shown cell only widens what an attacker
    can derive from a table, so the audit of each table still holds.
    """
    if not tables:
        return tables
    hidden = [any(t.table.row_totals[i].hidden for t in tables)
              for i in range(len(tables[0].periods))]
    result = []
    for t in tables:
        totals = [cell if cell.hidden or not hide else Cell(cell.value, Hidden.COMPLEMENTARY)
                  for cell, hide in zip(t.table.row_totals, hidden, strict=True)]
        result.append(replace(t, table=replace(t.table, row_totals=totals)))
    return result
