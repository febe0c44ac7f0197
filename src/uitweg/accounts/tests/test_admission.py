"""One admission policy for pages and staff sockets (issue 9, finding 5)."""

import time
from types import SimpleNamespace

import pytest
from django.test import override_settings
from django.urls import reverse

from uitweg.accounts import admission
from uitweg.accounts.admission import LAST_SEEN, LOGIN_AT, admit
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

NOW = 1_800_000_000.0


def _user(**extra):
    values = {"is_authenticated": True, "is_active": True, "organisation_id": 1,
              "is_superuser": False, "roles": ["chat_counsellor"], "mfa": True} | extra
    user = SimpleNamespace(**values)
    user.has_role = lambda *roles: any(r in user.roles for r in roles)
    return user


@pytest.fixture
def _mfa_from_the_fake_user(monkeypatch):
    monkeypatch.setattr(admission, "_has_second_factor", lambda user: user.mfa)


def _fresh(**extra):
    return {LOGIN_AT: NOW - 100, LAST_SEEN: NOW - 10} | extra


@override_settings(SESSION_IDLE_TIMEOUT=60, SESSION_ABSOLUTE_TIMEOUT=3600)
@pytest.mark.parametrize(("user", "session", "kwargs", "reason"), [
    (_user(), _fresh(), {}, ""),
    (SimpleNamespace(is_authenticated=False), {}, {}, admission.LOGIN),
    (SimpleNamespace(is_authenticated=False), {}, {"public": True}, ""),
    (_user(), _fresh(**{LAST_SEEN: NOW - 61}), {}, admission.IDLE),
    (_user(), _fresh(**{LAST_SEEN: NOW - 61}), {"public": True}, admission.IDLE),
    (_user(), _fresh(**{LOGIN_AT: NOW - 3601}), {}, admission.EXPIRED),
    (_user(), {}, {}, admission.EXPIRED),  # no clocks: only a forged session has none
    (_user(is_active=False), _fresh(), {}, admission.INACTIVE),
    (_user(organisation_id=None), _fresh(), {}, admission.ORGANISATION),
    (_user(organisation_id=None, is_superuser=True), _fresh(), {}, ""),
    (_user(mfa=False), _fresh(), {}, admission.MFA),
    (_user(mfa=False), _fresh(), {"view_name": "mfa_activate_totp"}, ""),
    (_user(roles=["case_worker"]), _fresh(), {"roles": ("chat_counsellor",)}, admission.ROLE),
    (_user(), _fresh(), {"roles": ("chat_counsellor",)}, ""),
])
@pytest.mark.usefixtures("_mfa_from_the_fake_user")
def test_one_decision_for_every_entry_point(user, session, kwargs, reason):
    decision = admit(user, session, now=NOW, **kwargs)
    assert (bool(decision), decision.reason) == (reason == "", reason)


@pytest.mark.django_db
def test_pages_decide_through_the_shared_policy(client, monkeypatch):
    """A rule added to admit() holds for pages at once (and for sockets: chat tests)."""
    force_login_with_mfa(client, UserFactory())
    assert client.get(reverse("dashboard")).status_code == 200
    monkeypatch.setattr(admission, "admit",
                        lambda *a, **k: admission.Admission(False, admission.EXPIRED))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.django_db
@override_settings(SESSION_IDLE_TIMEOUT=60)
def test_a_socket_never_writes_the_clock_of_a_session_that_ran_out(client):
    force_login_with_mfa(client, UserFactory())
    session = client.session
    session[LAST_SEEN] = time.time() - 61
    session.save()
    decision, _, _ = admission.admit_socket(session.session_key, now=time.time(), roles=(),
                                            activity=True)
    assert decision.reason == admission.IDLE
    stored = type(session)(session_key=session.session_key).load()
    assert time.time() - stored[LAST_SEEN] > 60
