"""Benchmarks only: how long the sequencer waited for, and held, the access-log chain lock.

Off unless ``BENCH_AUDIT_LOCK_LOG`` names a file. Then every worker appends one line per
linking statement (``audit_chain_link``, ADR 0117):
``<held ms> <waited ms> <round trip ms> <1 linked | 0 lost the race>``.
"Held" and "waited" are measured inside PostgreSQL (``clock_timestamp()``):

- held: the chain lock, i.e. the head row — from the start of the compare-and-set on it (so
  any wait for it is included: an upper bound) to the end of the statement; the commit that
  follows releases it (asynchronous commit: no WAL flush is waited for, microseconds). ``nan``
  when the statement never reached the head (it lost the race before);
- waited: everything before the head — locking and linking the batch's entries, including any
  wait for another sequencer linking the same entries or positions.

"Round trip" is the whole statement as the worker saw it (an upper bound of waited + held +
commit, plus the network and the worker's own scheduling delays).
``uitweg.cases.bench_concurrent`` reads the file.
"""

from __future__ import annotations

import os

from django.conf import settings


def enabled() -> bool:
    return bool(getattr(settings, "BENCH_AUDIT_LOCK_LOG", ""))


def write(*, held_ms: float | None, waited_ms: float, round_trip_ms: float,
          applied: bool = True) -> None:
    held = "nan" if held_ms is None else f"{held_ms:.3f}"
    line = f"{held} {waited_ms:.3f} {round_trip_ms:.3f} {int(applied)}\n".encode()
    fd = os.open(settings.BENCH_AUDIT_LOCK_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, line)  # one short O_APPEND write: lines of workers do not interleave
    finally:
        os.close(fd)


def read(path: str, *, offset: int = 0) -> tuple[list[float], list[float]]:
    """Held milliseconds (of the statements that reached the head) and waited milliseconds (of
    all) written after byte ``offset`` of the file."""
    rows = read_all(path, offset=offset)
    return [r[0] for r in rows if r[0] == r[0]], [r[1] for r in rows]


def read_all(path: str, *, offset: int = 0) -> list[tuple[float, ...]]:
    """Every line after byte ``offset``: (held, waited[, round trip[, applied]]), milliseconds
    (held is ``nan`` for a statement that never reached the head)."""
    rows: list[tuple[float, ...]] = []
    if not os.path.exists(path):
        return rows
    with open(path, "rb") as handle:
        handle.seek(offset)
        for line in handle.read().decode().splitlines():
            parts = line.split()
            if len(parts) in (2, 3, 4):
                rows.append(tuple(float(p) for p in parts))
    return rows
