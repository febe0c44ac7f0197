"""The sockets against bad input, foreign conversations and missing roles (in-memory layer)."""

import json

import pytest
from channels.db import database_sync_to_async
from django.test import override_settings

from uitweg.accounts.roles import Role
from uitweg.asgi import application
from uitweg.chat import services
from uitweg.chat.models import Message, Status
from uitweg.chat.testing.communicator import SocketCommunicator as WebsocketCommunicator
from uitweg.chat.tests.factories import CounsellorFactory
from uitweg.chat.tests.sockets import ALWAYS, HEADERS, staff_socket, start, youth_socket
from uitweg.testing.aio import run_coroutine
from uitweg.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")]


@ALWAYS
def test_start_send_ack_and_resume_from_last_number():
    async def scenario():
        youth = youth_socket()
        token, welcome, queue = await start(youth)
        assert welcome["status"] == "waiting" and queue["position"] == 1
        await youth.send_json_to({"type": "msg", "id": "m-0000001", "body": "hallo"})
        assert await youth.receive_json_from() == {"type": "ack", "id": "m-0000001", "seq": 1}
        assert (await youth.receive_json_from())["body"] == "hallo"
        await youth.send_json_to({"type": "msg", "id": "m-0000001", "body": "hallo"})
        assert await youth.receive_json_from() == {"type": "ack", "id": "m-0000001", "seq": 1}
        assert await youth.receive_nothing(0.2)
        await youth.disconnect()

        again = youth_socket()
        await again.connect()
        await again.send_json_to({"type": "resume", "token": token, "last_seq": 0})
        assert (await again.receive_json_from())["type"] == "welcome"
        replay = await again.receive_json_from()
        assert (replay["type"], replay["seq"], replay["body"]) == ("msg", 1, "hallo")
        await again.disconnect()

    run_coroutine(scenario())
    assert Message.objects.count() == 1


@ALWAYS
@override_settings(CHAT_MAX_MESSAGE_CHARS=50)
def test_bad_frames_are_refused_with_a_reason_and_never_crash():
    async def scenario():
        youth = youth_socket()
        await youth.connect()
        await youth.send_to(text_data="{not json")
        assert (await youth.receive_json_from())["reason"] == "malformed"
        await youth.send_json_to(["a", "list"])
        assert (await youth.receive_json_from())["reason"] == "malformed"
        await youth.send_json_to({"type": "drop_tables"})
        assert (await youth.receive_json_from())["reason"] == "unknown_type"
        await youth.send_json_to({"type": "msg", "id": "m-0000001", "body": "x"})
        assert (await youth.receive_json_from())["reason"] == "no_conversation"
        await youth.send_json_to({"type": "resume", "token": "forged" * 5, "last_seq": 0})
        assert (await youth.receive_json_from())["reason"] == "unknown_token"
        await youth.send_json_to({"type": "start"})
        await youth.receive_json_from()  # token
        await youth.receive_json_from()  # welcome
        await youth.receive_json_from()  # queue
        await youth.send_json_to({"type": "msg", "id": "m-0000002", "body": "x" * 51})
        assert (await youth.receive_json_from())["reason"] == "too_long"
        await youth.send_json_to({"type": "msg", "id": "no spaces!", "body": "x"})
        assert (await youth.receive_json_from())["reason"] == "bad_id"
        await youth.send_json_to({"type": "read", "seq": "all"})
        assert (await youth.receive_json_from())["reason"] == "malformed"
        await youth.send_to(text_data=json.dumps({"type": "msg", "body": "x" * 20000}))
        assert (await youth.receive_json_from())["reason"] == "frame_too_big"
        assert (await youth.receive_output())["type"] == "websocket.close"

    run_coroutine(scenario())


@ALWAYS
@override_settings(CHAT_MESSAGES_PER_MINUTE=3)
def test_a_flood_is_refused():
    async def scenario():
        youth = youth_socket()
        await start(youth)
        reasons = []
        for n in range(5):
            await youth.send_json_to({"type": "msg", "id": f"flood-{n:04d}", "body": "spam"})
            frame = await youth.receive_json_from()
            if frame["type"] == "ack":
                await youth.receive_json_from()  # the broadcast copy
            reasons.append(frame.get("reason", frame["type"]))
        await youth.disconnect()
        return reasons

    assert run_coroutine(scenario()) == ["ack", "ack", "ack", "rate", "rate"]


@ALWAYS
def test_a_blocked_token_reconnecting_is_closed():
    counsellor = CounsellorFactory()

    async def scenario():
        youth = youth_socket()
        token, _, _ = await start(youth)
        await youth.disconnect()
        chat = await database_sync_to_async(services.conversation_for_token)(token)
        await database_sync_to_async(services.pick_next)(counsellor=counsellor)
        await database_sync_to_async(services.block)(conversation=chat, user=counsellor,
                                                     hours=1)
        again = youth_socket()
        await again.connect()
        await again.send_json_to({"type": "resume", "token": token, "last_seq": 0})
        assert (await again.receive_json_from())["reason"] == "blocked"
        closed = await again.receive_output()
        assert closed == {"type": "websocket.close", "code": 4403}

    run_coroutine(scenario())


@ALWAYS
def test_staff_socket_needs_the_role_and_the_counsellor_of_the_chat():
    counsellor, other = CounsellorFactory(), CounsellorFactory()
    caseworker = UserFactory(roles=[Role.CASE_WORKER])

    async def scenario():
        youth = youth_socket()
        await start(youth)
        chat = await database_sync_to_async(services.pick_next)(counsellor=counsellor)
        await youth.receive_json_from()  # status active
        results = {}
        for name, user in (("caseworker", caseworker), ("other", other)):
            socket = await staff_socket(user, chat.public_id)
            await socket.connect()
            results[name] = (await socket.receive_json_from())["reason"]
            assert (await socket.receive_output())["type"] == "websocket.close"
        anonymous = WebsocketCommunicator(application, f"/ws/chat/staff/{chat.public_id}/",
                                          headers=HEADERS)
        await anonymous.connect()
        results["anonymous"] = (await anonymous.receive_json_from())["reason"]

        mine = await staff_socket(counsellor, chat.public_id)
        await mine.connect()
        await mine.send_json_to({"type": "resume", "last_seq": 0})
        assert (await mine.receive_json_from())["type"] == "welcome"
        assert (await mine.receive_json_from())["body"] == "counsellor_joined"
        await mine.send_json_to({"type": "msg", "id": "c-0000001", "body": "Hoi!"})
        assert (await mine.receive_json_from())["type"] == "ack"
        youth_msgs = [await youth.receive_json_from() for _ in range(2)]
        assert youth_msgs[-1]["body"] == "Hoi!" and youth_msgs[-1]["from"] == "counsellor"
        await youth.send_json_to({"type": "typing"})
        assert (await mine.receive_json_from())["type"] == "msg"  # own broadcast copy
        assert await mine.receive_json_from() == {"type": "typing", "from": "youth"}
        await youth.send_json_to({"type": "end"})
        await mine.receive_json_from()  # the system line
        assert (await mine.receive_json_from())["status"] == Status.ENDED
        await mine.disconnect()
        return results

    assert run_coroutine(scenario()) == {"caseworker": "role", "other": "not_found",
                                       "anonymous": "login"}


@override_settings(CHAT_OPENING_HOURS="mon-sun 00:00-00:01")
def test_outside_opening_hours_no_chat_starts():
    async def scenario():
        youth = youth_socket()
        await youth.connect()
        await youth.send_json_to({"type": "start"})
        return await youth.receive_json_from()

    from freezegun import freeze_time

    with freeze_time("2026-11-30 12:00"):
        assert run_coroutine(scenario())["reason"] == "closed"


def _last_seen_ten_minutes_ago():
    import time

    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from uitweg.accounts.middleware import LAST_SEEN

    for row in Session.objects.all():
        store = SessionStore(session_key=row.session_key)
        store[LAST_SEEN] = time.time() - 600
        store.save()


@ALWAYS
def test_a_counsellor_chatting_only_over_the_socket_keeps_the_session_alive():
    from django.contrib.sessions.models import Session

    from uitweg.accounts.middleware import LAST_SEEN

    counsellor = CounsellorFactory()

    async def scenario():
        youth = youth_socket()
        await start(youth)
        chat = await database_sync_to_async(services.pick_next)(counsellor=counsellor)
        mine = await staff_socket(counsellor, chat.public_id)
        await database_sync_to_async(_last_seen_ten_minutes_ago)()
        await mine.connect()
        await mine.send_json_to({"type": "resume", "last_seq": 0})
        await mine.receive_json_from()
        await mine.receive_json_from()
        await mine.send_json_to({"type": "msg", "id": "c-0000009", "body": "Hoi"})
        assert (await mine.receive_json_from())["type"] == "ack"
        await mine.disconnect()

    before = __import__("time").time()
    run_coroutine(scenario())
    session = Session.objects.get()
    assert session.get_decoded()[LAST_SEEN] >= before
