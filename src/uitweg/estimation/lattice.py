"""Capture histories and model terms as bit masks.

With ``m`` lists, a capture history is an integer whose bit ``i`` is set when the person is on
list ``i``. Cell 0 (seen on no list) is the hidden number that is being estimated; cells
``1 .. 2**m - 1`` are observable. A log-linear term is also a bit mask: 0 is the intercept,
``1 << i`` the main effect of list ``i``, and a mask with two bits a pairwise interaction.

A term ``t`` applies to a cell ``c`` when ``t`` is a subset of ``c`` (``t & c == t``), so the
design matrix, the sufficient statistics ("how many people are on all lists of ``t``") and the
fitted margins are all subset or superset sums over this lattice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import combinations

import numpy as np

MAX_LISTS = 14


def n_cells(m: int) -> int:
    """Number of cells including the unobservable cell 0."""
    return 1 << m


@lru_cache(maxsize=32)
def observable_cells(m: int) -> np.ndarray:
    """Masks of the observable capture histories, ``1 .. 2**m - 1``."""
    cells = np.arange(1, 1 << m, dtype=np.int64)
    cells.setflags(write=False)
    return cells


@lru_cache(maxsize=32)
def popcounts(m: int) -> np.ndarray:
    """Number of lists in each cell ``0 .. 2**m - 1``."""
    masks = np.arange(1 << m, dtype=np.int64)
    counts = np.zeros(1 << m, dtype=np.int64)
    for bit in range(m):
        counts += (masks >> bit) & 1
    counts.setflags(write=False)
    return counts


def order(mask: int) -> int:
    """Number of lists in a term or cell."""
    return int(mask).bit_count()


def superset_sums(values: np.ndarray, m: int) -> np.ndarray:
    """For every mask ``p``, the sum of ``values[c]`` over all cells ``c`` containing ``p``.

    ``values`` has ``2**m`` entries on its last axis; leading axes are batches.
    """
    out = np.array(values, dtype=float, copy=True)
    lead = out.shape[:-1]
    for bit in range(m):
        view = out.reshape(*lead, -1, 2, 1 << bit)
        view[..., 0, :] += view[..., 1, :]
    return out


def subset_sums(values: np.ndarray, m: int) -> np.ndarray:
    """For every cell ``c``, the sum of ``values[t]`` over all masks ``t`` contained in ``c``."""
    out = np.array(values, dtype=float, copy=True)
    lead = out.shape[:-1]
    for bit in range(m):
        view = out.reshape(*lead, -1, 2, 1 << bit)
        view[..., 1, :] += view[..., 0, :]
    return out


def design(cells: np.ndarray, terms: Sequence[int] | np.ndarray) -> np.ndarray:
    """0/1 design matrix: rows are cells, columns are terms, 1 where the term is in the cell."""
    t = np.asarray(terms, dtype=np.int64)
    c = np.asarray(cells, dtype=np.int64)
    return ((c[:, None] & t[None, :]) == t[None, :]).astype(float)


def cells_containing_any(m: int, terms: Iterable[int]) -> np.ndarray:
    """Boolean mask over cells ``0 .. 2**m - 1``: cell contains at least one of ``terms``."""
    masks = np.arange(1 << m, dtype=np.int64)
    hit = np.zeros(1 << m, dtype=bool)
    for t in terms:
        hit |= (masks & t) == t
    return hit


def main_effects(m: int) -> tuple[int, ...]:
    return tuple(1 << i for i in range(m))


def all_pairs(m: int) -> tuple[int, ...]:
    """Pairwise terms in the order (1,2), (1,3), ..., (1,m), (2,3), ... as in SparseMSE."""
    return tuple((1 << i) | (1 << j) for i, j in combinations(range(m), 2))


def term_lists(mask: int, m: int) -> tuple[int, ...]:
    """Indices of the lists in a mask."""
    return tuple(i for i in range(m) if mask >> i & 1)


def term_name(mask: int, names: Sequence[str]) -> str:
    """Human-readable name: ``"(intercept)"``, ``"A"`` or ``"A:B"``."""
    if mask == 0:
        return "(intercept)"
    return ":".join(names[i] for i in term_lists(mask, len(names)))


def cell_name(mask: int, names: Sequence[str]) -> str:
    """Capture history in words, e.g. ``"A+C"``; cell 0 is ``"none"``."""
    if mask == 0:
        return "none"
    return "+".join(names[i] for i in term_lists(mask, len(names)))


def parse_term(text: str, names: Sequence[str]) -> int:
    """Inverse of :func:`term_name` for interaction terms such as ``"A:B"``."""
    parts = [p.strip() for p in text.replace("*", ":").split(":") if p.strip()]
    mask = 0
    for part in parts:
        if part not in names:
            raise ValueError(f"unknown list {part!r} in term {text!r}")
        mask |= 1 << names.index(part)
    return mask
