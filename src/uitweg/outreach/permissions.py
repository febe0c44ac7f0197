"""Who may do what in outreach: predicates, and ``require_*`` that raise ``Refused``.

Every service function in :mod:`uitweg.outreach.services` checks one of these first, so the
pages, the demo loader, commands and other apps are held to the same rules. Which records a
user may *see* is the row-level filter ``visible_to(user)`` (the outreach team of the record's
organisation); a record outside it is "not found", never "not allowed".
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from uitweg.accounts.roles import Role
from uitweg.core.refusals import Refused, require

from .models import OUTREACH_ROLES

__all__ = ["Refused"]

NOT_OUTREACH = "not_outreach_team"
NOT_LEAD = "not_outreach_lead"
NOT_OWN_ROUND = "not_own_round"
OTHER_TEAM = "other_outreach_team"

FIGURE_ROLES = frozenset({*OUTREACH_ROLES, Role.ANALYST})


def is_outreach(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and user.is_active and user.organisation_id and user.has_role(*OUTREACH_ROLES))


def is_lead(user) -> bool:
    return is_outreach(user) and user.has_role(Role.OUTREACH_LEAD)


def same_team(user, record) -> bool:
    return is_outreach(user) and record.organisation_id == user.organisation_id


def may_work_round(user, round_) -> bool:
    """The worker who started the round, or the team lead."""
    return same_team(user, round_) and (round_.worker_id == user.pk or is_lead(user))


def require_outreach(user) -> None:
    require(is_outreach(user), NOT_OUTREACH, _("Only the outreach team can do this."))


def require_lead(user) -> None:
    require(is_lead(user), NOT_LEAD, _("Only the outreach team lead can do this."))


def require_same_team(user, record) -> None:
    require_outreach(user)
    require(same_team(user, record), OTHER_TEAM,
            _("This belongs to another organisation's outreach team."))


def require_work_round(user, round_) -> None:
    require_same_team(user, round_)
    require(may_work_round(user, round_), NOT_OWN_ROUND,
            _("Only the worker of this round or the team lead can change it."))


def require_lead_of(user, record) -> None:
    require_same_team(user, record)
    require_lead(user)
