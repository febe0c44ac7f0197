"""Checking the access log: the chain, and the entries not yet chained (ADR 0001, 0047).

Entries are chained after their transaction commits, so at any moment a few committed entries
may be *pending*: no chain position yet. They are reported as pending, never as tampering —
unless their own MAC does not match (an entry inserted or changed outside the application),
which is. ``catch_up=True`` (the default of ``manage.py verify_audit_chain``) first chains
what is pending, so a crash between a commit and its chaining is repaired here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction

from uitweg.audit import sequencer
from uitweg.audit.chain import CHAINED_FIELDS, ChainProblem, mac_matches, verify
from uitweg.audit.models import AccessLogEntry, ChainHead
from uitweg.crypto.keys import audit_chain_key


@dataclass
class LogReport:
    chained: int = 0
    head: str | None = None
    problem: ChainProblem | None = None
    pending: int = 0
    oldest_pending_at: datetime | None = None
    caught_up: int = 0
    #: ``seq`` of pending entries whose MAC does not match: forged or altered before chaining
    forged: list[int] = field(default_factory=list)
    #: ``seq`` of rows that carry a hash but no chain position: written around the sequencer
    unlinked: list[int] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return self.problem is None and not self.forged and not self.unlinked


def check_log(*, catch_up: bool = True) -> LogReport:
    """Chain what is pending (unless ``catch_up=False``), then verify the whole log."""
    report = LogReport()
    if catch_up:
        report.caught_up = sequencer.catch_up()
    key = audit_chain_key()
    with _consistent_snapshot():
        fields = ("seq", "chain_position", *CHAINED_FIELDS[1:], "prev_hash", "hash")
        rows = (AccessLogEntry.objects.filter(chain_position__isnull=False)
                .order_by("chain_position").values(*fields).iterator(chunk_size=5000))

        def counted():
            for row in rows:
                report.chained += 1
                report.head = row["hash"]
                yield row

        # an intact chain runs 1..chained without gaps, so it ends at position ``chained``
        report.problem = verify(counted(), key) or _head_problem(report.chained, report.head)
        pending = (AccessLogEntry.objects.filter(hash__isnull=True).order_by("seq")
                   .values("id", *CHAINED_FIELDS, "mac").iterator(chunk_size=5000))
        for row in pending:
            report.pending += 1
            if report.oldest_pending_at is None or row["at"] < report.oldest_pending_at:
                report.oldest_pending_at = row["at"]
            if not mac_matches(row, key):
                report.forged.append(row["seq"])
        report.unlinked = list(
            AccessLogEntry.objects.filter(hash__isnull=False, chain_position__isnull=True)
            .order_by("seq").values_list("seq", flat=True)[:100])
    return report


def _head_problem(position: int, head: str | None) -> ChainProblem | None:
    """PostgreSQL: does the chain end at its head row (ADR 0117)? The row moves with every
    link in the same transaction, so a chain that stops short of it lost its newest entries."""
    if connection.vendor != "postgresql":
        return None
    recorded = ChainHead.objects.filter(pk=1).values_list("position", "hash").first()
    if recorded is None or recorded == (position, head):
        return None
    if recorded[0] > position:
        return ChainProblem(position + 1, "removed",
                            f"the chain ends at {position} but its head row is at {recorded[0]}: "
                            "newest entries removed")
    return ChainProblem(recorded[0] + 1, "inserted",
                        f"the chain goes on past its head row ({recorded[0]}): linked around "
                        "the sequencer")


class _consistent_snapshot:
    """PostgreSQL, outside a transaction: read the chain and the pending entries from one
    snapshot (REPEATABLE READ), so an entry chained meanwhile is not counted twice or missed."""

    def __enter__(self):
        self.atomic = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return self

    def __exit__(self, *exc):
        if self.atomic is not None:
            return self.atomic.__exit__(*exc)
        return False
