# ruff: noqa: RUF001  (Cyrillic letters on purpose)
"""Linkage quality and coverage on synthetic populations with known truth (issue 13, 6 and 8)."""

import pytest

from uitweg.monitoring.linkage import synthetic
from uitweg.monitoring.linkage.coverage import study
from uitweg.monitoring.linkage.pipeline import estimate, link_synthetic


@pytest.mark.parametrize("seed", [11, 12])
def test_precision_and_recall_meet_the_targets_on_a_synthetic_population(seed):
    result = link_synthetic(synthetic.generate(4000, seed=seed))
    assert result.quality.true_pairs > 1000
    assert result.quality.precision >= 0.98
    assert result.quality.recall >= 0.95


def test_without_errors_the_linkage_is_perfect():
    syn = synthetic.generate(1500, seed=5, errors=synthetic.NO_ERRORS)
    result = link_synthetic(syn)
    assert result.linked.counts.tolist() == result.truth.counts.tolist()


def test_the_generator_is_seeded_and_makes_the_errors_it_promises():
    a = synthetic.generate(800, seed=3)
    assert a.registrations == synthetic.generate(800, seed=3).registrations
    names = [r.name for r in a.registrations]
    assert any(any("а" <= ch <= "я" for ch in n.lower()) for n in names)  # Cyrillic kept
    assert any(r.dob is None for r in a.registrations)
    assert any("," in n for n in names)  # "SURNAME, Given"
    assert any(r.exact for r in a.registrations)


def test_the_linked_estimate_is_close_to_the_estimate_with_perfect_linkage():
    result = link_synthetic(synthetic.generate(2000, seed=21))
    linked = estimate(result.linked, seed=1, n_bootstrap=0)
    truth = estimate(result.truth, seed=1, n_bootstrap=0)
    assert abs(linked.total - truth.total) / truth.total < 0.1


@pytest.mark.slow
def test_the_interval_covers_the_true_size_in_most_seeded_runs():
    result = study(20, size=600, n_bootstrap=100, first_seed=101)
    assert result.linked >= 0.8
