"""Candidate matches on shared identifiers: only records the officer may see; hidden count for
coordinators only; link and dismiss."""

from datetime import date

import pytest

from uitweg.crypto.index import IdentifierKind, identifier_digest
from uitweg.signals import queries, services
from uitweg.signals.services import BusinessData, PersonData
from uitweg.signals.tests.factories import care_org, coordinator, intake_officer, make_signal
from uitweg.testing.clients import force_login_with_mfa

pytestmark = pytest.mark.django_db


def test_phone_numbers_match_across_notations():
    org = care_org()
    first = make_signal(org, phone_numbers=["06-1234 5678"])
    second = make_signal(org, phone_numbers=["+31612345678"])
    officer = intake_officer(org)
    found = queries.candidates_for(second, officer)
    assert [(c.type, c.id, c.kinds) for c in found.items] == [("signal", first.pk, ["phone"])]
    assert found.hidden is None  # not a coordinator


@pytest.mark.parametrize("first,second,kind", [
    ({"addresses": ["Hoefkade 12, Den Haag"]}, {"addresses": ["hoefkade 12 den haag"]},
     "address"),
    ({"businesses": [BusinessData(name="Wasstraat", kvk="12345678")]},
     {"businesses": [BusinessData(name="Other name", kvk="12345678")]}, "kvk"),
    ({"websites": ["https://www.example.org/ad/"]}, {"websites": ["example.org/ad"]},
     "website"),
    ({"persons": [PersonData(full_name="Anna Nowak", date_of_birth=date(1999, 2, 3))]},
     {"persons": [PersonData(full_name="anna  NOWAK", date_of_birth=date(1999, 2, 3))]},
     "person"),
])
def test_each_identifier_kind_matches(first, second, kind):
    org = care_org()
    a = make_signal(org, **first)
    b = make_signal(org, **second)
    found = queries.candidates_for(b, intake_officer(org))
    assert [(c.id, kind in c.kinds) for c in found.items] == [(a.pk, True)]


def test_same_name_other_birth_date_does_not_match():
    org = care_org()
    make_signal(org, persons=[PersonData(full_name="Anna Nowak", date_of_birth=date(1999, 2, 3))])
    b = make_signal(org, persons=[PersonData(full_name="Anna Nowak",
                                             date_of_birth=date(2000, 2, 3))])
    assert queries.candidates_for(b, intake_officer(org)).items == []


def test_candidates_never_include_invisible_signals_hidden_count_for_coordinator_only():
    mine, theirs = care_org(), care_org()
    hidden = make_signal(theirs, phone_numbers=["0611111111"])
    visible = make_signal(mine, phone_numbers=["0611111111"])
    current = make_signal(mine, phone_numbers=["0611111111"])
    officer_result = queries.candidates_for(current, intake_officer(mine))
    assert [c.id for c in officer_result.items] == [visible.pk]
    assert officer_result.hidden is None
    coord_result = queries.candidates_for(current, coordinator(mine))
    assert [c.id for c in coord_result.items] == [visible.pk]
    assert coord_result.hidden == 1
    assert hidden.pk not in [c.id for c in coord_result.items]


def test_the_signal_page_shows_hidden_count_to_coordinators_only(client):
    mine, theirs = care_org(), care_org()
    make_signal(theirs, phone_numbers=["0622222222"])
    current = make_signal(mine, phone_numbers=["0622222222"])
    force_login_with_mfa(client, intake_officer(mine))
    page = client.get(current.get_absolute_url()).content.decode()
    assert "hidden-matches" not in page
    force_login_with_mfa(client, coordinator(mine))
    page = client.get(current.get_absolute_url()).content.decode()
    assert 'data-testid="hidden-matches"' in page


def test_link_and_dismiss_through_the_page(client):
    org = care_org()
    a = make_signal(org, phone_numbers=["0633333333"])
    b = make_signal(org, phone_numbers=["0633333333"], addresses=["Laakkade 1"])
    c = make_signal(org, addresses=["Laakkade 1"])
    officer = intake_officer(org)
    force_login_with_mfa(client, officer)
    page = client.get(c.get_absolute_url()).content.decode()
    assert b.reference in page
    response = client.post(f"{c.get_absolute_url()}link/",
                           {"target_type": "signal", "target_id": b.pk})
    assert response.status_code == 302
    assert [s.pk for s in queries.linked_signals(c, officer)] == [b.pk]
    assert [s.pk for s in queries.linked_signals(b, officer)] == [c.pk]
    assert queries.candidates_for(c, officer).items == []
    client.post(f"{b.get_absolute_url()}dismiss/", {"target_type": "signal",
                                                     "target_id": a.pk})
    assert queries.candidates_for(b, officer).items == []


def test_linking_an_invisible_signal_is_refused(client):
    mine, theirs = care_org(), care_org()
    other = make_signal(theirs)
    current = make_signal(mine)
    officer = intake_officer(mine)
    force_login_with_mfa(client, officer)
    response = client.post(f"{current.get_absolute_url()}link/",
                           {"target_type": "signal", "target_id": other.pk})
    assert response.status_code == 404
    with pytest.raises(type(current).DoesNotExist):
        services.link_signals(by=officer, signal_id=current.pk, other_id=other.pk)


def test_digests_are_the_shared_ones():
    signal = make_signal(phone_numbers=["06 4444 4444"])
    row = signal.identifiers.get(kind="phone")
    assert row.digest == identifier_digest(IdentifierKind.PHONE, "+31644444444")
    assert row.value == "06 4444 4444"


def test_recurring_places_count_only_visible_signals(client):
    mine, theirs = care_org(), care_org()
    for _ in range(3):
        make_signal(mine, businesses=[BusinessData(name="Nagelstudio Glamour",
                                                   kvk="71234561")])
    make_signal(theirs, businesses=[BusinessData(name="Nagelstudio Glamour", kvk="71234561")])
    make_signal(mine, addresses=["Once street 1"])
    officer = intake_officer(mine)
    items = queries.recurring(officer)
    by_kind = {i.kind: i for i in items}
    assert by_kind["kvk"].count == 3
    assert by_kind["kvk"].value == "71234561"
    assert by_kind["business_name"].count == 3
    assert "address" not in by_kind  # once is not recurring
    force_login_with_mfa(client, officer)
    page = client.get("/staff/signals/recurring/").content.decode()
    assert "Nagelstudio Glamour" in page
