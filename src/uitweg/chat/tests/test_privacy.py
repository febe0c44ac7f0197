"""No IP address reaches the database or the log output during a whole chat."""

import asyncio
import sqlite3
import urllib.parse
import urllib.request

import pytest

from uitweg.chat.testing.client import ReliableClient
from uitweg.chat.testing.server import ChatServer
from uitweg.testing.aio import run_coroutine

ADDRESSES = ("127.0.0.1", "::1", "0:0:0:0:0:0:0:1")


def _http(server, path, *, data=None, cookie=""):
    request = urllib.request.Request(server.url + path, data=data,  # noqa: S310 - loopback
                                     headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return response.status, response.read().decode(), dict(response.headers)


async def _chat(server, cookie, channel):
    youth = ReliableClient(server.ws_url + "/ws/chat/youth/", origin=server.url)
    youth.start_frame = {"type": "start", "nickname": "Mo", "age_band": "12-15",
                         "channel": channel}
    youth.run()
    await asyncio.wait_for(youth.connected.wait(), 20)
    out = await asyncio.to_thread(server.manage, (
        "from uitweg.chat import services; from uitweg.accounts.models import User; "
        "print(services.pick_next(counsellor=User.objects.get(username='priv')).public_id)"))
    public_id = out.strip().splitlines()[-1]
    staff = ReliableClient(f"{server.ws_url}/ws/chat/staff/{public_id}/", origin=server.url,
                           cookie=cookie)
    staff.run()
    await asyncio.wait_for(staff.connected.wait(), 20)
    await youth.post("my boss keeps my passport")
    await staff.post("that is not allowed; let's talk about what you can do")
    for _ in range(100):
        if youth.last_seq >= 3 and staff.last_seq >= 3:
            break
        await asyncio.sleep(0.05)
    await staff.close()
    status, _, _ = await asyncio.to_thread(
        _http, server, "/chat/end/", data=urllib.parse.urlencode({"token": youth.token}).encode())
    assert status == 204
    await youth.close()
    return public_id


def _database_dump(server) -> str:
    path = server.database_url.removeprefix("sqlite:///")
    connection = sqlite3.connect(path)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


#: channel -> (its public page, the role that answers it) (ADR 0110)
CHANNELS = {"youth": ("/chat/", "chat_counsellor"),
            "outreach": ("/chat/outreach/", "outreach_worker")}


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_no_ip_address_in_database_or_logs_after_a_chat(channel):
    page, role = CHANNELS[channel]
    with ChatServer(extra_env={"LOG_LEVEL": "DEBUG"}) as server:
        server.migrate()
        cookie = server.staff_session("priv", [role])["cookie"]
        server.start()
        status, _page, headers = _http(server, page)
        assert status == 200 and "Set-Cookie" not in headers
        _http(server, "/en" + page)
        public_id = run_coroutine(_chat(server, cookie, channel))
        _, staff_page, _ = _http(server, f"/staff/chat/c/{public_id}/", cookie=cookie)
        assert 'id="chat-app"' in staff_page  # the counsellor's page really was served
        server.stop()
        log = server.log()
        dump = (_database_dump(server) if server.database_url.startswith("sqlite")
                else server.manage("from django.core.management import call_command; "
                                   "call_command('dumpdata', indent=0)"))
    assert "WebSocket /ws/chat/youth/" in log, "the server did log the connection"
    assert "chat_message" in dump or "chat.message" in dump
    assert "audit" in dump
    for address in ADDRESSES:
        assert address not in log, f"{address} in the server log"
        assert address not in dump, f"{address} in the database"
