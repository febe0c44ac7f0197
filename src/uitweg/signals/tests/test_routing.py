"""Routing rules: pure choice, and the service that applies rules editable by the admin."""

import pytest

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.signals import routing, services
from uitweg.signals.services import SignalData
from uitweg.signals.tests.factories import care_org, rule
from uitweg.testing.factories import OrganisationFactory, UserFactory

R = routing.Rule


def facts(forms=(), minor=False, region="Haaglanden"):
    return routing.Facts(forms=frozenset(forms), minor=minor, region=region)


def test_first_matching_rule_by_order_wins():
    rules = [R("catch-all", 100), R("labour", 20, form="labour"), R("minor", 10, minor=True)]
    assert routing.choose(rules, facts(["labour"])).key == "labour"
    assert routing.choose(rules, facts(["labour"], minor=True)).key == "minor"
    assert routing.choose(rules, facts(["sexual"])).key == "catch-all"


def test_region_and_unknown_minor():
    rules = [R("rotterdam", 10, region="Rijnmond"), R("minor", 20, minor=True)]
    assert routing.choose(rules, facts(region="rijnmond")).key == "rotterdam"
    assert routing.choose(rules, facts(minor=None)) is None  # unknown is not "a minor"
    assert routing.choose(rules, facts(minor=True)).key == "minor"


def test_same_order_more_specific_first():
    rules = [R("general", 10), R("specific", 10, form="sexual", minor=True)]
    assert routing.choose(rules, facts(["sexual"], minor=True)).key == "specific"


@pytest.mark.django_db
def test_labour_goes_to_inspectorate_and_minors_to_youth_care():
    coordination = care_org()
    inspectorate = OrganisationFactory(kind=OrganisationKind.LABOUR_INSPECTORATE)
    youth = OrganisationFactory(kind=OrganisationKind.YOUTH_CARE)
    rule(youth, order=10, minor=True, team="Jeugd")
    rule(inspectorate, order=20, form="labour", team="Liaison")
    rule(coordination, order=100, team="Intake")
    labour, _ = services.submit_public_report(
        data=SignalData(description="x", forms=["labour"]), language="nl")
    child, _ = services.submit_public_report(
        data=SignalData(description="x", forms=["labour"], minor=True), language="nl")
    other, _ = services.submit_public_report(
        data=SignalData(description="x", forms=["sexual"]), language="nl")
    assert (labour.responsible_organisation, labour.team) == (inspectorate, "Liaison")
    assert (child.responsible_organisation, child.team) == (youth, "Jeugd")
    assert (other.responsible_organisation, other.team) == (coordination, "Intake")


@pytest.mark.django_db
def test_without_rules_the_regional_care_coordinator_handles_it():
    care_org(region="Elders")
    local = care_org(region="Haaglanden")
    signal, _ = services.submit_public_report(data=SignalData(description="x"), language="nl")
    assert signal.responsible_organisation == local


@pytest.mark.django_db
def test_triage_reroutes_when_a_minor_turns_out_to_be_involved():
    coordination = care_org()
    youth = OrganisationFactory(kind=OrganisationKind.YOUTH_CARE)
    rule(youth, order=10, minor=True)
    rule(coordination, order=100)
    signal, _ = services.submit_public_report(data=SignalData(description="x"), language="nl")
    officer = UserFactory(organisation=coordination, roles=[Role.INTAKE_OFFICER])
    services.triage_signal(by=officer, signal_id=signal.pk, forms=["sexual"], indicators=[],
                           minor=True, acute_danger=False)
    signal.refresh_from_db()
    assert signal.responsible_organisation == youth


@pytest.mark.django_db
def test_functional_admin_edits_rules_on_a_staff_page(client):
    from uitweg.signals.models import RoutingRule
    from uitweg.testing.clients import force_login_with_mfa

    target = care_org()
    admin = UserFactory(roles=[Role.FUNCTIONAL_ADMIN])
    force_login_with_mfa(client, admin)
    assert client.get("/staff/signals/rules/").status_code == 200
    response = client.post("/staff/signals/rules/", {
        "name": "Sexual → coordinator", "order": 5, "form": "sexual", "minor": "unknown",
        "region": "", "organisation": target.pk, "team": "Zeden", "active": "on"})
    assert response.status_code == 302
    created = RoutingRule.objects.get()
    assert (created.form, created.minor, created.team) == ("sexual", None, "Zeden")
    # Other roles may not.
    officer = UserFactory(roles=[Role.INTAKE_OFFICER])
    force_login_with_mfa(client, officer)
    assert client.get("/staff/signals/rules/").status_code == 403
    assert client.post(f"/staff/signals/rules/{created.pk}/delete/").status_code == 403
