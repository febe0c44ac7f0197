"""Reading one client frame of the chat socket: plain Python, no Django, never raises.

:func:`parse` turns the text of a websocket frame into a JSON object or a :class:`Refusal` with a
reason and, when it can be found, the client id of the message it carried — so the consumer can
answer ``{"type": "error", "reason": …, "id": …}`` and a protocol-following client drops that
frame from its outbox instead of resending it after every reconnect (ADR 0035).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

MAX_FRAME_CHARS = 16_000
#: A frame is a flat object; message bodies are strings. Anything deeper is not ours.
MAX_DEPTH = 4
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
#: Client ids of numbered system lines; no client may send one.
SYSTEM_ID_PREFIX = "sys-"
_ID_IN_TEXT = re.compile(r'"id"\s*:\s*"([A-Za-z0-9_-]{8,64})"')
_SURROGATE = re.compile("[\ud800-\udfff]")

#: Reasons after which a client must drop the message from its outbox: resending it can
#: never succeed. Every other refusal (``rate``, ``replay_limit``, …) is worth a retry.
POISON = frozenset({"bad_frame", "frame_too_big", "bad_id", "empty", "too_long", "id_reused",
                    "read_only", "ended"})


@dataclass(frozen=True)
class Refusal:
    reason: str
    id: str | None = None


def _id_from_text(text: str) -> str | None:
    match = _ID_IN_TEXT.search(text[:MAX_FRAME_CHARS])
    return match.group(1) if match else None


def _well_formed(value, depth: int = 0) -> bool:
    """No deeper than MAX_DEPTH and no lone surrogate (``"\\ud800"``) in any key or string:
    such a string cannot be stored, encrypted or sent back as UTF-8."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, str):
        return not _SURROGATE.search(value)
    if isinstance(value, dict):
        return all(_well_formed(k, depth + 1) and _well_formed(v, depth + 1)
                   for k, v in value.items())
    if isinstance(value, list):
        return all(_well_formed(v, depth + 1) for v in value)
    return True


def parse(text) -> dict | Refusal:
    """The frame as a dict with a string ``type``, or why it is refused."""
    if not isinstance(text, str):
        return Refusal("malformed")
    if len(text) > MAX_FRAME_CHARS:
        return Refusal("frame_too_big", _id_from_text(text))
    try:
        frame = json.loads(text)
    except RecursionError:  # "[[[[…" deeper than the interpreter's stack
        return Refusal("bad_frame", _id_from_text(text))
    except ValueError:
        return Refusal("malformed")
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        return Refusal("malformed")
    if not _well_formed(frame):
        client_id = frame.get("id")
        return Refusal("bad_frame", client_id if valid_id(client_id) else None)
    return frame


def valid_id(client_id) -> bool:
    return isinstance(client_id, str) and bool(CLIENT_ID.match(client_id))


def client_id_refusal(client_id) -> str:
    """``""`` for an id a client may use for a new message, else the reason."""
    if not valid_id(client_id) or client_id.startswith(SYSTEM_ID_PREFIX):
        return "bad_id"
    return ""


def last_seq(value) -> int:
    """A client's last number: a non-negative integer (not a bool), else 0."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return 0
    return value
