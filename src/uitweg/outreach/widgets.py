"""Dashboard widget: the outreach worker's follow-ups due and open rounds (via visible_to)."""

from __future__ import annotations

from uitweg.core.registry import WidgetResult

from . import permissions, queries


def follow_ups_due(request):
    if not permissions.is_outreach(request.user):
        return None
    work = queries.worker_worklist(request.user)
    due = work.follow_ups_due[:10]
    return WidgetResult(
        template="outreach/widget.html",
        context={"due": due, "open_rounds": work.open_rounds},
        records=[("outreach.contact", c.pk) for c in due])
