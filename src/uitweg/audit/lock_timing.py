"""Benchmarks only: how long a transaction waits for, and holds, the access-log chain lock.

Off unless ``BENCH_AUDIT_LOCK_LOG`` names a file. Then every worker appends one line per
transaction that took the lock: ``<held ms> <waited ms>``. "Held" runs from the moment the lock
call (``audit_chain_head``) returned until the transaction committed (the commit releases the
lock); it is taken in an ``on_commit`` callback, so callbacks registered earlier in the same
transaction count too (the case pages register none), and so does the wait for the GIL after
the COMMIT returned — on a busy machine "held" overstates the server-side hold by about one
scheduling delay. ``uitweg.cases.bench_concurrent`` reads the file.
"""

from __future__ import annotations

import os
import time

from django.conf import settings
from django.db import transaction


def enabled() -> bool:
    return bool(getattr(settings, "BENCH_AUDIT_LOCK_LOG", ""))


def lock_taken(*, asked_at: float, got_at: float) -> None:
    """Call right after the lock was granted; writes the line when the transaction commits."""
    path = settings.BENCH_AUDIT_LOCK_LOG

    def write() -> None:
        held = (time.perf_counter() - got_at) * 1000
        line = f"{held:.3f} {(got_at - asked_at) * 1000:.3f}\n".encode()
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)  # one short O_APPEND write: lines of workers do not interleave
        finally:
            os.close(fd)

    transaction.on_commit(write)


def read(path: str, *, offset: int = 0) -> tuple[list[float], list[float]]:
    """Held and waited milliseconds written after byte ``offset`` of the file."""
    held: list[float] = []
    waited: list[float] = []
    if not os.path.exists(path):
        return held, waited
    with open(path, "rb") as handle:
        handle.seek(offset)
        for line in handle.read().decode().splitlines():
            parts = line.split()
            if len(parts) == 2:
                held.append(float(parts[0]))
                waited.append(float(parts[1]))
    return held, waited
