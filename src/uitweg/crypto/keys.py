"""Key material for field encryption and blind indexes, read from settings (never SECRET_KEY)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class KeyRing:
    current_id: str
    keys: dict[str, bytes]


def _decode(value: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured(f"{what}: not valid base64") from exc
    if len(raw) != 32:
        raise ImproperlyConfigured(f"{what}: must be 32 bytes (256 bits), is {len(raw)}")
    return raw


def parse_keyring(spec: str) -> KeyRing:
    """Parse ``id:base64,id:base64``; the first key encrypts, all decrypt."""
    keys: dict[str, bytes] = {}
    order: list[str] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if ":" not in part:
            raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS: each key is `id:base64key`")
        key_id, value = part.split(":", 1)
        if not key_id.isalnum() or len(key_id) > 16:
            raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS: key ids are 1-16 letters/digits")
        if key_id in keys:
            raise ImproperlyConfigured(f"FIELD_ENCRYPTION_KEYS: key id {key_id} twice")
        keys[key_id] = _decode(value, f"FIELD_ENCRYPTION_KEYS[{key_id}]")
        order.append(key_id)
    if not order:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty")
    return KeyRing(order[0], keys)


@cache
def _keyring_for(spec: str) -> KeyRing:
    return parse_keyring(spec)


def keyring() -> KeyRing:
    return _keyring_for(settings.FIELD_ENCRYPTION_KEYS)


@cache
def _decoded(value: str, what: str) -> bytes:
    return _decode(value, what)


def blind_index_key() -> bytes:
    return _decoded(settings.BLIND_INDEX_KEY, "BLIND_INDEX_KEY")


def daily_client_key(today: date) -> bytes:
    """A key that changes every day, derived from ANONYMISATION_KEY; the raw key never leaves."""
    base = _decoded(settings.ANONYMISATION_KEY, "ANONYMISATION_KEY")
    return hmac.new(base, today.isoformat().encode(), hashlib.sha256).digest()


def new_key() -> str:
    """A fresh base64 256-bit key, for `make keys` and for rotation."""
    return base64.b64encode(secrets.token_bytes(32)).decode()


def audit_chain_key() -> bytes:
    return _decoded(settings.AUDIT_CHAIN_KEY, "AUDIT_CHAIN_KEY")
