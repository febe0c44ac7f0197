"""The bounded best-BIC search gives exactly the exhaustive answer (issue 15, point 3)."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uitweg.estimation import selection
from uitweg.estimation.batchfit import ModelBatch
from uitweg.estimation.bootplan import plan_cover
from uitweg.estimation.bootstrap import draw_resamples, jackknife_counts
from uitweg.estimation.hierarchy import hierarchical_models
from uitweg.estimation.identifiability import estimable_batch
from uitweg.estimation.pairfit import newton_pairs
from uitweg.estimation.selection import BICSelector
from uitweg.estimation.table import merge_lists

from .tables import load


def same(fast, slow):
    if slow[0] < 0:
        return fast[0] < 0
    return fast[0] == slow[0] and fast[1] == pytest.approx(slow[1], rel=1e-8)


@pytest.mark.parametrize(
    ("name", "order", "top"), [("Western", 2, None), ("UKdat_5", 2, None), ("UKdat_5", 2, 100)]
)
def test_search_equals_exhaustive_on_resamples_and_jackknife_tables(name, order, top):
    table = load(name)
    selector = BICSelector(table.counts, table.m, order, top_models=top)
    tables = np.vstack(
        [draw_resamples(table.counts, 40, 11), jackknife_counts(table.counts)[1][:15]]
    )
    index, total = selector.best_many(tables)  # all tables searched together
    for counts, i, t in zip(tables, index, total, strict=True):
        slow = selector.best_exhaustive(counts)
        assert same((i, t), slow)
        assert same(selector.best(counts), slow)  # and one at a time
    # and it fits far fewer models than there are (each table was searched twice)
    share = selector.fits / (2 * len(tables) * len(selector.models))
    assert share < (0.5 if top else 0.15)


@pytest.mark.slow
def test_search_equals_exhaustive_new_orleans_5_order_3():
    table = merge_lists(load("NewOrl"), ["B", "E", "F", "G"], "BEFG")
    selector = BICSelector(table.counts, table.m, 3, top_models=None)
    tables = draw_resamples(table.counts, 12, 5)
    index, total = selector.best_many(tables)
    for counts, i, t in zip(tables, index, total, strict=True):
        assert same((i, t), selector.best_exhaustive(counts))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(st.integers(0, 12), min_size=15, max_size=15),
    order=st.sampled_from([2, 3]),
    top=st.sampled_from([None, 5, 30]),
)
def test_search_equals_exhaustive_on_sparse_four_list_tables(cells, order, top):
    counts = np.array([0, *cells], dtype=np.int64)
    if counts.sum() == 0 or counts[[3, 5, 6, 9, 10, 12, 7, 11, 13, 14, 15]].sum() == 0:
        return
    try:
        selector = BICSelector(counts, 4, order, top_models=top)
    except selection.NoEstimableModel:
        return
    resamples = draw_resamples(counts, 8, 3)
    index, total = selector.best_many(resamples)
    for resample, i, t in zip(resamples, index, total, strict=True):
        slow = selector.best_exhaustive(resample)
        assert same((i, t), slow) or (math.isnan(t) and math.isnan(slow[1]))


@pytest.mark.parametrize(("name", "order"), [("UKdat_5", 2), ("Western", 2)])
def test_two_iterations_bracket_the_maximum_of_every_model(name, order):
    """The dual bound is above the converged maximum, the value reached below it."""
    table = load(name)
    models = hierarchical_models(table.m, order)
    batch = ModelBatch(table.m, models)
    start = batch.fit(table.counts).beta
    for resample in draw_resamples(table.counts, 3, 7).astype(float):
        exact = batch.fit(resample, start=start)
        tables = np.repeat(resample[None, :], len(models), axis=0)
        _, low, high, _, _ = newton_pairs(
            batch.contain, batch.contain_t, tables, batch.terms, batch.valid, start, max_iter=2
        )
        ok = exact.ok
        scale = 1e-9 * (np.abs(exact.loglik[ok]) + 1)
        assert np.all(low[ok] <= exact.loglik[ok] + scale)
        assert np.all(high[ok] >= exact.loglik[ok] - scale)
        # and tightly: for most models well below one unit of BIC (twice the gap)
        assert np.median(high[ok] - low[ok]) < 0.25


def test_models_without_an_estimate_still_get_a_tight_bound():
    """On a sparse resample of NewOrl_5 many models have their maximum at infinity. Their dual
    point has negative entries; repaired, it still bounds the maximum closely after four
    iterations, so the search sets such models aside without fitting them to convergence."""
    table = merge_lists(load("NewOrl"), ["B", "E", "F", "G"], "BEFG")
    models = hierarchical_models(table.m, 3)
    batch = ModelBatch(table.m, models)
    start = batch.fit(table.counts).beta
    resample = draw_resamples(table.counts, 1, 3)[0].astype(float)
    exact = batch.fit(resample, start=start)
    tables = np.repeat(resample[None, :], len(models), axis=0)
    _, low, high, _, _ = newton_pairs(
        batch.contain, batch.contain_t, tables, batch.terms, batch.valid, start, max_iter=4
    )
    at_infinity = exact.ok & ~estimable_batch(batch, resample)
    assert at_infinity.sum() > 500
    assert np.isfinite(high[at_infinity]).all()
    ll = exact.loglik[at_infinity]
    assert np.all(high[at_infinity] >= ll - 1e-9 * (np.abs(ll) + 1))
    assert np.all(low[at_infinity] <= ll + 1e-9 * (np.abs(ll) + 1))
    assert np.median(high[at_infinity] - ll) < 0.25


def test_a_fit_continues_exactly_where_it_stopped():
    table = load("UKdat_5")
    models = hierarchical_models(table.m, 2)
    batch = ModelBatch(table.m, models)
    start = batch.fit(table.counts).beta
    tables = np.repeat(draw_resamples(table.counts, 1, 4).astype(float), len(models), axis=0)
    args = (batch.contain, batch.contain_t, tables, batch.terms, batch.valid)
    whole = newton_pairs(*args, start, max_iter=100)
    first = newton_pairs(*args, start, max_iter=4)
    then = newton_pairs(*args, first[0], max_iter=96)
    assert 0 < first[4].sum() < len(models)  # some had stopped already
    ll = np.where(first[4], first[1], then[1])
    np.testing.assert_allclose(ll, whole[1], rtol=1e-13)
    assert np.array_equal(np.where(first[4], first[3], then[3]), whole[3])


def test_plan_covers_every_eligible_model_on_the_original_data():
    table = load("UKdat_5")
    models = hierarchical_models(table.m, 2)
    batch = ModelBatch(table.m, models)
    fit = batch.fit(table.counts)
    bits = np.array([sum(1 << j for j, t in enumerate(models[-1]) if t in mod) for mod in models])
    pen, best, slack = math.log(table.counts.sum()), float(np.nanmin(fit.bic)), 6.0
    plan = plan_cover(
        bits,
        batch.n_terms,
        fit.loglik,
        np.ones(len(models), bool),
        pen,
        best,
        slack,
        len(models[-1]),
    )
    assert 0 < len(plan) < 0.2 * len(models)
    for i in range(len(models)):
        if i in plan:
            continue
        covering = [f for f in plan if bits[i] & ~bits[f] == 0]
        assert any(batch.n_terms[i] * pen - 2 * fit.loglik[f] > best + slack for f in covering)
