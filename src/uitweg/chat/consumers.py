"""Websocket consumers of the chat: one for the young person, one for staff per conversation.

Frames are JSON objects with a ``type``. Client → server: ``start``, ``resume``, ``msg``,
``typing``, ``read``, ``end``, ``ping``. Server → client: ``welcome``, ``msg``, ``ack``,
``status``, ``queue``, ``typing``, ``read``, ``error`` (with a ``reason``), ``pong``.
See docs/chat.md for the protocol and the delivery guarantees.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import time

from asgiref.sync import sync_to_async
from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connection

from uitweg.accounts.middleware import LAST_SEEN, LOGIN_AT
from uitweg.accounts.roles import Role
from uitweg.audit.models import Action, Outcome
from uitweg.chat import services
from uitweg.chat.models import Conversation, Sender, Status
from uitweg.core.middleware import client_hash

logger = logging.getLogger(__name__)

MAX_FRAME_CHARS = 16_000
MAX_ERRORS = 20
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
TYPING_INTERVAL = 2.0
CLOSE_BLOCKED = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_TOO_BIG = 4009
CLOSE_ABUSE = 4429

def _on_kept_connection(func):
    """Run ``func`` on this thread's database connection and keep it open afterwards.

    The foundation closes connections after every use (CONN_MAX_AGE=0), which for a chat
    message means a new PostgreSQL backend per message. The message path runs on a small fixed
    set of executor threads, so each keeps one connection (a pool of threads x workers); a
    connection that failed is closed and reopened on the next use. Off with
    CHAT_KEEP_DB_CONNECTIONS=0.
    """
    @functools.wraps(func)
    def inner(*args, **kwargs):
        if not settings.CHAT_KEEP_DB_CONNECTIONS:
            close_old_connections()
            try:
                return func(*args, **kwargs)
            finally:
                close_old_connections()
        if connection.connection is not None and connection.errors_occurred:
            if not connection.is_usable():
                connection.close()
            connection.errors_occurred = False
        try:
            return func(*args, **kwargs)
        except (OperationalError, InterfaceError):
            connection.close()
            raise

    return inner


def pooled_db(func):
    """Message traffic: the thread pool (not the single thread-sensitive executor), so one slow
    query does not hold up every other conversation; connections kept (see above)."""
    return sync_to_async(_on_kept_connection(func), thread_sensitive=False)


def _hello(conversation: Conversation) -> dict:
    return {"type": "welcome", "conversation": str(conversation.public_id),
            "status": conversation.status, "last_seq": conversation.last_seq,
            "youth_read": conversation.youth_read_seq,
            "counsellor_read": conversation.counsellor_read_seq}


def _frame(event: dict) -> dict:
    return {k: v for k, v in event.items() if k != "type"}


class BaseChatConsumer(AsyncWebsocketConsumer):
    side: str = Sender.YOUTH

    conversation: Conversation | None = None
    errors = 0
    last_typing = 0.0

    async def dispatch(self, message):
        """Channels' dispatch, without its ``aclose_old_connections()`` before every event.

        That call hops to the one thread-sensitive executor thread of the process, so with
        thousands of sockets every frame and every broadcast queued behind that single thread
        (the tail of the delivery latency). Database work here runs through
        ``database_sync_to_async`` or ``pooled_db``, which manage their own connections.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def send_json(self, payload: dict) -> None:
        await self.send(text_data=json.dumps(payload, separators=(",", ":")))

    async def refuse(self, reason: str, **extra) -> None:
        self.errors += 1
        await self.send_json({"type": "error", "reason": reason, **extra})
        if self.errors > MAX_ERRORS:
            await self.close(code=CLOSE_ABUSE)

    async def receive(self, text_data=None, bytes_data=None):
        if text_data is None:
            return await self.refuse("malformed")
        if len(text_data) > MAX_FRAME_CHARS:
            await self.send_json({"type": "error", "reason": "frame_too_big"})
            return await self.close(code=CLOSE_TOO_BIG)
        try:
            frame = json.loads(text_data)
        except ValueError:
            return await self.refuse("malformed")
        if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
            return await self.refuse("malformed")
        handler = getattr(self, f"on_{frame['type']}", None)
        if handler is None:
            return await self.refuse("unknown_type")
        try:
            await handler(frame)
        except services.ChatError as exc:
            await self.refuse(exc.code, id=frame.get("id"))
        except Conversation.DoesNotExist:
            await self.refuse("not_found")

    async def on_ping(self, frame):
        """Heartbeat. With ``last_seq`` it doubles as a cheap catch-up: a broadcast lost on the
        way (a full channel-layer queue drops group messages) is replayed from the database."""
        await self.send_json({"type": "pong"})
        if self.conversation is not None and isinstance(frame.get("last_seq"), int):
            await self.replay(frame["last_seq"])

    # --- shared message handling -------------------------------------------------------------
    async def join(self, conversation: Conversation, last_seq) -> None:
        """Join the fan-out group first, then replay from the database: nothing falls between."""
        self.conversation = conversation
        await self.channel_layer.group_add(conversation.group_name, self.channel_name)
        await self.send_json(_hello(conversation))
        await self.replay(last_seq)

    async def replay(self, last_seq) -> None:
        if not isinstance(last_seq, int) or last_seq < 0:
            last_seq = 0
        while True:
            batch = await pooled_db(services.messages_after)(
                self.conversation.pk, last_seq)
            for message in batch:
                await self.send_json(_frame(services.message_event(message)) | {"type": "msg"})
            if len(batch) < 500:
                break
            last_seq = batch[-1].seq

    async def on_sync(self, frame):
        """The client saw a gap in the numbers: send everything after what it holds."""
        if self.conversation is None:
            raise services.ChatError("no_conversation")
        await self.replay(frame.get("last_seq"))

    def may_send(self) -> bool:
        return True

    async def on_msg(self, frame):
        if self.conversation is None:
            raise services.ChatError("no_conversation")
        client_id, body = frame.get("id"), frame.get("body")
        if not isinstance(client_id, str) or not CLIENT_ID.match(client_id):
            raise services.ChatError("bad_id")
        if not isinstance(body, str) or not body.strip():
            return await self.refuse("empty", id=client_id)
        if len(body) > settings.CHAT_MAX_MESSAGE_CHARS:
            return await self.refuse("too_long", id=client_id)
        if not self.may_send():
            return await self.refuse("rate", id=client_id)
        posted = await pooled_db(services.post_message)(
            conversation_id=self.conversation.pk, sender=self.side, client_id=client_id,
            body=body.strip(), author=self.author(), broadcast=False)
        await self.send_json({"type": "ack", "id": client_id, "seq": posted.message.seq})
        if posted.created:
            await self.channel_layer.group_send(
                self.conversation.group_name, services.message_event(posted.message))

    def author(self):
        return None

    async def on_typing(self, frame):
        if self.conversation is None:
            return
        now = time.monotonic()
        if now - self.last_typing < TYPING_INTERVAL:
            return
        self.last_typing = now
        await self.channel_layer.group_send(
            self.conversation.group_name, {"type": "chat.typing", "from": self.side})

    async def on_read(self, frame):
        seq = frame.get("seq")
        if self.conversation is None or not isinstance(seq, int) or seq < 0:
            raise services.ChatError("malformed")
        seq = await pooled_db(services.mark_read)(
            conversation_id=self.conversation.pk, side=self.side, seq=seq)
        await self.channel_layer.group_send(
            self.conversation.group_name, {"type": "chat.read", "from": self.side, "seq": seq})

    # --- group events ----------------------------------------------------------------------------
    async def chat_message(self, event):
        await self.send_json(_frame(event) | {"type": "msg"})

    async def chat_typing(self, event):
        if event["from"] != self.side:
            await self.send_json({"type": "typing", "from": event["from"]})

    async def chat_read(self, event):
        await self.send_json({"type": "read", "from": event["from"], "seq": event["seq"]})

    async def chat_status(self, event):
        await self.send_json({"type": "status", "status": event["status"]})

    async def disconnect(self, code):
        if self.conversation is not None:
            await self.channel_layer.group_discard(self.conversation.group_name,
                                                   self.channel_name)
        await self.channel_layer.group_discard(services.QUEUE_GROUP, self.channel_name)


class YouthConsumer(BaseChatConsumer):
    """The young person's socket: no cookie, no account; a session token in the first frame."""

    side = Sender.YOUTH
    position = 0
    minutes_per_place = 0

    async def connect(self):
        address = (self.scope.get("client") or ("",))[0] or ""
        # The address lives only in this local; the keyed daily hash goes to the cache only.
        self.client_hash = client_hash(address)
        self.sent_times: list[float] = []
        await self.accept()

    def may_send(self) -> bool:
        now = time.monotonic()
        self.sent_times = [t for t in self.sent_times if now - t < 60] + [now]
        return len(self.sent_times) <= settings.CHAT_MESSAGES_PER_MINUTE

    async def on_start(self, frame):
        if self.conversation is not None:
            raise services.ChatError("already_started")
        nickname, age_band = frame.get("nickname") or "", frame.get("age_band") or ""
        if not isinstance(nickname, str) or not isinstance(age_band, str):
            raise services.ChatError("malformed")
        from uitweg.chat.models import AgeBand

        if age_band not in AgeBand.values:
            age_band = ""
        language = frame.get("lang") if frame.get("lang") in ("nl", "en") else "nl"
        result = await database_sync_to_async(self._start)(nickname, age_band, language)
        if isinstance(result, str):
            await self.send_json({"type": "error", "reason": result})
            if result == "blocked":
                await self.close(code=CLOSE_BLOCKED)
            return
        conversation, token = result
        await self.send_json({"type": "token", "token": token})
        await self.enter(conversation, 0)

    def _start(self, nickname, age_band, language):
        if services.client_blocked(self.client_hash):
            return "blocked"
        if not services.is_open():
            return "closed"
        if not services.allow_start(self.client_hash):
            return "rate"
        conversation, token = services.start_conversation(
            nickname=nickname, age_band=age_band, language=language)
        services.remember_client(conversation, self.client_hash)
        return conversation, token

    async def on_resume(self, frame):
        token = frame.get("token")
        conversation = await database_sync_to_async(services.conversation_for_token)(token)
        if conversation is None:
            return await self.refuse("unknown_token")
        if self.conversation is not None and self.conversation.pk != conversation.pk:
            raise services.ChatError("already_started")
        if await database_sync_to_async(services.token_blocked)(conversation.token_hash):
            await self.send_json({"type": "error", "reason": "blocked"})
            return await self.close(code=CLOSE_BLOCKED)
        await self.enter(conversation, frame.get("last_seq"))

    async def enter(self, conversation: Conversation, last_seq) -> None:
        await self.join(conversation, last_seq)
        if conversation.status == Status.WAITING:
            await self.channel_layer.group_add(services.QUEUE_GROUP, self.channel_name)
            await self.send_queue(refresh=True)

    async def send_queue(self, *, refresh: bool = False) -> None:
        """Position from the database on (re)connect; later moves are counted from events."""
        def compute():
            self.conversation.refresh_from_db(fields=["status"])
            self.position = services.queue_position(self.conversation)
            self.minutes_per_place = services.estimated_wait_minutes(1)

        if refresh:
            await database_sync_to_async(compute)()
        if self.conversation.status == Status.WAITING:
            await self.send_json({"type": "queue", "position": self.position,
                                  "wait_minutes": self.position * self.minutes_per_place,
                                  "long": self.position >= settings.CHAT_LONG_QUEUE})

    async def queue_left(self, event):
        """Someone ahead left the queue: move up without asking the database who is first."""
        if self.conversation is None or self.conversation.status != Status.WAITING:
            return
        if event["pk"] == self.conversation.pk:
            return
        if event["pk"] < self.conversation.pk and self.position > 1:
            self.position -= 1
            await self.send_queue()

    async def chat_status(self, event):
        if self.conversation is not None:
            self.conversation.status = event["status"]
            if event["status"] != Status.WAITING:
                await self.channel_layer.group_discard(services.QUEUE_GROUP, self.channel_name)
        await super().chat_status(event)

    async def on_end(self, frame):
        if self.conversation is None:
            return await self.close()
        await database_sync_to_async(services.end_conversation)(
            conversation_id=self.conversation.pk, by="youth")
        await self.close()


class StaffConsumer(BaseChatConsumer):
    """A counsellor's (or supervisor's) socket for one conversation; session login + MFA."""

    side = Sender.COUNSELLOR
    silent = False
    mine = False

    async def connect(self):
        await self.accept()
        reason = await database_sync_to_async(self._admit)()
        if reason:
            await self.send_json({"type": "error", "reason": reason})
            await self.close(code=CLOSE_NOT_FOUND if reason == "not_found" else CLOSE_BLOCKED)

    def _admit(self) -> str:
        from allauth.mfa.utils import is_mfa_enabled

        from uitweg.audit.service import actor_for, record

        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            return "login"
        if not user.has_role(Role.CHAT_COUNSELLOR, Role.CHAT_SUPERVISOR):
            return "role"
        if not is_mfa_enabled(user) or user.organisation_id is None:
            return "mfa"
        session = self.scope.get("session") or {}
        now = time.time()
        if (now - session.get(LAST_SEEN, 0) > settings.SESSION_IDLE_TIMEOUT
                or now - session.get(LOGIN_AT, 0) > settings.SESSION_ABSOLUTE_TIMEOUT):
            return "session_expired"
        public_id = self.scope["url_route"]["kwargs"]["public_id"]
        conversation = (Conversation.objects.visible_to(user)
                        .filter(public_id=public_id).first())
        mine = conversation is not None and conversation.counsellor_id == user.pk
        if conversation is None or not (mine or user.has_role(Role.CHAT_SUPERVISOR)):
            from django.db import transaction

            with transaction.atomic():
                record(actor=actor_for(user), action=Action.VIEW,
                       object_type="chat.conversation", object_id=str(public_id)[:64],
                       purpose=services.PURPOSE, outcome=Outcome.DENIED, reason="websocket")
            return "not_found"
        self.user = user
        self.mine = mine
        self.silent = not (mine or session.get(f"chat.open.{conversation.pk}"))
        self.pending = conversation
        services_audit_view(user, conversation)
        return ""

    def may_send(self) -> bool:
        return not self.silent

    def author(self):
        return self.user

    async def on_resume(self, frame):
        if not hasattr(self, "pending"):
            raise services.ChatError("not_found")
        if self.conversation is None:
            await self.join(self.pending, frame.get("last_seq"))
        else:
            await self.replay(frame.get("last_seq"))

    async def on_msg(self, frame):
        if self.silent:
            return await self.refuse("read_only", id=frame.get("id"))
        await super().on_msg(frame)
        await self.touch_session()

    async def touch_session(self) -> None:
        """Chatting is activity: keep the staff session's idle timeout from running out while
        the counsellor only uses the socket (at most one session write a minute)."""
        now = time.time()
        if now - getattr(self, "last_touch", 0) < 60:
            return
        self.last_touch = now
        session = self.scope.get("session")
        if session is not None:
            session[LAST_SEEN] = now
            await database_sync_to_async(session.save)()

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
            await self.close(code=CLOSE_BLOCKED)


def services_audit_view(user, conversation: Conversation) -> None:
    """One access-log entry for opening a transcript over the socket."""
    from django.db import transaction

    from uitweg.audit.service import actor_for, record

    with transaction.atomic():
        record(actor=actor_for(user), action=Action.VIEW, object_type="chat.conversation",
               object_id=conversation.pk, object_label=conversation.audit_label,
               purpose=services.PURPOSE)

