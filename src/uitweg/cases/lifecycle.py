"""The case state machine: which transitions exist and what each needs. Pure; no database.
Declared with :class:`uitweg.core.states.StateMachine`, like referrals (below) and signals.

    new → assessment → care_coordination → aftercare → closed
    any open state → closed (with a reason); closed → assessment (reopen, with a reason)
"""

from __future__ import annotations

from dataclasses import dataclass

from uitweg.core.states import StateMachine

from .purerror import PureError
from .purerror import mark as _

NEW = "new"
ASSESSMENT = "assessment"
CARE_COORDINATION = "care_coordination"
AFTERCARE = "aftercare"
CLOSED = "closed"

#: state -> states reachable from it (``models.CaseState`` is built from these constants)
CASE = StateMachine("case", {
    NEW: (ASSESSMENT, CLOSED),
    ASSESSMENT: (CARE_COORDINATION, CLOSED),
    CARE_COORDINATION: (AFTERCARE, CLOSED),
    AFTERCARE: (CARE_COORDINATION, CLOSED),
    CLOSED: (ASSESSMENT,),  # reopen
})
STATES = CASE.states
TRANSITIONS = CASE.transitions


class TransitionRefused(PureError):
    """The transition is not allowed; ``str(exc)`` is the reason for the user."""


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    reopen: bool
    close: bool


def allowed_targets(state: str) -> tuple[str, ...]:
    return CASE.targets(state)


def check_transition(source: str, target: str, *, closure_reason: str = "",
                     reason: str = "", closure_reasons: tuple[str, ...] = ()) -> Transition:
    """Return the transition, or raise :class:`TransitionRefused` saying why not."""
    if source not in TRANSITIONS:
        raise TransitionRefused(_("Unknown current state “%(state)s”."), state=source)
    if target not in TRANSITIONS:
        raise TransitionRefused(_("Unknown state “%(state)s”."), state=target)
    if source == target:
        raise TransitionRefused(_("The case is already in this state."))
    if not CASE.allows(source, target):
        raise TransitionRefused(_("A case cannot go from “%(source)s” to “%(target)s”."),
                                source=source, target=target)
    close = target == CLOSED
    reopen = source == CLOSED
    if close and not closure_reason:
        raise TransitionRefused(_("Closing a case needs a closure reason."))
    if close and closure_reasons and closure_reason not in closure_reasons:
        raise TransitionRefused(_("Unknown closure reason."))
    if reopen and not reason.strip():
        raise TransitionRefused(_("Reopening a case needs a reason."))
    return Transition(source, target, reopen=reopen, close=close)


# --- referrals ---------------------------------------------------------------------------------
# proposed → accepted | declined | withdrawn;  accepted → completed | withdrawn.
# Who may take each step is :func:`uitweg.cases.permissions.referral_decider`; the service
# (``decide_referral``) and the decision form (``services.referral_decisions``) both read this
# table, so what a page offers is what the service accepts.

PROPOSED = "proposed"
ACCEPTED = "accepted"
DECLINED = "declined"
COMPLETED = "completed"
WITHDRAWN = "withdrawn"

#: status -> the decisions that may follow it, in the order a form offers them
#: (``models.ReferralStatus`` is built from these constants)
REFERRAL = StateMachine("referral", {
    PROPOSED: (ACCEPTED, DECLINED, WITHDRAWN),
    ACCEPTED: (COMPLETED, WITHDRAWN),
    DECLINED: (),
    COMPLETED: (),
    WITHDRAWN: (),
})
REFERRAL_STATES = REFERRAL.states
REFERRAL_TRANSITIONS = REFERRAL.transitions

#: the statuses a decision can set (a referral is only *created* as proposed)
REFERRAL_DECISIONS = (ACCEPTED, DECLINED, COMPLETED, WITHDRAWN)


def referral_targets(status: str) -> tuple[str, ...]:
    return REFERRAL.targets(status)
