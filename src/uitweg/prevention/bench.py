"""Benchmark of the public pages: 200 clients read the information pages and the Week programme.

    make bench-public                 # = .venv/bin/python -m uitweg.prevention.bench
    options: BENCH_CLIENTS=200 BENCH_SECONDS=60 BENCH_WARMUP=5 BENCH_WORKERS=2 BENCH_PORT=8812
             BENCH_DATABASE_URL=postgres://…/uitweg_bench_public  BENCH_REDIS_URL=redis://…/12
             --reset (drop and rebuild the bench database)

Issue 11: "200 concurrent clients on the information pages and the programme for 60 s against
``make serve`` on PostgreSQL: p95 < 50 ms, no page over 100 KB transferred including CSS (none
needs JavaScript to read). Print the figures and the ratio to a static file served the same
way."

1. Its own database (``uitweg_bench_public``, :func:`uitweg.core.bench_db.use_bench_database`)
   with the demo's accounts, information pages (eight languages) and Week programme.
2. ``make serve`` as in production (``UITWEG_MODE=production``: compressed static files served by
   WhiteNoise, no debug), ``BENCH_WORKERS`` uvicorn workers, Redis as cache, on 127.0.0.1.
3. Page weight: every page is fetched once as a browser would (``Accept-Encoding: gzip, br``)
   with every stylesheet, script and image it links; the bytes on the wire (headers and bodies)
   are summed per page. Each page is also checked to be readable without JavaScript: its main
   text is in the HTML.
4. Load: ``BENCH_CLIENTS`` clients (one keep-alive HTTP/1.1 connection each, no cookie, no think
   time: a client sends its next request when the previous answer arrived) read random public
   pages for ``BENCH_SECONDS`` after a warm-up. Then the same clients read one static file
   (``/static/uitweg/uitweg.css``, WhiteNoise in the same server) for the same time: the floor
   of this server on this machine. The ratio of the two p95s says how much the pages cost above
   serving a file.

With no think time, Little's law ties latency to throughput: 200 requests always in flight at
``R`` requests per second wait ``200 / R`` seconds on average, so the p95 target of 50 ms needs
more than 4,000 pages per second. The static run shows what the machine gives.

Last line: ``public: p95_ms …, p99_ms …, rps …, static_p95_ms …, p95_over_static_x …,
max_page_kb …, errors …, load_1min …``.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlparse

from uitweg.core.bench_http import keep_requesting, read_answer

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/uitweg_bench_public"
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "200"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "5"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8812"))
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")
STATIC_PATH = "/static/uitweg/uitweg.css"
PAGE_LIMIT_KB = 100
REPO = Path(__file__).resolve().parents[3]
SERVE_LOG = Path(tempfile.gettempdir()) / "uitweg-bench-public-serve.log"
ASSETS = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src|img[^>]*src)="'
                    r'([^"]+)"')


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)  # ms, 200 answers inside the window
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    wire_bytes: int  # status line, headers and body as transferred


# --- the bench data ---------------------------------------------------------------------------

def build_data() -> None:
    """The demo's accounts, information pages and Week programme (idempotent)."""
    from uitweg.core.registry import DEMO_LOADERS

    wanted = {"accounts", "prevention", "week"}
    for loader in sorted(DEMO_LOADERS, key=lambda item: item.order):
        if loader.name in wanted:
            loader.load(stdout=io.StringIO())


def public_paths() -> dict[str, list[str]]:
    """Every public page of the benchmark by kind: information pages (every live page in every
    language), the Week programme in its languages, and its published events."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Page

    from uitweg.prevention.models import PreventionHomePage
    from uitweg.week.models import Event

    info = []
    for page in Page.objects.live().public().type(PreventionHomePage).specific():
        info.append(page.url)
        info.extend(child.url for child in page.get_descendants().live().public().specific())
    only_elsewhere = (*getattr(settings, "PREVENTION_ONLY_LANGUAGES", ()),
                      *getattr(settings, "CHAT_OUTREACH_ONLY_LANGUAGES", ()))
    week_languages = [code for code, _name in settings.LANGUAGES if code not in only_elsewhere]
    programme, events = [], []
    offered = [(event.pk, set(event.title or {})) for event in
               Event.objects.public().order_by("pk").only("pk", "title")]
    for code in week_languages:
        with translation.override(code):
            programme.append(reverse("week_public:programme"))
            # an event is offered in the languages of its title (week.models)
            events.extend(reverse("week_public:event", args=[pk])
                          for pk, languages in offered if code in languages)
    return {"info": sorted(set(info)), "programme": programme, "event": events}


# --- HTTP on a raw keep-alive connection (no client library: the bench measures the server) ----

async def _request(reader, writer, path: str, *, encoding: str = "") -> Answer:
    path = quote(path, safe="/?&=%:+-._~")  # slugs in Cyrillic travel percent-encoded
    head = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{PORT}\r\nAccept-Language: nl\r\n"
    if encoding:
        head += f"Accept-Encoding: {encoding}\r\n"
    writer.write((head + "\r\n").encode())
    await writer.drain()
    status, headers, body, wire = await read_answer(reader)
    return Answer(status, headers, body, wire)


async def _fetch(path: str, *, encoding: str = "") -> Answer:
    reader, writer = await asyncio.open_connection(HOST, PORT)
    try:
        return await asyncio.wait_for(_request(reader, writer, path, encoding=encoding), 60)
    finally:
        writer.close()


def main_text(html: str) -> str:
    """The text inside <main>, tags removed: what a reader without JavaScript sees."""
    match = re.search(r"<main\b.*?>(.*)</main>", html, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", match.group(1) if match else "", flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


async def page_weights(paths: list[str]) -> list[dict]:
    """Bytes on the wire per page with every stylesheet, script and image it links."""
    assets: dict[str, int] = {}
    weights = []
    for path in paths:
        page = await _fetch(path, encoding="gzip, br")
        if page.status != 200:
            weights.append({"path": path, "status": page.status, "kb": 0.0, "readable": False})
            continue
        html = page.body.decode("utf-8", "replace")
        total = page.wire_bytes
        for asset in dict.fromkeys(ASSETS.findall(html)):
            if asset.startswith(("http:", "https:", "//")):
                weights.append({"path": path, "status": "third-party " + asset, "kb": 0.0,
                                "readable": False})
                continue
            if asset not in assets:
                answer = await _fetch(asset, encoding="gzip, br")
                assets[asset] = answer.wire_bytes if answer.status == 200 else 0
            total += assets[asset]
        weights.append({"path": path, "status": 200, "kb": total / 1024,
                        "html_kb": page.wire_bytes / 1024,
                        "readable": len(main_text(html)) > 200})
    return weights


async def _client(run: Run, paths: list[tuple[str, str]], start: float, end: float,
                  rng: random.Random) -> None:
    def ask():
        kind, path = rng.choice(paths)

        async def send(reader, writer) -> int:
            return (await _request(reader, writer, path)).status
        return kind, send

    def record(kind: str, status: int, ms: float) -> None:
        if status == 200:
            run.latencies.append(ms)
            run.by_kind.setdefault(kind, []).append(ms)
        else:
            run.errors[str(status)] = run.errors.get(str(status), 0) + 1

    await keep_requesting(host=HOST, port=PORT, start=start, end=end, errors=run.errors,
                          ask=ask, record=record)


async def load(paths: list[tuple[str, str]], clients: int, seconds: float) -> Run:
    run = Run()
    start = time.perf_counter() + WARMUP
    end = start + seconds
    await asyncio.gather(*(_client(run, paths, start, end, random.Random(i))
                           for i in range(clients)))
    return run


# --- the server --------------------------------------------------------------------------------

def serve(database_url: str) -> subprocess.Popen:
    from uitweg.cases.bench_concurrent import _reachable

    environment = dict(os.environ, DATABASE_URL=database_url, WORKERS=str(WORKERS), HOST=HOST,
                       PORT=str(PORT), UITWEG_MODE="production", UITWEG_DEMO_MODE="false",
                       SECURE_SSL_REDIRECT="false", DJANGO_DEBUG="false")
    if "REDIS_URL" not in os.environ and _reachable(urlparse(REDIS_URL)):
        environment["REDIS_URL"] = REDIS_URL
    log = open(SERVE_LOG, "w")  # noqa: SIM115
    # `make bench-public` brought packages and assets up to date; -o keeps make from redoing it.
    return subprocess.Popen(["make", "--no-print-directory", "-o", ".venv/.installed",  # noqa: S607
                             "-o", "src/uitweg/static/vendor/.built", "serve"], cwd=REPO,
                            env=environment, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def wait_for_port(process: subprocess.Popen, timeout: float = 300) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"make serve stopped with code {process.returncode} (log: {SERVE_LOG})")
        try:
            with socket.create_connection((HOST, PORT), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    sys.exit(f"make serve did not listen on {HOST}:{PORT} within {timeout:.0f} s")


# --- report ------------------------------------------------------------------------------------

def figures(pages: Run, static: Run, weights: list[dict], seconds: float) -> dict:
    from uitweg.cases.bench_concurrent import percentile

    p95 = percentile(pages.latencies, 0.95)
    static_p95 = percentile(static.latencies, 0.95)
    heaviest = max((w["kb"] for w in weights), default=0.0)
    return {
        "p50_ms": round(percentile(pages.latencies, 0.50), 1),
        "p95_ms": round(p95, 1),
        "p99_ms": round(percentile(pages.latencies, 0.99), 1),
        "rps": round(len(pages.latencies) / seconds, 1),
        "static_p95_ms": round(static_p95, 1),
        "static_rps": round(len(static.latencies) / seconds, 1),
        "p95_over_static_x": round(p95 / static_p95, 2) if static_p95 else "none",
        "rps_static_over_pages_x": (round(len(static.latencies) / len(pages.latencies), 2)
                                    if pages.latencies else "none"),
        "max_page_kb": round(heaviest, 1),
        "pages": len(weights),
        "unreadable_pages": sum(1 for w in weights if not w["readable"]),
        "errors": sum(pages.errors.values()) + sum(static.errors.values()),
    }


def report(pages: Run, static: Run, weights: list[dict], result: dict,
           loads: tuple[float, ...]) -> None:
    from uitweg.cases.bench_concurrent import percentile

    print(f"\npublic pages: {CLIENTS} clients, {SECONDS:.0f} s (+{WARMUP:.0f} s warm-up), "
          f"make serve (production mode, {WORKERS} workers) on {HOST}:{PORT}, "
          f"{os.cpu_count()} CPUs, load 1/5/15 min at the end "
          f"{'/'.join(f'{x:.1f}' for x in loads)}")
    print(f"{'what':<26} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} "
          f"{'p99 ms':>7}")
    rows = [(f"pages: {kind}", values) for kind, values in sorted(pages.by_kind.items())]
    rows += [("pages: all", pages.latencies), (f"static {STATIC_PATH}", static.latencies)]
    for label, values in rows:
        print(f"{label:<26} {len(values):>8} {len(values) / SECONDS:>7.1f} "
              f"{percentile(values, .5):>7.1f} {percentile(values, .95):>7.1f} "
              f"{percentile(values, .99):>7.1f}")
    print(f"p95 pages / p95 static file: {result['p95_over_static_x']}x; "
          f"throughput static / pages: {result['rps_static_over_pages_x']}x; "
          f"errors: pages {pages.errors or '-'}, static {static.errors or '-'}")
    print(f"\npage weight on the wire (HTML + CSS + JS + images, gzip/br as a browser asks; "
          f"limit {PAGE_LIMIT_KB} KB):")
    for weight in sorted(weights, key=lambda w: -w["kb"])[:5]:
        print(f"  {weight['kb']:6.1f} KB (HTML {weight.get('html_kb', 0):5.1f} KB) "
              f"{weight['path']}")
    over = [w for w in weights if w["kb"] > PAGE_LIMIT_KB or w["status"] != 200]
    unreadable = [w["path"] for w in weights if not w["readable"]]
    print(f"  {len(weights)} pages, heaviest {result['max_page_kb']} KB; over the limit or "
          f"failing: {[(w['path'], w['status']) for w in over] or 'none'}; without their text "
          f"in the HTML: {unreadable or 'none'}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reset", action="store_true", help="drop and rebuild the database")
    args = parser.parse_args(argv)
    from uitweg.cases.bench_concurrent import _stop, postgres_up, wait_for_workers
    from uitweg.core.bench import summary_line
    from uitweg.core.bench_db import use_bench_database

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres") or not postgres_up(url):
        sys.exit(f"The bench needs PostgreSQL at {urlparse(url).hostname}:"
                 f"{urlparse(url).port or 5432} (BENCH_DATABASE_URL).")
    started = time.monotonic()
    use_bench_database(url, reset=args.reset)
    build_data()
    by_kind = public_paths()
    from django.db import connection

    connection.close()  # the server's workers need the connections, not this process
    paths = [(kind, path) for kind, items in by_kind.items() for path in items]
    print(f"bench data ready in {time.monotonic() - started:.0f} s: "
          + ", ".join(f"{len(v)} {k}" for k, v in by_kind.items()), flush=True)
    process = serve(url)
    try:
        wait_for_port(process)
        wait_for_workers(process, SERVE_LOG, WORKERS)
        weights = asyncio.run(page_weights([path for _kind, path in paths]))
        pages = asyncio.run(load(paths, CLIENTS, SECONDS))
        static = asyncio.run(load([("static", STATIC_PATH)], CLIENTS, SECONDS))
        loads = os.getloadavg()
    finally:
        _stop(process)
    result = figures(pages, static, weights, SECONDS)
    report(pages, static, weights, result, loads)
    print(summary_line("public", result))


if __name__ == "__main__":
    main()
