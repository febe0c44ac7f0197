"""Writing the access log. The only write path for :class:`AccessLogEntry`.

Use from views through :mod:`uitweg.audit.views` (the mixin and decorator), which make sure each
request that reads personal data writes exactly one entry in the same transaction as the read,
and that denied attempts are logged after the rollback.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from uitweg.audit.chain import GENESIS, entry_hash
from uitweg.audit.models import AccessLogEntry, Action, Outcome
from uitweg.crypto.keys import audit_chain_key

_PG_LOCK_KEY = 7_513_2026  # NEN 7513; any constant shared by all writers


class AuditOutsideTransaction(RuntimeError):
    """A granted access was logged outside a transaction: the read and the log could diverge."""


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    organisation_id: int | None
    organisation_name: str
    role: str
    access_point: str = ""
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
    organisation = getattr(user, "organisation", None)
    return Actor(
        user_id=getattr(user, "pk", None),
        username=getattr(user, "username", "") or "",
        organisation_id=getattr(organisation, "pk", None),
        organisation_name=getattr(organisation, "name", "") or "",
        role=",".join(getattr(user, "roles", []) or [])[:40],
        access_point=access_point[:300],
        client_address=client_address,
    )


def actor_from_request(request) -> Actor:
    return actor_for(
        request.user,
        access_point=request.get_full_path(),
        client_address=truncate_address(request.META.get("REMOTE_ADDR")),
    )


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
    # SQLite: every transaction starts with BEGIN IMMEDIATE (settings), so writers are serial.


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
    """Append one entry to the chain. Granted entries must share the caller's transaction."""
    if action not in Action.values or outcome not in Outcome.values:
        raise ValueError(f"unknown action/outcome: {action}/{outcome}")
    if outcome == Outcome.GRANTED and not connection.in_atomic_block:
        raise AuditOutsideTransaction(
            "log a granted access inside the transaction that reads the data"
        )
    with transaction.atomic():
        _lock_chain()
        last = AccessLogEntry.objects.order_by("-seq").values("seq", "hash").first()
        entry = AccessLogEntry(
            seq=(last["seq"] + 1) if last else 1,
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
            prev_hash=last["hash"] if last else GENESIS,
        )
        entry.hash = entry_hash(entry.prev_hash, entry.__dict__, audit_chain_key())
        entry.save(_from_service=True)
    return entry


def record_for_request(request, **kwargs) -> AccessLogEntry:
    """:func:`record` for the current request; counts entries so views can be checked."""
    entry = record(actor=actor_from_request(request), **kwargs)
    request.audit_entries = getattr(request, "audit_entries", 0) + 1
    return entry


def record_denied(request, *, action: str, object_type: str, object_id: str = "",
                  purpose: str = "", reason: str = "") -> AccessLogEntry:
    """Log a refused access in a transaction of its own, so it survives the request's rollback."""
    with transaction.atomic():
        return record(
            actor=actor_from_request(request), action=action, object_type=object_type,
            object_id=object_id, purpose=purpose or "-", outcome=Outcome.DENIED, reason=reason,
        )
