"""Warm handovers out of a chat: a code the young person takes to a care organisation, or a
signal to the intake, each carrying only what they agreed to share (no transcript, no link back
to the chat). Importable from :mod:`uitweg.chat.services` as well."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from uitweg.audit.models import Action
from uitweg.chat import permissions
from uitweg.chat.models import Conversation, Handover

if TYPE_CHECKING:
    from uitweg.accounts.models import User
    from uitweg.signals.models import Signal

HANDOVER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MINOR_AGE_BANDS = {"u12", "12-15", "16-17"}
#: This app's registration codes → the platform's forms of exploitation (signals, cases).
SIGNAL_FORMS = {"sexual": "sexual", "labour": "labour", "criminal": "criminal",
                "organ": "organ_removal"}


def create_handover(*, conversation: Conversation, user: User,
                    shared_summary: str) -> Handover:
    permissions.check(user, conversation, via="create_handover", action=Action.CREATE)
    with transaction.atomic():
        for _attempt in range(5):
            code = "".join(secrets.choice(HANDOVER_ALPHABET) for _ in range(8))
            if not Handover.objects.filter(code=code).exists():
                break
        handover = Handover.objects.create(
            code=code, shared_summary=shared_summary, created_by=user,
            expires_at=timezone.now() + dt.timedelta(days=settings.CHAT_HANDOVER_DAYS))
        permissions.log_granted(user, conversation, Action.CREATE)
    return handover


def create_signal(*, conversation: Conversation, user: User, description: str,
                  forms: list[str], acute_danger: bool = False) -> Signal:
    """Warm handover into the intake: a professional signal (the signals services, not a copy)."""
    from uitweg.signals.services import SignalData, submit_professional_signal

    data = SignalData(
        description=description, forms=[SIGNAL_FORMS[f] for f in forms if f in SIGNAL_FORMS],
        minor=True if conversation.age_band in MINOR_AGE_BANDS else None,
        acute_danger=acute_danger, source_reference="chat")
    permissions.check(user, conversation, via="create_signal", action=Action.CREATE)
    with transaction.atomic():
        signal = submit_professional_signal(by=user, data=data)
        permissions.log_granted(user, conversation)
    return signal
