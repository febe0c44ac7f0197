"""Pytest plugin loaded with ``-p uitweg.testing.env`` (pyproject addopts), before pytest-django
reads the settings: fixed test keys, development mode, no demo mode. The real environment keeps
DATABASE_URL and REDIS_URL, so the same suite runs on SQLite and on PostgreSQL + Redis."""

import base64
import os

os.environ.update({
    "UITWEG_MODE": "development",
    "UITWEG_DEMO_MODE": "0",
    "DJANGO_SECRET_KEY": "test-secret-key-not-for-production-use-0123456789",
    "FIELD_ENCRYPTION_KEYS": "t1:" + base64.b64encode(b"t" * 32).decode(),
    "BLIND_INDEX_KEY": base64.b64encode(b"b" * 32).decode(),
    "ANONYMISATION_KEY": base64.b64encode(b"a" * 32).decode(),
    "AUDIT_CHAIN_KEY": base64.b64encode(b"c" * 32).decode(),
    "DJANGO_SETTINGS_MODULE": "uitweg.settings",
})
# The cache of rendered public pages outlives a test's rolled-back database (and, on Redis, the
# test run): off, so no test is answered with another's page; its own tests turn it on.
os.environ.setdefault("PUBLIC_PAGE_CACHE", "false")


def redis_url_for_worker(url: str, worker: str) -> str:
    """Each pytest-xdist worker (``gw0``, ``gw1``, …) its own Redis database, counted up from the
    one in ``url`` (as pytest-django gives each worker its own test database): a test that
    clears the cache or fills a rate limit must not reach into the other worker's test."""
    from urllib.parse import urlsplit, urlunsplit

    if not url or not worker.startswith("gw"):
        return url
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(base + int(worker[2:])) % 16}"))


if os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = redis_url_for_worker(os.environ["REDIS_URL"],
                                                   os.environ.get("PYTEST_XDIST_WORKER", ""))
