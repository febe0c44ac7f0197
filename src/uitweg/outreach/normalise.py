"""Canonical forms of handles and phone numbers (pure: no Django, no database).

Every written form of one handle or number gives one canonical string, so its blind index
(:func:`uitweg.crypto.index.identifier_digest`) is one digest:

- handles: ``@Name``, ``name ``, ``NAME`` and ``https://www.site.example/name/`` → ``name``;
- phones: ``+31 6 1234 5678``, ``0031612345678``, ``06-12345678`` → ``+31612345678``.

A value that cannot be a handle or a phone number raises :class:`InvalidIdentifier` with a
stable ``code``; the caller translates it (:data:`REASONS` in ``services``).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

MAX_HANDLE = 100

# reason codes
EMPTY = "empty"
HANDLE_TOO_LONG = "handle_too_long"
HANDLE_SPACES = "handle_spaces"
PHONE_CHARACTERS = "phone_characters"
PHONE_TOO_SHORT = "phone_too_short"
PHONE_TOO_LONG = "phone_too_long"
PHONE_DUTCH_LENGTH = "phone_dutch_length"
PHONE_COUNTRY = "phone_country"


class InvalidIdentifier(ValueError):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


_URL_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)|^[a-z0-9-]+(?:\.[a-z0-9-]+)+/",
                     re.IGNORECASE)
#: path segments that name a section, not a person (``/profile/name``, ``/u/name``)
_SECTION_WORDS = {"profile", "profiles", "profiel", "profielen", "user", "users", "gebruiker",
                  "u", "p", "model", "models", "escort", "escorts", "member", "members", "lid",
                  "ad", "ads", "advert", "advertentie", "people", "nl", "en"}


def _from_url(text: str) -> str:
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    segments = [s for s in parts.path.split("/") if s]
    while len(segments) > 1 and segments[0].casefold() in _SECTION_WORDS:
        segments.pop(0)
    return segments[0] if segments else ""


def canonical_handle(value: str) -> str:
    """``@Name``, `` name``, a profile URL → ``name`` (NFKC, case-folded, no ``@``)."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if _URL_RE.match(text):
        text = _from_url(text)
    text = text.strip().lstrip("@").strip()
    if not text:
        raise InvalidIdentifier(EMPTY)
    if any(ch.isspace() for ch in text):
        raise InvalidIdentifier(HANDLE_SPACES)
    if len(text) > MAX_HANDLE:
        raise InvalidIdentifier(HANDLE_TOO_LONG)
    return text.casefold()


_PHONE_CHARS = re.compile(r"^\+?[\d\s().\-/]+$")


def canonical_phone(value: str) -> str:
    """E.164 (``+31612345678``); Dutch numbers without a country code get ``+31``.

    Refuses letters, fewer than 8 or more than 15 digits (E.164), a Dutch number without
    exactly 9 digits after the country code, and a country code starting with 0."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if not text:
        raise InvalidIdentifier(EMPTY)
    if not _PHONE_CHARS.match(text):
        raise InvalidIdentifier(PHONE_CHARACTERS)
    plus = text.startswith("+")
    digits = re.sub(r"\D", "", text)
    if not plus and digits.startswith("00"):
        digits, plus = digits[2:], True
    if plus and digits.startswith("31") and digits[2:3] == "0":
        digits = "31" + digits[3:]  # +31 (0)6 …: the trunk zero written after the code
    if not plus:
        if not digits.startswith("0"):
            raise InvalidIdentifier(PHONE_DUTCH_LENGTH if len(digits) == 9 else PHONE_COUNTRY)
        digits = "31" + digits[1:]
    if digits.startswith("0"):
        raise InvalidIdentifier(PHONE_COUNTRY)
    if len(digits) < 8:
        raise InvalidIdentifier(PHONE_TOO_SHORT)
    if len(digits) > 15:
        raise InvalidIdentifier(PHONE_TOO_LONG)
    if digits.startswith("31") and len(digits) != 11:
        raise InvalidIdentifier(PHONE_DUTCH_LENGTH)
    return "+" + digits


def mask(value: str, *, keep: int = 2) -> str:
    """``06-…45`` for a phone, ``li…a`` for a handle: enough to recognise, not to contact."""
    if not value:
        return ""
    if value.startswith("+31") and len(value) == 12:
        return f"0{value[3]}-…{value[-keep:]}"
    if value.startswith("+"):
        return f"{value[:3]}…{value[-keep:]}"
    if len(value) <= 3:
        return value[0] + "…"
    return f"{value[:2]}…{value[-1]}"
