"""Issue 10 item 6: the staff language switch works, Accept-Language is honoured for staff, and
public pages keep their URL-prefix languages without a language cookie (ADR 0003)."""

import pytest
from django.conf import settings

from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    return force_login_with_mfa(client, UserFactory())


def _lang(response) -> str:
    html = response.content.decode()
    start = html.index('<html lang="') + len('<html lang="')
    return html[start:html.index('"', start)]


def test_switching_the_staff_language_to_english_shows_english_pages(staff_client):
    response = staff_client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = staff_client.get("/staff/")
    assert _lang(page) == "en"
    assert "Log out" in page.content.decode()
    staff_client.post("/i18n/setlang/", {"language": "nl", "next": "/staff/"})
    page = staff_client.get("/staff/")
    assert _lang(page) == "nl"
    assert "Uitloggen" in page.content.decode()


def test_staff_pages_follow_accept_language_without_an_explicit_choice(staff_client):
    assert _lang(staff_client.get("/staff/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")) == "en"
    assert _lang(staff_client.get("/staff/", HTTP_ACCEPT_LANGUAGE="nl-NL,nl;q=0.9")) == "nl"
    # A language staff pages do not offer falls back to Dutch, never to a half translation.
    assert _lang(staff_client.get("/staff/", HTTP_ACCEPT_LANGUAGE="pl")) == "nl"


def test_the_login_page_follows_accept_language(client):
    assert _lang(client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")) == "en"


def test_an_explicit_choice_beats_accept_language(staff_client):
    staff_client.post("/i18n/setlang/", {"language": "nl", "next": "/staff/"})
    assert _lang(staff_client.get("/staff/", HTTP_ACCEPT_LANGUAGE="en")) == "nl"


def test_public_pages_keep_the_url_language_and_set_no_cookie(client):
    for accept in ("en", "pl", "nl"):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
        assert _lang(response) == "nl"
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    # Even a staff member's English cookie does not change a Dutch public page.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _lang(client.get("/")) == "nl"
    response = client.get("/en/")
    assert _lang(response) == "en"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
