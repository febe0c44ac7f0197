"""The chain lock's locked section alone (docs/benchmarks.md, issue 9).

One client, N x ``atomic(): record()`` on the bench database (``make bench-cases`` builds it),
with ``BENCH_AUDIT_LOCK_LOG`` set, so each commit's sequencer reports how long it held the lock
inside PostgreSQL. Prints the held-time percentiles in milliseconds.

    .venv/bin/python scripts/bench_chain_lock.py [N]
"""

import os
import sys
import tempfile

LOG = tempfile.mktemp(suffix=".lock")  # noqa: S306 - a bench log, read back by this process
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/uitweg_bench")
os.environ["BENCH_AUDIT_LOCK_LOG"] = LOG
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uitweg.settings")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from uitweg.audit import lock_timing  # noqa: E402
from uitweg.audit.service import Actor, record  # noqa: E402


def _quantile(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    actor = Actor(user_id=None, username="bench", organisation_id=None, organisation_name="",
                  role="", access_point="command:bench_chain_lock")
    for i in range(n):
        with transaction.atomic():
            record(actor=actor, action="view", object_type="case", purpose="bench", object_id=i)
    held = sorted(row[0] for row in lock_timing.read_all(LOG) if row[0] == row[0])  # nan: lost
    os.unlink(LOG)
    print(f"chain lock alone: {len(held)} links; held p50 {_quantile(held, .5):.3f}, "
          f"p95 {_quantile(held, .95):.3f}, p99 {_quantile(held, .99):.3f}, "
          f"max {held[-1]:.3f} ms")


if __name__ == "__main__":
    main()
