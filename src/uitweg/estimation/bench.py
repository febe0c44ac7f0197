"""Benchmark: ``python -m uitweg.estimation.bench`` (``make bench-estimate``).

1. Stepwise selection (threshold 0.02) with a 1,000-resample BCa bootstrap on the six-list UK
   table ``UKdat.csv`` (target from issue 6: under 10 s on a 2-core machine).
2. BIC selection over all hierarchical models up to order 2 with the same bootstrap on the
   five-list table ``UKdat_5.csv``.

Times are wall-clock for :func:`estimate_population` (selection, check, intervals, bootstrap and
jackknife), once with the default number of worker processes and once in a single process, plus
the whole command line (interpreter start-up included) for the first case.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import numpy as np

from .bootstrap import default_jobs
from .service import estimate_population
from .table import read_csv

TARGET_STEPWISE_SECONDS = 10.0


def data_file(name: str) -> Path:
    return Path(str(resources.files("uitweg.estimation") / "data" / name))


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (the worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _run(label: str, table, *, jobs: int | None, **kwargs) -> tuple[float, object]:
    cpu = _cpu()
    start = time.perf_counter()
    result = estimate_population(table, jobs=jobs, **kwargs)
    seconds = time.perf_counter() - start
    cpu = _cpu() - cpu
    lo, hi = result.bca_total
    print(
        f"  {label:<26} wall {seconds:6.2f} s  cpu {cpu:6.2f} s   estimate {result.total:,.0f}  "
        f"95% BCa {lo:,.0f} - {hi:,.0f}"
    )
    return seconds, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m uitweg.estimation.bench")
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-bic", action="store_true", help="only the stepwise benchmark")
    args = parser.parse_args(argv)
    n = args.resamples

    print("uitweg.estimation benchmark")
    print(
        f"  machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}, numpy {np.__version__}"
    )
    workers = default_jobs(n)
    print(f"  default worker processes for {n} resamples: {workers}")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  load average before the run (1, 5, 15 min): {load}")
    print("  (cpu = CPU seconds of this process and its workers; wall depends on other load)")

    uk = read_csv(data_file("UKdat.csv"))
    print(
        f"\n1. UKdat.csv ({uk.m} lists, {uk.observed:,} people): stepwise 0.02 + {n} BCa resamples"
    )
    par, result = _run(f"{workers} worker processes", uk, jobs=None, n_bootstrap=n, seed=args.seed)
    print(f"     model: {result.model}")
    _run("1 process", uk, jobs=1, n_bootstrap=n, seed=args.seed)
    cli = [
        sys.executable,
        "-m",
        "uitweg.estimation",
        str(data_file("UKdat.csv")),
        "--seed",
        str(args.seed),
        "--bootstrap",
        str(n),
        "--no-progress",
    ]
    cpu = _cpu()
    start = time.perf_counter()
    subprocess.run(cli, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    whole = time.perf_counter() - start
    cpu = _cpu() - cpu
    print(f"  {'command line, end to end':<26} wall {whole:6.2f} s  cpu {cpu:6.2f} s")
    verdict = "met" if par < TARGET_STEPWISE_SECONDS else "NOT met"
    print(f"  target < {TARGET_STEPWISE_SECONDS:.0f} s: {verdict}")

    if not args.skip_bic:
        uk5 = read_csv(data_file("UKdat_5.csv"))
        print(
            f"\n2. UKdat_5.csv ({uk5.m} lists): BIC over all 1,024 hierarchical models up to "
            f"order 2 + {n} BCa resamples"
        )
        _, result = _run(
            f"{workers} worker processes",
            uk5,
            jobs=None,
            method="bic",
            max_order=2,
            n_bootstrap=n,
            seed=args.seed,
        )
        print(f"     model: {result.model}")
        _run("1 process", uk5, jobs=1, method="bic", max_order=2, n_bootstrap=n, seed=args.seed)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
