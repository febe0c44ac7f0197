"""Estimates per group (age group; form and gender where the registrations record them): the
groups' tables, the task's results and the page — a group without an estimate says why, never
0, and its count is suppressed with the others."""

from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse

from uitweg.accounts.roles import Role
from uitweg.monitoring import estimates, strata
from uitweg.monitoring.linkage.link import Linkage
from uitweg.monitoring.models import EstimateRun, EstimateStatus
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

from .conftest import YEAR
from .test_estimate import IMMEDIATE, LISTS


def test_age_group_is_the_age_in_the_middle_of_the_year():
    assert strata.age_group(date(2007, 7, 1), 2025) == "adult"  # 18 on 1 July
    assert strata.age_group(date(2007, 7, 2), 2025) == "minor"
    assert strata.age_group(None, 2025) is None
    assert strata.age_group(date(2026, 1, 1), 2025) is None  # a wrong date: not known


def test_a_person_takes_the_group_its_registrations_agree_on():
    # five registrations: persons 0 (two, agreeing), 1 (two, disagreeing), 2 (no date)
    linkage = Linkage(cluster=[0, 0, 1, 1, 2], sources=["a", "b", "a", "b", "b"])
    values = ["minor", None, "minor", "adult", None]
    s = strata.stratify(linkage, ["a", "b"], "age", values)
    assert s.persons == {"minor": 1, "adult": 0}
    assert s.tables["minor"].observed == 1 and s.tables["minor"].list_totals == {"a": 1, "b": 1}
    assert s.unknown == 2 and s.conflicting == 1 and s.recorded
    assert not strata.stratify(linkage, ["a", "b"], "form", [None] * 5).recorded


@override_settings(TASKS=IMMEDIATE, MONITORING_ESTIMATE_LISTS=LISTS,
                   MONITORING_ESTIMATE_BOOTSTRAP=0)
@pytest.mark.django_db
def test_the_task_estimates_each_age_group_or_gives_the_reason(
        population, monkeypatch, django_capture_on_commit_callbacks, client):
    monkeypatch.setattr(strata, "MIN_PERSONS", 5)
    user = UserFactory(organisation=OrganisationFactory(), roles=[Role.ANALYST])
    with django_capture_on_commit_callbacks(execute=True):
        run, _ = estimates.start_estimate(by=user, year=YEAR)
    run.refresh_from_db()
    if run.status != EstimateStatus.DONE:
        pytest.skip(f"the overall estimate was refused: {run.message}")
    age = run.result["strata"]["age"]
    groups = {g["group"]: g for g in age["groups"]}
    assert groups["minor"] == {"group": "minor", "observed": 0, "status": "too_few",
                               "minimum": 5}  # no estimate, not an estimate of 0
    assert groups["adult"]["observed"] == 12  # everyone was born 1980-1991
    assert groups["adult"]["status"] in ("done", "refused")
    if groups["adult"]["status"] == "done":
        assert groups["adult"]["estimate"]["observed"] == 12
    else:
        assert groups["adult"]["message"]
    # the cases record their forms (all sexual exploitation) and gender (all female)
    forms = {g["group"]: g for g in run.result["strata"]["form"]["groups"]}
    assert forms["sexual"]["observed"] == 12
    assert forms["labour"] == {"group": "labour", "observed": 0, "status": "too_few",
                               "minimum": 5}
    genders = {g["group"]: g for g in run.result["strata"]["gender"]["groups"]}
    assert genders["female"]["observed"] == 12 and genders["male"]["status"] == "too_few"

    force_login_with_mfa(client, user)
    page = client.get(reverse("monitoring:estimate_run", args=[run.pk])).content.decode()
    assert 'data-testid="stratum-age"' in page
    section = page[page.index('data-testid="stratum-age"'):]
    section = section[:section.index("</section>")]
    assert "minder dan 5 personen" in section or "fewer than 5 persons" in section
    assert ">0<" not in section  # an empty group is "<5", never 0
    assert 'data-testid="stratum-form"' in page


@pytest.mark.django_db
def test_the_page_hides_a_small_overlap_and_a_group_count_that_would_give_it_away(client):
    result = {
        "linkage": {"lists": ["police", "care"], "rows": [[[1, 0], 40], [[0, 1], 30],
                                                          [[1, 1], 3]],
                    "per_list": {"police": 43, "care": 33}, "registrations": 76,
                    "persons": 73, "exact_links": 3, "near_links": 0},
        "estimate": {"observed": 73, "total": 470.0, "hidden": 397.0, "low": 200.0,
                     "high": 900.0, "level": 0.95, "lists": ["police", "care"], "model": "A:B",
                     "method": "stepwise", "threshold": 0.02, "check": "", "notes": [],
                     "resamples": 0, "seed": None,
                     "steps": [{"term": "police:care", "p_value": 0.001, "observed_overlap": 3,
                                "expected_overlap": 17.5}]},
        "strata": {"age": {"status": "done", "unknown": 6, "conflicting": 0, "groups": [
            {"group": "minor", "observed": 3, "status": "too_few", "minimum": 20},
            {"group": "adult", "observed": 64, "status": "refused", "message": "no model"}]}},
    }
    run = EstimateRun.objects.create(year=YEAR, status=EstimateStatus.DONE, result=result)
    force_login_with_mfa(client, UserFactory(organisation=OrganisationFactory(),
                                             roles=[Role.ANALYST]))
    page = client.get(reverse("monitoring:estimate_run", args=[run.pk])).content.decode()
    assert "— 3 mensen op beide" not in page and "— 3 people on both" not in page
    assert "&lt;5 mensen op beide" in page or "&lt;5 people on both" in page
    assert "&lt;5" in page and "•" in page
    table = page[page.index('data-testid="estimate-table"'):]
    assert ">3<" not in table[:table.index("</table>")]
    ages = page[page.index('data-testid="stratum-age"'):]
    ages = ages[:ages.index("</section>")]
    assert ">3<" not in ages and "&lt;5" in ages
    assert ">64<" not in ages or ">6<" not in ages  # 73 in view - 64 - 6 would give the 3
