"""The team of a case, and emergency (break-glass) access from outside it."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import Organisation, User
from uitweg.audit.models import Action

from .. import permissions
from ..models import (
    BreakGlassAccess,
    Case,
    CaseMembership,
    EventKind,
    MembershipRole,
)
from .base import (
    CaseError,
    _audit,
    _event,
    _lock,
)

# --- team and break-glass ----------------------------------------------------------------------

@transaction.atomic
def add_member(*, by: User, case: Case, organisation: Organisation,
               start_date: date | None = None) -> CaseMembership:
    case = _lock(case, by=by, rule=permissions.require_coordinating)
    if not organisation.active:
        raise CaseError(_("This organisation is not active."))
    today = timezone.localdate()
    current = [m for m in case.memberships.filter(organisation=organisation) if m.is_current()]
    if current:
        raise CaseError(_("%(org)s is already on the team.") % {"org": organisation.name})
    membership = CaseMembership.objects.create(case=case, organisation=organisation,
                                               start_date=start_date or today)
    _event(case, by, EventKind.TEAM, _("%(org)s added to the team") % {"org": organisation.name})
    _audit(by, Action.UPDATE, case)
    return membership


@transaction.atomic
def end_membership(*, by: User, membership: CaseMembership,
                   end_date: date | None = None) -> CaseMembership:
    case = _lock(membership.case, by=by, rule=permissions.require_coordinating)
    membership = CaseMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == MembershipRole.COORDINATING:
        raise CaseError(_("The coordinating organisation cannot leave the team."))
    if membership.end_date is not None:
        raise CaseError(_("This membership has already ended."))
    end = end_date or timezone.localdate()
    if end < membership.start_date:
        raise CaseError(_("A membership cannot end before it starts."))
    membership.end_date = end
    membership.save(update_fields=["end_date"])
    _event(case, by, EventKind.TEAM,
           _("%(org)s left the team") % {"org": membership.organisation.name})
    _audit(by, Action.UPDATE, case)
    return membership


@transaction.atomic
def break_glass(*, by: User, case: Case, reason: str) -> BreakGlassAccess:
    """Emergency access for someone outside the team: reason required; flagged; coordinator told.

    The caller must have re-authenticated at this step (the view asks for the password or an
    authenticator code and passes only after checking it)."""
    permissions.require_case_staff(by)
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise CaseError(_("State the reason for the emergency access (at least 10 characters)."))
    case = Case.objects.select_for_update().get(pk=case.pk)
    now = timezone.now()
    access = BreakGlassAccess.objects.create(
        case=case, user=by, reason=reason, at=now,
        organisation_name=getattr(by.organisation, "name", ""),
        expires_at=now + timedelta(minutes=settings.CASES_BREAK_GLASS_MINUTES))
    _event(case, by, EventKind.ACCESS, _("Emergency (break-glass) access"), reason=reason)
    _audit(by, Action.BREAK_GLASS, case, purpose="break-glass", break_glass=True, reason=reason)
    return access


@transaction.atomic
def acknowledge_break_glass(*, by: User, access: BreakGlassAccess) -> None:
    access = BreakGlassAccess.objects.select_for_update().select_related("case").get(
        pk=access.pk)
    permissions.require_may_acknowledge_break_glass(by, access)
    if access.acknowledged_at is None:
        access.acknowledged_at = timezone.now()
        access.save(update_fields=["acknowledged_at"])
