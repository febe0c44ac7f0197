"""Issue 15, point 1: which models the BIC bootstrap re-selects among, and saying so.

R (MultipleSystemsEstimation ``estimate_population_bic``) re-selects each resample among the
best ``ntopmodels`` models on the original data: all for 2-3 lists, 20 for 4, 100 for 5-6. The
default here is the same; ``top_models="all"`` searches every model.

Published BCa limits for a top-N setting do not exist for the shipped tables: the 2024 paper's
Table 6 limits for UKdat_5 (11456-43894) are for the exhaustive search and are tested in
``test_literature.py``. What is published for the top-N approximation is its Table 4: in how many
of 1,000 resamples the best model of the exhaustive search lies among the best 1, 5, 10, 50 and
100 models of the original data. That is tested here (within Monte Carlo error), together with
the model set itself.
"""

import json
import math

import numpy as np
import pytest

from uitweg.estimation import estimate_population
from uitweg.estimation.bootstrap import draw_resamples
from uitweg.estimation.cli import main
from uitweg.estimation.selection import BICSelector
from uitweg.estimation.service import default_top_models
from uitweg.estimation.table import merge_lists

from .tables import DATA, bic_cli, load


def test_default_is_r_s_choice_by_number_of_lists():
    assert [default_top_models(m) for m in (2, 3, 4, 5, 6)] == [None, None, 20, 100, 100]


def test_default_searches_r_s_top_100_on_five_lists():
    table = load("UKdat_5")
    result = estimate_population(table, method="bic", n_bootstrap=100, seed=1, jobs=1)
    ms = result.model_set
    assert ms.is_default and ms.requested == 100
    assert ms.searched == 100 and ms.eligible == 1024
    # The set searched is the best 100 by BIC on the original data, best first.
    selector = BICSelector(table.counts, table.m, 2, top_models=100)
    full = BICSelector(table.counts, table.m, 2)
    assert selector.models == [r[0] for r in full.ranking[:100]]
    bics = [r[1] for r in full.ranking]
    assert bics == sorted(bics)


def test_all_searches_every_model_and_gives_the_same_point_estimate():
    table = load("Western")
    top = estimate_population(table, method="bic", n_bootstrap=100, seed=2, jobs=1)
    every = estimate_population(
        table, method="bic", n_bootstrap=100, seed=2, jobs=1, top_models="all"
    )
    assert every.model_set.searched == every.model_set.eligible == 1024
    assert not every.model_set.is_default
    assert top.total == every.total
    # Searching more models can only find a lower BIC, so the estimates differ on some resamples.
    assert not np.array_equal(top.bootstrap.estimates, every.bootstrap.estimates)


def test_text_and_json_say_which_set_was_searched(capsys):
    code = main(bic_cli("Western", 100))
    out, _ = capsys.readouterr()
    assert code == 0
    assert (
        "models searched on every resample: the 100 best by BIC on the original data, "
        "of 1,024 that pass the check (R's default)" in out
    )
    code = main(bic_cli("Western", 100, "--top-models", "all", "--format", "json"))
    data = json.loads(capsys.readouterr()[0])
    assert data["bootstrap"]["model_set"]["top_models"] == "all"
    assert data["bootstrap"]["model_set"]["searched"] == 1024


def test_report_says_which_set_was_searched():
    from uitweg.estimation.report import render_html

    result = estimate_population(
        load("Western"), method="bic", n_bootstrap=100, seed=1, jobs=1, top_models=30
    )
    html = render_html(result)
    assert "Models searched on every resample: the 30 best by BIC" in html
    assert "de 30 beste modellen" in html


@pytest.mark.parametrize("value", ["0", "-3", "some"])
def test_bad_top_models_exit_2(capsys, value):
    with pytest.raises(SystemExit) as info:
        main([str(DATA / "Western.csv"), "--method", "bic", "--top-models", value])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--top-models" in err


def ranks_of_exhaustive_best(table, n_boot=1000, seed=1):
    """For each resample, the original-data rank (1 = best) of the exhaustive best-BIC model."""
    selector = BICSelector(table.counts, table.m, 2)  # all models, ranked on the original data
    ranks = []
    for counts in draw_resamples(table.counts, n_boot, seed):
        best, total = selector.best(counts)
        ranks.append(best + 1 if best >= 0 and math.isfinite(total) else 10**9)
    return np.array(ranks)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "published"),
    # The paper also gives New Orleans (NewOrl_5, order 2): 357, 622, 698, 915, 958. Here that
    # comes out as 271, 471, 636, 854, 938 (seed 1): further apart than Monte Carlo error, not
    # yet explained (see docs/estimation.md), so it is not asserted.
    [("UKdat_5", (216, 583, 739, 930, 954))],
)
def test_rank_of_the_bootstrap_optimum_matches_the_2024_paper_table_4(name, published):
    if name == "NewOrl_5":
        table = merge_lists(load("NewOrl"), ["B", "E", "F", "G"], "BEFG")
    else:
        table = load(name)
    ranks = ranks_of_exhaustive_best(table)
    counts = [int(np.sum(ranks <= k)) for k in (1, 5, 10, 50, 100)]
    for got, want in zip(counts, published, strict=True):
        p = want / 1000
        sd = math.sqrt(1000 * p * (1 - p)) * math.sqrt(2)  # two independent runs
        assert abs(got - want) <= 4 * sd + 1, (counts, published)
