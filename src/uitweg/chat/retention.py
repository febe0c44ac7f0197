"""Retention of the chat: transcripts deleted after ``CHAT_RETENTION_DAYS``, expired handovers and
blocks removed (ADR 0031), and expired personal chat codes (ADR 0110)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from uitweg.chat.models import Block, Conversation, Handover, Invite, Status


def _delete_transcript(conversation: Conversation) -> None:
    conversation.delete()


@dataclass(frozen=True)
class Purged:
    conversations: int
    handovers: int
    blocks: int


def purge(*, now: dt.datetime | None = None) -> Purged:
    """Delete transcripts past the retention period, expired handovers and expired blocks."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.CHAT_RETENTION_DAYS)
    with transaction.atomic():
        old = Conversation.objects.filter(status=Status.ENDED, ended_at__lte=cutoff)
        conversations = old.count()
        old.delete()  # cascades to messages, notes and risk checks
        handovers, _ = Handover.objects.filter(expires_at__lte=now).delete()
        blocks, _ = Block.objects.filter(until__lte=now).delete()
        Invite.objects.filter(expires_at__lte=now).delete()  # used or not: the code is spent
    return Purged(conversations, handovers, blocks)
