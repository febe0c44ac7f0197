"""Staff sockets obey the session (issue 9, findings 3 and 5): the same admission policy as
pages on every frame, a reason before closing, a denied access-log entry for every refusal, and
socket activity never reviving an expired session."""

import asyncio
import time

import pytest
from channels.db import database_sync_to_async
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse

from uitweg.accounts.middleware import LAST_SEEN, LOGIN_AT
from uitweg.accounts.roles import Role
from uitweg.audit.models import AccessLogEntry
from uitweg.chat import services
from uitweg.chat.testing.communicator import SocketCommunicator
from uitweg.chat.tests.factories import CounsellorFactory
from uitweg.chat.tests.sockets import (
    ALWAYS,
    HEADERS,
    frames_until_quiet,
    staff_cookie,
    staff_socket_with,
    start,
    youth_socket,
)
from uitweg.testing.aio import run_coroutine
from uitweg.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")]

IDLE = 60


def _age_sessions(*, idle: float = 0, since_login: float = 0, cookie: str = "") -> None:
    rows = Session.objects.all()
    if cookie:
        rows = rows.filter(session_key=cookie.split("=", 1)[1])
    for row in rows:
        store = SessionStore(session_key=row.session_key)
        if idle:
            store[LAST_SEEN] = time.time() - idle
        if since_login:
            store[LOGIN_AT] = time.time() - since_login
        store.save()


def _picked_chat(counsellor):
    async def scenario():
        youth = youth_socket()
        await start(youth)
        await youth.disconnect()

    run_coroutine(scenario())
    return services.pick_next(counsellor=counsellor)


async def _open(cookie, public_id):
    socket = staff_socket_with(cookie, public_id)
    connected, _ = await socket.connect()
    assert connected
    await socket.send_json_to({"type": "resume", "last_seq": 0})
    opened = await frames_until_quiet(socket)
    assert opened[0]["type"] == "welcome", opened
    return socket


def _then(change, frame: dict):
    """Open the counsellor's socket, apply ``change`` (sync, in the database), send ``frame``."""
    counsellor = CounsellorFactory()
    chat = _picked_chat(counsellor)
    cookie = staff_cookie(counsellor)

    async def scenario():
        socket = await _open(cookie, chat.public_id)
        await database_sync_to_async(change)(counsellor)
        await socket.send_json_to(frame)
        return await frames_until_quiet(socket)

    return run_coroutine(scenario()), cookie


@ALWAYS
@override_settings(SESSION_IDLE_TIMEOUT=IDLE)
def test_a_socket_whose_session_idled_out_is_closed_with_a_reason_on_the_next_frame():
    frames, _ = _then(lambda user: _age_sessions(idle=IDLE + 5), {"type": "ping"})
    assert frames == [{"type": "error", "reason": "session_idle"},
                      {"type": "closed", "code": 4403}]


@ALWAYS
@override_settings(SESSION_ABSOLUTE_TIMEOUT=3600)
def test_the_absolute_timeout_closes_an_active_socket():
    frames, _ = _then(lambda user: _age_sessions(since_login=3601),
                      {"type": "msg", "id": "late-0001", "body": "still there?"})
    assert frames == [{"type": "error", "reason": "session_expired"},
                      {"type": "closed", "code": 4403}]


@ALWAYS
@override_settings(SESSION_IDLE_TIMEOUT=IDLE)
def test_chatting_on_an_expired_session_does_not_revive_it_for_the_pages():
    frames, cookie = _then(lambda user: _age_sessions(idle=IDLE + 5),
                           {"type": "msg", "id": "revive-01", "body": "hallo?"})
    assert frames[0] == {"type": "error", "reason": "session_idle"}
    stored = SessionStore(session_key=cookie.split("=", 1)[1]).load()
    assert time.time() - stored.get(LAST_SEEN, 0) > IDLE, "LAST_SEEN was written"
    client = Client()
    key, value = cookie.split("=", 1)
    client.cookies[key] = value
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@ALWAYS
def test_a_deactivated_users_open_socket_closes():
    def deactivate(user):
        user.is_active = False
        user.save(update_fields=["is_active"])

    frames, _ = _then(deactivate, {"type": "typing"})
    assert frames[0]["type"] == "error" and frames[0]["reason"] in ("login", "inactive")
    assert frames[-1]["type"] == "closed"


@ALWAYS
def test_a_user_whose_chat_role_was_removed_is_closed():
    def remove_role(user):
        user.roles = [Role.CASE_WORKER]
        user.save(update_fields=["roles"])

    frames, _ = _then(remove_role, {"type": "read", "seq": 1})
    assert frames == [{"type": "error", "reason": "role"}, {"type": "closed", "code": 4403}]


@ALWAYS
def test_a_user_whose_second_factor_was_removed_is_closed():
    def remove_mfa(user):
        from allauth.mfa.models import Authenticator

        Authenticator.objects.filter(user=user).delete()

    frames, _ = _then(remove_mfa, {"type": "ping"})
    assert frames == [{"type": "error", "reason": "mfa"}, {"type": "closed", "code": 4403}]


@ALWAYS
@override_settings(SESSION_IDLE_TIMEOUT=2)
def test_no_message_reaches_a_socket_after_its_session_ran_out():
    counsellor = CounsellorFactory()

    async def scenario():
        youth = youth_socket()
        await start(youth)
        chat = await database_sync_to_async(services.pick_next)(counsellor=counsellor)
        await frames_until_quiet(youth)
        cookie = await database_sync_to_async(staff_cookie)(counsellor)
        socket = await _open(cookie, chat.public_id)
        await asyncio.sleep(2.5)  # the counsellor walked away; no frame from the console
        await youth.send_json_to({"type": "msg", "id": "secret-01", "body": "mijn adres is"})
        await frames_until_quiet(youth)
        return await frames_until_quiet(socket)

    frames = run_coroutine(scenario())
    assert frames == [{"type": "error", "reason": "session_idle"},
                      {"type": "closed", "code": 4403}]


def _denied(reason_part: str = "") -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(outcome="denied", object_type="chat.conversation",
                                              reason__contains=reason_part))


@ALWAYS
@override_settings(SESSION_IDLE_TIMEOUT=IDLE)
def test_every_refused_staff_socket_writes_one_denied_entry_with_its_access_point():
    counsellor = CounsellorFactory()
    chat = _picked_chat(counsellor)
    no_mfa = UserFactory(roles=[Role.CHAT_COUNSELLOR], mfa=False)
    cases = {
        "login": None,
        "role": staff_cookie(UserFactory(roles=[Role.CASE_WORKER])),
        "mfa": staff_cookie(no_mfa),
        "not_found": staff_cookie(CounsellorFactory()),
    }
    cases["session_idle"] = expired = staff_cookie(CounsellorFactory())
    _age_sessions(idle=IDLE + 5, cookie=expired)

    async def refused(cookie):
        headers = [*HEADERS] + ([(b"cookie", cookie.encode())] if cookie else [])
        socket = SocketCommunicator(
            __import__("uitweg.asgi", fromlist=["application"]).application,
            f"/ws/chat/staff/{chat.public_id}/", headers=headers)
        await socket.connect()
        return await frames_until_quiet(socket)

    for reason, cookie in cases.items():
        before = len(_denied())
        frames = run_coroutine(refused(cookie))
        assert frames[0] == {"type": "error", "reason": reason}, (reason, frames)
        assert frames[-1]["type"] == "closed"
        entries = _denied()[before:]
        assert len(entries) == 1, (reason, entries)
        entry = entries[0]
        assert entry.access_point == f"ws:/ws/chat/staff/{chat.public_id}/"
        assert reason in entry.reason
        assert entry.object_id == str(chat.public_id)
