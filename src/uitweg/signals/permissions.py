"""Who may do what with a signal: small predicates, and ``require_*`` that raise ``Refused``.

Every service function in :mod:`uitweg.signals.services` checks one of these first (inside its
transaction, after locking the signal), so the staff pages, the partner API, the demo loader
and commands are held to the same rules. Which signals a user may *see* stays the row-level
filter ``Signal.objects.visible_to(user)`` (the responsible organisation); a signal outside it is
"not found", never "not allowed".
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from uitweg.accounts.roles import Role
from uitweg.core.refusals import Refused, require
from uitweg.signals.models import SIGNAL_ROLES, ApiKey, ApiScope, Signal

__all__ = ["INTAKE_ROLES", "REPORTER_ROLES", "Refused"]

#: roles that may report a signal from the staff intake form
INTAKE_ROLES = (Role.INTAKE_OFFICER, Role.CARE_COORDINATOR, Role.CASE_WORKER,
                Role.OUTREACH_WORKER)
#: roles that may report a professional signal at all: the intake roles, and the chat's
#: counsellors and supervisors (warm handover from a conversation, chat.services.create_signal)
REPORTER_ROLES = (*INTAKE_ROLES, Role.CHAT_COUNSELLOR, Role.CHAT_SUPERVISOR)

# reason codes (stable: written to the access log and returned by the API)
NOT_SIGNAL_STAFF = "not_signal_staff"
NOT_COORDINATOR_ROLE = "not_coordinator_role"
NOT_REPORTER = "not_reporter"
NOT_ADMIN = "not_functional_admin"
KEY_SCOPE = "api_key_scope"


def _active_staff(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and user.is_active and user.organisation_id)


def may_handle(user, signal: Signal) -> bool:
    """Triage, assign, start, close, link: signal staff of the responsible organisation."""
    return (_active_staff(user) and user.has_role(*SIGNAL_ROLES)
            and user.organisation_id == signal.responsible_organisation_id)


def may_convert(user, signal: Signal) -> bool:
    """Opening a case from a signal is a care coordinator's decision."""
    return may_handle(user, signal) and user.has_role(Role.CARE_COORDINATOR)


def may_report(user) -> bool:
    """Analysts and functional administrators do not report signals."""
    return _active_staff(user) and user.has_role(*REPORTER_ROLES)


def may_configure(user) -> bool:
    """Routing rules and partner API keys: the functional administrator."""
    return bool(user is not None and user.is_active and user.has_role(Role.FUNCTIONAL_ADMIN))


def key_may_report(key: ApiKey) -> bool:
    return bool(key.active and ApiScope.SIGNALS_WRITE in (key.scopes or []))


def require_handle(user, signal: Signal) -> None:
    require(may_handle(user, signal), NOT_SIGNAL_STAFF,
            _("Only active signal staff of the responsible organisation can do this."))


def require_convert(user, signal: Signal) -> None:
    require_handle(user, signal)
    require(may_convert(user, signal), NOT_COORDINATOR_ROLE,
            _("Only a care coordinator can open a case from a signal."))


def require_report(user) -> None:
    require(may_report(user), NOT_REPORTER, _("Your role cannot report signals here."))


def require_configure(user) -> None:
    require(may_configure(user), NOT_ADMIN,
            _("Only a functional administrator may change this."))


def require_key_may_report(key: ApiKey) -> None:
    require(key_may_report(key), KEY_SCOPE, "This API key may not submit signals.")
