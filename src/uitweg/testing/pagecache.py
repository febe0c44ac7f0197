"""For the tests of the cache of rendered public pages (uitweg.core.pagecache, ADR 0111)."""

import pytest


@pytest.fixture
def page_cache_on(settings):
    """The test environment turns the page cache off (uitweg.testing.env: one test's cached
    page must not answer another's); with this fixture it is on, and empty before and after
    the test."""
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()
