"""The staff pages: forms, messages, exports, reports, dashboard, query counts."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from uitweg.audit.models import AccessLogEntry
from uitweg.audit.testing import assert_one_access_entry
from uitweg.cases import services
from uitweg.cases.models import BreakGlassAccess, Case, CaseState, Person
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import PASSWORD

from .factories import PERSON, case_worker, coordinator, make_case, mark_reauthenticated

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(client):
    user = coordinator()
    force_login_with_mfa(client, user)
    return user


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_page_size(client, boss, settings):
    for i in range(12):
        make_case(by=boss, forms=["sexual" if i % 2 else "labour"])
    settings.CASES_PAGE_SIZE = 3
    small = queries_for(client, reverse("cases:list"))
    settings.CASES_PAGE_SIZE = 12
    large = queries_for(client, reverse("cases:list"))
    assert small == large


def test_list_filters_and_logs_one_search_entry_without_names(client, boss):
    labour = make_case(by=boss, forms=["labour"])
    make_case(by=boss, forms=["sexual"])
    with assert_one_access_entry("search", object_type="cases.case") as log:
        response = client.get(reverse("cases:list"), {"form": "labour"})
    assert log.entries[0].object_ids == [str(labour.pk)]
    assert labour.number.encode() in response.content
    assert b"Ana" not in response.content


def test_detail_query_count_does_not_grow_with_content(client, boss):
    case = make_case(by=boss)
    first = queries_for(client, case.get_absolute_url())
    need = services.add_need(by=boss, case=case, domain="medical", description="GP")
    for i in range(4):
        services.add_note(by=boss, case=case, text=f"note {i}")
        services.add_action(by=boss, need=need, description=f"a{i}",
                            responsible_organisation=boss.organisation,
                            due_date=date(2026, 1, 1), confirmed=True)
    assert queries_for(client, case.get_absolute_url()) <= first + 2  # + needs/actions tables


def test_open_case_through_the_form(client, boss):
    data = {"full_name": "Maria Demo", "gender": "female", "nationality": "pl",
            "forms": ["labour"], "indicators": ["debt_bondage"],
            "first_signal_date": "2026-01-10", "phone_numbers": "06-1\n06-2"}
    bad = client.post(reverse("cases:open"), {**data, "date_of_birth": "2099-01-01"})
    assert bad.status_code == 200 and "date_of_birth" in bad.context["form"].errors
    assert not Case.objects.exists()
    response = client.post(reverse("cases:open"), {**data, "date_of_birth": "1990-05-05"})
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert case.person.phone_numbers == ["06-1", "06-2"] and case.person.nationality == "PL"


def test_stale_form_shows_what_changed_meanwhile(client, boss):
    case = make_case(by=boss)
    url = reverse("cases:person_edit", kwargs={"pk": case.pk})
    client.get(url)
    services.update_person(by=boss, case=case, expected_version=1,
                           values={**PERSON, "addresses": ["Elders 2"]})
    response = client.post(url, {**PERSON, "date_of_birth": "1999-03-14", "version": 1,
                                 "full_name": "Changed name", "languages": "ro"})
    assert response.status_code == 200
    assert response.context["changes"][0].fields == ["addresses"]
    assert Person.objects.get(pk=case.person_id).full_name == "Ana Testescu"


def test_invalid_transition_and_closed_case_messages(client, boss):
    case = make_case(by=boss)
    url = reverse("cases:transition", kwargs={"pk": case.pk})
    response = client.post(url, {"target": "closed", "version": 1})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    client.post(url, {"target": "closed", "closure_reason": "no_contact", "version": 1})
    assert Case.objects.get(pk=case.pk).state == CaseState.CLOSED
    response = client.post(reverse("cases:note_add", kwargs={"pk": case.pk}), {"text": "x"})
    assert response.status_code == 302 and not case.notes.exists()


def test_referral_form_refuses_without_legal_basis_and_unknown_organisation(client, boss):
    worker = case_worker()
    case = make_case(by=boss)
    services.add_member(by=boss, case=case, organisation=worker.organisation)
    url = reverse("cases:referral_add", kwargs={"pk": case.pk})
    response = client.post(url, {"to_organisation": worker.organisation.pk, "purpose": "x",
                                 "data_categories": ["identity"]})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    response = client.post(url, {"to_organisation": 999999, "purpose": "x"})
    assert response.status_code == 200 and "to_organisation" in response.context["form"].errors
    assert not case.referrals.exists()


def test_export_needs_reauthentication_and_writes_one_entry(client, boss):
    case = make_case(by=boss)
    services.update_case_details(by=boss, case=case, expected_version=1,
                                 values={"registration_basis": True})
    make_case(by=boss)  # no legal basis: not exported
    url = reverse("cases:export")
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302 and "reauthenticate" in response.url
    mark_reauthenticated(client, boss)
    with assert_one_access_entry("export", object_type="cases.case") as log:
        response = client.post(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["case_number"] for r in rows] == [case.number]
    assert rows[0]["age_group"] == "adult" and rows[0]["file_type"] == "registration"
    assert "Ana" not in response.content.decode()
    assert log.entries[0].object_ids == [str(case.pk)]


def test_subject_access_report_html_and_pdf(client, boss):
    case = make_case(by=boss)
    client.get(case.get_absolute_url())
    with assert_one_access_entry("view", object_type="cases.case"):
        response = client.get(reverse("cases:subject_access", kwargs={"pk": case.pk}))
    assert b"Ana Testescu" in response.content
    assert len(response.context["entries"]) >= 2  # the creation and the detail view
    with assert_one_access_entry("print", object_type="cases.case"):
        response = client.get(reverse("cases:subject_access_pdf", kwargs={"pk": case.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_break_glass_flow_and_coordinator_notice(client, boss):
    case = make_case(by=boss)
    stranger = case_worker()
    force_login_with_mfa(client, stranger)
    url = reverse("cases:break_glass")
    response = client.post(url, {"number": case.number, "reason": "Danger tonight, urgent"})
    assert response.status_code == 200 and "credential" in response.context["form"].errors
    assert not BreakGlassAccess.objects.exists()
    response = client.post(url, {"number": "ZM-1999-0001", "reason": "Danger tonight",
                                 "credential": PASSWORD})
    assert response.status_code == 302
    failed = AccessLogEntry.objects.order_by("-seq").first()
    assert (failed.action, failed.outcome, failed.object_id) == ("break_glass", "denied",
                                                               "ZM-1999-0001")
    response = client.post(url, {"number": case.number.lower(),
                                 "reason": "Danger tonight, urgent", "credential": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("cases:list") + f"?number={case.number}"
    assert client.get(response.url).context["page"].object_list[0] == case
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200 and response.context["break_glass"]
    assert AccessLogEntry.objects.order_by("-seq").first().break_glass
    force_login_with_mfa(client, boss)
    dashboard = client.get(reverse("dashboard"))
    assert "Danger tonight, urgent" in dashboard.content.decode()
    access = BreakGlassAccess.objects.get()
    client.post(reverse("cases:break_glass_seen", kwargs={"access_pk": access.pk}))
    access.refresh_from_db()
    assert access.acknowledged_at is not None


def test_dashboard_shows_overdue_actions_and_deadlines(client, boss):
    case = make_case(by=boss)
    need = services.add_need(by=boss, case=case, domain="medical", description="GP")
    services.add_action(by=boss, need=need, description="Call GP",
                        responsible_organisation=boss.organisation,
                        due_date=timezone.localdate() - timedelta(days=4))
    start = timezone.localdate() - timedelta(days=85)
    services.update_clocks(by=boss, case=case, expected_version=1, values={
        **dict.fromkeys(services.CLOCK_FIELDS), "reflection_start": start})
    other = make_case(by=coordinator())  # another coordinator's case: never shown
    services.add_need(by=other.coordinating_organisation.staff.first(), case=other,
                      domain="medical", description="x")
    response = client.get(reverse("dashboard"))
    html = response.content.decode()
    assert case.number in html and other.number not in html
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert f"cases.case:{case.pk}" in entry.object_ids


def test_meeting_pages(client, boss):
    case = make_case(by=boss)
    response = client.post(reverse("cases:meeting_new"), {
        "title": "MDO", "scheduled_for": (timezone.localtime() + timedelta(days=1))
        .strftime("%Y-%m-%dT%H:%M")})
    assert response.status_code == 302
    meeting_url = response.url
    from uitweg.cases.models import Meeting
    meeting = Meeting.objects.get()
    client.post(reverse("cases:agenda_add", kwargs={"pk": case.pk}), {"meeting": meeting.pk})
    item = meeting.items.get()
    with assert_one_access_entry("view", object_type="cases.meeting"):
        response = client.get(meeting_url)
    assert case.number.encode() in response.content
    url = reverse("cases:decision_add", kwargs={"meeting_pk": meeting.pk, "item_pk": item.pk})
    assert client.get(url).status_code == 200
    client.post(url, {"text": "Start a safety plan"})
    assert item.decisions.count() == 1
    outsider = case_worker()
    force_login_with_mfa(client, outsider)
    assert client.get(meeting_url).status_code == 404
    assert client.get(url).status_code == 404
