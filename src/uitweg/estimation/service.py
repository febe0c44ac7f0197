"""Public entry point: estimate the hidden population from a capture-history table.

>>> from uitweg.estimation import read_csv, estimate_population
>>> result = estimate_population(read_csv("NewOrl.csv"), n_bootstrap=1000, seed=1)
>>> round(result.total)
1184

Everything else in the package is the machinery behind :func:`estimate_population` and
:func:`threshold_sweep`; other code (the command line, the report, later the platform) should
only need these two and :mod:`.table`.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from threadpoolctl import threadpool_limits

from . import lattice
from .bootstrap import DEFAULT_ALPHAS, BootstrapResult, ProgressCallback, bca_bootstrap
from .estimators import BICEstimator, StepwiseEstimator
from .hierarchy import hierarchical_models
from .identifiability import Check, check_model, is_estimable
from .model import (
    Interval,
    coefficients,
    fit_model,
    model_terms,
    profile_interval,
    wald_interval,
)
from .selection import BICSelector, NoEstimableModel, Selection, stepwise
from .table import CaptureTable, TableError, drop_uninformative_lists, validate_for_estimation

METHODS = ("stepwise", "bic")

# Fewer resamples cannot place a 95% BCa limit: its adjusted quantile would fall outside them.
MIN_BCA_RESAMPLES = 100


def default_top_models(m: int) -> int | None:
    """R's default model set for the BIC bootstrap (``ntopmodels = NULL`` in
    MultipleSystemsEstimation): all models for 2-3 lists, the best 20 for 4, the best 100 for
    5 or more; ``None`` means all."""
    if m <= 3:
        return None
    return 20 if m == 4 else 100


def resolve_top_models(m: int, top_models: int | str | None) -> int | None:
    """``"default"`` -> R's choice for ``m`` lists; ``"all"`` or ``None`` -> all; a number."""
    if top_models == "default":
        return default_top_models(m)
    if top_models is None or top_models == "all":
        return None
    if isinstance(top_models, bool) or not isinstance(top_models, int) or top_models < 1:
        raise SettingsError(
            f"the number of top models must be 'all' or at least 1, got {top_models!r}"
        )
    return top_models


@dataclass(frozen=True)
class ModelSet:
    """Which models the BIC bootstrap re-selected among on every resample."""

    requested: int | None  # None: all
    searched: int
    eligible: int
    is_default: bool

    def describe(self) -> str:
        default = " (R's default)" if self.is_default else ""
        if self.searched >= self.eligible:
            return f"all {self.eligible:,} models that pass the check on the original data{default}"
        return (
            f"the {self.searched:,} best by BIC on the original data, of {self.eligible:,} that "
            f"pass the check{default}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "top_models": "all" if self.requested is None else self.requested,
            "searched": self.searched,
            "eligible": self.eligible,
            "default": self.is_default,
            "description": self.describe(),
        }


class SettingsError(ValueError):
    """An option value that cannot be used (unknown method, threshold outside 0..1, ...)."""


SWEEP_THRESHOLDS = (0.0, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1)


@dataclass(frozen=True, eq=False)
class PopulationEstimate:
    """The outcome of :func:`estimate_population`."""

    table: CaptureTable
    method: str
    threshold: float | None
    max_order: int | None
    selection: Selection
    check: Check
    conditional: Interval
    wald: Interval
    bootstrap: BootstrapResult | None
    level: float
    model_set: ModelSet | None = None

    @property
    def observed(self) -> int:
        return self.table.observed

    @property
    def hidden(self) -> float:
        return self.selection.fit.hidden

    @property
    def total(self) -> float:
        return self.selection.fit.total

    @property
    def model(self) -> str:
        return self.selection.fit.describe(self.table.names)

    @property
    def notes(self) -> tuple[str, ...]:
        return self.table.notes

    @property
    def bca_total(self) -> tuple[float, float] | None:
        if self.bootstrap is None:
            return None
        return self.bootstrap.interval(self.level)

    @property
    def bca_hidden(self) -> tuple[float, float] | None:
        limits = self.bca_total
        if limits is None:
            return None
        return (limits[0] - self.observed, limits[1] - self.observed)

    @property
    def method_label(self) -> str:
        if self.method == "stepwise":
            return f"stepwise, threshold {self.threshold:g}"
        return f"BIC over hierarchical models up to order {self.max_order}"

    def to_dict(self) -> dict[str, Any]:
        names = self.table.names
        fit = self.selection.fit
        out: dict[str, Any] = {
            "source": self.table.source,
            "lists": list(names),
            "list_totals": self.table.list_totals,
            "observed": self.observed,
            "method": self.method,
            "threshold": self.threshold,
            "max_order": self.max_order,
            "model": {
                "description": self.model,
                "interactions": [lattice.term_name(t, names) for t in fit.interactions],
                "minus_infinity": [lattice.term_name(t, names) for t in fit.neg_inf],
                "bic": _num(fit.bic),
                "deviance": _num(fit.deviance),
            },
            "steps": [
                {
                    "term": lattice.term_name(s.term, names),
                    "p_value": s.p_value,
                    "observed_overlap": s.observed,
                    "expected_overlap": s.expected,
                }
                for s in self.selection.steps
            ],
            "hidden": self.hidden,
            "total": self.total,
            "level": self.level,
            "conditional_interval": _interval_dict(self.conditional),
            "wald_interval": _interval_dict(self.wald),
            "bootstrap": None,
            "check": {
                "exists": self.check.exists,
                "identifiable": self.check.identifiable,
                "message": self.check.message,
            },
            "notes": list(self.notes),
        }
        if self.bootstrap is not None:
            b = self.bootstrap
            lo, hi = self.bca_total  # type: ignore[misc]
            out["bootstrap"] = {
                "method": "BCa, model selection repeated on every resample",
                "resamples": len(b.estimates),
                "seed": b.seed,
                "failed_resamples": b.n_failed,
                "infinite_resamples": b.n_infinite,
                "acceleration": b.acceleration,
                "bias_correction": b.bias_correction,
                "total": [_num(lo), _num(hi)],
                "hidden": [_num(lo - self.observed), _num(hi - self.observed)],
                "limits": {f"{a:g}": _num(v) for a, v in zip(b.alphas, b.limits, strict=True)},
                "model_set": None if self.model_set is None else self.model_set.to_dict(),
                "stability": {s.side: s.to_dict() for s in b.stability(self.level)},
            }
        return out


def _num(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


def _interval_dict(interval: Interval) -> dict[str, Any]:
    return {
        "method": interval.method,
        "level": interval.level,
        "total": [_num(interval.total_low), _num(interval.total_high)],
        "hidden": [_num(interval.hidden_low), _num(interval.hidden_high)],
    }


def percent(level: float, decimal: str = ".") -> str:
    """A confidence level as a percentage with the digits it needs: 95%, 99.9%, 99.95%."""
    text = f"{round(level * 100, 8):.8g}"
    return text.replace(".", decimal) + "%"


def new_seed() -> int:
    """A random seed small enough to type back in."""
    return secrets.randbelow(1_000_000)


def prepare_table(table: CaptureTable, *, drop_uninformative: bool = True) -> CaptureTable:
    """Drop lists without information (with notes) and refuse tables that cannot be estimated."""
    validate_for_estimation(table)
    if drop_uninformative:
        reduced = drop_uninformative_lists(table)
        if reduced.m < 2:
            reasons = "; ".join(reduced.notes[len(table.notes) :])
            raise TableError(
                "fewer than two lists remain after leaving out lists that carry no information "
                f"({reasons})"
            )
        table = reduced
        validate_for_estimation(table)
    return table


def estimate_population(
    table: CaptureTable,
    *,
    method: str = "stepwise",
    threshold: float = 0.02,
    max_order: int | None = None,
    top_models: int | str | None = "default",
    n_bootstrap: int = 1000,
    seed: int | None = None,
    level: float = 0.95,
    jobs: int | None = None,
    progress: ProgressCallback | None = None,
    drop_uninformative: bool = True,
    alphas: Sequence[float] = DEFAULT_ALPHAS,
) -> PopulationEstimate:
    """Select a model, estimate the population and compute intervals.

    ``method`` is ``"stepwise"`` (Chan, Silverman & Vincent 2021; uses ``threshold``) or
    ``"bic"`` (Silverman, Chan & Vincent 2024; uses ``max_order``, by default 2 or the number of
    lists - 1 if smaller, and ``top_models``: on every resample the model is re-selected among the
    best ``top_models`` models on the original data, ``"all"`` for every model, ``"default"`` for
    R's choice, see :func:`default_top_models`). With ``n_bootstrap > 0`` (at least
    ``MIN_BCA_RESAMPLES``) a BCa interval is added that repeats the model selection on every
    resample; ``seed`` makes it reproducible (a random seed is drawn and recorded when it is
    ``None``). Raises
    :class:`~.table.TableError` for unusable tables, :class:`SettingsError` for bad settings,
    :class:`~.hierarchy.TooManyModels` for a BIC search that is too large and
    :class:`~.selection.NoEstimableModel` when no model has a finite estimate.
    """
    if method not in METHODS:
        raise SettingsError(f"unknown method {method!r}; choose stepwise or bic")
    if not 0 <= threshold <= 1:
        raise SettingsError(f"the threshold must be between 0 and 1, got {threshold:g}")
    if n_bootstrap < 0:
        raise SettingsError("the number of bootstrap resamples cannot be negative")
    if 0 < n_bootstrap < MIN_BCA_RESAMPLES:
        raise SettingsError(
            f"a BCa interval needs at least {MIN_BCA_RESAMPLES} bootstrap resamples, got "
            f"{n_bootstrap} (1,000 is usual; 0 skips the bootstrap)"
        )
    if not 0 < level < 1:
        raise SettingsError(f"the level must be between 0 and 1, got {level:g}")
    table = prepare_table(table, drop_uninformative=drop_uninformative)
    if max_order is None:
        max_order = min(2, table.m - 1)
    resolved = resolve_top_models(table.m, top_models)
    is_default = top_models == "default"
    with threadpool_limits(limits=1, user_api="blas"):
        return _estimate(
            table,
            method,
            threshold,
            max_order,
            (resolved, is_default),
            n_bootstrap,
            seed,
            level,
            jobs,
            progress,
            alphas,
        )


def _estimate(
    table: CaptureTable,
    method: str,
    threshold: float,
    max_order: int,
    top: tuple[int | None, bool],
    n_bootstrap: int,
    seed: int | None,
    level: float,
    jobs: int | None,
    progress: ProgressCallback | None,
    alphas: Sequence[float],
) -> PopulationEstimate:
    m = table.m
    counts = table.counts
    model_set = None

    if method == "stepwise":
        selection = stepwise(counts, m, threshold)
        main_effects = coefficients(fit_model(counts, m, ()))
        estimator = StepwiseEstimator(m, threshold, start=main_effects)
        used_threshold, used_order = threshold, None
    else:
        if not 1 <= max_order <= m - 1:
            raise SettingsError(f"with {m} lists the maximum order must be between 1 and {m - 1}")
        hierarchical_models(m, max_order)  # raises TooManyModels early with a clear message
        selector = BICSelector(counts, m, max_order, top_models=top[0])
        selection = selector.select(counts)
        estimator = BICEstimator(selector)
        used_threshold, used_order = None, max_order
        if n_bootstrap > 0:
            model_set = ModelSet(top[0], len(selector.models), len(selector.ranking), top[1])

    fit = selection.fit
    check = check_model(counts, m, fit.interactions, table.names)
    if not (check.ok and fit.converged):
        raise NoEstimableModel(f"no finite estimate can be made: {check.message}")
    boot = None
    if n_bootstrap > 0:
        lo = round((1 - level) / 2, 10)
        all_alphas = tuple(sorted({*alphas, lo, round(1 - lo, 10)}))
        boot = bca_bootstrap(
            estimator,
            counts,
            fit.total,
            n_boot=n_bootstrap,
            seed=new_seed() if seed is None else seed,
            alphas=all_alphas,
            jobs=jobs,
            progress=progress,
        )
    return PopulationEstimate(
        table=table,
        method=method,
        threshold=used_threshold,
        max_order=used_order,
        selection=selection,
        check=check,
        conditional=profile_interval(fit, level),
        wald=wald_interval(fit, level),
        bootstrap=boot,
        level=level,
        model_set=model_set,
    )


def total_without_minus_infinity(result: PopulationEstimate) -> float | None:
    """The estimate if the never-overlapping pairs of the chosen model were left out of it.

    That is, treating those pairs as independent instead of mutually exclusive; ``None`` when the
    chosen model has no terms at minus infinity or the reduced model cannot be estimated.
    """
    fit = result.selection.fit
    if not fit.neg_inf:
        return None
    rest = [t for t in fit.interactions if t not in fit.neg_inf]
    counts, m = result.table.counts, result.table.m
    if not is_estimable(counts, m, model_terms(m, rest)):
        return None
    reduced = fit_model(counts, m, rest)
    return reduced.total if reduced.converged else None


@dataclass(frozen=True)
class SweepPoint:
    threshold: float
    model: str
    total: float
    interval: Interval


def threshold_sweep(
    table: CaptureTable,
    thresholds: Sequence[float] = SWEEP_THRESHOLDS,
    *,
    level: float = 0.95,
    drop_uninformative: bool = True,
) -> list[SweepPoint]:
    """Stepwise estimate and model-conditional interval for a range of thresholds."""
    table = prepare_table(table, drop_uninformative=drop_uninformative)
    points = []
    for threshold in thresholds:
        fit = stepwise(table.counts, table.m, threshold).fit
        points.append(
            SweepPoint(
                threshold, fit.describe(table.names), fit.total, profile_interval(fit, level)
            )
        )
    return points
