"""The bounded best-BIC search gives exactly the exhaustive answer (issue 15, point 3)."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uitweg.estimation import selection
from uitweg.estimation.bootstrap import draw_resamples, jackknife_counts
from uitweg.estimation.selection import BICSelector
from uitweg.estimation.table import merge_lists

from .tables import load


def same(fast, slow):
    if slow[0] < 0:
        return fast[0] < 0
    return fast[0] == slow[0] and fast[1] == pytest.approx(slow[1], rel=1e-7)


@pytest.mark.parametrize(("name", "order", "top"), [("Western", 2, None), ("UKdat_5", 2, None)])
def test_search_equals_exhaustive_on_resamples_and_jackknife_tables(name, order, top):
    table = load(name)
    selector = BICSelector(table.counts, table.m, order, top_models=top)
    assert selector._search is not None  # 1,024 models: the bounded search is used
    tables = np.vstack(
        [draw_resamples(table.counts, 40, 11), jackknife_counts(table.counts)[1][:15]]
    )
    for counts in tables:
        assert same(selector.best(counts), selector.best_exhaustive(counts))
    # and it fits far fewer models than there are
    assert selector.fits < 0.3 * len(tables) * len(selector.models)


@pytest.mark.slow
def test_search_equals_exhaustive_new_orleans_5_order_3():
    table = merge_lists(load("NewOrl"), ["B", "E", "F", "G"], "BEFG")
    selector = BICSelector(table.counts, table.m, 3, top_models=None)
    for counts in draw_resamples(table.counts, 6, 5):
        assert same(selector.best(counts), selector.best_exhaustive(counts))


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
    old, selection.SEARCH_ABOVE = selection.SEARCH_ABOVE, 0
    try:
        forced = BICSelector(counts, 4, order, top_models=top)
    finally:
        selection.SEARCH_ABOVE = old
    assert forced._search is not None
    for resample in draw_resamples(counts, 8, 3):
        fast, slow = forced.best(resample), selector.best_exhaustive(resample)
        assert same(fast, slow) or (math.isnan(fast[1]) and math.isnan(slow[1]))
