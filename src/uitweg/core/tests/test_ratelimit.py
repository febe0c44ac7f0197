"""The shared rate limiter: counts per key and window, peeks without counting."""

import pytest
from django.core.cache import cache

from uitweg.core import ratelimit


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_allows_up_to_the_limit_then_refuses_with_the_time_to_wait():
    now = 1_000_000.0  # 1_000_000 // 60 * 60 = 999_960: the window ends at 1_000_020
    decisions = [ratelimit.hit("t", "k", limit=3, window=60, now=now) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert decisions[-1].retry_after == 21
    assert decisions[-1].count == 4


def test_keys_and_scopes_are_counted_apart():
    for _ in range(2):
        ratelimit.hit("t", "a", limit=2, window=60, now=0)
    assert not ratelimit.hit("t", "a", limit=2, window=60, now=0)
    assert ratelimit.hit("t", "b", limit=2, window=60, now=0)
    assert ratelimit.hit("other", "a", limit=2, window=60, now=0)


def test_a_new_window_starts_afresh():
    for _ in range(3):
        ratelimit.hit("t", "k", limit=2, window=60, now=10)
    assert not ratelimit.hit("t", "k", limit=2, window=60, now=59)
    assert ratelimit.hit("t", "k", limit=2, window=60, now=61)


def test_peek_does_not_count():
    for _ in range(5):
        assert ratelimit.peek("t", "k", limit=1, window=60, now=0)
    ratelimit.hit("t", "k", limit=1, window=60, now=0)
    refused = ratelimit.peek("t", "k", limit=1, window=60, now=0)
    assert not refused and refused.retry_after == 61


def test_cost_counts_several_units_at_once():
    assert ratelimit.hit("t", "k", limit=10, window=60, cost=10, now=0)
    assert not ratelimit.hit("t", "k", limit=10, window=60, cost=1, now=0)
