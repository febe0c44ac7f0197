"""Country and language names in the interface language, from Babel's CLDR data (maintained by
the Unicode consortium; Babel 2.19). Staff choose names; the database keeps ISO codes
(ISO 3166-1 alpha-2 countries, ISO 639-1 languages) for statistics and exports."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from django.utils.translation import get_language

#: CLDR pseudo-territories and groupings that are not a nationality
_NOT_COUNTRIES = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"}


def _locale(language: str | None) -> Locale:
    code = (language or get_language() or "nl").split("-")[0]
    try:
        return Locale.parse(code)
    except (ValueError, LookupError):
        return Locale.parse("nl")


@lru_cache(maxsize=16)
def _countries(code: str) -> tuple[tuple[str, str], ...]:
    names = _locale(code).territories
    found = [(key, name) for key, name in names.items()
             if len(key) == 2 and key.isalpha() and key not in _NOT_COUNTRIES]
    found.append(("XK", names.get("XK", "Kosovo")))  # Kosovo: a user-assigned code in use
    return tuple(sorted(found, key=lambda item: item[1].casefold()))


@lru_cache(maxsize=16)
def _languages(code: str) -> tuple[tuple[str, str], ...]:
    names = _locale(code).languages
    found = [(key, name) for key, name in names.items() if len(key) == 2 and key.isalpha()]
    return tuple(sorted(found, key=lambda item: item[1].casefold()))


def countries(language: str | None = None) -> list[tuple[str, str]]:
    """(ISO code, name) of every country, sorted by name in ``language`` (default: current)."""
    return list(_countries(_locale(language).language))


def languages(language: str | None = None) -> list[tuple[str, str]]:
    return list(_languages(_locale(language).language))


def country_name(code: str, language: str | None = None) -> str:
    code = (code or "").upper()
    return dict(_countries(_locale(language).language)).get(code, code)


def language_name(code: str, language: str | None = None) -> str:
    code = (code or "").lower()
    return dict(_languages(_locale(language).language)).get(code, code)
