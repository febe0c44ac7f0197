"""The search plan of :mod:`.bootsearch`, made once on the original data.

A greedy set cover: the models whose fits, on the original data, would exclude every other
eligible model from the best-BIC search with a margin of ``slack`` BIC units (a model ``M``
inside a fitted ``F`` is excluded when ``size(M) log n - 2 loglik(F)`` exceeds the best BIC plus
the slack). On a resample these fits are made first; when the resample is close to the original
data they exclude almost everything else, but the search is exact whatever the plan.
"""

from __future__ import annotations

import heapq

import numpy as np

_REBUILD = 300  # stale candidates popped before all are recounted


def _popcount(x: np.ndarray) -> np.ndarray:
    x = x.astype(np.int64)
    out = np.zeros(x.shape, dtype=np.int64)
    while x.any():
        out += x & 1
        x = x >> 1
    return out


def _subset_sums(values: np.ndarray, T: int) -> np.ndarray:
    out = values.copy()
    lead = out.shape[:-1]
    for bit in range(T):
        view = out.reshape(*lead, -1, 2, 1 << bit)
        view[..., 1, :] += view[..., 0, :]
    return out


def plan_cover(
    bits: np.ndarray,
    size: np.ndarray,
    ll0: np.ndarray,
    eligible: np.ndarray,
    pen: float,
    best: float,
    slack: float,
    n_terms: int,
) -> np.ndarray:
    """Greedy set cover: models whose fits exclude every eligible model on the original data.

    Fitting ``F`` covers ``F`` itself and every eligible ``M`` inside ``F`` with
    ``size(M) log n - 2 loglik(F) > best + slack``; ``ll0`` is ``inf`` where ``F`` gives no
    bound. Returns model indices, in the order chosen.
    """
    n = len(bits)
    # M inside F is covered when size(M) exceeds kappa(F)
    kappa = (best + slack + 2.0 * ll0) / pen
    uncovered = np.asarray(eligible, dtype=bool).copy()
    cube = n == (1 << n_terms) and np.array_equal(np.sort(bits), np.arange(n))
    coverage = (
        _coverage_cube(bits, size, kappa, uncovered, n_terms)
        if cube
        else _coverage_pairs(bits, size, kappa, uncovered)
    )
    heap = [(-int(c), int(f)) for f, c in enumerate(coverage) if c > 0]
    heapq.heapify(heap)
    chosen: list[int] = []
    if cube:
        # models by their bit set; a candidate's subsets are enumerated directly
        model_at = np.empty(n, dtype=np.int64)
        model_at[bits] = np.arange(n)
        open_at = uncovered[model_at]
        size_at = size[model_at]
        remaining = int(open_at.sum())
        stale = 0
        while heap and remaining:
            if stale > _REBUILD:
                # many stale entries: recount every candidate at once
                coverage = _coverage_cube(bits, size, kappa, open_at[bits], n_terms)
                heap = [(-int(c), int(f)) for f, c in enumerate(coverage) if c > 0]
                heapq.heapify(heap)
                stale = 0
                continue
            _, f = heapq.heappop(heap)
            sub = _subsets(int(bits[f]))
            hit = open_at[sub] & ((size_at[sub] > kappa[f]) | (sub == bits[f]))
            count = int(hit.sum())
            stale += 1
            if not _chosen_now(heap, f, count):
                continue
            chosen.append(f)
            stale = 0
            open_at[sub[hit]] = False
            remaining -= count
        return np.array(chosen, dtype=np.int64)
    open_rows = np.nonzero(uncovered)[0]
    while heap and len(open_rows):
        _, f = heapq.heappop(heap)
        hit = ((bits[open_rows] & ~bits[f]) == 0) & (
            (size[open_rows] > kappa[f]) | (open_rows == f)
        )
        count = int(hit.sum())
        if not _chosen_now(heap, f, count):
            continue
        chosen.append(f)
        open_rows = open_rows[~hit]
    return np.array(chosen, dtype=np.int64)


def _chosen_now(heap: list[tuple[int, int]], f: int, count: int) -> bool:
    """Lazy greedy: ``f``, just popped, now covers ``count``; it is chosen unless another
    candidate may cover more, in which case it goes back on the heap with its new count."""
    if count == 0:
        return False
    if heap and count < -heap[0][0]:
        heapq.heappush(heap, (-count, f))
        return False
    return True


def _subsets(mask: int) -> np.ndarray:
    """All subsets of a bit mask, as integers."""
    places = np.array([j for j in range(mask.bit_length()) if mask >> j & 1], dtype=np.int64)
    pick = (np.arange(1 << len(places), dtype=np.int64)[:, None] >> np.arange(len(places))) & 1
    return pick @ (np.int64(1) << places)


def _coverage_cube(
    bits: np.ndarray, size: np.ndarray, kappa: np.ndarray, unc: np.ndarray, T: int
) -> np.ndarray:
    """Initial coverage of every model when the models are all subsets of ``T`` terms."""
    z = _popcount(bits)
    base = int((size - z)[0])  # intercept and main effects
    U = np.zeros((T + 2, 1 << T))
    U[z[unc], bits[unc]] = 1.0
    count = _subset_sums(U, T)
    at_least = np.cumsum(count[::-1], axis=0)[::-1]  # at_least[z0, F] = sum over z >= z0
    with np.errstate(invalid="ignore"):
        z0 = np.floor(np.where(np.isfinite(kappa), kappa - base, T + 1)) + 1
    z0 = np.clip(z0, 0, T + 1).astype(np.int64)
    out = at_least[z0, bits]
    # a model covers itself when fitted, even within the slack
    out += unc & (z < z0)
    return out


def _coverage_pairs(
    bits: np.ndarray, size: np.ndarray, kappa: np.ndarray, unc: np.ndarray
) -> np.ndarray:
    rows = np.nonzero(unc)[0]
    out = np.zeros(len(bits), dtype=np.int64)
    step = max(1, 4_000_000 // max(1, len(rows)))
    for lo in range(0, len(bits), step):
        f = np.arange(lo, min(len(bits), lo + step))
        inside = (bits[rows][None, :] & ~bits[f][:, None]) == 0
        hit = inside & ((size[rows][None, :] > kappa[f][:, None]) | (rows[None, :] == f[:, None]))
        out[f] = hit.sum(axis=1)
    return out
