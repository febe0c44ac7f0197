"""The signal workflow as a pure state machine (no Django): states, transitions, public stage.
Declared with :class:`uitweg.core.states.StateMachine`, like case states and referrals.

received → triaged → assigned → in progress → closed (converted to case / forwarded /
no indication / duplicate). Re-triage and re-assignment are allowed before work starts.
"""

from __future__ import annotations

from uitweg.core.states import StateMachine

RECEIVED = "received"
TRIAGED = "triaged"
ASSIGNED = "assigned"
IN_PROGRESS = "in_progress"
CLOSED = "closed"

CONVERTED_TO_CASE = "converted_to_case"
FORWARDED = "forwarded"
NO_INDICATION = "no_indication"
DUPLICATE = "duplicate"
CLOSURE_REASONS = (CONVERTED_TO_CASE, FORWARDED, NO_INDICATION, DUPLICATE)

#: state -> states reachable from it (``vocabulary.Status`` is built from these constants);
#: re-triage and re-assignment are steps to the same state
SIGNAL = StateMachine("signal", {
    RECEIVED: (TRIAGED, CLOSED),
    TRIAGED: (TRIAGED, ASSIGNED, CLOSED),
    ASSIGNED: (TRIAGED, ASSIGNED, IN_PROGRESS, CLOSED),
    IN_PROGRESS: (CLOSED,),
    CLOSED: (),
})
STATES = SIGNAL.states
TRANSITIONS = SIGNAL.transitions

#: What the public status page may say: a neutral stage, nothing else.
STAGE_RECEIVED = "received"
STAGE_BEING_HANDLED = "being_handled"
STAGE_HANDLED = "handled"
PUBLIC_STAGE = {
    RECEIVED: STAGE_RECEIVED,
    TRIAGED: STAGE_BEING_HANDLED,
    ASSIGNED: STAGE_BEING_HANDLED,
    IN_PROGRESS: STAGE_BEING_HANDLED,
    CLOSED: STAGE_HANDLED,
}


class InvalidTransition(ValueError):
    def __init__(self, current: str, target: str):
        super().__init__(f"cannot go from {current} to {target}")
        self.current = current
        self.target = target


def allowed(current: str, target: str) -> bool:
    return SIGNAL.allows(current, target)


def check(current: str, target: str, *, closure_reason: str = "") -> None:
    """Raise :class:`InvalidTransition` unless ``current → target`` is allowed."""
    if not allowed(current, target):
        raise InvalidTransition(current, target)
    if target == CLOSED and closure_reason not in CLOSURE_REASONS:
        raise ValueError(f"closing needs a reason out of {CLOSURE_REASONS}")


def public_stage(state: str) -> str:
    return PUBLIC_STAGE[state]


def is_open(state: str) -> bool:
    return state != CLOSED
