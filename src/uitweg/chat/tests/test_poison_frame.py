"""A poison frame against a real server (issue 9, finding 6): refused once with a reason, dropped
from the protocol-following client's outbox, never resent after reconnects, no traceback."""

import asyncio
import json

from uitweg.chat.testing.client import ReliableClient
from uitweg.chat.testing.server import ChatServer
from uitweg.testing.aio import run_coroutine


async def _scenario(server: ChatServer) -> ReliableClient:
    youth = ReliableClient(server.ws_url + "/ws/chat/youth/", origin=server.url)
    youth.start_frame = {"type": "start", "nickname": "", "age_band": "16-17"}
    youth.run()
    await asyncio.wait_for(youth.connected.wait(), 20)
    poison = await youth.post("half an emoji \ud83d")  # json.dumps sends it as "\ud83d"
    nested = "nested-00000001"
    youth.outbox[nested] = "x"  # as if the client had sent the frame below
    assert youth.ws is not None
    await youth.ws.send('{"type": "msg", "id": "%s", "body": %s}'
                        % (nested, "[" * 4000 + "]" * 4000))
    good = await youth.post("and this one is fine")
    for _ in range(100):
        if not youth.outbox:
            break
        await asyncio.sleep(0.05)
    # A reconnect resends the outbox: nothing poisonous is left in it.
    await asyncio.to_thread(server.kill)
    await asyncio.to_thread(server.start)
    await asyncio.wait_for(youth.connected.wait(), 20)
    await asyncio.sleep(1)
    await youth.close()
    youth.poison, youth.good, youth.nested = poison, good, nested
    return youth


def test_a_poison_frame_is_refused_once_and_dropped_from_the_outbox():
    with ChatServer() as server:
        server.migrate()
        server.start()
        youth = run_coroutine(_scenario(server))
        log = server.log()
        stored = server.manage(
            "import json; from uitweg.chat.models import Message; "
            "print(json.dumps(list(Message.objects.values_list('client_id', flat=True))))")
        server.stop()
    assert youth.dropped == [youth.poison, youth.nested]
    assert youth.good in youth.acked
    assert not youth.outbox
    assert youth.errors == ["bad_frame", "bad_frame"]  # once each, not again after reconnecting
    assert youth.reconnects >= 1
    assert "Traceback" not in log
    assert json.loads(stored.strip().splitlines()[-1]) == [youth.good]
