"""The signals app's section of "my tasks": open signals assigned to me (via ``visible_to``)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.core.registry import WidgetResult

from .models import SIGNAL_ROLES, Signal

LIMIT = 25


def my_signals(request) -> WidgetResult | None:
    user = request.user
    if not user.has_role(*SIGNAL_ROLES):
        return None
    signals = list(Signal.objects.visible_to(user).open().filter(assigned_to_id=user.pk)
                   .order_by("deadline_at", "received_at")[:LIMIT + 1])
    more = len(signals) > LIMIT
    signals = signals[:LIMIT]
    now = timezone.now()
    rows = [{"url": s.get_absolute_url(), "label": s.reference,
             "detail": f"{s.get_priority_display()} · {s.get_status_display()}",
             "due": s.deadline_at, "overdue": bool(s.deadline_at and s.deadline_at < now)}
            for s in signals]
    return WidgetResult("core/task_section.html",
                        {"name": "signals-mine", "title": _("My signals"), "rows": rows,
                         "more": more},
                        records=[("signals.signal", s.pk) for s in signals])
