"""Login: generic errors, throttling without enumeration, MFA stage, timeouts, password rules."""

import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from freezegun import freeze_time

from uitweg.accounts.middleware import LAST_SEEN, LOGIN_AT
from uitweg.testing.clients import current_code, force_login_with_mfa
from uitweg.testing.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _login(client, username, password):
    return client.post(LOGIN, {"login": username, "password": password})


def test_wrong_password_and_unknown_user_get_the_same_answer(client):
    UserFactory(username="real")
    wrong = _login(client, "real", "not-the-password-123")
    unknown = _login(client, "nobody", "not-the-password-123")
    assert wrong.status_code == unknown.status_code == 200
    strip = lambda r: r.content.decode().replace("real", "X").replace("nobody", "X")  # noqa: E731
    assert strip(wrong).count("utrecht-form-field-error") == strip(unknown).count(
        "utrecht-form-field-error")
    assert "incorrect" in wrong.content.decode().lower() or "onjuist" in (
        wrong.content.decode().lower())


def test_password_login_leads_to_mfa_stage_not_to_data(client):
    user = UserFactory(username="anna")
    response = _login(client, "anna", PASSWORD)
    assert response.status_code == 302
    assert "/2fa/authenticate/" in response.url
    assert client.get(reverse("dashboard")).status_code == 302  # not logged in yet
    response = client.post(response.url, {"code": current_code(user)})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def _second_factor(client, username, code):
    client.logout()
    response = _login(client, username, PASSWORD)
    assert "/2fa/authenticate/" in response.url
    client.post(response.url, {"code": code})
    return client.get(reverse("dashboard")).status_code == 200


@freeze_time("2026-11-29 10:00:01")
def test_a_code_typed_as_its_step_ended_is_accepted_once_an_older_one_never(client):
    from uitweg.accounts import totp

    user = UserFactory(username="chris")
    secret = totp.secret_of(user)
    now = time.time()
    assert not _second_factor(client, "chris", totp.code_for_secret(secret, at=now - 60))
    just_ended = totp.code_for_secret(secret, at=now - 30)  # shown one second ago
    assert _second_factor(client, "chris", just_ended)
    assert not _second_factor(client, "chris", just_ended)  # a code works once
    assert _second_factor(client, "chris", totp.code_for_secret(secret, at=now))


def test_throttling_blocks_after_repeated_failures_for_existing_and_unknown_users(client):
    UserFactory(username="bert")
    with freeze_time("2026-11-29 10:00:00") as frozen:
        for name in ("bert", "ghost"):
            for _ in range(5):
                _login(client, name, "wrong-password-xyz")
            blocked = _login(client, name, "wrong-password-xyz")  # at once: the first wait is 1 s
            text = blocked.content.decode().lower()
            assert blocked.status_code in (200, 429)
            assert "too many" in text or "te veel" in text, name
        # Each failure after a wait doubles the next one: 2, 4, 8, then 16 s. (A shared cache,
        # Redis, expires the wait in real time, so the check below must come well inside it.)
        for _ in range(4):
            frozen.tick(60)
            _login(client, "bert", "wrong-password-xyz")
        # Even the right password is refused while throttled: no oracle for guessing.
        refused = _login(client, "bert", PASSWORD)
        assert refused.status_code != 302 or "/2fa/" not in refused.url
        text = refused.content.decode().lower()
        assert "too many" in text or "te veel" in text


@override_settings(SESSION_IDLE_TIMEOUT=60)
def test_idle_session_ends(client):
    force_login_with_mfa(client, UserFactory())
    session = client.session
    session[LAST_SEEN] = time.time() - 61
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert client.get(reverse("dashboard")).status_code == 302


@override_settings(SESSION_ABSOLUTE_TIMEOUT=3600)
def test_absolute_session_timeout_even_when_active(client):
    force_login_with_mfa(client, UserFactory())
    session = client.session
    session[LOGIN_AT] = time.time() - 3601
    session[LAST_SEEN] = time.time()
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_logout_clears_site_data(client):
    force_login_with_mfa(client, UserFactory())
    response = client.post("/accounts/logout/")
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert client.get(reverse("dashboard")).status_code == 302


def test_forged_csrf_token_gets_a_generic_403(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(LOGIN, {"login": "x", "password": "y", "csrfmiddlewaretoken": "forged"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Traceback" not in text
    assert "utrecht-heading-1" in text


def test_no_self_signup(client):
    response = client.get("/accounts/signup/")
    assert response.status_code in (302, 403, 404) or "closed" in response.content.decode().lower()


def _session_writes(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return sum('UPDATE "django_session"' in q["sql"] for q in ctx.captured_queries)


def test_pages_move_the_idle_clock_at_most_once_a_minute(client):
    """A busy user's pages do not each end in a session write; a page after a quiet minute
    does, and the idle timeout then runs from it."""
    force_login_with_mfa(client, UserFactory())
    client.get(reverse("dashboard"))  # starts the clocks
    session = client.session
    session[LAST_SEEN] = seen = time.time() - 5
    session.save()
    assert _session_writes(client, reverse("dashboard")) == 0
    assert client.session[LAST_SEEN] == seen
    session = client.session
    session[LAST_SEEN] = time.time() - 61
    session.save()
    assert _session_writes(client, reverse("dashboard")) == 1
    assert time.time() - client.session[LAST_SEEN] < 5


def test_stay_logged_in_moves_the_idle_clock_even_within_the_minute(client):
    force_login_with_mfa(client, UserFactory())
    client.get(reverse("dashboard"))
    session = client.session
    session[LAST_SEEN] = seen = time.time() - 30
    session.save()
    answer = client.post(reverse("accounts:session_stay")).json()
    assert client.session[LAST_SEEN] > seen + 25
    assert answer["remaining"] > settings.SESSION_IDLE_TIMEOUT - 5
