"""The console's queue socket: "the queue changed", pushed instead of polled (issue 10).

It carries no data at all — only ``{"type": "queue"}`` when a chat joins or leaves the queue —
and the page then fetches the queue through its audited view (``chat:queue``), so what a user
sees and what the access log records stay exactly as for the page. Admission is the one policy
of pages and sockets (ADR 0033): checked at connect, on every frame and, after the session's
deadline, before a push; a refusal is logged once and closes with 4403.
"""

from __future__ import annotations

import json
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from uitweg.accounts import admission
from uitweg.audit.models import Action
from uitweg.audit.service import truncate_address
from uitweg.chat import availability, permissions
from uitweg.chat.consumers import CLOSE_BLOCKED
from uitweg.chat.services import QUEUE_GROUP, STAFF_QUEUE_GROUP

ACCESS_POINT = "ws:/ws/chat/staff/queue/"


class QueueConsumer(AsyncWebsocketConsumer):
    deadline = 0.0
    user_id: int | None = None
    closing = False
    counted = False  # counted in as available (uitweg.chat.availability)

    async def connect(self):
        await self.accept()
        if await self.admitted():
            await self.channel_layer.group_add(STAFF_QUEUE_GROUP, self.channel_name)
            self.counted = True
            if await database_sync_to_async(availability.console_opened)(user_id=self.user_id):
                await self.staffing_changed()

    async def receive(self, text_data=None, bytes_data=None):
        """Any frame is a ping: re-admitted, answered with ``pong``."""
        if not self.closing and await self.admitted():
            await database_sync_to_async(availability.console_heard)(user_id=self.user_id)
            await self.send_json({"type": "pong"})

    async def queue_changed(self, event):
        if self.closing:
            return
        if time.time() >= self.deadline and not await self.admitted():
            return
        await self.send_json({"type": "queue"})

    async def disconnect(self, code):
        self.closing = True
        await self.channel_layer.group_discard(STAFF_QUEUE_GROUP, self.channel_name)
        await self.count_out()

    async def count_out(self) -> None:
        if self.counted:
            self.counted = False
            if await database_sync_to_async(availability.console_closed)(user_id=self.user_id):
                await self.staffing_changed()

    async def staffing_changed(self) -> None:
        """Someone became (un)available: the waiting young people's estimates are recomputed."""
        await self.channel_layer.group_send(QUEUE_GROUP, {"type": "queue.staffing"})

    async def send_json(self, payload: dict) -> None:
        if not self.closing:
            await self.send(text_data=json.dumps(payload, separators=(",", ":")))

    async def admitted(self) -> bool:
        reason = await database_sync_to_async(self._admit)()
        if not reason:
            return True
        await self.send_json({"type": "error", "reason": reason})
        self.closing = True
        await self.count_out()
        await self.close(code=CLOSE_BLOCKED)
        return False

    def _admit(self) -> str:
        session = self.scope.get("session")
        key = getattr(session, "session_key", None) if session is not None else None
        decision, user, stored = admission.admit_socket(
            key, now=time.time(), roles=permissions.CHAT_ROLES, user_id=self.user_id)
        if not decision:
            permissions.log_denied(
                user, None, action=Action.VIEW, reason=f"websocket: {decision.reason}",
                access_point=ACCESS_POINT,
                client_address=truncate_address((self.scope.get("client") or ("",))[0] or ""))
            return decision.reason
        self.deadline = admission.deadline(stored)
        self.user_id = user.pk  # the next admission reads everything in one query (ADR 0044)
        return ""
