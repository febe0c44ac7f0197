"""Benchmark: 500 people register at once for an event with 100 places, then 50 cancel.

    make bench-registration          # = .venv/bin/python -m uitweg.week.bench
    BENCH_DATABASE_URL=postgres://... .venv/bin/python -m uitweg.week.bench [--reset]

Runs on its own PostgreSQL database (default ``uitweg_bench_week``; created if missing, never
the development database). Every registration is a real call of
:func:`uitweg.week.registration.register` (event row locked ``FOR UPDATE OF``, e-mail composed
with its ``.ics`` and handed to the in-memory mail backend) from one of ``--threads`` threads,
each with its own database connection, all released together. Expected: exactly ``capacity``
confirmed, the rest on the waiting list, none overbooked; then ``--cancellations`` concurrent
cancellations through the signed links promote exactly as many people.

Last line: ``registration: confirmed C, waitlisted W, overbooked O, promoted P``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
from datetime import datetime, timedelta

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/uitweg_bench_week"


def _run_concurrently(calls, threads: int) -> tuple[list[float], list[BaseException]]:
    """Run the callables from ``threads`` threads released by one barrier; durations in ms."""
    from django.db import connection

    queue = list(calls)
    lock = threading.Lock()
    barrier = threading.Barrier(threads)
    durations: list[float] = []
    errors: list[BaseException] = []

    def worker():
        barrier.wait()
        while True:
            with lock:
                if not queue:
                    break
                call = queue.pop()
            started = time.perf_counter()
            try:
                call()
            except BaseException as exc:
                with lock:
                    errors.append(exc)
            with lock:
                durations.append((time.perf_counter() - started) * 1000)
        connection.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return durations, errors


def _world(capacity: int):
    from django.utils import timezone

    from uitweg.accounts.models import Organisation, User
    from uitweg.accounts.roles import OrganisationKind, Role
    from uitweg.week import services
    from uitweg.week.models import Edition, Event, Material, Registration

    Registration.objects.all().delete()
    Material.objects.all().delete()
    Event.objects.all().delete()
    Edition.objects.all().delete()
    org, _ = Organisation.objects.get_or_create(
        name="Bench municipality", defaults={"kind": OrganisationKind.MUNICIPALITY})
    publisher, _ = User.objects.get_or_create(
        username="bench-publisher", defaults={"organisation": org, "roles": [Role.PUBLISHER]})
    today = timezone.localdate()
    edition = services.save_edition(by=publisher, year=today.year, starts_on=today,
                                    ends_on=today + timedelta(days=30),
                                    theme={"nl": "Bench"}, intro={}, published=True)
    starts = timezone.make_aware(datetime.combine(today + timedelta(days=7),
                                                  datetime.min.time().replace(hour=19)))
    event = services.submit_event(by=publisher, edition_id=edition.pk, data=services.EventData(
        title={"nl": "Bench-bijeenkomst", "en": "Bench event"}, starts_at=starts,
        ends_at=starts + timedelta(hours=2), venue="Stadhuis", audiences=["public"],
        capacity=capacity))
    services.decide_event(by=publisher, event_id=event.pk, decision="approve")
    services.decide_event(by=publisher, event_id=event.pk, decision="publish")
    return event


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values or [0])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=500)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--cancellations", type=int, default=50)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS",
                                                                           "50")))
    parser.add_argument("--reset", action="store_true")
    args = parser.parse_args(argv)
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    from uitweg.core.bench_db import use_bench_database

    use_bench_database(DEFAULT_URL, reset=args.reset)
    from django.core import mail

    from uitweg.core.bench import summary_line
    from uitweg.week import registration, tokens
    from uitweg.week.models import Registration
    from uitweg.week.vocabulary import RegistrationStatus

    mail.outbox = []
    event = _world(args.capacity)
    base = "http://bench.invalid/"

    def register(n):
        return lambda: registration.register(
            event_id=event.pk, name=f"Bench {n}", email=f"bench{n}@example.org",
            language="nl", link_base=base)

    started = time.perf_counter()
    durations, errors = _run_concurrently([register(n) for n in range(args.registrations)],
                                          args.threads)
    elapsed = time.perf_counter() - started
    rows = Registration.objects.filter(event=event)
    confirmed = rows.filter(status=RegistrationStatus.CONFIRMED).count()
    waitlisted = rows.filter(status=RegistrationStatus.WAITLISTED).count()
    overbooked = max(0, confirmed - args.capacity)
    print(f"{args.registrations} registrations from {args.threads} threads in {elapsed:.2f} s: "
          f"p50 {statistics.median(durations):.0f} ms, p95 {_p95(durations):.0f} ms, "
          f"{len(errors)} errors, {len(mail.outbox)} e-mails")
    for exc in errors[:3]:
        print(f"  error: {exc!r}")
    print(f"confirmed {confirmed}, waitlisted {waitlisted}, overbooked {overbooked}")

    leaving = list(rows.filter(status=RegistrationStatus.CONFIRMED)
                   .order_by("?")[:args.cancellations])
    links = [tokens.cancel_token(r.pk, r.cancel_nonce) for r in leaving]
    before = rows.filter(promoted_at__isnull=False).count()
    started = time.perf_counter()
    durations, errors = _run_concurrently(
        [(lambda t=t: registration.cancel(token=t, link_base=base)) for t in links],
        args.threads)
    elapsed = time.perf_counter() - started
    promoted = rows.filter(promoted_at__isnull=False).count() - before
    confirmed_after = rows.filter(status=RegistrationStatus.CONFIRMED).count()
    overbooked = max(overbooked, confirmed_after - args.capacity)
    print(f"{len(links)} cancellations in {elapsed:.2f} s: p95 {_p95(durations):.0f} ms, "
          f"{len(errors)} errors; confirmed now {confirmed_after}, waiting "
          f"{rows.filter(status=RegistrationStatus.WAITLISTED).count()}")
    ok = (confirmed == args.capacity and overbooked == 0 and promoted == min(
        args.cancellations, waitlisted) and not errors)
    print("result: " + ("as expected" if ok else "NOT as expected"))
    print(summary_line("registration", {"confirmed": confirmed, "waitlisted": waitlisted,
                                        "overbooked": overbooked, "promoted": promoted},
                       load=False))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

