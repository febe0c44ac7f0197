"""Concurrent benchmark: 32 logged-in clients read case detail pages against ``make serve``.

    make bench-cases                                   # the sequential bench, then this one
    .venv/bin/python -m uitweg.cases.bench_concurrent  # this one alone (data from bench.py)
    options: BENCH_CLIENTS=32 BENCH_SECONDS=60 BENCH_WORKERS=1,2 BENCH_PORT=8811

For each worker count it starts ``make serve`` (uvicorn, ``--workers N``) on 127.0.0.1:8811
against the bench database (``uitweg_bench``, built by :mod:`uitweg.cases.bench`), waits until
every worker has loaded the application (else the first worker up takes every keep-alive
connection and the run measures one worker), lets 32
clients (one keep-alive HTTP/1.1 connection each, asyncio, loopback only) read random case
detail pages for 60 seconds, and stops the server. It reports throughput, latency p50/p95/p99,
the load average, and per linking statement of the access-log sequencer how long it held the
chain lock (the head row, ADR 0117) and how long it worked before it (measured inside
PostgreSQL; the workers write it to a file because ``BENCH_AUDIT_LOCK_LOG`` is set, see
:mod:`uitweg.audit.lock_timing`), how many statements lost the race to another sequencer, and
the statement's round trip as the worker saw it. After each run it counts the entries left
unchained (the sequencer must keep up) and times 50 one-row durable commits on an idle
connection (the request's own commit; since ADR 0047 no lock is held through it).

The clients are staff members who passed MFA: their sessions are created directly in the
database (:func:`staff_sessions`: the session keys Django's ``login()`` and our session-timeout
middleware set, for the bench user who has a TOTP authenticator), one session per client so no
two clients update the same session row. When PostgreSQL is not reachable it says so and skips.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from uitweg.core.bench_http import keep_requesting, read_answer

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/uitweg_bench"
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "5"))
WORKERS = [int(w) for w in os.environ.get("BENCH_WORKERS", "1,2").split(",") if w.strip()]
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8811"))
REPO = Path(__file__).resolve().parents[3]


def postgres_up(url: str) -> bool:
    import psycopg

    parsed = urlparse(url)
    try:
        with psycopg.connect(parsed._replace(path="/postgres").geturl(), connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def staff_sessions(user, count: int) -> list[str]:
    """Session keys of ``count`` fresh sessions of ``user``, as after login and MFA."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from uitweg.accounts.middleware import LAST_SEEN, LOGIN_AT

    keys = []
    for _ in range(count):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[LOGIN_AT] = session[LAST_SEEN] = time.time()
        session.create()
        keys.append(session.session_key)
    return keys


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)  # ms, 200 responses in the window
    errors: dict[str, int] = field(default_factory=dict)


async def _get(reader, writer, request: bytes) -> int:
    writer.write(request)
    await writer.drain()
    status, _headers, _body, _wire = await read_answer(reader)
    return status


async def _client(run: Run, cookie: str, paths: list[str], start: float, end: float,
                  rng: random.Random) -> None:
    def ask():
        path = rng.choice(paths)
        request = (f"GET {path} HTTP/1.1\r\nHost: {HOST}:{PORT}\r\nCookie: {cookie}\r\n"
                   "Accept-Language: nl\r\n\r\n").encode()
        return path, lambda reader, writer: _get(reader, writer, request)

    def record(_path: str, status: int, ms: float) -> None:
        if status == 200:
            run.latencies.append(ms)
        else:
            run.errors[str(status)] = run.errors.get(str(status), 0) + 1

    await keep_requesting(host=HOST, port=PORT, start=start, end=end, errors=run.errors,
                          ask=ask, record=record)


async def _load(cookies: list[str], paths: list[str]) -> Run:
    run = Run()
    start = time.perf_counter() + WARMUP
    end = start + SECONDS
    await asyncio.gather(*(_client(run, cookie, paths, start, end, random.Random(i))
                           for i, cookie in enumerate(cookies)))
    return run


def _wait_for_port(process: subprocess.Popen, timeout: float = 180) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"make serve stopped with code {process.returncode}")
        try:
            with socket.create_connection((HOST, PORT), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"make serve did not listen on {HOST}:{PORT} within {timeout:.0f} s")


def wait_for_workers(process: subprocess.Popen, log: Path, workers: int,
                     timeout: float = 180) -> None:
    """Until every uvicorn worker has loaded the application (one "Application startup
    complete." line each in the serve log). The port opens as soon as the parent binds it; a
    client that connects before a worker is up is accepted by the workers already up and keeps
    that keep-alive connection for the whole run, so one worker could take all the load."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"make serve stopped with code {process.returncode} (log: {log})")
        if log.exists() and log.read_text(errors="replace").count(
                "Application startup complete.") >= workers:
            return
        time.sleep(0.5)
    sys.exit(f"not all {workers} workers started within {timeout:.0f} s (log: {log})")


def _serve_log(workers: int) -> Path:
    return Path(tempfile.gettempdir()) / f"uitweg-bench-serve-{workers}.log"


def _reachable(url) -> bool:
    import socket

    try:
        with socket.create_connection((url.hostname, url.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def _serve(workers: int, database_url: str, lock_log: str) -> subprocess.Popen:
    environment = dict(os.environ, DATABASE_URL=database_url, BENCH_AUDIT_LOCK_LOG=lock_log,
                       WORKERS=str(workers), HOST=HOST, PORT=str(PORT),
                       SECURE_SSL_REDIRECT="false")
    redis = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
    if "REDIS_URL" not in environment and _reachable(urlparse(redis)):
        environment["REDIS_URL"] = redis  # as in production; without it each worker's own cache
    log = open(_serve_log(workers), "w")  # noqa: SIM115
    # `make bench-cases` brought packages and assets up to date before this run; `-o` keeps
    # make from reinstalling them while the bench runs (another checkout may touch them).
    return subprocess.Popen(["make", "--no-print-directory", "-o", ".venv/.installed",  # noqa: S607
                             "-o", "src/uitweg/static/vendor/.built", "serve"], cwd=REPO,
                            env=environment, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # make, uvicorn and its workers: our own group
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def commit_latency(database_url: str, n: int = 50) -> tuple[float, float]:
    """p50/p95 ms of one durable one-row commit (the floor of any lock held through a commit)."""
    import psycopg

    samples = []
    with psycopg.connect(database_url) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_commit_probe (x int)")
        conn.commit()
        for _ in range(n):
            conn.execute("INSERT INTO bench_commit_probe VALUES (1)")
            t = time.perf_counter()
            conn.commit()
            samples.append((time.perf_counter() - t) * 1000)
        conn.execute("DROP TABLE bench_commit_probe")
        conn.commit()
    return percentile(samples, 0.5), percentile(samples, 0.95)


def percentile(samples: list[float], q: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def measure(workers: int, database_url: str, cookies: list[str], paths: list[str]) -> dict:
    from uitweg.audit import lock_timing

    lock_log = str(Path(tempfile.gettempdir()) / f"uitweg-bench-lock-{workers}.log")
    Path(lock_log).unlink(missing_ok=True)
    process = _serve(workers, database_url, lock_log)
    try:
        _wait_for_port(process)
        wait_for_workers(process, _serve_log(workers), workers)
        warm = asyncio.run(_warm(cookies[0], paths))
        if warm != 200:
            sys.exit(f"case detail answered {warm} instead of 200 (see the serve log in "
                     f"{tempfile.gettempdir()})")
        offset = Path(lock_log).stat().st_size if Path(lock_log).exists() else 0
        load_before = os.getloadavg()[0]
        run = asyncio.run(_load(cookies, paths))
        load_after = os.getloadavg()
    finally:
        _stop(process)
    commit_p50, commit_p95 = commit_latency(database_url)
    rows = lock_timing.read_all(lock_log, offset=offset)
    held = [r[0] for r in rows if r[0] == r[0]]  # nan: the statement never reached the head
    waited = [r[1] for r in rows]
    round_trip = [r[2] for r in rows if len(r) > 2]
    lost = sum(1 for r in rows if len(r) > 3 and not r[3])
    n = len(run.latencies)
    return {
        "workers": workers, "n": n, "rps": n / SECONDS, "errors": run.errors,
        "p50": percentile(run.latencies, 0.50), "p95": percentile(run.latencies, 0.95),
        "p99": percentile(run.latencies, 0.99),
        "held_n": len(held), "lost": lost, "held_p50": percentile(held, 0.50),
        "held_p99": percentile(held, 0.99), "wait_p50": percentile(waited, 0.50),
        "wait_p99": percentile(waited, 0.99), "round_trip_p99": percentile(round_trip, 0.99),
        "load": (load_before, *load_after), "commit_p50": commit_p50, "commit_p95": commit_p95,
        "unchained": unchained_entries(database_url),
    }


def unchained_entries(database_url: str) -> int | None:
    """Entries committed but not chained after the run (ADR 0047): 0 when the sequencer kept
    up. None on a schema from before chain positions."""
    import psycopg

    with psycopg.connect(database_url) as conn:
        has_column = conn.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = "
            "'audit_accesslogentry' AND column_name = 'chain_position'").fetchone()
        if not has_column:
            return None
        return conn.execute(
            "SELECT count(*) FROM audit_accesslogentry WHERE hash IS NULL").fetchone()[0]


async def _warm(cookie: str, paths: list[str]) -> int:
    reader, writer = await asyncio.open_connection(HOST, PORT)
    try:
        request = (f"GET {paths[0]} HTTP/1.1\r\nHost: {HOST}:{PORT}\r\nCookie: {cookie}\r\n"
                   "\r\n").encode()
        return await asyncio.wait_for(_get(reader, writer, request), 60)
    finally:
        writer.close()


def run(database_url: str) -> list[dict]:
    """The concurrent runs (Django set up on the bench database, data built); prints a table."""
    from django.conf import settings
    from django.db import connection

    from uitweg.accounts.models import User
    from uitweg.cases.models import Case

    try:
        user = User.objects.get(username="bench")
    except User.DoesNotExist:
        sys.exit("No bench data: run `make bench-cases` (uitweg.cases.bench) first.")
    visible = list(Case.objects.visible_to(user).values_list("pk", flat=True)[:5000])
    paths = [f"/staff/cases/{pk}/" for pk in visible]
    cookies = [f"{settings.SESSION_COOKIE_NAME}={key}"
               for key in staff_sessions(user, CLIENTS)]
    connection.close()  # the server's workers need the connections, not this process
    results = [measure(workers, database_url, cookies, paths) for workers in WORKERS]
    print(f"\nconcurrent case detail: {CLIENTS} clients, {SECONDS:.0f} s per run "
          f"(+{WARMUP:.0f} s warm-up), make serve on {HOST}:{PORT}, {os.cpu_count()} CPUs")
    print(f"{'workers':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'p99 ms':>7} {'lock held p50/p99 ms':>21} {'linking p50/p99 ms':>21} "
          f"{'links':>6} {'lost':>5} {'link RT p99':>11} {'unchained':>9} "
          f"{'load start/1/5/15 min':>22} {'commit p50/p95 ms':>18} errors")
    for r in results:
        held = f"{r['held_p50']:.2f} / {r['held_p99']:.2f}"
        wait = f"{r['wait_p50']:.2f} / {r['wait_p99']:.2f}"
        load = "/".join(f"{x:.1f}" for x in r["load"])
        commit = f"{r['commit_p50']:.1f} / {r['commit_p95']:.1f}"
        unchained = "-" if r["unchained"] is None else str(r["unchained"])
        print(f"{r['workers']:>7} {r['n']:>8} {r['rps']:>7.1f} {r['p50']:>7.1f} "
              f"{r['p95']:>7.1f} {r['p99']:>7.1f} {held:>21} {wait:>21} {r['held_n']:>6} "
              f"{r['lost']:>5} {r['round_trip_p99']:>11.2f} {unchained:>9} {load:>22} "
              f"{commit:>18} {r['errors'] or '-'}")
    if len(results) >= 2 and results[0]["rps"]:
        print(f"throughput {results[-1]['workers']} workers / {results[0]['workers']}: "
              f"{results[-1]['rps'] / results[0]['rps']:.2f}x")
    return results


def summary(results: list[dict]) -> dict:
    """Figures for the benchmark's summary line (uitweg.core.bench)."""
    figures: dict = {}
    for r in results:
        figures[f"concurrent_{r['workers']}w_rps"] = round(r["rps"], 1)
        figures[f"concurrent_{r['workers']}w_p95_ms"] = round(r["p95"], 1)
    if results:
        held = [r for r in results if r["held_n"]]
        if held:
            figures["lock_held_p50_ms"] = round(max(r["held_p50"] for r in held), 2)
            figures["lock_held_p99_ms"] = round(max(r["held_p99"] for r in held), 2)
        by_workers = {r["workers"]: r for r in results}
        if 1 in by_workers and 2 in by_workers and by_workers[1]["rps"]:
            figures["throughput_2w_over_1w_x"] = round(
                by_workers[2]["rps"] / by_workers[1]["rps"], 2)
    return figures


def main() -> None:
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres") or not postgres_up(url):
        print(f"PostgreSQL is not reachable at {urlparse(url).hostname}:"
              f"{urlparse(url).port or 5432}: skipping the concurrent run.")
        return
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uitweg.settings")
    import django

    django.setup()
    run(url)


if __name__ == "__main__":
    main()
