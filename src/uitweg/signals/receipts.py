"""Receipts of the public report form: one report per form, a thank-you page safe to reload.

Every rendering of the public form carries a fresh random token (the hidden ``submission``
field). The first POST with a token *claims* it in the cache (``cache.add`` is atomic in Redis
and in memory), files the report and *completes* the receipt: the reporter's code, encrypted with
a key derived from the token itself, kept for :data:`RECEIPT_TTL` seconds. Any further POST with
that token — a double tap, Back and Send again — files nothing and lands on the same thank-you
page, ``/report/sent/<token>/``, which shows the code again while the receipt lives and never
creates anything.

The cache holds neither the token nor the code in the clear: the entry is found by a hash of the
token and the code is sealed with a key only the token's holder (the reporter's browser tab)
can derive. When the receipt expires the thank-you page says so; the code is then gone for good,
as it always was. ADR 0028.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.core.cache import cache

#: How long the thank-you page can show the code again (a reload, a second tap).
RECEIPT_TTL = 30 * 60
#: A claim whose request died before completing is released after this long.
CLAIM_TTL = 120
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{32}$")
_PREFIX = "uitweg:signals:receipt:"


@dataclass(frozen=True)
class Receipt:
    content: str  # digest of what was sent with the token
    code: str | None  # None while the first request is still filing the report


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 192 bits, 32 URL-safe characters


def is_token(value: Any) -> bool:
    return isinstance(value, str) and bool(TOKEN_RE.match(value))


def cache_key(token: str) -> str:
    return _PREFIX + hashlib.sha256(f"receipt-id:{token}".encode()).hexdigest()


def content_digest(content: dict[str, Any]) -> str:
    """A digest of what was sent, to tell a repeated send from other text under the same token."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _key(token: str) -> bytes:
    return hashlib.sha256(f"receipt-key:{token}".encode()).digest()


def seal(token: str, code: str) -> str:
    nonce = os.urandom(12)
    return base64.b64encode(nonce + AESGCM(_key(token)).encrypt(nonce, code.encode(), None)
                            ).decode()


def unseal(token: str, sealed: str) -> str | None:
    try:
        raw = base64.b64decode(sealed, validate=True)
        return AESGCM(_key(token)).decrypt(raw[:12], raw[12:], None).decode()
    except (InvalidTag, ValueError):
        return None


def lookup(token: str) -> Receipt | None:
    if not is_token(token):
        return None
    entry = cache.get(cache_key(token))
    if not isinstance(entry, dict):
        return None
    sealed = entry.get("sealed")
    return Receipt(content=entry.get("content", ""),
                   code=unseal(token, sealed) if sealed else None)


def claim(token: str, *, content: str) -> Receipt | None:
    """Claim the token for filing a report: None when this caller may file, else the receipt."""
    if cache.add(cache_key(token), {"content": content}, timeout=CLAIM_TTL):
        return None
    return lookup(token) or Receipt(content=content, code=None)


def complete(token: str, *, content: str, code: str) -> None:
    cache.set(cache_key(token), {"content": content, "sealed": seal(token, code)},
              timeout=RECEIPT_TTL)


def release(token: str) -> None:
    """Give the token back after a refused report, so the same form can be sent again."""
    cache.delete(cache_key(token))


def wait_for_code(token: str, *, timeout: float = 5.0, step: float = 0.1) -> Receipt | None:
    """The receipt once its code is known (a second tap waits for the first to finish)."""
    deadline = time.monotonic() + timeout
    while True:
        receipt = lookup(token)
        if receipt is None or receipt.code is not None or time.monotonic() >= deadline:
            return receipt
        time.sleep(step)
