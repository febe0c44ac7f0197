"""Hash chain over access-log entries: pure functions, no database."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

GENESIS = "0" * 64

CHAINED_FIELDS = (
    "seq", "at", "user_id_ref", "username", "organisation_id_ref", "organisation_name", "role",
    "action", "object_type", "object_id", "object_label", "object_ids", "purpose", "outcome",
    "access_point", "client_address", "break_glass", "reason",
)


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def entry_hash(prev_hash: str, fields: Mapping[str, Any], key: bytes) -> str:
    """HMAC-SHA256 over the previous hash and the entry: without the key no one can forge a
    consistent chain, even with write access to the database."""
    body = {name: _canonical(fields[name]) for name in CHAINED_FIELDS}
    payload = prev_hash + json.dumps(body, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":"))
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    kind: str  # altered | inserted | removed | broken
    detail: str


def verify(entries: Iterable[Mapping[str, Any]], key: bytes) -> ChainProblem | None:
    """Walk entries in ``seq`` order; return the first problem, or None when intact."""
    expected_prev = GENESIS
    expected_seq = 1
    for entry in entries:
        seq = entry["seq"]
        if seq > expected_seq:
            return ChainProblem(expected_seq, "removed",
                                f"entries {expected_seq}..{seq - 1} are missing")
        if seq < expected_seq:
            return ChainProblem(seq, "inserted", "sequence number repeats or goes back")
        if entry["prev_hash"] != expected_prev:
            return ChainProblem(seq, "inserted" if entry_hash(entry["prev_hash"], entry, key)
                                == entry["hash"] else "broken",
                                "does not link to the entry before it")
        if entry_hash(entry["prev_hash"], entry, key) != entry["hash"]:
            return ChainProblem(seq, "altered", "content does not match its hash")
        expected_prev = entry["hash"]
        expected_seq = seq + 1
    return None
