"""`make bench-chat`: delivery latency and memory under load, against a bare websockets baseline.

Starts uvicorn (PostgreSQL + Redis, several workers) on loopback, opens ``--anonymous`` youth
connections (of which ``--conversations`` are in a chat with a counsellor socket each, the rest
idle), and has every conversation exchange a youth message and a counsellor reply every
``--interval`` seconds. Latency is measured from the sender's send call to the other party's
receipt (same clock). Then the same load runs against a bare ``websockets`` relay server.

    .venv/bin/python -m uitweg.chat.bench [--quick] [--workers 2] [--duration 60]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import resource
import secrets
import statistics
import subprocess
import sys
import textwrap
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import websockets

from uitweg.chat.testing.server import PYTHON, ROOT, ChatServer, free_port

BASELINE_SERVER = textwrap.dedent("""
    import asyncio, json, sys
    import uvloop
    from websockets.asyncio.server import serve

    peers = {}

    async def handler(ws):
        key = None
        async for raw in ws:
            frame = json.loads(raw)
            if frame["type"] == "join":
                key = (frame["conv"], frame["side"])
                peers[key] = ws
                await ws.send(json.dumps({"type": "welcome"}))
            elif frame["type"] == "msg" and key:
                await ws.send(json.dumps({"type": "ack", "id": frame["id"]}))
                other = peers.get((key[0], "counsellor" if key[1] == "youth" else "youth"))
                out = json.dumps({"type": "msg", "id": frame["id"], "from": key[1],
                                  "body": frame["body"]})
                await ws.send(out)
                if other is not None:
                    await other.send(out)
        if key:
            peers.pop(key, None)

    async def main():
        async with serve(handler, "127.0.0.1", int(sys.argv[1]), ping_interval=None,
                         max_size=2**16):
            await asyncio.Future()

    uvloop.run(main())
""")


def raise_open_files() -> int:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard != resource.RLIM_INFINITY else 65536
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


def group_rss_kib(pgid: int) -> int:
    """Resident memory of every process in the server's process group (parent + workers)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            pgrp = int(stat.rsplit(")", 1)[1].split()[2])
            if pgrp != pgid:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return total


@dataclass
class Run:
    name: str
    latencies_ms: list[float] = field(default_factory=list)
    sent: int = 0
    errors: list[str] = field(default_factory=list)
    measuring: bool = False
    rss_before_kib: int = 0
    rss_idle_kib: int = 0
    idle: int = 0
    connections: int = 0

    def summary(self, duration: float) -> dict:
        values = sorted(self.latencies_ms)

        def pct(p):
            return round(values[min(len(values) - 1, int(p * len(values)))], 1) if values else None

        return {
            "name": self.name, "delivered": len(values), "sent": self.sent,
            "messages_per_s": round(len(values) / duration, 1),
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "max_ms": round(values[-1], 1) if values else None,
            "mean_ms": round(statistics.fmean(values), 1) if values else None,
            "connections": self.connections,
            "rss_before_mib": round(self.rss_before_kib / 1024, 1),
            "rss_with_idle_mib": round(self.rss_idle_kib / 1024, 1),
            "kib_per_idle_connection": round((self.rss_idle_kib - self.rss_before_kib)
                                             / max(1, self.idle), 1),
            "errors": sorted(set(self.errors))[:10],
        }


async def open_many(url: str, count: int, *, origin: str, headers=None, batch: int = 100):
    sockets = []
    for start in range(0, count, batch):
        sockets += await asyncio.gather(*[
            websockets.connect(url, origin=origin, additional_headers=headers or {},
                               ping_interval=None, open_timeout=30, max_size=2**20)
            for _ in range(min(batch, count - start))])
    return sockets


def _stamp() -> str:
    return json.dumps({"t": time.monotonic_ns()})


async def reader(ws, run: Run, other_side: str) -> None:
    try:
        async for raw in ws:
            frame = json.loads(raw)
            if frame.get("type") == "msg" and frame.get("from") == other_side:
                if run.measuring:
                    sent = json.loads(frame["body"])["t"]
                    run.latencies_ms.append((time.monotonic_ns() - sent) / 1e6)
            elif frame.get("type") == "error":
                run.errors.append(frame.get("reason", "?"))
    except websockets.exceptions.ConnectionClosed as exc:
        run.errors.append(f"closed {exc.code}")


async def talker(ws, run: Run, interval: float, offset: float, stop: float) -> None:
    await asyncio.sleep(offset)
    while time.monotonic() < stop:
        await ws.send(json.dumps({"type": "msg", "id": uuid.uuid4().hex, "body": _stamp()}))
        if run.measuring:
            run.sent += 1
        await asyncio.sleep(interval * random.uniform(0.8, 1.2))


async def drive(run: Run, pairs, args) -> None:
    """Every conversation: youth every ``interval`` s, counsellor half an interval later."""
    stop = time.monotonic() + args.warmup + args.duration
    tasks = []
    for youth, staff in pairs:
        first = random.uniform(0, args.interval)
        tasks += [asyncio.ensure_future(reader(youth, run, "counsellor")),
                  asyncio.ensure_future(reader(staff, run, "youth")),
                  asyncio.ensure_future(talker(youth, run, args.interval, first, stop)),
                  asyncio.ensure_future(talker(staff, run, args.interval,
                                               first + args.interval / 2, stop))]
    await asyncio.sleep(args.warmup)
    run.measuring = True
    await asyncio.sleep(args.duration)
    run.measuring = False
    await asyncio.sleep(1)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def bench_chat(server: ChatServer, args) -> Run:
    run = Run("uitweg chat (uvicorn, Channels, Redis, PostgreSQL)")
    origin = server.url
    youth_url = server.ws_url + "/ws/chat/youth/"
    await asyncio.sleep(2)
    run.rss_before_kib = group_rss_kib(server.pid())
    idle_count = args.anonymous - args.conversations
    idle = await open_many(youth_url, idle_count, origin=origin)
    await asyncio.sleep(2)
    run.rss_idle_kib = group_rss_kib(server.pid())
    run.idle = idle_count

    # Conversations are started and picked up in one go (as if a counsellor took each chat
    # as it arrived); the young people then connect with their tokens.
    chats = json.loads(server.manage(textwrap.dedent(f"""
        import json
        from uitweg.accounts.models import User
        from uitweg.chat import services
        from uitweg.chat.testing.staff import make_staff_session
        sessions = [make_staff_session(f"bench{{n}}", ["chat_counsellor"])
                    for n in range({args.counsellors})]
        chats = []
        for n in range({args.conversations}):
            s = sessions[n % len(sessions)]
            chat, token = services.start_conversation(age_band="16-17")
            services.pick_next(counsellor=User.objects.get(pk=s["user_id"]),
                               public_id=chat.public_id)
            chats.append([token, str(chat.public_id), s["cookie"]])
        print(json.dumps(chats))
    """)).strip().splitlines()[-1])
    youths = await open_many(youth_url, args.conversations, origin=origin)
    for ws, (token, _, _) in zip(youths, chats, strict=True):
        await ws.send(json.dumps({"type": "resume", "token": token, "last_seq": 0}))
    ids = [public_id for _, public_id, _ in chats]
    mapping = {public_id: cookie for _, public_id, cookie in chats}
    staffs = []
    for public_id in ids:
        ws = await websockets.connect(f"{server.ws_url}/ws/chat/staff/{public_id}/",
                                      origin=origin,
                                      additional_headers={"Cookie": mapping[public_id]},
                                      ping_interval=None, open_timeout=30)
        await ws.send(json.dumps({"type": "resume", "last_seq": 0}))
        staffs.append(ws)
    run.connections = len(idle) + len(youths) + len(staffs)
    await drive(run, list(zip(youths, staffs, strict=True)), args)
    for ws in idle + youths + staffs:
        await ws.close()
    return run


async def bench_baseline(port: int, pid: int, args) -> Run:
    run = Run("bare websockets relay (no persistence)")
    url, origin = f"ws://127.0.0.1:{port}/", f"http://127.0.0.1:{port}"
    await asyncio.sleep(1)
    run.rss_before_kib = group_rss_kib(pid)
    idle_count = args.anonymous - args.conversations
    idle = await open_many(url, idle_count, origin=origin)
    await asyncio.sleep(2)
    run.rss_idle_kib = group_rss_kib(pid)
    run.idle = idle_count
    youths = await open_many(url, args.conversations, origin=origin)
    staffs = await open_many(url, args.conversations, origin=origin)
    for n, (youth, staff) in enumerate(zip(youths, staffs, strict=True)):
        for ws, side in ((youth, "youth"), (staff, "counsellor")):
            await ws.send(json.dumps({"type": "join", "conv": n, "side": side}))
            await ws.recv()
    run.connections = len(idle) + len(youths) + len(staffs)
    await drive(run, list(zip(youths, staffs, strict=True)), args)
    for ws in idle + youths + staffs:
        await ws.close()
    return run


def bench_keys() -> None:
    """Throw-away keys for the benchmark's own database (never the real ones)."""
    def key() -> str:
        return base64.b64encode(secrets.token_bytes(32)).decode()

    os.environ.update({
        "UITWEG_MODE": "development", "UITWEG_DEMO_MODE": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "FIELD_ENCRYPTION_KEYS": f"b1:{key()}",
        "BLIND_INDEX_KEY": key(), "ANONYMISATION_KEY": key(), "AUDIT_CHAIN_KEY": key(),
    })


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anonymous", type=int, default=2000)
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--counsellors", type=int, default=20)
    parser.add_argument("--interval", type=float, default=3.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url",
                        default=os.environ.get("BENCH_DATABASE_URL",
                                               "postgres://postgres@127.0.0.1:5432/uitweg_chatbench"))
    parser.add_argument("--redis-url",
                        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"))
    parser.add_argument("--quick", action="store_true", help="small and short, to try it out")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--server-log", help="copy the chat server's output to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.anonymous, args.conversations, args.counsellors = 200, 20, 2
        args.warmup, args.duration = 3.0, 10.0
    limit = raise_open_files()
    bench_keys()
    capacity = -(-args.conversations // args.counsellors)
    print(f"open-files limit {limit}; {args.anonymous} anonymous connections, "
          f"{args.conversations} conversations, {args.workers} workers", flush=True)

    import redis

    if args.redis_url:
        redis.Redis.from_url(args.redis_url).flushdb()  # this benchmark's own Redis database
    with ChatServer(database_url=args.database_url, redis_url=args.redis_url,
                    workers=args.workers, extra_env={
                        "CHAT_STARTS_PER_HOUR": "1000000",
                        "CHAT_COUNSELLOR_CAPACITY": str(capacity),
                        "LOG_LEVEL": "WARNING"}) as server:
        server.migrate()
        server.start()
        try:
            chat = asyncio.run(bench_chat(server, args))
        finally:
            server.stop()
            log = server.log()
            if args.server_log:
                Path(args.server_log).write_text(log)
    port = free_port()
    baseline_proc = subprocess.Popen([PYTHON, "-c", BASELINE_SERVER, str(port)], cwd=ROOT,  # noqa: S603
                                     start_new_session=True)
    try:
        time.sleep(1)
        baseline = asyncio.run(bench_baseline(port, baseline_proc.pid, args))
    finally:
        baseline_proc.terminate()
        baseline_proc.wait(10)

    results = {"chat": chat.summary(args.duration), "baseline": baseline.summary(args.duration),
               "settings": vars(args), "load_average_at_end": os.getloadavg()}
    c, b = results["chat"], results["baseline"]
    results["ratio"] = {
        "p50": round(c["p50_ms"] / b["p50_ms"], 1) if c["p50_ms"] and b["p50_ms"] else None,
        "p99": round(c["p99_ms"] / b["p99_ms"], 1) if c["p99_ms"] and b["p99_ms"] else None,
        "memory_per_idle_connection": round(
            c["kib_per_idle_connection"] / b["kib_per_idle_connection"], 1)
        if b["kib_per_idle_connection"] > 0 else None,
    }
    print(json.dumps(results, indent=2))
    if "Traceback" in log:
        print("server log had errors:\n" + log[-4000:], file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    from uitweg.core.bench import summary_line

    print(summary_line("chat", {"p50_ms": c["p50_ms"], "p95_ms": c["p95_ms"],
                                "p99_ms": c["p99_ms"],
                                "kib_per_idle_connection": c["kib_per_idle_connection"],
                                "p99_ratio_to_bare_websockets_x": results["ratio"]["p99"] or 0}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
