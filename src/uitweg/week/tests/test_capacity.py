"""The pure rules of places and the waiting list (no database)."""

from hypothesis import given
from hypothesis import strategies as st

from uitweg.week import capacity


def test_confirmed_while_places_are_left_then_waitlisted():
    assert capacity.new_status(capacity=2, confirmed=1) == capacity.CONFIRMED
    assert capacity.new_status(capacity=2, confirmed=2) == capacity.WAITLISTED
    assert capacity.new_status(capacity=None, confirmed=10_000) == capacity.CONFIRMED


def test_a_capacity_below_the_confirmed_count_is_refused_with_the_count():
    verdict = capacity.check_capacity_change(new_capacity=5, confirmed=7)
    assert not verdict.allowed and verdict.confirmed == 7
    assert capacity.check_capacity_change(new_capacity=7, confirmed=7).allowed
    assert capacity.check_capacity_change(new_capacity=None, confirmed=7).allowed


@given(cap=st.integers(0, 20), steps=st.lists(st.booleans(), max_size=80))
def test_never_more_confirmed_than_places_and_the_queue_moves_in_order(cap, steps):
    """Any sequence of registrations (True) and cancellations of a confirmed person (False)."""
    confirmed: list[int] = []
    waiting: list[int] = []
    promoted_order: list[int] = []
    for n, is_registration in enumerate(steps):
        if is_registration:
            status = capacity.new_status(capacity=cap, confirmed=len(confirmed))
            (confirmed if status == capacity.CONFIRMED else waiting).append(n)
        elif confirmed:
            confirmed.pop(0)
            moved = capacity.promotions(capacity=cap, confirmed=len(confirmed),
                                        waiting=len(waiting))
            for _ in range(moved):
                person = waiting.pop(0)
                promoted_order.append(person)
                confirmed.append(person)
        assert len(confirmed) <= cap
        assert not waiting or len(confirmed) == cap  # nobody waits while a place is free
    assert promoted_order == sorted(promoted_order)
