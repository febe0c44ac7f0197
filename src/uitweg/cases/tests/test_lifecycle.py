"""The case state machine (pure; no database)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uitweg.cases import lifecycle as lc
from uitweg.cases.lifecycle import TransitionRefused, check_transition


@pytest.mark.parametrize(("source", "target"), [
    (lc.NEW, lc.ASSESSMENT), (lc.ASSESSMENT, lc.CARE_COORDINATION),
    (lc.CARE_COORDINATION, lc.AFTERCARE), (lc.AFTERCARE, lc.CARE_COORDINATION),
])
def test_forward_path(source, target):
    step = check_transition(source, target)
    assert (step.source, step.target, step.close, step.reopen) == (source, target, False, False)


@pytest.mark.parametrize("source", [lc.NEW, lc.ASSESSMENT, lc.CARE_COORDINATION, lc.AFTERCARE])
def test_every_open_state_can_close_with_a_reason(source):
    assert check_transition(source, lc.CLOSED, closure_reason="goals_reached").close
    with pytest.raises(TransitionRefused, match="closure reason"):
        check_transition(source, lc.CLOSED)


def test_closure_reason_must_be_known():
    with pytest.raises(TransitionRefused):
        check_transition(lc.NEW, lc.CLOSED, closure_reason="bored",
                         closure_reasons=("goals_reached",))


def test_reopen_needs_a_reason():
    with pytest.raises(TransitionRefused, match="reason"):
        check_transition(lc.CLOSED, lc.ASSESSMENT, reason="  ")
    assert check_transition(lc.CLOSED, lc.ASSESSMENT, reason="New facts").reopen


@pytest.mark.parametrize(("source", "target"), [
    (lc.NEW, lc.AFTERCARE), (lc.NEW, lc.CARE_COORDINATION), (lc.ASSESSMENT, lc.NEW),
    (lc.CLOSED, lc.AFTERCARE), (lc.CLOSED, lc.NEW), (lc.AFTERCARE, lc.ASSESSMENT),
])
def test_invalid_transitions_are_refused_with_a_reason(source, target):
    with pytest.raises(TransitionRefused) as exc:
        check_transition(source, target, closure_reason="goals_reached", reason="x")
    assert str(exc.value)


def test_unknown_and_same_states():
    with pytest.raises(TransitionRefused):
        check_transition("limbo", lc.NEW)
    with pytest.raises(TransitionRefused):
        check_transition(lc.NEW, "limbo")
    with pytest.raises(TransitionRefused, match="already"):
        check_transition(lc.NEW, lc.NEW)


@given(st.sampled_from(lc.STATES), st.sampled_from(lc.STATES))
def test_allowed_exactly_when_in_the_table(source, target):
    try:
        check_transition(source, target, closure_reason="goals_reached", reason="because")
        allowed = True
    except TransitionRefused:
        allowed = False
    assert allowed == (target in lc.allowed_targets(source))


def test_every_state_is_reachable_from_new():
    seen, todo = {lc.NEW}, [lc.NEW]
    while todo:
        for nxt in lc.allowed_targets(todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert seen == set(lc.STATES)
