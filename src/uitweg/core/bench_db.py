"""Helpers shared by the PostgreSQL benchmarks: their own database, and a large access log.

Every ``make bench-*`` that needs volume runs on a database of its own (never the development
database), created if missing and dropped with ``--reset``.
"""

from __future__ import annotations

import os
import sys
from urllib.parse import urlparse


def use_bench_database(default_url: str, *, reset: bool) -> str:
    """Create (or recreate) the bench database, point Django at it, set Django up and migrate."""
    url = os.environ.get("BENCH_DATABASE_URL", default_url)
    if not url.startswith("postgres"):
        sys.exit("The bench needs PostgreSQL: set BENCH_DATABASE_URL=postgres://...")
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    with psycopg.connect(parsed._replace(path="/postgres").geturl(), autocommit=True) as conn:
        if reset:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uitweg.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return url


def start_bench(default_url: str) -> None:
    """The start of a PostgreSQL page benchmark's ``main()``: ``--reset`` from the command line,
    the bench database (:func:`use_bench_database`), and Django's test environment, so a test
    client can ask for pages on ``testserver``."""
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--reset", action="store_true", help="drop and recreate the database")
    args = parser.parse_args()
    use_bench_database(default_url, reset=args.reset)
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]


def fill_access_log(*, entries: int, user, object_type: str, low: int, high: int,
                    purpose: str = "care") -> None:
    """Insert ``entries`` granted view entries on ids ``low``..``high`` of ``object_type`` with
    one ``INSERT … SELECT generate_series`` (volume for the indexes, not a valid chain: the
    benchmarks measure reads and appends, ``verify_audit_chain`` is not run on them).

    The column list comes from the model, so a column added to the access log later gets its
    default here instead of breaking every benchmark."""
    from django.db import connection

    from uitweg.audit.models import AccessLogEntry

    start = (AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
             or 0)
    known = {
        "seq": "g", "chain_position": "g", "at": "now() - (g || ' seconds')::interval",
        "user_id_ref": "%(user)s", "username": "'bench'",
        "organisation_id_ref": "%(org)s", "organisation_name": "'Bench'",
        "role": "'bench'", "action": "'view'", "object_type": "%(object_type)s",
        "object_id": "(%(low)s + (g %% (%(high)s - %(low)s + 1)))::text",
        "object_ids": "'[]'", "purpose": "%(purpose)s", "outcome": "'granted'",
        "prev_hash": "md5((g - 1)::text) || md5((g - 1)::text || 'x')",
        "hash": "md5(g::text) || md5(g::text || 'x')",
    }
    columns, values = [], []
    for field in AccessLogEntry._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(field.column)
        if field.name in known:
            values.append(known[field.name])
        elif field.null:
            values.append("NULL")
        elif field.get_internal_type() == "BooleanField":
            values.append("false")
        elif field.get_internal_type() in ("JSONField",):
            values.append("'[]'")
        elif "Integer" in field.get_internal_type():
            values.append("0")
        elif field.get_internal_type() == "DateTimeField":
            values.append("now()")
        else:
            values.append("''")
    # column names and expressions come from the model and the constants above, never from input
    sql = (f"INSERT INTO {AccessLogEntry._meta.db_table} ({', '.join(columns)}) "  # noqa: S608
           f"SELECT {', '.join(values)} FROM generate_series(%(first)s, %(last)s) AS g")
    with connection.cursor() as cursor:
        cursor.execute(sql, {"user": user.pk, "org": user.organisation_id,
                             "object_type": object_type, "low": low, "high": high,
                             "purpose": purpose, "first": start + 1, "last": start + entries})
        move_chain_head(cursor)


def move_chain_head(cursor) -> None:
    """After filling the log around the sequencer: the head row (ADR 0117) at the last link,
    so the sequencer goes on from there."""
    cursor.execute(
        "INSERT INTO audit_chainhead (id, position, hash) SELECT 1, chain_position, hash "
        "FROM audit_accesslogentry WHERE chain_position IS NOT NULL "
        "ORDER BY chain_position DESC LIMIT 1 "
        "ON CONFLICT (id) DO UPDATE SET position = EXCLUDED.position, hash = EXCLUDED.hash")


def measure(client, url: str, n: int, *, warm_up: bool = True) -> dict:
    """p50/p95/max in ms and the SQL query count of ``n`` GETs of ``url`` through ``client``
    (a Django test client: the whole middleware stack)."""
    import statistics
    import time

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if warm_up:
        client.get(url)
    times, queries = [], 0
    for _ in range(n):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    times.sort()
    return {"p50": statistics.median(times), "p95": times[max(0, int(len(times) * 0.95) - 1)],
            "max": times[-1], "queries": queries}
