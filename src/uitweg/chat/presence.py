"""A young person who left: the last time their socket was heard, and ending chats whose young
person has not been heard for ``CHAT_LEFT_AFTER`` minutes (ADR 0037)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from uitweg.chat.models import Conversation, EndReason, Status


def _last_heard(conversation: Conversation) -> dt.datetime:
    return conversation.youth_seen_at or conversation.created_at


def youth_seen(*, conversation_id: int, now: dt.datetime | None = None) -> None:
    """A socket of the young person was heard (connect, a frame, its disconnect)."""
    Conversation.objects.filter(pk=conversation_id).exclude(status=Status.ENDED).update(
        youth_seen_at=now or timezone.now())


def left_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(minutes=settings.CHAT_LEFT_AFTER)


def still_there(queryset, *, now: dt.datetime | None = None):
    """Live chats whose young person was heard within CHAT_LEFT_AFTER minutes."""
    cutoff = left_cutoff(now)
    return queryset.filter(Q(youth_seen_at__gte=cutoff)
                           | Q(youth_seen_at__isnull=True, created_at__gte=cutoff))


def sweep_left(*, now: dt.datetime | None = None) -> int:
    """End every live chat whose young person has not been heard for CHAT_LEFT_AFTER minutes
    (tab closed, phone off): marked "left", out of the queue, the counsellor told.

    No background worker: called on every read of the queue (console, queue, overview, pick,
    a new chat) and by ``purge_chat_transcripts``. Each chat is re-checked under its row lock,
    so a young person who came back meanwhile keeps their chat. Returns how many ended.
    """
    from uitweg.chat import services

    cutoff = left_cutoff(now)
    live = Conversation.objects.live()
    stale = list(live.exclude(pk__in=still_there(live, now=now).values("pk"))
                 .values_list("pk", flat=True))
    ended = 0
    for pk in stale:
        try:
            chat = services.end_conversation(conversation_id=pk, reason=EndReason.LEFT,
                                             unless_seen_after=cutoff)
        except Conversation.DoesNotExist:
            continue
        ended += chat.end_reason == EndReason.LEFT
    return ended
