"""The case owner: one named person of the coordinating organisation who keeps a case moving.

Set through :func:`set_owner` only (permission check, version check, case history, audit), the
same pattern as every write in :mod:`uitweg.cases.services`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.accounts.roles import CASE_ROLES
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record

from . import list_columns, permissions
from .models import Case, CaseEvent, EventKind
from .services import CaseClosed, CaseError, StaleEdit, VersionMissing


def candidates(case: Case):
    """Who may own ``case``: active staff with a case role in its coordinating organisation."""
    users = User.objects.filter(organisation_id=case.coordinating_organisation_id,
                                is_active=True).order_by("first_name", "last_name", "username")
    return [u for u in users if u.has_role(*CASE_ROLES)]


def display_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


@transaction.atomic
def set_owner(*, by: User, case: Case, owner: User | None, expected_version: int) -> Case:
    """Make ``owner`` (or nobody, with ``None``) the owner of ``case``.

    Only the coordinating organisation decides; the owner must be one of :func:`candidates`.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    permissions.require_coordinating(by, locked)
    if locked.is_closed:
        raise CaseClosed(_("This case is closed; reopen it before making changes."))
    if isinstance(expected_version, bool) or not isinstance(expected_version, int):
        raise VersionMissing(_("This form is out of date; reload the page and enter your "
                               "changes again."))
    if expected_version != locked.version:
        changes = list(locked.events.filter(target="case", version__gt=expected_version)
                       .select_related("actor").order_by("at", "id"))
        raise StaleEdit(_("Someone else saved this meanwhile; your changes were not saved. "
                          "Check what changed below and enter your changes again."), changes)
    if owner is not None and owner.pk not in {u.pk for u in candidates(locked)}:
        raise CaseError(_("The case owner must be a staff member of the coordinating "
                          "organisation who works with case files."))
    if locked.owner_id == (owner.pk if owner else None):
        return locked
    locked.owner = owner
    locked.version += 1
    locked.save(update_fields=["owner", "version", "updated_at"])
    summary = (_("Case owner: %(name)s") % {"name": display_name(owner)} if owner
               else _("Case owner removed"))
    organisation = getattr(by, "organisation", None)
    event = CaseEvent.objects.create(
        case=locked, actor=by, kind=EventKind.TEAM, summary=summary[:300],
        organisation_name=getattr(organisation, "name", "") or "", target="case",
        version=locked.version, fields=["owner"])
    list_columns.touch_activity(locked.pk, event.at)
    record(actor=actor_for(by), action=Action.UPDATE, object_type="cases.case",
           object_id=locked.pk, object_label=locked.number, purpose="care")
    return locked
