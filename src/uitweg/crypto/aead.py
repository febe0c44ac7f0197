"""AES-256-GCM encryption of field values, each ciphertext tagged with its key id.

Format: ``v1:<key id>:<base64(nonce || ciphertext+tag)>``. The associated data binds a ciphertext
to its column (``app_label.model.field``), so a value cannot be moved to another column unnoticed.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from uitweg.crypto.keys import keyring

PREFIX = "v1"
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A stored value could not be decrypted (unknown key id, altered data, wrong column)."""


def encrypt(plaintext: str, *, context: str) -> str:
    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.keys[ring.current_id]).encrypt(
        nonce, plaintext.encode("utf-8"), context.encode()
    )
    return f"{PREFIX}:{ring.current_id}:{base64.b64encode(nonce + sealed).decode()}"


def key_id_of(token: str) -> str | None:
    parts = token.split(":", 2)
    return parts[1] if len(parts) == 3 and parts[0] == PREFIX else None


def decrypt(token: str, *, context: str) -> str:
    parts = token.split(":", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        raise DecryptionError("not an encrypted value")
    key = keyring().keys.get(parts[1])
    if key is None:
        raise DecryptionError(f"unknown key id {parts[1]!r}")
    try:
        raw = base64.b64decode(parts[2], validate=True)
        plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode())
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError("value altered or bound to another column") from exc
    return plain.decode("utf-8")
