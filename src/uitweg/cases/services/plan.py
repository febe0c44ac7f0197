"""Notes and the care plan: needs and actions."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from uitweg.accounts.models import Organisation, User
from uitweg.audit.models import Action
from uitweg.core import dates

from .. import list_columns, permissions
from ..models import (
    ActionStatus,
    CareAction,
    CareNeed,
    Case,
    EventKind,
    NeedDomain,
    Note,
)
from .base import (
    CaseError,
    _apply_changes,
    _audit,
    _check_version,
    _event,
    _lock,
    _refuse_implausible_dates,
)

# --- notes -------------------------------------------------------------------------------------

@transaction.atomic
def add_note(*, by: User, case: Case, text: str, sensitive: bool = False) -> Note:
    case = _lock(case, by=by, rule=permissions.require_coordinating if sensitive
                 else permissions.require_member)
    if not (text or "").strip():
        raise CaseError(_("The note is empty."))
    note = Note.objects.create(case=case, author=by, organisation=by.organisation,
                               text=text.strip(), sensitive=sensitive)
    _event(case, by, EventKind.NOTE,
           _("Sensitive note added") if sensitive else _("Note added"), sensitive=sensitive,
           target=f"note:{note.pk}")
    _audit(by, Action.UPDATE, case)
    return note


# --- care plan ---------------------------------------------------------------------------------

@transaction.atomic
def add_need(*, by: User, case: Case, domain: str, description: str) -> CareNeed:
    case = _lock(case, by=by, rule=permissions.require_member)
    if domain not in NeedDomain.values:
        raise CaseError(_("Unknown domain."))
    need = CareNeed.objects.create(case=case, domain=domain, description=description.strip())
    _event(case, by, EventKind.PLAN,
           _("Need added: %(domain)s") % {"domain": dict(NeedDomain.choices)[domain]})
    _audit(by, Action.UPDATE, case)
    return need


@transaction.atomic
def add_action(*, by: User, need: CareNeed, description: str,
               responsible_organisation: Organisation, due_date: date,
               source: str = "", confirmed: bool = False) -> CareAction:
    """``confirmed``: the user said an odd due date (long ago, years ahead) is right."""
    case = _lock(need.case, by=by, rule=permissions.require_member)
    if not description.strip():
        raise CaseError(_("Describe the action."))
    _refuse_implausible_dates(("deadline", due_date, "due_date"), confirmed=confirmed)
    action = CareAction.objects.create(need=need, description=description.strip(),
                                       responsible_organisation=responsible_organisation,
                                       due_date=due_date)
    list_columns.refresh_next_action_due(case.pk)
    _event(case, by, EventKind.PLAN,
           _("Action added for %(org)s, due %(date)s")
           % {"org": responsible_organisation.name, "date": dates.format_day(due_date)}
           + (f" ({source})" if source else ""),
           target=f"action:{action.pk}", version=1)
    _audit(by, Action.UPDATE, case)
    return action


@transaction.atomic
def update_action(*, by: User, action: CareAction, expected_version: int,
                  status: str, due_date: date, confirmed: bool = False) -> CareAction:
    case = _lock(action.need.case, by=by, rule=permissions.require_member)
    action = CareAction.objects.select_for_update().get(pk=action.pk)
    permissions.require_may_update_action(by, action, case)
    target = f"action:{action.pk}"
    _check_version(current=action.version, expected=expected_version, case=case, target=target)
    if due_date != action.due_date:  # an old action keeps the date it was given
        _refuse_implausible_dates(("deadline", due_date, "due_date"), confirmed=confirmed)
    if status not in ActionStatus.values:
        raise CaseError(_("Unknown status."))
    _apply_changes(action, {"status": status, "due_date": due_date}, case=case, by=by,
                   kind=EventKind.PLAN, summary=_("Action changed: %(fields)s"), target=target,
                   suffix=f" → {dict(ActionStatus.choices)[status]}")
    list_columns.refresh_next_action_due(case.pk)
    return action
