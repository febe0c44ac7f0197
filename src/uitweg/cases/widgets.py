"""Dashboard widgets: overdue actions, deadlines 14 and 3 days ahead, break-glass notices.

Each widget shows only rows from ``visible_to`` and reports them in ``records`` so the
dashboard's single access-log entry lists them.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from uitweg.accounts.roles import CASE_ROLES, Role
from uitweg.core.registry import WidgetResult

from . import clocks, services
from .models import BreakGlassAccess, CareAction, Case

LIMIT = 20


def overdue_actions(request) -> WidgetResult | None:
    user = request.user
    if not user.has_role(*CASE_ROLES):
        return None
    actions = (CareAction.objects.visible_to(user).overdue()
               .filter(Q(responsible_organisation_id=user.organisation_id)
                       | Q(need__case__coordinating_organisation_id=user.organisation_id))
               .select_related("need__case", "responsible_organisation")
               .order_by("due_date")[:LIMIT])
    actions = list(actions)
    if not actions:
        return None
    today = timezone.localdate()
    rows = [(a, (today - a.due_date).days) for a in actions]
    return WidgetResult("cases/widgets/overdue_actions.html", {"rows": rows},
                        records=[("cases.case", a.need.case_id) for a in actions])


def upcoming_deadlines(request) -> WidgetResult | None:
    user = request.user
    if not user.has_role(*CASE_ROLES):
        return None
    today = timezone.localdate()
    cases = (Case.objects.visible_to(user).open()
             .filter(coordinating_organisation_id=user.organisation_id)
             .filter(Q(reflection_start__isnull=False) | Q(permit_valid_from__isnull=False)
                     | Q(shelter_start__isnull=False))
             .only("id", "number", "reflection_start", "reflection_end", "crime_reported_on",
                   "permit_applied_on", "permit_decision_on", "permit_valid_from",
                   "shelter_kind", "shelter_start", "state"))
    rows = []
    for case in cases:
        for deadline in clocks.upcoming(services.case_deadlines(case), today):
            rows.append((deadline.due, case, deadline, deadline.days_left(today),
                         deadline.urgency(today)))
    if not rows:
        return None
    rows.sort(key=lambda r: (r[0], r[1].number))
    rows = rows[:LIMIT]
    return WidgetResult("cases/widgets/deadlines.html", {"rows": rows},
                        records=sorted({("cases.case", r[1].pk) for r in rows}))


def break_glass_notices(request) -> WidgetResult | None:
    user = request.user
    if not user.has_role(Role.CARE_COORDINATOR):
        return None
    since = timezone.now() - timedelta(days=30)
    accesses = list(
        BreakGlassAccess.objects
        .filter(case__in=Case.objects.member_of(user),
                case__coordinating_organisation_id=user.organisation_id,
                acknowledged_at__isnull=True, at__gte=since)
        .select_related("case", "user")[:LIMIT])
    if not accesses:
        return None
    return WidgetResult("cases/widgets/break_glass.html", {"accesses": accesses},
                        records=[("cases.case", a.case_id) for a in accesses])
