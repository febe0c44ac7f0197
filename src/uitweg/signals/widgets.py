"""Dashboard widget: urgent and overdue signals of the user's organisation (via visible_to)."""

from __future__ import annotations

from django.utils import timezone

from uitweg.core.registry import WidgetResult
from uitweg.signals.models import SIGNAL_ROLES, Signal
from uitweg.signals.vocabulary import Priority

LIMIT = 10


def urgent_signals(request):
    user = request.user
    if not user.has_role(*SIGNAL_ROLES):
        return None
    visible = Signal.objects.visible_to(user).open()
    urgent = list(visible.filter(priority=Priority.URGENT).order_by("deadline_at")[:LIMIT])
    overdue = list(visible.overdue().exclude(priority=Priority.URGENT)
                   .order_by("deadline_at")[:LIMIT])
    shown = urgent + overdue
    return WidgetResult(
        template="signals/widget.html",
        context={"urgent": urgent, "overdue": overdue, "now": timezone.now()},
        records=[("signals.signal", s.pk) for s in shown])
