"""Keyed Bloom-filter encodings (CLKs) of name and date of birth, and blocking keys.

Cryptographic long-term keys (CLKs, Schnell, Bachteler & Reiher 2009), one for the name and one
for the date of birth (field-level Bloom filters, so a missing date can be told from a different
one): the padded bigrams of every folded name token and the date-of-birth tokens are each hashed
with a keyed HMAC-SHA256 into several positions of a ``BITS``-bit field. Positions come straight
from the HMAC output (16 bits at a time), not from double hashing, whose structure is known to
help attacks (Niedermeyer et al. 2014). Without the key the positions of a bigram cannot be
computed, so a dictionary of names cannot be encoded and compared.

Blocking keys are keyed too (BLAKE2b with a key derived from the same key), so neither the CLK
nor the blocking keys contain a name or a date. Both exist only in memory during one run.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .normalise import dob_tokens, name_tokens

BITS = 1024
#: Positions per name bigram.
NAME_HASHES = 12
#: Positions per unit of weight of a date token (:func:`.normalise.dob_tokens`).
DOB_HASHES = 6
DOMAIN = b"uitweg-linkage-clk-v1"


def derive_key(blind_index_key: bytes, purpose: str) -> bytes:
    """A key for one purpose derived from the blind-index key (which never leaves the process)."""
    return hmac.new(blind_index_key, DOMAIN + b"|" + purpose.encode(), hashlib.sha256).digest()


@dataclass(frozen=True)
class Registration:
    """One registration of a person by one source, as read from the platform (in memory only).

    ``exact`` are blind-index digests that identify a person exactly (identity document; name
    with date of birth); ``key`` is the record's reference inside the run (never shown).
    """

    key: object
    source: str
    name: str
    dob: date | None = None
    exact: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Encoded:
    """A registration without its identity: CLK, its bit count, blocking and exact keys."""

    key: object
    source: str
    name: int  # CLK of the name bigrams
    name_ones: int
    dob: int  # CLK of the date-of-birth tokens (0 when unknown)
    dob_ones: int
    blocks: tuple[bytes, ...]  # compared with every registration sharing one
    name_blocks: tuple[bytes, ...]  # compared only when one of the two has no date of birth
    exact: tuple[str, ...]


def bigrams(token: str) -> list[str]:
    padded = f"_{token}_"
    return [padded[i:i + 2] for i in range(len(padded) - 1)]


class Encoder:
    """Encodes registrations with one key; caches the bit mask of every token it has seen."""

    def __init__(self, key: bytes, *, bits: int = BITS) -> None:
        if bits & (bits - 1) or not 64 <= bits <= 65536:
            raise ValueError("bits must be a power of two between 64 and 65536")
        self.bits = bits
        self._clk_key = derive_key(key, "clk")
        self._block_key = derive_key(key, "block")[:32]
        self._mask = lru_cache(maxsize=200_000)(self._token_mask)
        self.block = lru_cache(maxsize=500_000)(self._block)

    def _token_mask(self, field: str, token: str, k: int) -> int:
        mask = 0
        counter = 0
        need = k
        while need > 0:
            digest = hmac.new(self._clk_key, f"{field}\x1f{token}\x1f{counter}".encode(),
                              hashlib.sha256).digest()
            for i in range(0, min(need, 16) * 2, 2):
                mask |= 1 << (int.from_bytes(digest[i:i + 2], "big") % self.bits)
            need -= 16
            counter += 1
        return mask

    def name_clk(self, tokens: Sequence[str]) -> int:
        mask = 0
        for token in tokens:
            for gram in bigrams(token):
                mask |= self._mask("n", gram, NAME_HASHES)
        return mask

    def dob_clk(self, dob: date | None) -> int:
        mask = 0
        for token, weight in dob_tokens(dob):
            mask |= self._mask("d", token, weight * DOB_HASHES)
        return mask

    def _block(self, text: str) -> bytes:
        return hashlib.blake2b(text.encode(), key=self._block_key, digest_size=8).digest()

    def encode(self, reg: Registration) -> Encoded:
        tokens = name_tokens(reg.name)
        name, dob = self.name_clk(tokens), self.dob_clk(reg.dob)
        blocks, name_blocks = blocking_keys(tokens, reg.dob)
        return Encoded(reg.key, reg.source, name, name.bit_count(), dob, dob.bit_count(),
                       tuple(self.block(k) for k in blocks),
                       tuple(self.block(k) for k in name_blocks), tuple(reg.exact))

    def encode_all(self, registrations: Iterable[Registration]) -> list[Encoded]:
        return [self.encode(r) for r in registrations]


def blocking_keys(tokens: Sequence[str], dob: date | None) -> tuple[set[str], set[str]]:
    """Plain blocking keys (keyed before they are kept). Two registrations are compared when
    they share a key of the first set; each kind tolerates a different error:

    * the whole date of birth (day and month unordered): any error in the names;
    * one name token with the year of birth: an error in day or month, or in the other tokens;
    * one name token with day and month: a wrong year.

    The second set, one name token with the first two letters of another, is for registrations
    without a date of birth: a pair sharing only such a key is compared when one of the two has
    no date (otherwise the keys above have found it, or the dates disagree too much anyway).
    """
    keys: set[str] = set()
    unique = sorted(set(tokens))
    if dob is not None:
        low, high = sorted((dob.day, dob.month))
        keys.add(f"D|{dob.year}|{low}|{high}")
        for t in unique:
            keys.add(f"T|{t}|{dob.year}")
            keys.add(f"M|{t}|{dob.month}|{dob.day}")
    names = {f"P|{a}|{b[:2]}" for a in unique for b in unique if a != b}
    if len(unique) == 1:
        names.add(f"S|{unique[0]}")
    return keys, names


def dice(a: int, a_ones: int, b: int, b_ones: int) -> float:
    """Dice similarity of two bit fields: 2|A∩B| / (|A| + |B|)."""
    total = a_ones + b_ones
    return 2 * (a & b).bit_count() / total if total else 0.0
