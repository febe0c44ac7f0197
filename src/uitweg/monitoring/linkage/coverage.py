"""Honest coverage: how often the 95 % interval of the whole pipeline covers the true size.

    python -m uitweg.monitoring.linkage.coverage [--runs 100] [--size 1000] [--bootstrap 200]

Each run draws a synthetic population of known size with its own seed, links its registrations
and estimates the population from the linked table (stepwise, BCa bootstrap). Prints one line per
run and the share of runs whose interval covers the true size, for the linked table and for the
true table (perfect linkage), so the cost of linkage errors is visible.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from uitweg.estimation import NoEstimableModel, TableError

from .pipeline import estimate, link_synthetic
from .synthetic import generate


@dataclass(frozen=True)
class Run:
    seed: int
    size: int
    precision: float
    recall: float
    linked: tuple[float, float, float] | None  # estimate, low, high
    truth: tuple[float, float, float] | None

    @staticmethod
    def _covers(result: tuple[float, float, float] | None, size: int) -> bool:
        return result is not None and result[1] <= size <= result[2]

    @property
    def covered(self) -> bool:
        return self._covers(self.linked, self.size)

    @property
    def covered_if_perfect(self) -> bool:
        return self._covers(self.truth, self.size)


def _estimate(table, seed: int, n_bootstrap: int) -> tuple[float, float, float] | None:
    try:
        result = estimate(table, seed=seed, n_bootstrap=n_bootstrap)
    except (NoEstimableModel, TableError):
        return None
    low, high = result.bca_total
    return result.total, low, high


def one_run(seed: int, *, size: int, n_bootstrap: int = 200) -> Run:
    linked = link_synthetic(generate(size, seed=seed))
    return Run(seed, size, linked.quality.precision, linked.quality.recall,
               _estimate(linked.linked, seed, n_bootstrap),
               _estimate(linked.truth, seed, n_bootstrap))


@dataclass(frozen=True)
class Coverage:
    runs: list[Run]

    @property
    def linked(self) -> float:
        return sum(r.covered for r in self.runs) / len(self.runs)

    @property
    def perfect(self) -> float:
        return sum(r.covered_if_perfect for r in self.runs) / len(self.runs)


def study(runs: int, *, size: int, n_bootstrap: int = 200, first_seed: int = 1,
          out=None) -> Coverage:
    done = []
    for seed in range(first_seed, first_seed + runs):
        run = one_run(seed, size=size, n_bootstrap=n_bootstrap)
        done.append(run)
        if out is not None:
            est = "refused" if run.linked is None else \
                f"{run.linked[0]:.0f} ({run.linked[1]:.0f}-{run.linked[2]:.0f})"
            print(f"seed {seed}: precision {run.precision:.4f}, recall {run.recall:.4f}, "
                  f"estimate {est}, covers {run.covered}", file=out, flush=True)
    return Coverage(done)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--bootstrap", type=int, default=200)
    args = parser.parse_args(argv)
    result = study(args.runs, size=args.size, n_bootstrap=args.bootstrap, out=sys.stdout)
    print(f"coverage of the 95% interval over {args.runs} runs (population {args.size}): "
          f"{result.linked:.0%} with linkage, {result.perfect:.0%} with perfect linkage")
    return 0


if __name__ == "__main__":
    sys.exit(main())
