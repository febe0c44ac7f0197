"""Small-cell suppression for published counts: primary and complementary, proved by an audit.

A pure module (numpy/scipy, the ``estimation`` extra; no Django) in core, the lowest layer,
because two apps publish counts through it: monitoring and outreach (the lead's figures).

Every figure the monitoring pages, charts and exports show goes through :func:`suppress`. A count
below ``threshold`` (default: 0-4) is *primary* suppressed and shown as "<5". That
alone is not enough: with the row and column totals shown, a single hidden cell in a row is the
total minus the others. So further cells are *complementary* suppressed (shown as "•") until an
**audit** proves that no hidden value can be worked out from what is shown.

The audit is what an attacker would do: for every hidden cell, find the smallest and largest value
it can take given every shown cell and total, the bounds the labels give away (a "<5" cell holds
0-4; a "•" cell holds at least ``threshold``, because only such cells are chosen), and that counts
are not negative. Those are two linear programmes per hidden cell. A cell is protected when its
range holds at least two whole numbers (``max - min >= 1``); row-and-column sum constraints are
totally unimodular, so the programmes' optima are whole numbers and this is exact.

Complementary cells are chosen greedily: among the shown cells of at least ``threshold`` in the
rows and columns of the exposed hidden cells, the best by
— interior cells before totals, then the one sharing a line with most exposed cells, then the
smallest — and the audit runs again.
Zeros are small counts too ("<5"): if zeros were shown, every "<5" would mean 1-4, and four "<5"
cells under a "<5" total could then only be 1 each. With zeros hidden, a label says exactly what
an attacker may assume: "<5" is 0-4, "•" is 5 or more. Pure module:
no Django; tested with hypothesis against an independent check.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy.optimize import linprog

DEFAULT_THRESHOLD = 5


class Hidden(StrEnum):
    PRIMARY = "primary"  # a small count, zero included: shown as "<5"
    COMPLEMENTARY = "complementary"  # hidden so that small counts cannot be derived: "•"
    #: not published at all (``grand_total=False``): never shown, and not known to an attacker
    UNPUBLISHED = "unpublished"


@dataclass(frozen=True)
class Cell:
    value: int  # the true value; never render it when ``hidden`` is set
    hidden: Hidden | None = None

    def label(self, threshold: int = DEFAULT_THRESHOLD) -> str:
        if self.hidden is Hidden.PRIMARY:
            return f"<{threshold}"
        if self.hidden is Hidden.COMPLEMENTARY:
            return "•"
        if self.hidden is Hidden.UNPUBLISHED:
            return ""
        return str(self.value)

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.value


@dataclass(frozen=True)
class SuppressedTable:
    """Interior cells plus (optionally) row totals, column totals and the grand total."""

    cells: list[list[Cell]]
    row_totals: list[Cell] | None
    column_totals: list[Cell] | None
    total: Cell
    threshold: int
    #: Everything is hidden and small counts could still be worked out (e.g. four "<5" cells and a
    #: "<5" total can only be 1 each): the table must not be shown at all, only "too few to show".
    withheld: bool = False

    @property
    def hidden_count(self) -> int:
        grid = self.cells + ([self.column_totals] if self.column_totals else [])
        every = [c for row in grid for c in row] + (self.row_totals or []) + [self.total]
        return sum(1 for c in every if c.hidden and c.hidden is not Hidden.UNPUBLISHED)


def _extended(table: list[list[int]], row_totals: bool, column_totals: bool,
              grand_total: bool = True) -> np.ndarray:
    grid = np.asarray(table, dtype=np.int64).reshape(len(table), -1 if table else 0)
    if (grid < 0).any():
        raise ValueError("counts cannot be negative")
    rows, cols = grid.shape
    ext = np.zeros((rows + 1, cols + 1), dtype=np.int64)
    ext[:rows, :cols] = grid
    ext[:rows, cols] = grid.sum(axis=1)
    ext[rows, :cols] = grid.sum(axis=0)
    ext[rows, cols] = grid.sum()
    if not row_totals:
        ext[:rows, cols] = -1  # not published: marked unused
    if not column_totals:
        ext[rows, :cols] = -1
    if not grand_total:
        ext[rows, cols] = -1
    return ext


def _equations(shape: tuple[int, int], row_totals: bool, column_totals: bool,
               grand_total: bool = True):
    """Each published sum as a list of (position, sign): sum of signs * values == 0.

    Without a published grand total, no equation involves it (the row or column totals are
    then all an attacker has)."""
    rows, cols = shape[0] - 1, shape[1] - 1
    equations = []
    if row_totals:
        for i in range(rows):
            equations.append([((i, j), 1) for j in range(cols)] + [((i, cols), -1)])
        if grand_total:
            equations.append([((i, cols), 1) for i in range(rows)] + [((rows, cols), -1)])
    if column_totals:
        for j in range(cols):
            equations.append([((i, j), 1) for i in range(rows)] + [((rows, j), -1)])
        if grand_total:
            equations.append([((rows, j), 1) for j in range(cols)] + [((rows, cols), -1)])
    if row_totals and column_totals and not grand_total:
        # the grand total is still the sum of the row totals and of the column totals
        equations.append([((i, cols), 1) for i in range(rows)]
                         + [((rows, j), -1) for j in range(cols)])
    if not row_totals and not column_totals and grand_total:
        equations.append([((i, j), 1) for i in range(rows) for j in range(cols)]
                         + [((rows, cols), -1)])
    return equations


#: What a label tells an attacker about the hidden value: exactly what it says.
_BOUNDS = {
    Hidden.PRIMARY: lambda t: (0, t - 1),
    Hidden.COMPLEMENTARY: lambda t: (t, None),
}


def feasible_ranges(ext: np.ndarray, hidden: dict[tuple[int, int], Hidden], threshold: int,
                    row_totals: bool = True, column_totals: bool = True,
                    grand_total: bool = True
                    ) -> dict[tuple[int, int], tuple[float, float]]:
    """For every hidden position, the (min, max) an attacker can derive from what is shown."""
    if not hidden:
        return {}
    positions = sorted(hidden)
    index = {p: k for k, p in enumerate(positions)}
    a_rows, b = [], []
    for equation in _equations(ext.shape, row_totals, column_totals, grand_total):
        coefficients = np.zeros(len(positions))
        rhs = 0.0
        for position, sign in equation:
            if position in index:
                coefficients[index[position]] += sign
            else:
                rhs -= sign * ext[position]
        if coefficients.any():
            a_rows.append(coefficients)
            b.append(rhs)
    bounds = [_BOUNDS[hidden[p]](threshold) for p in positions]
    if not a_rows or bool((np.count_nonzero(np.array(a_rows), axis=0) <= 1).all()):
        return _ranges_one_equation_each(positions, a_rows, b, bounds)
    return _ranges_by_linear_programmes(positions, a_rows, b, bounds)


def _ranges_by_linear_programmes(positions, a_rows, b, bounds):
    """Two linear programmes per hidden position (min and max): the general case."""
    index = {p: k for k, p in enumerate(positions)}
    a_eq = np.array(a_rows) if a_rows else None
    b_eq = np.array(b) if b else None
    ranges = {}
    for p in positions:
        objective = np.zeros(len(positions))
        objective[index[p]] = 1
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if low.status == 3 or high.status == 3:  # unbounded above: well protected
            ranges[p] = (low.fun if low.status == 0 else bounds[index[p]][0], float("inf"))
        elif low.status != 0 or high.status != 0:
            raise RuntimeError(f"suppression audit failed: {low.message} / {high.message}")
        else:
            ranges[p] = (low.fun, -high.fun)
    return ranges


def _ranges_one_equation_each(positions, a_rows, b, bounds):
    """The same answer as the linear programmes when every hidden position is in at most one
    published sum (rows of a trend without column totals: the figures pages). The programme
    then falls apart into one equation per sum, ``sum(a_k * x_k) == c`` with each ``x_k`` in
    its box, and the box of the other terms' sum is an interval, so each range is exact
    arithmetic: no solver, microseconds instead of milliseconds (tested against the solver)."""
    inf = float("inf")
    low = [lo for lo, _hi in bounds]
    high = [inf if hi is None else hi for _lo, hi in bounds]
    ranges = {p: (float(low[k]), float(high[k])) for k, p in enumerate(positions)}
    for row, c in zip(a_rows, b, strict=True):
        terms = [(int(k), float(row[k])) for k in np.flatnonzero(row)]
        # the least and the most each term a_k * x_k can add (least is never +inf, most
        # never -inf: every lower bound is finite), so no sum below is inf - inf
        least = {k: min(a * low[k], a * high[k]) for k, a in terms}
        most = {k: max(a * low[k], a * high[k]) for k, a in terms}
        for k, a in terms:
            others_least = sum(v for j, v in least.items() if j != k)
            others_most = sum(v for j, v in most.items() if j != k)
            # a * x_k == c - others, with others anywhere in [others_least, others_most]
            ends = ((c - others_most) / a, (c - others_least) / a)
            ranges[positions[k]] = (max(low[k], min(ends)), min(high[k], max(ends)))
    return ranges


def _exposed(ranges) -> list[tuple[int, int]]:
    return [p for p, (low, high) in sorted(ranges.items()) if high - low < 1 - 1e-9]


def suppress(table: list[list[int]], *, threshold: int = DEFAULT_THRESHOLD,
             row_totals: bool = True, column_totals: bool = True,
             grand_total: bool = True) -> SuppressedTable:
    """Suppress a table of counts (rows by columns) so that no small count can be derived.

    ``grand_total=False`` when the sum of the whole table is not published (for example rows
    that are years of a trend: their sum means nothing). Its cell is then ``UNPUBLISHED`` and
    must never be shown; the audit does not give it to the attacker."""
    if threshold < 2:
        raise ValueError("the threshold is at least 2")
    grand = int(np.asarray(table, dtype=np.int64).sum()) if table else 0
    ext = _extended(table, row_totals, column_totals, grand_total)
    rows, cols = ext.shape[0] - 1, ext.shape[1] - 1
    published = [(i, j) for i in range(rows + 1) for j in range(cols + 1) if ext[i, j] >= 0]
    hidden = {p: Hidden.PRIMARY for p in published if ext[p] < threshold}
    withheld = False
    while True:
        exposed = _exposed(feasible_ranges(ext, hidden, threshold, row_totals, column_totals,
                                           grand_total))
        if not exposed:
            break
        # Every shown cell is at least the threshold (smaller ones are hidden already).
        lines = {("r", i) for i, _ in exposed} | {("c", j) for _, j in exposed}
        candidates = [p for p in published if p not in hidden
                      and (("r", p[0]) in lines or ("c", p[1]) in lines)]
        if not candidates:  # nothing in their rows or columns: widen to the whole table
            candidates = [p for p in published if p not in hidden]
        if not candidates:  # everything is hidden and still too few: withhold the table
            withheld = True
            break

        def preference(p, exposed=exposed):
            shared = sum(1 for q in exposed if q[0] == p[0] or q[1] == p[1])
            total = p[0] == rows or p[1] == cols
            return (total, -shared, ext[p], p)

        hidden[min(candidates, key=preference)] = Hidden.COMPLEMENTARY

    def cell(i, j):
        return Cell(int(ext[i, j]), hidden.get((i, j)))

    return SuppressedTable(
        cells=[[cell(i, j) for j in range(cols)] for i in range(rows)],
        row_totals=[cell(i, cols) for i in range(rows)] if row_totals else None,
        column_totals=[cell(rows, j) for j in range(cols)] if column_totals else None,
        total=cell(rows, cols) if grand_total else Cell(grand, Hidden.UNPUBLISHED),
        threshold=threshold,
        withheld=withheld,
    )


def suppress_series(values: list[int], *, threshold: int = DEFAULT_THRESHOLD) -> SuppressedTable:
    """A single row of counts with its total (a chart over years, a breakdown by one variable)."""
    return suppress([list(values)], threshold=threshold, row_totals=True, column_totals=False)
