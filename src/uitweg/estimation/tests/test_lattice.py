import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from uitweg.estimation import lattice


def brute_superset(values, m):
    return np.array([sum(values[c] for c in range(1 << m) if c & p == p) for p in range(1 << m)])


def brute_subset(values, m):
    return np.array([sum(values[t] for t in range(1 << m) if c & t == t) for c in range(1 << m)])


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda m: st.tuples(
            st.just(m), st.lists(st.integers(0, 50), min_size=1 << m, max_size=1 << m)
        )
    )
)
def test_superset_and_subset_sums_match_brute_force(case):
    m, values = case
    values = np.array(values, dtype=float)
    assert np.allclose(lattice.superset_sums(values, m), brute_superset(values, m))
    assert np.allclose(lattice.subset_sums(values, m), brute_subset(values, m))


def test_superset_sums_work_on_batches():
    values = np.arange(2 * 8, dtype=float).reshape(2, 8)
    out = lattice.superset_sums(values, 3)
    assert np.allclose(out[1], brute_superset(values[1], 3))


def test_design_marks_terms_contained_in_cells():
    X = lattice.design([0b011, 0b101], [0, 0b001, 0b011])
    assert X.tolist() == [[1, 1, 1], [1, 1, 0]]


def test_pairs_in_sparsemse_order_and_names():
    names = ["A", "B", "C"]
    assert [lattice.term_name(p, names) for p in lattice.all_pairs(3)] == ["A:B", "A:C", "B:C"]
    assert lattice.term_name(0, names) == "(intercept)"
    assert lattice.cell_name(0b101, names) == "A+C"
    assert lattice.parse_term("B:C", names) == 0b110
    assert lattice.popcounts(3).tolist() == [0, 1, 1, 2, 1, 2, 2, 3]


def test_cells_containing_any():
    hit = lattice.cells_containing_any(3, [0b011])
    assert np.nonzero(hit)[0].tolist() == [3, 7]
