"""Issue 9, finding 2: a stranger cannot lock a staff member out, and brute force is slowed.

Failures are throttled per (account, client) with growing waits; the per-account ceiling only
raises an alert. Clients are told apart by their address (turned into the keyed daily hash by
the privacy middleware), here with REMOTE_ADDR per request."""

import logging

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from freezegun import freeze_time
from hypothesis import given
from hypothesis import strategies as st

from uitweg.accounts.models import AccountEvent, AccountEventKind
from uitweg.accounts.roles import Role
from uitweg.accounts.throttle import delay_for
from uitweg.testing.clients import current_code, force_login_with_mfa
from uitweg.testing.factories import PASSWORD, UserFactory

LOGIN = "/accounts/login/"
WRONG = "wrong-password-xyz-123"
MFA = "/accounts/2fa/authenticate/"


@pytest.fixture
def client_factory():
    return Client


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _login(client, username, password, address):
    return client.post(LOGIN, {"login": username, "password": password}, REMOTE_ADDR=address)


def _refused(response) -> bool:
    text = response.content.decode().lower()
    return response.status_code != 302 and ("too many" in text or "te veel" in text)


def _attack(client_factory, username, *, clients: int, tries: int, password=WRONG):
    for n in range(clients):
        attacker = client_factory()
        for _ in range(tries):
            _login(attacker, username, password, f"203.0.113.{n + 1}")


# --- the rule, without the database ---------------------------------------------------------


@given(st.integers(min_value=0, max_value=10_000))
def test_delay_grows_from_one_second_and_is_capped(failures):
    delay = delay_for(failures, free=5, cap=900)
    assert delay == 0 if failures < 5 else 1 <= delay <= 900
    assert delay_for(failures + 1, free=5, cap=900) >= delay


def test_delay_doubles():
    assert [delay_for(n, free=5, cap=900) for n in range(4, 10)] == [0, 1, 2, 4, 8, 16]
    assert delay_for(40, free=5, cap=900) == 900


# --- the password step ------------------------------------------------------------------------


@pytest.mark.django_db
@freeze_time("2026-11-29 10:00:00")
def test_brute_force_from_one_client_is_refused_with_a_growing_wait(client):
    UserFactory(username="anna")
    for _ in range(5):
        assert not _refused(_login(client, "anna", WRONG, "198.51.100.7"))
    refused = _login(client, "anna", PASSWORD, "198.51.100.7")  # even the right password
    assert _refused(refused) and "1" in refused.content.decode()
    with freeze_time("2026-11-29 10:00:02"):
        assert not _refused(_login(client, "anna", WRONG, "198.51.100.7"))  # 6th failure
        text = _login(client, "anna", WRONG, "198.51.100.7").content.decode()
        assert "2 seconds" in text or "2 seconden" in text


@pytest.mark.django_db
@freeze_time("2026-11-29 10:00:00")
def test_the_real_user_logs_in_during_an_attack_from_other_clients(client, client_factory):
    user = UserFactory(username="anna")
    _attack(client_factory, "anna", clients=6, tries=6)
    response = _login(client, "anna", PASSWORD, "192.0.2.44")
    assert response.status_code == 302 and MFA in response.url
    response = client.post(MFA, {"code": current_code(user)}, REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 302
    assert client.get(reverse("dashboard"), REMOTE_ADDR="192.0.2.44").status_code == 200


@pytest.mark.django_db
@freeze_time("2026-11-29 10:00:00")
def test_unknown_and_existing_usernames_get_the_same_answers(client_factory):
    UserFactory(username="anna")
    answers = {}
    for name, address in (("anna", "198.51.100.9"), ("nobody", "198.51.100.10")):
        attacker = client_factory()
        texts = [_login(attacker, name, WRONG, address).content.decode()
                 .replace(name, "X") for _ in range(7)]
        answers[name] = [(_refused_text(t), t.count("utrecht-form-field-error")) for t in texts]
    assert answers["anna"] == answers["nobody"]


def _refused_text(text: str) -> bool:
    return "too many" in text.lower() or "te veel" in text.lower()


@pytest.mark.django_db
@freeze_time("2026-11-29 10:00:00")
@override_settings(LOGIN_ALERT_PER_HOUR=12)
def test_an_attack_on_one_account_raises_an_alert_but_locks_no_one(client, client_factory,
                                                                 caplog):
    user = UserFactory(username="anna", roles=[Role.CASE_WORKER])
    admin = UserFactory(organisation=user.organisation, roles=[Role.ORG_ADMIN])
    with caplog.at_level(logging.ERROR, logger="uitweg.security"):
        _attack(client_factory, "anna", clients=4, tries=4)
    alerts = [r for r in caplog.records if r.levelno == logging.ERROR and "anna" in r.getMessage()]
    assert len(alerts) == 1
    assert AccountEvent.objects.filter(user=user, kind=AccountEventKind.LOGIN_ALERT).count() == 1
    force_login_with_mfa(client, admin)
    page = client.get(reverse("accounts:account_changes")).content.decode()
    assert "uitweg-row--alert" in page
    client.logout()
    response = _login(client, "anna", PASSWORD, "192.0.2.44")
    assert response.status_code == 302 and MFA in response.url


# --- the second factor ------------------------------------------------------------------------


def _at_mfa_step(client, address):
    response = _login(client, "anna", PASSWORD, address)
    assert response.status_code == 302 and MFA in response.url, address


@pytest.mark.django_db
@freeze_time("2026-11-29 10:00:00")
def test_second_factor_guessing_from_one_client_is_slowed(client):
    user = UserFactory(username="anna")
    _at_mfa_step(client, "198.51.100.7")
    for _ in range(5):
        response = client.post(MFA, {"code": "000000"}, REMOTE_ADDR="198.51.100.7")
        assert not _refused(response)
    response = client.post(MFA, {"code": current_code(user)}, REMOTE_ADDR="198.51.100.7")
    assert _refused(response)


@pytest.mark.django_db
@freeze_time("2026-11-29 10:00:00")
def test_the_real_user_passes_the_second_factor_during_an_attack(client, client_factory):
    """Someone with the stolen password guesses codes from six clients; the owner still gets in."""
    user = UserFactory(username="anna")
    for n in range(6):
        attacker = client_factory()
        _at_mfa_step(attacker, f"203.0.113.{n + 1}")
        for _ in range(6):
            attacker.post(MFA, {"code": "000000"}, REMOTE_ADDR=f"203.0.113.{n + 1}")
    _at_mfa_step(client, "192.0.2.44")
    response = client.post(MFA, {"code": current_code(user)}, REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 302
    assert client.get(reverse("dashboard"), REMOTE_ADDR="192.0.2.44").status_code == 200
