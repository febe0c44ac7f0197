"""Public pages: no tracking cookies, no stored address, security headers, no address in logs."""

import logging

import pytest
from django.test import override_settings

from uitweg.core.logging import scrub
from uitweg.core.middleware import client_hash

pytestmark = pytest.mark.django_db


def test_public_home_sets_no_cookie_and_strict_headers(client):
    response = client.get("/", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    assert response.cookies == {} or set(response.cookies) <= {"uitweg-csrf"}
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_home_is_dutch_by_default_and_english_under_en(client):
    assert client.get("/")["Content-Language"] == "nl"
    assert client.get("/en/")["Content-Language"] == "en"


def test_views_of_public_pages_never_see_the_client_address(client, rf):
    from uitweg.core.middleware import PrivacyLoggingMiddleware

    seen = {}

    def view(request):
        seen["addr"] = request.META.get("REMOTE_ADDR")
        seen["hash"] = request.client_hash
        from django.http import HttpResponse

        return HttpResponse("ok")

    request = rf.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")
    PrivacyLoggingMiddleware(view)(request)
    assert seen["addr"] == ""
    assert "203.0.113.7" not in seen["hash"] and len(seen["hash"]) == 32
    assert "HTTP_X_FORWARDED_FOR" not in request.META


def test_client_hash_rotates_daily():
    import datetime as dt

    day = dt.date(2026, 10, 18)
    assert client_hash("203.0.113.7", today=day) == client_hash("203.0.113.7", today=day)
    assert client_hash("203.0.113.7", today=day) != client_hash(
        "203.0.113.7", today=day + dt.timedelta(days=1))


def test_log_records_lose_addresses(caplog):
    from uitweg.core.logging import StripClientAddressFilter

    logger = logging.getLogger("uitweg.test")
    logger.addFilter(StripClientAddressFilter())
    with caplog.at_level(logging.INFO, logger="uitweg.test"):
        logger.info("request from %s and %s", "203.0.113.7", "2001:db8::1")
    assert "203.0.113.7" not in caplog.text and "2001:db8" not in caplog.text
    assert scrub("from ::1 port") == "from [address removed] port"


@override_settings(DEBUG=False)
def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/does-not-exist/")
    assert response.status_code == 404
    assert "utrecht-heading-1" in response.content.decode()


# --- Issue 9 finding 8: no traces that outlive the tab -------------------------------------

PUBLIC_PAGES = ["/", "/en/", "/report/", "/pl/report/", "/report/status/", "/chat/"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_are_not_stored_by_the_browser(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "no-store" in response["Cache-Control"]


def test_the_csrf_cookie_of_a_public_form_ends_with_the_browser_session(client):
    response = client.get("/report/")
    cookie = response.cookies["uitweg-csrf"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a session cookie, no date
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_staff_login_still_works_with_a_session_length_csrf_cookie(client):
    from uitweg.testing.factories import PASSWORD, UserFactory

    UserFactory(username="carla")
    csrf_client = type(client)(enforce_csrf_checks=True)
    page = csrf_client.get("/accounts/login/")
    token = page.cookies["uitweg-csrf"]
    assert token["max-age"] == ""
    import re

    middleware_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                                 page.content.decode())[1]
    response = csrf_client.post("/accounts/login/", {
        "login": "carla", "password": PASSWORD, "csrfmiddlewaretoken": middleware_token})
    assert response.status_code == 302  # on to the second factor, not a CSRF failure
