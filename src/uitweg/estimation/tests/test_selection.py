import math

import numpy as np
import pytest
from scipy import stats

from uitweg.estimation import lattice
from uitweg.estimation.batchfit import ModelBatch
from uitweg.estimation.hierarchy import TooManyModels, count_models, hierarchical_models
from uitweg.estimation.identifiability import is_estimable
from uitweg.estimation.model import fit_model, model_terms
from uitweg.estimation.selection import BICSelector, bic_select, poisson_p_value, stepwise

from .tables import load


def names_of(selection, table):
    return [lattice.term_name(t, table.names) for t in selection.fit.interactions]


def test_poisson_p_value_is_the_smaller_tail():
    obs = np.array([0, 3, 3, 10])
    exp = np.array([4.0, 0.47, 3.0, 4.0])
    want = [
        min(stats.poisson.cdf(k, lam), stats.poisson.sf(k - 1, lam))
        for k, lam in zip(obs, exp, strict=True)
    ]
    assert np.allclose(poisson_p_value(obs, exp), want)
    assert poisson_p_value(np.array([0]), np.array([4.0]))[0] == pytest.approx(math.exp(-4))


def test_stepwise_new_orleans_adds_d_e_only():
    table = load("NewOrl")
    sel = stepwise(table.counts, table.m, 0.02)
    assert names_of(sel, table) == ["D:E"]
    (step,) = sel.steps
    assert step.observed == 3
    assert step.p_value == pytest.approx(0.01219, abs=1e-4)
    # at a threshold just below that p-value nothing is added
    assert names_of(stepwise(table.counts, table.m, 0.012), table) == []


def test_stepwise_western_adds_a_e():
    table = load("Western")
    assert names_of(stepwise(table.counts, table.m, 0.02), table) == ["A:E"]


def test_threshold_zero_is_main_effects_and_one_is_all_pairs_when_possible():
    table = load("UKdat_5")
    assert stepwise(table.counts, table.m, 0).fit.interactions == ()
    full = stepwise(table.counts, table.m, 1).fit
    assert full.interactions == lattice.all_pairs(table.m)


def test_stepwise_follows_the_smallest_p_value_each_step():
    """Replay the selection path: each added pair had the smallest p-value at its step."""
    table = load("UKdat")
    sel = stepwise(table.counts, table.m, 0.02)
    included: list[int] = []
    for step in sel.steps:
        fit = fit_model(table.counts, table.m, included)
        mu = fit.mu.copy()
        mu[0] = 0
        mstar = lattice.superset_sums(mu, table.m)
        nstar = lattice.superset_sums(table.counts.astype(float), table.m)
        candidates = [p for p in lattice.all_pairs(table.m) if p not in included]
        pvals = {
            p: poisson_p_value(np.array([nstar[p]]), np.array([mstar[p]]))[0] for p in candidates
        }
        usable = {
            p: v
            for p, v in pvals.items()
            if is_estimable(table.counts, table.m, model_terms(table.m, [*included, p]))
        }
        assert step.term == min(usable, key=lambda p: (usable[p], candidates.index(p)))
        assert step.p_value == pytest.approx(usable[step.term])
        included.append(step.term)
    assert len(sel.steps) == 7


def test_stepwise_skips_candidates_whose_model_fails_the_check():
    """Artificial_3: A:B is the most significant pair but A:B alone has no MLE."""
    table = load("Artificial_3")
    sel = stepwise(table.counts, table.m, 0.5)
    ab = lattice.parse_term("A:B", table.names)
    assert ab in sel.skipped
    assert ab not in sel.fit.interactions


def test_stepwise_minus_infinity_pairs_on_ned():
    table = load("Ned")
    sel = stepwise(table.counts, table.m, 0.02)
    labels = [lattice.term_name(t, table.names) for t in sel.fit.neg_inf]
    assert labels == ["K:R", "I:K"]
    for t in sel.fit.neg_inf:
        assert table.overlap(*(table.names[i] for i in lattice.term_lists(t, table.m))) == 0


@pytest.mark.parametrize(
    ("m", "order", "expected"), [(3, 2, 8), (4, 2, 64), (4, 3, 113), (5, 2, 1024), (6, 2, 32768)]
)
def test_number_of_hierarchical_models(m, order, expected):
    assert count_models(m, order, limit=10**6) == expected


def test_hierarchical_models_are_hierarchical():
    for model in hierarchical_models(4, 3):
        present = set(model)
        for t in model:
            if lattice.order(t) == 3:
                assert all((t & ~(1 << i)) in present for i in lattice.term_lists(t, 4))
    assert hierarchical_models(4, 1) == [()]


def test_too_many_models_is_refused_with_a_clear_message():
    with pytest.raises(TooManyModels, match="more than 50,000 models"):
        hierarchical_models(8, 2)
    with pytest.raises(ValueError, match="at most 4"):
        hierarchical_models(5, 5)


def test_batch_fit_matches_single_fits():
    table = load("Western")
    models = hierarchical_models(5, 2)
    batch = ModelBatch(5, models)
    result = batch.fit(table.counts)
    for i in range(0, len(models), 41):
        if not is_estimable(table.counts, 5, model_terms(5, models[i])):
            continue
        fit = fit_model(table.counts, 5, models[i])
        assert result.ok[i]
        assert result.bic[i] == pytest.approx(fit.bic, rel=1e-9)
        assert result.total[i] == pytest.approx(fit.total, rel=1e-8)


def test_bic_selection_is_the_minimum_over_single_fits():
    """Brute force: fit every estimable model one by one and take the smallest BIC."""
    table = load("Western")
    best = None
    for model in hierarchical_models(5, 2):
        if not is_estimable(table.counts, 5, model_terms(5, model)):
            continue
        fit = fit_model(table.counts, 5, model)
        if best is None or fit.bic < best.bic:
            best = fit
    sel = bic_select(table.counts, 5, 2)
    assert sel.fit.interactions == best.interactions
    assert sel.fit.total == pytest.approx(best.total, rel=1e-8)
    assert sel.ranking[0][1] == pytest.approx(best.bic, rel=1e-10)


def test_bic_selector_on_a_resample_uses_warm_starts_correctly():
    table = load("UKdat_5")
    selector = BICSelector(table.counts, table.m, 2)
    rng = np.random.default_rng(3)
    counts = np.zeros_like(table.counts)
    cells = np.nonzero(table.counts)[0]
    counts[cells] = rng.multinomial(table.observed, table.counts[cells] / table.observed)
    index, total = selector.best(counts)
    cold = bic_select(counts, table.m, 2)
    assert selector.models[index] == cold.fit.interactions
    assert total == pytest.approx(cold.fit.total, rel=1e-8)
