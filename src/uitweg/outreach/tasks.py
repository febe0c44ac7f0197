"""The outreach app's section of "my tasks": follow-ups of the contacts I made, due within a
week (via ``visible_to``: the user's outreach team)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.core.registry import WidgetResult

from . import permissions
from .models import Contact

LIMIT = 25
AHEAD_DAYS = 7


def my_follow_ups(request) -> WidgetResult | None:
    user = request.user
    if not permissions.is_outreach(user):
        return None
    today = timezone.localdate()
    contacts = list(Contact.objects.visible_to(user)
                    .filter(created_by_id=user.pk, anonymised_at__isnull=True,
                            next_follow_up__lte=today + timedelta(days=AHEAD_DAYS))
                    .select_related("platform").order_by("next_follow_up", "pk")[:LIMIT + 1])
    more = len(contacts) > LIMIT
    contacts = contacts[:LIMIT]
    rows = [{"url": c.get_absolute_url(), "label": str(c), "detail": c.platform.name,
             "due": c.next_follow_up, "overdue": c.next_follow_up < today} for c in contacts]
    return WidgetResult("core/task_section.html",
                        {"name": "outreach-mine", "title": _("My follow-ups"), "rows": rows,
                         "more": more},
                        records=[("outreach.contact", c.pk) for c in contacts])
