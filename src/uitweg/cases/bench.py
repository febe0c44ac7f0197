"""Benchmark: the case list and case detail with 50,000 cases and 2,000,000 access-log entries.

    make bench-cases                       # = .venv/bin/python -m uitweg.cases.bench
    BENCH_DATABASE_URL=postgres://... .venv/bin/python -m uitweg.cases.bench [--reset]
    .venv/bin/python -m uitweg.cases.bench --no-concurrent   # without the concurrent run

After the sequential measurements below it runs :mod:`uitweg.cases.bench_concurrent`: 32
clients against ``make serve`` with 1 and 2 workers (port 8811), with the access-log chain lock
timed; without PostgreSQL it says so and skips.

Runs on its own PostgreSQL database (default ``uitweg_bench`` on 127.0.0.1; created if missing,
never the development database). Cases, persons and memberships are inserted with bulk
inserts (identifying fields really encrypted); the access log with one ``INSERT ... SELECT
generate_series`` statement (already chained: positions and stand-in hashes, not a valid
chain; the benchmark measures appends, not ``verify_audit_chain``). Requests go through the
Django test client (the full middleware stack, MFA session, access logging) and report
p50/p95/max and the SQL query count per page size.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/uitweg_bench"
CASES = int(os.environ.get("BENCH_CASES", "50000"))
LOG_ENTRIES = int(os.environ.get("BENCH_LOG_ENTRIES", "2000000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))


def _ensure_database(url: str) -> None:
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _setup(reset: bool) -> None:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("The bench needs PostgreSQL: set BENCH_DATABASE_URL=postgres://...")
    if reset:
        from urllib.parse import urlparse

        import psycopg

        parsed = urlparse(url)
        with psycopg.connect(parsed._replace(path="/postgres").geturl(),
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{parsed.path.lstrip("/")}" WITH (FORCE)')
    _ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uitweg.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _populate(rng: random.Random) -> None:
    from django.db import connection, transaction

    from uitweg.accounts.models import Organisation, User
    from uitweg.accounts.roles import OrganisationKind, Role
    from uitweg.cases.models import (
        Case,
        CaseEvent,
        CaseMembership,
        CaseState,
        EventKind,
        MembershipRole,
        Person,
    )
    from uitweg.cases.services import forms_index
    from uitweg.core.bench_db import move_chain_head
    from uitweg.core.vocabulary import ExploitationForm, Gender, Indicator

    if Case.objects.count() >= CASES:
        print(f"bench database already holds {Case.objects.count()} cases")
        return
    t0 = time.perf_counter()
    ours = Organisation.objects.create(name="Bench coordination",
                                       kind=OrganisationKind.CARE_COORDINATION, region="Bench")
    other = Organisation.objects.create(name="Bench other coordination",
                                        kind=OrganisationKind.CARE_COORDINATION, region="Else")
    partners = [Organisation.objects.create(name=f"Bench partner {i}",
                                            kind=OrganisationKind.SHELTER, region="Bench")
                for i in range(20)]
    user = User.objects.create(username="bench", organisation=ours,
                               roles=[Role.CARE_COORDINATOR])
    from uitweg.accounts import totp

    totp.enrol(user)
    forms = list(ExploitationForm.values)
    states = list(CaseState.values)
    indicators = list(Indicator.values)
    today = date.today()
    batch = 5000
    for start in range(0, CASES, batch):
        with transaction.atomic():
            persons = Person.objects.bulk_create([
                Person(full_name=f"Bench Person {i}", aliases=[f"B{i}"],
                       date_of_birth=date(1970, 1, 1) + timedelta(days=rng.randint(0, 15000)),
                       phone_numbers=[f"06{rng.randint(10000000, 99999999)}"],
                       addresses=[f"Benchstraat {i}"], nationality=rng.choice(
                           ["NL", "RO", "PL", "BG", "NG", "UA"]),
                       gender=rng.choice(Gender.values), languages=["nl"])
                for i in range(start, min(start + batch, CASES))])
            cases = []
            for n, person in enumerate(persons, start=start):
                chosen = sorted(set(rng.sample(forms, rng.choice([1, 1, 1, 2]))))
                signal = today - timedelta(days=rng.randint(0, 2000))
                cases.append(Case(
                    number=f"ZM-{signal.year}-B{n:06d}", person=person,
                    state=rng.choice(states), forms=chosen, forms_index=forms_index(chosen),
                    indicators=rng.sample(indicators, 3), first_signal_date=signal,
                    minor_on_first_signal=rng.random() < 0.2,
                    coordinating_organisation=ours if n % 2 == 0 else other, region="Bench"))
            cases = Case.objects.bulk_create(cases)
            memberships, events = [], []
            for case in cases:
                memberships.append(CaseMembership(
                    case=case, organisation_id=case.coordinating_organisation_id,
                    role=MembershipRole.COORDINATING, start_date=today - timedelta(days=400)))
                for partner in rng.sample(partners, 2):
                    ended = rng.random() < 0.3
                    memberships.append(CaseMembership(
                        case=case, organisation=partner, start_date=today - timedelta(days=300),
                        end_date=today - timedelta(days=10) if ended else None))
                for k in range(4):
                    events.append(CaseEvent(case=case, kind=EventKind.STATUS,
                                            summary=f"Bench event {k}", target="case",
                                            version=k + 1))
            CaseMembership.objects.bulk_create(memberships)
            CaseEvent.objects.bulk_create(events)
        print(f"  {min(start + batch, CASES)} cases", flush=True)
    print(f"cases, persons, memberships, events: {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    low, high = Case.objects.order_by("pk").values_list("pk", flat=True)[0], \
        Case.objects.order_by("-pk").values_list("pk", flat=True)[0]
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO audit_accesslogentry
              (seq, at, user_id_ref, username, organisation_id_ref, organisation_name, role,
               action, object_type, object_id, object_label, object_ids, purpose, outcome,
               access_point, client_address, break_glass, reason, prev_hash, hash,
               chain_position)
            SELECT g, now() - (g || ' seconds')::interval, %s, 'bench', %s, 'Bench', 'case_worker',
                   'view', 'cases.case', (%s + (g %% (%s - %s + 1)))::text, '', '[]', 'care',
                   'granted', '', '', false, '',
                   md5((g - 1)::text) || md5((g - 1)::text || 'x'),
                   md5(g::text) || md5(g::text || 'x'), g
            FROM generate_series(1, %s) AS g
        """, [user.pk, ours.pk, low, high, low, LOG_ENTRIES])
        # new entries are numbered by their id (ADR 0047): ids after every seq above
        cursor.execute("SELECT setval(pg_get_serial_sequence('audit_accesslogentry', 'id'), "
                       "GREATEST((SELECT max(id) FROM audit_accesslogentry), %s))",
                       [LOG_ENTRIES])
        move_chain_head(cursor)
    with connection.cursor() as cursor:  # what autovacuum does on a live database
        cursor.execute("VACUUM ANALYZE")
    print(f"access log: {LOG_ENTRIES} entries in {time.perf_counter() - t0:.1f} s")


def _measure(rng: random.Random) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from uitweg.accounts.models import User
    from uitweg.cases.models import Case
    from uitweg.testing.clients import force_login_with_mfa

    settings.ALLOWED_HOSTS = ["*"]
    user = User.objects.get(username="bench")
    client = force_login_with_mfa(Client(), user)
    visible = list(Case.objects.visible_to(user).values_list("pk", flat=True)[:5000])

    def timed(url: str, params: dict | None = None) -> float:
        t = time.perf_counter()
        response = client.get(url, params or {})
        elapsed = (time.perf_counter() - t) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return elapsed

    def summary(samples: list[float]) -> dict:
        ordered = sorted(samples)
        return {"n": len(ordered), "p50": statistics.median(ordered),
                "p95": ordered[int(len(ordered) * 0.95) - 1], "max": ordered[-1]}

    for _ in range(10):  # warm up
        timed("/staff/cases/")
    results = {}
    results["baseline: empty form page, no case data"] = summary(
        [timed("/staff/cases/meetings/new/") for _ in range(REQUESTS)])
    results["list, unfiltered, page 1..40"] = summary(
        [timed("/staff/cases/", {"page": rng.randint(1, 40)}) for _ in range(REQUESTS)])
    results["list, filtered (status + form), page 1..10"] = summary([
        timed("/staff/cases/", {"state": rng.choice(["care_coordination", "assessment"]),
                                "form": rng.choice(["sexual", "labour"]),
                                "page": rng.randint(1, 10)}) for _ in range(REQUESTS)])
    numbers = list(Case.objects.visible_to(user).values_list("number", flat=True)[:5000])
    results["list, filtered by full case number"] = summary([
        timed("/staff/cases/", {"number": rng.choice(numbers)}) for _ in range(REQUESTS)])
    results["case detail"] = summary(
        [timed(f"/staff/cases/{rng.choice(visible)}/") for _ in range(REQUESTS)])
    queries = {}
    for size in (10, 25, 100):
        settings.CASES_PAGE_SIZE = size
        with CaptureQueriesContext(connection) as ctx:
            client.get("/staff/cases/", {"state": "assessment"})
        queries[size] = len(ctx.captured_queries)
    settings.CASES_PAGE_SIZE = 25
    return {"timings": results, "queries": queries, "visible": Case.objects.visible_to(
        user).count()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reset", action="store_true", help="drop and rebuild the bench DB")
    parser.add_argument("--no-concurrent", action="store_true",
                        help="skip the concurrent run against `make serve`")
    args = parser.parse_args()
    from uitweg.cases import bench_concurrent
    from uitweg.core.bench import summary_line

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if url.startswith("postgres") and not bench_concurrent.postgres_up(url):
        print("PostgreSQL is not reachable: skipping the case benchmarks, the sequential and "
              "the concurrent run (set BENCH_DATABASE_URL=postgres://…).")
        print(summary_line("cases", {"status": "skipped"}))
        return
    _setup(args.reset)
    rng = random.Random(2026)
    _populate(rng)
    out = _measure(rng)
    from django.db import connection

    from uitweg.audit.models import AccessLogEntry
    from uitweg.cases.models import Case

    print(f"\n{Case.objects.count()} cases ({out['visible']} visible to the bench user), "
          f"{AccessLogEntry.objects.count()} access-log entries, "
          f"PostgreSQL {connection.pg_version // 10000}")
    load = os.getloadavg()
    print(f"load average during the run: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on "
          f"{os.cpu_count()} CPUs")
    print(f"{'page':48} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, s in out["timings"].items():
        print(f"{name:48} {s['n']:>5} {s['p50']:>8.1f} {s['p95']:>8.1f} {s['max']:>8.1f}")
    print("SQL queries for the list by page size: "
          + ", ".join(f"{k}: {v}" for k, v in out["queries"].items()))
    figures = {"detail_p95_ms": round(out["timings"]["case detail"]["p95"], 1),
               "list_filtered_p95_ms": round(
                   out["timings"]["list, filtered (status + form), page 1..10"]["p95"], 1),
               "list_unfiltered_p95_ms": round(
                   out["timings"]["list, unfiltered, page 1..40"]["p95"], 1),
               "load_1min": round(load[0], 1)}
    if not args.no_concurrent:
        figures.update(bench_concurrent.summary(bench_concurrent.run(url)))
    print(summary_line("cases", figures))


if __name__ == "__main__":
    main()
