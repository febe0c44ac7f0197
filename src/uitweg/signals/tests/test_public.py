"""The anonymous public report and the neutral status page."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.test import override_settings

from uitweg.audit.models import AccessLogEntry
from uitweg.signals import services
from uitweg.signals.models import Signal, SignalIdentifier
from uitweg.signals.services import PersonData, SignalData
from uitweg.signals.tests.factories import care_org, coordinator

pytestmark = pytest.mark.django_db

VALID = {"description": "Three women live above the nail studio and never go out alone.",
         "location": "Hoefkade 12, Den Haag", "observed_when": "last week",
         "forms_seen": ["sexual"], "indicators": ["restriction_of_movement", "isolation"],
         "child_involved": "unknown"}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    care_org()  # somewhere to route to
    yield
    cache.clear()


def code_in(response) -> str:
    return re.search(r'data-testid="report-code">([A-Z0-9-]+)<', response.content.decode())[1]


def send(client, data, url="/report/", **extra):
    """Fill in the form as a browser does: GET it (a fresh token), POST, follow the redirect."""
    page = client.get(url, **extra).content.decode()
    token = re.search(r'name="submission"[^>]*value="([^"]+)"', page)[1]
    return client.post(url, {**data, "submission": token}, follow=True, **extra)


def test_form_shows_112_above_the_form_and_all_languages(client):
    page = client.get("/report/").content.decode()
    assert page.index("112") < page.index("<form method=\"post\"")
    for code in ("/en/report/", "/pl/report/", "/ro/report/", "/bg/report/", "/uk/report/"):
        assert code in page
    assert client.get("/xx/report/").status_code == 404  # unknown language


def test_report_is_stored_encrypted_without_ip_and_gives_a_code(client):
    response = send(client, VALID, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    code = code_in(response)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    signal = Signal.objects.get()
    assert signal.source == "public"
    assert signal.description == VALID["description"]
    assert signal.indicators == ["restriction_of_movement", "isolation"]
    assert signal.public_code_digest == services.code_digest(code)
    assert signal.identifiers.get(kind="address").value == "Hoefkade 12, Den Haag"
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT description, location_text FROM signals_signal")
        raw = cursor.fetchone()
    assert "nail studio" not in raw[0] and raw[0].startswith("v1:")
    assert "Hoefkade" not in raw[1]
    entry = AccessLogEntry.objects.order_by("-seq").first()
    assert entry.username == "public" and entry.client_address == ""
    assert "203.0.113" not in str(list(AccessLogEntry.objects.values()))


def test_contact_details_are_encrypted_and_required_when_contact_wanted(client):
    response = send(client, {**VALID, "wants_contact": "on"})
    assert Signal.objects.count() == 0
    assert "utrecht-alert--error" in response.content.decode()
    send(client, {**VALID, "wants_contact": "on", "contact_phone": "0612345678"})
    signal = Signal.objects.get()
    assert signal.contact_requested and signal.contact_phone == "0612345678"
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_phone FROM signals_signal")
        assert "0612345678" not in cursor.fetchone()[0]


def test_html_is_stored_as_text_and_rendered_escaped(client):
    send(client, {**VALID, "description": "<script>alert(1)</script> seen"})
    signal = Signal.objects.get()
    assert signal.description == "<script>alert(1)</script> seen"
    from uitweg.signals.tests.factories import intake_officer
    from uitweg.testing.clients import force_login_with_mfa

    force_login_with_mfa(client, intake_officer(signal.responsible_organisation))
    page = client.get(signal.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_oversized_or_unknown_input_saves_nothing(client):
    response = client.post("/report/", {**VALID, "description": "x" * 5001})
    assert response.status_code == 200 and Signal.objects.count() == 0
    client.post("/report/", {**VALID, "indicators": ["not_an_indicator"]})
    client.post("/report/", {**VALID, "location": "y" * 301})
    assert Signal.objects.count() == 0
    assert SignalIdentifier.objects.count() == 0


@override_settings(SIGNALS_PUBLIC_RATE_LIMIT=2, SIGNALS_RATE_WINDOW=60)
def test_rate_limit_answers_429_in_the_reporters_language(client):
    for _ in range(2):
        assert send(client, VALID, "/pl/report/").status_code == 200
    response = send(client, VALID, "/pl/report/")
    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="pl"' in page and "Wyślij zgłoszenie" in page  # the Polish form, kept
    assert Signal.objects.count() == 2
    # Another client (another keyed hash) is not affected.
    assert send(client, VALID, "/pl/report/", REMOTE_ADDR="198.51.100.1").status_code == 200


@override_settings(SIGNALS_PUBLIC_RATE_LIMIT=1, SIGNALS_RATE_WINDOW=60)
def test_rate_limit_lives_in_the_cache_on_the_keyed_hash_only(client):
    from uitweg.core import ratelimit
    from uitweg.core.middleware import client_hash

    send(client, VALID, REMOTE_ADDR="192.0.2.10")
    decision = ratelimit.peek("signals:report", client_hash("192.0.2.10"), limit=1, window=60)
    assert decision.count == 1 and not decision.allowed
    backend = cache._cache  # the keys as stored: Redis's, or locmem's own dictionary
    keys = backend.get_client().keys("*") if hasattr(backend, "get_client") else list(backend)
    assert keys and not any("192.0.2.10" in str(key) for key in keys)
    assert send(client, VALID, REMOTE_ADDR="192.0.2.10").status_code == 429
    cache.clear()  # the window (and a new day's key) forgets the client
    assert send(client, VALID, REMOTE_ADDR="192.0.2.10").status_code == 200


def test_status_page_shows_only_the_neutral_stage(client):
    code = code_in(send(client, VALID))
    response = client.post("/report/status/", {"code": code.lower().replace("-", "")})
    assert 'data-testid="stage">Ontvangen<' in response.content.decode()


def test_status_page_leaks_nothing_about_linked_cases_and_persons(client):
    """A handled signal with a person, a linked earlier signal and a case opened from it."""
    org = care_org(name="Zorgcoördinatie Geheim")
    earlier, _ = services.submit_public_report(
        data=SignalData(description="earlier", phone_numbers=["0699999999"]), language="nl")
    signal, code = services.submit_public_report(data=SignalData(
        description="Olena works at Kassenbouw Hoekstra without pay",
        forms=["labour"], phone_numbers=["0699999999"],
        persons=[PersonData(full_name="Olena Shevchenko", date_of_birth=date(1990, 5, 6))]),
        language="en")
    Signal.objects.filter(pk__in=[signal.pk, earlier.pk]).update(responsible_organisation=org)
    boss = coordinator(org)
    services.link_signals(by=boss, signal_id=signal.pk, other_id=earlier.pk)
    case = services.convert_to_case(by=boss, signal_id=signal.pk)
    signal.refresh_from_db()
    assert signal.status == "closed" and signal.closure_reason == "converted_to_case"

    response = client.post("/en/report/status/", {"code": code})
    page = response.content.decode()
    assert 'data-testid="stage">Handled<' in page
    for secret in ("Olena", "Shevchenko", "Kassenbouw", "Zorgcoördinatie", "Geheim",
                   case.number, signal.reference, earlier.reference, "converted", "case",
                   "Converted", "linked", "0699999999", "labour", "Labour"):
        assert secret not in page, secret
    # A wrong code says only "not found", the same for every code.
    other = client.post("/en/report/status/", {"code": "AAAA-BBBB-CCCC"}).content.decode()
    assert "could not find" in other
    assert "Handled" not in other.split("Stage of your report")[-1].split("<form")[0]


@override_settings(SIGNALS_STATUS_RATE_LIMIT=3, SIGNALS_RATE_WINDOW=60)
def test_status_lookups_are_rate_limited_against_guessing(client):
    for _ in range(3):
        client.post("/report/status/", {"code": "AAAA-BBBB-CCCC"})
    assert client.post("/report/status/", {"code": "AAAA-BBBB-CCCC"}).status_code == 429


def test_public_pages_set_no_cookie_but_csrf(client):
    response = client.get("/report/")
    assert set(response.cookies) <= {"uitweg-csrf"}
