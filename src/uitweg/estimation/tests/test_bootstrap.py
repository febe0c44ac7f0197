import math

import numpy as np
import pytest
from scipy import stats

from uitweg.estimation.bootstrap import (
    acceleration,
    bca_bootstrap,
    bca_limits,
    draw_resamples,
    jackknife_counts,
    map_estimator,
    quantile_type8,
)
from uitweg.estimation.estimators import FixedModelEstimator, StepwiseEstimator, no_overlap

from .tables import load


def test_type8_quantiles_match_r():
    # R: quantile(c(1, 2, 4, 8, 16), c(0.1, 0.5, 0.9), type = 8) -> 1.0000 4.0000 16.0000
    #    quantile(1:10, c(0.25, 0.75), type = 8)                 -> 2.916667 8.083333
    assert np.allclose(quantile_type8([1, 2, 4, 8, 16], [0.1, 0.5, 0.9]), [1.0, 4.0, 16.0])
    assert np.allclose(
        quantile_type8(np.arange(1, 11), [0.25, 0.75]), [2.916667, 8.083333], atol=1e-6
    )


def test_type8_with_infinite_values():
    x = [1.0, 2.0, 3.0, math.inf]
    assert quantile_type8(x, [0.5])[0] == pytest.approx(2.5)
    assert quantile_type8(x, [0.99])[0] == math.inf


def test_bca_without_bias_or_acceleration_is_the_percentile_interval():
    rng = np.random.default_rng(0)
    boot = rng.normal(100, 10, size=4001)
    estimate = float(np.median(boot))
    limits, z0 = bca_limits(boot, estimate, 0.0, [0.025, 0.975])
    assert abs(z0) < 0.01
    assert np.allclose(limits, quantile_type8(boot, [0.025, 0.975]), rtol=2e-3)


def test_bca_bias_correction_shifts_the_levels():
    boot = np.arange(1, 1001, dtype=float)
    limits, z0 = bca_limits(boot, 300.5, 0.0, [0.025, 0.975])
    assert z0 == pytest.approx(stats.norm.ppf(0.3))
    levels = stats.norm.cdf(2 * z0 + stats.norm.ppf([0.025, 0.975]))
    assert np.allclose(limits, quantile_type8(boot, levels))


def test_acceleration_formula():
    jack = np.array([10.0, 12.0, 9.0])
    weights = np.array([2, 1, 3])
    mean = (2 * 10 + 12 + 3 * 9) / 6
    d = mean - jack
    want = np.sum(weights * d**3) / (6 * np.sum(weights * d**2) ** 1.5)
    assert acceleration(jack, weights) == pytest.approx(want)
    assert acceleration(np.array([5.0, 5.0]), np.array([1, 1])) == 0.0


def test_resamples_are_multinomial_over_observed_cells():
    table = load("Western")
    boot = draw_resamples(table.counts, 200, seed=1)
    assert boot.shape == (200, 32)
    assert np.all(boot.sum(axis=1) == table.observed)
    assert np.all(boot[:, table.counts == 0] == 0)
    assert np.allclose(boot.mean(axis=0), table.counts, rtol=0.2, atol=2)
    assert np.array_equal(boot, draw_resamples(table.counts, 200, seed=1))
    assert not np.array_equal(boot, draw_resamples(table.counts, 200, seed=2))


def test_jackknife_removes_one_person_per_non_empty_cell():
    table = load("Western")
    cells, tables = jackknife_counts(table.counts)
    assert len(cells) == np.count_nonzero(table.counts)
    assert np.all(tables.sum(axis=1) == table.observed - 1)
    for cell, t in zip(cells, tables, strict=True):
        assert t[cell] == table.counts[cell] - 1


def test_same_seed_same_result_whatever_the_number_of_processes():
    table = load("Western")
    est = StepwiseEstimator(table.m, 0.02)
    point = est(table.counts)
    one = bca_bootstrap(est, table.counts, point, n_boot=120, seed=7, jobs=1)
    two = bca_bootstrap(est, table.counts, point, n_boot=120, seed=7, jobs=2)
    assert np.array_equal(one.estimates, two.estimates)
    assert one.limits == two.limits
    other = bca_bootstrap(est, table.counts, point, n_boot=120, seed=8, jobs=1)
    assert not np.array_equal(one.estimates, other.estimates)


def test_progress_is_reported_for_every_table():
    table = load("Artificial_3")
    seen = []
    map_estimator(
        StepwiseEstimator(3), draw_resamples(table.counts, 60, 1), jobs=1, progress=seen.append
    )
    assert sum(seen) == 60


def test_resample_without_overlap_has_infinite_estimate():
    counts = np.array([0, 5, 4, 0, 3, 0, 0, 0])
    assert no_overlap(counts, 3)
    assert StepwiseEstimator(3)(counts) == math.inf
    assert FixedModelEstimator(3, ())(counts) == math.inf


def test_fixed_model_bootstrap_brackets_the_estimate():
    table = load("NewOrl")
    est = FixedModelEstimator(table.m, ())
    point = est(table.counts)
    result = bca_bootstrap(est, table.counts, point, n_boot=300, seed=3, jobs=1)
    lo, hi = result.interval(0.95)
    assert lo < point < hi
    assert result.n_failed == 0
