"""Who may see and change the action programme.

The programme is the municipality's: analysts (policy staff) of a municipality organisation write
it; the analysts of an action's owner organisation keep their own action's progress (status,
milestones, values). Analysts and care coordinators read it, as they read the figures it counts.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.core.refusals import Refused

VIEW_ROLES = (Role.ANALYST, Role.CARE_COORDINATOR)


def may_view(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(*VIEW_ROLES))


def may_write_programme(user) -> bool:
    return bool(may_view(user) and user.has_role(Role.ANALYST) and user.organisation_id
                and user.organisation.kind == OrganisationKind.MUNICIPALITY)


def may_update_progress(user, action) -> bool:
    return may_write_programme(user) or bool(
        may_view(user) and user.has_role(Role.ANALYST)
        and user.organisation_id == action.owner_id)


def require_write_programme(user) -> None:
    if not may_write_programme(user):
        raise Refused("programme_writer",
                      _("Only the municipality's policy staff change the action programme."))


def require_update_progress(user, action) -> None:
    if not may_update_progress(user, action):
        raise Refused("programme_owner",
                      _("Only policy staff of the owner organisation or the municipality "
                        "keep this action's progress."))
