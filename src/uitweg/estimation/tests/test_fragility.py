"""Issue 15, point 2: say when a BCa interval is fragile, refuse too few resamples."""

import numpy as np
import pytest

from uitweg.estimation import SettingsError, estimate_population
from uitweg.estimation.bootstrap import limit_stability
from uitweg.estimation.cli import main

from .tables import DATA, bic_cli, load


def test_too_few_resamples_for_bca_are_refused():
    with pytest.raises(SettingsError, match="at least 100 bootstrap resamples, got 1"):
        estimate_population(load("Western"), n_bootstrap=1, seed=1)


def test_cli_bootstrap_1_is_one_line_and_exit_2(capsys):
    code = main([str(DATA / "Western.csv"), "--bootstrap", "1", "--seed", "1"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "at least 100 bootstrap resamples" in lines[0]


def test_a_limit_resting_on_a_few_extreme_resamples_is_fragile():
    rng = np.random.default_rng(0)
    body = rng.normal(1000, 50, 994)
    tail = np.array([2e5, 4e5, 6e5, 9e5, 1.2e6, 1.9e6])  # a long upper tail
    values = np.concatenate([body, tail])
    upper = limit_stability(values, 0.997, "upper")
    assert upper.beyond < 10 and upper.fragile
    assert upper.low < upper.limit < upper.high
    assert "upper limit is fragile" in upper.describe()
    lower = limit_stability(values, 0.025, "lower")
    assert lower.beyond >= 20 and not lower.fragile


def test_a_smooth_interval_is_not_fragile():
    values = np.random.default_rng(1).normal(1000, 50, 1000)
    for q, side in ((0.025, "lower"), (0.975, "upper")):
        assert not limit_stability(values, q, side).fragile


def test_western_bic_lower_limit_is_reported_as_fragile(capsys):
    # The lower 95% BCa limit of Western (BIC) is the smallest of the resamples: between seeds it
    # moves from about 600 to 1,300 (issue 15). The output must say so.
    code = main(bic_cli("Western", 200))
    out, _ = capsys.readouterr()
    assert code == 0
    assert "the lower limit is fragile: it is the lowest of the 200 resamples" in out


def test_json_and_report_carry_the_stability():
    from uitweg.estimation.report import render_html

    result = estimate_population(load("Western"), method="bic", n_bootstrap=200, seed=1, jobs=1)
    stability = result.to_dict()["bootstrap"]["stability"]
    assert stability["lower"]["fragile"] is True
    assert stability["lower"]["resamples_beyond"] == 0
    html = render_html(result)
    assert "De ondergrens is onzeker" in html
    assert "The lower limit is fragile" in html
