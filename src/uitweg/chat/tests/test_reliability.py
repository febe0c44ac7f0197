"""Guaranteed delivery against a real server that is killed hard and restarted twice.

A young person sends 1,000 messages (and the counsellor 100 replies) while the uvicorn process is
SIGKILLed twice mid-stream. Afterwards every acknowledged message exists exactly once, in send
order, in the database and in what both clients hold. For every channel (ADR 0110): the youth
chat with a chat counsellor, the outreach chat with an outreach worker.
"""

import asyncio
import json
import os
import time

import pytest

from uitweg.chat.testing.client import ReliableClient
from uitweg.chat.testing.server import ChatServer
from uitweg.testing.aio import run_coroutine

MESSAGES = 1000
REPLIES = 100


def _transcript(server: ChatServer, public_id: str) -> list[dict]:
    out = server.manage(f"""
import json
from uitweg.chat.models import Message
rows = Message.objects.filter(conversation__public_id={public_id!r}).order_by("seq")
print(json.dumps([[m.seq, m.client_id, m.sender] for m in rows]))
""")
    return [{"seq": s, "id": i, "from": f} for s, i, f in json.loads(out.strip().splitlines()[-1])]


async def _scenario(server: ChatServer, cookie: str, channel: str) -> dict:
    origin = server.url
    youth = ReliableClient(server.ws_url + "/ws/chat/youth/", origin=origin)
    youth.start_frame = {"type": "start", "nickname": "", "age_band": "16-17", "channel": channel}
    youth.run()
    await asyncio.wait_for(youth.connected.wait(), 20)
    out = await asyncio.to_thread(server.manage, (
        "from uitweg.chat import services; from uitweg.accounts.models import User; "
        "print(services.pick_next(counsellor=User.objects.get(username='rel')).public_id)"))
    public_id = out.strip().splitlines()[-1]
    staff = ReliableClient(f"{server.ws_url}/ws/chat/staff/{public_id}/", origin=origin,
                           cookie=cookie)
    staff.run()
    await asyncio.wait_for(staff.connected.wait(), 20)

    sent_youth: list[str] = []
    sent_staff: list[str] = []
    kills = 0
    for n in range(MESSAGES):
        while len(youth.outbox) > 50:  # a bounded window of unacknowledged messages
            await asyncio.sleep(0.01)
        sent_youth.append(await youth.post(f"youth message {n}"))
        if n % 10 == 5:
            sent_staff.append(await staff.post(f"counsellor reply {n}"))
        if n in (300, 650):
            await asyncio.to_thread(server.kill)
            kills += 1
            await asyncio.sleep(0.3)  # messages typed while the server is down stay queued
            await asyncio.to_thread(server.start)
        await asyncio.sleep(0)
    deadline = time.monotonic() + 60
    while (youth.outbox or staff.outbox) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    expected = MESSAGES + REPLIES + 1  # + the "counsellor joined" line
    while ((youth.last_seq < expected or staff.last_seq < expected)
           and time.monotonic() < deadline):
        await asyncio.sleep(0.1)
    await youth.close()
    await staff.close()
    return {"youth": youth, "staff": staff, "sent_youth": sent_youth, "sent_staff": sent_staff,
            "public_id": public_id, "kills": kills}


#: channel -> the role that answers it
ANSWERED_BY = {"youth": "chat_counsellor", "outreach": "outreach_worker"}


@pytest.mark.parametrize("channel", sorted(ANSWERED_BY))
def test_no_acknowledged_message_is_lost_duplicated_or_reordered_across_two_kills(channel):
    # With Redis: two worker processes serve the conversation (the young person and the
    # counsellor may sit on different workers). The flood limit is for people; this client
    # types a thousand messages in seconds.
    redis_url = os.environ.get("REDIS_URL", "")
    with ChatServer(redis_url=redis_url, workers=2 if redis_url else 1,
                    extra_env={"CHAT_MESSAGES_PER_MINUTE": "100000"}) as server:
        server.migrate()
        cookie = server.staff_session("rel", [ANSWERED_BY[channel]])["cookie"]
        server.start()
        started = time.monotonic()
        result = run_coroutine(_scenario(server, cookie, channel))
        elapsed = time.monotonic() - started
        print(f"{elapsed:.1f} s, reconnects youth {result['youth'].reconnects} "
              f"staff {result['staff'].reconnects}, errors {result['youth'].errors[:5]}")
        transcript = _transcript(server, result["public_id"])
        stored_channel = server.manage(
            "from uitweg.chat.models import Conversation; "
            f"print(Conversation.objects.get(public_id={result['public_id']!r}).channel)")
        server.stop()

    youth, staff = result["youth"], result["staff"]
    assert stored_channel.strip().splitlines()[-1] == channel
    assert result["kills"] == 2
    assert youth.reconnects >= 2 and staff.reconnects >= 2
    assert not youth.outbox and not staff.outbox, "every message was acknowledged in the end"
    assert set(youth.acked) == set(result["sent_youth"])
    assert set(staff.acked) == set(result["sent_staff"])

    ids = [m["id"] for m in transcript]
    assert [m["seq"] for m in transcript] == list(range(1, len(transcript) + 1))
    assert len(ids) == len(set(ids)), "no message stored twice"
    assert len(transcript) == MESSAGES + REPLIES + 1
    # Each side's messages are stored in the order they were sent.
    assert [m["id"] for m in transcript if m["from"] == "youth"] == result["sent_youth"]
    assert [m["id"] for m in transcript if m["from"] == "counsellor"] == result["sent_staff"]
    # Both clients hold exactly the stored transcript: once each, in order.
    for client in (youth, staff):
        assert [(m["seq"], m["id"]) for m in client.log] == [(m["seq"], m["id"])
                                                              for m in transcript]
    # Acknowledged numbers are the stored numbers.
    by_id = {m["id"]: m["seq"] for m in transcript}
    assert all(by_id[i] == seq for i, seq in youth.acked.items())
    assert elapsed < 120
