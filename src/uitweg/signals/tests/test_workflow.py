"""The workflow state machine (pure) and its services (locking, append-only history)."""

import itertools

import pytest

from uitweg.signals import services, workflow
from uitweg.signals.models import AppendOnlyError, SignalEvent
from uitweg.signals.tests.factories import intake_officer, make_signal, rule


def test_happy_path_is_allowed():
    path = [workflow.RECEIVED, workflow.TRIAGED, workflow.ASSIGNED, workflow.IN_PROGRESS]
    for current, target in itertools.pairwise(path):
        workflow.check(current, target)
    workflow.check(workflow.IN_PROGRESS, workflow.CLOSED, closure_reason=workflow.FORWARDED)


@pytest.mark.parametrize("current,target", [
    (workflow.RECEIVED, workflow.IN_PROGRESS), (workflow.RECEIVED, workflow.ASSIGNED),
    (workflow.CLOSED, workflow.TRIAGED), (workflow.IN_PROGRESS, workflow.TRIAGED)])
def test_skipping_or_reopening_is_refused(current, target):
    with pytest.raises(workflow.InvalidTransition):
        workflow.check(current, target)


def test_closing_needs_a_reason():
    with pytest.raises(ValueError):
        workflow.check(workflow.TRIAGED, workflow.CLOSED, closure_reason="")


def test_public_stage_is_one_of_three():
    assert {workflow.public_stage(s) for s in workflow.STATES} == {
        "received", "being_handled", "handled"}


@pytest.mark.django_db
def test_services_walk_the_workflow_and_append_history():
    signal = make_signal(indicators=["deception"])
    officer = intake_officer(org=signal.responsible_organisation)
    colleague = intake_officer(org=signal.responsible_organisation)
    services.triage_signal(by=officer, signal_id=signal.pk, forms=["labour"],
                           indicators=["retention_of_documents", "restriction_of_movement"],
                           minor=False, acute_danger=False)
    signal.refresh_from_db()
    assert (signal.status, signal.priority) == ("triaged", "high")
    services.assign_signal(by=officer, signal_id=signal.pk, assignee=colleague)
    services.start_signal(by=colleague, signal_id=signal.pk)
    with pytest.raises(services.SignalError):
        services.triage_signal(by=colleague, signal_id=signal.pk, forms=[], indicators=[],
                               minor=None, acute_danger=False)
    services.close_signal(by=colleague, signal_id=signal.pk, reason="no_indication")
    signal.refresh_from_db()
    assert signal.status == "closed" and signal.closed_at
    actions = list(signal.events.values_list("action", flat=True))
    assert actions == ["received", "triaged", "assigned", "started", "closed"]
    event = signal.events.first()
    event.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        SignalEvent.objects.filter(signal=signal).delete()
    with pytest.raises(AppendOnlyError):
        SignalEvent.objects.filter(signal=signal).update(note="x")


@pytest.mark.django_db
def test_assignee_must_belong_to_the_responsible_organisation():
    signal = make_signal()
    rule(signal.responsible_organisation)  # triage re-routes: keep it where the officer works
    officer = intake_officer(org=signal.responsible_organisation)
    outsider = intake_officer(org=None)
    services.triage_signal(by=officer, signal_id=signal.pk, forms=[], indicators=[],
                           minor=None, acute_danger=False)
    with pytest.raises(services.SignalError):
        services.assign_signal(by=officer, signal_id=signal.pk, assignee=outsider)


@pytest.mark.django_db
def test_a_user_who_cannot_see_the_signal_cannot_change_it():
    from uitweg.signals.models import Signal

    signal = make_signal()
    outsider = intake_officer(org=None)
    with pytest.raises(Signal.DoesNotExist):
        services.close_signal(by=outsider, signal_id=signal.pk, reason="duplicate")
