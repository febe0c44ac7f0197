"""One state-machine style (issue 14.3): case states, referral statuses and the signal workflow
are each declared once as a :class:`uitweg.core.states.StateMachine`, and the labelled choices
the models store are exactly the machine's states, so neither can drift from the other."""

from __future__ import annotations

import pytest

from uitweg.cases import lifecycle
from uitweg.cases.models import CaseState, ReferralStatus
from uitweg.core.states import StateMachine, same_states
from uitweg.signals import workflow
from uitweg.signals.vocabulary import Status


@pytest.mark.parametrize(("machine", "choices"), [
    (lifecycle.CASE, CaseState),
    (lifecycle.REFERRAL, ReferralStatus),
    (workflow.SIGNAL, Status),
])
def test_the_stored_choices_are_the_machines_states(machine, choices):
    assert same_states(machine, choices.values)
    assert all(choice.label for choice in choices)


def test_a_choice_missing_from_the_machine_is_noticed():
    assert not same_states(lifecycle.CASE, [*CaseState.values, "archived"])
    assert not same_states(lifecycle.CASE, CaseState.values[:-1])
    assert not same_states(lifecycle.CASE, [*CaseState.values, CaseState.NEW])


def test_a_transition_to_an_undeclared_state_is_refused_when_declared():
    with pytest.raises(ValueError, match="undeclared states"):
        StateMachine("broken", {"open": ("closed",)})


def test_the_services_read_the_same_tables():
    assert lifecycle.allowed_targets(CaseState.CLOSED) == (CaseState.ASSESSMENT,)
    assert lifecycle.CASE.allows(CaseState.NEW, CaseState.ASSESSMENT)
    assert not lifecycle.CASE.allows(CaseState.NEW, CaseState.AFTERCARE)
    assert lifecycle.referral_targets(ReferralStatus.DECLINED) == ()
    assert lifecycle.REFERRAL.final(ReferralStatus.COMPLETED)
    assert workflow.allowed(Status.ASSIGNED, Status.TRIAGED)
    assert not workflow.allowed(Status.CLOSED, Status.RECEIVED)
    assert lifecycle.TRANSITIONS is lifecycle.CASE.transitions
