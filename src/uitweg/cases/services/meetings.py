"""Case meetings: scheduling, the agenda and decisions (which may create actions)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import Organisation, User
from uitweg.audit.models import Action
from uitweg.core import dates

from .. import permissions
from ..models import (
    AgendaItem,
    CareNeed,
    Case,
    Decision,
    EventKind,
    Meeting,
)
from .base import (
    CaseError,
    _audit,
    _event,
    _lock,
    _raise_for_findings,
)
from .plan import add_action

# --- meetings ----------------------------------------------------------------------------------

@transaction.atomic
def schedule_meeting(*, by: User, title: str, scheduled_for: datetime, location: str = "",
                     attendees: Iterable[User] = (), external_attendees: str = "",
                     confirmed: bool = False) -> Meeting:
    """``confirmed``: the user said an odd date (a meeting that already took place, one far
    ahead) is right."""
    from uitweg.core.plausibility import check_meeting

    permissions.require_case_staff(by)
    if not title.strip():
        raise CaseError(_("Give the meeting a title."))
    _raise_for_findings(check_meeting(scheduled_for, today=timezone.localdate(),
                                      field="scheduled_for"), confirmed=confirmed)
    meeting = Meeting.objects.create(title=title.strip(), scheduled_for=scheduled_for,
                                     location=location.strip(),
                                     organising_organisation=by.organisation,
                                     external_attendees=external_attendees.strip())
    meeting.attendees.set(attendees)
    return meeting


@transaction.atomic
def put_on_agenda(*, by: User, meeting: Meeting, case: Case) -> AgendaItem:
    case = _lock(case, by=by, rule=permissions.require_member)
    permissions.require_may_use_meeting(by, meeting)
    item, created = AgendaItem.objects.get_or_create(meeting=meeting, case=case)
    if not created:
        raise CaseError(_("This case is already on the agenda."))
    _event(case, by, EventKind.MEETING,
           _("On the agenda of case meeting “%(title)s” (%(date)s)")
           % {"title": meeting.title, "date": dates.format_moment(meeting.scheduled_for)})
    _audit(by, Action.UPDATE, case)
    return item


@transaction.atomic
def record_decision(*, by: User, item: AgendaItem, text: str, need: CareNeed | None = None,
                    responsible_organisation: Organisation | None = None,
                    due_date: date | None = None, confirmed: bool = False) -> Decision:
    """A meeting decision on a case; with need + organisation + due date it creates an action."""
    case = _lock(item.case, by=by, rule=permissions.require_member)
    if not text.strip():
        raise CaseError(_("Write down the decision."))
    action = None
    if need is not None or responsible_organisation is not None or due_date is not None:
        if not (need and responsible_organisation and due_date) or need.case_id != case.pk:
            raise CaseError(_("To create an action, choose a need of this case, a responsible "
                              "organisation and a due date."))
        action = add_action(by=by, need=need, description=text,
                            responsible_organisation=responsible_organisation,
                            due_date=due_date, source=item.meeting.title,
                            confirmed=confirmed)
    decision = Decision.objects.create(item=item, text=text.strip(), action=action)
    _event(case, by, EventKind.MEETING,
           _("Decision in case meeting “%(title)s”") % {"title": item.meeting.title},
           target=f"decision:{decision.pk}")
    _audit(by, Action.UPDATE, case)
    return decision
