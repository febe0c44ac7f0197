"""From contact to help, the second route (issue 12.4): a referral to a care organisation with
consent, through the cases services. Only what the person agreed to travels; no consent, no
referral; another team's contact is not found; a form sent twice refers once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.audit.models import AccessLogEntry
from uitweg.audit.testing import assert_one_access_entry
from uitweg.cases import services as case_services
from uitweg.cases.models import Case, PersonIdentifier, Referral
from uitweg.core.refusals import Refused
from uitweg.outreach.help import refer_to_care
from uitweg.outreach.models import ContactFollowUp
from uitweg.signals.tests.factories import care_org
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

from .factories import contact, team_org, worker

pytestmark = pytest.mark.django_db

NOTE = "Zei mondeling ja tegen verwijzing naar de zorgcoördinator, in het gesprek van vandaag."


def refer(by, person, org, **overrides):
    values = {"by": by, "contact_id": person.pk, "to_organisation_id": org.pk,
              "purpose": "Wil stoppen en zoekt opvang.", "consent": True,
              "consent_note": NOTE, "forms": ["sexual"], "indicators": ["debt_bondage"]}
    values.update(overrides)
    return refer_to_care(**values)


def test_a_referral_opens_a_file_at_the_care_organisation_sharing_only_what_was_agreed():
    care = care_org()
    me = worker()
    person = contact(me, handle="@nadia", phone="06-12345678", languages=["es"])
    follow_up, created = refer(me, person, care)
    assert created
    referral = Referral.objects.get()
    case = referral.case
    assert (case.coordinating_organisation, referral.to_organisation) == (care, care)
    assert referral.from_organisation == me.organisation and referral.status == "proposed"
    assert referral.legal_basis == "consent" and referral.data_categories == ["case"]
    assert list(referral.consent.organisations.all()) == [care]
    assert case.forms == ["sexual"] and case.indicators == ["debt_bondage"]
    # identity was not agreed: no name, number or languages reach the file
    assert case.person.full_name == f"[outreach {person}]"
    assert case.person.phone_numbers == [] and case.person.languages == []
    assert not PersonIdentifier.objects.exists()
    assert NOTE in case.events.get(kind="consent").reason
    assert follow_up.reference == case.number and follow_up.to_organisation == care


def test_identity_travels_only_when_the_person_agreed_to_share_it():
    care = care_org()
    me = worker()
    person = contact(me, handle="@nadia", phone="06-12345678", languages=["es"])
    refer(me, person, care, share_identity=True, name_used="Nadia")
    case = Case.objects.get()
    assert case.person.full_name == "Nadia" and case.person.languages == ["es"]
    assert case.person.phone_numbers == ["+31612345678"]
    assert PersonIdentifier.objects.filter(person=case.person, kind="phone").exists()
    assert Referral.objects.get().data_categories == ["case", "identity"]


def test_the_cases_contract_refuses_identity_without_consent_to_share_it():
    care = care_org()
    me = worker()
    with pytest.raises(case_services.LegalBasisMissing):
        case_services.refer_from_outreach(
            by=me, to_organisation=care, purpose="Opvang", share_identity=False,
            consent_given_on=timezone.localdate(), consent_note=NOTE, forms=["sexual"],
            indicators=[], source_reference="outreach C-1", phone_numbers=["+31612345678"])
    assert not Case.objects.exists()


@pytest.mark.parametrize(("overrides", "field"), [
    ({"consent": False}, "consent"),
    ({"consent_note": "ja"}, "consent_note"),
    ({"forms": []}, "forms_seen"),
    ({"purpose": " "}, "purpose"),
    ({"share_identity": True, "name_used": ""}, "name_used"),
])
def test_bad_input_is_refused_with_the_reason_on_its_field_and_nothing_is_saved(overrides,
                                                                                field):
    care = care_org()
    me = worker()
    person = contact(me)
    with pytest.raises(ValidationError) as exc:
        refer(me, person, care, **overrides)
    assert field in exc.value.message_dict
    assert not Case.objects.exists() and not ContactFollowUp.objects.exists()


def test_only_care_organisations_receive_a_referral():
    police = OrganisationFactory(kind=OrganisationKind.POLICE)
    me = worker()
    with pytest.raises(ValidationError) as exc:
        refer(me, contact(me), police)
    assert "zorgorganisaties" in " ".join(exc.value.messages)  # Dutch, the default
    assert police not in case_services.referral_recipients()
    assert not Case.objects.exists()


def test_only_the_contacts_own_team_may_refer_it():
    care = care_org()
    person = contact(worker())
    with pytest.raises(Refused):
        refer(worker(), person, care)  # another organisation's outreach worker
    coordinator = UserFactory(organisation=care, roles=[Role.CARE_COORDINATOR])
    with pytest.raises(Refused):
        case_services.refer_from_outreach(
            by=coordinator, to_organisation=care, purpose="x", share_identity=False,
            consent_given_on=timezone.localdate(), consent_note=NOTE,
            forms=["sexual"], indicators=[], source_reference="outreach C-1")
    assert not Case.objects.exists()


def test_the_same_form_sent_twice_refers_once():
    care = care_org()
    me = worker()
    person = contact(me)
    first, created = refer(me, person, care, submission="key-1")
    again, created_again = refer(me, person, care, submission="key-1")
    assert created and not created_again and again.pk == first.pk
    assert Referral.objects.count() == 1 and Case.objects.count() == 1


def test_the_receiving_organisation_sees_the_file_and_may_answer_the_referral():
    care = care_org()
    me = worker()
    refer(me, contact(me), care)
    referral = Referral.objects.get()
    coordinator = UserFactory(organisation=care, roles=[Role.CARE_COORDINATOR])
    assert Case.objects.visible_to(coordinator).filter(pk=referral.case_id).exists()
    assert not Case.objects.visible_to(me).exists()
    assert "accepted" in case_services.referral_decisions(coordinator, referral, referral.case)
    case_services.decide_referral(by=coordinator, referral=referral, status="accepted",
                                  expected_version=1)


def test_the_write_is_in_the_access_log():
    care = care_org()
    me = worker()
    person = contact(me)
    before = AccessLogEntry.objects.count()
    refer(me, person, care)
    entries = list(AccessLogEntry.objects.order_by("seq")[before:])
    assert {(e.object_type, e.action) for e in entries} == {
        ("cases.case", "create"), ("outreach.contact", "update")}
    assert all(e.username == me.username for e in entries)


# --- the page ---------------------------------------------------------------------------------

def login(user):
    return force_login_with_mfa(Client(), user)


def form_data(org, **overrides):
    data = {"to_organisation": org.pk, "purpose": "Wil stoppen.", "forms_seen": ["sexual"],
            "consent_note": NOTE, "consent": "on", "submission": "page-key"}
    data.update(overrides)
    return data


def test_a_worker_refers_from_the_contact_page_and_sees_the_case_number_without_a_link():
    care = care_org()
    me = worker()
    person = contact(me)
    client = login(me)
    page = client.get(person.get_absolute_url()).content.decode()
    assert 'data-testid="referral-form"' in page and care.name in page
    url = reverse("outreach:contact_refer", args=[person.pk])
    response = client.post(url, form_data(care), follow=True)
    number = Case.objects.get().number
    page = response.content.decode()
    assert number in page and care.name in page
    assert reverse("cases:detail", kwargs={"pk": Case.objects.get().pk}) not in page
    client.post(url, form_data(care))  # the same form sent again
    assert Referral.objects.count() == 1


def test_without_consent_the_page_says_why_and_refers_nobody():
    care = care_org()
    me = worker()
    person = contact(me)
    response = login(me).post(reverse("outreach:contact_refer", args=[person.pk]),
                              form_data(care, consent=""))
    assert response.status_code == 400
    assert response.context["referral_form"].errors["consent"]  # shown next to the checkbox
    assert 'data-testid="referral-form"' in response.content.decode()
    assert not Referral.objects.exists()


def test_a_user_who_may_open_the_file_gets_a_link():
    shelter = team_org()
    both = UserFactory(organisation=shelter, roles=[Role.OUTREACH_WORKER, Role.CASE_WORKER])
    person = contact(both)
    refer(both, person, shelter)  # to the shelter's own care team, which coordinates the file
    case = Case.objects.get()
    page = login(both).get(person.get_absolute_url()).content.decode()
    assert f'href="{reverse("cases:detail", kwargs={"pk": case.pk})}"' in page


def test_another_teams_contact_is_not_found_without_a_hint():
    care = care_org()
    person = contact(worker(), handle="@hiddenhandle")
    client = login(worker())
    with assert_one_access_entry("update", outcome="denied"):
        response = client.post(reverse("outreach:contact_refer", args=[person.pk]),
                               form_data(care))
    assert response.status_code == 404
    assert b"hiddenhandle" not in response.content and str(person).encode() not in \
        response.content
    assert not Referral.objects.exists()


def test_the_contact_page_leads_the_worker_to_a_personal_chat_code():
    """Issue 12.6: a worker can hand a contact a code that opens the outreach chat with them."""
    me = worker()
    person = contact(me)
    client = login(me)
    page = client.get(person.get_absolute_url()).content.decode()
    invite_url = reverse("chat:invite")
    assert f'href="{invite_url}" data-testid="chat-invite-link"' in page
    made = client.post(invite_url, {"language": "es"})
    assert made.status_code == 200 and "#code=" in made.content.decode()
