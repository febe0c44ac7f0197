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
import math
import secrets
import uuid
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record
from uitweg.chat import hours, limits, permissions, posting
from uitweg.chat.errors import ChatError
from uitweg.chat.models import (
    Block,
    Conversation,
    Handover,
    Message,
    Note,
    Registration,
    RiskCheck,
    Sender,
    Status,
)

QUEUE_GROUP = "chat.queue"
#: The consoles' queue sockets (:mod:`uitweg.chat.queue_socket`): told that the queue changed.
STAFF_QUEUE_GROUP = "chat.staff-queue"
SUPERVISOR_GROUP = "chat.supervisors"
PURPOSE = permissions.PURPOSE
HANDOVER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
NotPermitted = permissions.NotPermitted  # callers catch services.ChatError / NotPermitted


# --- tokens and abuse limits ---------------------------------------------------------------------
def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def is_open(now: dt.datetime | None = None) -> bool:
    local = timezone.localtime(now or timezone.now())
    return hours.is_open(hours.parse(settings.CHAT_OPENING_HOURS), local)


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


def status_event(conversation: Conversation, **extra) -> dict:
    return {"type": "chat.status", "status": conversation.status,
            "counsellor": conversation.counsellor_id, "reason": conversation.end_reason,
            **extra}


def _audit(user, conversation: Conversation, action: str = Action.UPDATE) -> None:
    """A granted entry; its access point is where the call came from (page, socket, command —
    :mod:`uitweg.audit.context`), or this service function."""
    record(actor=actor_for(user), action=action, object_type="chat.conversation",
           object_id=conversation.pk, object_label=conversation.audit_label, purpose=PURPOSE)


def _check(user, conversation: Conversation, *, via: str, action: str = Action.UPDATE,
           rule=permissions.handles) -> Conversation:
    """The chat as stored now, if ``rule`` lets ``user`` act on it; else a logged refusal.

    Runs before the service's own transaction, so the denied entry is not rolled back with it.
    """
    current = Conversation.objects.filter(pk=conversation.pk).first()
    permissions.require(current is not None and rule(user, current), user=user,
                        conversation=conversation, action=action, via=via)
    return current


# --- the young person's side ---------------------------------------------------------------------
def start_conversation(*, nickname: str = "", age_band: str = "",
                       language: str = "nl") -> tuple[Conversation, str]:
    """A new waiting chat and the random token that is the young person's only key to it."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        conversation = Conversation.objects.create(
            token_hash=hash_token(token), nickname=nickname.strip()[:40], age_band=age_band,
            language=language[:8], youth_seen_at=timezone.now())
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
    ahead = Conversation.objects.filter(status=Status.WAITING, pk__lt=conversation.pk)
    return still_there(ahead).count() + 1


def estimated_wait_minutes(position: int) -> int:
    since = timezone.now() - dt.timedelta(hours=1)
    staffed = (Conversation.objects.filter(status=Status.ACTIVE, picked_at__gte=since)
               .values("counsellor").distinct().count())
    return math.ceil(position * settings.CHAT_AVERAGE_MINUTES / max(1, staffed))


# --- messages ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Posted:
    message: Message
    created: bool


def post_message(*, conversation_id: int, sender: str, client_id: str, body: str,
                 author=None, broadcast: bool = True) -> Posted:
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
                        "RETURNING last_seq, public_id, counsellor_id",
                        [*([_now_for_db()] if seen else []), conversation_id, Status.ENDED])
                    row = cursor.fetchone()
                if row is None:
                    break  # ended (or gone): only a repeat may still be acknowledged
                if not _may_post(sender, author, counsellor_id=row[2]):
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


def _may_post(sender: str, author, *, counsellor_id: int | None) -> bool:
    """Staff messages only from the chat's counsellor or a supervisor (who joined openly: the
    socket checks that flag, which lives in the supervisor's session)."""
    if sender != Sender.COUNSELLOR:
        return True
    return author is not None and permissions.uses_chat(author) and (
        counsellor_id == author.pk or permissions.is_supervisor(author))


def _repeat(conversation_id: int, client_id: str, *, sender: str, author,
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


def system_message(conversation: Conversation, code: str) -> Message:
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
def active_count(user) -> int:
    return Conversation.objects.filter(counsellor=user, status=Status.ACTIVE).count()


def _take(conversation: Conversation, counsellor) -> None:
    conversation.status = Status.ACTIVE
    conversation.counsellor = counsellor
    conversation.picked_at = timezone.now()
    conversation.save(update_fields=["status", "counsellor", "picked_at"])
    system_message(conversation, "counsellor_joined")
    _send_after_commit(conversation.group_name, status_event(conversation))
    _send_after_commit(QUEUE_GROUP, {"type": "queue.left", "pk": conversation.pk})
    _send_after_commit(STAFF_QUEUE_GROUP, {"type": "queue.changed"})
    _send_after_commit(SUPERVISOR_GROUP, {"type": "chat.overview"})


def pick_next(*, counsellor, public_id: uuid.UUID | None = None) -> Conversation:
    """Take the longest-waiting chat (or a chosen one) within the counsellor's capacity."""
    permissions.require(permissions.may_pick(counsellor), user=counsellor, conversation=None,
                        action=Action.UPDATE, code="role", via="pick_next")
    sweep_left()
    with transaction.atomic():
        if active_count(counsellor) >= settings.CHAT_COUNSELLOR_CAPACITY:
            raise ChatError("capacity")
        waiting = still_there(Conversation.objects.select_for_update(skip_locked=True).filter(
            status=Status.WAITING))
        if public_id is not None:
            waiting = waiting.filter(public_id=public_id)
        conversation = waiting.order_by("pk").first()
        if conversation is None:
            raise ChatError("queue_empty")
        _take(conversation, counsellor)
        _audit(counsellor, conversation)
    return conversation


def transfer(*, conversation: Conversation, user, to_user) -> None:
    _check(user, conversation, via="transfer")
    if not permissions.may_take_over(to_user):
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
        system_message(conversation, "transferred")
        _send_after_commit(conversation.group_name, status_event(conversation))
        _audit(user, conversation)


def add_note(*, conversation: Conversation, user, text: str) -> Note:
    _check(user, conversation, via="add_note", action=Action.CREATE)
    with transaction.atomic():
        note = Note.objects.create(conversation=conversation, author=user, text=text)
        _audit(user, conversation, Action.CREATE)
    return note


def escalate(*, conversation: Conversation, user) -> None:
    _check(user, conversation, via="escalate")
    with transaction.atomic():
        Conversation.objects.filter(pk=conversation.pk).update(escalated_at=timezone.now())
        _audit(user, conversation)
        _send_after_commit(SUPERVISOR_GROUP, {"type": "chat.overview"})


def record_risk_check(*, conversation: Conversation, user, thoughts: bool, plan: bool,
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


def join_as_supervisor(*, conversation: Conversation, user, openly: bool) -> None:
    permissions.require(permissions.is_supervisor(user), user=user, conversation=conversation,
                        action=Action.VIEW, code="role", via="join_as_supervisor")
    with transaction.atomic():
        if openly and conversation.status != Status.ENDED:
            system_message(conversation, "supervisor_joined")
        _audit(user, conversation, Action.VIEW)


def end_conversation(*, conversation_id: int, by: str, user=None,
                     unless_seen_after: dt.datetime | None = None) -> Conversation:
    """End the chat (young person, quick exit, left, counsellor or block). Idempotent.

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
        system_message(conversation, f"ended_by_{by}")
        conversation.status = Status.ENDED
        conversation.ended_at = timezone.now()
        conversation.end_reason = by
        conversation.save(update_fields=["status", "ended_at", "end_reason"])
        _send_after_commit(conversation.group_name, status_event(conversation))
        if was_waiting:
            _send_after_commit(QUEUE_GROUP, {"type": "queue.left", "pk": conversation.pk})
            _send_after_commit(STAFF_QUEUE_GROUP, {"type": "queue.changed"})
        _send_after_commit(SUPERVISOR_GROUP, {"type": "chat.overview"})
        if user is not None:
            _audit(user, conversation)
        if settings.CHAT_RETENTION_DAYS == 0 and (was_waiting or conversation.registered):
            _delete_transcript(conversation)
    return conversation


def register(*, conversation: Conversation, user, topic: str, exploitation_form: str,
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
            day=timezone.localdate(end), topic=topic, exploitation_form=exploitation_form,
            age_band=age_band, outcome=outcome,
            wait_seconds=max(0, int(waited.total_seconds())),
            duration_seconds=max(0, int(lasted.total_seconds())))
        Conversation.objects.filter(pk=conversation.pk).update(registered=True)
        _audit(user, conversation)
        if conversation.status == Status.ENDED and settings.CHAT_RETENTION_DAYS == 0:
            _delete_transcript(conversation)
    return registration


def block(*, conversation: Conversation, user, hours: int, client_hash: str = "") -> Block:
    """Block the chat's session token for ``hours`` and end the chat."""
    conversation = _check(user, conversation, via="block")
    until = timezone.now() + dt.timedelta(hours=hours)
    with transaction.atomic():
        blocked = Block.objects.create(token_hash=conversation.token_hash, until=until,
                                       created_by=user)
        _audit(user, conversation)
    client = client_hash or cache.get(f"chat:client:{conversation.pk}")
    if client:
        cache.set(f"chat:blocked-client:{client}", 1, int(hours * 3600))
    end_conversation(conversation_id=conversation.pk, by="block", user=None)
    return blocked


def remember_client(conversation: Conversation, client_hash: str) -> None:
    """Cache-only link from a chat to the keyed client hash, so a block also stops new chats."""
    if client_hash:
        cache.set(f"chat:client:{conversation.pk}", client_hash, 24 * 3600)


def create_handover(*, conversation: Conversation, user, shared_summary: str) -> Handover:
    _check(user, conversation, via="create_handover", action=Action.CREATE)
    with transaction.atomic():
        for _attempt in range(5):
            code = "".join(secrets.choice(HANDOVER_ALPHABET) for _ in range(8))
            if not Handover.objects.filter(code=code).exists():
                break
        handover = Handover.objects.create(
            code=code, shared_summary=shared_summary, created_by=user,
            expires_at=timezone.now() + dt.timedelta(days=settings.CHAT_HANDOVER_DAYS))
        _audit(user, conversation, Action.CREATE)
    return handover


MINOR_AGE_BANDS = {"u12", "12-15", "16-17"}
#: This app's registration codes → the platform's forms of exploitation (signals, cases).
SIGNAL_FORMS = {"sexual": "sexual", "labour": "labour", "criminal": "criminal",
                "organ": "organ_removal"}


def create_signal(*, conversation: Conversation, user, description: str, forms: list[str],
                  acute_danger: bool = False):
    """Warm handover into the intake: a professional signal carrying only what the young person
    agreed to share (no transcript, no link back to the chat)."""
    from uitweg.signals.services import SignalData, submit_professional_signal

    data = SignalData(
        description=description, forms=[SIGNAL_FORMS[f] for f in forms if f in SIGNAL_FORMS],
        minor=True if conversation.age_band in MINOR_AGE_BANDS else None,
        acute_danger=acute_danger, source_reference="chat")
    _check(user, conversation, via="create_signal", action=Action.CREATE)
    with transaction.atomic():
        signal = submit_professional_signal(by=user, data=data)
        _audit(user, conversation)
    return signal


# Split out to keep this module to one job each; the names stay importable from here.
from uitweg.chat.presence import (  # noqa: E402
    _last_heard,
    left_cutoff,
    still_there,
    sweep_left,
    youth_seen,
)
from uitweg.chat.retention import Purged, _delete_transcript, purge  # noqa: E402

__all__ = ["Purged", "_delete_transcript", "_last_heard", "left_cutoff", "purge",
           "still_there", "sweep_left", "youth_seen"]
