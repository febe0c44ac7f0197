"""Suppression of the groups of an overlapping stratum (forms of exploitation). Pure: no Django.

The groups of forms overlap (:data:`.strata.RULES`), so they are not a row whose sum is the total
and :func:`uitweg.core.suppression.suppress` does not describe what a reader can work out. What
the page shows of such a variable, and what is known about it:

* ``total`` — the persons in view (the headline), shown;
* ``unknown`` — the persons with no form, and ``multiple`` — the persons in more than one group;
* each group's persons, ``g_i``.

With ``V`` the persons with at least one form (not shown): ``unknown + V = total``,
``g_i <= V``, ``V + multiple <= sum(g) <= V + (k - 1) * multiple`` and ``multiple <= V``. The
same labels as elsewhere ("<5" a small count, zero included; "•" a count of at least the
threshold hidden so that no small count can be worked out) and the same audit: a linear
programme per hidden count for the smallest and largest value these relations allow, more
cells hidden (the persons in more than one group first, then the smallest) until every hidden
count has a range of at least one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from uitweg.core.suppression import Cell, Hidden


@dataclass(frozen=True)
class OverlapShown:
    groups: list[Cell]
    unknown: Cell
    multiple: Cell
    threshold: int
    withheld: bool = False


def ranges(values: Sequence[int], hidden: dict[int, Hidden], *, total: int,
           threshold: int) -> dict[int, tuple[float, float]]:
    """``values`` = groups…, unknown, multiple. For every hidden index, the smallest and largest
    value the relations of the module documentation allow given what is shown."""
    k = len(values) - 2
    unknown, multiple = k, k + 1
    variables = [*sorted(hidden), "V"]
    index = {v: i for i, v in enumerate(variables)}
    n = len(variables)

    def row(terms):
        coefficients, rhs = np.zeros(n), 0.0
        for var, sign in terms:
            if var in index:
                coefficients[index[var]] += sign
            else:
                rhs -= sign * values[var]
        return coefficients, rhs

    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    c, rhs = row([(unknown, 1), ("V", 1)])
    a_eq.append(c)
    b_eq.append(rhs + total)
    inequalities = [[(g, 1), ("V", -1)] for g in range(k)]  # g_i <= V
    inequalities += [
        [("V", 1), (multiple, 1)] + [(g, -1) for g in range(k)],  # V + m <= sum g
        [(g, 1) for g in range(k)] + [("V", -1), (multiple, -(k - 1))],  # sum g <= V + (k-1)m
        [(multiple, 1), ("V", -1)],  # m <= V
    ]
    for ub in inequalities:
        coefficients, r = row(ub)
        a_ub.append(coefficients)
        b_ub.append(r)
    bounds = []
    for v in variables:
        if v == "V":
            bounds.append((0, total))
        elif hidden[v] is Hidden.PRIMARY:
            bounds.append((0, threshold - 1))
        else:
            bounds.append((threshold, None))
    out = {}
    for v in sorted(hidden):
        objective = np.zeros(n)
        objective[index[v]] = 1
        low = linprog(objective, A_eq=np.array(a_eq), b_eq=np.array(b_eq), A_ub=np.array(a_ub),
                      b_ub=np.array(b_ub), bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=np.array(a_eq), b_eq=np.array(b_eq),
                       A_ub=np.array(a_ub), b_ub=np.array(b_ub), bounds=bounds, method="highs")
        if low.status != 0:
            raise RuntimeError(f"suppression audit failed: {low.message}")
        out[v] = (low.fun, float("inf") if high.status == 3 else -high.fun)
    return out


def suppress_overlapping(groups: Sequence[int], *, unknown: int, multiple: int, total: int,
                         threshold: int) -> OverlapShown:
    """Suppress the groups of an overlapping stratum, its unknown and its persons in more than
    one group, given that ``total`` is shown."""
    if threshold < 2:
        raise ValueError("the threshold is at least 2")
    values = [int(g) for g in groups] + [int(unknown), int(multiple)]
    hidden = {i: Hidden.PRIMARY for i, v in enumerate(values) if v < threshold}
    withheld = False
    while True:
        found = ranges(values, hidden, total=total, threshold=threshold)
        if not any(high - low < 1 - 1e-9 for low, high in found.values()):
            break
        candidates = [i for i in range(len(values)) if i not in hidden]
        if not candidates:
            withheld = True
            break
        # the persons in more than one group first (the groups matter more), then the smallest
        hidden[min(candidates, key=lambda i: (i != len(values) - 1, values[i], i))] = \
            Hidden.COMPLEMENTARY
    cells = [Cell(v, hidden.get(i)) for i, v in enumerate(values)]
    return OverlapShown(cells[:-2], cells[-2], cells[-1], threshold, withheld)
