"""Test-wide configuration. The environment for the settings is set by the plugin
``uitweg.testing.env`` (loaded with -p in pyproject's addopts, before pytest-django starts)."""

import pytest


def _flushes(item: pytest.Item) -> bool:
    """Does the test run in a transactional database, which Django empties afterwards (data
    that migrations created included: Wagtail's root page and collection, the locales)?
    The same rule as pytest-django's ordering."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


#: Modules that take minutes (measured, docs/adr/0118): started first in their group, so the run
#: does not end with one process on them while the other is idle. xdist keeps this order
#: (``--no-loadscope-reorder`` in the Makefile; by default it sends the modules with the most
#: tests first, which would also undo the grouping below).
LONGEST_FIRST = frozenset({
    "tests/e2e/usable/test_crawl.py",
    "tests/test_audit_walk.py",
})


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """`make test` runs in several processes, a test module in one (``--dist loadfile``), the
    modules in the order of their first test. pytest-django runs the tests that share a rolled-
    back database before those that empty it; a module with both would otherwise bring its
    emptying tests before other modules' rolled-back ones, which then miss the migrations' data.
    So: every module without an emptying test first, then the others (each kept in its order;
    in one process this changes nothing that matters: rolled-back tests still come before any
    emptying one). A module that mixes both keeps its rolled-back tests first; they may still
    follow another module's emptying tests, so they must not rely on data made by migrations."""
    flushing = {item.nodeid.split("::")[0] for item in items if _flushes(item)}
    items.sort(key=lambda item: (item.nodeid.split("::")[0] in flushing,
                                 item.nodeid.split("::")[0] not in LONGEST_FIRST))
