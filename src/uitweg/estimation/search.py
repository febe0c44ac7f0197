"""The best-BIC model on a bootstrap resample without fitting every model (branch and bound).

The log-likelihood can only grow when terms are added: the (extended) maximum of a model is at
most that of any model containing it. So once some models are fitted, every other model ``M``
has the lower bound ``BIC(M) >= k_M log n - 2 min{ logL(F) : F fitted, F contains M }``, and a
model whose bound is not below the best BIC found so far cannot win and is never fitted. The
search

1. fits the best few models of the original data (they usually win again) and a *cover*: the
   largest model and, for each of its terms, the largest model without it (every other model lies
   below one of them, so this bounds them all);
2. repeatedly fits the largest models that the bounds cannot yet exclude (their fits tighten the
   bounds of everything below them), until no model is left whose bound beats the best BIC.

Only a model that would become the best is put through the existence and identifiability check
on the resample (cached per pattern of non-empty cells), so the answer is the same as fitting
every model and taking the smallest BIC among those that pass the check: it is exact, not an
approximation (tested against the exhaustive search on many resamples).

Models are bit sets of the terms of the largest model, so "F contains M" is one integer test,
done for the models still in play against the models just fitted. Models are first fitted with a
short Newton budget; the few that need longer (typically those whose estimate does not exist on
the resample) are refitted with the full budget only if they pass the check and could still win.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .batchfit import ModelBatch
from .identifiability import _check_support, support_key
from .model import model_terms

_FIRST = 10  # best models of the original data fitted first on every resample
_LOWEST = 4  # models with the lowest bound added to every round
_SLACK = 1e-6  # relative slack on fitted log-likelihoods used as bounds
_QUICK = 20  # Newton iterations at first: from the warm starts estimable models converge in a few
_PATIENT = 100  # as the exhaustive fit, for the rare model that needs more


def cover_models(full: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The largest model and, for each of its terms, the largest model without that term."""
    out = [full]
    for term in full:
        out.append(tuple(t for t in full if (t & term) != term))
    return out


class BoundedSearch:
    """Exact smallest BIC among ``eligible`` models of ``models`` on a table of counts.

    ``models`` must include the cover of its largest model (:func:`cover_models`); only the
    ``eligible`` ones can win. ``rank`` lists the eligible models best first on the original
    data (ties go to the better-ranked); ``start`` holds warm starts (coefficients from the
    original data) for all models.
    """

    def __init__(
        self,
        m: int,
        models: Sequence[tuple[int, ...]],
        eligible: np.ndarray,
        rank: np.ndarray,
        start: np.ndarray,
    ):
        self.m = m
        self.models = list(models)
        self.batch = ModelBatch(m, self.models)
        self.start = np.where(np.isfinite(start), start, 0.0)
        self.eligible = np.asarray(eligible, dtype=bool)
        self.rank = np.asarray(rank, dtype=np.int64)
        self.position = np.full(len(self.models), len(self.models), dtype=np.int64)
        self.position[self.rank] = np.arange(len(self.rank))  # tie-break: original rank
        self.terms = [model_terms(m, mod) for mod in self.models]
        self.size = self.batch.n_terms.astype(np.int64)

        full = max(self.models, key=len)
        if len(full) > 62:
            raise ValueError("the bounded search supports at most 62 interaction terms")
        self.term_bits = {t: 1 << j for j, t in enumerate(full)}
        bits = np.array([self._bits(mod) for mod in self.models], dtype=np.int64)
        index = {int(b): i for i, b in enumerate(bits)}
        self.first = np.unique(
            np.concatenate(
                [
                    np.array([index[int(self._bits(c))] for c in cover_models(full)]),
                    self.rank[:_FIRST],
                ]
            )
        )
        self.bits = bits  # each model as a bit set of the terms of the largest model

    def _bits(self, model: tuple[int, ...]) -> int:
        return sum(self.term_bits[t] for t in model)

    def best(self, counts: np.ndarray) -> tuple[int, float, int]:
        """(model index, total estimate, number of models fitted); index -1 when none passes."""
        y = np.asarray(counts, dtype=float)
        N = float(y.sum())
        if N <= 0:
            return -1, math.nan, 0
        pen = math.log(N)
        n = len(self.models)
        key = support_key(y)
        upper = np.full(n, np.inf)  # upper bounds on the (extended) maximum log-likelihood
        alive = self.eligible.copy()  # may still win: not fitted, not excluded, not bounded out
        slow: list[int] = []  # fitted, but not converged within the short iteration budget
        best, best_bic, best_total = -1, math.inf, math.nan
        todo = self.first
        n_fitted = 0
        patient = True  # the first models (the cover and the best few) get the full budget
        while len(todo):
            ll, ok, bic, total = self.batch.fit_rows(
                y, todo, self.start, max_iter=_PATIENT if patient else _QUICK
            )
            alive[todo] = False
            n_fitted += len(todo)
            good = ok & np.isfinite(ll)
            if not patient:
                slow.extend(int(r) for r in todo[~good & self.eligible[todo]])
            # a new best must be eligible and pass the check on this resample
            better = np.nonzero(good & self.eligible[todo] & (bic <= best_bic))[0]
            for j in better[np.lexsort((self.position[todo[better]], bic[better]))]:
                row, value = int(todo[j]), float(bic[j])
                if value == best_bic and self.position[row] > self.position[best]:
                    break
                exists, identifiable = _check_support(self.m, self.terms[row], key)
                if exists and identifiable:
                    best, best_bic, best_total = row, value, float(total[j])
                    break
            rows = np.nonzero(alive)[0]
            if len(rows) and good.any():
                new = todo[good]
                bound = ll[good] + _SLACK * (np.abs(ll[good]) + 1.0)
                contained = (self.bits[rows][:, None] & ~self.bits[new][None, :]) == 0
                upper[rows] = np.minimum(
                    upper[rows], np.where(contained, bound[None, :], np.inf).min(axis=1)
                )
            limit = best_bic + 1e-9 * (abs(best_bic) + 1.0)
            if len(rows):
                lower = self.size[rows] * pen - 2.0 * upper[rows]
                out = lower > limit
                alive[rows[out]] = False
                rows, lower = rows[~out], lower[~out]
            patient = False
            if len(rows):
                top = self.size[rows].max()
                pick = rows[self.size[rows] == top]
                lowest = rows[np.argsort(lower, kind="stable")[:_LOWEST]]
                todo = np.union1d(pick, lowest)
            else:
                # Models that did not converge quickly: refit with the full budget those that
                # pass the check and whose bound still allows them to win.
                todo = np.array(
                    [
                        r
                        for r in slow
                        if self.size[r] * pen - 2.0 * upper[r] <= limit
                        and all(_check_support(self.m, self.terms[r], key))
                    ],
                    dtype=np.int64,
                )
                slow = []
                patient = True
        return best, best_total, n_fitted
