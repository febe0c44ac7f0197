"""The 2^k table on the estimate page: no hidden count can be worked out from what the page shows
(the persons in view, the named pair overlaps, the registrations per list, the shown cells).

The independent check (as in test_suppression.py) asks an integer programme for a whole-number
table that agrees with everything shown — "<5" a history of 1-4 persons (empty ones are not
listed), "•" at least 5 — in which the hidden value differs from the true one."""

from itertools import combinations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from uitweg.core.suppression import Hidden
from uitweg.monitoring.history_suppression import suppress_histories

T = 5
BIG = 10**6


def _range(cell, *, cell_of_table: bool):
    if cell.hidden is Hidden.PRIMARY:
        return (1 if cell_of_table else 0), T - 1
    if cell.hidden is Hidden.COMPLEMENTARY:
        return T, BIG
    return cell.value, cell.value


def another_table_exists(result, registrations, target, *, above: bool) -> bool:
    masks = sorted(result.cells)
    n = len(masks)
    lows, highs = zip(*(_range(result.cells[h], cell_of_table=True) for h in masks),
                      strict=True)
    lows, highs = np.array(lows, float), np.array(highs, float)
    total = sum(c.value for c in result.cells.values())  # the persons in view, shown
    matrix, lower, upper = [np.ones(n)], [total], [total]
    for pair, cell in result.overlaps.items():
        matrix.append(np.array([1.0 if h & pair == pair else 0.0 for h in masks]))
        low, high = _range(cell, cell_of_table=False)
        lower.append(low)
        upper.append(high)
    for bit, registered in registrations.items():
        matrix.append(np.array([1.0 if h & bit else 0.0 for h in masks]))
        lower.append(0)
        upper.append(registered)
    kind, mask = target
    true = (result.cells[mask] if kind == "cell" else result.overlaps[mask]).value
    row = (np.array([1.0 if h == mask else 0.0 for h in masks]) if kind == "cell"
           else np.array([1.0 if h & mask == mask else 0.0 for h in masks]))
    matrix.append(row)
    lower.append(true + 1 if above else -np.inf)
    upper.append(np.inf if above else true - 1)
    found = milp(np.zeros(n), integrality=np.ones(n), bounds=Bounds(lows, highs),
                 constraints=LinearConstraint(np.array(matrix), lower, upper))
    return found.status == 0


def _hidden(result):
    return ([("cell", h) for h, c in result.cells.items() if c.hidden]
            + [("pair", p) for p, c in result.overlaps.items() if c.hidden])


@st.composite
def histories(draw):
    k = draw(st.integers(2, 4))
    counts = {m: draw(st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 8, 12]))
              for m in range(1, 1 << k)}
    pairs = [a | b for a, b in combinations([1 << i for i in range(k)], 2)]
    named = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3))
    registrations = {}
    for i in range(k):
        if draw(st.booleans()):
            on = sum(n for m, n in counts.items() if m >> i & 1)
            registrations[1 << i] = on + draw(st.integers(0, 3))
    return counts, named, registrations


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_no_hidden_history_or_overlap_can_be_derived(table):
    counts, named, registrations = table
    result = suppress_histories(counts, overlaps=named, registrations=registrations,
                                threshold=T)
    if result.withheld:
        return  # nothing of it is shown
    assert all(c.hidden for h, c in result.cells.items() if c.value < T)
    for target in _hidden(result):
        assert (another_table_exists(result, registrations, target, above=True)
                or another_table_exists(result, registrations, target, above=False)), target


def test_a_small_overlap_named_by_the_model_no_longer_gives_the_small_cell_away():
    # two lists: 40 only on A, 30 only on B, 3 on both. The model names the pair A:B, whose
    # overlap is the small cell itself; with primary suppression only, the page said "<5" in
    # the table and "3 people on both" in the model's explanation.
    result = suppress_histories({0b01: 40, 0b10: 30, 0b11: 3}, overlaps=[0b11], threshold=T)
    assert result.label(0b11) == "<5" and result.overlap_label(0b11) == "<5"
    # and with the total shown, the other two cells cannot both be shown
    assert sum(1 for h in (0b01, 0b10) if result.cells[h].hidden) >= 1
    assert not result.withheld


def test_only_empty_or_large_histories_need_nothing_hidden():
    result = suppress_histories({0b01: 40, 0b10: 30, 0b11: 9}, overlaps=[0b11], threshold=T)
    assert [result.label(h) for h in (0b01, 0b10, 0b11)] == ["40", "30", "9"]


def test_a_table_of_one_small_history_is_withheld():
    assert suppress_histories({0b01: 3}, threshold=T).withheld
