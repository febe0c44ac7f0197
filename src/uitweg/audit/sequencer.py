"""The sequencer: links committed access-log entries into the hash chain (ADR 0047, 0117).

:func:`uitweg.audit.service.record` inserts an entry in the transaction of the access it
records, unchained (``chain_position``, ``prev_hash`` and ``hash`` null) and without any lock.
After that transaction commits, :func:`chain_pending` links every committed entry that is not
yet chained:

1. without a lock, read the chain's head and the unchained entries (oldest ``seq`` first, at
   most ``batch``); skip, and log, any whose MAC does not match (inserted or changed by hand);
2. compute their positions and hashes in Python (the key never leaves the application);
3. one statement, ``audit_chain_link`` (migration 0005), in a transaction of its own, with
   ``synchronous_commit = off``: lock the batch's entries and link them, then compare-and-set
   the head row (``audit_chainhead``) and commit. If another sequencer moved the head or linked
   the entries first, nothing is written and we read again.

So the one lock every sequencer shares — the head row — is held from the last statement of
that transaction to its commit: one single-row UPDATE, never a round trip to the application
or a durable commit. Losing the asynchronous commit in a crash loses only links: the entries
themselves were committed durably by their own transactions and are simply chained again (by
the next commit anywhere, by ``manage.py chain_audit_log``, or by ``manage.py
verify_audit_chain``).

Chain order is the order of sequencing, not of ``seq`` (ids are not commit order).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterable

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from uitweg.audit import lock_timing
from uitweg.audit.chain import CHAINED_FIELDS, GENESIS, Link, link, mac_matches
from uitweg.audit.models import AccessLogEntry, ChainHead

BATCH = 500
#: How long a sequencer waits for a lock (the head row, an entry another sequencer is linking)
#: before leaving its entries to the next pass. Locks are normally held for well under a
#: millisecond; this only bounds a stuck holder.
LOCK_TIMEOUT_MS = 1000
logger = logging.getLogger(__name__)

_READ_FIELDS = ("id", *CHAINED_FIELDS, "mac")


def after_commit() -> bool:
    """Are entries chained after their transaction commits? Always on PostgreSQL; on SQLite
    (serial writers) they are chained as they are inserted unless AUDIT_CHAIN_AFTER_COMMIT."""
    return connection.vendor != "sqlite" or bool(
        getattr(settings, "AUDIT_CHAIN_AFTER_COMMIT", False))


def chain_head() -> tuple[int, str]:
    """(position, hash) of the last chained entry; (0, GENESIS) for an empty chain.

    PostgreSQL: the head row, which moves with the links in one transaction. SQLite (serial
    writers, no head row): the log's last link."""
    if connection.vendor == "postgresql":
        head = ChainHead.objects.filter(pk=1).values_list("position", "hash").first()
    else:
        head = (AccessLogEntry.objects.filter(chain_position__isnull=False)
                .order_by("-chain_position").values_list("chain_position", "hash").first())
    return head or (0, GENESIS)


def unchained(batch: int = BATCH) -> list[dict]:
    """The oldest committed entries not yet chained (this connection's own too)."""
    return list(AccessLogEntry.objects.filter(hash__isnull=True).order_by("seq")
                .values(*_READ_FIELDS)[:batch])


class _ChainAfterCommit:
    """The on-commit callback of one transaction (per savepoint): chain its entries."""

    def __init__(self, entry_id: int):
        self.entry_ids = [entry_id]

    def __call__(self) -> None:
        chain_pending(wait_for=self.entry_ids)


def chain_after_commit(entry_id: int) -> None:
    """Have the entry chained right after the current transaction commits. One callback per
    transaction and savepoint: Django drops it with a savepoint that rolls back, as the entries
    inserted in that savepoint are."""
    savepoints = set(connection.savepoint_ids)
    for sids, func, _robust in connection.run_on_commit:  # (Django 4.2 to 5.2)
        if isinstance(func, _ChainAfterCommit) and sids == savepoints:
            func.entry_ids.append(entry_id)
            return
    transaction.on_commit(_ChainAfterCommit(entry_id), robust=True)


def chain_pending(*, wait_for: Iterable[int] = (), batch: int = BATCH,
                  attempts: int = 20) -> int:
    """Chain committed unchained entries; return how many this call chained.

    Stops when nothing chainable is left in sight, or when the entries in ``wait_for`` are
    chained (by this call or another sequencer) and the last read was not a full batch.
    Safe to run at any time, from any number of processes at once. Never raises a database
    error: an entry left unchained is chained by the next pass."""
    waiting = set(wait_for)
    chained = 0
    try:
        for _ in range(attempts):
            head = chain_head()
            pending = unchained(batch)
            ids = {row["id"] for row in pending}
            if waiting and not waiting & ids and len(pending) < batch:
                return chained  # ours were chained by another sequencer
            valid = _with_valid_mac(pending)
            if not valid:
                return chained
            links = link(head, valid, _key())
            if _apply(head, links):
                chained += len(links)
                if len(pending) < batch:
                    return chained
    except DatabaseError:
        logger.exception("audit sequencer: chaining failed; entries stay pending until the "
                         "next pass")
        return chained
    logger.warning("audit sequencer: entries still pending after %s attempts", attempts)
    return chained


def catch_up(*, batch: int = 5000) -> int:
    """Chain everything committed and not yet chained (``manage.py chain_audit_log``, the
    verifier). Returns how many entries were chained."""
    total = 0
    while True:
        done = chain_pending(batch=batch, attempts=1000)
        total += done
        if done < batch:
            return total


def _key() -> bytes:
    from uitweg.crypto.keys import audit_chain_key

    return audit_chain_key()


def _with_valid_mac(pending: list[dict]) -> list[dict]:
    key = _key()
    valid = [row for row in pending if mac_matches(row, key)]
    if len(valid) < len(pending):
        bad = sorted(row["seq"] for row in pending if not mac_matches(row, key))
        logger.error("audit sequencer: not chaining entries whose MAC does not match "
                     "(inserted or changed outside the application): seq %s", bad[:20])
    return valid


def _apply(head: tuple[int, str], links: list[Link]) -> bool:
    """Write the links if the chain's head is still ``head``. False when another sequencer
    moved it, or linked these entries, first (nothing written)."""
    if connection.vendor == "postgresql":
        return _apply_postgresql(head, links)
    return _apply_serial(head, links)


def _apply_postgresql(head: tuple[int, str], links: list[Link]) -> bool:
    asked = time.perf_counter()
    own_transaction = not connection.in_atomic_block  # then: one statement = one transaction
    # Inside a transaction (tests, a caller's atomic block) a savepoint keeps a failed link
    # from breaking it; alone, no BEGIN/COMMIT round trips while the lock is held.
    scope = contextlib.nullcontext() if own_transaction else transaction.atomic()
    with scope, connection.cursor() as cursor:
        cursor.execute(
            "SELECT applied, linking_ms, held_ms FROM audit_chain_link("
            "%s, %s, %s, %s, %s::bigint[], %s::bigint[], %s::varchar[], %s::varchar[])",
            [own_transaction, LOCK_TIMEOUT_MS, head[0],
             head[1] if head[0] else None,
             [x.entry_id for x in links], [x.position for x in links],
             [x.prev_hash for x in links], [x.hash for x in links]])
        applied, linking_ms, held_ms = cursor.fetchone()
    if lock_timing.enabled():
        lock_timing.write(held_ms=held_ms, waited_ms=linking_ms, applied=applied,
                          round_trip_ms=(time.perf_counter() - asked) * 1000)
    return applied


def _apply_serial(head: tuple[int, str], links: list[Link]) -> bool:
    """SQLite: a transaction is a lock on the whole database (BEGIN IMMEDIATE)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if chain_head() != head:
            return False
        for x in links:
            cursor.execute(
                "UPDATE audit_accesslogentry SET chain_position = %s, prev_hash = %s, hash = %s"
                " WHERE id = %s AND hash IS NULL", [x.position, x.prev_hash, x.hash, x.entry_id])
            if cursor.rowcount != 1:
                raise DatabaseError(f"audit chain: entry {x.entry_id} could not be linked")
    return True
