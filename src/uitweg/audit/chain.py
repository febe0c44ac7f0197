"""Hash chain over access-log entries: pure functions, no database.

An entry is written unchained (no chain position, no hash) but carries a MAC of its own content,
so an entry added or changed in the database by someone without the key is not chained later.
The sequencer (:mod:`uitweg.audit.sequencer`) links committed entries: each chained entry's
``hash`` covers the previous entry's hash and its own content (ADR 0001, 0047).
"""

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
#: What an entry's own MAC covers: everything it says, not its insertion number (given by the
#: database when the row is inserted; the chain hash covers it).
MAC_FIELDS = tuple(name for name in CHAINED_FIELDS if name != "seq")


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def _body(fields: Mapping[str, Any], names: tuple[str, ...]) -> str:
    body = {name: _canonical(fields[name]) for name in names}
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def entry_hash(prev_hash: str, fields: Mapping[str, Any], key: bytes) -> str:
    """HMAC-SHA256 over the previous hash and the entry: without the key no one can forge a
    consistent chain, even with write access to the database."""
    payload = prev_hash + _body(fields, CHAINED_FIELDS)
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def entry_mac(fields: Mapping[str, Any], key: bytes) -> str:
    """HMAC-SHA256 of an entry on its own, written with it: the sequencer chains only entries
    whose MAC matches (a row inserted or changed by hand is never signed into the chain)."""
    payload = "entry:" + _body(fields, MAC_FIELDS)
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


def mac_matches(fields: Mapping[str, Any], key: bytes) -> bool:
    return hmac.compare_digest(fields.get("mac") or "", entry_mac(fields, key))


@dataclass(frozen=True)
class Link:
    """What the sequencer writes to one entry."""

    entry_id: int
    position: int
    prev_hash: str
    hash: str


def link(head: tuple[int, str], entries: Iterable[Mapping[str, Any]], key: bytes) -> list[Link]:
    """Chain ``entries`` (in this order) after ``head`` = (position, hash) of the last chained
    entry, ``(0, GENESIS)`` for an empty chain."""
    position, prev = head
    links = []
    for entry in entries:
        position += 1
        digest = entry_hash(prev, entry, key)
        links.append(Link(entry["id"], position, prev, digest))
        prev = digest
    return links


@dataclass(frozen=True)
class ChainProblem:
    position: int  # the chain position where the problem is
    kind: str  # altered | inserted | removed | broken
    detail: str

    @property
    def seq(self) -> int:  # before ADR 0047 the chain position was the entry's ``seq``
        return self.position


def _position(entry: Mapping[str, Any]) -> int:
    # Entries chained before ADR 0047 (and rows built without one) have position == seq.
    position = entry.get("chain_position")
    return entry["seq"] if position is None else position


def verify(entries: Iterable[Mapping[str, Any]], key: bytes) -> ChainProblem | None:
    """Walk chained entries in chain order; return the first problem, or None when intact."""
    expected_prev = GENESIS
    expected = 1
    for entry in entries:
        position = _position(entry)
        if position > expected:
            return ChainProblem(expected, "removed",
                                f"entries {expected}..{position - 1} are missing")
        if position < expected:
            return ChainProblem(position, "inserted", "chain position repeats or goes back")
        if entry["prev_hash"] != expected_prev:
            return ChainProblem(position, "inserted" if entry_hash(entry["prev_hash"], entry, key)
                                == entry["hash"] else "broken",
                                "does not link to the entry before it")
        if entry_hash(entry["prev_hash"], entry, key) != entry["hash"]:
            return ChainProblem(position, "altered", "content does not match its hash")
        expected_prev = entry["hash"]
        expected = position + 1
    return None
