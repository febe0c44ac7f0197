"""Benchmark: the monitoring figures page with 1,000,000 registrations (issue 13, "Speed").

    make bench-monitoring        # = .venv/bin/python -m uitweg.monitoring.bench [--reset]

On PostgreSQL in a database of its own (default ``uitweg_bench_monitoring``;
``BENCH_DATABASE_URL`` overrides): 600,000 chat registrations, 250,000 signals, 100,000 outreach
contacts, 50,000 case files (with as many persons) and 20,000 Week registrations, spread over ten
years, inserted with ``INSERT … SELECT generate_series`` from one template row each (the
template made through the services; volume for the counts, not realistic content).
``BENCH_SCALE`` scales every source (0.01 for a quick run). The page ``/staff/monitoring/`` is
fetched by an analyst through the Django test client: *cold* (the cache cleared before each
request: counts, suppression and charts all computed) and *warm*. Target: p95 < 200 ms.
Last, the page right after a chat registration and right after a signal's change (only that
source read again, from the per-day counts of ``monitoring.daycounts``; the write's own time
too). ``MONITORING_DAY_COUNTS=0`` counts the records instead (the figures before the per-day
counts). Its last line: ``monitoring: page_p95_ms …, cold_p95_ms …, after_chat_write_p95_ms
…, chat_write_p95_ms …, after_signal_write_p95_ms …, signal_write_p95_ms …``.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/uitweg_bench_monitoring"
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
VOLUME = {"chat": 600_000, "signals": 250_000, "outreach": 100_000, "cases": 50_000,
          "week": 20_000}
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
COLD_REQUESTS = int(os.environ.get("BENCH_COLD_REQUESTS", "5"))
DAYS = 3650  # ten years back from today


def _pick(codes) -> str:
    """SQL: one of ``codes`` by the series number ``g`` (codes are from our vocabularies)."""
    quoted = ", ".join("'" + str(c).replace("'", "''") + "'" for c in codes)
    return f"(ARRAY[{quoted}])[1 + (g::bigint * 7919) %% {len(codes)}]"


def _day() -> str:
    return f"current_date - ((g::bigint * 104729) %% {DAYS})::int"


def clone(model, template_pk: int, count: int, overrides: dict[str, str]) -> None:
    """Insert ``count`` copies of one row, with SQL expressions of ``g`` for some columns and a
    suffix on unique columns."""
    from django.db import connection

    table = model._meta.db_table
    columns, values = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        columns.append(f'"{f.column}"')
        if f.column in overrides:
            values.append(overrides[f.column])
        elif f.unique:
            values.append(f"t.\"{f.column}\" || '-b' || g")
        else:
            values.append(f't."{f.column}"')
    # table and column names from the model, expressions from this module: never from input
    sql = (f'INSERT INTO "{table}" ({", ".join(columns)}) '  # noqa: S608
           f"SELECT {', '.join(values)} FROM \"{table}\" t, generate_series(1, %(n)s) g "
           f"WHERE t.id = %(pk)s")
    with connection.cursor() as cursor:
        cursor.execute(sql, {"n": count, "pk": template_pk})


def _n(key: str) -> int:
    return max(1, int(VOLUME[key] * SCALE))


def _populate() -> None:
    from uitweg.accounts.roles import OrganisationKind
    from uitweg.cases.models import Case
    from uitweg.cases.tests.factories import coordinator, make_case
    from uitweg.chat.models import AgeBand, Outcome, Registration, Topic
    from uitweg.core.vocabulary import Gender
    from uitweg.outreach.models import Contact, Platform
    from uitweg.outreach.vocabulary import Response, TargetGroup
    from uitweg.signals.models import Signal
    from uitweg.signals.tests.factories import make_signal
    from uitweg.signals.vocabulary import ClosureReason, Priority, Source
    from uitweg.testing.factories import OrganisationFactory
    from uitweg.week import models as week
    from uitweg.week.tests.factories import make_event

    timed = time.perf_counter()
    chat = Registration.objects.create(day="2020-01-01", topic=Topic.values[0],
                                       outcome=Outcome.values[0], age_band=AgeBand.values[0])
    clone(Registration, chat.pk, _n("chat") - 1, {
        "day": _day(), "topic": _pick(Topic.values), "outcome": _pick(Outcome.values),
        "age_band": _pick(AgeBand.values)})
    print(f"  chat: {time.perf_counter() - timed:.1f} s", flush=True)

    timed = time.perf_counter()
    signal = make_signal()
    clone(Signal, signal.pk, _n("signals") - 1, {
        "received_at": f"now() - ((g::bigint * 104729) %% {DAYS}) * interval '1 day'",
        "source": _pick(Source.values), "priority": _pick(Priority.values),
        "status": "CASE WHEN g %% 10 = 0 THEN 'open' ELSE 'closed' END",
        "closure_reason": _pick(ClosureReason.values)})
    print(f"  signals: {time.perf_counter() - timed:.1f} s", flush=True)

    timed = time.perf_counter()
    org = OrganisationFactory(kind=OrganisationKind.NGO)
    by = coordinator()
    platform = Platform.objects.create(organisation=org, name="Bench")
    contact = Contact.objects.create(organisation=org, platform=platform, created_by=by,
                                     handle="bench", target_group=TargetGroup.values[0],
                                     first_contact_on="2020-01-01", last_contact_on="2020-01-01",
                                     response=Response.values[0],
                                     last_activity_at="2020-01-01T00:00:00Z")
    clone(Contact, contact.pk, _n("outreach") - 1, {
        "first_contact_on": _day(), "target_group": _pick(TargetGroup.values),
        "response": _pick(Response.values)})
    print(f"  outreach: {time.perf_counter() - timed:.1f} s", flush=True)

    timed = time.perf_counter()
    case = make_case(by=by)
    person_model = type(case.person)
    first_person = (person_model.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1)
    clone(person_model, case.person_id, _n("cases") - 1, {
        "gender": _pick(Gender.values),
        "nationality": _pick(["NL", "PL", "RO", "BG", "UA", "NG", "MA", "TR", "SY", "ER", ""])})
    persons = _n("cases") - 1
    clone(Case, case.pk, _n("cases") - 1, {
        # one case in nine is a second case of someone (counted once a year)
        "person_id": f"{first_person} + (g %% {max(1, persons - persons // 9)})",
        "first_signal_date": _day(),
        "forms_index": _pick([",sexual,", ",labour,", ",criminal,", ",sexual,labour,", ""]),
        "minor_on_first_signal": "g %% 7 = 0",
        "region": _pick(["Haaglanden", "Rotterdam-Rijnmond", "Utrecht", ""])})
    print(f"  cases: {time.perf_counter() - timed:.1f} s", flush=True)

    timed = time.perf_counter()
    events = [make_event(audiences=a) for a in (["public"], ["schools"],
                                                 ["professionals", "employers"])]
    for i, event in enumerate(events):
        template = week.Registration.objects.create(event=event, status="confirmed")
        clone(week.Registration, template.pk, _n("week") // len(events) - 1 + (i == 0), {
            "status": _pick(["confirmed", "confirmed", "waitlisted", "cancelled"]),
            "checked_in_at": "CASE WHEN g %% 2 = 0 THEN now() END"})
    print(f"  week: {time.perf_counter() - timed:.1f} s", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:  # what autovacuum does on a live database
        cursor.execute("VACUUM ANALYZE")


def _cold(client, url: str, n: int) -> dict:
    from django.core.cache import cache

    times = []
    for _ in range(n):
        cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    times.sort()
    return {"p50": statistics.median(times), "p95": times[max(0, int(len(times) * 0.95) - 1)],
            "max": times[-1]}


def main() -> None:
    from uitweg.core.bench_db import measure, start_bench

    start_bench(DEFAULT_URL)
    from django.conf import settings
    from django.test import Client

    from uitweg.accounts.roles import Role
    from uitweg.chat.models import Registration
    from uitweg.testing.clients import force_login_with_mfa
    from uitweg.testing.factories import OrganisationFactory, UserFactory

    started = time.perf_counter()
    populated = not Registration.objects.exists()
    if populated:
        _populate()
    from uitweg.monitoring import daycounts
    from uitweg.monitoring.models import DayCount

    # rows inserted by SQL send no signals: count them once (as after a bulk import)
    if populated or not DayCount.objects.filter(source="chat").exists():
        timed = time.perf_counter()
        stored = daycounts.rebuild()
        print(f"  per-day counts ({sum(stored.values()):,} rows): "
              f"{time.perf_counter() - timed:.1f} s", flush=True)
    print(f"setup {time.perf_counter() - started:.0f} s", flush=True)
    print(f"per-day counts: {'read' if settings.MONITORING_DAY_COUNTS else 'NOT read'} "
          "(MONITORING_DAY_COUNTS)", flush=True)
    _report_volume()
    from uitweg.accounts.models import User

    analyst = User.objects.filter(username="bench-analyst").first() or UserFactory(
        username="bench-analyst", organisation=OrganisationFactory(name="Bench analysts"),
        roles=[Role.ANALYST])
    client = force_login_with_mfa(Client(), analyst)
    summary: dict = {}
    print(f"{'page':40} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, url in (("figures, this year", "/staff/monitoring/"),
                       ("figures, a quarter", "/staff/monitoring/?year=2024&quarter=2")):
        cold = _cold(client, url, COLD_REQUESTS)
        print(f"{label + ' (cold)':40} {cold['p50']:8.1f} {cold['p95']:8.1f} {cold['max']:8.1f}",
              flush=True)
        warm = measure(client, url, REQUESTS)
        print(f"{label + ' (warm)':40} {warm['p50']:8.1f} {warm['p95']:8.1f} {warm['max']:8.1f}"
              f"  ({warm['queries']} queries)", flush=True)
        summary["page_p95_ms"] = max(summary.get("page_p95_ms", 0.0), round(warm["p95"], 1))
        summary["cold_p95_ms"] = max(summary.get("cold_p95_ms", 0.0), round(cold["p95"], 1))
    # the page right after a write: that source's tables counted again, the rest cached
    from uitweg.signals.models import Signal
    from uitweg.signals.vocabulary import Priority

    signal = Signal.objects.order_by("-pk").first()

    def chat_write():
        Registration.objects.create(day=date.today(), topic="work", outcome="informed")

    def signal_write():  # a change of a record: the old category loses one, the new gains one
        signal.priority = next(p for p in Priority.values if p != signal.priority)
        signal.save()

    for label, key, write in (("a chat registration", "chat", chat_write),
                              ("a signal's priority changed", "signal", signal_write)):
        times, writes = [], []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            write()
            writes.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            assert client.get("/staff/monitoring/").status_code == 200
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        writes.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        write_p95 = writes[max(0, int(len(writes) * 0.95) - 1)]
        print(f"{'figures after ' + label:40} {statistics.median(times):8.1f} "
              f"{p95:8.1f} {times[-1]:8.1f}  (the write itself: p95 {write_p95:.1f} ms)",
              flush=True)
        summary[f"after_{key}_write_p95_ms"] = round(p95, 1)
        summary[f"{key}_write_p95_ms"] = round(write_p95, 1)
    from uitweg.core.bench import summary_line

    print(summary_line("monitoring", summary))


def _report_volume() -> None:
    from uitweg.cases.models import Case
    from uitweg.chat.models import Registration
    from uitweg.outreach.models import Contact
    from uitweg.signals.models import Signal
    from uitweg.week import models as week

    counts = {m.__name__ if m is not week.Registration else "WeekRegistration":
              m.objects.count() for m in (Registration, Signal, Contact, Case, week.Registration)}
    print(", ".join(f"{k} {v:,}" for k, v in counts.items()) + f"; total {sum(counts.values()):,}")


if __name__ == "__main__":
    main()
