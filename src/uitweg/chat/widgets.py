"""Dashboard widget for chat staff: the queue and the user's own chats (via visible_to)."""

from __future__ import annotations

from django.utils import timezone

from uitweg.chat import channels
from uitweg.chat.models import Conversation, Status
from uitweg.core.registry import WidgetResult


def chat_queue(request):
    user = request.user
    if not user.has_role(*channels.ALL_ROLES):
        return None
    visible = Conversation.objects.visible_to(user)
    waiting = list(visible.filter(status=Status.WAITING).order_by("pk")[:10])
    mine = list(visible.filter(counsellor=user, status=Status.ACTIVE).order_by("pk"))
    return WidgetResult(
        template="chat/widget.html",
        context={"waiting": waiting, "mine": mine, "now": timezone.now(),
                 "youth": channels.Channel.YOUTH in (channels.counselled_by(user)
                                                     + channels.supervised_by(user))},
        records=[("chat.conversation", c.pk) for c in waiting + mine])
