"""Who may do what in the Week: predicates, and ``require_*`` that raise ``Refused``.

- An *editor* of a partner organisation submits and changes its own organisation's events,
  sees their attendee lists and checks people in.
- A *publisher* of the municipality approves, rejects, publishes and cancels events, keeps the
  editions and the toolkit, and sees the figures (aggregate). A publisher of another
  organisation acts as an editor of its own organisation's events.
- Registrants' data is seen by the organising organisation's editors and publishers only
  (``Registration.objects.visible_to``); everyone else gets "not found".
Every service in :mod:`uitweg.week.services` checks one of these first.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.core.refusals import Refused, require

from .models import WEEK_ROLES

__all__ = ["Refused"]

NOT_WEEK_STAFF = "not_week_staff"
NOT_PUBLISHER = "not_municipal_publisher"
OTHER_ORGANISATION = "other_organisation"

FIGURE_ROLES = frozenset({Role.PUBLISHER, Role.ANALYST})


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and user.is_active and user.organisation_id)


def is_week_staff(user) -> bool:
    return _active(user) and user.has_role(*WEEK_ROLES)


def is_municipal_publisher(user) -> bool:
    return (_active(user) and user.has_role(Role.PUBLISHER)
            and user.organisation.kind == OrganisationKind.MUNICIPALITY)


def organises(user, event) -> bool:
    return is_week_staff(user) and event.organisation_id == user.organisation_id


def may_see_figures(user) -> bool:
    return is_municipal_publisher(user) or (_active(user) and user.has_role(Role.ANALYST))


def require_week_staff(user) -> None:
    require(is_week_staff(user), NOT_WEEK_STAFF,
            _("Only editors and publishers of the Week can do this."))


def require_publisher(user) -> None:
    require(is_municipal_publisher(user), NOT_PUBLISHER,
            _("Only a publisher of the municipality can do this."))


def require_organiser(user, event) -> None:
    require_week_staff(user)
    require(organises(user, event), OTHER_ORGANISATION,
            _("This event belongs to another organisation."))


def require_organiser_or_publisher(user, event) -> None:
    if is_municipal_publisher(user):
        return
    require_organiser(user, event)


def require_figures(user) -> None:
    require(may_see_figures(user), NOT_PUBLISHER,
            _("Only publishers of the municipality and analysts see the figures."))
