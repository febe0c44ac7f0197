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
from uitweg.chat import channels
from uitweg.chat.errors import ChatError

#: Every role with a chat console: the counsellors and supervisors of every channel (ADR 0110).
CHAT_ROLES = channels.ALL_ROLES
PURPOSE = "chat counselling"


class NotPermitted(PermissionDenied, ChatError):
    """Refused for this user; ``code`` goes to a socket client as the reason (a page says 403
    with :func:`~uitweg.chat.errors.refusal_text`, never the code)."""

    def __init__(self, code: str = "forbidden"):
        ChatError.__init__(self, code)


def _staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def uses_chat(user) -> bool:
    """Counsellors and supervisors of any channel: the console, the queue, the chat sockets."""
    return _staff(user) and user.has_role(*CHAT_ROLES)


def _same_organisation(user, conversation) -> bool:
    """Outreach chats opened with a worker's code belong to that worker's organisation."""
    if not channels.spec(conversation.channel).by_organisation:
        return True
    return conversation.organisation_id in (None, user.organisation_id)


def is_supervisor(user, conversation=None) -> bool:
    """Supervises ``conversation``'s channel (within its organisation), or any channel."""
    if not _staff(user):
        return False
    if conversation is None:
        return bool(channels.supervised_by(user))
    return (user.has_role(*channels.spec(conversation.channel).supervisor_roles)
            and _same_organisation(user, conversation))


def may_pick(user) -> bool:
    """Counsels some channel (which chats: ``Conversation.objects.visible_to``)."""
    return _staff(user) and bool(channels.counselled_by(user))


def may_take_over(user, conversation=None) -> bool:
    """May be given ``conversation`` (transfer target): a counsellor of its channel (and
    organisation)."""
    if conversation is None:
        return may_pick(user)
    return (_staff(user) and user.has_role(*channels.spec(conversation.channel).counsellor_roles)
            and _same_organisation(user, conversation))


def handles(user, conversation) -> bool:
    """The chat's own counsellor, or a supervisor of its channel: read the transcript, notes,
    risk check, escalate, transfer, block, handover, signal, end and register."""
    if not uses_chat(user):
        return False
    return conversation.counsellor_id == user.pk or is_supervisor(user, conversation)


def open_join_key(conversation) -> str:
    """Session flag: this supervisor joined the chat openly and may write in it."""
    return f"chat.open.{conversation.pk}"


def may_write(user, conversation, *, joined_openly: bool = False) -> bool:
    """Send messages, typing and read marks: the chat's counsellor, or a supervisor who joined
    openly (the other side saw the line); a silent supervisor only reads."""
    if not handles(user, conversation):
        return False
    return conversation.counsellor_id == user.pk or (
        joined_openly and is_supervisor(user, conversation))


def may_edit_canned(user) -> bool:
    return _staff(user) and user.has_role(Role.CHAT_SUPERVISOR)


def may_see_statistics(user) -> bool:
    return _staff(user) and user.has_role(Role.CHAT_SUPERVISOR, Role.ANALYST)


def may_look_up_handover(user) -> bool:
    return _staff(user) and user.has_role(Role.CARE_COORDINATOR, Role.CASE_WORKER,
                                          Role.INTAKE_OFFICER, Role.CHAT_SUPERVISOR)


def log_denied(user, conversation, *, action: str, reason: str, access_point: str = "",
               object_id: str = "", client_address: str = "", via: str = "",
               object_type: str = "chat.conversation") -> None:
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
               action=action, object_type=object_type,
               object_id=object_id or (str(conversation.pk) if conversation is not None else ""),
               object_label=getattr(conversation, "audit_label", "") or "",
               purpose=PURPOSE, outcome=Outcome.DENIED, reason=reason)


def log_granted(user, conversation, action: str = "update") -> None:
    """A granted entry for acting on a chat; its access point is where the call came from
    (page, socket, command — :mod:`uitweg.audit.context`), or the service function."""
    from uitweg.audit.service import actor_for, record

    record(actor=actor_for(user), action=action, object_type="chat.conversation",
           object_id=conversation.pk, object_label=conversation.audit_label, purpose=PURPOSE)


def check(user, conversation, *, via: str, action: str = "update", rule=handles):
    """The chat as stored now, if ``rule`` lets ``user`` act on it; else a logged refusal.

    Services call it before their own transaction, so the denied entry is not rolled back with
    it.
    """
    from uitweg.chat.models import Conversation

    current = Conversation.objects.filter(pk=conversation.pk).first()
    require(current is not None and rule(user, current), user=user,
            conversation=conversation, action=action, via=via)
    return current


def require(allowed: bool, *, user, conversation, action: str, code: str = "forbidden",
            via: str = "", object_type: str = "chat.conversation") -> None:
    """Raise :class:`NotPermitted` (after logging a denied entry) unless ``allowed``."""
    if allowed:
        return
    log_denied(user, conversation, action=action, reason=code, via=via, object_type=object_type)
    raise NotPermitted(code)
