"""A socket client with the browser client's delivery rules, for tests and the benchmark.

It keeps an outbox until each message id is acknowledged, reconnects with back-off, resumes
from the last contiguous number it holds, ignores repeats and asks for a replay on a gap or when
the server says there is ``more``; a message refused for good (a poison frame) leaves the
outbox, and a replay refused for the budget is asked again after the wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid

import websockets

from uitweg.chat.frames import POISON


class ReliableClient:
    def __init__(self, url: str, *, origin: str, cookie: str = "", token: str = ""):
        self.url = url
        self.headers = {"Cookie": cookie} if cookie else {}
        self.origin = origin
        self.token = token
        self.last_seq = 0
        self.log: list[dict] = []  # delivered messages, contiguous by seq
        self.pending: dict[int, dict] = {}
        self.outbox: dict[str, str] = {}  # id -> body, insertion ordered
        self.acked: dict[str, int] = {}
        self.errors: list[str] = []
        self.dropped: list[str] = []  # ids refused for good (never resent)
        self.status = ""
        self.ws = None
        self.connected = asyncio.Event()
        self.reconnects = 0
        self._task: asyncio.Task | None = None
        self._stop = False
        self.start_frame: dict | None = None
        self.on_message = None  # optional callback(frame)

    # --- life cycle ------------------------------------------------------------------------------
    def run(self) -> None:
        self._task = asyncio.ensure_future(self._loop())

    async def close(self) -> None:
        self._stop = True
        if self.ws is not None:
            await self.ws.close()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    async def _loop(self) -> None:
        delay = 0.05
        while not self._stop:
            try:
                async with websockets.connect(
                        self.url, origin=self.origin, additional_headers=self.headers,
                        open_timeout=5, ping_interval=None, max_size=2**20) as ws:
                    self.ws = ws
                    delay = 0.05
                    await self._hello(ws)
                    async for raw in ws:
                        await self._handle(json.loads(raw))
            except (TimeoutError, OSError, websockets.exceptions.WebSocketException):
                pass
            self.ws = None
            self.connected.clear()
            if self._stop:
                return
            self.reconnects += 1
            await asyncio.sleep(delay)
            delay = min(delay * 2, 1.0)

    async def _hello(self, ws) -> None:
        if self.token:
            await ws.send(json.dumps({"type": "resume", "token": self.token,
                                      "last_seq": self.last_seq}))
        elif self.start_frame is not None:
            await ws.send(json.dumps(self.start_frame))
        else:
            await ws.send(json.dumps({"type": "resume", "last_seq": self.last_seq}))

    # --- frames ----------------------------------------------------------------------------------
    async def _send(self, frame: dict) -> None:
        ws = self.ws
        if ws is not None:
            with contextlib.suppress(websockets.exceptions.WebSocketException, OSError):
                await ws.send(json.dumps(frame))

    async def _handle(self, frame: dict) -> None:
        kind = frame.get("type")
        if kind == "token":
            self.token = frame["token"]
        elif kind == "welcome":
            self.status = frame["status"]
            # Resend the outbox in order before anything new goes out (post() sends only once
            # connected): a message typed meanwhile joins the end of the outbox and is sent by
            # this loop, never ahead of an older one (ADR 0030: each side's order is kept).
            sent: set[str] = set()
            while pending := [(i, b) for i, b in list(self.outbox.items()) if i not in sent]:
                for client_id, body in pending:
                    sent.add(client_id)
                    await self._send({"type": "msg", "id": client_id, "body": body})
            self.connected.set()
        elif kind == "ack":
            self.acked[frame["id"]] = frame["seq"]
            self.outbox.pop(frame["id"], None)
        elif kind == "msg":
            await self._receive(frame)
        elif kind == "status":
            self.status = frame["status"]
        elif kind == "more":
            await self._send({"type": "sync", "last_seq": self.last_seq})
        elif kind == "error":
            self.errors.append(frame["reason"])
            if frame.get("id") in self.outbox and frame["reason"] in POISON:
                self.outbox.pop(frame["id"])
                self.dropped.append(frame["id"])
            if frame["reason"] == "replay_limit":
                asyncio.get_running_loop().call_later(
                    max(1, frame.get("retry_after", 1)),
                    lambda: asyncio.ensure_future(
                        self._send({"type": "sync", "last_seq": self.last_seq})))

    async def _receive(self, frame: dict) -> None:
        if frame["seq"] <= self.last_seq:
            return
        if frame["seq"] > self.last_seq + 1:
            if not self.pending:
                await self._send({"type": "sync", "last_seq": self.last_seq})
            self.pending[frame["seq"]] = frame
            return
        self._deliver(frame)
        while self.last_seq + 1 in self.pending:
            self._deliver(self.pending.pop(self.last_seq + 1))

    def _deliver(self, frame: dict) -> None:
        self.last_seq = frame["seq"]
        self.outbox.pop(frame["id"], None)
        self.log.append(frame)
        if self.on_message is not None:
            self.on_message(frame)

    async def post(self, body: str) -> str:
        client_id = uuid.uuid4().hex
        self.outbox[client_id] = body
        if self.connected.is_set():  # otherwise the welcome's resend sends it, in order
            await self._send({"type": "msg", "id": client_id, "body": body})
        return client_id
