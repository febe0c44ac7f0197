"""Optimistic locking cannot be skipped (issue 9, finding 11).

A save that does not say which version the user saw could silently overwrite a colleague's
change, so the services refuse it (``VersionMissing``) — not only the forms. Referral decisions
carry a version too.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from uitweg.cases import services
from uitweg.cases.models import Case, CaseEvent, Person, Referral, ReferralStatus
from uitweg.cases.services import StaleEdit, VersionMissing
from uitweg.testing.clients import force_login_with_mfa

from .factories import PERSON, case_worker, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    boss, worker, case = make_team()
    need = services.add_need(by=boss, case=case, domain="medical", description="GP")
    action = services.add_action(by=boss, need=need, description="Call GP",
                                 responsible_organisation=boss.organisation,
                                 due_date=timezone.localdate())
    referral = services.send_referral(by=boss, case=case, to_organisation=worker.organisation,
                                      purpose="Shelter place")
    return boss, worker, case, action, referral


def state() -> tuple:
    return (list(Case.objects.values_list("state", "version", "forms", "reflection_start")),
            list(Person.objects.values_list("version", flat=True)),
            list(Referral.objects.values_list("status", "version")),
            CaseEvent.objects.count())


def test_every_versioned_service_refuses_a_save_without_the_version(team):
    boss, worker, case, action, referral = team
    calls = {
        "transition": lambda: services.transition(
            by=boss, case=case, target="assessment", expected_version=None),
        "update_person": lambda: services.update_person(
            by=boss, case=case, expected_version=None, values={**PERSON, "full_name": "X"}),
        "update_case_details": lambda: services.update_case_details(
            by=boss, case=case, expected_version=None, values={"forms": ["labour"]}),
        "update_clocks": lambda: services.update_clocks(
            by=boss, case=case, expected_version=None,
            values={**dict.fromkeys(services.CLOCK_FIELDS),
                    "reflection_start": timezone.localdate()}),
        "update_action": lambda: services.update_action(
            by=boss, action=action, expected_version=None, status="done",
            due_date=action.due_date),
        "decide_referral": lambda: services.decide_referral(
            by=worker, referral=referral, status=ReferralStatus.ACCEPTED,
            expected_version=None),
    }
    before = state()
    for name, call in calls.items():
        with pytest.raises(VersionMissing, match="out of date"):
            call()
        assert state() == before, f"{name} saved without a version"


def test_a_second_referral_decision_on_the_same_version_is_refused(team):
    _boss, worker, _case, _action, referral = team
    colleague = case_worker(worker.organisation)
    services.decide_referral(by=worker, referral=referral, status=ReferralStatus.ACCEPTED,
                             expected_version=1)
    with pytest.raises(StaleEdit) as exc:
        services.decide_referral(by=colleague, referral=referral,
                                 status=ReferralStatus.DECLINED, reason="No room",
                                 expected_version=1)
    assert [e.target for e in exc.value.changes] == [f"referral:{referral.pk}"]
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.ACCEPTED


def test_a_form_posted_without_the_version_is_refused_and_says_reload(client, team):
    boss, _worker, case, _action, _referral = team
    force_login_with_mfa(client, boss)
    url = reverse("cases:person_edit", kwargs={"pk": case.pk})
    data = {**PERSON, "date_of_birth": "1999-03-14", "languages": "ro",
            "full_name": "Overwritten"}
    response = client.post(url, data)  # no "version"
    assert response.status_code == 200
    assert any("laad de pagina opnieuw" in e for e in response.context["form"].non_field_errors())
    assert Person.objects.get(pk=case.person_id).full_name == "Ana Testescu"
    response = client.post(url, {**data, "version": 1})
    assert response.status_code == 302
    assert Person.objects.get(pk=case.person_id).full_name == "Overwritten"


def test_the_referral_decision_form_carries_the_version(client, team):
    _boss, worker, case, _action, referral = team
    force_login_with_mfa(client, worker)
    url = reverse("cases:referral_decide", kwargs={"pk": case.pk, "referral_pk": referral.pk})
    response = client.get(url)
    assert response.context["form"].initial["version"] == 1
    response = client.post(url, {"status": "accepted"})  # no version
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.PROPOSED
    response = client.post(url, {"status": "accepted", "version": 1})
    assert response.status_code == 302
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.ACCEPTED
