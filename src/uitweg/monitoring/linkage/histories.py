"""From linked registrations to the capture-history table the estimation library takes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from uitweg.estimation.table import CaptureTable

from .link import Linkage


def table_from_masks(masks: Sequence[int], lists: Sequence[str], *,
                     source: str | None = None) -> CaptureTable:
    """The 2^k table of per-person list masks (bit i = on ``lists[i]``); empty masks ignored."""
    counts = np.zeros(1 << len(lists), dtype=np.int64)
    for mask, n in Counter(masks).items():
        if mask:
            counts[mask] += n
    return CaptureTable(tuple(lists), counts, source=source)


def capture_table(linkage: Linkage, lists: Sequence[str], *,
                  source: str | None = None) -> CaptureTable:
    """One person per cluster, on the lists of its registrations."""
    return table_from_masks(list(linkage.histories(lists).values()), lists, source=source)


def true_table(truth: Sequence[int], sources: Sequence[str], lists: Sequence[str], *,
               source: str | None = None) -> CaptureTable:
    """The table the linkage should find: one person per true identity (synthetic data)."""
    bit = {name: 1 << i for i, name in enumerate(lists)}
    masks: dict[int, int] = {}
    for person, src in zip(truth, sources, strict=True):
        masks[person] = masks.get(person, 0) | bit.get(src, 0)
    return table_from_masks(list(masks.values()), lists, source=source)
