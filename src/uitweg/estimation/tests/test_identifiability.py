"""Existence and identifiability: documented Artificial_3 outcomes, fast path against the LP."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uitweg.estimation import lattice
from uitweg.estimation.batchfit import ModelBatch
from uitweg.estimation.hierarchy import hierarchical_models
from uitweg.estimation.identifiability import (
    check_model,
    estimable_batch,
    fienberg_rinaldo_exists,
    is_estimable,
    support_estimable,
)
from uitweg.estimation.model import model_terms, split_terms

from .tables import load

AB, AC, BC = lattice.all_pairs(3)


def test_artificial_3_all_pairs_is_not_identifiable():
    """SparseMSE checkident: the model with all three pairs is not identifiable (code 2)."""
    table = load("Artificial_3")
    check = check_model(table.counts, 3, [AB, AC, BC], table.names)
    assert check.code == 2
    assert check.exists and not check.identifiable
    assert check.neg_inf == (AC, BC)
    assert "A:C, B:C never overlap" in check.message
    assert "not identifiable: 4 combinations of lists remain for 5 parameters" in check.message


def test_artificial_3_ab_alone_has_no_mle():
    """SparseMSE checkident: with A:B alone the MLE does not exist (code 1)."""
    table = load("Artificial_3")
    check = check_model(table.counts, 3, [AB], table.names)
    assert check.code == 1
    assert not check.exists and check.identifiable
    assert "does not exist" in check.message
    assert "A+C, B+C, A+B+C" in check.message


def test_artificial_3_ac_and_bc_is_fine():
    """SparseMSE checkident: A:C + B:C passes both tests (code 0)."""
    table = load("Artificial_3")
    check = check_model(table.counts, 3, [AC, BC], table.names)
    assert check.code == 0 and check.ok
    assert "exists and is identifiable" in check.message


def test_fast_check_agrees_on_artificial_3():
    counts = load("Artificial_3").counts
    assert not is_estimable(counts, 3, model_terms(3, [AB, AC, BC]))
    assert not is_estimable(counts, 3, model_terms(3, [AB]))
    assert is_estimable(counts, 3, model_terms(3, [AC, BC]))
    assert is_estimable(counts, 3, model_terms(3, []))


def test_no_overlap_at_all_has_no_mle():
    counts = np.array([0, 5, 4, 0, 3, 0, 0, 0])
    assert not check_model(counts, 3, []).exists


def test_list_holding_everybody_has_no_mle():
    counts = np.array([0, 5, 0, 4])  # everybody is on list A
    assert not check_model(counts, 2, []).exists


def _lp_outcome(counts, m, interactions):
    """Identifiability and the Fienberg-Rinaldo LP, without any shortcut."""
    counts = np.asarray(counts, float)
    nstar = lattice.superset_sums(counts, m)
    active, _neg, kept = split_terms(nstar, m, model_terms(m, interactions))
    cells = np.nonzero(kept[1:])[0] + 1
    X = lattice.design(cells, active)
    identifiable = np.linalg.matrix_rank(X) == len(active)
    return fienberg_rinaldo_exists(X, counts[cells]) and identifiable


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from([0, 0, 0, 1, 2, 7]), min_size=15, max_size=15),
    st.sets(st.sampled_from(lattice.all_pairs(4)), max_size=6),
)
def test_fast_path_agrees_with_the_linear_program(counts, pairs):
    counts = np.array([0, *counts])
    support_estimable.cache_clear()
    fast = is_estimable(counts, 4, model_terms(4, sorted(pairs)))
    assert fast == _lp_outcome(counts, 4, sorted(pairs))


def test_existence_depends_only_on_which_cells_are_non_empty():
    table = load("Western")
    pairs = lattice.all_pairs(5)
    bigger = table.counts * 7 + (table.counts > 0)
    for k in range(0, 10, 3):
        model = pairs[k : k + 4]
        assert check_model(table.counts, 5, model).ok == check_model(bigger, 5, model).ok


@pytest.mark.parametrize("name", ["Western", "UKdat_5"])
def test_batch_check_agrees_with_single_checks(name):
    table = load(name)
    models = hierarchical_models(table.m, 2)[::7]
    batch = ModelBatch(table.m, models)
    # a sparse version (about half the cells emptied) on which many models fail
    sparse = table.counts * (np.random.default_rng(0).random(len(table.counts)) < 0.5)
    for counts, some_fail in ((table.counts, False), (sparse, True)):
        got = estimable_batch(batch, counts)
        want = [is_estimable(counts, table.m, model_terms(table.m, mod)) for mod in models]
        assert got.tolist() == want
        assert (not all(want)) == some_fail
