"""Benchmark: the outreach worklists and the "known before?" look-up at volume (issue 12).

    make bench-outreach        # = .venv/bin/python -m uitweg.outreach.bench [--reset]

100,000 contacts (handles and phone numbers really encrypted, their blind indexes real) in
10 organisations, rounds, and 1,000,000 access-log entries, on PostgreSQL in a database of its own
(default ``uitweg_bench_outreach``; ``BENCH_DATABASE_URL`` overrides, ``BENCH_CONTACTS`` and
``BENCH_LOG_ENTRIES`` scale it). Pages go through the Django test client (whole middleware stack,
MFA session, one access-log entry per page): the worker's worklist, the team lead's overview (the
same page with the team part) and the "known before?" look-up of a handle that exists in another
organisation and in the worker's own team. Targets: worklist and overview p95 < 150 ms,
look-up p95 < 20 ms. Its last line: ``outreach: worklist_p95_ms …, lead_p95_ms …,
lookup_p95_ms …``.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import timedelta

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/uitweg_bench_outreach"
CONTACTS = int(os.environ.get("BENCH_CONTACTS", "100000"))
LOG_ENTRIES = int(os.environ.get("BENCH_LOG_ENTRIES", "1000000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
ORGS = 10
WORKERS_PER_ORG = 10


def _handle(n: int) -> str:
    return f"bench_profile_{n}"


def _populate(rng: random.Random):
    from django.db import transaction
    from django.utils import timezone

    from uitweg.accounts.models import Organisation, User
    from uitweg.accounts.roles import OrganisationKind, Role
    from uitweg.audit.models import AccessLogEntry
    from uitweg.core.bench_db import fill_access_log
    from uitweg.outreach.identifiers import handle_identifier, phone_identifier
    from uitweg.outreach.models import Contact, ContactIdentifier, Platform, Round
    from uitweg.testing.factories import UserFactory

    orgs = [Organisation.objects.get_or_create(
        name=f"Bench outreach team {i}",
        defaults={"kind": OrganisationKind.NGO, "region": "Haaglanden"})[0]
        for i in range(ORGS)]
    workers = {}
    for i, org in enumerate(orgs):
        workers[org.pk] = [
            User.objects.filter(username=f"bench-outreach-{i}-{w}").first() or UserFactory(
                username=f"bench-outreach-{i}-{w}", organisation=org,
                roles=[Role.OUTREACH_LEAD if w == 0 else Role.OUTREACH_WORKER])
            for w in range(WORKERS_PER_ORG)]
    platforms = {org.pk: [Platform.objects.get_or_create(organisation=org, name=name)[0]
                          for name in ("Kinky.nl", "Hookers.nl", "Grindr", "Telegram")]
                 for org in orgs}
    existing = Contact.objects.count()
    now = timezone.now()
    today = timezone.localdate()
    if existing < CONTACTS:
        t0 = time.perf_counter()
        if not Round.objects.exists():
            Round.objects.bulk_create([
                Round(organisation=org, worker=rng.choice(workers[org.pk]),
                      platform=rng.choice(platforms[org.pk]),
                      target_group=rng.choice(["men", "transgender", "women"]),
                      region="Haaglanden", started_at=now - timedelta(days=rng.randint(0, 400)),
                      closed_at=None if rng.random() < 0.02 else now, profiles_seen=40,
                      profiles_contacted=8)
                for org in orgs for _ in range(500)])
        batch = 2000
        for start in range(existing, CONTACTS, batch):
            with transaction.atomic():
                contacts, numbers = [], []
                for n in range(start, min(start + batch, CONTACTS)):
                    org = orgs[n % ORGS]
                    phone = f"06{n:08d}" if n % 3 == 0 else ""
                    numbers.append((n, org, phone))
                    contacts.append(Contact(
                        organisation=org, platform=rng.choice(platforms[org.pk]),
                        created_by=rng.choice(workers[org.pk]), handle=_handle(n), phone=phone,
                        target_group=rng.choice(["men", "transgender", "women"]),
                        languages=["nl"], first_contact_on=today - timedelta(days=400),
                        last_contact_on=today - timedelta(days=rng.randint(0, 400)),
                        response=rng.choice(["none", "none", "replied", "met", "declined"]),
                        next_follow_up=(today + timedelta(days=rng.randint(-60, 60))
                                        if rng.random() < 0.3 else None),
                        last_activity_at=now - timedelta(days=rng.randint(0, 400))))
                Contact.objects.bulk_create(contacts)
                rows = []
                for contact, (n, org, phone) in zip(contacts, numbers, strict=True):
                    found = [handle_identifier(_handle(n))]
                    if phone:
                        found.append(phone_identifier(phone))
                    rows += [ContactIdentifier(contact=contact, organisation=org, kind=i.kind,
                                               digest=i.digest) for i in found]
                ContactIdentifier.objects.bulk_create(rows)
            print(f"  {min(start + batch, CONTACTS)} contacts", flush=True)
        print(f"contacts, identifiers, rounds: {time.perf_counter() - t0:.1f} s", flush=True)
    worker, lead = workers[orgs[0].pk][1], workers[orgs[0].pk][0]
    if AccessLogEntry.objects.count() < LOG_ENTRIES:
        t0 = time.perf_counter()
        low = Contact.objects.order_by("pk").values_list("pk", flat=True).first()
        high = Contact.objects.order_by("-pk").values_list("pk", flat=True).first()
        fill_access_log(entries=LOG_ENTRIES - AccessLogEntry.objects.count(), user=worker,
                        object_type="outreach.contact", low=low, high=high,
                        purpose="outreach")
        from django.db import connection

        with connection.cursor() as cursor:  # what autovacuum does on a live database
            cursor.execute("VACUUM ANALYZE")
        print(f"access log: {LOG_ENTRIES} entries in {time.perf_counter() - t0:.1f} s")
    return worker, lead


def main() -> None:
    from uitweg.core.bench_db import measure, start_bench

    start_bench(DEFAULT_URL)
    from urllib.parse import urlencode

    from django.core.cache import cache
    from django.test import Client

    from uitweg.audit.models import AccessLogEntry
    from uitweg.outreach.models import Contact
    from uitweg.testing.clients import force_login_with_mfa

    rng = random.Random(2026)
    started = time.perf_counter()
    worker, lead = _populate(rng)
    print(f"{Contact.objects.count()} contacts in {ORGS} organisations, "
          f"{AccessLogEntry.objects.count()} access-log entries; "
          f"setup {time.perf_counter() - started:.0f} s")
    own = Contact.objects.filter(organisation=worker.organisation).order_by("pk").first()
    other = Contact.objects.exclude(organisation=worker.organisation).order_by("pk").first()
    lookups = [
        ("look-up, known in own team", {"handle": f"https://example.org/@{own.handle.upper()}"}),
        ("look-up, another team's only", {"handle": f"@{other.handle}"}),
        ("look-up, unknown phone", {"phone": "+31 6 9999 9999"}),
    ]
    pages = [
        ("worker's worklist", worker, "/staff/outreach/", "worklist_p95_ms"),
        ("team lead's overview", lead, "/staff/outreach/", "lead_p95_ms"),
    ]
    summary: dict = {}
    print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    for label, user, url, key in pages:
        client = force_login_with_mfa(Client(), user)
        result = measure(client, url, REQUESTS)
        print(f"{label:32} {result['p50']:8.1f} {result['p95']:8.1f} {result['max']:8.1f} "
              f"{result['queries']:8d}")
        summary[key] = round(result["p95"], 1)
    client = force_login_with_mfa(Client(), worker)
    worst = 0.0
    for label, params in lookups:
        cache.clear()  # the look-up limit (300 an hour) is for people, not for this loop
        result = measure(client, "/staff/outreach/known-before/?" + urlencode(params),
                          min(REQUESTS, 120))
        print(f"{label:32} {result['p50']:8.1f} {result['p95']:8.1f} {result['max']:8.1f} "
              f"{result['queries']:8d}")
        worst = max(worst, result["p95"])
    summary["lookup_page_p95_ms"] = round(worst, 1)
    # the look-up itself (what the target is about): parse, blind index, the queries
    from uitweg.outreach import identifiers, queries

    times = []
    for i in range(REQUESTS * 3):
        cache.clear()
        started = time.perf_counter()
        queries.known_before(worker, identifiers.parse(
            handle=f"@{own.handle if i % 2 else other.handle}", phone="+31 6 9999 9999"))
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{'look-up (query function)':32} {statistics.median(times):8.1f} {p95:8.1f} "
          f"{times[-1]:8.1f}")
    summary["lookup_p95_ms"] = round(p95, 1)
    from uitweg.core.bench import summary_line

    print(summary_line("outreach", summary))


if __name__ == "__main__":
    main()
