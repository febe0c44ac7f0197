# ruff: noqa: RUF001, RUF003  (Cyrillic letters on purpose)
"""Names and dates of birth in a form that survives the usual differences between sources.

Case, accents and spacing are ignored; Cyrillic is transliterated to Latin; then spellings that
differ only by transliteration convention (``Yulia`` / ``Julija`` / ``Iuliia``, ``Shevchenko`` /
``Szewczenko``) are folded together. Token order is not kept (first and last names swapped), and
the tokens are also given sorted, for an exact key.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

#: Russian, Ukrainian and Bulgarian letters, one common (passport-like) spelling each; the
#: folding below makes the other conventions equal to it.
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ye", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "a", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya", "ў": "u", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz",
    "ђ": "dj", "ѓ": "g", "ќ": "k", "ѕ": "dz",
}

#: Latin letters that Unicode does not decompose into a base letter and an accent.
LATIN_EXTRA = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
               "þ": "th", "ı": "i", "ŀ": "l"}

#: Spellings of one sound by different transliteration conventions, longest first.
FOLDS = (
    ("shch", "s"), ("szcz", "s"), ("sch", "s"), ("tsch", "c"), ("kh", "h"), ("zh", "z"),
    ("ts", "c"), ("tz", "c"), ("ch", "c"), ("cz", "c"), ("sz", "s"), ("sh", "s"), ("ph", "f"),
    ("ck", "k"), ("w", "v"), ("y", "i"), ("j", "i"), ("x", "ks"), ("q", "k"),
    # Ukrainian г is h in passports, g elsewhere (Hanna / Ganna, Heorhiy / Georgiy)
    ("h", "g"),
)
_FOLD_RE = re.compile("|".join(re.escape(a) for a, _b in FOLDS))
_FOLD_MAP = dict(FOLDS)
_DOUBLE_RE = re.compile(r"(.)\1+")
_NOT_LETTER = re.compile(r"[^a-z]+")


def to_latin(text: str) -> str:
    """Lower case, Cyrillic transliterated, accents removed; other scripts are dropped."""
    text = unicodedata.normalize("NFKC", text).casefold()
    out = []
    for ch in text:
        if ch in CYRILLIC:
            out.append(CYRILLIC[ch])
        elif ch in LATIN_EXTRA:
            out.append(LATIN_EXTRA[ch])
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(token: str) -> str:
    """Transliteration variants folded together, doubled letters made single."""
    token = _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group(0)], token)
    return _DOUBLE_RE.sub(r"\1", token)


def name_tokens(name: str) -> tuple[str, ...]:
    """The folded tokens of a full name, in their original order (empty ones left out)."""
    out: list[str] = []
    for part in (name or "").split():
        out.extend(_word_tokens(part))
    return tuple(out)


@lru_cache(maxsize=100_000)
def _word_tokens(word: str) -> tuple[str, ...]:
    """The folded tokens of one space-separated word (``Müller-Łukasz,`` gives two); cached,
    because the same words come back in many registrations."""
    return tuple(t for t in (fold(p) for p in _NOT_LETTER.split(to_latin(word))) if t)


def sorted_name(name: str) -> str:
    """The tokens sorted and joined: the same for ``Anna Kowalska`` and ``KOWALSKA, Anna``."""
    return " ".join(sorted(name_tokens(name)))


def dob_tokens(dob: date | None) -> tuple[tuple[str, int], ...]:
    """The date of birth as weighted tokens, each surviving a different error: the year (heavy),
    two pairs of years (a year off by one keeps one of them), day, month, day with month (a
    wrong year keeps it), day and month unordered and each of their values (a day/month swap
    keeps those). None when the date is unknown. A namesake born in another year on the same
    day shares at most half the weight; a day/month swap or a wrong day keeps about two thirds.
    """
    if dob is None:
        return ()
    low, high = sorted((dob.day, dob.month))
    y = dob.year
    return ((f"y{y}", 3), (f"p{y // 2}", 1), (f"q{(y + 1) // 2}", 1), (f"d{dob.day}", 1),
            (f"m{dob.month}", 1), (f"md{dob.month}-{dob.day}", 1), (f"u{low}-{high}", 1),
            (f"v{low}", 1), (f"w{high}" if high != low else f"v{low}+", 1))
