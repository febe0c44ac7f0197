"""Who may change whose access: pure rules on plain values (no database), tested without Django.

Every function returns ``None`` when allowed, otherwise a refusal code; the services raise and
the pages translate the code with :data:`uitweg.accounts.services.REFUSALS`. ADR 0006 and 0007.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from uitweg.accounts.roles import FOUR_EYES_ROLES, ORG_GRANTABLE_ROLES, Role

NOT_ADMIN = "not_admin"
OTHER_ORGANISATION = "other_organisation"
PLATFORM_ROLE = "platform_role"
BOOTSTRAP_ONLY = "bootstrap_only"
ORGANISATION_SET_UP = "organisation_set_up"
SINGLE_ADMIN = "single_admin"
OWN_REQUEST = "own_request"
NOT_PENDING = "not_pending"
INACTIVE = "inactive"
SELF_DEACTIVATION = "self_deactivation"

#: The functional administrator may invite organisation administrators only while an
#: organisation is being set up: fewer staff accounts than this, all organisation administrators.
SET_UP_ADMINS = 2


def split_roles(roles: Iterable[str]) -> tuple[list[str], list[str]]:
    """(roles that take effect at once, roles that wait for a second administrator)."""
    immediate, four_eyes = [], []
    for role in dict.fromkeys(roles):
        (four_eyes if role in FOUR_EYES_ROLES else immediate).append(role)
    return immediate, four_eyes


def in_set_up(staff_roles: Collection[Collection[str]]) -> bool:
    """An organisation is being set up while it has fewer than two accounts, all administrators.

    ``staff_roles`` holds the roles of each existing account of the organisation."""
    return len(staff_roles) < SET_UP_ADMINS and all(
        set(roles) == {Role.ORG_ADMIN} for roles in staff_roles)


def invite_refusal(*, actor_roles: Collection[str], actor_org_id: int | None,
                   admin_of_org_id: int | None, org_id: int, roles: Collection[str],
                   staff_roles: Collection[Collection[str]], active_admins: int) -> str | None:
    """May this actor invite someone with ``roles`` into organisation ``org_id``?

    ``admin_of_org_id``: the organisation the actor administers (None if none);
    ``staff_roles``: roles of each existing account of the target organisation;
    ``active_admins``: active organisation administrators there."""
    if Role.FUNCTIONAL_ADMIN in roles:
        return PLATFORM_ROLE
    if admin_of_org_id is not None:
        if admin_of_org_id != org_id:
            return OTHER_ORGANISATION
        return grant_refusal(roles=roles, active_admins=active_admins)
    if Role.FUNCTIONAL_ADMIN in actor_roles:
        if set(roles) != {Role.ORG_ADMIN}:
            return BOOTSTRAP_ONLY
        if not in_set_up(staff_roles):
            return ORGANISATION_SET_UP
        return None
    return NOT_ADMIN


def grant_refusal(*, roles: Collection[str], active_admins: int) -> str | None:
    """An organisation administrator asks for ``roles``: a four-eyes role needs a second active
    administrator who can approve it. A lone administrator gets a second one through operations
    (``manage.py create_org_admin``, ADR 0007)."""
    if not set(roles) <= ORG_GRANTABLE_ROLES:
        return PLATFORM_ROLE
    if active_admins < 2 and set(roles) & FOUR_EYES_ROLES:
        return SINGLE_ADMIN
    return None


def change_refusal(*, admin_of_org_id: int | None, target_org_id: int | None) -> str | None:
    """May the actor change (remove roles, deactivate, reactivate) an account of this org?"""
    if admin_of_org_id is None:
        return NOT_ADMIN
    if admin_of_org_id != target_org_id:
        return OTHER_ORGANISATION
    return None


def decision_refusal(*, actor_id: int, admin_of_org_id: int | None, grant_org_id: int,
                     requested_by_id: int, subject_id: int, pending: bool,
                     subject_active: bool) -> str | None:
    """May the actor approve a role request? Only a second, different administrator of the
    same organisation, who is neither the requester nor the person receiving the role."""
    refusal = change_refusal(admin_of_org_id=admin_of_org_id, target_org_id=grant_org_id)
    if refusal:
        return refusal
    if not pending:
        return NOT_PENDING
    if actor_id in (requested_by_id, subject_id):
        return OWN_REQUEST
    if not subject_active:
        return INACTIVE
    return None
