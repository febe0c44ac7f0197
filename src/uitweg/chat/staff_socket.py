"""A counsellor's (or supervisor's) socket for one conversation: the session decides, per frame.

Every frame is admitted by :func:`uitweg.accounts.admission.admit_socket` — the same policy the
pages use, on the session as it is stored *now* (idle and absolute timeouts, login, MFA, active
account, chat role) — plus the chat's own rule (:func:`uitweg.chat.permissions.handles`), in
the frame's own thread-pool hop and one query (ADR 0044). A
refusal sends ``{"type": "error", "reason": …}``, writes one denied access-log entry and closes
the socket. Broadcasts stop at the moment the session would run out (ADR 0033).
"""

from __future__ import annotations

import time
from types import SimpleNamespace

from channels.db import database_sync_to_async
from django.db import transaction

from uitweg.accounts import admission
from uitweg.audit import context as audit_context
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record, truncate_address
from uitweg.chat import permissions, services
from uitweg.chat.consumers import CLOSE_BLOCKED, CLOSE_NOT_FOUND, BaseChatConsumer, pooled_db
from uitweg.chat.models import Conversation, Sender

NOT_FOUND = "not_found"
#: Frames that show a person at the keyboard: they keep a live session alive (never a dead one).
ACTIVITY = frozenset({"msg", "typing"})


def _chat_now(pk: int) -> dict[str, tuple[str, list]]:
    """The chat's counsellor (and channel, organisation) as stored now, read with the session
    (``chat_found`` is NULL when the chat is gone)."""
    table = Conversation._meta.db_table

    def column(name: str) -> tuple[str, list]:
        return f"(SELECT {name} FROM {table} WHERE id = %s)", [pk]  # noqa: S608

    return {"chat_found": column("1"), "chat_counsellor_id": column("counsellor_id"),
            "chat_channel": column("channel"), "chat_organisation_id": column("organisation_id")}


class StaffConsumer(BaseChatConsumer):
    side = Sender.COUNSELLOR
    silent = False
    mine = False
    user = None
    deadline = 0.0
    pending: Conversation | None = None

    # --- admission -------------------------------------------------------------------------------
    @property
    def access_point(self) -> str:
        return f"ws:{self.scope.get('path', '')}"[:300]

    @property
    def public_id(self) -> str:
        return str(self.scope["url_route"]["kwargs"]["public_id"])

    def _session_key(self) -> str | None:
        session = self.scope.get("session")
        return getattr(session, "session_key", None) if session is not None else None

    def origin(self):
        """Entries written while handling this socket (also by services) name it."""
        return audit_context.access_point(self.access_point,
                                          client_address=self._client_network())

    async def connect(self):
        await self.accept()
        with self.origin():
            reason = await database_sync_to_async(self._admit)(opening=True, activity=False)
        if reason:
            await self.turn_away(reason)

    async def receive(self, text_data=None, bytes_data=None):
        with self.origin():
            await super().receive(text_data=text_data, bytes_data=bytes_data)

    def gate_has_work(self) -> bool:
        return True  # the admission, on every frame

    def gate(self, frame_type: str, *, count: bool) -> tuple[str, int]:
        """Admission first (in the frame's own hop, ADR 0044), then the frame limit."""
        reason = self._admit(opening=False, activity=frame_type in ACTIVITY)
        if reason:
            return reason, 0
        return super().gate(frame_type, count=count)

    async def may_receive(self) -> bool:
        """Cheap until the session's deadline; after it, ask the store (another tab may have
        kept the session alive) and close if it has really run out."""
        if self.closing:
            return False
        if time.time() < self.deadline:
            return True
        return await self.passed(await pooled_db(self.gate)("event", count=False))

    async def turn_away(self, reason: str) -> None:
        await self.send_json({"type": "error", "reason": reason})
        await self.shut(CLOSE_NOT_FOUND if reason == NOT_FOUND else CLOSE_BLOCKED)

    def _admit(self, *, opening: bool, activity: bool) -> str:
        """The refusal reason (after logging it), or ``""`` with this socket's state updated.

        After the opening, the session, the user, the second factor and the chat's counsellor
        are read in one query (``admit_socket`` with ``user_id`` and ``together``)."""
        pending = None if opening else self.pending
        together = {} if pending is None else _chat_now(pending.pk)
        decision, user, session = admission.admit_socket(
            self._session_key(), now=time.time(), roles=permissions.CHAT_ROLES,
            activity=activity, user_id=getattr(self.user, "pk", None), together=together)
        if not decision:
            return self._refused(user, decision.reason)
        if opening:
            conversation = (Conversation.objects.visible_to(user)
                            .filter(public_id=self.public_id).first())
        elif pending is not None and user.chat_found is not None:
            conversation = SimpleNamespace(
                pk=pending.pk, counsellor_id=user.chat_counsellor_id, channel=user.chat_channel,
                organisation_id=user.chat_organisation_id)
        else:
            conversation = None
        if conversation is None or not permissions.handles(user, conversation):
            return self._refused(user, NOT_FOUND)
        self.user = user
        self.mine = conversation.counsellor_id == user.pk
        joined_openly = bool(session.get(permissions.open_join_key(conversation)))
        self.silent = not permissions.may_write(user, conversation, joined_openly=joined_openly)
        self.deadline = admission.deadline(session)
        if opening:
            self.pending = conversation
            self._log_view(user, conversation)
        return ""

    def _client_network(self) -> str:
        return truncate_address((self.scope.get("client") or ("",))[0] or "")

    def _refused(self, user, reason: str) -> str:
        permissions.log_denied(
            user, None, action=Action.VIEW, reason=f"websocket: {reason}",
            access_point=self.access_point, object_id=self.public_id[:64],
            client_address=self._client_network())
        return reason

    def _log_view(self, user, conversation: Conversation) -> None:
        """One access-log entry for opening a transcript over the socket."""
        with transaction.atomic():
            record(actor=actor_for(user, access_point=self.access_point,
                                   client_address=self._client_network()),
                   action=Action.VIEW, object_type="chat.conversation",
                   object_id=conversation.pk, object_label=conversation.audit_label,
                   purpose=services.PURPOSE)

    # --- frames ----------------------------------------------------------------------------------
    def limit_user_id(self) -> int | None:
        return getattr(self.user, "pk", None)

    def may_send(self) -> bool:
        return not self.silent

    def author(self):
        return self.user

    async def on_resume(self, frame):
        if self.pending is None:
            raise services.ChatError(NOT_FOUND)
        if self.conversation is None:
            await self.join(self.pending, frame.get("last_seq"))
        else:
            await self.replay(frame.get("last_seq"))

    async def on_typing(self, frame):
        if not self.silent:
            await super().on_typing(frame)

    async def on_read(self, frame):
        if not self.silent:
            await super().on_read(frame)

    async def chat_status(self, event):
        await super().chat_status(event)
        if (self.mine and event.get("counsellor") is not None
                and event["counsellor"] != self.user.pk):
            await self.send_json({"type": "error", "reason": "transferred"})
            await self.shut(CLOSE_BLOCKED)
