import json

import pytest

from uitweg.estimation import (
    SettingsError,
    TableError,
    TooManyModels,
    estimate_population,
    parse_csv,
)

from .tables import load


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"method": "aic"}, "unknown method"),
        ({"threshold": 1.5}, "between 0 and 1"),
        ({"n_bootstrap": -1}, "cannot be negative"),
        ({"level": 1.0}, "level must be between 0 and 1"),
        ({"method": "bic", "max_order": 5}, "between 1 and 4"),
    ],
)
def test_bad_settings(kwargs, fragment):
    with pytest.raises(SettingsError, match=fragment):
        estimate_population(load("Western"), **{"n_bootstrap": 0, **kwargs})


def test_bic_with_too_many_models_is_refused():
    with pytest.raises(TooManyModels):
        estimate_population(load("NewOrl"), method="bic", n_bootstrap=0)


def test_unusable_table_is_refused():
    with pytest.raises(TableError, match="never overlap"):
        estimate_population(parse_csv("A,B,n\n1,0,4\n0,1,3\n"), n_bootstrap=0)


def test_result_is_json_ready_and_consistent():
    result = estimate_population(load("Western"), n_bootstrap=100, seed=2, jobs=1)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["hidden"] == pytest.approx(data["total"] - data["observed"])
    assert data["bootstrap"]["hidden"][0] == pytest.approx(data["bootstrap"]["total"][0] - 345)
    assert data["check"]["exists"] is True
    assert data["conditional_interval"]["method"] == "profile-likelihood"
    assert data["wald_interval"]["method"] == "wald-log"


def test_lower_level_gives_narrower_intervals():
    wide = estimate_population(load("Western"), n_bootstrap=150, seed=4, jobs=1, level=0.95)
    narrow = estimate_population(load("Western"), n_bootstrap=150, seed=4, jobs=1, level=0.8)
    assert narrow.conditional.total_low > wide.conditional.total_low
    assert narrow.conditional.total_high < wide.conditional.total_high
    assert narrow.bca_total[0] >= wide.bca_total[0]
    assert narrow.bca_total[1] <= wide.bca_total[1]


def test_without_a_seed_one_is_drawn_and_recorded():
    first = estimate_population(load("Artificial_3"), n_bootstrap=100, jobs=1)
    again = estimate_population(
        load("Artificial_3"), n_bootstrap=100, jobs=1, seed=first.bootstrap.seed
    )
    assert list(first.bootstrap.estimates) == list(again.bootstrap.estimates)
