"""One state-machine style (issue 14.3): case states, referral statuses, the signal workflow, and
the Week's event states and registration statuses are each declared once as a
:class:`uitweg.core.states.StateMachine`, and the labelled choices the models store are exactly
the machine's states, so neither can drift from the other."""

from __future__ import annotations

import pytest

from uitweg.cases import lifecycle
from uitweg.cases.models import CaseState, ReferralStatus
from uitweg.core.states import StateMachine, same_states
from uitweg.signals import workflow
from uitweg.signals.vocabulary import Status
from uitweg.week import vocabulary as week


@pytest.mark.parametrize(("machine", "choices"), [
    (lifecycle.CASE, CaseState),
    (lifecycle.REFERRAL, ReferralStatus),
    (workflow.SIGNAL, Status),
    (week.EVENT, week.EventState),
    (week.REGISTRATION, week.RegistrationStatus),
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


def test_a_week_registration_moves_only_as_declared():
    from types import SimpleNamespace

    waiting = SimpleNamespace(pk=1, status=week.RegistrationStatus.WAITLISTED)
    week.move_registration(waiting, week.RegistrationStatus.CONFIRMED)  # a place freed up
    assert waiting.status == week.RegistrationStatus.CONFIRMED
    with pytest.raises(week.StatusRefused):  # a confirmed place is never taken back
        week.move_registration(waiting, week.RegistrationStatus.WAITLISTED)
    new = SimpleNamespace(pk=None, status="")
    with pytest.raises(week.StatusRefused):  # nobody registers straight into "cancelled"
        week.move_registration(new, week.RegistrationStatus.CANCELLED)
    assert week.REGISTRATION.allows(week.RegistrationStatus.CANCELLED,
                                    week.RegistrationStatus.WAITLISTED)  # registers again
    assert week.may_move(week.EventState.SUBMITTED, week.EventState.APPROVED)
    assert not week.may_move(week.EventState.CANCELLED, week.EventState.PUBLISHED)
