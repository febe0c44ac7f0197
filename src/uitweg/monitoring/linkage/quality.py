"""Precision and recall of a linkage against the known truth (pairs of registrations)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Quality:
    true_pairs: int
    found_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.found_pairs if self.found_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


def _pairs(counts: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def pairwise(cluster: Sequence[int], truth: Sequence[int]) -> Quality:
    """Pairs of registrations put together by the linkage (found), really one person (true),
    and both (correct)."""
    if len(cluster) != len(truth):
        raise ValueError("one cluster and one true identity per registration")
    return Quality(_pairs(Counter(truth)), _pairs(Counter(cluster)),
                   _pairs(Counter(zip(cluster, truth, strict=True))))
