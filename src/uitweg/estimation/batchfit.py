"""Fit many log-linear models to the same counts at once (for BIC selection and its bootstrap).

Models are grouped by their number of terms and each group is fitted together by Newton-Raphson
with numpy arrays of shape ``(models, terms)``. Instead of a design matrix per model the lattice
structure is used: with ``C[t, c] = 1`` when term ``t`` is contained in cell ``c``, the linear
predictors are ``coef @ C``, the fitted margins ``mu @ C.T``, and the Hessian entry for terms
``p`` and ``q`` is the fitted margin of ``p | q``. Terms at minus infinity get an identity row so
that their step is zero. The results agree with :func:`.model.fit_model` to rounding error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special

from . import lattice
from .model import model_terms

_ETA_MAX = 700.0
_SIZES_PER_BLOCK = 3
_MAX_BLOCK = 2048  # models per block, bounds memory for the 32,768 six-list models


@dataclass(frozen=True, eq=False)
class BatchResult:
    """Per model: coefficients (padded, ``-inf`` for terms at minus infinity), fit and estimate."""

    beta: np.ndarray
    loglik: np.ndarray
    bic: np.ndarray
    hidden: np.ndarray
    total: np.ndarray
    ok: np.ndarray


@dataclass(frozen=True, eq=False)
class _Block:
    index: np.ndarray  # positions of these models in the batch
    terms: np.ndarray  # (models, P)
    union: np.ndarray  # (models, P, P): terms[p] | terms[q]


class ModelBatch:
    """A fixed list of models (tuples of interaction terms) on ``m`` lists."""

    def __init__(self, m: int, models: Sequence[tuple[int, ...]]):
        if m > 10:
            raise ValueError("batch fitting supports at most 10 lists")
        if not models:
            raise ValueError("a batch needs at least one model")
        self.m = m
        self.models = list(models)
        n_cells = 1 << m
        base = model_terms(m, ())
        all_terms = [
            base + tuple(dict.fromkeys(t for t in mod if int(t).bit_count() >= 2))
            for mod in self.models
        ]
        B = len(all_terms)
        lengths = np.fromiter((len(t) for t in all_terms), dtype=np.int64, count=B)
        P = int(lengths.max())
        valid = np.arange(P)[None, :] < lengths[:, None]
        terms = np.full((B, P), n_cells, dtype=np.int64)  # n_cells pads: never part of a model
        terms[valid] = np.fromiter(
            (t for ts in all_terms for t in ts), dtype=np.int64, count=int(lengths.sum())
        )
        self.terms = terms
        self.valid = valid
        self.n_terms = valid.sum(axis=1)
        masks = np.arange(n_cells, dtype=np.int64)
        self.contain = np.ascontiguousarray(lattice.design(masks, masks).T)  # contain[t, c]
        self.contain_t = np.ascontiguousarray(self.contain.T)
        # Group models of similar size; the smaller ones in a group are padded with terms that
        # behave like terms at minus infinity (identity rows, no cells).
        self._blocks = []
        sizes = np.unique(self.n_terms)
        groups = np.array_split(sizes, max(1, -(-len(sizes) // _SIZES_PER_BLOCK)))
        for group in groups:
            members = np.nonzero(np.isin(self.n_terms, group))[0]
            size = int(group.max())
            for start in range(0, len(members), _MAX_BLOCK):
                self._add_block(members[start : start + _MAX_BLOCK], size)

    def _add_block(self, index: np.ndarray, size: int) -> None:
        block_terms = self.terms[index, :size]
        block_valid = self.valid[index, :size]
        union = np.where(
            block_valid[:, :, None] & block_valid[:, None, :],
            block_terms[:, :, None] | block_terms[:, None, :],
            1 << self.m,
        ).astype(np.int32)
        self._blocks.append(_Block(index, block_terms, union))

    def data_terms(self, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For every model: (active terms, terms at minus infinity, kept cells) on these data.

        Term arrays are padded to the largest model; cell 0 is never "kept" (it is not observed).
        """
        nstar = _pad(lattice.superset_sums(np.asarray(counts, dtype=float), self.m))
        sparse = self.valid & (self.terms != 0) & (nstar[self.terms] == 0)
        active = self.valid & ~sparse
        return active, sparse, self._kept(self.terms, sparse)

    def _kept(self, terms: np.ndarray, sparse: np.ndarray) -> np.ndarray:
        n_cells = 1 << self.m
        onehot = np.zeros((len(terms), n_cells + 1))
        np.put_along_axis(onehot, terms, sparse.astype(float), axis=1)
        kept = (onehot[:, :n_cells] @ self.contain) == 0
        kept[:, 0] = False
        return kept

    def fit(
        self,
        counts: np.ndarray,
        start: np.ndarray | None = None,
        subset: np.ndarray | None = None,
        *,
        tol: float = 1e-11,
        max_iter: int = 100,
    ) -> BatchResult:
        """Fit every model (or those in boolean ``subset``) to ``counts`` (length ``2**m``).

        ``start`` is a previous ``BatchResult.beta`` for the same batch (warm start).
        """
        y = np.asarray(counts, dtype=float).copy()
        y[0] = 0.0
        B, P = self.terms.shape
        beta_all = np.full((B, P), np.nan)
        ll_all = np.full(B, np.nan)
        ok_all = np.zeros(B, dtype=bool)
        nstar = _pad(lattice.superset_sums(y, self.m))
        for block in self._blocks:
            local = np.arange(len(block.index))
            if subset is not None:
                local = local[subset[block.index]]
            if len(local) == 0:
                continue
            rows = block.index[local]
            size = block.terms.shape[1]
            beta0 = None if start is None else start[rows, :size]
            beta, ll, ok = self._fit_block(
                y, nstar, block.terms[local], block.union[local], beta0, tol, max_iter
            )
            beta_all[rows, :size] = np.where(self.valid[rows, :size], beta, np.nan)
            ll_all[rows] = ll
            ok_all[rows] = ok
        return self._result(beta_all, ll_all, ok_all, y.sum())

    def fit_rows(
        self,
        counts: np.ndarray,
        rows: np.ndarray,
        start: np.ndarray | None = None,
        *,
        tol: float = 1e-11,
        max_iter: int = 100,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Fit only the models ``rows`` (indices into the batch), all in one block.

        ``start`` holds warm starts for the whole batch. Returns per row the log-likelihood,
        whether the fit converged, the BIC and the total estimate. Cheaper than :meth:`fit` with a
        ``subset`` when few models are fitted at a time (no per-batch arrays are allocated).
        """
        y = np.asarray(counts, dtype=float).copy()
        y[0] = 0.0
        rows = np.asarray(rows, dtype=np.int64)
        size = int(self.n_terms[rows].max())
        terms = self.terms[rows, :size]
        valid = self.valid[rows, :size]
        union = np.where(
            valid[:, :, None] & valid[:, None, :],
            terms[:, :, None] | terms[:, None, :],
            1 << self.m,
        ).astype(np.int32)
        nstar = _pad(lattice.superset_sums(y, self.m))
        beta0 = None if start is None else start[rows, :size]
        beta, ll, ok = self._fit_block(y, nstar, terms, union, beta0, tol, max_iter)
        N = y.sum()
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            bic = self.n_terms[rows] * np.log(N) - 2.0 * ll
            total = N + np.exp(np.minimum(beta[:, 0], _ETA_MAX))
        return ll, ok, bic, total

    def _fit_block(
        self,
        y: np.ndarray,
        nstar: np.ndarray,
        terms: np.ndarray,
        union: np.ndarray,
        start: np.ndarray | None,
        tol: float,
        max_iter: int,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        n_cells = 1 << self.m
        width = n_cells + 1
        n, size = terms.shape
        sparse = (terms != 0) & (nstar[terms] == 0)
        active = ~sparse
        kept = self._kept(terms, sparse)
        # Rows and columns of terms at minus infinity are zero in the Hessian (their cells have
        # fitted value 0); 1 on the diagonal keeps the system solvable with a zero step.
        eye = (np.eye(size, dtype=bool)[None] & sparse[:, :, None]).astype(float)
        grad_target = nstar[terms] * active
        contain, contain_t = self.contain, self.contain_t

        def loglik(eta: np.ndarray, mu: np.ndarray, kept_: np.ndarray) -> np.ndarray:
            return np.where(kept_, y * eta - mu, 0.0).sum(axis=1)

        def hessian(margins: np.ndarray, union_: np.ndarray, eye_: np.ndarray) -> np.ndarray:
            offsets = (np.arange(len(margins)) * width)[:, None, None] + union_
            return margins.ravel()[offsets] + eye_

        if start is None:
            # R's glm start: one weighted least-squares step from mu = y + 0.1
            w = np.where(kept, y + 0.1, 0.0)
            z = np.log(y + 0.1) + (y - (y + 0.1)) / (y + 0.1)
            g0 = np.take_along_axis(_pad((w * z) @ contain_t), terms, axis=1) * active
            beta = solve_stack(hessian(_pad(w @ contain_t), union, eye), g0)
        else:
            beta = np.where(active & np.isfinite(start), start, 0.0)

        eta = linear_predictor(contain, beta, terms, active)
        mu = np.where(kept, np.exp(eta), 0.0)
        ll = loglik(eta, mu, kept)
        done = np.zeros(n, dtype=bool)
        for _ in range(max_iter):
            todo = np.nonzero(~done)[0]
            if len(todo) == 0:
                break
            every = len(todo) == n
            terms_t = terms if every else terms[todo]
            active_t = active if every else active[todo]
            kept_t = kept if every else kept[todo]
            margins = _pad((mu if every else mu[todo]) @ contain_t)
            grad = grad_target[todo] - np.take_along_axis(margins, terms_t, axis=1) * active_t
            H = hessian(margins, union if every else union[todo], eye if every else eye[todo])
            step = solve_stack(H, grad)
            decrement = np.einsum("bp,bp->b", grad, step)
            t = np.ones(len(todo))
            b_old = beta[todo]
            ll_old = ll[todo]
            for _half in range(40):
                b_new = b_old + t[:, None] * step
                e_new = linear_predictor(contain, b_new, terms_t, active_t)
                m_new = np.where(kept_t, np.exp(e_new), 0.0)
                l_new = loglik(e_new, m_new, kept_t)
                worse = ~(l_new >= ll_old - 1e-12 * (np.abs(ll_old) + 1.0))
                worse &= np.isfinite(step).all(axis=1)
                if not worse.any():
                    break
                t = np.where(worse, t * 0.5, t)
            beta[todo] = b_new
            mu[todo] = m_new
            ll[todo] = l_new
            # A full Newton step from a point whose Newton decrement is already tiny leaves an
            # error far smaller still (quadratic convergence), so the model is done.
            converged = (decrement < tol * (np.abs(ll_old) + 1.0)) & (t == 1.0)
            done[todo[converged | ~np.isfinite(decrement)]] = True

        const = np.where(kept, special.gammaln(y + 1), 0.0).sum(axis=1)
        beta = np.where(active, beta, -np.inf)
        return beta, ll - const, done & np.isfinite(ll)

    def _result(self, beta: np.ndarray, ll: np.ndarray, ok: np.ndarray, N: float) -> BatchResult:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            hidden = np.exp(np.minimum(beta[:, 0], _ETA_MAX))
            bic = self.n_terms * np.log(N) - 2.0 * ll if N > 0 else np.full(len(ll), np.nan)
        return BatchResult(beta=beta, loglik=ll, bic=bic, hidden=hidden, total=N + hidden, ok=ok)


def linear_predictor(
    contain: np.ndarray, beta: np.ndarray, terms: np.ndarray, active: np.ndarray
) -> np.ndarray:
    """Per row, the linear predictor of every cell: the active coefficients ``beta`` placed at
    their ``terms`` (the padding index ``2**m`` ignored) and summed over the terms each cell
    contains (``contain[t, c]``), capped at 700."""
    n_cells = contain.shape[0]
    coef = np.zeros((len(beta), n_cells + 1))
    np.put_along_axis(coef, terms, np.where(active, beta, 0.0), axis=1)
    return np.minimum(coef[:, :n_cells] @ contain, _ETA_MAX)


def _pad(values: np.ndarray) -> np.ndarray:
    """Append a zero column (the value at the padding index)."""
    return np.concatenate([values, np.zeros((*values.shape[:-1], 1))], axis=-1)


def solve_stack(H: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Solve a stack of systems ``H[i] x = g[i]``; a singular one gives ``nan``."""
    try:
        return np.linalg.solve(H, g[..., None])[..., 0]
    except np.linalg.LinAlgError:
        out = np.full(g.shape, np.nan)
        for i in range(len(H)):
            with contextlib.suppress(np.linalg.LinAlgError):
                out[i] = np.linalg.solve(H[i], g[i])
        return out
