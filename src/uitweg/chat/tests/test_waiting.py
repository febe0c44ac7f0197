"""The wait estimate's arithmetic (issue 10, item 11): pure, no database."""

from hypothesis import given
from hypothesis import strategies as st

from uitweg.chat.waiting import MIN_SAMPLE, Staffing, average_minutes, estimate

CAPACITY = st.integers(min_value=1, max_value=5)
LOADS = st.lists(st.integers(min_value=0, max_value=8), max_size=8)
MINUTES = st.floats(min_value=1, max_value=120)


def staffing(loads, capacity=3, average=20.0):
    return Staffing(loads=tuple(loads), capacity=capacity, average_minutes=average)


def test_nobody_available_gives_no_number():
    assert estimate(1, staffing([])) is None
    assert estimate(7, staffing([])) is None


def test_a_free_place_means_about_a_minute_and_full_places_mean_a_real_wait():
    # One counsellor holding 1 of 3: two free places, number 1 and 2 are answered soon.
    assert estimate(1, staffing([1])) == 1
    assert estimate(2, staffing([1])) == 1
    # Number 3 waits for one of 3 chats of 20 minutes to end: about 7 minutes.
    assert estimate(3, staffing([1])) == 7
    # Everyone full: number 1 waits 20 / 6 places ≈ 4 minutes with two counsellors.
    assert estimate(1, staffing([3, 3])) == 4
    # The old formula (position x 20 / counsellors active in the last hour) said 20 here.
    assert estimate(1, staffing([3])) == 7


def test_more_chats_than_capacity_count_as_full_not_as_negative_places():
    assert estimate(1, staffing([5])) == estimate(1, staffing([3]))


@given(LOADS.filter(bool), CAPACITY, MINUTES, st.integers(1, 50))
def test_monotonic_in_position(loads, capacity, minutes, position):
    s = staffing(loads, capacity, minutes)
    assert estimate(position, s) <= estimate(position + 1, s)


@given(LOADS.filter(bool), st.integers(0, 8), CAPACITY, MINUTES, st.integers(1, 50))
def test_one_more_available_counsellor_never_makes_the_wait_longer(loads, extra, capacity,
                                                                  minutes, position):
    before = estimate(position, staffing(loads, capacity, minutes))
    after = estimate(position, staffing([*loads, extra], capacity, minutes))
    assert after <= before


@given(LOADS.filter(bool), CAPACITY, MINUTES, st.integers(1, 50))
def test_always_a_whole_number_of_at_least_one_minute(loads, capacity, minutes, position):
    result = estimate(position, staffing(loads, capacity, minutes))
    assert isinstance(result, int) and result >= 1


def test_average_is_the_median_of_recent_chats_or_the_setting_when_too_few():
    assert average_minutes([10, 12, 14, 200, 11], fallback=20) == 12  # one long chat: no skew
    assert average_minutes([10] * (MIN_SAMPLE - 1), fallback=20) == 20
    assert average_minutes([], fallback=25) == 25
    assert average_minutes([0, 0, 0, 0, 0, 0], fallback=20) == 20  # unmeasured lengths ignored
