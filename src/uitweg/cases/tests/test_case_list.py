"""The navigable case file (issue 10.10): case list columns, default, sorting, saved filters,
the case owner and "my tasks"."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.cases import owner, saved_filters, services
from uitweg.cases.models import Case, CaseEvent, CaseState, SavedCaseFilter
from uitweg.core.refusals import Refused
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

from .factories import case_worker, coordinator, make_case, partner_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss():
    return coordinator(first_name="Sanne", last_name="de Boer")


def listed(client, **params) -> list[str]:
    response = client.get(reverse("cases:list"), params)
    assert response.status_code == 200
    return [c.number for c in response.context["page"].object_list]


def close(case, by):
    case = services.transition(by=by, case=case, target=CaseState.ASSESSMENT,
                               expected_version=case.version)
    case = Case.objects.get(pk=case.pk)
    services.transition(by=by, case=case, target=CaseState.CLOSED, expected_version=case.version,
                        closure_reason="no_contact", reason="Geen contact meer")


def test_default_is_the_open_cases_of_my_organisation(boss):
    open_case = make_case(by=boss)
    closed = make_case(by=boss)
    close(closed, boss)
    stranger = coordinator()
    theirs = make_case(by=stranger)
    services.break_glass(by=boss, case=theirs, reason="Acute risk, police on the phone")
    client = force_login_with_mfa(Client(), boss)
    assert listed(client) == [open_case.number]  # not closed, not break-glass
    assert set(listed(client, state="any")) == {open_case.number, Case.objects.get(
        pk=closed.pk).number}
    assert theirs.number in listed(client, scope="all", state="any")
    assert listed(client, number=theirs.number) == [theirs.number]  # a number finds it all


def test_columns_next_deadline_overdue_actions_and_last_activity(boss):
    today = timezone.localdate()
    calm, busy = make_case(by=boss), make_case(by=boss)
    shelter = partner_org()
    services.add_member(by=boss, case=busy, organisation=shelter)
    need = services.add_need(by=boss, case=busy, domain="shelter", description="Opvang")
    with freeze_time(today - timedelta(days=20)):
        for days in (5, 8):  # overdue by now
            services.add_action(by=boss, need=need, description="Intake",
                                responsible_organisation=shelter,
                                due_date=today - timedelta(days=20) + timedelta(days=days))
    services.add_action(by=boss, need=need, description="Later",
                        responsible_organisation=shelter, due_date=today + timedelta(days=9))
    client = force_login_with_mfa(Client(), boss)
    response = client.get(reverse("cases:list"), {"sort": "-overdue"})
    rows = list(response.context["page"].object_list)
    assert [c.number for c in rows] == [busy.number, calm.number]
    assert rows[0].overdue_actions == 2 and rows[1].overdue_actions == 0
    assert rows[0].next_deadline == today - timedelta(days=15)
    assert rows[1].next_deadline is None
    last = CaseEvent.objects.filter(case=busy).order_by("-at").first().at
    assert rows[0].last_activity == last
    assert listed(client, sort="deadline") == [busy.number, calm.number]  # none sorts last
    html = response.content.decode()
    assert 'aria-sort="descending"' in html


def test_sorting_by_activity_puts_the_quiet_case_first(boss):
    quiet = make_case(by=boss)
    lively = make_case(by=boss)
    services.add_note(by=boss, case=lively, text="Gebeld", sensitive=False)
    client = force_login_with_mfa(Client(), boss)
    assert listed(client, sort="activity") == [quiet.number, lively.number]
    assert listed(client, sort="-activity") == [lively.number, quiet.number]


def test_next_deadline_is_the_earliest_of_actions_and_legal_clocks(boss):
    today = timezone.localdate()
    legal_first, action_first, neither = make_case(by=boss), make_case(by=boss), make_case(
        by=boss)
    for case, due in ((legal_first, 20), (action_first, 5)):
        need = services.add_need(by=boss, case=case, domain="shelter", description="Opvang")
        services.add_action(by=boss, need=need, description="Intake",
                            responsible_organisation=boss.organisation,
                            due_date=today + timedelta(days=due))
    clocks = dict.fromkeys(services.CLOCK_FIELDS)
    # a reflection period ending in 10 days comes before the action due in 20
    services.update_clocks(by=boss, case=legal_first, expected_version=legal_first.version,
                           values={**clocks, "reflection_start": today - timedelta(days=70),
                                   "reflection_end": today + timedelta(days=10)})
    # a reflection period that has ended is no longer a next deadline
    services.update_clocks(by=boss, case=neither, expected_version=neither.version,
                           values={**clocks, "reflection_start": today - timedelta(days=200)})
    client = force_login_with_mfa(Client(), boss)
    response = client.get(reverse("cases:list"), {"sort": "deadline"})
    rows = {c.number: c for c in response.context["page"].object_list}
    assert [c.number for c in response.context["page"].object_list] == [
        action_first.number, legal_first.number, neither.number]
    assert rows[legal_first.number].next_deadline == today + timedelta(days=10)
    assert rows[action_first.number].next_deadline == today + timedelta(days=5)
    assert rows[neither.number].next_deadline is None
    assert rows[legal_first.number].deadline_label == "Einde bedenktijd"
    assert rows[action_first.number].deadline_label == ""
    assert "Einde bedenktijd" in response.content.decode()


def test_the_list_is_one_query_however_many_columns(boss, settings):
    for i in range(6):
        case = make_case(by=boss)
        need = services.add_need(by=boss, case=case, domain="shelter", description="x")
        services.add_action(by=boss, need=need, description="y",
                            responsible_organisation=boss.organisation,
                            due_date=timezone.localdate() + timedelta(days=3))
        services.update_clocks(by=boss, case=case, expected_version=case.version, values={
            **dict.fromkeys(services.CLOCK_FIELDS),
            "reflection_start": timezone.localdate() - timedelta(days=80 + i)})
    client = force_login_with_mfa(Client(), boss)

    def count(size):
        settings.CASES_PAGE_SIZE = size
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("cases:list"), {"sort": "deadline"})
        return len(ctx.captured_queries)

    assert count(2) == count(6)


def test_bad_sort_or_scope_is_ignored_not_a_500(boss):
    make_case(by=boss)
    client = force_login_with_mfa(Client(), boss)
    assert len(listed(client, sort="'; drop table", scope="everything")) == 1


# --- the case owner ------------------------------------------------------------------------

def test_owner_is_set_by_the_coordinating_organisation_with_history_and_audit(boss):
    case = make_case(by=boss)
    colleague = UserFactory(organisation=boss.organisation, roles=[Role.CASE_WORKER],
                            first_name="Ali", last_name="Yilmaz")
    before = AccessLogEntry.objects.count()
    case = owner.set_owner(by=boss, case=case, owner=colleague, expected_version=case.version)
    assert Case.objects.get(pk=case.pk).owner == colleague
    event = CaseEvent.objects.filter(case=case).order_by("-id").first()
    assert event.summary == "Case owner: Ali Yilmaz" and event.fields == ["owner"]
    assert AccessLogEntry.objects.count() == before + 1


def test_owner_refusals_write_nothing(boss):
    case = make_case(by=boss)
    shelter = partner_org()
    services.add_member(by=boss, case=case, organisation=shelter)
    case = Case.objects.get(pk=case.pk)
    worker = case_worker(organisation=shelter)
    outsider_of_coordination = UserFactory(organisation=shelter, roles=[Role.CASE_WORKER])
    with pytest.raises(Refused):
        owner.set_owner(by=worker, case=case, owner=worker, expected_version=case.version)
    with pytest.raises(services.CaseError, match="coordinating organisation"):
        owner.set_owner(by=boss, case=case, owner=outsider_of_coordination,
                        expected_version=case.version)
    with pytest.raises(services.StaleEdit):
        owner.set_owner(by=boss, case=case, owner=boss, expected_version=case.version - 1)
    assert Case.objects.get(pk=case.pk).owner is None


def test_owner_page_and_list_column_and_mine_scope(boss):
    case, other = make_case(by=boss), make_case(by=boss)
    client = force_login_with_mfa(Client(), boss)
    url = reverse("cases:owner", args=[case.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"owner": boss.pk, "version": Case.objects.get(
        pk=case.pk).version})
    assert response.status_code == 302
    assert listed(client, scope="mine") == [case.number]
    assert other.number not in listed(client, scope="mine")
    assert "Sanne de Boer" in client.get(reverse("cases:list")).content.decode()


# --- saved filters -------------------------------------------------------------------------

def test_saved_filters_are_per_user_and_validated(boss):
    saved = saved_filters.save_filter(by=boss, name="Jongeren-17",
                                      params={"age": "minor", "sort": "bogus", "page": "3"})
    assert saved.query == "age=minor"
    again = saved_filters.save_filter(by=boss, name="Jongeren-17", params={"age": "adult"})
    assert again.pk == saved.pk and again.query == "age=adult"
    other = coordinator(organisation=boss.organisation)
    with pytest.raises(services.CaseError):
        saved_filters.delete_filter(by=other, saved_id=saved.pk)
    with pytest.raises(services.CaseError, match="name"):
        saved_filters.save_filter(by=boss, name="  ", params={})
    client = force_login_with_mfa(Client(), other)
    assert b"Jongeren-17" not in client.get(reverse("cases:list")).content
    saved_filters.delete_filter(by=boss, saved_id=saved.pk)
    assert not SavedCaseFilter.objects.exists()


def test_save_filter_through_the_page(boss):
    client = force_login_with_mfa(Client(), boss)
    response = client.post(reverse("cases:filter_save"), {"name": "Mijn", "query": "scope=mine"})
    assert response.status_code == 302 and response.url.endswith("?scope=mine")
    assert b"Mijn" in client.get(reverse("cases:list")).content


# --- my tasks --------------------------------------------------------------------------------

def test_my_tasks_lists_my_overdue_actions_and_referrals_to_answer(boss):
    today = timezone.localdate()
    shelter = partner_org()
    worker = case_worker(organisation=shelter)
    case = make_case(by=boss)
    services.add_member(by=boss, case=case, organisation=shelter)
    need = services.add_need(by=boss, case=case, domain="shelter", description="Opvang")
    with freeze_time(today - timedelta(days=10)):
        services.add_action(by=boss, need=need, description="Bed regelen",
                            responsible_organisation=shelter,
                            due_date=today - timedelta(days=3))
    services.send_referral(by=boss, case=case, to_organisation=shelter, purpose="Opvang",
                           data_categories=[], legal_basis="")
    client = force_login_with_mfa(Client(), worker)
    before = AccessLogEntry.objects.order_by("-seq").first().seq
    response = client.get(reverse("my_tasks"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bed regelen" in html and case.number in html
    assert reverse("cases:referral_decide", args=[case.pk, case.referrals.get().pk]) in html
    entries = list(AccessLogEntry.objects.filter(seq__gt=before))
    assert len(entries) == 1 and f"cases.case:{case.pk}" in entries[0].object_ids
    # the coordinator has nothing overdue of their own organisation and no referral to answer
    boss_client = force_login_with_mfa(Client(), boss)
    assert "Bed regelen" not in boss_client.get(reverse("my_tasks")).content.decode()
