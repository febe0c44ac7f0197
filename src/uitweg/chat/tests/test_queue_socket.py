"""The console's queue is pushed over a socket (issue 10, item 11): a signal without data, the
page fetches the queue through its audited view; the socket obeys the session like the others."""

import pytest
from channels.db import database_sync_to_async

from uitweg.accounts.roles import Role
from uitweg.asgi import application
from uitweg.audit.models import AccessLogEntry
from uitweg.chat import services
from uitweg.chat.testing.communicator import SocketCommunicator
from uitweg.chat.tests.factories import CounsellorFactory
from uitweg.chat.tests.sockets import HEADERS, staff_cookie
from uitweg.testing.aio import run_coroutine
from uitweg.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True),
              pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")]


def queue_socket(cookie: str) -> SocketCommunicator:
    return SocketCommunicator(application, "/ws/chat/staff/queue/",
                              headers=[*HEADERS, (b"cookie", cookie.encode())])


def test_a_new_chat_a_pick_and_an_end_are_pushed_to_the_console_without_data():
    counsellor = CounsellorFactory()
    cookie = staff_cookie(counsellor)

    async def scenario():
        console = queue_socket(cookie)
        connected, _ = await console.connect()
        assert connected
        await database_sync_to_async(services.start_conversation)()
        assert await console.receive_json_from() == {"type": "queue"}  # nothing else in it
        await database_sync_to_async(services.pick_next)(counsellor=counsellor)
        assert await console.receive_json_from() == {"type": "queue"}
        other, _token = await database_sync_to_async(services.start_conversation)()
        assert await console.receive_json_from() == {"type": "queue"}
        await database_sync_to_async(services.end_conversation)(
            conversation_id=other.pk, reason="quick_exit")
        assert await console.receive_json_from() == {"type": "queue"}
        await console.send_json_to({"type": "ping"})
        assert await console.receive_json_from() == {"type": "pong"}
        await console.disconnect()

    run_coroutine(scenario())


def test_the_queue_socket_refuses_other_roles_and_logs_it():
    cookie = staff_cookie(UserFactory(roles=[Role.CASE_WORKER]))

    async def scenario():
        console = queue_socket(cookie)
        await console.connect()
        assert await console.receive_json_from() == {"type": "error", "reason": "role"}
        closed = await console.receive_output()
        assert closed == {"type": "websocket.close", "code": 4403}
        await database_sync_to_async(services.start_conversation)()
        assert await console.receive_nothing(0.3)

    run_coroutine(scenario())
    denied = AccessLogEntry.objects.filter(outcome="denied")
    assert [e.access_point for e in denied] == ["ws:/ws/chat/staff/queue/"]
