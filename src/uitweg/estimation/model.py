"""Poisson log-linear models for capture-history counts, with parameters at minus infinity.

A model is the intercept, every main effect, and a set of interaction terms (bit masks, see
:mod:`.lattice`). The expected count of an observable cell ``c`` is
``exp(sum of the coefficients of the terms contained in c)``; the hidden number (cell 0) is
``exp(intercept)``.

When a term in the model has sufficient statistic zero (for a pair: the two lists never
overlap), its extended maximum-likelihood estimate is minus infinity. As in Chan, Silverman &
Vincent (2021) the term is then left out and every cell containing it is dropped from the fit,
with fitted value zero. The remaining model is fitted by Newton-Raphson (the canonical link
makes this the same as iteratively reweighted least squares), warm-started when a nearby fit is
available.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import optimize, special, stats

from . import lattice

_ETA_MAX = 700.0


@dataclass(frozen=True, eq=False)
class ModelFit:
    """A fitted model; ``mu`` holds the fitted mean of every cell, ``mu[0]`` the hidden number."""

    m: int
    terms: tuple[int, ...]
    neg_inf: tuple[int, ...]
    active: tuple[int, ...]
    coef: np.ndarray
    kept: np.ndarray
    mu: np.ndarray
    loglik: float
    converged: bool
    observed: int
    counts: np.ndarray

    @cached_property
    def cov(self) -> np.ndarray | None:
        """Inverse Fisher information of the estimated parameters (``None`` if singular)."""
        cells = np.nonzero(self.kept[1:])[0] + 1
        X = lattice.design(cells, self.active)
        try:
            return np.linalg.inv((X.T * self.mu[cells]) @ X)
        except np.linalg.LinAlgError:
            return None

    @property
    def interactions(self) -> tuple[int, ...]:
        return tuple(t for t in self.terms if lattice.order(t) >= 2)

    @property
    def hidden(self) -> float:
        """Estimated number of people on none of the lists (the 'dark figure')."""
        return float(np.exp(self.coef[0]))

    @property
    def total(self) -> float:
        return self.observed + self.hidden

    @property
    def n_parameters(self) -> int:
        """Every term of the model counts, including those at minus infinity (as in the papers)."""
        return len(self.terms)

    @property
    def bic(self) -> float:
        return self.n_parameters * math.log(self.observed) - 2.0 * self.loglik

    @property
    def aic(self) -> float:
        return 2.0 * self.n_parameters - 2.0 * self.loglik

    @property
    def deviance(self) -> float:
        mu = self.mu[1:][self.kept[1:]]
        yk = self.counts[1:][self.kept[1:]]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(yk > 0, yk * np.log(yk / mu), 0.0)
        return float(2.0 * np.sum(ratio - (yk - mu)))

    @property
    def se_log_hidden(self) -> float:
        if self.cov is None:
            return math.nan
        return float(math.sqrt(max(self.cov[0, 0], 0.0)))

    def describe(self, names: Sequence[str]) -> str:
        """E.g. ``"main effects + D:E"``; minus-infinity terms are marked."""
        parts = []
        for t in self.interactions:
            label = lattice.term_name(t, names)
            parts.append(f"{label} (-inf)" if t in self.neg_inf else label)
        return "main effects" + "".join(f" + {p}" for p in parts)


def model_terms(m: int, interactions: Iterable[int]) -> tuple[int, ...]:
    """Intercept, main effects, then the interactions in the order given (deduplicated)."""
    extra = [t for t in dict.fromkeys(interactions) if lattice.order(t) >= 2]
    return (0, *lattice.main_effects(m), *extra)


def split_terms(
    nstar: np.ndarray, m: int, terms: Sequence[int]
) -> tuple[tuple[int, ...], tuple[int, ...], np.ndarray]:
    """Split terms into (estimated, minus infinity) and find the cells that stay in the fit.

    ``nstar`` are the superset sums of the counts. Returns ``(active, neg_inf, kept)`` where
    ``kept`` is a boolean mask over cells ``0 .. 2**m - 1`` (cell 0 is always kept).
    """
    neg_inf = tuple(t for t in terms if t != 0 and nstar[t] == 0)
    active = tuple(t for t in terms if t == 0 or nstar[t] != 0)
    kept = ~lattice.cells_containing_any(m, neg_inf)
    return active, neg_inf, kept


@dataclass(frozen=True, eq=False)
class Layout:
    """What a model looks like on one table: its terms split as by :func:`split_terms`, the
    observable cells that stay in the fit and their design matrix."""

    terms: tuple[int, ...]
    active: tuple[int, ...]
    neg_inf: tuple[int, ...]
    kept: np.ndarray
    cells: np.ndarray
    X: np.ndarray


def layout(counts: np.ndarray, m: int, interactions: Iterable[int]) -> Layout:
    """The model of main effects plus ``interactions`` laid out on ``counts``."""
    terms = model_terms(m, interactions)
    nstar = lattice.superset_sums(counts, m)
    active, neg_inf, kept = split_terms(nstar, m, terms)
    cells = np.nonzero(kept[1:])[0] + 1
    return Layout(terms, active, neg_inf, kept, cells, lattice.design(cells, active))


def fit_model(
    counts: np.ndarray,
    m: int,
    interactions: Iterable[int] = (),
    *,
    start: dict[int, float] | None = None,
    max_iter: int = 200,
) -> ModelFit:
    """Maximum-likelihood fit of main effects plus ``interactions``.

    ``counts`` has ``2**m`` entries (``counts[0]`` ignored). ``start`` maps terms to starting
    coefficients (a previous fit); terms not in it start at 0. The caller is responsible for
    checking existence and identifiability first (:mod:`.identifiability`); a fit that does not
    converge is returned with ``converged=False``.
    """
    counts = np.asarray(counts, dtype=float)
    lay = layout(counts, m, interactions)
    y = counts[lay.cells]
    beta0 = None
    if start is not None:
        beta0 = np.array([start.get(t, 0.0) for t in lay.active])
    beta, mu_k, loglik, converged = newton_poisson(lay.X, y, beta0, max_iter=max_iter)
    mu = np.zeros(1 << m)
    mu[lay.cells] = mu_k
    mu[0] = math.exp(min(beta[0], _ETA_MAX))
    return ModelFit(
        m=m,
        terms=lay.terms,
        neg_inf=lay.neg_inf,
        active=lay.active,
        coef=beta,
        kept=lay.kept,
        mu=mu,
        loglik=float(loglik - special.gammaln(y + 1).sum()),
        converged=converged,
        observed=round(counts[1:].sum()),
        counts=counts,
    )


def coefficients(fit: ModelFit) -> dict[int, float]:
    """Coefficients by term (minus infinity terms included as ``-inf``)."""
    out = {t: float(b) for t, b in zip(fit.active, fit.coef, strict=True)}
    out.update({t: -math.inf for t in fit.neg_inf})
    return out


def newton_poisson(
    X: np.ndarray,
    y: np.ndarray,
    beta: np.ndarray | None = None,
    offset: np.ndarray | float = 0.0,
    *,
    tol: float = 1e-11,
    max_iter: int = 200,
) -> tuple[np.ndarray, np.ndarray, float, bool]:
    """Newton-Raphson for a Poisson log-linear model.

    Returns ``(beta, mu, loglik_without_constant, converged)``. Without a start the first step is
    the weighted least-squares step from ``mu = y + 0.1``, as R's ``glm`` does. The iteration
    stops after a full Newton step taken where the Newton decrement was already negligible; when
    the maximum-likelihood estimate does not exist the steps stay large and ``converged`` is
    ``False``.
    """
    if beta is None:
        mu0 = y + 0.1
        z = np.log(mu0) + (y - mu0) / mu0 - offset
        XtW = X.T * mu0
        try:
            beta = np.linalg.solve(XtW @ X, XtW @ z)
        except np.linalg.LinAlgError:
            beta = np.linalg.lstsq(X * np.sqrt(mu0)[:, None], z * np.sqrt(mu0), rcond=None)[0]
    beta = np.asarray(beta, dtype=float)
    eta = np.minimum(X @ beta + offset, _ETA_MAX)
    mu = np.exp(eta)
    ll = float(y @ eta - mu.sum())
    for _ in range(max_iter):
        score = X.T @ (y - mu)
        try:
            step = np.linalg.solve((X.T * mu) @ X, score)
        except np.linalg.LinAlgError:
            return beta, mu, ll, False
        decrement = float(score @ step)
        t = 1.0
        while True:
            new_beta = beta + t * step
            new_eta = np.minimum(X @ new_beta + offset, _ETA_MAX)
            new_mu = np.exp(new_eta)
            new_ll = float(y @ new_eta - new_mu.sum())
            if new_ll >= ll - 1e-12 * (abs(ll) + 1.0) or t < 1e-10:
                break
            t *= 0.5
        small_step = step.size == 0 or float(np.max(np.abs(step))) < 1e-3
        beta, eta, mu, ll = new_beta, new_eta, new_mu, new_ll
        if t == 1.0 and small_step and decrement < tol * (abs(ll) + 1.0):
            return beta, mu, ll, True
    return beta, mu, ll, False


# -- model-conditional intervals --------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """Interval for the total population (observed + hidden) and for the hidden number."""

    level: float
    total_low: float
    total_high: float
    hidden_low: float
    hidden_high: float
    method: str


def wald_interval(fit: ModelFit, level: float = 0.95) -> Interval:
    """Normal interval on the log of the hidden number, as SparseMSE's ``estimatepopulation.0``."""
    z = stats.norm.ppf(0.5 + level / 2)
    se = fit.se_log_hidden
    lo = math.exp(fit.coef[0] - z * se)
    hi = math.exp(min(fit.coef[0] + z * se, _ETA_MAX))
    return Interval(level, fit.observed + lo, fit.observed + hi, lo, hi, "wald-log")


def profile_interval(fit: ModelFit, level: float = 0.95) -> Interval:
    """Profile-likelihood interval for the expected hidden number ``exp(intercept)``.

    The intercept is fixed at a trial value and all other (finite) parameters are refitted;
    the limits are where twice the drop in log-likelihood reaches the chi-squared(1) quantile.
    """
    counts = fit.counts
    cells = np.nonzero(fit.kept[1:])[0] + 1
    X = lattice.design(cells, fit.active)[:, 1:]
    y = counts[cells]
    ll_hat = fit.loglik + float(special.gammaln(y + 1).sum())
    crit = stats.chi2.ppf(level, 1)
    b0 = float(fit.coef[0])
    state = {"beta": np.asarray(fit.coef[1:], dtype=float)}

    def excess(a: float) -> float:
        if X.shape[1]:
            beta, _, ll, _ = newton_poisson(X, y, state["beta"].copy(), offset=a)
            state["beta"] = beta
        else:
            eta = np.full(len(y), a)
            ll = float(y @ eta - np.exp(eta).sum())
        return 2.0 * (ll_hat - ll) - crit

    se = fit.se_log_hidden
    step = se if math.isfinite(se) and se > 0 else 0.5

    def limit(direction: int) -> float:
        state["beta"] = np.asarray(fit.coef[1:], dtype=float)
        inner = b0
        for k in range(1, 60):
            outer = b0 + direction * step * k
            if abs(outer - b0) > 40:
                return -math.inf if direction < 0 else math.inf
            if excess(outer) > 0:
                lo, hi = sorted((inner, outer))
                state["beta"] = np.asarray(fit.coef[1:], dtype=float)
                return optimize.brentq(excess, lo, hi, xtol=1e-9)
            inner = outer
        return -math.inf if direction < 0 else math.inf

    a_lo = limit(-1)
    a_hi = limit(+1)
    lo = math.exp(a_lo) if math.isfinite(a_lo) else 0.0
    hi = math.exp(a_hi) if math.isfinite(a_hi) else math.inf
    return Interval(level, fit.observed + lo, fit.observed + hi, lo, hi, "profile-likelihood")
