"""The view helpers: one entry per request, in the same transaction; denials logged; 404s."""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path, reverse

from uitweg.accounts.models import User
from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.audit.testing import assert_one_access_entry
from uitweg.audit.views import AuditMissing, audited, get_visible_or_404, log_view
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = UserFactory(roles=[Role.FUNCTIONAL_ADMIN])
    force_login_with_mfa(client, admin)
    client.user = admin
    return client


def test_list_writes_exactly_one_search_entry_with_the_ids_shown(admin_client):
    others = UserFactory.create_batch(3)
    with assert_one_access_entry("search", object_type="accounts.user") as log:
        response = admin_client.get(reverse("accounts:staff_list"))
    assert response.status_code == 200
    shown = set(log.entries[0].object_ids)
    assert {str(u.pk) for u in others} <= shown


def test_detail_writes_exactly_one_view_entry_with_who_and_where(admin_client):
    other = UserFactory()
    with assert_one_access_entry("view", object_type="accounts.user") as log:
        response = admin_client.get(reverse("accounts:staff_detail", args=[other.pk]))
    assert response.status_code == 200
    entry = log.entries[0]
    assert entry.object_id == str(other.pk)
    assert entry.username == admin_client.user.username
    assert entry.organisation_name == admin_client.user.organisation.name
    assert entry.role == Role.FUNCTIONAL_ADMIN
    assert entry.access_point == reverse("accounts:staff_detail", args=[other.pk])
    assert entry.client_address == "127.0.0.0/24"
    assert entry.at.tzinfo is not None


def test_outside_the_row_filter_is_404_and_a_denied_entry(client):
    own_org = OrganisationFactory()
    admin_elsewhere = UserFactory(roles=[Role.FUNCTIONAL_ADMIN, Role.CARE_COORDINATOR])
    force_login_with_mfa(client, admin_elsewhere)
    # Non-admins see only their own organisation: take the admin role away for this check.
    admin_elsewhere.roles = [Role.CARE_COORDINATOR]
    admin_elsewhere.save()
    stranger = UserFactory(organisation=own_org)
    with assert_one_access_entry("view", object_type="accounts.user", outcome="denied"):
        hidden = client.get(reverse("audit:record_log", args=["accounts.user", stranger.pk]))
    with assert_one_access_entry("view", object_type="accounts.user", outcome="denied"):
        missing = client.get(reverse("audit:record_log", args=["accounts.user", 999999]))
    assert hidden.status_code == missing.status_code == 404
    # Same answer whether the record exists or not.
    assert hidden.content == missing.content


def test_role_without_access_gets_403_and_one_denied_entry(client):
    force_login_with_mfa(client, UserFactory(roles=[Role.CHAT_COUNSELLOR]))
    with assert_one_access_entry("view", outcome="denied") as log:
        response = client.get(reverse("accounts:staff_list"))
    assert response.status_code == 403
    assert log.entries[0].reason == "role"


def test_reading_the_access_log_of_a_record_is_itself_logged(admin_client):
    other = UserFactory()
    admin_client.get(reverse("accounts:staff_detail", args=[other.pk]))
    with assert_one_access_entry("view", object_type="audit.accesslog") as log:
        response = admin_client.get(reverse("audit:record_log", args=["accounts.user", other.pk]))
    assert response.status_code == 200
    assert log.entries[0].object_id == f"accounts.user:{other.pk}"
    assert admin_client.user.username in response.content.decode()


# --- a view that forgets to log cannot pass --------------------------------------------------


@audited
def forgetful_view(request, pk):
    user = get_visible_or_404(request, User.objects.all(), pk=pk)
    return HttpResponse(user.username)


@audited
def logs_twice(request, pk):
    user = get_visible_or_404(request, User.objects.all(), pk=pk)
    log_view(request, user)
    log_view(request, user)
    return HttpResponse(user.username)


@audited
def failing_after_read(request, pk):
    user = get_visible_or_404(request, User.objects.all(), pk=pk)
    log_view(request, user)
    raise RuntimeError("rendering failed")


urlpatterns = [
    path("forgetful/<int:pk>/", forgetful_view),
    path("twice/<int:pk>/", logs_twice),
    path("failing/<int:pk>/", failing_after_read),
]


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_that_forgets_the_entry_fails(admin_client):
    with pytest.raises(AuditMissing):
        admin_client.get(f"/forgetful/{admin_client.user.pk}/")


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_that_logs_twice_fails(admin_client):
    with pytest.raises(AuditMissing):
        admin_client.get(f"/twice/{admin_client.user.pk}/")


@pytest.mark.django_db(transaction=True)
@override_settings(ROOT_URLCONF=__name__)
def test_entry_is_rolled_back_with_a_failed_request(client):
    admin = UserFactory(roles=[Role.FUNCTIONAL_ADMIN])
    force_login_with_mfa(client, admin)
    before = AccessLogEntry.objects.count()
    client.raise_request_exception = False
    response = client.get(f"/failing/{admin.pk}/")
    assert response.status_code == 500
    assert AccessLogEntry.objects.count() == before
