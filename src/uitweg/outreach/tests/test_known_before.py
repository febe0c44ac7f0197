"""The "known before?" look-up (issue 12, item 3): the team's earlier contact, whatever the
written form; other teams' contacts never; signals and cases only as far as the user may see
them, a count for care coordinators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from uitweg.accounts.roles import Role
from uitweg.audit.testing import assert_one_access_entry
from uitweg.outreach import queries
from uitweg.outreach.identifiers import parse
from uitweg.signals.tests.factories import make_signal
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

from .factories import contact, lead, team_org, worker

pytestmark = pytest.mark.django_db


def test_the_team_sees_its_earlier_contact_in_any_written_form():
    org = team_org()
    me, colleague = worker(org), worker(org)
    earlier = contact(colleague, handle="@Bella_7", phone="06-12345678")
    for handle, phone in (("https://sexjobs.nl/profiel/bella_7", ""), ("", "+31 6 1234 5678"),
                          ("BELLA_7 ", "0031612345678")):
        result = queries.known_before(me, parse(handle=handle, phone=phone))
        assert [c.pk for c in result.contacts] == [earlier.pk]


def test_another_organisations_contact_is_not_known_and_not_hinted():
    contact(worker(), handle="@Bella_7")
    result = queries.known_before(lead(), parse(handle="@bella_7"))
    assert result.contacts == [] and result.hidden_elsewhere is None


def test_matches_in_signals_are_a_count_for_coordinators_only():
    make_signal(phone_numbers=["06-12345678"])
    outreach = UserFactory(organisation=team_org(), roles=[Role.OUTREACH_WORKER])
    both = UserFactory(organisation=team_org(),
                       roles=[Role.OUTREACH_WORKER, Role.CARE_COORDINATOR])
    found = parse(phone="+31 6 1234 5678")
    assert queries.known_before(outreach, found).hidden_elsewhere is None
    shown = queries.known_before(both, found)
    assert shown.hidden_elsewhere == 1 and shown.signals == []


def test_the_page_says_when_and_what_and_logs_one_search(client):
    org = team_org()
    me = worker(org)
    contact(worker(org), handle="@Mia", response="replied")
    force_login_with_mfa(client, me)
    with assert_one_access_entry("search", object_type="outreach.contact") as log:
        response = client.get(reverse("outreach:known_before"), {"handle": "instagram.com/mia"})
    assert "Contacted by your team on" in response.content.decode() or \
        "Door je team benaderd" in response.content.decode()
    assert len(log.entries[0].object_ids) == 1


def test_an_impossible_number_on_the_page_gives_the_reason_not_a_500(client):
    force_login_with_mfa(client, worker())
    response = client.get(reverse("outreach:known_before"), {"phone": "06-12"})
    assert response.status_code == 200
    assert "8" in response.content.decode()


def test_a_sweep_of_look_ups_is_stopped_by_the_one_rate_limiter(client, monkeypatch):
    from django.core.cache import cache

    cache.clear()
    monkeypatch.setattr(queries, "LOOKUP_LIMIT", 3)
    me = worker()
    force_login_with_mfa(client, me)
    for n in range(3):
        response = client.get(reverse("outreach:known_before"), {"phone": f"06-1234567{n}"})
        assert "try again" not in response.content.decode()
    response = client.get(reverse("outreach:known_before"), {"phone": "06-12345679"})
    assert response.status_code == 200
    assert "try again in" in response.content.decode() or "probeer het over" in \
        response.content.decode()
    cache.clear()
