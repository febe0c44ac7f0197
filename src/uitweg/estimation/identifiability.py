"""Does a model have a finite, identifiable maximum-likelihood estimate on these data?

Two separate conditions, as in SparseMSE's ``checkident`` (Chan, Silverman & Vincent 2021):

* **Identifiability**: after the terms at minus infinity are left out and their cells dropped,
  the design matrix of the remaining cells must have full column rank.
* **Existence** of the (extended) maximum-likelihood estimate, by the linear program of
  Fienberg & Rinaldo (2012): with ``A`` the transposed design and ``t = A y`` the sufficient
  statistics, maximise ``s`` subject to ``A x = t`` and ``x_c >= s >= 0`` for every cell. The
  estimate exists exactly when the optimum is positive, i.e. when the observed margins can also
  be produced by strictly positive cell counts.

Both conditions depend on the data only through which cells are non-empty, so results are cached
per (model, support). Before solving the linear program the equivalent dual condition is tried:
the estimate fails to exist exactly when some direction ``beta`` has ``X beta = 0`` on every
non-empty cell and ``X beta <= 0``, not all zero, on the empty ones (the likelihood then keeps
increasing along it). If the non-empty cells alone give a design of full column rank there is no
such direction; if they leave a one-dimensional null space, the direction is unique up to sign and
is checked directly; two- and three-dimensional ones by their extreme rays. Only larger null
spaces go to the linear program. The combined test (:func:`support_estimable`, used by the
selection) looks at existence only when the model is identifiable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import optimize

from . import lattice
from .batchfit import ModelBatch
from .model import layout, model_terms, split_terms

_LP_TOL = 1e-7
_CHUNK = 1024


@dataclass(frozen=True)
class Check:
    """Outcome of the check.

    ``code`` follows SparseMSE: 0 fine, 1 no MLE, 2 not identifiable, 3 both.
    """

    exists: bool
    identifiable: bool
    neg_inf: tuple[int, ...]
    message: str

    @property
    def ok(self) -> bool:
        return self.exists and self.identifiable

    @property
    def code(self) -> int:
        return int(not self.exists) + 2 * int(not self.identifiable)


def support_key(counts: np.ndarray) -> int:
    """The set of non-empty cells as one integer (bit ``c`` set when cell ``c`` has people)."""
    packed = np.packbits(np.asarray(counts) > 0, bitorder="little")
    return int.from_bytes(packed.tobytes(), "little")


def _support_array(key: int, m: int) -> np.ndarray:
    n = 1 << m
    raw = np.frombuffer(key.to_bytes((n + 7) // 8, "little"), dtype=np.uint8)
    return np.unpackbits(raw, bitorder="little")[:n].astype(float)


def is_estimable(counts: np.ndarray, m: int, terms: Sequence[int]) -> bool:
    """Fast cached test: the model with these terms has an identifiable, existing MLE."""
    return support_estimable(m, tuple(terms), support_key(counts))


def _support_design(m: int, terms: tuple[int, ...], key: int) -> tuple[np.ndarray, np.ndarray]:
    """The 0/1 counts of a support and the design of the cells that stay in the fit."""
    y = _support_array(key, m)
    y[0] = 0.0
    nstar = lattice.superset_sums(y, m)
    active, _neg_inf, kept = split_terms(nstar, m, terms)
    cells = np.nonzero(kept[1:])[0] + 1
    return y[cells], lattice.design(cells, active)


def _full_rank(X: np.ndarray) -> bool:
    return bool(len(X) >= X.shape[1] and np.linalg.matrix_rank(X) == X.shape[1])


@lru_cache(maxsize=200_000)
def support_estimable(m: int, terms: tuple[int, ...], key: int) -> bool:
    """The model is identifiable and its estimate exists on every table with this support
    (``key``: :func:`support_key`); as in :func:`check_model`, which explains the outcome."""
    y, X = _support_design(m, terms, key)
    return _full_rank(X) and _exists_identified(X, y)


def _exists_identified(X: np.ndarray, y: np.ndarray) -> bool:
    """Existence of the estimate for a design of full column rank (see the module docstring)."""
    on = y > 0
    # The likelihood only fails to have a finite maximum along directions beta with
    # X beta = 0 on the non-empty cells and X beta <= 0 (not all 0) on the empty ones.
    _, sv, vt = np.linalg.svd(X[on], full_matrices=True)
    rank = int(np.sum(sv > sv.max() * max(X.shape) * np.finfo(float).eps)) if sv.size else 0
    null = vt[rank:]
    if len(null) == 0:
        return True
    if len(null) == 1:
        # one direction: the estimate exists iff X beta takes both signs on the empty cells
        w = X[~on] @ null[0]
        tol = 1e-9 * max(1.0, float(np.abs(w).max()))
        return bool((w > tol).any() and (w < -tol).any())
    if len(null) <= 3:
        return not _cone_has_ray(X[~on] @ null.T)
    return fienberg_rinaldo_exists(X, y)


def _cone_has_ray(A: np.ndarray) -> bool:
    """Is there a direction ``a != 0`` with ``A a <= 0`` (``A`` has 2 or 3 columns)?

    Here ``A = X_empty N`` for a basis ``N`` of the null space of the non-empty cells' design,
    so ``A a = 0`` forces ``a = 0`` (the design has full rank) and the cone is pointed: if it is
    not just the origin it has an extreme ray, orthogonal to one row (2 columns) or to two rows
    (3 columns). Those few candidates are tried; this is the dual of the Fienberg-Rinaldo
    linear program, exact for such small null spaces.
    """
    rows = A[np.abs(A).max(axis=1) > 1e-12 * max(1.0, float(np.abs(A).max()))]
    if len(rows) == 0:
        return True
    if A.shape[1] == 2:
        cand = np.stack([-rows[:, 1], rows[:, 0]], axis=1)
    else:
        i, j = np.triu_indices(len(rows), 1)
        cand = np.cross(rows[i], rows[j])
    norm = np.linalg.norm(cand, axis=1)
    cand = cand[norm > 1e-9 * float(norm.max(initial=0.0))]
    if len(cand) == 0:
        return False
    cand = np.vstack([cand, -cand])
    w = cand @ rows.T
    tol = 1e-9 * np.abs(w).max(axis=1, keepdims=True)
    ray = (w <= tol).all(axis=1) & (w < -tol).any(axis=1)
    return bool(ray.any())


def fienberg_rinaldo_exists(X: np.ndarray, y: np.ndarray) -> bool:
    """Fienberg-Rinaldo linear program: is there a strictly positive ``x`` with ``X'x = X'y``?"""
    n, p = X.shape
    if n == 0:
        return False
    t = X.T @ y
    # variables: x_1..x_n, s ; maximise s  <=>  minimise -s
    c = np.zeros(n + 1)
    c[-1] = -1.0
    A_eq = np.hstack([X.T, np.zeros((p, 1))])
    A_ub = np.hstack([-np.eye(n), np.ones((n, 1))])
    res = optimize.linprog(
        c,
        A_ub=A_ub,
        b_ub=np.zeros(n),
        A_eq=A_eq,
        b_eq=t,
        bounds=[(0, None)] * (n + 1),
        method="highs",
    )
    if res.status != 0:
        return False
    return bool(-res.fun > _LP_TOL * max(1.0, float(y.max())))


def _forced_zero_cells(X: np.ndarray, y: np.ndarray) -> list[int]:
    """Rows that are zero in every non-negative ``x`` with ``X'x = X'y`` (the boundary cells)."""
    n, _p = X.shape
    t = X.T @ y
    forced = []
    for i in range(n):
        if y[i] > 0:
            continue
        c = np.zeros(n)
        c[i] = -1.0
        res = optimize.linprog(c, A_eq=X.T, b_eq=t, bounds=[(0, y.sum())] * n, method="highs")
        if res.status == 0 and -res.fun <= _LP_TOL * max(1.0, float(y.max())):
            forced.append(i)
    return forced


def check_model(
    counts: np.ndarray,
    m: int,
    interactions: Iterable[int],
    names: Sequence[str] | None = None,
) -> Check:
    """Full check with an explanation in words of which lists or pairs cause a problem."""
    names = list(names) if names is not None else [chr(ord("A") + i) for i in range(m)]
    counts = np.asarray(counts, dtype=float)
    lay = layout(counts, m, interactions)
    active, neg_inf, cells, X = lay.active, lay.neg_inf, lay.cells, lay.X
    y = counts[cells]
    p = len(active)
    rank = np.linalg.matrix_rank(X) if len(cells) else 0
    identifiable = bool(rank == p)
    exists = bool(fienberg_rinaldo_exists(X, y))

    parts: list[str] = []
    if neg_inf:
        labels = ", ".join(lattice.term_name(t, names) for t in neg_inf)
        containing = " or ".join(lattice.cell_name(t, names) for t in neg_inf)
        what = "never overlap" if all(lattice.order(t) == 2 for t in neg_inf) else "have nobody"
        parts.append(
            f"{labels} {what}, so {'its term is' if len(neg_inf) == 1 else 'their terms are'} "
            f"set to minus infinity and every combination of lists containing {containing} "
            "is left out of the fit"
        )
    if not identifiable:
        if len(cells) < p:
            parts.append(
                f"not identifiable: {len(cells)} combinations of lists remain for {p} parameters"
            )
        else:
            _, _, vt = np.linalg.svd(X)
            null = vt[rank:]
            involved = [active[j] for j in range(p) if np.any(np.abs(null[:, j]) > 1e-8)]
            parts.append(
                "not identifiable: the terms "
                + ", ".join(lattice.term_name(t, names) for t in involved)
                + " cannot be told apart with the combinations that remain"
            )
    if not exists:
        zero = _forced_zero_cells(X, y)
        zero_names = [lattice.cell_name(int(cells[i]), names) for i in zero]
        lists = sorted({i for i in zero for i in lattice.term_lists(int(cells[i]), m)})
        if zero_names:
            parts.append(
                "the maximum-likelihood estimate does not exist: the observed totals can only be "
                "matched if nobody at all is expected on "
                + ", ".join(zero_names)
                + " (lists involved: "
                + ", ".join(names[i] for i in lists)
                + "), so some parameters would have to be infinite"
            )
        else:
            parts.append("the maximum-likelihood estimate does not exist")
    if identifiable and exists:
        parts.append("the estimate exists and is identifiable")
    message = "; ".join(parts)
    message = message[0].upper() + message[1:] + "."
    return Check(exists=exists, identifiable=identifiable, neg_inf=neg_inf, message=message)


def estimable_batch(batch: ModelBatch, counts: np.ndarray) -> np.ndarray:
    """:func:`is_estimable` for every model of a :class:`~.batchfit.ModelBatch` at once.

    The sufficient rank condition is evaluated for all models with one stacked SVD; only the
    models for which it is inconclusive go through the (cached) linear program.
    """
    y = (np.asarray(counts) > 0).astype(float)
    y[0] = 0.0
    active, _sparse, kept = batch.data_terms(y)
    contain = np.vstack([batch.contain, np.zeros((1, batch.contain.shape[1]))])
    n_active = active.sum(axis=1)
    ok = np.zeros(len(batch.terms), dtype=bool)
    for lo in range(0, len(ok), _CHUNK):
        hi = min(len(ok), lo + _CHUNK)
        # design restricted to the non-empty combinations, models stacked: (models, terms, cells)
        X_on = contain[batch.terms[lo:hi]] * (
            active[lo:hi, :, None] * (kept[lo:hi] * y)[:, None, :]
        )
        ok[lo:hi] = np.linalg.matrix_rank(X_on) == n_active[lo:hi]
    for b in np.nonzero(~ok)[0]:
        ok[b] = is_estimable(counts, batch.m, model_terms(batch.m, batch.models[b]))
    return ok
