"""Benchmark: signal list, signal page (candidate matching) and recurring view at volume.

    .venv/bin/python -m uitweg.signals.bench               # (a `make bench-signals` target is
    BENCH_DATABASE_URL=postgres://... .venv/bin/python -m uitweg.signals.bench [--reset]

Runs on its own PostgreSQL database (default ``uitweg_bench_signals``; created if missing, never
the development database). Signals and identifiers are bulk-inserted with their identifying
fields really encrypted; identifiers draw from a limited pool so that matches and recurring
places exist. Requests go through the Django test client (full middleware, MFA session, access
logging); the report gives p50/p95/max and the SQL query count per page.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from datetime import timedelta

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/uitweg_bench_signals"
SIGNALS = int(os.environ.get("BENCH_SIGNALS", "50000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
ORGS = 5


def _populate(rng: random.Random):
    from django.db import transaction
    from django.utils import timezone

    from uitweg.accounts.models import Organisation, User
    from uitweg.accounts.roles import OrganisationKind, Role
    from uitweg.crypto.index import IdentifierKind, identifier_digest
    from uitweg.signals.models import Signal, SignalIdentifier
    from uitweg.testing.factories import UserFactory

    orgs = [Organisation.objects.get_or_create(
        name=f"Bench care coordination {i}",
        defaults={"kind": OrganisationKind.CARE_COORDINATION, "region": "Haaglanden"})[0]
        for i in range(ORGS)]
    officer = User.objects.filter(username="bench-intake").first() or UserFactory(
        username="bench-intake", organisation=orgs[0], roles=[Role.INTAKE_OFFICER])
    existing = Signal.objects.count()
    if existing >= SIGNALS:
        return officer, existing
    pool = {
        IdentifierKind.PHONE: [f"06{rng.randrange(10**8):08d}" for _ in range(SIGNALS // 10)],
        IdentifierKind.ADDRESS: [f"Straat {i}, Den Haag" for i in range(SIGNALS // 8)],
        IdentifierKind.KVK: [f"{rng.randrange(10**8):08d}" for _ in range(SIGNALS // 40)],
        IdentifierKind.WEBSITE: [f"https://example.org/ad/{i}" for i in range(SIGNALS // 20)],
    }
    digests = {k: {v: identifier_digest(k, v) for v in values} for k, values in pool.items()}
    now = timezone.now()
    batch = 2000
    for start in range(existing, SIGNALS, batch):
        with transaction.atomic():
            signals = [Signal(
                reference=f"S-2026-{n + 1:06d}", source="public", description=f"bench {n}",
                location_text="somewhere", priority=rng.choice(["urgent", "high", "normal",
                                                                 "low"]),
                status=rng.choice(["received", "triaged", "assigned", "in_progress",
                                   "closed"]),
                responsible_organisation=orgs[n % ORGS], indicators=["deception"],
                received_at=now - timedelta(minutes=n), deadline_at=now + timedelta(
                    hours=rng.randint(-200, 200)))
                for n in range(start, min(start + batch, SIGNALS))]
            Signal.objects.bulk_create(signals)
            rows = []
            for signal in signals:
                for kind in rng.sample(list(pool), 2):
                    value = rng.choice(pool[kind])
                    rows.append(SignalIdentifier(signal=signal, kind=kind,
                                                 digest=digests[kind][value], value=value))
            SignalIdentifier.objects.bulk_create(rows, ignore_conflicts=True)
        print(f"  inserted {min(start + batch, SIGNALS)} signals", flush=True)
    return officer, Signal.objects.count()


def main() -> None:
    from uitweg.core.bench_db import measure, start_bench

    start_bench(DEFAULT_URL)
    from django.test import Client

    from uitweg.signals.models import Signal
    from uitweg.testing.clients import force_login_with_mfa

    rng = random.Random(2026)
    started = time.perf_counter()
    officer, total = _populate(rng)
    print(f"{total} signals ({ORGS} organisations; the officer sees ~{total // ORGS}); "
          f"setup {time.perf_counter() - started:.0f} s")
    client = force_login_with_mfa(Client(), officer)
    sample = (Signal.objects.visible_to(officer).filter(status="received")
              .order_by("-received_at").first())
    pages = [
        ("signal list, open, 50 rows", "/staff/signals/", "list_p95_ms"),
        ("signal list, overdue filter", "/staff/signals/?overdue=1", "overdue_p95_ms"),
        ("signal page with candidates", sample.get_absolute_url(), "signal_p95_ms"),
        ("recurring places (top 50)", "/staff/signals/recurring/", "recurring_p95_ms"),
    ]
    summary = {}
    print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    for label, url, key in pages:
        result = measure(client, url, REQUESTS if "recurring" not in label else
                          max(10, REQUESTS // 5))
        print(f"{label:32} {result['p50']:8.1f} {result['p95']:8.1f} {result['max']:8.1f} "
              f"{result['queries']:8d}")
        summary[key] = round(result["p95"], 1)
    from uitweg.signals.services import SignalData, submit_public_report

    times = []
    for i in range(REQUESTS):
        t = time.perf_counter()
        submit_public_report(data=SignalData(description=f"bench report {i}",
                                             addresses=[f"Straat {i}, Den Haag"],
                                             phone_numbers=["0612345678"]), language="nl")
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"{'public report (service)':32} {statistics.median(times):8.1f} "
          f"{times[int(len(times) * 0.95) - 1]:8.1f} {times[-1]:8.1f}")
    summary["public_report_p95_ms"] = round(times[int(len(times) * 0.95) - 1], 1)
    from uitweg.core.bench import summary_line

    print(summary_line("signals", summary))


if __name__ == "__main__":
    main()
