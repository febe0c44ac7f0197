"""The named contact of each organisation on a case's team (issue 10.10).

The coordinating organisation's contact is the case owner (:mod:`uitweg.cases.owner`); every
partner organisation names its own contact person, or the coordinating organisation does it for
them. Set through :func:`set_contact` only: permission, version check, case history and one
access-log entry, the same pattern as every write in :mod:`uitweg.cases.services`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.accounts.roles import CASE_ROLES
from uitweg.audit.models import Action

from . import permissions
from .models import Case, CaseMembership, EventKind, MembershipRole
from .owner import display_name
from .services import CaseError, _audit, _check_version, _event, _lock


def candidates(membership: CaseMembership) -> list[User]:
    """Who may be the contact: active staff with a case role in the member organisation."""
    users = User.objects.filter(organisation_id=membership.organisation_id,
                                is_active=True).order_by("first_name", "last_name", "username")
    return [u for u in users if u.has_role(*CASE_ROLES)]


def offered(user, membership: CaseMembership, case: Case, *, member: bool | None = None) -> bool:
    """Whether the case file offers ``user`` to name this membership's contact: the checks of
    :func:`set_contact` that need no form input (no query when ``member`` is given)."""
    return (not case.is_closed and membership.role != MembershipRole.COORDINATING
            and membership.is_current()
            and permissions.may_name_contact(user, membership, case, member=member))


def target(membership: CaseMembership) -> str:
    """The history target of a membership (for the version check's "changed meanwhile")."""
    return f"membership:{membership.pk}"


@transaction.atomic
def set_contact(*, by: User, membership: CaseMembership, contact: User | None,
                expected_version: int) -> CaseMembership:
    """Make ``contact`` (or nobody, with ``None``) the contact of ``membership``'s organisation.

    Refused for the coordinating membership (its contact is the case owner), for a membership
    that has ended, and for a person who is not one of :func:`candidates`."""
    case = _lock(membership.case, by=by, rule=permissions.require_member)
    membership = (CaseMembership.objects.select_for_update(of=("self",))
                  .select_related("organisation").get(pk=membership.pk))
    permissions.require_may_name_contact(by, membership, case)
    _check_version(current=membership.version, expected=expected_version, case=case,
                   target=target(membership))
    if membership.role == MembershipRole.COORDINATING:
        raise CaseError(_("The coordinating organisation's contact is the case owner."))
    if not membership.is_current():
        raise CaseError(_("This membership has ended."))
    if contact is not None and contact.pk not in {u.pk for u in candidates(membership)}:
        raise CaseError(_("The contact must be a staff member of %(org)s who works with case "
                          "files.") % {"org": membership.organisation.name})
    if membership.contact_id == (contact.pk if contact else None):
        return membership
    membership.contact = contact
    membership.version += 1
    membership.save(update_fields=["contact", "version"])
    names = {"org": membership.organisation.name, "name": display_name(contact)}
    summary = (_("Contact for %(org)s: %(name)s") % names if contact
               else _("Contact for %(org)s removed") % names)
    _event(case, by, EventKind.TEAM, summary, target=target(membership),
           version=membership.version, fields=["contact"])
    _audit(by, Action.UPDATE, case)
    return membership
