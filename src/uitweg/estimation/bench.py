"""Benchmark: ``python -m uitweg.estimation.bench`` (``make bench-estimate``).

Each workload is :func:`estimate_population` with a 1,000-resample BCa bootstrap (selection,
check, intervals, the model re-selected on every resample, the jackknife), run in one process so
that CPU seconds compare with R's single-threaded run:

1. ``UKdat.csv`` (6 lists), stepwise, threshold 0.02;
2. ``UKdat_5.csv`` (5 lists), BIC up to order 2, R's top 100 models and all 1,024;
3. ``UKdat.csv`` (6 lists), BIC up to order 2, R's top 100 and all 32,768;
4. ``NewOrl_5`` (``NewOrl.csv`` with B, E, F, G merged, as R's ``NewOrl_5``), BIC up to order 3,
   R's top 100 and all 6,212.

Where ``Rscript`` and MultipleSystemsEstimation are installed, R runs the same settings
side by side; otherwise the R CPU seconds recorded in issue 15 (measured on this machine kind) are
used where the issue gives them. The last line is the summary, always in this form::

    estimate: slowest ratio to R N.NX, slowest workload KEY

(with X the multiplication sign; the smallest ratio R CPU / our CPU over the workloads with an R
figure), or, when there is no R figure at all, ``estimate: R not-installed, slowest CPU s N.N``.
Both follow the summary format of every benchmark (``uitweg.core.bench``: ``name: key value, …``),
so ``make bench`` reads them.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from .service import estimate_population
from .table import CaptureTable, merge_lists, read_csv

# R CPU seconds from issue 15 (MultipleSystemsEstimation 1.2.0, nboot = 1000, same machine kind);
# the issue gives a range, the faster end is used.
R_RECORDED = {"uk6-bic2-top100": 166.0, "no5-bic3-top100": 79.0}


def data_file(name: str) -> Path:
    return Path(str(resources.files("uitweg.estimation") / "data" / name))


def new_orleans_5() -> CaptureTable:
    """R's ``NewOrl_5``: New Orleans with the four smallest lists merged."""
    return merge_lists(read_csv(data_file("NewOrl.csv")), ["B", "E", "F", "G"], "BEFG")


@dataclass(frozen=True)
class Workload:
    key: str
    label: str
    table: str
    method: str
    max_order: int | None = None
    top: int | str = "default"
    r_key: str | None = None  # whose R figure applies (R always searches its top N)


WORKLOADS = (
    Workload("uk-stepwise", "UKdat stepwise 0.02", "UKdat", "stepwise"),
    Workload("uk5-bic2-top100", "UKdat_5 BIC order 2, top 100", "UKdat_5", "bic", 2, 100),
    Workload("uk5-bic2-all", "UKdat_5 BIC order 2, all", "UKdat_5", "bic", 2, "all"),
    Workload(
        "uk6-bic2-top100", "UKdat BIC order 2, top 100", "UKdat", "bic", 2, 100, "uk6-bic2-top100"
    ),
    Workload(
        "no5-bic3-top100",
        "NewOrl_5 BIC order 3, top 100",
        "NewOrl_5",
        "bic",
        3,
        100,
        "no5-bic3-top100",
    ),
    Workload(
        "no5-bic3-all", "NewOrl_5 BIC order 3, all", "NewOrl_5", "bic", 3, "all", "no5-bic3-top100"
    ),
    Workload("uk6-bic2-all", "UKdat BIC order 2, all", "UKdat", "bic", 2, "all", "uk6-bic2-top100"),
)


def _table(name: str) -> CaptureTable:
    return new_orleans_5() if name == "NewOrl_5" else read_csv(data_file(f"{name}.csv"))


def _cpu() -> float:
    """CPU seconds used by this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


_R_SCRIPT = """
suppressMessages(library(MultipleSystemsEstimation))
args <- commandArgs(TRUE)
z <- read.csv(args[1])
t0 <- proc.time()
if (args[2] == "stepwise") {
  r <- estimate_population_stepwise(z, pthresh = 0.02, nboot = 1000)
} else {
  r <- estimate_population_bic(z, nboot = 1000, maxorder = as.integer(args[3]),
                               ntopmodels = as.integer(args[4]))
}
t <- proc.time() - t0
cat(t[["user.self"]] + t[["sys.self"]], "\\n")
"""


def run_r(table: CaptureTable, work: Workload) -> float | None:
    """R's CPU seconds for the same setting (top 100 where R searches a top N), or None."""
    rscript = shutil.which("Rscript")
    if rscript is None or work.top == "all":
        return None
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "t.csv"
        csv_path.write_text(table.to_csv("n"))
        script = Path(tmp) / "b.R"
        script.write_text(_R_SCRIPT)
        args = [rscript, str(script), str(csv_path), work.method, str(work.max_order or 0)]
        args.append(str(work.top))
        proc = subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        return float(proc.stdout.split()[-1])
    except (IndexError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m uitweg.estimation.bench")
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--only", action="append", default=[], metavar="KEY", help="run only these workloads"
    )
    args = parser.parse_args(argv)
    n = args.resamples
    has_r = shutil.which("Rscript") is not None

    print("uitweg.estimation benchmark (one process; CPU = this process)")
    print(
        f"  machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}, numpy {np.__version__}"
    )
    print(
        "  R: "
        + (
            "Rscript found, run side by side"
            if has_r
            else "R not installed; R figures are the "
            "CPU seconds recorded in issue 15 where it gives them"
        )
    )
    ratios: list[tuple[float, str]] = []
    slowest_cpu = 0.0
    for work in WORKLOADS:
        if args.only and work.key not in args.only:
            continue
        table = _table(work.table)
        load = os.getloadavg()[0]
        cpu = _cpu()
        start = time.perf_counter()
        result = estimate_population(
            table,
            method=work.method,
            max_order=work.max_order,
            top_models=work.top,
            n_bootstrap=n,
            seed=args.seed,
            jobs=1,
        )
        wall = time.perf_counter() - start
        cpu = _cpu() - cpu
        slowest_cpu = max(slowest_cpu, cpu)
        lo, hi = result.bca_total
        r_cpu = run_r(table, work) if has_r else None
        source = "R here"
        if r_cpu is None and work.r_key is not None and n == 1000:
            r_cpu, source = R_RECORDED[work.r_key], "R top 100, issue 15"
        ratio = f"{r_cpu / cpu:5.1f}× ({source})" if r_cpu else "  n/a (no R figure)"  # noqa: RUF001
        if r_cpu:
            ratios.append((r_cpu / cpu, work.key))
        print(
            f"  {work.label:<32} cpu {cpu:7.2f} s  wall {wall:7.2f} s  load {load:4.1f}  "
            f"ratio to R {ratio}   estimate {result.total:,.0f}  95% BCa {lo:,.0f} - {hi:,.0f}",
            flush=True,
        )
    if ratios:
        worst = min(ratios)
        print(f"estimate: slowest ratio to R {worst[0]:.1f}×, slowest workload {worst[1]}")  # noqa: RUF001
    else:
        print(f"estimate: R not-installed, slowest CPU s {slowest_cpu:.1f}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
