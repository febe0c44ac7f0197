"""How a linked person gets its form of exploitation and gender, the estimates per group on a
synthetic population with known truth, and the suppression of the overlapping groups of forms.
No database."""

import random
from itertools import combinations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from uitweg.core.suppression import Hidden
from uitweg.monitoring import estimates, strata
from uitweg.monitoring.linkage.link import Linkage
from uitweg.monitoring.linkage.pipeline import link_synthetic
from uitweg.monitoring.linkage.synthetic import generate
from uitweg.monitoring.strata_suppression import suppress_overlapping


def test_the_platforms_codes_map_to_the_groups_of_the_estimate():
    assert strata.form_groups(["sexual", "organ_removal", "sexual"]) == ("other", "sexual")
    assert strata.form_groups([]) is None and strata.form_groups(None) is None
    assert strata.gender_group("female") == "female"
    assert strata.gender_group("transgender") == "other"
    assert strata.gender_group("non_binary") == "other"
    assert strata.gender_group("unknown") is None and strata.gender_group("") is None
    assert strata.gender_group("men") == "male"  # an outreach contact's target group


def test_a_person_is_in_the_group_of_every_form_any_registration_records():
    # persons: 0 (sexual by a, labour by b), 1 (sexual and criminal in one registration),
    # 2 (no form recorded), 3 (labour)
    linkage = Linkage(cluster=[0, 0, 1, 2, 3], sources=["a", "b", "a", "b", "b"])
    values = [("sexual",), ("labour",), ("criminal", "sexual"), None, ("labour",)]
    s = strata.stratify(linkage, ["a", "b"], "form", values)
    assert s.rule == "any"
    assert s.persons == {"sexual": 2, "labour": 2, "criminal": 1, "other": 0}
    assert s.multiple == 2  # persons 0 and 1: the groups overlap
    assert s.conflicting == 1  # person 0's registrations give different forms
    assert s.unknown == 1
    assert s.tables["labour"].list_totals == {"a": 1, "b": 2}
    assert s.tables["sexual"].observed == 2


def test_gender_follows_the_majority_of_the_registrations_and_a_tie_is_unknown():
    # person 0: female, female, male -> female; person 1: female, male -> unknown; 2: none
    linkage = Linkage(cluster=[0, 0, 0, 1, 1, 2], sources=["a", "b", "c", "a", "b", "c"])
    values = ["female", "female", "male", "female", "male", None]
    s = strata.stratify(linkage, ["a", "b", "c"], "gender", values)
    assert s.persons == {"female": 1, "male": 0, "other": 0}
    assert s.unknown == 2 and s.conflicting == 2 and s.multiple == 0


def test_a_list_that_records_the_variable_for_nobody_is_left_out_of_its_tables():
    # list c never records a form: a person only on c could never be in a group
    linkage = Linkage(cluster=[0, 0, 1, 2], sources=["a", "c", "b", "c"])
    values = [("sexual",), None, ("sexual",), None]
    s = strata.stratify(linkage, ["a", "b", "c"], "form", values)
    assert s.lists == ("a", "b") and s.left_out == ("c",)
    assert s.tables["sexual"].names == ("a", "b")
    assert s.persons["sexual"] == 2 and s.unknown == 1


def _synthetic_with_forms(size: int, seed: int):
    """A synthetic population whose people have forms and a gender; the last source records
    neither (like outreach), the others record both on every registration."""
    linked = link_synthetic(generate(size, seed=seed))
    rng = random.Random(seed)
    forms, genders = {}, {}
    for person in linked.synthetic.persons:
        first = rng.choices(["sexual", "labour", "criminal"], weights=[5, 3, 2])[0]
        forms[person.id] = {first} | ({"labour"} if rng.random() < 0.1 else set())
        genders[person.id] = rng.choices(["female", "male", "transgender"], [6, 3, 1])[0]
    silent = linked.synthetic.sources[-1]
    sources = [r.source for r in linked.synthetic.registrations]
    form_values = [None if s == silent else strata.form_groups(forms[t])
                   for s, t in zip(sources, linked.synthetic.truth, strict=True)]
    gender_values = [None if s == silent else strata.gender_group(genders[t])
                     for s, t in zip(sources, linked.synthetic.truth, strict=True)]
    return linked, forms, genders, form_values, gender_values


@pytest.mark.slow
def test_each_form_and_gender_is_estimated_near_its_true_size_on_a_synthetic_population(
        settings):
    settings.MONITORING_SUPPRESSION_THRESHOLD = 5
    linked, forms, genders, form_values, gender_values = _synthetic_with_forms(2000, 21)
    lists = linked.synthetic.sources
    by_form = strata.stratify(linked.linkage, lists, "form", form_values)
    by_gender = strata.stratify(linked.linkage, lists, "gender", gender_values)
    assert by_form.left_out == (lists[-1],) and by_form.multiple > 0
    result = {s.variable: estimates.estimate_stratum(s, n_boot=0, seed=1, progress=None)
              for s in (by_form, by_gender)}
    true_form = {f: sum(1 for v in forms.values() if f in v) for f in strata.VARIABLES["form"]}
    true_gender = {g: sum(1 for v in genders.values() if strata.gender_group(v) == g)
                   for g in strata.VARIABLES["gender"]}
    for variable, truth in (("form", true_form), ("gender", true_gender)):
        assert result[variable]["status"] == "done"
        assert result[variable]["lists"] == list(lists[:-1])
        for group in result[variable]["groups"]:
            if truth[group["group"]] == 0:  # nobody has it: too few, never an estimate of 0
                assert group["status"] == "too_few" and group["observed"] == 0
                continue
            assert group["status"] == "done", group
            estimate = group["estimate"]["total"]
            assert abs(estimate - truth[group["group"]]) < 0.2 * truth[group["group"]], group


# --- suppression of the overlapping groups of forms -------------------------------------------

T = 5
K = 4
SUBSETS = [frozenset(c) for n in range(K + 1) for c in combinations(range(K), n)]


def shown_values(counts):
    """groups, unknown, persons in more than one group, total — of a population given as the
    number of persons with each subset of forms."""
    groups = [sum(n for s, n in zip(SUBSETS, counts, strict=True) if i in s) for i in range(K)]
    unknown = counts[0]
    multiple = sum(n for s, n in zip(SUBSETS, counts, strict=True) if len(s) > 1)
    return groups, unknown, multiple, sum(counts)


def another_population_exists(cells, total, index, *, above):
    """An integer programme over populations (persons per subset of forms), written apart from
    the module: is there one that agrees with all that is shown and in which the hidden count
    ``index`` (groups…, unknown, multiple) is above (or below) its true value?"""
    n = len(SUBSETS)
    rows = [[1 if i in s else 0 for s in SUBSETS] for i in range(K)]
    rows.append([1 if not s else 0 for s in SUBSETS])
    rows.append([1 if len(s) > 1 else 0 for s in SUBSETS])
    lower, upper = [], []
    for k, cell in enumerate(cells):
        low, high = {Hidden.PRIMARY: (0, T - 1), Hidden.COMPLEMENTARY: (T, 10**6)}.get(
            cell.hidden, (cell.value, cell.value))
        if k == index:
            if above:
                low = max(low, cell.value + 1)
            else:
                high = min(high, cell.value - 1)
            if low > high:
                return False
        lower.append(low)
        upper.append(high)
    rows.append([1] * n)
    lower.append(total)
    upper.append(total)
    found = milp(np.zeros(n), integrality=np.ones(n), bounds=Bounds(0, 10**6),
                 constraints=LinearConstraint(np.array(rows), lower, upper))
    return found.status == 0


populations = st.lists(st.sampled_from([0, 0, 0, 1, 2, 3, 6, 15]), min_size=len(SUBSETS),
                       max_size=len(SUBSETS))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(populations)
def test_no_hidden_group_of_forms_can_be_worked_out(counts):
    groups, unknown, multiple, total = shown_values(counts)
    shown = suppress_overlapping(groups, unknown=unknown, multiple=multiple, total=total,
                                 threshold=T)
    cells = [*shown.groups, shown.unknown, shown.multiple]
    for k, cell in enumerate(cells):
        assert cell.value == [*groups, unknown, multiple][k]
        if cell.value < T:
            assert cell.hidden is Hidden.PRIMARY and cell.label(T) == "<5"
        if shown.withheld or not cell.hidden:
            continue
        assert another_population_exists(cells, total, k, above=True) or \
            another_population_exists(cells, total, k, above=False), \
            f"count {k} of {counts} can be worked out from what is shown"


def test_persons_in_more_than_one_group_are_hidden_when_they_would_give_the_unknown_away():
    # 21 persons, every one with two forms: "21 in more than one group" of 21 in view would
    # show that no one is unknown (a small count, hidden as "<5")
    counts = [0] * len(SUBSETS)
    counts[SUBSETS.index(frozenset({0, 1}))] = 15
    counts[SUBSETS.index(frozenset({2, 3}))] = 6
    groups, unknown, multiple, total = shown_values(counts)
    assert (unknown, multiple, total) == (0, 21, 21)
    shown = suppress_overlapping(groups, unknown=unknown, multiple=multiple, total=total,
                                 threshold=T)
    assert shown.unknown.label(T) == "<5"
    assert shown.multiple.label(T) == "•"
    assert [c.label(T) for c in shown.groups] == ["15", "15", "6", "6"]  # the groups stay
    cells = [*shown.groups, shown.unknown, shown.multiple]
    assert another_population_exists(cells, total, K, above=True)
