"""Who may do what in the chat: one answer for views, consumers, services and commands.

The ``may_*`` functions only decide (no database writes, no queries beyond the objects given).
:func:`require` is what service functions call: a refusal writes one *denied* access-log entry
and raises :class:`NotPermitted`, so a caller that forgot a check can still not act on a chat
that is not theirs (issue 9, finding 4; ADR 0036).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from uitweg.accounts.roles import Role
from uitweg.chat.errors import ChatError

CHAT_ROLES = (Role.CHAT_COUNSELLOR, Role.CHAT_SUPERVISOR)
PURPOSE = "chat counselling"


class NotPermitted(PermissionDenied, ChatError):
    """Refused for this user; ``code`` goes to a socket client as the reason (a page says 403)."""

    def __init__(self, code: str = "forbidden"):
        ChatError.__init__(self, code)


def _staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def uses_chat(user) -> bool:
    """Counsellors and supervisors: the console, the queue, the chat sockets."""
    return _staff(user) and user.has_role(*CHAT_ROLES)


def is_supervisor(user) -> bool:
    return _staff(user) and user.has_role(Role.CHAT_SUPERVISOR)


def may_pick(user) -> bool:
    return _staff(user) and user.has_role(Role.CHAT_COUNSELLOR)


def may_take_over(user) -> bool:
    """May be given a chat (transfer target)."""
    return may_pick(user)


def handles(user, conversation) -> bool:
    """The chat's own counsellor, or a supervisor: read the transcript, notes, risk check,
    escalate, transfer, block, handover, signal, end and register."""
    if not uses_chat(user):
        return False
    return conversation.counsellor_id == user.pk or user.has_role(Role.CHAT_SUPERVISOR)


def open_join_key(conversation) -> str:
    """Session flag: this supervisor joined the chat openly and may write in it."""
    return f"chat.open.{conversation.pk}"


def may_write(user, conversation, *, joined_openly: bool = False) -> bool:
    """Send messages, typing and read marks: the chat's counsellor, or a supervisor who joined
    openly (the young person saw the line); a silent supervisor only reads."""
    if not handles(user, conversation):
        return False
    return conversation.counsellor_id == user.pk or (joined_openly and is_supervisor(user))


def may_edit_canned(user) -> bool:
    return is_supervisor(user)


def may_see_statistics(user) -> bool:
    return _staff(user) and user.has_role(Role.CHAT_SUPERVISOR, Role.ANALYST)


def may_look_up_handover(user) -> bool:
    return _staff(user) and user.has_role(Role.CARE_COORDINATOR, Role.CASE_WORKER,
                                          Role.INTAKE_OFFICER, Role.CHAT_SUPERVISOR)


def log_denied(user, conversation, *, action: str, reason: str, access_point: str = "",
               object_id: str = "", client_address: str = "", via: str = "") -> None:
    """One denied entry for a refused act on a chat, in a transaction of its own.

    Its access point: the one given, else where the call came from (the page or socket, see
    :mod:`uitweg.audit.context`), else the service function ``via``.
    """
    from uitweg.audit import context
    from uitweg.audit.models import Outcome
    from uitweg.audit.service import actor_for, record

    if not access_point and context.current() is None and via:
        access_point = f"service:uitweg.chat.services.{via}"
    with transaction.atomic():
        record(actor=actor_for(user, access_point=access_point, client_address=client_address),
               action=action, object_type="chat.conversation",
               object_id=object_id or (str(conversation.pk) if conversation is not None else ""),
               object_label=getattr(conversation, "audit_label", "") or "",
               purpose=PURPOSE, outcome=Outcome.DENIED, reason=reason)


def require(allowed: bool, *, user, conversation, action: str, code: str = "forbidden",
            via: str = "") -> None:
    """Raise :class:`NotPermitted` (after logging a denied entry) unless ``allowed``."""
    if allowed:
        return
    log_denied(user, conversation, action=action, reason=code, via=via)
    raise NotPermitted(code)
