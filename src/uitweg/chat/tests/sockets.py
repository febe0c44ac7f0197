"""Opening chat sockets in-process (in-memory channel layer) for the socket tests."""

from __future__ import annotations

from channels.db import database_sync_to_async
from django.test import override_settings

from uitweg.asgi import application
from uitweg.chat.testing.communicator import SocketCommunicator

ALWAYS = override_settings(CHAT_OPENING_HOURS="mon-sun 00:00-24:00",
                          CHAT_OUTREACH_OPENING_HOURS="mon-sun 00:00-24:00")
#: Every channel's public side (ADR 0110), for tests that must hold for each.
CHANNELS = ("youth", "outreach")
HEADERS = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]


def youth_socket() -> SocketCommunicator:
    return SocketCommunicator(application, "/ws/chat/youth/", headers=HEADERS)


def staff_cookie(user) -> str:
    """A logged-in session that passed MFA, as a cookie header value (sync)."""
    from django.test import Client

    from uitweg.testing.clients import force_login_with_mfa

    client = force_login_with_mfa(Client(), user)
    morsel = client.cookies["uitweg-session"]
    return f"{morsel.key}={morsel.value}"


def staff_socket_with(cookie: str, public_id) -> SocketCommunicator:
    return SocketCommunicator(application, f"/ws/chat/staff/{public_id}/",
                              headers=[*HEADERS, (b"cookie", cookie.encode())])


async def staff_socket(user, public_id) -> SocketCommunicator:
    cookie = await database_sync_to_async(staff_cookie)(user)
    return staff_socket_with(cookie, public_id)


async def start(socket, channel: str = "youth", code: str = ""):
    connected, _ = await socket.connect()
    assert connected
    await socket.send_json_to({"type": "start", "nickname": "Sam", "age_band": "16-17",
                               "channel": channel, "code": code})
    token = (await socket.receive_json_from())["token"]
    welcome = await socket.receive_json_from()
    queue = await socket.receive_json_from()
    return token, welcome, queue


async def frames_until_quiet(socket, timeout: float = 0.3) -> list[dict]:
    """Every frame the socket sends until it has been quiet for ``timeout`` seconds."""
    import json

    out = []
    while not await socket.receive_nothing(timeout):
        response = await socket.receive_output()
        if response["type"] == "websocket.close":
            out.append({"type": "closed", "code": response.get("code")})
            break
        out.append(json.loads(response["text"]))
    return out


async def frames_until(socket, done, timeout: float = 10.0) -> list[dict]:
    """Every frame the socket sends until ``done(frames)`` holds (or ``timeout`` seconds pass).

    Where a test knows which frames must come, it waits for them rather than for a quiet
    spell: a broadcast through the Redis channel layer on a loaded machine can take longer than
    any quiet spell a test would wait."""
    import asyncio
    import json

    out: list[dict] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not done(out) and loop.time() < deadline:
        try:
            response = await socket.receive_output(max(0.01, deadline - loop.time()))
        except TimeoutError:
            break
        if response["type"] == "websocket.close":
            out.append({"type": "closed", "code": response.get("code")})
            break
        out.append(json.loads(response["text"]))
    return out
