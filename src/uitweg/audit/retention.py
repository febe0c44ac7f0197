"""The access-log side of retention, the same for every app: who ran it (a user, or the system
naming its command) and the one deletion entry per anonymised record (ADR 0026)."""

from __future__ import annotations

from typing import Any

from uitweg.audit.models import Action
from uitweg.audit.service import Actor, actor_for, record


def system_actor(access_point: str = "") -> Actor:
    """The actor of retention run without a user; names the command (or the caller)."""
    fields = {"access_point": access_point} if access_point else {}
    return Actor(user_id=None, username="system", organisation_id=None,
                 organisation_name="", role="", **fields)


def record_anonymisation(*, by: Any = None, access_point: str = "", object_type: str,
                         object_id: Any, object_label: str,
                         object_ids: list[str] | None = None) -> None:
    """One deletion entry for an anonymised record; ``object_ids`` lists the other records
    anonymised with it."""
    actor = actor_for(by, access_point=access_point) if by else system_actor(access_point)
    extra = {"object_ids": object_ids} if object_ids is not None else {}
    record(actor=actor, action=Action.DELETE, object_type=object_type, object_id=object_id,
           object_label=object_label, purpose="retention: anonymisation", **extra)
