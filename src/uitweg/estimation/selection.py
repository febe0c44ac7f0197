"""Model selection: stepwise by Poisson p-values (2021) and BIC over hierarchical models (2024).

**Stepwise** (Chan, Silverman & Vincent 2021; SparseMSE ``stepwisefit``). Start from main
effects. For every pair of lists not yet in the model, compare the observed number of people on
both lists with its Poisson distribution under the current fit and take the smaller of the two
one-sided tail probabilities. Add the pair with the smallest p-value (the first on ties) if it is
below the threshold and the enlarged model passes the existence and identifiability check;
candidates that fail the check are skipped. Repeat until no candidate qualifies. Threshold 0
gives main effects only; threshold 1 first tries the model with every pair.

**BIC** (Silverman, Chan & Vincent 2024; MultipleSystemsEstimation ``estimate_population_bic``).
Fit every hierarchical model up to a maximum interaction order that passes the check and take the
one with the smallest ``BIC = k log(n) - 2 log L``, where ``n`` is the number of people seen and
``k`` counts every term, including those at minus infinity.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy import special

from . import lattice
from .batchfit import ModelBatch
from .bootsearch import ResampleSearch
from .hierarchy import hierarchical_models
from .identifiability import estimable_batch, is_estimable, support_key
from .model import ModelFit, coefficients, fit_model, model_terms


class NoEstimableModel(ValueError):
    """No candidate model has a finite, identifiable estimate on these data."""


@dataclass(frozen=True)
class Step:
    """One pair added by the stepwise procedure."""

    term: int
    p_value: float
    observed: int
    expected: float


@dataclass(frozen=True, eq=False)
class Selection:
    """A selected model with how it was found."""

    fit: ModelFit
    method: str
    steps: tuple[Step, ...] = ()
    skipped: tuple[int, ...] = ()
    ranking: tuple[tuple[tuple[int, ...], float, float], ...] = field(default=())

    @property
    def total(self) -> float:
        return self.fit.total


def poisson_p_value(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """``min(P(X <= n), P(X >= n))`` for ``X ~ Poisson(expected)``."""
    observed = np.asarray(observed, dtype=float)
    expected = np.asarray(expected, dtype=float)
    lower = special.pdtr(observed, expected)
    upper = np.where(observed > 0, special.pdtrc(np.maximum(observed - 1, 0), expected), 1.0)
    return np.minimum(lower, upper)


def stepwise(
    counts: np.ndarray, m: int, threshold: float = 0.02, *, start: dict[int, float] | None = None
) -> Selection:
    """Forward stepwise selection of pairwise interactions (see module docstring).

    ``start`` optionally gives starting coefficients for the main-effects fit (on bootstrap
    resamples: the fit to the original data); it changes the work, not the result.
    """
    counts = np.asarray(counts, dtype=float)
    fit = fit_model(counts, m, (), start=start)
    if threshold <= 0:
        return Selection(fit, "stepwise")
    pairs = lattice.all_pairs(m)
    if threshold >= 1 and is_estimable(counts, m, model_terms(m, pairs)):
        return Selection(fit_model(counts, m, pairs, start=coefficients(fit)), "stepwise")
    nstar = lattice.superset_sums(counts, m)
    included: list[int] = []
    steps: list[Step] = []
    skipped: set[int] = set()
    for _ in range(len(pairs)):
        mu = fit.mu.copy()
        mu[0] = 0.0
        mstar = lattice.superset_sums(mu, m)
        candidates = [p for p in pairs if p not in included]
        if not candidates:
            break
        obs = nstar[candidates]
        exp = mstar[candidates]
        pvals = poisson_p_value(obs, exp)
        order = sorted(range(len(candidates)), key=lambda j: (pvals[j], j))
        chosen = None
        for j in order:
            if pvals[j] >= threshold:
                break
            term = candidates[j]
            if is_estimable(counts, m, model_terms(m, [*included, term])):
                chosen = j
                break
            skipped.add(term)
        if chosen is None:
            break
        term = candidates[chosen]
        steps.append(Step(term, float(pvals[chosen]), int(obs[chosen]), float(exp[chosen])))
        included.append(term)
        # Start the new term where it alone would match the observed overlap.
        guess = coefficients(fit)
        if obs[chosen] > 0 and exp[chosen] > 0:
            guess[term] = float(np.log(obs[chosen] / exp[chosen]))
        fit = fit_model(counts, m, included, start=guess)
    return Selection(fit, "stepwise", tuple(steps), tuple(sorted(skipped - set(included))))


class BICSelector:
    """BIC selection over hierarchical models, reusable across bootstrap resamples.

    Built from the original data: models that fail the check there are discarded (as
    ``assemble_bic`` does), the others are ranked by BIC, and their fits provide warm starts for
    resamples. ``top_models`` keeps only the best-ranked models for resamples (the ``ntopmodels``
    approximation of the 2024 paper, R's default); ``None`` keeps all of them. On a resample
    :meth:`best` (many resamples: :meth:`best_many`) finds the smallest BIC among the kept models
    that pass the check there, exactly, by the bounded search of :mod:`.bootsearch` instead of
    fitting every kept model; :meth:`best_exhaustive` fits them all (the reference in tests).
    """

    def __init__(
        self, counts: np.ndarray, m: int, max_order: int = 2, top_models: int | None = None
    ):
        self.m = m
        self.max_order = max_order
        counts = np.asarray(counts, dtype=float)
        models = hierarchical_models(m, max_order)
        every = ModelBatch(m, models)
        passed = estimable_batch(every, counts)
        if not passed.any():
            raise NoEstimableModel(
                "no hierarchical model has a finite, identifiable estimate on these data"
            )
        result = every.fit(counts)
        bic = np.where(passed & result.ok, result.bic, np.inf)
        rank = np.argsort(bic, kind="stable")
        rank = rank[np.isfinite(bic[rank])]
        if len(rank) == 0:
            raise NoEstimableModel(
                "no hierarchical model has a finite, identifiable estimate on these data"
            )
        self.ranking = tuple((models[i], float(bic[i]), float(result.total[i])) for i in rank)
        keep = rank if top_models is None else rank[:top_models]
        self.models = [models[i] for i in keep]
        self._keep = keep
        self.start = result.beta[keep]
        self._check_cache: dict[int, np.ndarray] = {}
        # Every hierarchical model may bound the kept ones; only the kept ones can win, ties
        # going to the better rank on the original data.
        eligible = np.zeros(len(models), dtype=bool)
        eligible[keep] = True
        position = np.full(len(models), len(models), dtype=np.int64)
        position[keep] = np.arange(len(keep))
        self._to_model = np.where(eligible, position, -1)
        self._setup = (models, every, eligible, position, result, counts, float(bic[rank[0]]))

    @cached_property
    def _search(self) -> ResampleSearch:
        """The resample search, planned on first use (plain selection does not need it)."""
        models, every, eligible, position, result, counts, best = self._setup
        return ResampleSearch(
            self.m,
            models,
            every.terms,
            every.valid,
            every.contain,
            eligible,
            position,
            result.beta,
            result.loglik,
            result.ok,
            math.log(counts[1:].sum()),
            best,
        )

    @cached_property
    def batch(self) -> ModelBatch:
        """The kept models as one batch (for :meth:`best_exhaustive`)."""
        return ModelBatch(self.m, self.models)

    @property
    def fits(self) -> int:
        """Number of (table, model) fits made by :meth:`best` and :meth:`best_many` so far."""
        return self._search.fits

    def _estimable(self, counts: np.ndarray) -> np.ndarray:
        key = support_key(counts)
        mask = self._check_cache.get(key)
        if mask is None:
            mask = estimable_batch(self.batch, counts)
            self._check_cache[key] = mask
        return mask

    def best(self, counts: np.ndarray) -> tuple[int, float]:
        """Index (into ``self.models``) and total estimate of the best-BIC model for ``counts``."""
        index, total = self.best_many(np.asarray(counts, dtype=float)[None, :])
        return int(index[0]), float(total[0])

    def best_many(self, tables: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`best` for every row of ``tables``: (indices, -1 for none; totals, nan)."""
        found, total = self._search.best_many(tables)
        index = np.where(found >= 0, self._to_model[np.maximum(found, 0)], -1)
        return index, np.where(index >= 0, total, math.nan)

    def best_exhaustive(self, counts: np.ndarray) -> tuple[int, float]:
        """:meth:`best` by fitting every kept model (the reference the search is tested against)."""
        counts = np.asarray(counts, dtype=float)
        usable = self._estimable(counts)
        if not usable.any():
            return -1, math.nan
        result = self.batch.fit(counts, start=self.start, subset=usable)
        bic = np.where(usable & result.ok, result.bic, np.inf)
        best = int(np.argmin(bic))
        if not math.isfinite(bic[best]):
            return -1, math.nan
        return best, float(result.total[best])

    def select(self, counts: np.ndarray) -> Selection:
        """The best model on the original data (the first of the ranking)."""
        interactions = self.ranking[0][0]
        fit = fit_model(np.asarray(counts, dtype=float), self.m, interactions)
        return Selection(fit, "bic", ranking=self.ranking)


def bic_select(counts: np.ndarray, m: int, max_order: int = 2) -> Selection:
    """Best-BIC hierarchical model with interactions up to ``max_order`` lists."""
    selector = BICSelector(counts, m, max_order)
    interactions = selector.ranking[0][0]
    fit = fit_model(np.asarray(counts, dtype=float), m, interactions)
    return Selection(fit, "bic", ranking=selector.ranking)
