"""Writing the access log. The only write path for :class:`AccessLogEntry`.

Use from views through :mod:`uitweg.audit.views` (the mixin and decorator), which make sure each
request that reads personal data writes exactly one entry in the same transaction as the read,
and that denied attempts are logged after the rollback.
"""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from uitweg.audit import context as audit_context
from uitweg.audit import sequencer
from uitweg.audit.chain import entry_hash, entry_mac
from uitweg.audit.models import AccessLogEntry, Action, Outcome
from uitweg.crypto.keys import audit_chain_key


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


# --- Chaining (issue 9, finding 12; ADR 0047, superseding the locking part of ADR 0042) ------
# record() inserts the entry in the caller's transaction, unchained, and takes no lock: the
# read and its entry commit (or roll back) together. After the commit the sequencer links it
# (chain position, prev_hash, hash) in a short transaction of its own, holding the chain lock
# only for the linking itself. SQLite (development, tests) runs every transaction serially
# (BEGIN IMMEDIATE), so there an entry is chained as it is inserted unless
# AUDIT_CHAIN_AFTER_COMMIT is set.


def _insert(entry: AccessLogEntry) -> None:
    key = audit_chain_key()
    entry.mac = entry_mac(entry.__dict__, key)
    if sequencer.after_commit():
        if connection.vendor == "sqlite":
            entry.seq = _next_sqlite_seq()
        entry.save(_from_service=True)  # PostgreSQL: seq = id (trigger, migration 0004)
        if entry.seq is None:
            entry.seq = entry.pk
        sequencer.chain_after_commit(entry.pk)
        return
    entry.seq = _next_sqlite_seq()  # SQLite: serial writers, so chain at once, as before
    position, prev = sequencer.chain_head()
    entry.chain_position, entry.prev_hash = position + 1, prev
    entry.hash = entry_hash(prev, entry.__dict__, key)
    entry.save(_from_service=True)


def _next_sqlite_seq() -> int:
    last = AccessLogEntry.objects.order_by("-seq").values_list("seq", flat=True).first()
    return (last or 0) + 1


@contextlib.contextmanager
def appended_at_end():
    """Kept for callers of ADR 0042's deferred append. Since ADR 0047 an entry is inserted at
    once (unchained, no lock) and chained after the commit, so there is nothing to defer."""
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction("appended_at_end() belongs inside transaction.atomic()")
    yield


def flush_pending() -> int:
    """Kept for callers of ADR 0042: entries are no longer held back, so this appends none."""
    return 0


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
    """Write one entry. Granted entries must share the caller's transaction.

    The entry is inserted at once, in the caller's transaction, without taking any lock; the
    sequencer chains it after that transaction commits (ADR 0047). A rolled-back transaction
    or savepoint takes its entries with it."""
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
    with transaction.atomic(savepoint=False):  # no savepoint round trips; a failed insert
        _insert(entry)                         # rolls back the caller's work with it
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
