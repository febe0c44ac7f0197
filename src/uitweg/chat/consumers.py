"""Websocket consumers of the chat: the shared protocol and the young person's socket.

Frames are JSON objects with a ``type``. Client → server: ``start``, ``resume``, ``msg``,
``sync``, ``typing``, ``read``, ``end``, ``ping``. Server → client: ``token``, ``welcome``,
``msg``, ``more``, ``ack``, ``status``, ``queue``, ``typing``, ``read``, ``error`` (with a
``reason``), ``pong``. See docs/chat.md for the protocol and delivery; staff: :mod:`.staff_socket`.
"""

from __future__ import annotations

import functools
import json
import logging
import time

from asgiref.sync import sync_to_async
from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connection

from uitweg.chat import availability, channels, frames, limits, services, waiting
from uitweg.chat.models import AgeBand, Conversation, EndReason, Sender, Status
from uitweg.core.middleware import client_hash

logger = logging.getLogger(__name__)

MAX_ERRORS = 20
TYPING_INTERVAL = 2.0
CLOSE_BLOCKED = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_TOO_BIG = 4009
CLOSE_ABUSE = 4429
SEEN_INTERVAL = 30.0

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


def _echo_id(client_id) -> str | None:
    """The client id to name in a refusal, so the client can drop that message."""
    return client_id if isinstance(client_id, str) and len(client_id) <= 64 else None


class BaseChatConsumer(AsyncWebsocketConsumer):
    side: str = Sender.YOUTH

    conversation: Conversation | None = None
    errors = 0
    last_typing = 0.0
    closing = False

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
        if self.closing:
            return
        try:
            await self.send(text_data=json.dumps(payload, separators=(",", ":")))
        except RuntimeError:  # the server closed it meanwhile (keep-alive ping timed out)
            self.closing = True  # the client resends what was not acknowledged (ADR 0030)

    async def refuse(self, reason: str, *, id=None, count: bool = True, **extra) -> None:
        """An error frame with the reason (and the message id it is about, if any)."""
        if count:
            self.errors += 1
        frame = {"type": "error", "reason": reason}
        if _echo_id(id) is not None:
            frame["id"] = id
        await self.send_json(frame | extra)
        if self.errors > MAX_ERRORS:
            await self.shut(CLOSE_ABUSE)

    async def shut(self, code: int) -> None:
        if not self.closing:
            self.closing = True
            await self.close(code=code)

    def limit_user_id(self) -> int | None:
        """Whose limits (besides the chat and side) a frame counts against: staff per person."""
        return None

    # --- the per-frame gate (ADR 0044) ---------------------------------------------------------
    # Every frame passes the gate before anything else: the staff socket's admission (the
    # session as stored now, ADR 0033), the young person's "still there" stamp, and the frame
    # limit (ADR 0034). It runs in the same thread-pool hop as the frame's own database work
    # where there is any (a message: gate, then the flood limit and the insert), so a frame
    # costs one hop, not one per check.
    def gate(self, frame_type: str, *, count: bool) -> tuple[str, int]:
        """Sync. ``("", 0)``: go on; ``(reason, 0)``: refused, close (staff admission);
        ``("rate", seconds)``: over the frame limit (``count``: this frame counts)."""
        if count and self.conversation is not None:
            decision = limits.frame(self.conversation.pk, self.side, self.limit_user_id())
            if not decision:
                return "rate", decision.retry_after
        return "", 0

    def gate_has_work(self) -> bool:
        """No hop for a young person's socket without a chat (a ping before starting)."""
        return self.conversation is not None

    async def turn_away(self, reason: str) -> None:
        """The gate refused this socket (staff sockets: the session ran out, …)."""
        await self.send_json({"type": "error", "reason": reason})
        await self.shut(CLOSE_BLOCKED)

    async def passed(self, outcome: tuple[str, int], client_id=None) -> bool:
        reason, retry_after = outcome
        if not reason:
            return True
        if reason == "rate":
            await self.refuse("rate", id=client_id, retry_after=retry_after)
        else:
            await self.turn_away(reason)
        return False

    async def may_receive(self) -> bool:
        """Staff sockets stop receiving the chat once their session has run out."""
        return True

    async def receive(self, text_data=None, bytes_data=None):
        if self.closing:
            return
        frame = frames.parse(text_data)
        if isinstance(frame, frames.Refusal):
            if frame.reason == "frame_too_big":
                await self.refuse(frame.reason, id=frame.id)
                return await self.shut(CLOSE_TOO_BIG)
            return await self.refuse(frame.reason, id=frame.id)
        handler = getattr(self, f"on_{frame['type']}", None)
        if frame["type"] == "msg" and self.conversation is not None:
            return await self.on_msg(frame)  # the gate runs in the message's own hop
        counted = handler is not None and self.conversation is not None
        if self.gate_has_work() and not await self.passed(
                await pooled_db(self.gate)(frame["type"], count=counted)):
            return
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
        """One page of what came after ``last_seq``, within the chat's replay budget.

        A full page ends with ``more``: the client asks for the next one with ``sync``. Over
        the budget the client hears ``replay_limit`` with the seconds to wait (ADR 0034).
        """
        batch, more, retry_after = await pooled_db(self._replay_page)(frames.last_seq(last_seq))
        if retry_after:
            return await self.refuse("replay_limit", count=False, retry_after=retry_after)
        for message in batch:
            await self.send_json(_frame(services.message_event(message)) | {"type": "msg"})
        if more:
            await self.send_json({"type": "more", "last_seq": batch[-1].seq})

    def _replay_page(self, last_seq: int):
        pk, side, user_id = self.conversation.pk, self.side, self.limit_user_id()
        allowance, retry_after = limits.replay_allowance(pk, side, user_id)
        if allowance == 0:
            if services.messages_after(pk, last_seq, limit=1):
                return [], False, max(1, retry_after)
            return [], False, 0
        batch = services.messages_after(pk, last_seq, limit=allowance + 1)
        more = len(batch) > allowance
        batch = batch[:allowance]
        limits.replayed(pk, side, user_id, len(batch))
        return batch, more, 0

    async def on_sync(self, frame):
        """The client saw a gap in the numbers, or heard ``more``: send what comes after."""
        if self.conversation is None:
            raise services.ChatError("no_conversation")
        await self.replay(frame.get("last_seq"))

    def may_send(self) -> bool:
        return True

    async def on_msg(self, frame):
        """One hop: the gate, the checks, the flood limit and the insert; then ack and fan out."""
        if self.conversation is None:
            raise services.ChatError("no_conversation")
        client_id = frame.get("id")
        try:
            outcome = await pooled_db(self._gated_post)(frame)
        except services.ChatError as exc:
            return await self.refuse(exc.code, id=client_id)
        except Conversation.DoesNotExist:
            return await self.refuse("not_found")
        if isinstance(outcome, tuple):
            return await self.passed(outcome, client_id)
        if isinstance(outcome, str):
            return await self.refuse(outcome, id=client_id)
        await self.send_json({"type": "ack", "id": client_id, "seq": outcome.message.seq})
        if outcome.created:
            await self.channel_layer.group_send(
                self.conversation.group_name, services.message_event(outcome.message))

    def _gated_post(self, frame: dict):
        """Sync: a gate refusal ``(reason, retry_after)``, a refusal reason, or the posted
        message. The flood limit counts per chat and side (in the cache), before the insert."""
        outcome = self.gate("msg", count=False)
        if outcome[0]:
            return outcome
        client_id, body = frame.get("id"), frame.get("body")
        refused = frames.client_id_refusal(client_id)
        if refused:
            return refused
        if frame.get("from", self.side) != self.side:  # a frame under the other side's name
            return "bad_frame"
        if not isinstance(body, str) or not body.strip():
            return "empty"
        if len(body) > settings.CHAT_MAX_MESSAGE_CHARS:
            return "too_long"
        if not self.may_send():
            return "read_only"
        decision = limits.message(self.conversation.pk, self.side, self.limit_user_id())
        if not decision:
            return "rate", decision.retry_after
        return services.post_message(
            conversation_id=self.conversation.pk, sender=self.side, client_id=client_id,
            body=body.strip(), author=self.author(), broadcast=False)

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
        if (self.conversation is None or isinstance(seq, bool) or not isinstance(seq, int)
                or seq < 0):
            raise services.ChatError("malformed")
        seq = await pooled_db(services.mark_read)(
            conversation_id=self.conversation.pk, side=self.side, seq=seq)
        await self.channel_layer.group_send(
            self.conversation.group_name, {"type": "chat.read", "from": self.side, "seq": seq})

    # --- group events ----------------------------------------------------------------------------
    async def chat_message(self, event):
        if await self.may_receive():
            await self.send_json(_frame(event) | {"type": "msg"})

    async def chat_typing(self, event):
        if event["from"] != self.side and await self.may_receive():
            await self.send_json({"type": "typing", "from": event["from"]})

    async def chat_read(self, event):
        if await self.may_receive():
            await self.send_json({"type": "read", "from": event["from"], "seq": event["seq"]})

    async def chat_status(self, event):
        if await self.may_receive():
            frame = {"type": "status", "status": event["status"]}
            if event.get("reason"):
                frame["reason"] = event["reason"]  # how it ended: quick_exit, left, …
            await self.send_json(frame)

    async def disconnect(self, code):
        self.closing = True
        if self.conversation is not None:
            await self.channel_layer.group_discard(self.conversation.group_name,
                                                   self.channel_name)
        await self.channel_layer.group_discard(services.QUEUE_GROUP, self.channel_name)


class YouthConsumer(BaseChatConsumer):
    """The young person's socket: no cookie, no account; a session token in the first frame."""

    side = Sender.YOUTH
    position = 0
    staffing = None  # waiting.Staffing of the chat's channel, read on (re)connect
    last_stamp = 0.0

    def _stamp_due(self, *, force: bool = False) -> bool:
        """At most every SEEN_INTERVAL seconds (the page pings every 15 s)."""
        if self.conversation is None:
            return False
        now = time.monotonic()
        interval = min(SEEN_INTERVAL, settings.CHAT_LEFT_AFTER * 60 / 4)
        if not force and now - self.last_stamp < interval:
            return False
        self.last_stamp = now
        return True

    async def stamp(self, *, force: bool = False) -> None:
        """Tell the chat the young person is still there. A chat not heard for
        CHAT_LEFT_AFTER minutes is "left" (ADR 0037)."""
        if self._stamp_due(force=force):
            await pooled_db(services.youth_seen)(conversation_id=self.conversation.pk)

    def gate(self, frame_type: str, *, count: bool) -> tuple[str, int]:
        """The stamp rides on the frame's hop; a message stamps with its own insert."""
        if frame_type != "msg" and self._stamp_due():
            services.youth_seen(conversation_id=self.conversation.pk)
        return super().gate(frame_type, count=count)

    def _gated_post(self, frame: dict):
        outcome = super()._gated_post(frame)
        if isinstance(outcome, services.Posted) and outcome.created:
            self.last_stamp = time.monotonic()  # post_message stamped youth_seen_at
        return outcome

    async def disconnect(self, code):
        try:
            await self.stamp(force=True)
        except Exception:  # the database is away: the chat may be swept as left, no traceback
            logger.warning("chat: could not stamp the young person's last socket")
        await super().disconnect(code)

    async def connect(self):
        address = (self.scope.get("client") or ("",))[0] or ""
        # The address lives only in this local; the keyed daily hash goes to the cache only.
        self.client_hash = client_hash(address)
        await self.accept()

    async def on_start(self, frame):
        if self.conversation is not None:
            raise services.ChatError("already_started")
        nickname, age_band = frame.get("nickname") or "", frame.get("age_band") or ""
        channel, code = frame.get("channel") or "youth", frame.get("code") or ""
        if not all(isinstance(v, str) for v in (nickname, age_band, channel, code)) \
                or channel not in channels.CHANNELS:
            raise services.ChatError("malformed")
        if age_band not in AgeBand.values:
            age_band = ""
        language = frame.get("lang") if frame.get("lang") in channels.languages(channel) else "nl"
        result = await database_sync_to_async(self._start)(nickname, age_band, language,
                                                           channel, code)
        if isinstance(result, str):
            await self.send_json({"type": "error", "reason": result})
            if result == "blocked":
                await self.shut(CLOSE_BLOCKED)
            return
        conversation, token = result
        await self.send_json({"type": "token", "token": token})
        await self.enter(conversation, 0)

    def _start(self, nickname, age_band, language, channel, code):
        if services.client_blocked(self.client_hash):
            return "blocked"
        if not services.is_open(channel=channel):
            return "closed"
        if code and not limits.code_attempt(self.client_hash):
            return "rate"
        if not services.allow_start(self.client_hash):
            return "rate"
        try:
            conversation, token = services.start_conversation(
                nickname=nickname, age_band=age_band, language=language, channel=channel,
                code=code)
        except services.ChatError as exc:
            return exc.code
        services.remember_client(conversation=conversation, client_hash=self.client_hash)
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
            return await self.shut(CLOSE_BLOCKED)
        await self.enter(conversation, frame.get("last_seq"))

    async def enter(self, conversation: Conversation, last_seq) -> None:
        await self.join(conversation, last_seq)
        await self.stamp(force=True)
        if conversation.status == Status.WAITING:
            await self.channel_layer.group_add(services.QUEUE_GROUP, self.channel_name)
            await self.send_queue(refresh=True)

    async def send_queue(self, *, refresh: bool = False) -> None:
        """Position from the database on (re)connect; later moves are counted from events."""
        def compute():
            self.conversation.refresh_from_db(fields=["status"])
            self.position = services.queue_position(self.conversation)
            self.staffing = availability.staffing(self.conversation.channel)

        if refresh:
            await database_sync_to_async(compute)()
        if self.conversation.status == Status.WAITING:
            await self.send_json({"type": "queue", "position": self.position,
                                  "wait_minutes": waiting.estimate(self.position, self.staffing),
                                  "long": self.position >= settings.CHAT_LONG_QUEUE,
                                  "personal": bool(self.conversation.requested_counsellor_id)})

    async def queue_staffing(self, event):  # a console opened or closed: estimate again
        await self.send_queue(refresh=True)  # only waiting chats are in QUEUE_GROUP

    async def queue_left(self, event):
        """Someone ahead left the queue: move up without asking the database who is first."""
        if self.conversation is None or self.conversation.status != Status.WAITING:
            return
        mine = self.conversation
        if event["pk"] == mine.pk or (event.get("channel"), event.get("for")) != (
                mine.channel, mine.requested_counsellor_id):
            return  # itself, or someone of another queue
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
            return await self.shut(1000)
        reason = EndReason.QUICK_EXIT if frame.get("quick_exit") is True else EndReason.YOUTH
        await database_sync_to_async(services.end_conversation)(
            conversation_id=self.conversation.pk, reason=reason)
        await self.shut(1000)
