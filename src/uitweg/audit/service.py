"""Writing the access log. The only write path for :class:`AccessLogEntry`.

Use from views through :mod:`uitweg.audit.views` (the mixin and decorator), which make sure each
request that reads personal data writes exactly one entry in the same transaction as the read,
and that denied attempts are logged after the rollback.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from uitweg.audit import context as audit_context
from uitweg.audit import lock_timing
from uitweg.audit.chain import GENESIS, entry_hash
from uitweg.audit.models import AccessLogEntry, Action, Outcome
from uitweg.crypto.keys import audit_chain_key

_PG_LOCK_KEY = 7_513_2026  # NEN 7513; any constant shared by all writers
logger = logging.getLogger(__name__)


class AuditOutsideTransaction(RuntimeError):
    """A granted access was logged outside a transaction: the read and the log could diverge."""


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    organisation_id: int | None
    organisation_name: str
    role: str
    #: Actors built directly (public, API key, system) name where they were built, too.
    access_point: str = field(default_factory=audit_context.current_access_point)
    client_address: str = ""


def truncate_address(address: str | None) -> str:
    """Keep only the network: /24 for IPv4, /48 for IPv6. Enough to spot a location, no host."""
    if not address:
        return ""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def actor_for(user, *, access_point: str = "", client_address: str = "") -> Actor:
    """The actor of an entry. Without an explicit access point it comes from where the current
    access was received (:mod:`uitweg.audit.context`: request path, ``api:``, ``ws:``,
    ``command:``), or names the calling service function."""
    if not access_point:
        origin = audit_context.current()
        if origin is not None:
            access_point, client_address = origin.access_point, (client_address
                                                                 or origin.client_address)
        else:
            access_point = audit_context.fallback_access_point()
    organisation = getattr(user, "organisation", None)
    return Actor(
        user_id=getattr(user, "pk", None),
        username=getattr(user, "username", "") or _name_of_client(user),
        organisation_id=getattr(organisation, "pk", None),
        organisation_name=getattr(organisation, "name", "") or "",
        role=",".join(getattr(user, "roles", []) or [])[:40],
        access_point=access_point[:300],
        client_address=client_address,
    )


def _name_of_client(user) -> str:
    """A signed-in client that is not a staff member (a partner API key: ``api-key:<prefix>``)."""
    return str(user)[:150] if getattr(user, "is_authenticated", False) else ""


def request_client_address(request) -> str:
    return truncate_address(request.META.get("REMOTE_ADDR"))


def actor_from_request(request) -> Actor:
    return actor_for(
        request.user,
        access_point=audit_context.request_access_point(request),
        client_address=request_client_address(request),
    )


def _lock_chain() -> tuple[int, str]:
    """Take the chain lock (held until the transaction ends); return the head (seq, hash)."""
    if connection.vendor == "postgresql":
        asked_at = time.perf_counter()
        with connection.cursor() as cursor:  # lock, then read: one round trip (migration 0003)
            cursor.execute("SELECT head_seq, head_hash FROM audit_chain_head(%s)",
                           [_PG_LOCK_KEY])
            row = cursor.fetchone()
        if lock_timing.enabled():
            lock_timing.lock_taken(asked_at=asked_at, got_at=time.perf_counter())
        return (row[0], row[1]) if row else (0, GENESIS)
    # SQLite: every transaction starts with BEGIN IMMEDIATE (settings), so writers are serial.
    last = AccessLogEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    return last or (0, GENESIS)


def _append(entries: list[AccessLogEntry]) -> None:
    """Chain and insert ``entries`` under the chain lock (held until the transaction ends)."""
    seq, prev = _lock_chain()
    key = audit_chain_key()
    for entry in entries:
        seq += 1
        entry.seq, entry.prev_hash = seq, prev
        entry.hash = prev = entry_hash(prev, entry.__dict__, key)
        entry.save(_from_service=True)


# --- Appending at the end of a transaction (issue 9, finding 12; ADR 0042) -------------------
# The chain lock is held from the append until the transaction ends. Inside appended_at_end()
# record() builds the entry but appends it only when the block ends — the last statements
# before the audited request's commit — so a page renders without holding the lock.
# A pending entry is registered with transaction.on_commit(): Django forgets it when the
# savepoint it was recorded in rolls back, so an entry never outlives the work it describes.

_DEFER_DEPTH = "uitweg_audit_defer_depth"


class _Pending:
    """An entry waiting for :func:`flush_pending` (and Django's on-commit marker for it)."""

    def __init__(self, entry: AccessLogEntry):
        self.entry = entry
        self.appended = False

    def __call__(self) -> None:  # after the commit
        if not self.appended:  # pragma: no cover - flush_pending always runs before
            logger.error("access-log entry committed without being appended: %s %s",
                         self.entry.action, self.entry.object_type)


def flush_pending() -> int:
    """Append the entries recorded in this transaction and not yet appended (and not rolled
    back with a savepoint). Call as the last statement before the commit; returns how many."""
    pending = [func for _sids, func, _robust in connection.run_on_commit
               if isinstance(func, _Pending) and not func.appended]
    if pending:
        with transaction.atomic(savepoint=False):  # no RELEASE SAVEPOINT under the lock
            _append([p.entry for p in pending])
        for item in pending:
            item.appended = True
    return len(pending)


@contextlib.contextmanager
def appended_at_end():
    """Inside a transaction: entries recorded in this block are appended when it ends.

        with transaction.atomic(), appended_at_end():   # uitweg.audit.views._run_audited
            ... read, log_view(), render ...
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction("appended_at_end() belongs inside transaction.atomic()")
    setattr(connection, _DEFER_DEPTH, getattr(connection, _DEFER_DEPTH, 0) + 1)
    try:
        yield
    except BaseException:
        # The caller may still catch the error and commit: append anyway (when the transaction
        # rolls back, so do the entries). If appending fails, the transaction must not commit.
        if _leave_deferral() == 0 and not connection.needs_rollback:
            try:
                flush_pending()
            except DatabaseError:
                transaction.set_rollback(True)
        raise
    if _leave_deferral() == 0:
        flush_pending()


def _leave_deferral() -> int:
    depth = getattr(connection, _DEFER_DEPTH, 1) - 1
    setattr(connection, _DEFER_DEPTH, depth)
    return depth


def record(
    *,
    actor: Actor,
    action: str,
    object_type: str,
    purpose: str,
    object_id: str | int = "",
    object_label: str = "",
    object_ids: Iterable[str | int] = (),
    outcome: str = Outcome.GRANTED,
    break_glass: bool = False,
    reason: str = "",
) -> AccessLogEntry:
    """Append one entry to the chain. Granted entries must share the caller's transaction.

    Inside :func:`appended_at_end` (every audited view) the entry is appended when that block
    ends, right before the commit; elsewhere at once, under the chain lock, which is then held
    until the caller's transaction ends — so service functions call this last."""
    if action not in Action.values or outcome not in Outcome.values:
        raise ValueError(f"unknown action/outcome: {action}/{outcome}")
    if outcome == Outcome.GRANTED and not connection.in_atomic_block:
        raise AuditOutsideTransaction(
            "log a granted access inside the transaction that reads the data"
        )
    entry = AccessLogEntry(
        at=timezone.now(),
        user_id_ref=actor.user_id,
        username=actor.username,
        organisation_id_ref=actor.organisation_id,
        organisation_name=actor.organisation_name,
        role=actor.role,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_label=object_label,
        object_ids=[str(i) for i in object_ids],
        purpose=purpose,
        outcome=outcome,
        access_point=actor.access_point,
        client_address=actor.client_address,
        break_glass=break_glass,
        reason=reason,
    )
    if getattr(connection, _DEFER_DEPTH, 0) and connection.in_atomic_block:
        transaction.on_commit(_Pending(entry))  # appended by appended_at_end(), see there
    else:
        with transaction.atomic():
            _append([entry])
    return entry


def record_for_request(request, **kwargs) -> AccessLogEntry:
    """:func:`record` for the current request; counts entries so views can be checked."""
    entry = record(actor=actor_from_request(request), **kwargs)
    request.audit_entries = getattr(request, "audit_entries", 0) + 1
    return entry


def record_denied(request, *, action: str, object_type: str, object_id: str | int = "",
                  object_label: str = "", purpose: str = "", reason: str = "") -> AccessLogEntry:
    """Log a refused access in a transaction of its own, so it survives the request's rollback.

    Call it after the refused work was rolled back (``uitweg.audit.views.log_refusal`` does,
    for every refusal raised in a view); inside a transaction that later rolls back, the entry
    would be lost with it."""
    with transaction.atomic():
        entry = record(
            actor=actor_from_request(request), action=action, object_type=object_type[:60],
            object_id=str(object_id)[:64], object_label=object_label[:64],
            purpose=purpose or "-", outcome=Outcome.DENIED, reason=reason,
        )
    request.audit_denied_entries = getattr(request, "audit_denied_entries", 0) + 1
    return entry
