import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and blocks live in the cache; every test starts without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _no_kept_connections(settings):
    """In-process socket tests: executor threads must not keep connections to the test
    database (it is flushed and dropped between tests). Servers in subprocesses keep theirs."""
    settings.CHAT_KEEP_DB_CONNECTIONS = False
