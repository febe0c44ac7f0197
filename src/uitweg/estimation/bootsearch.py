"""The best-BIC model on many bootstrap tables at once, exactly, without fitting every model.

Two facts make this cheap:

* The maximum log-likelihood can only grow when terms are added, so a model's BIC is at least
  ``k log n - 2 U(F)`` for any model ``F`` containing it, where ``U(F)`` is an *upper bound* on
  ``F``'s maximum; a model whose bound exceeds an achieved BIC cannot win.
* Two warm-started Newton iterations (from the fit to the original data) give every fitted pair
  both a lower bound (the log-likelihood reached) and a rigorous upper bound (a dual feasible
  point, see :mod:`.pairfit`) on its maximum, a few thousandths apart, also when the maximum
  is at infinity (no estimate on that table).

Before the bootstrap a small *plan* is made on the original data: a set ``S`` of models that,
fitted, would exclude every other eligible model with a margin of ``slack`` BIC units (greedy
set cover; the best models are always in it since nothing else can exclude them). For each model
the two members of ``S`` containing it with the lowest original log-likelihood are remembered.

On every table (all tables of a chunk together):

1. ``S`` is fitted (two iterations); the eligible member with the best estimated BIC is fitted
   to convergence and checked (existence and identifiability on the table), then every other
   member that could still beat it, and the best passing one is the incumbent.
2. Every other eligible model is tested against its remembered members of ``S``, then the
   survivors against all of ``S``; those still alive are fitted (two iterations) and, where
   their own bound does not exclude them, to convergence and checked.

A model is only ever set aside by a bound that proves it worse than a model that passed the
check, so the result is the exhaustive one (the smallest BIC among the eligible models that
converge and pass the check, ties to the better rank on the original data); the plan only
decides how much work that takes. Fits to convergence continue the quick fits (the same
iterations as from the original fit, which the quick ones were) up to the budget of
:meth:`.batchfit.ModelBatch.fit`, so they are the exhaustive search's fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .bootplan import plan_cover
from .identifiability import support_estimable, support_key
from .model import model_terms
from .pairfit import newton_pairs

QUICK = 2  # Newton iterations for bounds
_ALIVE_ITER = 4  # for models alive after the plan (more often far from their maximum)
PATIENT = 100  # the exhaustive fit's budget
PLAN_SLACK = 6.0  # BIC units of margin the plan keeps on the original data
_DESIGNATED = 2  # members of the plan remembered per model
_BOUND_SLACK = 1e-7  # relative slack on upper bounds (rounding in the dual value)
_CHUNK = 64  # tables fitted together


class ResampleSearch:
    """Exact best-BIC model among ``eligible`` ``models`` on many tables (see module docstring).

    ``models`` are interaction-term tuples on ``m`` lists, ``terms``/``valid`` their padded
    terms (as :class:`.batchfit.ModelBatch`), ``start`` the coefficients fitted to the original
    data (warm starts), ``loglik0``/``ok0`` those fits, ``position`` the tie-break rank of each
    eligible model (lower wins), ``pen0``/``best0`` log n and the best eligible BIC on the
    original data.
    """

    def __init__(
        self,
        m: int,
        models: Sequence[tuple[int, ...]],
        terms: np.ndarray,
        valid: np.ndarray,
        contain: np.ndarray,
        eligible: np.ndarray,
        position: np.ndarray,
        start: np.ndarray,
        loglik0: np.ndarray,
        ok0: np.ndarray,
        pen0: float,
        best0: float,
        *,
        slack: float = PLAN_SLACK,
    ):
        self.m = m
        self.models = list(models)
        self.terms, self.valid = terms, valid
        self.contain = contain
        self.contain_t = np.ascontiguousarray(contain.T)
        self.eligible = np.asarray(eligible, dtype=bool)
        self.position = np.asarray(position, dtype=np.int64)
        self.start = start
        self.size = valid.sum(axis=1).astype(np.int64)
        full = max(self.models, key=len)
        if len(full) > 62:
            raise ValueError("the search supports at most 62 interaction terms")
        bitval = np.zeros(contain.shape[0] + 1, dtype=np.int64)
        bitval[list(full)] = 1 << np.arange(len(full), dtype=np.int64)
        self.bits = np.where(valid, bitval[terms], 0).sum(axis=1)
        self.n_terms = len(full)
        ll0 = np.where(ok0 & np.isfinite(loglik0), loglik0, np.inf)
        self.plan = plan_cover(
            self.bits, self.size, ll0, self.eligible, pen0, best0, slack, self.n_terms
        )
        self._prepare(ll0)
        self._terms_cache: dict[int, tuple[int, ...]] = {}
        self.fits = 0  # pairs fitted, for tests and the benchmark

    # -- set-up -----------------------------------------------------------------------------

    def _designated(self, rows: np.ndarray, ll0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each model in ``rows``: which plan members contain it (strictly), and the
        ``_DESIGNATED`` of them with the lowest original log-likelihood (-1: none)."""
        plan = self.plan
        inside = (self.bits[rows][:, None] & ~self.bits[plan][None, :]) == 0
        inside &= rows[:, None] != plan[None, :]
        score = np.where(inside, ll0[plan][None, :], np.inf)
        pick = np.argsort(score, axis=1, kind="stable")[:, :_DESIGNATED]
        chosen = np.where(np.isfinite(np.take_along_axis(score, pick, axis=1)), pick, -1)
        if chosen.shape[1] < _DESIGNATED:
            pad = np.full((len(rows), _DESIGNATED - chosen.shape[1]), -1)
            chosen = np.hstack([chosen, pad])
        return inside, chosen

    def _prepare(self, ll0: np.ndarray) -> None:
        plan = self.plan
        self.plan_size = self.size[plan]
        self.plan_eligible = self.eligible[plan]
        self.plan_position = self.position[plan]
        _, self.plan_by = self._designated(plan, ll0)
        in_plan = np.zeros(len(self.models), dtype=bool)
        in_plan[plan] = True
        self.rest = np.nonzero(self.eligible & ~in_plan)[0]
        self.rest_inside, self.rest_by = self._designated(self.rest, ll0)
        self.rest_size = self.size[self.rest]

    def _model_terms(self, i: int) -> tuple[int, ...]:
        terms = self._terms_cache.get(i)
        if terms is None:
            terms = model_terms(self.m, self.models[i])
            self._terms_cache[i] = terms
        return terms

    # -- fitting pairs ------------------------------------------------------------------------

    def _fit(
        self,
        Y: np.ndarray,
        table: np.ndarray,
        model: np.ndarray,
        max_iter: int,
        start: np.ndarray | None = None,
    ) -> _Fits:
        """Fit pairs (table, model) from ``start`` (default: the fits to the original data)."""
        n = len(table)
        out = _Fits.empty(n, self.terms.shape[1])
        if n == 0:
            return out
        self.fits += n
        start = self.start[model] if start is None else start
        sizes = self.size[model]
        order = np.argsort(sizes, kind="stable")
        lo = 0
        while lo < n:
            # group similar sizes so that padding costs little in the solves
            top = sizes[order[lo]] * 5 // 4 + 1
            hi = int(np.searchsorted(sizes[order], top, side="right"))
            idx = order[lo:hi]
            mods = model[idx]
            width = int(sizes[idx].max())
            beta, ll, up, ok, done = newton_pairs(
                self.contain,
                self.contain_t,
                Y[table[idx]],
                self.terms[mods, :width],
                self.valid[mods, :width],
                start[idx, :width],
                max_iter=max_iter,
            )
            out.beta[idx, :width] = beta
            out.ll[idx], out.up[idx], out.ok[idx], out.done[idx] = ll, up, ok, done
            lo = hi
        finite = np.where(np.isfinite(out.up), out.up, 0.0)
        out.up += _BOUND_SLACK * (np.abs(finite) + 1.0)
        return out

    def _finish(
        self, Y: np.ndarray, table: np.ndarray, model: np.ndarray, quick: _Fits, used: int
    ) -> _Fits:
        """Continue pairs fitted ``used`` iterations to the exhaustive budget: the same fits
        as :data:`PATIENT` iterations from the original fit, without redoing the first ones."""
        todo = np.nonzero(~quick.done)[0]
        if len(todo) == 0:
            return quick
        more = self._fit(Y, table[todo], model[todo], PATIENT - used, quick.beta[todo])
        out = quick.take(np.arange(len(table)))
        out.put(todo, more)
        return out

    # -- the search ---------------------------------------------------------------------------

    def best_many(self, tables: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per table: (index of the best model, total estimate); -1 and nan when none."""
        tables = np.asarray(tables, dtype=float).reshape(-1, self.contain.shape[0])
        index = np.full(len(tables), -1, dtype=np.int64)
        total = np.full(len(tables), np.nan)
        rows = np.nonzero(tables[:, 1:].sum(axis=1) > 0)[0]
        for lo in range(0, len(rows), _CHUNK):
            part = rows[lo : lo + _CHUNK]
            index[part], total[part] = self._chunk(tables[part])
        return index, total

    def _chunk(self, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        R = len(Y)
        N = Y[:, 1:].sum(axis=1)
        with np.errstate(divide="ignore"):
            pen = np.log(N)
        keys = [support_key(y) for y in Y]
        self._state = _State(R, N, pen, keys)
        plan = self.plan
        P = len(plan)
        # 1. the plan, two iterations each
        table = np.repeat(np.arange(R), P)
        member = np.tile(np.arange(P), R)
        quick = self._fit(Y, table, plan[member], QUICK)
        LL = quick.ll.reshape(R, P)
        UP = np.hstack([quick.up.reshape(R, P), np.full((R, 1), np.inf)])  # column P: no bound
        own = np.minimum(UP[:, :P], UP[:, self.plan_by].min(axis=2))
        bic_lo = self.plan_size * pen[:, None] - 2.0 * own
        with np.errstate(invalid="ignore"):
            bic_est = self.plan_size * pen[:, None] - 2.0 * LL
        bic_est = np.where(self.plan_eligible & np.isfinite(bic_est), bic_est, np.inf)
        # incumbent: the best estimated eligible member that converges and passes the check;
        # where it fails, all the other eligible members at once
        order = np.lexsort((np.broadcast_to(self.plan_position, (R, P)), bic_est), axis=1)
        first = order[:, 0]
        rows = np.nonzero(np.isfinite(bic_est[np.arange(R), first]))[0]
        pairs = rows * P + first[rows]
        self._consider(Y, rows, plan[first[rows]], quick.take(pairs), QUICK)
        tried = np.zeros((R, P), dtype=bool)
        tried[rows, first[rows]] = True
        # every other member that could still beat it
        limit = self._state.limit()
        r, s = np.nonzero(self.plan_eligible & ~tried & (bic_lo <= limit[:, None]))
        self._consider(Y, r, plan[s], quick.take(r * P + s), QUICK)
        # 2. the other eligible models
        if len(self.rest):
            self._rest(Y, UP)
        return self._state.best, self._state.total

    def _rest(self, Y: np.ndarray, UP: np.ndarray) -> None:
        st = self._state
        pen = st.pen
        limit = st.limit()
        bound = UP[:, self.rest_by].min(axis=2)
        alive = self.rest_size[None, :] * pen[:, None] - 2.0 * bound <= limit[:, None]
        r, j = np.nonzero(alive)
        if len(r) == 0:
            return
        # against every member of the plan that contains it
        bound = np.where(self.rest_inside[j], UP[r, :-1], np.inf).min(axis=1)
        model = self.rest[j]
        # Then in rounds, per table: fit the largest models still alive and the few with the
        # lowest bound; their fits bound the others inside them. Those that could win are
        # fitted to convergence at the end, all at once (bounds against the incumbent of the
        # plan: a later, better incumbent would only have set more aside).
        limit = st.limit()
        win_r, win_m, win_fits = [], [], []
        while len(r):
            size = self.size[model]
            keep = size * pen[r] - 2.0 * bound <= limit[r]
            r, model, bound, size = r[keep], model[keep], bound[keep], size[keep]
            if len(r) == 0:
                break
            lower = size * pen[r] - 2.0 * bound
            pick = _per_table_pick(r, size, lower)
            fits = self._fit(Y, r[pick], model[pick], _ALIVE_ITER)
            own = np.minimum(fits.up, bound[pick])
            win = self.size[model[pick]] * pen[r[pick]] - 2.0 * own <= limit[r[pick]]
            win_r.append(r[pick][win])
            win_m.append(model[pick][win])
            win_fits.append(fits.take(np.nonzero(win)[0]))
            r_new, m_new, u_new = r[pick], model[pick], fits.up
            r, model, bound = r[~pick], model[~pick], bound[~pick]
            if len(r):
                bound = self._tighten(r, model, bound, r_new, m_new, u_new)
        if win_r:
            fits = _Fits.concat(win_fits)
            self._consider(Y, np.concatenate(win_r), np.concatenate(win_m), fits, _ALIVE_ITER)

    def _tighten(
        self,
        r: np.ndarray,
        model: np.ndarray,
        bound: np.ndarray,
        r_new: np.ndarray,
        m_new: np.ndarray,
        u_new: np.ndarray,
    ) -> np.ndarray:
        """Lower the bounds of alive pairs by the new fits of the same table containing them."""
        good = np.isfinite(u_new)
        r_new, m_new, u_new = r_new[good], m_new[good], u_new[good]
        bound = bound.copy()
        for table in np.intersect1d(r, r_new):
            a = np.nonzero(r == table)[0]
            f = np.nonzero(r_new == table)[0]
            inside = (self.bits[model[a]][:, None] & ~self.bits[m_new[f]][None, :]) == 0
            bound[a] = np.minimum(bound[a], np.where(inside, u_new[f][None, :], np.inf).min(axis=1))
        return bound

    def _consider(
        self, Y: np.ndarray, table: np.ndarray, model: np.ndarray, quick: _Fits, used: int
    ) -> None:
        """Fit pairs to convergence (``quick``: their fits after ``used`` iterations); per
        table, the best that passes the check may win."""
        if len(table) == 0:
            return
        st = self._state
        fits = self._finish(Y, table, model, quick, used)
        ll, ok, icpt = fits.ll, fits.ok, fits.beta[:, 0]
        with np.errstate(over="ignore", invalid="ignore"):
            bic = self.size[model] * st.pen[table] - 2.0 * ll
            total = st.N[table] + np.exp(np.minimum(icpt, 700.0))
        pos = self.position[model]
        inc_bic, inc_pos = st.bic[table], st.pos[table]
        beats = (bic < inc_bic) | ((bic == inc_bic) & (pos < inc_pos))
        cand = np.nonzero(ok & np.isfinite(bic) & beats)[0]
        for i in cand[np.lexsort((pos[cand], bic[cand], table[cand]))]:
            r = int(table[i])
            if st.found[r] and (bic[i], pos[i]) >= (st.bic[r], st.pos[r]):
                continue
            if support_estimable(self.m, self._model_terms(int(model[i])), st.keys[r]):
                st.found[r] = True
                st.bic[r], st.pos[r] = bic[i], pos[i]
                st.best[r], st.total[r] = model[i], total[i]


_LOWEST = 4


def _per_table_pick(table: np.ndarray, size: np.ndarray, lower: np.ndarray) -> np.ndarray:
    """Per table: the largest alive models and the ``_LOWEST`` with the lowest BIC bound."""
    n = len(table)
    biggest = np.zeros(int(table.max()) + 1, dtype=np.int64)
    np.maximum.at(biggest, table, size)
    pick = size == biggest[table]
    order = np.lexsort((lower, table))
    first = np.searchsorted(table[order], table[order], side="left")
    rank = np.arange(n) - first
    pick[order[rank < _LOWEST]] = True
    return pick


@dataclass
class _Fits:
    """Fits of (table, model) pairs: log-likelihood reached, upper bound on the maximum,
    converged, stopped, and the coefficients reached (padded to the largest model)."""

    ll: np.ndarray
    up: np.ndarray
    ok: np.ndarray
    done: np.ndarray
    beta: np.ndarray

    @classmethod
    def empty(cls, n: int, width: int) -> _Fits:
        return cls(
            np.full(n, np.nan),
            np.full(n, np.inf),
            np.zeros(n, dtype=bool),
            np.zeros(n, dtype=bool),
            np.full((n, width), np.nan),
        )

    def take(self, idx: np.ndarray) -> _Fits:
        return _Fits(self.ll[idx], self.up[idx], self.ok[idx], self.done[idx], self.beta[idx])

    def put(self, idx: np.ndarray, other: _Fits) -> None:
        self.ll[idx], self.up[idx], self.ok[idx] = other.ll, other.up, other.ok
        self.done[idx], self.beta[idx] = other.done, other.beta

    @classmethod
    def concat(cls, parts: list[_Fits]) -> _Fits:
        return cls(
            *(np.concatenate([getattr(p, f) for p in parts]) for f in ("ll", "up", "ok", "done")),
            np.vstack([p.beta for p in parts]),
        )


class _State:
    """Per table of a chunk: the incumbent."""

    def __init__(self, R: int, N: np.ndarray, pen: np.ndarray, keys: list[int]):
        self.N, self.pen, self.keys = N, pen, keys
        self.found = np.zeros(R, dtype=bool)
        self.bic = np.full(R, np.inf)
        self.pos = np.full(R, np.iinfo(np.int64).max)
        self.best = np.full(R, -1, dtype=np.int64)
        self.total = np.full(R, np.nan)

    def limit(self) -> np.ndarray:
        """A model whose BIC bound exceeds this cannot win (inf while nothing passed)."""
        return self.bic + 1e-9 * (np.abs(np.where(self.found, self.bic, 0.0)) + 1.0)
