"""Test-wide configuration. The environment for the settings is set by the plugin
``uitweg.testing.env`` (loaded with -p in pyproject's addopts, before pytest-django starts)."""

import pytest


def _module(item: pytest.Item) -> str:
    return item.nodeid.split("::")[0]


def _flushes(item: pytest.Item) -> bool:
    """Does the test run in a transactional database, which Django empties afterwards (data
    that migrations created included: Wagtail's root page and collection, the locales)?
    The same rule as pytest-django's ordering, with its reading of the marker."""
    from django.test import TestCase, TransactionTestCase
    from pytest_django.fixtures import validate_django_db

    cls = getattr(item, "cls", None)
    if cls and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker:
        transaction, reset_sequences, *_rest = validate_django_db(marker)
        if transaction or reset_sequences:
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
def pytest_collection_modifyitems(items):
    """`make test` runs in several processes, a test module in one (``--dist loadfile``), the
    modules in the order of their first test. pytest-django runs the tests that share a rolled-
    back database before those that empty it; a module with both would otherwise bring its
    emptying tests before other modules' rolled-back ones, which then miss the migrations' data.
    So: every module without an emptying test first, then the modules with both kinds, then
    those with emptying tests only (each kept in its order; in one process this changes nothing
    that matters: rolled-back tests still come before any emptying one). A module that mixes
    both keeps its rolled-back tests first; they may still follow another mixed module's
    emptying tests, so they must not rely on data made by migrations."""
    kinds: dict[str, set[bool]] = {}
    for item in items:
        kinds.setdefault(_module(item), set()).add(_flushes(item))
    # 0: no flushing test; 1: both kinds (their rolled-back tests as early as possible);
    # 2: flushing tests only
    rank = {module: (True in k) + (False not in k) for module, k in kinds.items()}
    items.sort(key=lambda item: (rank[_module(item)], _module(item) not in LONGEST_FIRST))
