"""A named contact per organisation on the team (issue 10.10): set through
``contacts.set_contact`` with permission, version, history and audit checks."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.cases import contacts, services
from uitweg.cases.models import CaseEvent, CaseMembership
from uitweg.core.refusals import Refused
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

from .factories import case_worker, coordinator, make_case, partner_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    boss = coordinator()
    shelter, police = partner_org(name="Opvang De Haven"), partner_org(name="Politie")
    worker = case_worker(organisation=shelter, first_name="Eva", last_name="Jansen")
    officer = case_worker(organisation=police)
    case = make_case(by=boss)
    services.add_member(by=boss, case=case, organisation=shelter)
    services.add_member(by=boss, case=case, organisation=police)
    membership = CaseMembership.objects.get(case=case, organisation=shelter)
    return boss, worker, officer, case, membership


def test_a_partner_names_its_own_contact_with_history_and_audit(team):
    boss, worker, _officer, case, membership = team
    before = AccessLogEntry.objects.count()
    saved = contacts.set_contact(by=worker, membership=membership, contact=worker,
                                 expected_version=membership.version)
    assert CaseMembership.objects.get(pk=membership.pk).contact == worker
    assert saved.version == membership.version + 1
    event = CaseEvent.objects.filter(case=case).order_by("-id").first()
    assert event.summary == "Contact for Opvang De Haven: Eva Jansen"
    assert event.target == f"membership:{membership.pk}" and event.fields == ["contact"]
    assert AccessLogEntry.objects.count() == before + 1
    # the coordinating organisation, which keeps the team, may change it too
    colleague = case_worker(organisation=worker.organisation)
    contacts.set_contact(by=boss, membership=saved, contact=colleague,
                         expected_version=saved.version)
    assert CaseMembership.objects.get(pk=membership.pk).contact == colleague


def test_refusals_write_nothing(team):
    boss, worker, officer, case, membership = team
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(Refused):  # another partner on the team
        contacts.set_contact(by=officer, membership=membership, contact=worker,
                             expected_version=membership.version)
    with pytest.raises(services.CaseError, match="staff member of Opvang De Haven"):
        contacts.set_contact(by=worker, membership=membership, contact=officer,
                             expected_version=membership.version)
    reader = UserFactory(organisation=worker.organisation, roles=[Role.ANALYST])
    with pytest.raises(services.CaseError):  # no case role: not a candidate
        contacts.set_contact(by=worker, membership=membership, contact=reader,
                             expected_version=membership.version)
    with pytest.raises(services.StaleEdit):
        contacts.set_contact(by=worker, membership=membership, contact=worker,
                             expected_version=membership.version + 1)
    with pytest.raises(services.VersionMissing):
        contacts.set_contact(by=worker, membership=membership, contact=worker,
                             expected_version=None)
    coordinating = CaseMembership.objects.get(case=case, role="coordinating")
    with pytest.raises(services.CaseError, match="case owner"):
        contacts.set_contact(by=boss, membership=coordinating, contact=boss,
                             expected_version=coordinating.version)
    services.end_membership(by=boss, membership=membership)
    with pytest.raises(Refused):  # no longer on the team
        contacts.set_contact(by=worker, membership=membership, contact=worker,
                             expected_version=membership.version)
    assert CaseMembership.objects.get(pk=membership.pk).contact is None
    assert CaseEvent.objects.filter(case=case).count() == events + 1  # only "left the team"


def test_the_case_file_shows_each_contact_and_offers_the_form(team):
    _boss, worker, officer, case, membership = team
    client = force_login_with_mfa(Client(), worker)
    detail = client.get(case.get_absolute_url()).content.decode()
    url = reverse("cases:member_contact", args=[case.pk, membership.pk])
    assert url in detail
    police = CaseMembership.objects.get(case=case, organisation=officer.organisation)
    assert reverse("cases:member_contact", args=[case.pk, police.pk]) not in detail
    assert client.get(url).status_code == 200
    response = client.post(url, {"contact": worker.pk, "version": membership.version})
    assert response.status_code == 302
    assert "Eva Jansen" in client.get(case.get_absolute_url()).content.decode()
    # the police officer sees the name but is not offered the form for the shelter
    other = force_login_with_mfa(Client(), officer)
    page = other.get(case.get_absolute_url()).content.decode()
    assert "Eva Jansen" in page and url not in page
    assert other.post(url, {"contact": "", "version": membership.version + 1}
                      ).status_code == 403
    assert CaseMembership.objects.get(pk=membership.pk).contact == worker
