"""Issue 9 finding 3: every refused read or change of a protected record writes ONE denied entry.

Written to fail on the code before the fix: coordinator-only pages answered 403 to partners
without an entry, role refusals wrote nothing, and a meeting decision of a case the user may not
see answered 404 without an entry (the lookup ran before the audited wrapper).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import path, reverse
from django.utils import timezone

from uitweg.accounts.models import User
from uitweg.accounts.permissions import role_required
from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry, Outcome
from uitweg.audit.testing import assert_one_access_entry
from uitweg.audit.views import audited, get_visible_or_404, log_view
from uitweg.cases import services
from uitweg.cases.tests.factories import case_worker, coordinator, make_case, partner_org
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_with_partner():
    boss = coordinator()
    case = make_case(by=boss)
    partner = partner_org()
    services.add_member(by=boss, case=case, organisation=partner)
    return case, boss, partner


def test_partner_on_a_coordinator_only_page_gets_403_and_one_denied_entry(client,
                                                                          case_with_partner):
    case, _boss, partner = case_with_partner
    worker = case_worker(partner)
    force_login_with_mfa(client, worker)
    url = reverse("cases:transition", kwargs={"pk": case.pk})
    with assert_one_access_entry("view", object_type="cases.case", outcome="denied") as log:
        response = client.get(url)
    assert response.status_code == 403
    entry = log.entries[0]
    assert entry.object_id == str(case.pk)
    assert entry.object_label == case.number  # the pseudonymous number, never a name
    assert entry.username == worker.username
    assert entry.access_point == url
    assert entry.reason


def test_a_refused_change_is_logged_as_a_denied_update(client, case_with_partner):
    case, _boss, partner = case_with_partner
    force_login_with_mfa(client, case_worker(partner))
    url = reverse("cases:transition", kwargs={"pk": case.pk})
    with assert_one_access_entry("update", object_type="cases.case", outcome="denied"):
        response = client.post(url, {"to_state": "closed"})
    assert response.status_code == 403


def test_a_role_refusal_writes_one_denied_entry_with_the_reason_role(client):
    analyst = UserFactory(roles=[Role.ANALYST])
    force_login_with_mfa(client, analyst)
    with assert_one_access_entry("view", outcome="denied") as log:
        response = client.get(reverse("cases:list"))
    assert response.status_code == 403
    entry = log.entries[0]
    assert entry.reason == "role"
    assert entry.object_type == "view:cases:list"  # no record yet: the function refused
    assert entry.role == Role.ANALYST
    assert entry.access_point == reverse("cases:list")


def test_a_role_refusal_of_a_function_view_names_the_view(client):
    force_login_with_mfa(client, UserFactory(roles=[Role.CHAT_COUNSELLOR]))
    with assert_one_access_entry("view", outcome="denied") as log:
        response = client.get(reverse("signals:list"))
    assert response.status_code == 403
    assert log.entries[0].reason == "role"
    assert log.entries[0].object_type  # never empty: the model or the view's name


def test_a_role_refusal_outside_the_audited_wrapper_is_logged_once(client):
    """Chat views put ``role_required`` outside ``audited``: still exactly one entry."""
    force_login_with_mfa(client, UserFactory(roles=[Role.CASE_WORKER]))
    with assert_one_access_entry("view", outcome="denied") as log:
        response = client.get(reverse("chat:overview"))
    assert response.status_code == 403
    assert log.entries[0].reason == "role"


def test_a_meeting_decision_of_an_invisible_case_is_404_with_one_denied_entry(client):
    boss = coordinator()
    case = make_case(by=boss)
    meeting = services.schedule_meeting(by=boss, title="MDO",
                                        scheduled_for=timezone.now() + timedelta(days=1))
    item = services.put_on_agenda(by=boss, meeting=meeting, case=case)
    outsider = case_worker()
    force_login_with_mfa(client, outsider)
    url = reverse("cases:decision_add", kwargs={"meeting_pk": meeting.pk, "item_pk": item.pk})
    with assert_one_access_entry("view", outcome="denied") as log:
        response = client.get(url)
    assert response.status_code == 404
    assert log.entries[0].reason == "not_visible"
    assert log.entries[0].access_point == url
    missing = reverse("cases:decision_add", kwargs={"meeting_pk": meeting.pk,
                                                    "item_pk": item.pk + 1000})
    with assert_one_access_entry("view", outcome="denied"):
        other = client.get(missing)
    assert other.status_code == 404
    assert other.content == response.content  # never says whether the item exists


def test_a_denied_entry_survives_the_rollback_of_the_refused_request(client,
                                                                     case_with_partner):
    """The refusal is written in its own transaction after the view's work was rolled back."""
    case, _boss, partner = case_with_partner
    force_login_with_mfa(client, case_worker(partner))
    before = AccessLogEntry.objects.count()
    client.get(reverse("cases:person_edit", kwargs={"pk": case.pk}))
    new = list(AccessLogEntry.objects.order_by("seq")[before:])
    assert [(e.outcome, e.object_type) for e in new] == [(Outcome.DENIED, "cases.case")]


def test_a_plain_404_of_a_staff_view_is_a_logged_refusal_too(client):
    """A view that answers 404 without ``NotVisible`` (``get_object_or_404``, ``Http404``)
    still writes its denied entry: the middleware logs it, once."""
    force_login_with_mfa(client, coordinator())
    url = reverse("cases:break_glass_seen", kwargs={"access_pk": 999999})
    with assert_one_access_entry("update", outcome="denied") as log:
        response = client.post(url)
    assert response.status_code == 404
    assert log.entries[0].reason == "not_found"
    assert log.entries[0].object_id == "999999"


def test_a_404_on_a_public_page_writes_nothing(client):
    from uitweg.audit.testing import assert_no_access_entry

    with assert_no_access_entry():
        response = client.get("/this-page-does-not-exist/")
    assert response.status_code == 404


# --- the partner API (DRF handles its own exceptions; the shared handler logs refusals) -------


@pytest.fixture
def api_keys():
    from uitweg.accounts.roles import OrganisationKind
    from uitweg.signals import services as signal_services
    from uitweg.signals.tests.factories import make_signal
    from uitweg.testing.factories import OrganisationFactory

    inspectorate = OrganisationFactory(kind=OrganisationKind.LABOUR_INSPECTORATE)
    _key, reader = signal_services.issue_api_key(by=None, organisation=inspectorate,
                                                 name="reader", scopes=["signals:read"])
    _key, writer = signal_services.issue_api_key(by=None, organisation=inspectorate,
                                                 name="writer", scopes=["signals:write"])
    return reader, writer, make_signal()  # a signal another organisation submitted


def test_the_api_refusing_another_organisations_signal_writes_one_denied_entry(client,
                                                                               api_keys):
    reader, _writer, foreign = api_keys
    url = f"/api/v1/signals/{foreign.reference}/"
    with assert_one_access_entry("view", outcome="denied") as log:
        response = client.get(url, HTTP_AUTHORIZATION=f"Api-Key {reader}")
    assert response.status_code == 404
    entry = log.entries[0]
    assert entry.username.startswith("api-key:")
    assert entry.access_point == f"api:{url}"
    assert entry.object_id == foreign.reference


def test_the_api_refusing_a_missing_scope_writes_one_denied_entry(client, api_keys):
    _reader, writer, _foreign = api_keys
    with assert_one_access_entry("view", outcome="denied") as log:
        response = client.get("/api/v1/signals/", HTTP_AUTHORIZATION=f"Api-Key {writer}")
    assert response.status_code == 403
    assert log.entries[0].reason == "scope"


def test_an_api_call_without_a_valid_key_is_refused_without_an_entry(client):
    from uitweg.audit.testing import assert_no_access_entry

    with assert_no_access_entry():
        response = client.get("/api/v1/signals/", HTTP_AUTHORIZATION="Api-Key nonsense")
    assert response.status_code == 401


# --- after the rollback, exactly once --------------------------------------------------------

@role_required(Role.CARE_COORDINATOR)
@audited
def reads_then_refuses(request, pk):
    colleague = get_visible_or_404(request, User.objects.all(), pk=pk)
    log_view(request, colleague)  # a granted entry in the view's transaction …
    raise PermissionDenied("not_today")  # … rolled back by the refusal


urlpatterns = [path("refuses/<int:pk>/", reads_then_refuses)]


@pytest.mark.django_db(transaction=True)
@override_settings(ROOT_URLCONF=__name__)
def test_the_refusal_rolls_back_the_read_and_its_denied_entry_stays_exactly_once(client):
    user = coordinator()
    force_login_with_mfa(client, user)
    before = AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    response = client.get(f"/refuses/{user.pk}/")
    assert response.status_code == 403
    new = list(AccessLogEntry.objects.filter(seq__gt=before))
    assert [(e.outcome, e.object_type, e.object_id, e.reason) for e in new] == [
        (Outcome.DENIED, "accounts.user", str(user.pk), "not_today")]
