"""`make test` runs the suite in several pytest-xdist processes: each must have a Redis database
of its own, so one process's ``cache.clear()`` or filled rate limit never reaches into a test of
another (issue 9's CI work)."""

from uitweg.testing.env import redis_url_for_worker


def test_each_worker_counts_up_from_the_configured_database():
    assert redis_url_for_worker("redis://127.0.0.1:6379/5", "gw0") == "redis://127.0.0.1:6379/5"
    assert redis_url_for_worker("redis://127.0.0.1:6379/5", "gw1") == "redis://127.0.0.1:6379/6"
    assert redis_url_for_worker("redis://127.0.0.1:6379", "gw2") == "redis://127.0.0.1:6379/2"
    assert redis_url_for_worker("redis://h:6379/15", "gw1") == "redis://h:6379/0"  # 16 databases


def test_options_and_credentials_are_kept():
    assert (redis_url_for_worker("redis://:pw@h:6379/3?socket_timeout=30", "gw1")
            == "redis://:pw@h:6379/4?socket_timeout=30")


def test_a_single_process_keeps_the_url():
    assert redis_url_for_worker("redis://h:6379/5", "") == "redis://h:6379/5"
    assert redis_url_for_worker("", "gw1") == ""
