"""Every write of the chat goes through these functions (consumers, views and commands alike).

Messages: :func:`post_message` locks the conversation row, gives the message the next number
and stores it, all in one transaction; a repeated client id returns the stored message. The
caller broadcasts only after the commit (persist before broadcast).

Every function acting for a staff member checks who may do it (:mod:`uitweg.chat.permissions`)
before it acts: a refusal writes one denied access-log entry and raises
:class:`~uitweg.chat.permissions.NotPermitted` (a :class:`ChatError` and a ``PermissionDenied``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from uitweg.audit.models import Action
from uitweg.chat import (
    channels,
    hours,
    invites,
    limits,
    permissions,
    posting,
)
from uitweg.chat.channels import Channel
from uitweg.chat.errors import ChatError
from uitweg.chat.models import (
    Block,
    Conversation,
    EndReason,
    Message,
    Note,
    Registration,
    RiskCheck,
    Sender,
    Status,
    waiting_for,
)

if TYPE_CHECKING:
    from uitweg.accounts.models import User

QUEUE_GROUP = "chat.queue"
#: The consoles' queue sockets (:mod:`uitweg.chat.queue_socket`): told that the queue changed.
STAFF_QUEUE_GROUP = "chat.staff-queue"
SUPERVISOR_GROUP = "chat.supervisors"
PURPOSE = permissions.PURPOSE
NotPermitted = permissions.NotPermitted  # callers catch services.ChatError / NotPermitted


# --- tokens and abuse limits ---------------------------------------------------------------------
def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_open(now: dt.datetime | None = None, *, channel: str = Channel.YOUTH) -> bool:
    local = timezone.localtime(now or timezone.now())
    return hours.is_open(hours.parse(channels.spec(channel).opening_hours), local)


def token_blocked(token_hash: str, *, now: dt.datetime | None = None) -> bool:
    return Block.objects.filter(token_hash=token_hash, until__gt=now or timezone.now()).exists()


def client_blocked(client_hash: str) -> bool:
    return bool(client_hash) and bool(cache.get(f"chat:blocked-client:{client_hash}"))


def allow_start(client_hash: str) -> bool:
    """At most CHAT_STARTS_PER_HOUR new chats per keyed client hash (cache only)."""
    return limits.start(client_hash)


# --- broadcasting --------------------------------------------------------------------------------
def _send_after_commit(group: str, event: dict) -> None:
    def send():
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(group, event)

    transaction.on_commit(send)


def message_event(message: Message) -> dict:
    return {
        "type": "chat.message", "seq": message.seq, "id": message.client_id,
        "from": message.sender, "body": message.body,
        "at": message.created_at.isoformat(timespec="seconds"),
    }


def queue_left_event(conversation: Conversation) -> dict:
    """For the waiting people's sockets: someone of this channel's queue is no longer waiting."""
    return {"type": "queue.left", "pk": conversation.pk, "channel": conversation.channel,
            "for": conversation.requested_counsellor_id}


def status_event(conversation: Conversation, **extra) -> dict:
    return {"type": "chat.status", "status": conversation.status,
            "counsellor": conversation.counsellor_id, "reason": conversation.end_reason,
            **extra}


_audit = permissions.log_granted
_check = permissions.check


# --- the young person's side ---------------------------------------------------------------------
def start_conversation(*, nickname: str = "", age_band: str = "", language: str = "nl",
                       channel: str = Channel.YOUTH, code: str = "") -> tuple[Conversation, str]:
    """A new waiting chat and the random token that is the person's only key to it.

    ``code``: a worker's personal code (ADR 0110), used up here; the chat then waits for that
    worker. An unusable code refuses the start (``bad_code``) and stores nothing.
    """
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invite = None
        if code:
            invite = invites.redeem(code, channel=channel)
            if invite is None:
                raise ChatError("bad_code")
        conversation = Conversation.objects.create(
            token_hash=hash_token(token), nickname=nickname.strip()[:40], age_band=age_band,
            language=language[:8], youth_seen_at=timezone.now(), channel=channel,
            organisation_id=getattr(invite, "organisation_id", None),
            requested_counsellor_id=getattr(invite, "counsellor_id", None))
        _send_after_commit(SUPERVISOR_GROUP, {"type": "chat.overview"})
        _send_after_commit(STAFF_QUEUE_GROUP, {"type": "queue.changed"})
    sweep_left()
    return conversation, token


def conversation_for_token(token: str) -> Conversation | None:
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    return Conversation.objects.filter(token_hash=hash_token(token)).first()


def queue_position(conversation: Conversation) -> int:
    if conversation.status != Status.WAITING:
        return 0
    ahead = Conversation.objects.filter(
        status=Status.WAITING, pk__lt=conversation.pk, channel=conversation.channel,
        requested_counsellor_id=conversation.requested_counsellor_id)
    return still_there(ahead).count() + 1


# --- messages ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Posted:
    message: Message
    created: bool


def post_message(*, conversation_id: int, sender: str, client_id: str, body: str,
                 author: User | None = None, broadcast: bool = True) -> Posted:
    """Store a message under the next number of its conversation; a repeated id is not stored
    again (the stored one is returned so the client can be re-acknowledged).

    Two statements in the usual case: ``UPDATE … SET last_seq = last_seq + 1 … RETURNING`` takes
    the number and locks the conversation row until the commit (so numbers are gap-free and in
    commit order per conversation), then the insert. A repeated client id violates the unique
    constraint; the transaction (and with it the number) is rolled back and the stored message
    is returned. A young person's message also stamps ``youth_seen_at`` (ADR 0037) in the same
    statement, so a chatting young person costs no separate "still there" write.

    On PostgreSQL the usual case is one statement (:mod:`uitweg.chat.posting`, ADR 0044); this
    path decides whenever that one stores nothing.
    """
    fast = posting.insert_numbered(conversation_id=conversation_id, sender=sender,
                                   client_id=client_id, body=body, author=author)
    if fast is not None:
        message, public_id = fast
        if broadcast:
            _send_after_commit(f"chat.{uuid.UUID(public_id).hex}", message_event(message))
        return Posted(message, True)
    table = Conversation._meta.db_table
    for _attempt in range(3):
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    seen = ", youth_seen_at = %s" if sender == Sender.YOUTH else ""
                    cursor.execute(
                        f"UPDATE {table} SET last_seq = last_seq + 1{seen} "  # noqa: S608
                        "WHERE id = %s AND status <> %s "
                        "RETURNING last_seq, public_id, counsellor_id, channel, "
                        "organisation_id",
                        [*([_now_for_db()] if seen else []), conversation_id, Status.ENDED])
                    row = cursor.fetchone()
                if row is None:
                    break  # ended (or gone): only a repeat may still be acknowledged
                if not _may_post(sender, author, SimpleNamespace(
                        counsellor_id=row[2], channel=row[3], organisation_id=row[4])):
                    raise _Refused  # rolls the number back
                message = Message.objects.create(
                    conversation_id=conversation_id, seq=row[0], client_id=client_id,
                    sender=sender, author=author, body=body)
                if broadcast:
                    group = f"chat.{uuid.UUID(str(row[1])).hex}"
                    _send_after_commit(group, message_event(message))
                return Posted(message, True)
        except IntegrityError:
            pass  # most likely a repeated client id; look it up below
        except _Refused:
            conversation = Conversation.objects.filter(pk=conversation_id).first()
            permissions.require(False, user=author, conversation=conversation,
                                action=Action.CREATE, code="read_only", via="post_message")
        existing = _repeat(conversation_id, client_id, sender=sender, author=author, body=body)
        if existing is not None:
            return Posted(existing, False)
    existing = _repeat(conversation_id, client_id, sender=sender, author=author, body=body)
    if existing is not None:
        return Posted(existing, False)
    if not Conversation.objects.filter(pk=conversation_id).exists():
        raise Conversation.DoesNotExist
    raise ChatError("ended")


class _Refused(Exception):
    pass


def _now_for_db():
    """``timezone.now()`` as the backend stores a datetime (SQLite: naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(timezone.now())


def _may_post(sender: str, author: User | None, chat: SimpleNamespace) -> bool:
    """Staff messages only from the chat's counsellor or a supervisor of its channel (who
    joined openly: the socket checks that flag, which lives in the supervisor's session)."""
    if sender != Sender.COUNSELLOR:
        return True
    return author is not None and permissions.handles(author, chat)


def _repeat(conversation_id: int, client_id: str, *, sender: str, author: User | None,
            body: str) -> Message | None:
    """The stored message a resend refers to; a client id already used by someone else or for
    other text is refused (``id_reused``), never acknowledged as if it were this message."""
    existing = Message.objects.filter(conversation_id=conversation_id,
                                      client_id=client_id).first()
    if existing is None:
        return None
    if (existing.sender != sender or existing.author_id != getattr(author, "pk", None)
            or existing.body != body):
        raise ChatError("id_reused")
    return existing


def system_message(*, conversation: Conversation, code: str) -> Message:
    """A numbered system line (joined, ended, …); the clients translate the code."""
    return post_message(conversation_id=conversation.pk, sender=Sender.SYSTEM,
                        client_id=f"sys-{uuid.uuid4().hex}", body=code).message


def messages_after(conversation_id: int, seq: int, *, limit: int = 500) -> list[Message]:
    return list(Message.objects.filter(conversation_id=conversation_id, seq__gt=seq)
                .order_by("seq")[:limit])


def mark_read(*, conversation_id: int, side: str, seq: int) -> int:
    field = "youth_read_seq" if side == Sender.YOUTH else "counsellor_read_seq"
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation_id)
        seq = min(max(seq, getattr(conversation, field)), conversation.last_seq)
        Conversation.objects.filter(pk=conversation_id).update(**{field: seq})
    return seq


# --- the counsellor's side -----------------------------------------------------------------------
def active_count(user: User) -> int:
    return Conversation.objects.filter(counsellor=user, status=Status.ACTIVE).count()


def _take(conversation: Conversation, counsellor: User) -> None:
    conversation.status = Status.ACTIVE
    conversation.counsellor = counsellor
    conversation.picked_at = timezone.now()
    conversation.save(update_fields=["status", "counsellor", "picked_at"])
    system_message(conversation=conversation, code="counsellor_joined")
    _send_after_commit(conversation.group_name, status_event(conversation))
    _send_after_commit(QUEUE_GROUP, queue_left_event(conversation))
    _send_after_commit(STAFF_QUEUE_GROUP, {"type": "queue.changed"})
    _send_after_commit(SUPERVISOR_GROUP, {"type": "chat.overview"})


def pick_next(*, counsellor: User, public_id: uuid.UUID | str | None = None) -> Conversation:
    """Take the longest-waiting chat (or a chosen one) within the counsellor's capacity."""
    permissions.require(permissions.may_pick(counsellor), user=counsellor, conversation=None,
                        action=Action.UPDATE, code="role", via="pick_next")
    sweep_left()
    with transaction.atomic():
        if active_count(counsellor) >= settings.CHAT_COUNSELLOR_CAPACITY:
            raise ChatError("capacity")
        waiting = still_there(
            Conversation.objects.visible_to(counsellor)
            .select_for_update(skip_locked=True, of=("self",))
            .filter(waiting_for(counsellor), channel__in=channels.counselled_by(counsellor)))
        if public_id is not None:
            waiting = waiting.filter(public_id=public_id)
        conversation = waiting.order_by("pk").first()
        if conversation is None:
            raise ChatError("queue_empty")
        _take(conversation, counsellor)
        _audit(counsellor, conversation)
    return conversation


def transfer(*, conversation: Conversation, user: User, to_user: User) -> None:
    _check(user, conversation, via="transfer")
    if not permissions.may_take_over(to_user, conversation):
        raise ChatError("role")
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if not permissions.handles(user, conversation):  # transferred meanwhile
            raise permissions.NotPermitted()
        if conversation.status != Status.ACTIVE:
            raise ChatError("ended")
        if active_count(to_user) >= settings.CHAT_COUNSELLOR_CAPACITY:
            raise ChatError("capacity")
        conversation.counsellor = to_user
        conversation.save(update_fields=["counsellor"])
        system_message(conversation=conversation, code="transferred")
        _send_after_commit(conversation.group_name, status_event(conversation))
        _audit(user, conversation)


def add_note(*, conversation: Conversation, user: User, text: str) -> Note:
    _check(user, conversation, via="add_note", action=Action.CREATE)
    with transaction.atomic():
        note = Note.objects.create(conversation=conversation, author=user, text=text)
        _audit(user, conversation, Action.CREATE)
    return note


def escalate(*, conversation: Conversation, user: User) -> None:
    _check(user, conversation, via="escalate")
    with transaction.atomic():
        Conversation.objects.filter(pk=conversation.pk).update(escalated_at=timezone.now())
        _audit(user, conversation)
        _send_after_commit(SUPERVISOR_GROUP, {"type": "chat.overview"})


def record_risk_check(*, conversation: Conversation, user: User, thoughts: bool, plan: bool,
                      means: bool, timeframe: bool, acute_danger: bool) -> RiskCheck:
    """Store the check; acute danger escalates to the supervisor at once."""
    _check(user, conversation, via="record_risk_check", action=Action.CREATE)
    with transaction.atomic():
        check = RiskCheck.objects.create(
            conversation=conversation, author=user, thoughts=thoughts, plan=plan, means=means,
            timeframe=timeframe, acute_danger=acute_danger)
        _audit(user, conversation, Action.CREATE)
        if check.level == "acute":
            Conversation.objects.filter(pk=conversation.pk).update(escalated_at=timezone.now())
            _send_after_commit(SUPERVISOR_GROUP, {"type": "chat.overview"})
    return check


def join_as_supervisor(*, conversation: Conversation, user: User, openly: bool) -> None:
    permissions.require(permissions.is_supervisor(user, conversation), user=user,
                        conversation=conversation,
                        action=Action.VIEW, code="role", via="join_as_supervisor")
    with transaction.atomic():
        if openly and conversation.status != Status.ENDED:
            system_message(conversation=conversation, code="supervisor_joined")
        _audit(user, conversation, Action.VIEW)


def end_conversation(*, conversation_id: int, reason: str, user: User | None = None,
                     unless_seen_after: dt.datetime | None = None) -> Conversation:
    """End the chat for ``reason`` (an :class:`~uitweg.chat.models.EndReason`: the young
    person, quick exit, left, the counsellor or a block). Idempotent.

    ``user``: the staff member ending it (checked); without one the caller holds the young
    person's token, is :func:`block` or :func:`sweep_left` (which passes
    ``unless_seen_after``: a young person heard since then is still there, nothing happens).
    """
    if user is not None:
        _check(user, Conversation(pk=conversation_id), via="end_conversation")
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation_id)
        if conversation.status == Status.ENDED:
            return conversation
        if unless_seen_after is not None and _last_heard(conversation) >= unless_seen_after:
            return conversation
        was_waiting = conversation.status == Status.WAITING
        system_message(conversation=conversation, code=f"ended_by_{reason}")
        conversation.status = Status.ENDED
        conversation.ended_at = timezone.now()
        conversation.end_reason = reason
        conversation.save(update_fields=["status", "ended_at", "end_reason"])
        _send_after_commit(conversation.group_name, status_event(conversation))
        if was_waiting:
            _send_after_commit(QUEUE_GROUP, queue_left_event(conversation))
            _send_after_commit(STAFF_QUEUE_GROUP, {"type": "queue.changed"})
        _send_after_commit(SUPERVISOR_GROUP, {"type": "chat.overview"})
        if user is not None:
            _audit(user, conversation)
        if settings.CHAT_RETENTION_DAYS == 0 and (was_waiting or conversation.registered):
            _delete_transcript(conversation)
    return conversation


def register(*, conversation: Conversation, user: User, topic: str, exploitation_form: str,
             age_band: str, outcome: str) -> Registration:
    """The anonymous registration: the only thing the statistics keep."""
    _check(user, conversation, via="register")
    with transaction.atomic():
        conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
        if conversation.registered:
            raise ChatError("registered")
        end = conversation.ended_at or timezone.now()
        waited = (conversation.picked_at or end) - conversation.created_at
        lasted = end - (conversation.picked_at or end)
        registration = Registration.objects.create(
            day=timezone.localdate(end), channel=conversation.channel, topic=topic,
            exploitation_form=exploitation_form,
            age_band=age_band, outcome=outcome,
            wait_seconds=max(0, int(waited.total_seconds())),
            duration_seconds=max(0, int(lasted.total_seconds())))
        Conversation.objects.filter(pk=conversation.pk).update(registered=True)
        _audit(user, conversation)
        if conversation.status == Status.ENDED and settings.CHAT_RETENTION_DAYS == 0:
            _delete_transcript(conversation)
    return registration


def block(*, conversation: Conversation, user: User, hours: int,
          client_hash: str = "") -> Block:
    """Block the chat's session token for ``hours`` and end the chat, in one transaction; the
    keyed client hash (cache only) is blocked too, as the transaction's last step."""
    conversation = _check(user, conversation, via="block")
    until = timezone.now() + dt.timedelta(hours=hours)
    client = client_hash or cache.get(f"chat:client:{conversation.pk}")
    with transaction.atomic():
        blocked = Block.objects.create(token_hash=conversation.token_hash, until=until,
                                       created_by=user)
        _audit(user, conversation)
        end_conversation(conversation_id=conversation.pk, reason=EndReason.BLOCK)
        if client:
            cache.set(f"chat:blocked-client:{client}", 1, int(hours * 3600))
    return blocked


def remember_client(*, conversation: Conversation, client_hash: str) -> None:
    """Cache-only link from a chat to the keyed client hash, so a block also stops new chats."""
    if client_hash:
        cache.set(f"chat:client:{conversation.pk}", client_hash, 24 * 3600)


# Split out to keep this module to one job each; the names stay importable from here.
from uitweg.chat.canned import delete_canned_response, save_canned_response  # noqa: E402
from uitweg.chat.handover import create_handover, create_signal  # noqa: E402
from uitweg.chat.presence import (  # noqa: E402
    _last_heard,
    left_cutoff,
    still_there,
    sweep_left,
    youth_seen,
)
from uitweg.chat.retention import Purged, _delete_transcript, purge  # noqa: E402

__all__ = ["Purged", "_delete_transcript", "_last_heard", "create_handover", "create_signal",
           "delete_canned_response", "left_cutoff", "purge", "save_canned_response",
           "still_there", "sweep_left", "youth_seen"]
