"""The Newton fit against statsmodels' GLM (an independent implementation) and the -inf rule."""

import math

import numpy as np
import pytest
import statsmodels.api as sm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from uitweg.estimation import lattice
from uitweg.estimation.identifiability import is_estimable
from uitweg.estimation.model import (
    coefficients,
    fit_model,
    model_terms,
    profile_interval,
    split_terms,
    wald_interval,
)

from .tables import load


def statsmodels_fit(counts, m, interactions):
    """Fit with statsmodels on the cells left after dropping -inf terms."""
    nstar = lattice.superset_sums(np.asarray(counts, float), m)
    active, _neg, kept = split_terms(nstar, m, model_terms(m, interactions))
    cells = np.nonzero(kept[1:])[0] + 1
    X = lattice.design(cells, active)
    res = sm.GLM(np.asarray(counts, float)[cells], X, family=sm.families.Poisson()).fit(tol=1e-12)
    return res, active


@pytest.mark.parametrize(
    ("name", "interactions"),
    [
        ("NewOrl", ()),
        ("NewOrl", ("D:E",)),
        ("Western", ("A:E",)),
        ("UKdat", ("PF:NCA", "LA:NG", "NG:GP")),
    ],
)
def test_fit_matches_statsmodels(name, interactions):
    table = load(name)
    terms = [lattice.parse_term(t, table.names) for t in interactions]
    fit = fit_model(table.counts, table.m, terms)
    ref, active = statsmodels_fit(table.counts, table.m, terms)
    assert fit.converged
    assert fit.active == tuple(active)
    assert np.allclose(fit.coef, ref.params, rtol=1e-7, atol=1e-8)
    assert math.isclose(fit.se_log_hidden, ref.bse[0], rel_tol=1e-6)
    assert math.isclose(fit.loglik, ref.llf, rel_tol=1e-10)
    assert math.isclose(fit.deviance, ref.deviance, rel_tol=1e-7, abs_tol=1e-8)


def test_never_overlapping_pair_gets_minus_infinity():
    # Western: A and B have nobody in common
    table = load("Western")
    ab = lattice.parse_term("A:B", table.names)
    fit = fit_model(table.counts, table.m, [ab])
    assert fit.neg_inf == (ab,)
    assert ab not in fit.active
    assert coefficients(fit)[ab] == -math.inf
    # every cell with both A and B is dropped and has fitted value 0
    both = [c for c in range(1, 32) if c & ab == ab]
    assert not fit.kept[both].any()
    assert np.all(fit.mu[both] == 0)
    # ... which is what statsmodels gives on the remaining cells
    ref, _ = statsmodels_fit(table.counts, table.m, [ab])
    assert np.allclose(fit.coef, ref.params, rtol=1e-7)
    # BIC counts the -inf parameter too (1 + 5 + 1 terms)
    assert fit.n_parameters == 7
    assert math.isclose(fit.bic, 7 * math.log(345) - 2 * fit.loglik)


def test_minus_infinity_is_the_limit_of_a_very_negative_parameter():
    """Fixing the A:B parameter at -30 instead of dropping the cells gives the same estimate."""
    table = load("Western")
    ab = lattice.parse_term("A:B", table.names)
    fit = fit_model(table.counts, table.m, [ab])
    cells = np.arange(1, 32)
    X = lattice.design(cells, model_terms(table.m, ()))
    offset = -30.0 * ((cells & ab) == ab)
    ref = sm.GLM(
        table.counts[1:].astype(float), X, family=sm.families.Poisson(), offset=offset
    ).fit(tol=1e-12)
    assert math.isclose(fit.hidden, math.exp(ref.params[0]), rel_tol=1e-8)


def test_warm_start_gives_the_same_fit():
    table = load("UKdat")
    terms = lattice.all_pairs(table.m)[:6]
    cold = fit_model(table.counts, table.m, terms)
    warm = fit_model(
        table.counts,
        table.m,
        terms,
        start=coefficients(fit_model(table.counts, table.m, terms[:3])),
    )
    assert np.allclose(cold.coef, warm.coef, rtol=1e-9)


def test_wald_interval_is_lognormal_on_the_hidden_number():
    fit = fit_model(load("NewOrl").counts, 8, ())
    z = stats.norm.ppf(0.975)
    interval = wald_interval(fit)
    assert math.isclose(interval.hidden_low, math.exp(fit.coef[0] - z * fit.se_log_hidden))
    assert math.isclose(
        interval.total_high, fit.observed + math.exp(fit.coef[0] + z * fit.se_log_hidden)
    )


def test_profile_interval_drops_the_loglikelihood_by_the_chi_square_quantile():
    table = load("NewOrl")
    fit = fit_model(table.counts, table.m, [lattice.parse_term("D:E", table.names)])
    interval = profile_interval(fit)
    assert interval.total_low < fit.total < interval.total_high
    # refit with the intercept fixed at the lower limit: the deviance rises by 3.84
    res, active = statsmodels_fit(table.counts, table.m, [lattice.parse_term("D:E", table.names)])
    nstar = lattice.superset_sums(table.counts.astype(float), table.m)
    _, _, kept = split_terms(
        nstar, table.m, model_terms(table.m, [lattice.parse_term("D:E", table.names)])
    )
    cells = np.nonzero(kept[1:])[0] + 1
    X = lattice.design(cells, active)[:, 1:]
    for hidden in (interval.hidden_low, interval.hidden_high):
        fixed = sm.GLM(
            table.counts[cells].astype(float),
            X,
            family=sm.families.Poisson(),
            offset=np.full(len(cells), math.log(hidden)),
        ).fit(tol=1e-12)
        assert math.isclose(2 * (res.llf - fixed.llf), stats.chi2.ppf(0.95, 1), rel_tol=1e-5)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(0, 60), min_size=7, max_size=7),
    st.sets(st.sampled_from(lattice.all_pairs(3)), max_size=2),
)
def test_random_three_list_tables_match_statsmodels(counts, pairs):
    counts = np.array([0, *counts])
    if not is_estimable(counts, 3, model_terms(3, pairs)):
        return
    fit = fit_model(counts, 3, sorted(pairs))
    ref, _ = statsmodels_fit(counts, 3, sorted(pairs))
    assert fit.converged
    assert math.isclose(fit.loglik, ref.llf, rel_tol=1e-8, abs_tol=1e-8)
    assert math.isclose(fit.hidden, math.exp(ref.params[0]), rel_tol=1e-5)
