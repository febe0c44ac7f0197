"""A socket's repeated admission reads session, user and second factor in one query (ADR 0044)
and decides exactly as the full path (``get_user`` + ``admit``) does."""

import time

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from uitweg.accounts import admission
from uitweg.accounts.admission import LAST_SEEN, LOGIN_AT
from uitweg.accounts.roles import Role
from uitweg.testing.clients import force_login_with_mfa
from uitweg.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = (Role.CHAT_COUNSELLOR,)
ANSWER = {"answer": ("(SELECT %s)", [42])}


def _logged_in(user):
    return force_login_with_mfa(Client(), user).session.session_key


def _age(key, **clocks):
    store = SessionStore(session_key=key)
    for name, seconds_ago in clocks.items():
        store[name] = time.time() - seconds_ago
    store.save()


def _deactivate(user, key):
    user.is_active = False
    user.save(update_fields=["is_active"])


def _new_password(user, key):
    user.set_password("another-correct-horse-77")
    user.save()


def _no_second_factor(user, key):
    Authenticator.objects.filter(user=user).delete()


def _no_chat_role(user, key):
    user.roles = [Role.CASE_WORKER]
    user.save(update_fields=["roles"])


def _no_organisation(user, key):
    user.organisation = None
    user.save(update_fields=["organisation"])


CHANGES = {
    "nothing": (lambda user, key: None, ""),
    "idle": (lambda user, key: _age(key, **{LAST_SEEN: 61}), admission.IDLE),
    "absolute": (lambda user, key: _age(key, **{LOGIN_AT: 3601}), admission.EXPIRED),
    "logged out": (lambda user, key: SessionStore(session_key=key).delete(), admission.LOGIN),
    "new password": (_new_password, admission.LOGIN),
    "deactivated": (_deactivate, admission.LOGIN),
    "second factor removed": (_no_second_factor, admission.MFA),
    "role removed": (_no_chat_role, admission.ROLE),
    "organisation removed": (_no_organisation, admission.ORGANISATION),
}


@override_settings(SESSION_IDLE_TIMEOUT=60, SESSION_ABSOLUTE_TIMEOUT=3600)
@pytest.mark.parametrize("change", list(CHANGES))
def test_the_one_query_decides_as_the_full_path(change):
    apply, reason = CHANGES[change]
    user = UserFactory(roles=list(ROLES))
    key = _logged_in(user)
    apply(user, key)
    quick, quick_user, _ = admission.admit_socket(key, now=time.time(), roles=ROLES,
                                                  user_id=user.pk, together=ANSWER)
    full, _, _ = admission.admit_socket(key, now=time.time(), roles=ROLES)
    assert quick.reason == full.reason == reason
    if not reason:
        assert quick_user.pk == user.pk and quick_user.answer == 42


def test_an_unchanged_session_is_admitted_in_one_query():
    user = UserFactory(roles=list(ROLES))
    key = _logged_in(user)
    with CaptureQueriesContext(connection) as queries:
        decision, _, _ = admission.admit_socket(key, now=time.time(), roles=ROLES,
                                                user_id=user.pk, together=ANSWER)
    assert decision and len(queries) == 1


def test_a_session_that_now_belongs_to_someone_else_is_read_the_full_way():
    first, second = UserFactory(roles=list(ROLES)), UserFactory(roles=list(ROLES))
    key = _logged_in(second)
    decision, user, _ = admission.admit_socket(key, now=time.time(), roles=ROLES,
                                               user_id=first.pk, together=ANSWER)
    assert decision and user.pk == second.pk and user.answer == 42


@override_settings(SESSION_IDLE_TIMEOUT=60)
def test_the_one_query_never_writes_the_clock_of_a_session_that_ran_out():
    user = UserFactory(roles=list(ROLES))
    key = _logged_in(user)
    _age(key, **{LAST_SEEN: 61})
    decision, _, _ = admission.admit_socket(key, now=time.time(), roles=ROLES, activity=True,
                                            user_id=user.pk)
    assert decision.reason == admission.IDLE
    assert time.time() - SessionStore(session_key=key).load()[LAST_SEEN] > 60
