"""The cases app's sections of "my tasks": my overdue care-plan actions and the referrals my
organisation has to answer. Rows only from ``visible_to(user)``; every case shown is reported in
``records`` so the page's single access-log entry lists it."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.core.registry import WidgetResult

from . import permissions
from .models import CareAction, Referral, ReferralStatus

LIMIT = 25


def _result(name, title, rows, records, more, link="", link_label=""):
    return WidgetResult("core/task_section.html",
                        {"name": name, "title": title, "rows": rows, "more": more,
                         "link": link, "link_label": link_label},
                        records=records)


def my_overdue_actions(request) -> WidgetResult | None:
    """Overdue actions on cases I own, and those my organisation is responsible for."""
    user = request.user
    if not permissions.is_case_staff(user):
        return None
    today = timezone.localdate()
    actions = list(CareAction.objects.visible_to(user).overdue(today)
                   .filter(Q(need__case__owner_id=user.pk)
                           | Q(responsible_organisation_id=user.organisation_id))
                   .select_related("need__case", "responsible_organisation")
                   .order_by("due_date", "id")[:LIMIT + 1])
    more = len(actions) > LIMIT
    actions = actions[:LIMIT]
    rows = [{"url": reverse("cases:action_update", args=[a.need.case_id, a.pk]),
             "label": a.need.case.number,
             "detail": f"{a.need.get_domain_display()}: {a.description}",
             "due": a.due_date, "overdue": True} for a in actions]
    return _result("cases-actions", _("My overdue actions"), rows,
                   [("cases.case", a.need.case_id) for a in actions], more)


def my_referrals(request) -> WidgetResult | None:
    """Referrals proposed to my organisation on cases it is on the team of."""
    user = request.user
    if not permissions.is_case_staff(user):
        return None
    referrals = list(Referral.objects.visible_to(user)
                     .filter(status=ReferralStatus.PROPOSED,
                             to_organisation_id=user.organisation_id,
                             case__in=_member_cases(user))
                     .select_related("case", "from_organisation")
                     .order_by("sent_at", "id")[:LIMIT + 1])
    more = len(referrals) > LIMIT
    referrals = referrals[:LIMIT]
    rows = [{"url": reverse("cases:referral_decide", args=[r.case_id, r.pk]),
             "label": r.case.number,
             "detail": _("from %(org)s: %(purpose)s") % {"org": r.from_organisation.name,
                                                         "purpose": r.purpose}}
            for r in referrals]
    return _result("cases-referrals", _("Referrals to answer"), rows,
                   [("cases.case", r.case_id) for r in referrals], more)


def _member_cases(user):
    from .models import Case

    return Case.objects.member_of(user).values("pk")
