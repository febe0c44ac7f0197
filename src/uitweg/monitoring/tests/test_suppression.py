"""Small-cell suppression: nothing hidden can be worked out from what is shown.

The independent check is written apart from the module (which audits with linear programmes):
for every hidden cell it asks an integer programme for a *whole-number* table that agrees with
everything shown — shown cells and totals, "<5" meaning 0-4, "•" meaning 5 or more — in which the
hidden cell differs from its true value. If no such table exists, the value could be derived.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from uitweg.core.suppression import Hidden, suppress, suppress_series

T = 5
BIG = 10**6


def _range_of(cell):
    if cell.hidden is Hidden.PRIMARY:
        return 0, T - 1
    if cell.hidden is Hidden.COMPLEMENTARY:
        return T, BIG
    return cell.value, cell.value


def another_table_exists(result, i, j, *, above: bool) -> bool:
    """Is there a whole-number table matching what is shown with cell (i, j) above (or below)
    its true value?"""
    rows, cols = len(result.cells), len(result.cells[0])
    n = rows * cols
    lows, highs = zip(*(_range_of(c) for row in result.cells for c in row), strict=True)
    lows, highs = np.array(lows, float), np.array(highs, float)
    k = i * cols + j
    true = result.cells[i][j].value
    if above:
        lows[k] = max(lows[k], true + 1)
    else:
        highs[k] = min(highs[k], true - 1)
    if lows[k] > highs[k]:
        return False
    matrix, lower, upper = [], [], []
    for r, cell in enumerate(result.row_totals):
        row = np.zeros(n)
        row[r * cols:(r + 1) * cols] = 1
        matrix.append(row)
        lower.append(_range_of(cell)[0])
        upper.append(_range_of(cell)[1])
    for c, cell in enumerate(result.column_totals or []):
        column = np.zeros(n)
        column[c::cols] = 1
        matrix.append(column)
        lower.append(_range_of(cell)[0])
        upper.append(_range_of(cell)[1])
    if result.total.hidden is not Hidden.UNPUBLISHED:  # an unpublished total tells nothing
        matrix.append(np.ones(n))
        lower.append(_range_of(result.total)[0])
        upper.append(_range_of(result.total)[1])
    found = milp(np.zeros(n), integrality=np.ones(n), bounds=Bounds(lows, highs),
                 constraints=LinearConstraint(np.array(matrix), lower, upper))
    return found.status == 0


def assert_nothing_hidden_derivable(result, table) -> None:
    """Every hidden cell could be another value (above or below) with all that is shown."""
    for i, row in enumerate(result.cells):
        for j, cell in enumerate(row):
            if cell.hidden:
                assert another_table_exists(result, i, j, above=True) or \
                    another_table_exists(result, i, j, above=False), \
                    f"cell ({i}, {j}) of {table} can be derived from what is shown"


small_tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(2, 5).flatmap(
        lambda cols: st.lists(st.lists(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 8, 12]),
                                       min_size=cols, max_size=cols),
                              min_size=rows, max_size=rows)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_tables)
def test_no_hidden_cell_can_be_derived(table):
    result = suppress(table, threshold=T)
    assert not result.withheld
    assert_nothing_hidden_derivable(result, table)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), min_size=4, max_size=4), min_size=1, max_size=6))
def test_every_small_count_is_hidden_and_every_shown_value_is_true(table):
    result = suppress(table, threshold=T)
    for row, true_row in zip(result.cells, table, strict=True):
        for cell, value in zip(row, true_row, strict=True):
            assert cell.value == value
            if value < T:
                assert cell.hidden is Hidden.PRIMARY and cell.label() == "<5"
            if cell.hidden is Hidden.COMPLEMENTARY:
                assert value >= T and cell.label() == "•"
    for cell in [*result.row_totals, *result.column_totals, result.total]:
        if cell.value < T:
            assert cell.hidden is Hidden.PRIMARY


def test_a_single_small_cell_in_a_row_gets_a_partner():
    result = suppress([[3, 40, 50], [20, 30, 60]])
    labels = [[c.label() for c in row] for row in result.cells]
    assert labels[0][0] == "<5"
    hidden = sum(1 for row in result.cells for c in row if c.hidden)
    assert hidden >= 4  # a rectangle: two rows, two columns
    assert result.total.label() == "203"


def test_nothing_small_means_nothing_hidden():
    result = suppress([[10, 20], [30, 40]])
    assert result.hidden_count == 0
    assert [c.label() for c in result.row_totals] == ["30", "70"]


def test_zeros_are_small_counts_too():
    result = suppress([[0, 12], [9, 0]])
    assert result.cells[0][0].label() == "<5"


def test_a_series_with_its_total():
    result = suppress_series([140, 3, 151, 160])
    labels = [c.label() for c in result.cells[0]]
    assert labels[1] == "<5"
    assert sum(1 for c in result.cells[0] if c.hidden) >= 2
    assert result.total.label() == "454"


def test_four_small_cells_cannot_add_up_to_a_small_total():
    # Column 0 holds four counts of 1 and a 0, total 4. Were the zero shown, four "<5" cells under
    # a "<5" total could only be 1 each; with the zero hidden too, they could be many things.
    table = [[1, 6, 3, 3, 8], [1, 12, 5, 12, 1], [0, 1, 5, 3, 8], [1, 3, 0, 8, 2],
             [1, 8, 1, 0, 2]]
    result = suppress(table)
    assert_nothing_hidden_derivable(result, table)
    assert result.cells[2][0].label() == "<5"


def test_a_table_of_ones_shows_nothing_but_its_smallness():
    result = suppress([[1, 1], [1, 1]])
    assert {c.label() for row in result.cells for c in row} == {"<5"}
    assert result.total.label() == "<5" and not result.withheld


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="negative"):
        suppress([[1, -1]])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_tables)
def test_without_a_grand_total_no_hidden_cell_can_be_derived_from_the_row_totals(table):
    """The monitoring trend: rows are years with their totals, the sum of the years unpublished."""
    result = suppress(table, threshold=T, column_totals=False, grand_total=False)
    assert result.total.hidden is Hidden.UNPUBLISHED and result.total.label() == ""
    assert not result.withheld
    assert_nothing_hidden_derivable(result, table)
    for cell, true_row in zip(result.row_totals, table, strict=True):
        assert cell.value == sum(true_row)
        assert cell.hidden or cell.value >= T


def test_an_unpublished_grand_total_does_not_expose_years_of_nothing():
    # 0, 0, 0, 0, 9: with the sum of the years published, the four "<5" totals could only be 0,
    # which forced the 9 to be hidden too. Unpublished, the 9 stays shown.
    table = [[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [7, 2, 0]]
    assert suppress(table, column_totals=False).row_totals[4].hidden is not None
    result = suppress(table, column_totals=False, grand_total=False)
    assert [c.label() for c in result.row_totals] == ["<5"] * 4 + ["9"]
    assert [c.label() for c in result.cells[4]] == ["7", "<5", "<5"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), min_size=2, max_size=6), min_size=1, max_size=4),
       st.data())
def test_the_arithmetic_ranges_equal_the_linear_programmes(table, data):
    """Where every hidden cell is in one published sum (the figures pages: years with their
    totals, no column totals), the ranges are worked out without the solver — and must be what
    the solver says, for any pattern of hidden cells, totals included."""
    from uitweg.core import suppression

    width = max(len(r) for r in table)
    table = [r + [0] * (width - len(r)) for r in table]
    ext = suppression._extended(table, True, False, False)
    published = [(i, j) for i in range(ext.shape[0]) for j in range(ext.shape[1])
                 if ext[i, j] >= 0]
    # any set of hidden cells, each labelled as its true value says ("<5" or "•")
    hidden = {p: Hidden.PRIMARY if ext[p] < T else Hidden.COMPLEMENTARY
              for p in data.draw(st.sets(st.sampled_from(published), min_size=1))}
    positions = sorted(hidden)
    index = {p: k for k, p in enumerate(positions)}
    a_rows, b = [], []
    for equation in suppression._equations(ext.shape, True, False, False):
        row, rhs = np.zeros(len(positions)), 0.0
        for position, sign in equation:
            if position in index:
                row[index[position]] += sign
            else:
                rhs -= sign * ext[position]
        if row.any():
            a_rows.append(row)
            b.append(rhs)
    bounds = [suppression._BOUNDS[hidden[p]](T) for p in positions]
    fast = suppression._ranges_one_equation_each(positions, a_rows, b, bounds)
    slow = suppression._ranges_by_linear_programmes(positions, a_rows, b, bounds)
    for p in positions:
        assert fast[p][0] == pytest.approx(slow[p][0], abs=1e-6)
        assert fast[p][1] == pytest.approx(slow[p][1], abs=1e-6)
