"""Suppression of the capture-history (2^k) table on the estimate page. Pure: no Django.

The 2^k table is not a table of rows and columns: its published sums are the number of persons
in view (all cells), the number of persons on both lists of each pair the model names ("… people
on both where … were expected", a sum over every history holding the pair), and the
registrations per list (at least the persons on that list: an upper bound). So the audit of
:mod:`uitweg.core.suppression` is applied to these sums: the same labels with the same meaning
("<5" a small count, "•" a count of at least the threshold hidden so that no small count can be
worked out), the same linear programmes over what is shown, the same greedy choice of
complementary cells — only the equations differ (ADR 0077).

The page lists the non-empty histories only, so an absent history is a known zero and a "<5"
history holds 1 to threshold-1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from uitweg.core.suppression import Cell, Hidden


@dataclass(frozen=True)
class HistoryTable:
    """What may be shown of a 2^k table."""

    cells: dict[int, Cell]  # non-empty history mask -> cell
    overlaps: dict[int, Cell]  # pair mask -> persons on both lists
    threshold: int
    #: small counts could still be worked out with everything else hidden: show none of it
    withheld: bool = False

    def label(self, mask: int) -> str:
        return self.cells[mask].label(self.threshold)

    def overlap_label(self, pair: int) -> str:
        """The label of a named overlap ("<5" for an unknown one: never shown unaudited)."""
        cell = self.overlaps.get(pair)
        return cell.label(self.threshold) if cell else f"<{self.threshold}"


def _superset(mask: int, histories: Iterable[int]) -> list[int]:
    return [h for h in histories if h & mask == mask]


def ranges(counts: dict[int, int], overlaps: dict[int, int], hidden: dict, *, total: int,
           registrations: dict[int, int], threshold: int) -> dict:
    """For every hidden variable (``("cell", mask)`` or ``("pair", mask)``), the smallest and
    largest value an attacker can derive from what is shown."""
    variables = sorted(hidden)
    if not variables:
        return {}
    index = {v: k for k, v in enumerate(variables)}
    histories = sorted(counts)

    def row(terms):
        coefficients, rhs = np.zeros(len(variables)), 0.0
        for var, sign in terms:
            if var in index:
                coefficients[index[var]] += sign
            else:
                value = counts[var[1]] if var[0] == "cell" else overlaps[var[1]]
                rhs -= sign * value
        return coefficients, rhs

    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    coefficients, rhs = row([(("cell", h), 1) for h in histories])
    a_eq.append(coefficients)
    b_eq.append(rhs + total)  # every person in view
    for pair in overlaps:
        c, rhs = row([(("cell", h), 1) for h in _superset(pair, histories)]
                     + [(("pair", pair), -1)])
        a_eq.append(c)
        b_eq.append(rhs)
    for bit, registered in registrations.items():
        c, rhs = row([(("cell", h), 1) for h in _superset(bit, histories)])
        a_ub.append(c)
        b_ub.append(rhs + registered)  # persons on a list <= its registrations
    bounds = []
    for kind, mask in variables:
        if hidden[(kind, mask)] is Hidden.PRIMARY:
            bounds.append((1 if kind == "cell" else 0, threshold - 1))
        else:
            bounds.append((threshold, None))
    keep = [k for k, c in enumerate(a_eq) if c.any()]
    eq = (np.array([a_eq[k] for k in keep]), np.array([b_eq[k] for k in keep])) if keep else \
        (None, None)
    keep_ub = [k for k, c in enumerate(a_ub) if c.any()]
    ub = (np.array([a_ub[k] for k in keep_ub]), np.array([b_ub[k] for k in keep_ub])) \
        if keep_ub else (None, None)
    out = {}
    for v in variables:
        objective = np.zeros(len(variables))
        objective[index[v]] = 1
        low = linprog(objective, A_eq=eq[0], b_eq=eq[1], A_ub=ub[0], b_ub=ub[1], bounds=bounds,
                      method="highs")
        high = linprog(-objective, A_eq=eq[0], b_eq=eq[1], A_ub=ub[0], b_ub=ub[1],
                       bounds=bounds, method="highs")
        if low.status != 0:
            raise RuntimeError(f"suppression audit failed: {low.message}")
        out[v] = (low.fun, float("inf") if high.status == 3 else -high.fun)
    return out


def suppress_histories(counts: dict[int, int], *, overlaps: Iterable[int] = (),
                       registrations: dict[int, int] | None = None,
                       threshold: int) -> HistoryTable:
    """Suppress the non-empty histories ``counts`` (mask -> persons) and the pair overlaps the
    page names (pair masks), given that the total (every person in view) and the registrations
    per list (bit mask -> registrations) are shown."""
    if threshold < 2:
        raise ValueError("the threshold is at least 2")
    counts = {h: int(n) for h, n in counts.items() if n}
    total = sum(counts.values())
    pair_values = {p: sum(counts[h] for h in _superset(p, counts)) for p in overlaps}
    registrations = registrations or {}
    hidden: dict[tuple[str, int], Hidden] = {("cell", h): Hidden.PRIMARY
                                             for h, n in counts.items() if n < threshold}
    hidden |= {("pair", p): Hidden.PRIMARY for p, n in pair_values.items() if n < threshold}
    withheld = False
    while True:
        found = ranges(counts, pair_values, hidden, total=total, registrations=registrations,
                       threshold=threshold)
        exposed = [v for v, (low, high) in sorted(found.items()) if high - low < 1 - 1e-9]
        if not exposed:
            break
        candidates = [("cell", h) for h in sorted(counts) if ("cell", h) not in hidden] + \
            [("pair", p) for p in sorted(pair_values) if ("pair", p) not in hidden]
        if not candidates:
            withheld = True
            break

        def preference(v, exposed=exposed):
            kind, mask = v
            # sharing a published sum with an exposed cell: a common pair of lists
            shared = sum(1 for _k, m in exposed if bin(mask & m).count("1") >= 2)
            value = counts[mask] if kind == "cell" else pair_values[mask]
            return (kind != "cell", -shared, value, mask)

        hidden[min(candidates, key=preference)] = Hidden.COMPLEMENTARY
    return HistoryTable(
        cells={h: Cell(n, hidden.get(("cell", h))) for h, n in counts.items()},
        overlaps={p: Cell(n, hidden.get(("pair", p))) for p, n in pair_values.items()},
        threshold=threshold, withheld=withheld)
