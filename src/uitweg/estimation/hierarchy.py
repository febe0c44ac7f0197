"""Enumerating hierarchical log-linear models.

A hierarchical model here always contains the intercept and every main effect; an interaction of
order ``k`` may only be present when all its sub-interactions of order ``k - 1`` are. A model is
represented by the tuple of its interaction terms (bit masks), ordered by order and then mask.
With interactions up to order 2 these are the graphs on the lists: ``2**(m*(m-1)/2)`` models.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from itertools import combinations

from . import lattice

MAX_MODELS = 50_000


class TooManyModels(ValueError):
    """The model space is too large to search exhaustively."""


def _terms_of_order(m: int, k: int) -> list[int]:
    return [sum(1 << i for i in combo) for combo in combinations(range(m), k)]


def _eligible(m: int, k: int, present: frozenset[int]) -> list[int]:
    if k == 2:
        return _terms_of_order(m, 2)
    return [
        t
        for t in _terms_of_order(m, k)
        if all((t & ~(1 << i)) in present for i in lattice.term_lists(t, m))
    ]


def _walk(
    m: int, k: int, max_order: int, present: frozenset[int], chosen: tuple[int, ...]
) -> Iterator[tuple[int, ...]]:
    if k > max_order:
        yield chosen
        return
    eligible = _eligible(m, k, present)
    n = len(eligible)
    for bits in range(1 << n):
        subset = tuple(eligible[j] for j in range(n) if bits >> j & 1)
        if not subset:
            # no term of order k means none of higher order either
            yield chosen
            continue
        yield from _walk(m, k + 1, max_order, present | frozenset(subset), chosen + subset)


def count_models(m: int, max_order: int, limit: int = MAX_MODELS) -> int:
    """Number of hierarchical models, or ``limit + 1`` as soon as it exceeds ``limit``."""
    if max_order <= 1:
        return 1
    n_pairs = m * (m - 1) // 2
    if n_pairs > 40 or (1 << n_pairs) > limit:
        return limit + 1
    total = 0
    for _ in _walk(m, 2, max_order, frozenset(), ()):
        total += 1
        if total > limit:
            return total
    return total


def hierarchical_models(m: int, max_order: int, limit: int = MAX_MODELS) -> list[tuple[int, ...]]:
    """All hierarchical models with interactions up to ``max_order`` lists (main effects first)."""
    return list(_hierarchical_models(m, max_order, limit))


@lru_cache(maxsize=16)
def _hierarchical_models(m: int, max_order: int, limit: int) -> tuple[tuple[int, ...], ...]:
    if max_order < 1:
        raise ValueError("the maximum order must be at least 1")
    if max_order > m - 1:
        raise ValueError(f"with {m} lists the maximum order is at most {m - 1}")
    n = count_models(m, max_order, limit)
    if n > limit:
        raise TooManyModels(
            f"BIC selection would have to fit more than {limit:,} models with {m} lists up to "
            f"order {max_order}; use the stepwise method, a lower order, or merge lists"
        )
    if max_order == 1:
        return ((),)
    return tuple(_walk(m, 2, max_order, frozenset(), ()))
