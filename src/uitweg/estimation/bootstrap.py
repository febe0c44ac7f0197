"""BCa bootstrap intervals that repeat the whole model selection on every resample.

Follows Chan, Silverman & Vincent (2021, sec. 3.3) and SparseMSE ``estimatepopulation``:

* resamples are multinomial draws of the observed total over the observed capture histories;
* the acceleration comes from a delete-one jackknife, one estimate per non-empty capture
  history, weighted by its count;
* the limits are the BCa-adjusted quantiles (Hyndman & Fan type 8, as R's ``quantile(type=8)``)
  of the bootstrap estimates.

All resamples are drawn up front from one seeded generator, and each estimate depends only on its
own resample, so the result is the same whatever the number of worker processes.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

import numpy as np
from scipy import stats
from threadpoolctl import threadpool_limits

Estimator = Callable[[np.ndarray], float]
ProgressCallback = Callable[[int], None]

DEFAULT_ALPHAS = (0.025, 0.05, 0.1, 0.16, 0.84, 0.9, 0.95, 0.975)


@dataclass(frozen=True, eq=False)
class BootstrapResult:
    estimate: float
    estimates: np.ndarray
    jackknife: np.ndarray
    acceleration: float
    bias_correction: float
    alphas: tuple[float, ...]
    limits: tuple[float, ...]
    n_failed: int
    n_infinite: int
    seed: int

    levels: tuple[float, ...] = ()  # the BCa-adjusted quantile levels of ``limits``

    def limit(self, alpha: float) -> float:
        return self.limits[self.alphas.index(alpha)]

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        lo = round((1 - level) / 2, 10)
        return self.limit(lo), self.limit(round(1 - lo, 10))

    def stability(self, level: float = 0.95) -> tuple[LimitStability, ...]:
        """How firmly the two limits at ``level`` rest on the resamples (see
        :func:`limit_stability`); empty when the limits could not be computed."""
        if not self.levels:
            return ()
        lo = round((1 - level) / 2, 10)
        out = []
        for side, alpha in (("lower", lo), ("upper", round(1 - lo, 10))):
            q = self.levels[self.alphas.index(alpha)]
            if math.isfinite(q):
                out.append(limit_stability(self.estimates, q, side))
        return tuple(out)


# A limit with fewer resamples beyond it than this, or one that moves by more than this share
# when the number of resamples beyond it changes by its Monte Carlo error, is "fragile".
FRAGILE_TAIL = 10
FRAGILE_SPREAD = 0.25


@dataclass(frozen=True)
class LimitStability:
    """How much a BCa limit depends on the few most extreme resamples.

    ``beyond`` resamples lie beyond the limit (below a lower one, above an upper one). The number
    beyond a quantile varies between seeds by about ``sqrt(n p (1 - p))`` (binomial); ``low`` and
    ``high`` are the limit with two such standard deviations more or fewer resamples beyond it:
    a rough range for the same limit with another seed.
    """

    side: str
    limit: float
    beyond: int
    resamples: int
    low: float
    high: float

    @property
    def fragile(self) -> bool:
        if not math.isfinite(self.limit):
            return False
        if self.beyond < FRAGILE_TAIL:
            return True
        return self.high - self.low > FRAGILE_SPREAD * abs(self.limit)

    def describe(self) -> str:
        if self.beyond == 0:
            extreme = "lowest" if self.side == "lower" else "highest"
            nearby = self.high if self.side == "lower" else self.low
            return (
                f"the {self.side} limit is fragile: it is the {extreme} of the "
                f"{self.resamples:,} resamples, so another seed can move it a lot (the next "
                f"resamples reach about {nearby:,.0f})"
            )
        where = "below" if self.side == "lower" else "above"
        return (
            f"the {self.side} limit is fragile: only {self.beyond} of {self.resamples:,} "
            f"resamples lie {where} it, and with another seed it could be anywhere from about "
            f"{self.low:,.0f} to {self.high:,.0f}"
        )

    def to_dict(self) -> dict[str, object]:
        def num(x: float) -> float | None:
            return float(x) if math.isfinite(x) else None

        return {
            "limit": num(self.limit),
            "resamples_beyond": self.beyond,
            "seed_range": [num(self.low), num(self.high)],
            "fragile": self.fragile,
        }


def limit_stability(estimates: np.ndarray, q: float, side: str) -> LimitStability:
    """Stability of the type-8 quantile at level ``q`` of the usable bootstrap estimates."""
    values = np.asarray(estimates, dtype=float)
    values = np.sort(values[~np.isnan(values)])
    n = len(values)
    limit = float(quantile_type8(values, [q])[0])
    if side == "lower":
        beyond = int(np.sum(values < limit))
        p = q
    else:
        beyond = int(np.sum(values > limit))
        p = 1 - q
    shift = 2.0 * math.sqrt(max(n * p * (1 - p), 0.0)) + 1.0
    qs = np.clip([q - shift / n, q + shift / n], 0.0, 1.0)
    low, high = (float(v) for v in quantile_type8(values, qs))
    return LimitStability(side, limit, beyond, n, low, high)


def draw_resamples(counts: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
    """``n_boot`` multinomial resamples of the observed cells, shape ``(n_boot, 2**m)``."""
    counts = np.asarray(counts, dtype=np.int64)
    cells = np.nonzero(counts)[0]
    total = int(counts.sum())
    rng = np.random.default_rng(seed)
    draws = rng.multinomial(total, counts[cells] / total, size=n_boot)
    out = np.zeros((n_boot, len(counts)), dtype=np.int64)
    out[:, cells] = draws
    return out


def jackknife_counts(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One table per non-empty cell with one person removed from it; returns (cells, tables)."""
    counts = np.asarray(counts, dtype=np.int64)
    cells = np.nonzero(counts)[0]
    tables = np.repeat(counts[None, :], len(cells), axis=0)
    tables[np.arange(len(cells)), cells] -= 1
    return cells, tables


def acceleration(jack: np.ndarray, weights: np.ndarray) -> float:
    """BCa acceleration from delete-one estimates, each counted ``weights`` times."""
    weights = np.asarray(weights, dtype=float)
    mean = float(np.sum(weights * jack) / weights.sum())
    d = mean - jack
    denom = float(np.sum(weights * d**2))
    if not math.isfinite(denom) or denom <= 0:
        return 0.0
    return float(np.sum(weights * d**3) / (6.0 * denom**1.5))


def quantile_type8(x: np.ndarray, probs: Sequence[float] | np.ndarray) -> np.ndarray:
    """Median-unbiased sample quantiles, R's ``quantile(type = 8)``; ``+inf`` values allowed."""
    xs = np.sort(np.asarray(x, dtype=float))
    n = len(xs)
    p = np.asarray(probs, dtype=float)
    h = (n + 1.0 / 3.0) * p + 1.0 / 3.0
    h = np.clip(h, 1.0, float(n))
    j = np.floor(h).astype(int)
    frac = h - j
    lower = xs[j - 1]
    upper = xs[np.minimum(j, n - 1)]
    with np.errstate(invalid="ignore"):
        out = np.where(frac > 0, lower + frac * (upper - lower), lower)
    return np.where(np.isinf(upper) & (frac > 0), np.inf, out)


def bca_limits(
    estimates: np.ndarray, estimate: float, accel: float, alphas: Sequence[float]
) -> tuple[np.ndarray, float]:
    """BCa limits at cumulative levels ``alphas``; returns (limits, bias correction z0)."""
    zq, z0 = bca_levels(estimates, estimate, accel, alphas)
    values = np.asarray(estimates, dtype=float)
    finite = values[~np.isnan(values)]  # +inf (no overlap in the resample) stays in
    if np.isnan(z0):
        return np.full(len(alphas), np.nan), math.nan
    return quantile_type8(finite, zq), z0


def bca_levels(
    estimates: np.ndarray, estimate: float, accel: float, alphas: Sequence[float]
) -> tuple[np.ndarray, float]:
    """The BCa-adjusted quantile levels for ``alphas`` and the bias correction z0."""
    values = np.asarray(estimates, dtype=float)
    finite = values[~np.isnan(values)]
    n = len(finite)
    if n == 0 or np.isinf(finite).all():
        return np.full(len(alphas), np.nan), math.nan
    share = float(np.mean(finite < estimate))
    share = min(max(share, 0.5 / n), 1 - 0.5 / n)
    z0 = float(stats.norm.ppf(share))
    za = stats.norm.ppf(np.asarray(alphas, dtype=float))
    shifted = z0 + za
    return stats.norm.cdf(z0 + shifted / (1.0 - accel * shifted)), z0


# -- running the estimator over many tables --------------------------------------------------

_WORK: dict[str, object] = {}


def _init_worker(estimator: Estimator, tables: np.ndarray) -> None:
    # The matrices are tiny: BLAS threads only add overhead and make the workers fight over cores.
    threadpool_limits(limits=1, user_api="blas")
    _WORK["estimator"] = estimator
    _WORK["tables"] = tables


def _apply(estimator: Estimator, tables: np.ndarray) -> np.ndarray:
    """The estimator on a block of tables: at once where it can (``many``), else one by one."""
    many = getattr(estimator, "many", None)
    if many is not None:
        return np.asarray(many(tables), dtype=float)
    return np.array([estimator(t) for t in tables], dtype=float)


def _run_chunk(start: int, stop: int) -> tuple[int, np.ndarray]:
    estimator = _WORK["estimator"]
    tables = _WORK["tables"]
    return start, _apply(estimator, tables[start:stop])  # type: ignore[arg-type,index]


BLOCK = 128  # tables per block for estimators that take many at once


def default_jobs(n_tables: int) -> int:
    if n_tables < 64:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def map_estimator(
    estimator: Estimator,
    tables: np.ndarray,
    *,
    jobs: int | None = None,
    progress: ProgressCallback | None = None,
    chunk: int = 25,
) -> np.ndarray:
    """``estimator`` applied to every row of ``tables``, in worker processes when ``jobs > 1``."""
    n = len(tables)
    jobs = default_jobs(n) if jobs is None else max(1, jobs)
    out = np.full(n, np.nan)
    if hasattr(estimator, "many"):
        # tables are estimated together: larger blocks, fewer of them
        chunk = max(chunk, min(BLOCK, -(-n // (4 * jobs))))
    if jobs == 1 or n <= chunk:
        with threadpool_limits(limits=1, user_api="blas"):
            for start in range(0, n, chunk):
                stop = min(n, start + chunk)
                out[start:stop] = _apply(estimator, tables[start:stop])
                if progress:
                    progress(stop - start)
        return out
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(estimator, tables)
    ) as pool:
        futures = [pool.submit(_run_chunk, s, min(n, s + chunk)) for s in range(0, n, chunk)]
        for future in as_completed(futures):
            start, values = future.result()
            out[start : start + len(values)] = values
            if progress:
                progress(len(values))
    return out


def bca_bootstrap(
    estimator: Estimator,
    counts: np.ndarray,
    estimate: float,
    *,
    n_boot: int = 1000,
    seed: int = 1234,
    alphas: Sequence[float] = DEFAULT_ALPHAS,
    jobs: int | None = None,
    progress: ProgressCallback | None = None,
) -> BootstrapResult:
    """BCa bootstrap of ``estimator`` (counts -> total estimate) around ``estimate``.

    ``progress`` is called with the number of finished tables (resamples, then jackknife
    tables); there are ``n_boot`` plus the number of non-empty cells in all.
    """
    counts = np.asarray(counts, dtype=np.int64)
    resamples = draw_resamples(counts, n_boot, seed)
    cells, jack_tables = jackknife_counts(counts)
    values = map_estimator(
        estimator, np.vstack([resamples, jack_tables]), jobs=jobs, progress=progress
    )
    boot = values[:n_boot]
    jack = values[n_boot:]
    weights = counts[cells]
    ok = np.isfinite(jack)
    accel = acceleration(jack[ok], weights[ok]) if ok.any() else 0.0
    limits, z0 = bca_limits(boot, estimate, accel, alphas)
    levels, _ = bca_levels(boot, estimate, accel, alphas)
    return BootstrapResult(
        estimate=float(estimate),
        estimates=boot,
        jackknife=jack,
        acceleration=accel,
        bias_correction=z0,
        alphas=tuple(float(a) for a in alphas),
        limits=tuple(float(v) for v in limits),
        n_failed=int(np.sum(np.isnan(boot))),
        n_infinite=int(np.sum(np.isinf(boot))),
        seed=int(seed),
        levels=tuple(float(q) for q in levels) if math.isfinite(z0) else (),
    )
