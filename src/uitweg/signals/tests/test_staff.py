"""Row-level access, access logging and the staff pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.audit.models import AccessLogEntry
from uitweg.audit.testing import assert_one_access_entry
from uitweg.signals.models import Signal
from uitweg.signals.tests.factories import care_org, coordinator, intake_officer, make_signal
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_intake_officers_only_see_signals_routed_to_their_organisation(client):
    mine, theirs = care_org(), care_org()
    own = make_signal(mine)
    other = make_signal(theirs)
    officer = intake_officer(mine)
    assert list(Signal.objects.visible_to(officer)) == [own]
    force_login_with_mfa(client, officer)
    page = client.get("/staff/signals/").content.decode()
    assert own.reference in page and other.reference not in page
    assert client.get(own.get_absolute_url()).status_code == 200
    with assert_one_access_entry("view", object_type="signals.signal", outcome="denied"):
        assert client.get(other.get_absolute_url()).status_code == 404
    assert client.post(f"{other.get_absolute_url()}close/",
                       {"close-reason": "duplicate"}).status_code == 404
    other.refresh_from_db()
    assert other.status == "received"


def test_reported_by_my_organisation_but_routed_elsewhere_is_not_visible():
    police = OrganisationFactory(kind=OrganisationKind.POLICE)
    reporter = UserFactory(organisation=police, roles=[Role.INTAKE_OFFICER])
    from uitweg.signals import services
    from uitweg.signals.services import SignalData

    care_org()
    signal = services.submit_professional_signal(by=reporter,
                                                 data=SignalData(description="x"))
    assert signal.responsible_organisation != police
    assert not Signal.objects.visible_to(reporter).exists()


@pytest.mark.parametrize("roles", [[Role.CASE_WORKER], [Role.ANALYST],
                                   [Role.FUNCTIONAL_ADMIN], [Role.CHAT_COUNSELLOR], []])
def test_other_roles_see_no_signals(client, roles):
    org = care_org()
    make_signal(org)
    user = UserFactory(organisation=org, roles=roles)
    assert not Signal.objects.visible_to(user).exists()
    force_login_with_mfa(client, user)
    assert client.get("/staff/signals/").status_code == 403


def test_anonymous_and_no_mfa_are_refused():
    from django.test import Client

    signal = make_signal()
    anonymous = Client()
    assert anonymous.get("/staff/signals/").status_code == 302
    assert anonymous.get(signal.get_absolute_url()).status_code == 302
    no_mfa = UserFactory(organisation=signal.responsible_organisation,
                         roles=[Role.INTAKE_OFFICER], mfa=False)
    client = Client()
    client.force_login(no_mfa)
    response = client.get(signal.get_absolute_url())
    assert response.status_code == 302 and "mfa" in response["Location"]


def test_list_and_detail_write_one_access_entry_each(client):
    org = care_org()
    signals = [make_signal(org) for _ in range(3)]
    force_login_with_mfa(client, intake_officer(org))
    with assert_one_access_entry("search", object_type="signals.signal") as log:
        client.get("/staff/signals/")
    assert sorted(log.entries[0].object_ids) == sorted(str(s.pk) for s in signals)
    with assert_one_access_entry("view", object_type="signals.signal") as log:
        client.get(signals[0].get_absolute_url())
    assert log.entries[0].object_label == signals[0].reference
    with assert_one_access_entry("search", object_type="signals.signal"):
        client.get("/staff/signals/recurring/")


def test_list_query_count_does_not_grow_with_rows(client):
    org = care_org()
    make_signal(org)
    force_login_with_mfa(client, intake_officer(org))
    client.get("/staff/signals/")
    with CaptureQueriesContext(connection) as few:
        client.get("/staff/signals/")
    for _ in range(10):
        make_signal(org)
    with CaptureQueriesContext(connection) as many:
        client.get("/staff/signals/")
    assert len(many) == len(few)


def test_signal_page_explains_the_priority(client):
    signal = make_signal(minor=True, indicators=["retention_of_documents"])
    assert signal.priority == "high"
    force_login_with_mfa(client, intake_officer(signal.responsible_organisation))
    page = client.get(signal.get_absolute_url()).content.decode()
    assert "minor involved, documents retained" in page or \
        "minderjarige betrokken, documenten ingehouden" in page


def test_triage_assign_start_close_through_the_page(client):
    signal = make_signal(indicators=["deception"])
    officer = intake_officer(signal.responsible_organisation)
    force_login_with_mfa(client, officer)
    url = signal.get_absolute_url()
    client.post(f"{url}triage/", {"triage-forms_seen": ["sexual"],
                                  "triage-indicators": ["physical_sexual_violence"],
                                  "triage-minor": "yes", "triage-note": "spoke to school"})
    signal.refresh_from_db()
    assert (signal.status, signal.priority, signal.minor_involved) == ("triaged", "urgent",
                                                                       True)
    client.post(f"{url}assign/", {"assign-assignee": officer.pk})
    client.post(f"{url}start/")
    client.post(f"{url}close/", {"close-reason": "forwarded", "close-note": "to police"})
    signal.refresh_from_db()
    assert (signal.status, signal.closure_reason) == ("closed", "forwarded")
    assert signal.assigned_to == officer


def test_a_step_out_of_order_shows_a_message_and_changes_nothing(client):
    signal = make_signal()
    force_login_with_mfa(client, intake_officer(signal.responsible_organisation))
    response = client.post(f"{signal.get_absolute_url()}start/", follow=True)
    assert response.status_code == 200
    signal.refresh_from_db()
    assert signal.status == "received"


def test_coordinator_converts_a_signal_to_a_case_with_the_person(client):
    from datetime import date

    from uitweg.cases.models import Case
    from uitweg.signals.services import PersonData

    org = care_org()
    signal = make_signal(org, forms=["labour"], phone_numbers=["0655555555"],
                         persons=[PersonData(full_name="Ioana Popescu",
                                             date_of_birth=date(2001, 1, 2),
                                             phone_numbers=["0655555555"],
                                             nationality="RO")])
    boss = coordinator(org)
    force_login_with_mfa(client, boss)
    person = signal.persons.get()
    client.post(f"{signal.get_absolute_url()}convert/", {"person": person.pk})
    signal.refresh_from_db()
    assert (signal.status, signal.closure_reason) == ("closed", "converted_to_case")
    case = Case.objects.get()
    assert case.person.full_name == "Ioana Popescu"
    assert case.person.date_of_birth == date(2001, 1, 2)
    assert case.source_reference == signal.reference
    assert signal.case_links.get().case == case
    # A later signal about the same person now matches the case for the coordinator.
    later = make_signal(org, phone_numbers=["06 5555 5555"])
    from uitweg.signals.queries import candidates_for

    found = candidates_for(later, boss)
    assert ("case", case.pk) in [(c.type, c.id) for c in found.items]
    # An intake officer cannot see case files: no case candidate, no count.
    officer_view = candidates_for(later, intake_officer(org))
    assert "case" not in [c.type for c in officer_view.items]
    assert officer_view.hidden is None


def test_professional_intake(client):
    org = care_org()
    police = OrganisationFactory(kind=OrganisationKind.POLICE)
    officer = UserFactory(organisation=police, roles=[Role.INTAKE_OFFICER])
    force_login_with_mfa(client, officer)
    assert client.get("/staff/signals/new/").status_code == 200
    data = {"description": "Van with workers", "minor": "no", "forms_seen": ["labour"],
            "businesses": "Schoonmaak Direct; 1234567", "person-TOTAL_FORMS": "2",
            "person-INITIAL_FORMS": "0", "person-0-role": "possible_victim",
            "person-0-full_name": "Piotr Nowak", "person-0-gender": "male",
            "person-1-role": "possible_victim", "person-1-gender": "unknown"}
    response = client.post("/staff/signals/new/", data)
    assert response.status_code == 200 and Signal.objects.count() == 0  # bad KvK
    data["businesses"] = "Schoonmaak Direct; 74123456"
    response = client.post("/staff/signals/new/", data)
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert signal.reporting_organisation == police and signal.responsible_organisation == org
    assert signal.persons.get().full_name == "Piotr Nowak"
    assert signal.identifiers.filter(kind="kvk").exists()


def test_dashboard_shows_urgent_signals_of_the_own_organisation_only(client):
    mine, theirs = care_org(), care_org()
    urgent = make_signal(mine, acute_danger=True)
    other = make_signal(theirs, acute_danger=True)
    make_signal(mine)
    force_login_with_mfa(client, intake_officer(mine))
    before = AccessLogEntry.objects.count()
    page = client.get("/staff/").content.decode()
    assert urgent.reference in page and other.reference not in page
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert f"signals.signal:{urgent.pk}" in entry.object_ids


def test_api_key_admin(client):
    org = OrganisationFactory(kind=OrganisationKind.POLICE)
    admin = UserFactory(roles=[Role.FUNCTIONAL_ADMIN])
    force_login_with_mfa(client, admin)
    response = client.post("/staff/signals/api-keys/", {
        "organisation": org.pk, "name": "BVH", "scopes": ["signals:write"]})
    page = response.content.decode()
    from uitweg.signals.models import ApiKey

    key = ApiKey.objects.get()
    assert f"uw_{key.prefix}_" in page
    assert key.hashed_key not in page
    client.post(f"/staff/signals/api-keys/{key.pk}/revoke/")
    key.refresh_from_db()
    assert not key.active
    force_login_with_mfa(client, coordinator())
    assert client.get("/staff/signals/api-keys/").status_code == 403
