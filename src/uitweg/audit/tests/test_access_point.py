"""Issue 9 finding 3: every access-log entry says where it came from (its access point).

Entries written by service functions had no access point; the partner API wrote "api". Now:
the URL path for requests, "api:<path>" for the partner API, "command:<name>" for management
commands, "service:<function>" when no request is known (and "ws:<path>" for sockets, set by
the consumer with :func:`uitweg.audit.context.access_point`).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from uitweg.audit.context import access_point, fallback_access_point
from uitweg.audit.models import AccessLogEntry
from uitweg.audit.service import actor_for
from uitweg.cases.tests.factories import coordinator, make_case
from uitweg.testing.clients import force_login_with_mfa

pytestmark = pytest.mark.django_db


def _last():
    return AccessLogEntry.objects.order_by("-seq").first()


def test_an_entry_written_by_a_service_during_a_request_names_the_url(client):
    boss = coordinator()
    case = make_case(by=boss)
    force_login_with_mfa(client, boss)
    url = reverse("cases:note_add", kwargs={"pk": case.pk})
    response = client.post(url, {"text": "Spoke with the shelter.", "version": case.version})
    assert response.status_code == 302
    entry = _last()
    assert entry.object_type == "cases.case" and entry.action == "update"
    assert entry.username == boss.username
    assert entry.access_point == url
    assert entry.client_address == "127.0.0.0/24"


def test_a_service_called_without_a_request_names_the_function():
    boss = coordinator()
    make_case(by=boss)
    assert _last().access_point == "service:uitweg.cases.services.opening.open_case"


def test_a_query_string_is_not_copied_into_the_access_log(client):
    """Search terms can be personal data: the access point is the path only."""
    boss = coordinator()
    force_login_with_mfa(client, boss)
    client.get(reverse("cases:list"), {"number": "Ana Testescu"})
    assert _last().access_point == reverse("cases:list")


def test_the_partner_api_names_its_path():
    from django.test import Client

    from uitweg.accounts.roles import OrganisationKind
    from uitweg.signals import services as signal_services
    from uitweg.signals.tests.factories import care_org
    from uitweg.testing.factories import OrganisationFactory

    care_org()
    inspectorate = OrganisationFactory(kind=OrganisationKind.LABOUR_INSPECTORATE)
    _key, raw = signal_services.issue_api_key(by=None, organisation=inspectorate, name="x",
                                              scopes=["signals:read"])
    response = Client().get("/api/v1/signals/", HTTP_AUTHORIZATION=f"Api-Key {raw}")
    assert response.status_code == 200
    assert _last().access_point == "api:/api/v1/signals/"


def test_a_socket_or_any_other_entry_point_sets_its_own_access_point():
    boss = coordinator()
    with access_point("ws:/ws/chat/staff/", client_address="10.0.0.0/24"):
        actor = actor_for(boss)
    assert actor.access_point == "ws:/ws/chat/staff/"
    assert actor.client_address == "10.0.0.0/24"
    assert actor_for(boss).access_point.startswith("service:")


def test_a_management_command_is_named_by_its_command():
    namespace = {"__name__": "uitweg.cases.management.commands.anonymise_cases",
                 "fallback_access_point": fallback_access_point}
    exec("def handle():\n    return fallback_access_point()\n", namespace)  # noqa: S102
    assert namespace["handle"]() == "command:anonymise_cases"
