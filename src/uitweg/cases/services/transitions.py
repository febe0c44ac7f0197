"""Moving a case through its states (:data:`uitweg.cases.lifecycle.CASE`)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.audit.models import Action

from .. import lifecycle, permissions
from ..lifecycle import TransitionRefused
from ..models import (
    Case,
    CaseState,
    ClosureReason,
    EventKind,
)
from .base import (
    CaseError,
    _audit,
    _check_version,
    _event,
    _lock,
)

# --- lifecycle ---------------------------------------------------------------------------------

@transaction.atomic
def transition(*, by: User, case: Case, target: str, expected_version: int,
               closure_reason: str = "", reason: str = "") -> Case:
    case = _lock(case, by=by, rule=permissions.require_coordinating, allow_closed=True)
    _check_version(current=case.version, expected=expected_version, case=case, target="case")
    try:
        step = lifecycle.check_transition(case.state, target, closure_reason=closure_reason,
                                          reason=reason,
                                          closure_reasons=tuple(ClosureReason.values))
    except TransitionRefused as exc:
        raise CaseError(exc.user_message(labels=dict(CaseState.choices))) from None
    source = case.state
    case.state = target
    case.version += 1
    if step.close:
        case.closure_reason, case.closed_on = closure_reason, timezone.localdate()
    if step.reopen:
        case.closure_reason, case.closed_on = "", None
    case.save(update_fields=["state", "version", "closure_reason", "closed_on", "updated_at"])
    labels = dict(CaseState.choices)
    summary = (_("Case reopened") if step.reopen else
               _("Status: %(source)s → %(target)s") % {"source": labels[source],
                                                       "target": labels[target]})
    if step.close:
        summary += " (" + str(dict(ClosureReason.choices)[closure_reason]) + ")"
    _event(case, by, EventKind.STATUS, summary, from_state=source, to_state=target,
           reason=reason, target="case", version=case.version, fields=["state"])
    _audit(by, Action.UPDATE, case)
    return case
