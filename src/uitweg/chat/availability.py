"""Who is available to answer now: counsellors with the chat console open (issue 10, item 11).

The console's queue socket (:mod:`uitweg.chat.queue_socket`) counts itself in on connect, is
heard on every ping (every 30 s) and counts itself out on disconnect. A counsellor is available
for a channel while at least one of their console sockets is open and was heard within
``PRESENT_SECONDS`` (a crashed worker cannot keep someone "available"), and they may pick up
that channel's chats. The wait estimate (:mod:`uitweg.chat.waiting`) is computed from that,
from the chats each already holds and from the median length of the channel's recent chats.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from uitweg.chat import channels, waiting
from uitweg.chat.models import ConsolePresence, Conversation, Status

#: Heard within this many seconds: still there (the console pings every 30 s).
PRESENT_SECONDS = 75


def _cutoff(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(seconds=PRESENT_SECONDS)


def console_opened(*, user_id: int, now: dt.datetime | None = None) -> bool:
    """A console socket of ``user_id`` opened. True if they were not available before."""
    now = now or timezone.now()
    with transaction.atomic():
        row, created = ConsolePresence.objects.select_for_update().get_or_create(
            user_id=user_id, defaults={"sockets": 1, "seen_at": now})
        if created:
            return True
        was_there = row.sockets > 0 and row.seen_at >= _cutoff(now)
        row.sockets = (row.sockets if was_there else 0) + 1  # stale counts are forgotten
        row.seen_at = now
        row.save(update_fields=["sockets", "seen_at"])
    return not was_there


def console_heard(*, user_id: int, now: dt.datetime | None = None) -> None:
    ConsolePresence.objects.filter(user_id=user_id, sockets__gt=0).update(
        seen_at=now or timezone.now())


def console_closed(*, user_id: int) -> bool:
    """A console socket closed. True if that was their last one (no longer available)."""
    with transaction.atomic():
        row = ConsolePresence.objects.select_for_update().filter(user_id=user_id).first()
        if row is None or row.sockets == 0:
            return False
        row.sockets -= 1
        row.save(update_fields=["sockets"])
    return row.sockets == 0


def available_counsellors(channel: str, *, now: dt.datetime | None = None) -> list[int]:
    """Ids of the active users who may pick up ``channel``'s chats and have the console open."""
    spec = channels.spec(channel)
    cutoff = _cutoff(now or timezone.now())
    rows = (ConsolePresence.objects.filter(sockets__gt=0, seen_at__gte=cutoff, user__is_active=True)
            .select_related("user"))
    return sorted(row.user_id for row in rows if row.user.has_role(*spec.counsellor_roles))


def recent_durations(channel: str) -> list[float]:
    """Minutes from pick-up to end of the channel's last ``waiting.SAMPLE`` answered chats."""
    rows = (Conversation.objects.filter(channel=channel, status=Status.ENDED,
                                        picked_at__isnull=False, ended_at__isnull=False)
            .order_by("-ended_at").values_list("picked_at", "ended_at")[:waiting.SAMPLE])
    return [(ended - picked).total_seconds() / 60 for picked, ended in rows]


def staffing(channel: str, *, now: dt.datetime | None = None) -> waiting.Staffing:
    """The inputs of the wait estimate for ``channel``, as they are now (three queries)."""
    present = available_counsellors(channel, now=now)
    held = dict(Conversation.objects.filter(counsellor_id__in=present, status=Status.ACTIVE)
                .values("counsellor").annotate(n=Count("pk")).values_list("counsellor", "n"))
    return waiting.Staffing(
        loads=tuple(held.get(pk, 0) for pk in present),
        capacity=settings.CHAT_COUNSELLOR_CAPACITY,
        average_minutes=waiting.average_minutes(recent_durations(channel),
                                                fallback=settings.CHAT_AVERAGE_MINUTES))
