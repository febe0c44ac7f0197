"""Pages: visible only to the outreach team of the record's organisation, one access-log entry
per read, a denied entry per refusal, masked identifiers revealed only on request (item 8)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.audit.testing import assert_one_access_entry
from uitweg.outreach.models import Contact
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

from .factories import contact, lead, open_round, team_org, walk_world, worker

pytestmark = pytest.mark.django_db


def login(user):
    return force_login_with_mfa(Client(), user)


def test_every_page_reads_with_one_entry_for_the_team():
    org = team_org()
    ids = walk_world(org)
    client = login(lead(org))
    for name, kwargs, object_type in (
            ("outreach:worklist", {}, "outreach.contact"),
            ("outreach:round", {"round_pk": ids["round_pk"]}, "outreach.round"),
            ("outreach:contact", {"contact_pk": ids["contact_pk"]}, "outreach.contact")):
        action = "search" if not kwargs else "view"
        with assert_one_access_entry(action, object_type=object_type):
            assert client.get(reverse(name, kwargs=kwargs)).status_code == 200


@pytest.mark.parametrize("who", ["other_org_worker", "same_org_case_worker", "analyst"])
def test_others_get_not_found_with_one_denied_entry(who):
    org = team_org()
    ids = walk_world(org)
    user = {"other_org_worker": lambda: worker(),
            "same_org_case_worker": lambda: UserFactory(organisation=org,
                                                        roles=[Role.CASE_WORKER]),
            "analyst": lambda: UserFactory(organisation=org, roles=[Role.ANALYST])}[who]()
    client = login(user)
    for name, kwargs in (("outreach:round", {"round_pk": ids["round_pk"]}),
                         ("outreach:contact", {"contact_pk": ids["contact_pk"]})):
        with assert_one_access_entry("view", outcome="denied"):
            response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code in (403, 404)
        assert b"walk" not in response.content.lower()


def test_the_identifiers_are_masked_and_revealed_on_request_with_an_entry():
    me = worker()
    person = contact(me, handle="@SecretLisa", phone="06-12345678")
    client = login(me)
    page = client.get(person.get_absolute_url()).content.decode()
    assert "06-…78" in page and "12345678" not in page and "secretlisa" not in page
    with assert_one_access_entry("view", object_type="outreach.contact") as log:
        page = client.post(reverse("outreach:contact_reveal", args=[person.pk])).content.decode()
    assert "+31612345678" in page and "secretlisa" in page
    assert "reveal" in log.entries[0].purpose


def test_the_worklist_shows_due_follow_ups_and_the_lead_sees_the_team():
    org = team_org()
    me, boss = worker(org), lead(org)
    due = contact(me, handle="@due", next_follow_up=timezone.localdate())
    later = contact(me, handle="@later", response="replied",
                    next_follow_up=timezone.localdate() + timedelta(days=5))
    Contact.objects.filter(pk=later.pk).update(next_follow_up=timezone.localdate()
                                               - timedelta(days=2))  # overdue now
    page = login(me).get(reverse("outreach:worklist")).content.decode()
    assert str(due) in page and 'data-testid="per-worker"' not in page
    team_page = login(boss).get(reverse("outreach:worklist")).content.decode()
    assert 'data-testid="per-worker"' in team_page and str(later) in team_page


def test_a_worker_starts_a_round_logs_a_contact_and_closes_the_round():
    org = team_org()
    round_ = open_round(lead(org))  # a platform exists
    me = worker(org)
    client = login(me)
    response = client.post(reverse("outreach:round_start"), {
        "platform": round_.platform.pk, "target_group": "men", "region": "Den Haag"})
    mine = me.organisation and response.url
    response = client.post(mine + "contacts/", {"handle": "@Carlos", "target_group": "men",
                                                "response": "none"})
    assert response.status_code == 302
    response = client.post(mine + "contacts/", {"handle": "carlos", "target_group": "men",
                                                "response": "replied"})
    assert Contact.objects.count() == 1  # known before: added to the same contact
    response = client.post(mine + "close/", {"profiles_seen": 20, "profiles_contacted": 1})
    response = client.post(mine + "close/", {"profiles_seen": 20, "profiles_contacted": 1},
                           follow=True)
    assert "al afgesloten op" in response.content.decode()


def test_a_follow_up_in_the_past_on_the_page_is_a_message_not_a_500():
    me = worker()
    round_ = open_round(me)
    response = login(me).post(reverse("outreach:contact_add", args=[round_.pk]), {
        "handle": "@x", "target_group": "women", "response": "none",
        "next_follow_up": (timezone.localdate() - timedelta(days=1)).isoformat()})
    assert response.status_code == 400 and not Contact.objects.exists()


def test_templates_page_is_for_the_lead_only():
    org = team_org()
    assert login(worker(org)).get(reverse("outreach:templates")).status_code == 403
    assert login(lead(org)).get(reverse("outreach:templates")).status_code == 200
    assert AccessLogEntry.objects.filter(outcome="denied", reason__contains="role").exists() \
        or AccessLogEntry.objects.filter(outcome="denied").exists()


def test_the_worklist_and_look_up_cost_the_same_queries_for_3_or_15_contacts():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from uitweg.outreach import queries
    from uitweg.outreach.identifiers import parse

    org = team_org()
    boss = lead(org)
    round_ = open_round(boss)
    client = login(boss)
    counts = []
    for total in (3, 15):
        while Contact.objects.count() < total:
            n = Contact.objects.count()
            contact(boss, round_, handle=f"@p{n}", next_follow_up=timezone.localdate())
        with CaptureQueriesContext(connection) as worklist:
            assert client.get(reverse("outreach:worklist")).status_code == 200
        with CaptureQueriesContext(connection) as lookup:
            queries.known_before(boss, parse(handle="@p1", phone="06-12345678"))
        counts.append((len(worklist), len(lookup)))
    assert counts[0] == counts[1], counts


def test_the_dashboard_shows_the_workers_follow_ups_with_one_entry():
    me = worker()
    due = contact(me, handle="@dash", next_follow_up=timezone.localdate())
    client = login(me)
    with assert_one_access_entry("search") as log:
        page = client.get(reverse("dashboard")).content.decode()
    assert str(due) in page
    assert any(str(due.pk) in i for i in log.entries[0].object_ids)
