"""Picklable "counts -> total estimate" functions that redo the model selection each time.

These are what the bootstrap runs on every resample (possibly in worker processes). A resample in
which nobody is on more than one list has an infinite estimate (``inf``: the lists give no sign of
overlap at all); any other resample without a finite, identifiable estimate gives ``nan``.
"""

from __future__ import annotations

import math

import numpy as np

from . import lattice
from .identifiability import is_estimable
from .model import fit_model, model_terms
from .selection import BICSelector, stepwise


def no_overlap(counts: np.ndarray, m: int) -> bool:
    """Nobody is on two or more lists."""
    return not np.any(np.asarray(counts)[lattice.popcounts(m) >= 2])


class StepwiseEstimator:
    """Stepwise selection on each table; ``start`` (main-effects coefficients of the original
    data) only speeds up the first fit."""

    def __init__(self, m: int, threshold: float = 0.02, start: dict[int, float] | None = None):
        self.m = m
        self.threshold = threshold
        self.start = start

    def __call__(self, counts: np.ndarray) -> float:
        if no_overlap(counts, self.m):
            return math.inf
        fit = stepwise(counts, self.m, self.threshold, start=self.start).fit
        return fit.total if fit.converged and math.isfinite(fit.total) else math.nan


class BICEstimator:
    def __init__(self, selector: BICSelector):
        self.selector = selector

    def __call__(self, counts: np.ndarray) -> float:
        return float(self.many(np.asarray(counts)[None, :])[0])

    def many(self, tables: np.ndarray) -> np.ndarray:
        """The estimate for every row of ``tables`` (searched together: much faster)."""
        tables = np.asarray(tables)
        out = np.full(len(tables), math.inf)
        overlap = np.any(tables[:, lattice.popcounts(self.selector.m) >= 2] > 0, axis=1)
        if overlap.any():
            out[overlap] = self.selector.best_many(tables[overlap])[1]
        return out


class FixedModelEstimator:
    """The same model on every resample (a model-conditional bootstrap)."""

    def __init__(self, m: int, interactions: tuple[int, ...]):
        self.m = m
        self.interactions = interactions

    def __call__(self, counts: np.ndarray) -> float:
        if no_overlap(counts, self.m):
            return math.inf
        if not is_estimable(counts, self.m, model_terms(self.m, self.interactions)):
            return math.nan
        fit = fit_model(counts, self.m, self.interactions)
        return fit.total if fit.converged else math.nan
