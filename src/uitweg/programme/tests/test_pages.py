"""The programme pages as their users see them, and the public page as anyone sees it."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from uitweg.accounts.roles import Role
from uitweg.signals.models import Signal
from uitweg.signals.tests.factories import make_signal
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import OrganisationFactory, UserFactory

from .. import services
from ..vocabulary import IndicatorSource
from .factories import make_action, policy_staff

pytestmark = pytest.mark.django_db


def _signals(n, year=2026):
    for _ in range(n):
        signal = make_signal()
        Signal.objects.filter(pk=signal.pk).update(
            received_at=datetime(year, 5, 1, 12, tzinfo=UTC))


@freeze_time("2026-11-29 10:00")
def test_counted_indicators_show_what_monitoring_shows_small_counts_hidden(client):
    by = policy_staff()
    big = make_action(by=by, title="Veel", published=True)
    services.add_indicator(by=by, action_id=big.pk, title="Alle signalen",
                           source=IndicatorSource.SIGNALS)
    _signals(3)
    force_login_with_mfa(client, by)
    page = client.get(reverse("programme:actions")).content.decode()
    assert "Alle signalen" in page and "&lt;5" in page
    _signals(4)
    from django.core.cache import cache
    cache.clear()
    page = client.get(reverse("programme:actions")).content.decode()
    assert ">7<" in page.replace(" ", "")


@freeze_time("2026-11-29 10:00")
def test_readers_and_refusals(client):
    make_action(title="Flyers")
    coordinator = UserFactory(organisation=OrganisationFactory(), roles=[Role.CARE_COORDINATOR])
    force_login_with_mfa(client, coordinator)
    assert "Flyers" in client.get(reverse("programme:actions")).content.decode()
    assert client.get(reverse("programme:action_add")).status_code == 403
    client.logout()
    worker = UserFactory(organisation=OrganisationFactory(), roles=[Role.OUTREACH_WORKER])
    force_login_with_mfa(client, worker)
    assert client.get(reverse("programme:actions")).status_code == 403


@freeze_time("2026-11-29 10:00")
def test_the_form_keeps_the_input_and_names_the_problem(client):
    by = policy_staff()
    force_login_with_mfa(client, by)
    response = client.post(reverse("programme:action_add"), {
        "pillar": "prevent", "title": "Voorlichting", "owner": by.organisation_id,
        "start_year": 2027, "end_year": 2026, "status": "planned"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Voorlichting" in page
    assert "Het laatste jaar kan niet vóór het eerste jaar liggen." in page
    response = client.post(reverse("programme:action_add"), {
        "pillar": "prevent", "title": "Voorlichting", "owner": by.organisation_id,
        "start_year": 2026, "end_year": 2027, "status": "planned"})
    assert response.status_code == 302


@freeze_time("2026-11-29 10:00")
def test_the_public_page_shows_published_actions_in_dutch_and_english_only(client):
    make_action(title="Gepubliceerd", title_en="Published one", published=True)
    make_action(title="Intern concept")
    page = client.get("/actieprogramma/").content.decode()
    assert "Gepubliceerd" in page and "Intern concept" not in page
    english = client.get("/en/actieprogramma/").content.decode()
    assert "Published one" in english
    response = client.get("/pl/actieprogramma/")
    assert response.status_code == 302 and response["Location"] == "/en/actieprogramma/"
    assert "Set-Cookie" not in client.get("/actieprogramma/").headers or \
        "csrftoken" not in client.get("/actieprogramma/").headers.get("Set-Cookie", "")


@freeze_time("2026-11-29 10:00")
def test_the_progress_report_is_a_pdf(client):
    by = policy_staff()
    make_action(by=by, title="Flyers")
    force_login_with_mfa(client, by)
    response = client.get(reverse("programme:report_pdf") + "?year=2026")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
