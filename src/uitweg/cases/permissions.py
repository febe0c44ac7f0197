"""Who may do what to a case file: small predicates, and ``require_*`` that raise :class:`Refused`.

Every service function in :mod:`uitweg.cases.services` calls one of the ``require_*`` functions
first (inside its transaction, after locking the case), so a view, a command, the demo loader or
another app's service cannot skip it. Views use the same predicates to decide what to offer
(which buttons, which referral decisions), never a copy of the rule.

Reading is a different question, answered by ``visible_to(user)`` (team membership or
break-glass). Writing needs a *current team membership* (break-glass only reads); changes to the
person, the classification, the legal clocks, the team and consent need the *coordinating
organisation*; a team member's named contact is chosen by that organisation or the
coordinating one; a care-plan action is changed by its *responsible organisation* or the
coordinator; a referral is decided by its *receiving organisation* (for a referral outside the
platform: the referring organisation records the answer) and withdrawn by the referring one.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.roles import CASE_ROLES, Role
from uitweg.core.refusals import Refused, require

from .models import (
    BreakGlassAccess,
    CareAction,
    Case,
    CaseMembership,
    Meeting,
    Referral,
    ReferralStatus,
)

__all__ = ["Refused"]

# reason codes (stable: written to the access log and returned by APIs)
NOT_CASE_STAFF = "not_case_staff"
NOT_COORDINATOR_ROLE = "not_coordinator_role"
NOT_MEMBER = "not_member"
NOT_COORDINATING = "not_coordinating"
NOT_RESPONSIBLE = "not_responsible"
NOT_RECEIVING = "not_receiving"
NOT_REFERRING = "not_referring"
MEETING_NOT_VISIBLE = "meeting_not_visible"
NOT_OWN_MEMBERSHIP = "not_own_membership"


# --- predicates --------------------------------------------------------------------------------

def is_case_staff(user) -> bool:
    """An active staff member of an organisation with a role that works with case files."""
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and user.is_active and user.organisation_id and user.has_role(*CASE_ROLES))


def is_member(user, case: Case) -> bool:
    """The user's organisation is on the team today (break-glass does not count)."""
    if not is_case_staff(user):
        return False
    if user.organisation_id == case.coordinating_organisation_id:
        return True  # the coordinating membership cannot end
    today = timezone.localdate()
    return (CaseMembership.objects
            .filter(case_id=case.pk, organisation_id=user.organisation_id,
                    start_date__lte=today)
            .exclude(end_date__lte=today).exists())


def is_coordinating(user, case: Case) -> bool:
    return is_case_staff(user) and user.organisation_id == case.coordinating_organisation_id


def may_open_case(user) -> bool:
    return is_case_staff(user) and user.has_role(Role.CARE_COORDINATOR)


def may_update_action(user, action: CareAction, case: Case) -> bool:
    """The responsible organisation, or the coordinating organisation, of a team it is on."""
    return is_member(user, case) and user.organisation_id in (
        action.responsible_organisation_id, case.coordinating_organisation_id)


def referral_decider(referral: Referral, status: str) -> int | None:
    """The organisation that may set ``status``: the receiver accepts, declines and completes
    (outside the platform the referring organisation records the receiver's answer); the
    referring organisation withdraws."""
    if status == ReferralStatus.WITHDRAWN:
        return referral.from_organisation_id
    if status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.COMPLETED):
        return referral.to_organisation_id or referral.from_organisation_id
    return None


def may_decide_referral(user, referral: Referral, status: str, case: Case) -> bool:
    decider = referral_decider(referral, status)
    return decider is not None and user.organisation_id == decider and is_member(user, case)


def may_name_contact(user, membership: CaseMembership, case: Case, *,
                     member: bool | None = None) -> bool:
    """The organisation names its own contact on the team; the coordinating organisation,
    which keeps the team, may name any partner's. ``member``: :func:`is_member`, if known."""
    member = is_member(user, case) if member is None else member
    return member and user.organisation_id in (membership.organisation_id,
                                               case.coordinating_organisation_id)


def may_use_meeting(user, meeting: Meeting) -> bool:
    """The meeting is one the user may see (organised by their organisation, or with a case of
    theirs on the agenda)."""
    return Meeting.objects.visible_to(user).filter(pk=meeting.pk).exists()


def may_acknowledge_break_glass(user, access: BreakGlassAccess) -> bool:
    """A care coordinator of the case's coordinating organisation."""
    return (is_case_staff(user) and user.has_role(Role.CARE_COORDINATOR)
            and user.organisation_id == access.case.coordinating_organisation_id)


# --- requirements (raise Refused) --------------------------------------------------------------

def require_case_staff(user) -> None:
    require(is_case_staff(user), NOT_CASE_STAFF,
            _("Your role does not give access to case files."))


def require_may_open_case(user) -> None:
    require(may_open_case(user), NOT_COORDINATOR_ROLE,
            _("Only a care coordinator can open a case."))


def require_member(user, case: Case) -> None:
    require_case_staff(user)
    require(is_member(user, case), NOT_MEMBER,
            _("Only organisations on the team of this case can change it."))


def require_coordinating(user, case: Case) -> None:
    require_case_staff(user)
    require(is_coordinating(user, case), NOT_COORDINATING,
            _("Only the coordinating organisation can do this."))


def require_may_update_action(user, action: CareAction, case: Case) -> None:
    require_member(user, case)
    require(may_update_action(user, action, case), NOT_RESPONSIBLE,
            _("Only the responsible organisation or the coordinator can change this action."))


def require_may_decide_referral(user, referral: Referral, status: str, case: Case) -> None:
    require_member(user, case)
    if status == ReferralStatus.WITHDRAWN:
        require(may_decide_referral(user, referral, status, case), NOT_REFERRING,
                _("Only the referring organisation can withdraw the referral."))
    else:
        require(may_decide_referral(user, referral, status, case), NOT_RECEIVING,
                _("Only the receiving organisation can accept, decline or complete the "
                  "referral."))


def require_may_name_contact(user, membership: CaseMembership, case: Case) -> None:
    require_member(user, case)
    require(may_name_contact(user, membership, case), NOT_OWN_MEMBERSHIP,
            _("Only the organisation itself or the coordinating organisation can name its "
              "contact."))


def require_may_use_meeting(user, meeting: Meeting) -> None:
    require(may_use_meeting(user, meeting), MEETING_NOT_VISIBLE,
            _("This case meeting is not one of your organisation's."))


def require_may_acknowledge_break_glass(user, access: BreakGlassAccess) -> None:
    require(may_acknowledge_break_glass(user, access), NOT_COORDINATING,
            _("Only a care coordinator of the coordinating organisation can mark this seen."))


# --- referrals from online outreach (issue 12.4) ----------------------------------------------

NOT_OUTREACH_TEAM = "not_outreach_team"


def may_refer_from_outreach(user) -> bool:
    """An outreach worker or team lead of an organisation: they refer a contact, with consent, to
    a care organisation (:func:`uitweg.cases.services.refer_from_outreach`) without being on
    the team of the case file that opens (they cannot read it afterwards)."""
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and user.is_active and user.organisation_id
                and user.has_role(Role.OUTREACH_WORKER, Role.OUTREACH_LEAD))


def require_may_refer_from_outreach(user) -> None:
    require(may_refer_from_outreach(user), NOT_OUTREACH_TEAM,
            _("Only the outreach team can refer a contact to a care organisation."))
