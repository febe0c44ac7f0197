"""Personal chat codes (ADR 0110): an outreach worker hands one contact a code, or a link that
carries it, which opens the outreach chat with that worker.

- Not guessable: 10 characters from a 32-letter alphabet (50 bits), shown once to the worker and
  stored only as a SHA-256 digest; wrong codes count against the keyed client hash's limit
  (:func:`uitweg.chat.limits.code_attempt`).
- It expires after ``CHAT_INVITE_HOURS`` and opens one chat only: the first start uses it up.
- Nothing about the contact is stored: the worker's contact record already holds what they
  know; the invite holds the worker, their organisation and the times.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from uitweg.audit.models import Action
from uitweg.chat import channels, permissions
from uitweg.chat.channels import Channel
from uitweg.chat.models import Invite

if TYPE_CHECKING:
    from uitweg.accounts.models import User

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 10
OBJECT_TYPE = "chat.invite"


def normalise(code: str) -> str:
    """What the contact typed, as the code: capitals, without spaces and dashes."""
    if not isinstance(code, str):
        return ""
    return "".join(ch for ch in code.upper() if ch not in " -\t")[:40]


def digest(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def shown(code: str) -> str:
    """``ABCDE-FGHJK``: easier to read out and to type."""
    return f"{code[:5]}-{code[5:]}"


def may_invite(user: User, channel: str = Channel.OUTREACH) -> bool:
    spec = channels.spec(channel)
    return bool(spec.personal_codes and getattr(user, "is_authenticated", False)
                and user.is_active and user.has_role(*spec.counsellor_roles))


def create_invite(*, user: User, channel: str = Channel.OUTREACH) -> tuple[Invite, str]:
    """A new code for one contact; the plain code is returned once and never stored."""
    permissions.require(may_invite(user, channel), user=user, conversation=None,
                        action=Action.CREATE, code="role", via="create_invite",
                        object_type=OBJECT_TYPE)
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    with transaction.atomic():
        invite = Invite.objects.create(
            code_digest=digest(code), channel=channel, counsellor=user,
            organisation_id=user.organisation_id,
            expires_at=timezone.now() + dt.timedelta(hours=settings.CHAT_INVITE_HOURS))
    return invite, code


def redeem(code: str, *, channel: str, now: dt.datetime | None = None) -> Invite | None:
    """Use the code up for a new chat (inside the caller's transaction): the invite, or
    ``None`` when it is unknown, expired, used, for another channel or its worker is gone."""
    if len(normalise(code)) != LENGTH:
        return None
    now = now or timezone.now()
    invite = (Invite.objects.select_for_update(of=("self",))
              .filter(code_digest=digest(code), channel=channel, used_at__isnull=True,
                      expires_at__gt=now, counsellor__is_active=True)
              .first())
    if invite is None:
        return None
    Invite.objects.filter(pk=invite.pk).update(used_at=now)
    return invite
