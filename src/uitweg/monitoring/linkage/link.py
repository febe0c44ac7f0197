"""Linking encoded registrations: exact links, blocking, Dice similarity, clustering.

1. **Exact**: registrations sharing a blind-index digest (identity document, or name with date of
   birth) are one person.
2. **Blocking**: only registrations that share a keyed blocking key
   (:func:`.encoding.blocking_keys`) and come from different sources are compared; blocks larger
   than ``max_block`` are skipped (and counted), so a common name cannot make the run quadratic.
3. **Similarity**: Dice of the name CLKs and of the date-of-birth CLKs, combined
   (:func:`score`); a pair where a date is missing must match on the name alone, more strictly.
4. **Clustering**: candidate pairs from the most to the least similar; two clusters are merged
   only if they have no source in common (a source registers a person once). This greedy
   solution, as in anonlink's multi-party solver, stops the chaining of single linkage
   (A~B, B~C, so A=C) from growing one cluster through a population of similar names. Then a
   registration without a date of birth joins the cluster whose name is the most similar, only
   if that is clearly better than the next person's (a namesake makes it ambiguous, and it
   stays on its own).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .encoding import Encoded, dice


@dataclass(frozen=True)
class Settings:
    #: weight of the name in the combined similarity when both dates are known
    name_weight: float = 0.5
    #: combined similarity at which two registrations with dates of birth are the same person
    threshold: float = 0.78
    #: and the least name similarity for that (a namesake born on the same day is no match)
    name_floor: float = 0.8
    #: name similarity needed when one of the two has no date of birth
    name_only_threshold: float = 0.95
    #: a registration without a date of birth is compared with names at least this similar,
    #: and is ambiguous (not linked) when a second person's name comes within ``margin`` of
    #: the best one
    ambiguous: float = 0.85
    margin: float = 0.08
    #: blocks with more registrations are not compared (counted in the result)
    max_block: int = 400


DEFAULT = Settings()


def score(a: Encoded, b: Encoded, settings: Settings = DEFAULT) -> float | None:
    """The similarity of two registrations, or ``None`` if one has no date of birth and the
    names alone are not similar enough (the caller then has no link)."""
    name = dice(a.name, a.name_ones, b.name, b.name_ones)
    if not (a.dob_ones and b.dob_ones):
        return name if name >= settings.ambiguous else None
    if name < settings.name_floor:
        return None
    w = settings.name_weight
    return w * name + (1 - w) * dice(a.dob, a.dob_ones, b.dob, b.dob_ones)


@dataclass
class Linkage:
    """Which registrations are one person: ``cluster[i]`` is the cluster of registration ``i``."""

    cluster: list[int]
    sources: list[str]  # the source of each registration
    exact_links: int = 0
    near_links: int = 0
    comparisons: int = 0
    skipped_blocks: int = 0
    refused_merges: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def persons(self) -> int:
        return len(set(self.cluster))

    def histories(self, lists: Sequence[str]) -> dict[int, int]:
        """Per cluster, the bit mask of the lists it was seen on (bit i = ``lists[i]``);
        registrations of a source not in ``lists`` are left out."""
        bit = {name: 1 << i for i, name in enumerate(lists)}
        out: dict[int, int] = defaultdict(int)
        for c, source in zip(self.cluster, self.sources, strict=True):
            if source in bit:
                out[c] |= bit[source]
        return dict(out)


class _Clusters:
    """Union-find over registrations that keeps each cluster's set of sources (a bit mask)."""

    def __init__(self, source_bits: list[int]) -> None:
        self.parent = list(range(len(source_bits)))
        self.size = [1] * len(source_bits)
        self.sources = list(source_bits)

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int, *, disjoint: bool) -> bool:
        """Merge the clusters of ``a`` and ``b``; with ``disjoint`` only if they share no source.
        Returns whether they are one cluster afterwards."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if disjoint and self.sources[ra] & self.sources[rb]:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        self.sources[ra] |= self.sources[rb]
        return True


def candidate_pairs(records: Sequence[Encoded], max_block: int) -> tuple[set[int], int]:
    """Pairs ``i * n + j`` (i < j, different sources) sharing a blocking key (a name-only key:
    one of the two without a date of birth); and the number of blocks skipped for being larger
    than ``max_block``."""
    n = len(records)
    blocks: dict[bytes, list[int]] = defaultdict(list)
    name_blocks: dict[bytes, list[int]] = defaultdict(list)
    for i, rec in enumerate(records):
        for key in rec.blocks:
            blocks[key].append(i)
        for key in rec.name_blocks:
            name_blocks[key].append(i)
    sources = [r.source for r in records]
    pairs: set[int] = set()
    skipped = 0
    for members in blocks.values():
        size = len(members)
        if size < 2:
            continue
        if size > max_block:
            skipped += 1
            continue
        for x in range(size):
            i = members[x]
            source = sources[i]
            base = i * n
            pairs.update(base + j for j in members[x + 1:] if sources[j] != source)
    for members in name_blocks.values():
        if len(members) < 2:
            continue
        undated = [i for i in members if not records[i].dob_ones]
        if not undated:
            continue
        if len(members) > max_block:
            skipped += 1
            continue
        for i in undated:
            source = sources[i]
            pairs.update(min(i, j) * n + max(i, j) for j in members
                         if sources[j] != source)
    return pairs, skipped


def link(records: Sequence[Encoded], settings: Settings = DEFAULT) -> Linkage:
    """Link the registrations; see the module documentation for the steps."""
    n = len(records)
    names = sorted({r.source for r in records})
    index = {name: i for i, name in enumerate(names)}
    clusters = _Clusters([1 << index[r.source] for r in records])

    exact_links = 0
    first_with: dict[str, int] = {}
    for i, rec in enumerate(records):
        for digest in rec.exact:
            j = first_with.setdefault(digest, i)
            if j != i and clusters.find(i) != clusters.find(j):
                clusters.union(i, j, disjoint=False)
                exact_links += 1

    pairs, skipped = candidate_pairs(records, settings.max_block)
    scored: list[tuple[float, int]] = []
    name_only: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for code in pairs:
        i, j = divmod(code, n)
        a, b = records[i], records[j]
        s = score(a, b, settings)
        if s is None:
            continue
        if a.dob_ones and b.dob_ones:
            if s >= settings.threshold:
                scored.append((s, code))
        else:
            # a registration without a date links only to an unambiguous partner (below)
            name_only[i if not a.dob_ones else j].append((j if not a.dob_ones else i, s))
    scored.sort(reverse=True)
    near = refused = 0
    for _s, code in scored:
        i, j = divmod(code, n)
        if clusters.find(i) == clusters.find(j):
            continue
        if clusters.union(i, j, disjoint=True):
            near += 1
        else:
            refused += 1
    for i in sorted(name_only, key=lambda i: len(name_only[i])):
        own = clusters.find(i)
        best: dict[int, float] = {}
        for j, s in name_only[i]:
            root = clusters.find(j)
            if root != own and s > best.get(root, 0.0):
                best[root] = s
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)
        if not ranked or ranked[0][1] < settings.name_only_threshold:
            continue
        if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - settings.margin:
            refused += 1
            continue
        partners = {ranked[0][0]}
        if clusters.union(i, partners.pop(), disjoint=True):
            near += 1
        else:
            refused += 1

    roots = [clusters.find(i) for i in range(n)]
    renumber: dict[int, int] = {}
    cluster = [renumber.setdefault(r, len(renumber)) for r in roots]
    notes = []
    if skipped:
        notes.append(f"{skipped} blocks with more than {settings.max_block} registrations were "
                     "not compared")
    return Linkage(cluster, [r.source for r in records], exact_links, near, len(pairs), skipped,
                   refused, notes)
