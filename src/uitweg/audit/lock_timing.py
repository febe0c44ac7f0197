"""Benchmarks only: how long the sequencer waited for, and held, the access-log chain lock.

Off unless ``BENCH_AUDIT_LOCK_LOG`` names a file. Then every worker appends one line per
linking statement (``audit_chain_apply``, ADR 0047): ``<held ms> <waited ms> <round trip ms>``.
"Held" and "waited" are measured inside PostgreSQL (``clock_timestamp()``): held runs from the
moment ``pg_advisory_xact_lock`` returned to the end of the linking UPDATE; the commit that
follows releases the lock (asynchronous commit: no WAL flush is waited for, microseconds).
"Round trip" is the whole statement as the worker saw it, lock wait included (an upper bound of
wait + held + commit, plus the network and the worker's own scheduling delays).
``uitweg.cases.bench_concurrent`` reads the file.
"""

from __future__ import annotations

import os

from django.conf import settings


def enabled() -> bool:
    return bool(getattr(settings, "BENCH_AUDIT_LOCK_LOG", ""))


def write(*, held_ms: float, waited_ms: float, round_trip_ms: float) -> None:
    line = f"{held_ms:.3f} {waited_ms:.3f} {round_trip_ms:.3f}\n".encode()
    fd = os.open(settings.BENCH_AUDIT_LOCK_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)  # one short O_APPEND write: lines of workers do not interleave
    finally:
        os.close(fd)


def read(path: str, *, offset: int = 0) -> tuple[list[float], list[float]]:
    """Held and waited milliseconds written after byte ``offset`` of the file."""
    rows = read_all(path, offset=offset)
    return [r[0] for r in rows], [r[1] for r in rows]


def read_all(path: str, *, offset: int = 0) -> list[tuple[float, ...]]:
    """Every line after byte ``offset``: (held, waited[, round trip]) in milliseconds."""
    rows: list[tuple[float, ...]] = []
    if not os.path.exists(path):
        return rows
    with open(path, "rb") as handle:
        handle.seek(offset)
        for line in handle.read().decode().splitlines():
            parts = line.split()
            if len(parts) in (2, 3):
                rows.append(tuple(float(p) for p in parts))
    return rows
