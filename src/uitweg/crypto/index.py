"""Blind indexes: a keyed HMAC-SHA256 of a normalised value, for exact-match search.

The key (``BLIND_INDEX_KEY``) is separate from the encryption keys, so the index does not help to
decrypt, and without the key it cannot be used to test guesses.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

from uitweg.crypto.keys import blind_index_key


def normalise_text(value: Any) -> str:
    """Case-, accent- and whitespace-insensitive form of a name or free text."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip().casefold()


def normalise_phone(value: Any) -> str:
    """Digits only, Dutch national prefix turned into +31, so 06-1234 5678 == +31612345678."""
    digits = re.sub(r"[^\d+]", "", str(value))
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("0"):
        digits = "+31" + digits[1:]
    return digits


def normalise_date(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def normalise_identifier(value: Any) -> str:
    """KvK numbers, licence plates, URLs: letters and digits only, case-insensitive."""
    return re.sub(r"[^0-9a-z]", "", normalise_text(value))


def blind_index(*values: Any, normalise: Callable[[Any], str] | None = None,
                domain: str = "") -> str:
    """HMAC of the normalised values; ``domain`` separates kinds (a phone never equals a KvK)."""
    norm = normalise or normalise_text
    message = domain + "\x1e" + "\x1f".join(
        normalise_date(v) if isinstance(v, date) else norm(v) for v in values
    )
    return hmac.new(blind_index_key(), message.encode("utf-8"), hashlib.sha256).hexdigest()


class IdentifierKind:
    """Kinds of identifier that link records across apps (signals ↔ cases) by blind index."""

    PHONE = "phone"
    ADDRESS = "address"
    KVK = "kvk"
    WEBSITE = "website"
    EMAIL = "email"
    VEHICLE = "vehicle"
    PERSON = "person"  # full name + date of birth
    DOCUMENT = "document"  # identity-document number
    HANDLE = "handle"  # a profile name on a site or app (outreach; canonical form first)

    ALL = (PHONE, ADDRESS, KVK, WEBSITE, EMAIL, VEHICLE, PERSON, DOCUMENT)


def normalise_website(value: Any) -> str:
    text = normalise_text(value)
    text = re.sub(r"^[a-z]+://", "", text)
    text = re.sub(r"^www\.", "", text)
    return text.rstrip("/")


_NORMALISERS: dict[str, Callable[[Any], str]] = {
    IdentifierKind.PHONE: normalise_phone,
    IdentifierKind.ADDRESS: normalise_identifier,
    IdentifierKind.KVK: normalise_identifier,
    IdentifierKind.WEBSITE: normalise_website,
    IdentifierKind.EMAIL: normalise_text,
    IdentifierKind.VEHICLE: normalise_identifier,
    IdentifierKind.PERSON: normalise_text,
    IdentifierKind.DOCUMENT: normalise_identifier,
    IdentifierKind.HANDLE: normalise_text,
}


def identifier_digest(kind: str, *values: Any) -> str:
    """The blind index of an identifier, the same in every app. PERSON takes (name, dob)."""
    if kind not in _NORMALISERS:
        raise ValueError(f"unknown identifier kind {kind!r}")
    return blind_index(*values, normalise=_NORMALISERS[kind], domain=kind)
