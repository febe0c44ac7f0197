"""No lost work on session expiry (issue 10.8): a form posted after the idle timeout is kept
server-side and offered again, filled in, to the same user after logging in again."""

from __future__ import annotations

import json
import time

import pytest
from django.test import Client
from django.urls import reverse

from uitweg.accounts import kept_forms
from uitweg.accounts.middleware import LAST_SEEN
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

PAGE = "/staff/"  # any staff page renders the shell that offers the kept form


def idle_out(client, settings):
    session = client.session
    session[LAST_SEEN] = time.time() - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()


def kept_on_page(client, path=PAGE):
    html = client.get(path).content.decode()
    if 'id="uitweg-kept-form"' not in html:
        return None
    start = html.index('id="uitweg-kept-form"')
    body = html[html.index(">", start) + 1:html.index("</script>", start)]
    return json.loads(body)


def test_a_form_posted_after_the_timeout_comes_back_to_the_same_user(settings):
    user = UserFactory()
    client = force_login_with_mfa(Client(), user)
    idle_out(client, settings)
    response = client.post(PAGE, {"text": "Belangrijk gesprek", "topics": ["a", "b"],
                                  "password": "geheim"})
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session  # logged out
    force_login_with_mfa(client, user)
    kept = kept_on_page(client)
    assert kept == {"text": ["Belangrijk gesprek"], "topics": ["a", "b"]}  # no password
    assert kept_on_page(client) is None  # offered once


def test_another_account_never_sees_the_kept_form(settings):
    user, other = UserFactory(), UserFactory()
    client = force_login_with_mfa(Client(), user)
    idle_out(client, settings)
    client.post(PAGE, {"text": "Vertrouwelijk"})
    force_login_with_mfa(client, other)
    assert kept_on_page(client) is None
    assert kept_forms.SESSION_KEY not in client.session


def test_the_kept_form_is_not_in_any_cookie(settings):
    user = UserFactory()
    client = force_login_with_mfa(Client(), user)
    idle_out(client, settings)
    response = client.post(PAGE, {"text": "Niet in een cookie"})
    assert all("Niet in een cookie" not in morsel.value for morsel in response.cookies.values())


def test_stay_logged_in_extends_the_session(settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    user = UserFactory()
    client = force_login_with_mfa(Client(), user)
    session = client.session
    session[LAST_SEEN] = time.time() - 500
    session.save()
    response = client.post(reverse("accounts:session_stay"))
    assert response.status_code == 200 and response.json()["remaining"] >= 595
    assert "no-store" in response["Cache-Control"]
    assert client.get(reverse("accounts:session_stay")).status_code == 405


def test_the_shell_carries_the_time_left_for_the_warning(settings):
    settings.SESSION_IDLE_TIMEOUT = 900
    client = force_login_with_mfa(Client(), UserFactory())
    html = client.get(PAGE).content.decode()
    assert 'class="uitweg-session"' in html and 'data-warn="120"' in html
    remaining = int(html.split('data-remaining="')[1].split('"')[0])
    assert 890 <= remaining <= 900
