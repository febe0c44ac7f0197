"""Command line: ``uitweg-estimate FILE.csv [options]``.

Prints the observed total, the chosen model, the estimated hidden number and total, and the
intervals. Malformed input or settings give one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from uitweg.core.exports import write_csv

from .hierarchy import MAX_MODELS, TooManyModels, count_models
from .lattice import term_name
from .selection import NoEstimableModel
from .service import (
    METHODS,
    PopulationEstimate,
    SettingsError,
    default_top_models,
    estimate_population,
    percent,
    prepare_table,
)
from .table import TableError, merge_lists, read_csv

PROG = "uitweg-estimate"
EXIT_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"the threshold must be a number, got {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"the threshold must be between 0 and 1, got {text}")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number of at least 0, got {text}")
    return value


def _positive(text: str) -> int:
    value = _non_negative(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {text}")
    return value


def _level(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"the level must be a number, got {text!r}") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"the level must be between 0 and 1, got {text}")
    return value


def _top_models(text: str) -> int | str:
    if text.strip().lower() in ("all", "default"):
        return text.strip().lower()
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number of models or 'all', got {text!r}"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1 or 'all', got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description=(
            "Estimate how many people were seen on none of the lists (multiple systems "
            "estimation) from a CSV with one 0/1 column per list and a count column."
        ),
    )
    parser.add_argument("file", metavar="FILE.csv", help="capture-history table")
    parser.add_argument(
        "--method",
        choices=METHODS,
        default="stepwise",
        help="model selection: stepwise p-values (default) or BIC",
    )
    parser.add_argument(
        "--threshold",
        type=_threshold,
        default=0.02,
        help="p-value threshold for stepwise selection (default 0.02)",
    )
    parser.add_argument(
        "--max-order",
        type=_positive,
        default=None,
        metavar="N",
        help="highest interaction order for BIC selection (default 2, or lists - 1 if smaller)",
    )
    parser.add_argument(
        "--top-models",
        type=_top_models,
        default="default",
        metavar="N|all",
        help=(
            "BIC bootstrap: re-select each resample among the N best models on the original "
            "data, or all (default as R: all for 2-3 lists, 20 for 4, 100 for 5 or more)"
        ),
    )
    parser.add_argument(
        "--bootstrap",
        type=_non_negative,
        default=1000,
        metavar="N",
        help="BCa bootstrap resamples, 0 to skip (default 1000)",
    )
    parser.add_argument(
        "--seed",
        type=_non_negative,
        default=None,
        metavar="N",
        help="random seed for the bootstrap (default: a new one, printed)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="output format (default text)",
    )
    parser.add_argument(
        "--level",
        type=_level,
        default=0.95,
        help="confidence level of the intervals (default 0.95)",
    )
    parser.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes for the bootstrap (default: all cores)",
    )
    parser.add_argument(
        "--merge",
        action="append",
        default=[],
        metavar="A,B[=NAME]",
        help="merge lists before estimating (repeatable)",
    )
    parser.add_argument(
        "--count-column",
        default=None,
        metavar="NAME",
        help="name of the count column if it cannot be recognised",
    )
    parser.add_argument(
        "--report", default=None, metavar="OUT.html", help="also write a bilingual HTML report"
    )
    parser.add_argument(
        "--pdf", default=None, metavar="OUT.pdf", help="also write the report as PDF"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def _apply_merges(table, merges: Sequence[str]):
    for spec in merges:
        lists, _, name = spec.partition("=")
        parts = [p.strip() for p in lists.replace("+", ",").split(",") if p.strip()]
        table = merge_lists(table, parts, name.strip() or None)
    return table


def _fmt(x: float) -> str:
    if x != x:  # nan
        return "n/a"
    if x == float("inf"):
        return "unbounded"
    return f"{x:,.0f}"


def format_text(result: PopulationEstimate) -> str:
    table = result.table
    pct = percent(result.level)
    lines = [
        f"Multiple systems estimation{f' - {table.source}' if table.source else ''}",
        f"Lists ({table.m}): " + ", ".join(f"{n} ({c:,})" for n, c in table.list_totals.items()),
        f"Seen on at least one list (observed): {result.observed:,}",
        f"Method: {result.method_label}",
        f"Chosen model: {result.model}",
    ]
    for step in result.selection.steps:
        lines.append(
            f"  added {term_name(step.term, table.names)}: overlap {step.observed}, "
            f"expected {step.expected:.2f}, p = {step.p_value:.2g}"
        )
    if result.selection.fit.neg_inf:
        lines.append(f"  {result.check.message}")
    lines += [
        f"Estimated hidden number (on no list): {_fmt(result.hidden)}",
        f"Estimated total population: {_fmt(result.total)}",
        f"{pct} interval for the total, given the chosen model (profile likelihood): "
        f"{_fmt(result.conditional.total_low)} - {_fmt(result.conditional.total_high)}",
    ]
    if result.bootstrap is not None:
        b = result.bootstrap
        lo, hi = result.bca_total  # type: ignore[misc]
        lines.append(
            f"{pct} interval for the total, BCa bootstrap with the model re-selected "
            f"({len(b.estimates):,} resamples, seed {b.seed}): {_fmt(lo)} - {_fmt(hi)}"
        )
        lines.append(
            f"{pct} interval for the hidden number (BCa): "
            f"{_fmt(lo - result.observed)} - {_fmt(hi - result.observed)}"
        )
        if result.model_set is not None:
            lines.append(f"  models searched on every resample: {result.model_set.describe()}")
        for stability in b.stability(result.level):
            if stability.fragile:
                lines.append(f"  {stability.describe()}")
        if b.n_infinite:
            lines.append(
                f"  {b.n_infinite} resamples had nobody on two lists (estimate infinite, kept in)"
            )
        if b.n_failed:
            lines.append(f"  {b.n_failed} resamples gave no usable estimate and were left out")
    else:
        lines.append("No bootstrap interval (--bootstrap 0).")
    return "\n".join(lines) + "\n"


CSV_FIELDS = (
    "source",
    "method",
    "threshold",
    "max_order",
    "lists",
    "observed",
    "model",
    "hidden",
    "total",
    "level",
    "conditional_low",
    "conditional_high",
    "bca_low",
    "bca_high",
    "resamples",
    "seed",
)


def format_csv(result: PopulationEstimate) -> str:
    bca = result.bca_total or (None, None)
    boot = result.bootstrap
    row = [
        result.table.source or "",
        result.method,
        "" if result.threshold is None else result.threshold,
        "" if result.max_order is None else result.max_order,
        " ".join(result.table.names),
        result.observed,
        result.model,
        f"{result.hidden:.2f}",
        f"{result.total:.2f}",
        result.level,
        f"{result.conditional.total_low:.2f}",
        f"{result.conditional.total_high:.2f}",
        "" if bca[0] is None else f"{bca[0]:.2f}",
        "" if bca[1] is None else f"{bca[1]:.2f}",
        0 if boot is None else len(boot.estimates),
        "" if boot is None else boot.seed,
    ]
    return write_csv(CSV_FIELDS, [row], lineterminator="\n")  # no cell runs as a formula


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        table = read_csv(args.file, count_column=args.count_column)
        table = prepare_table(_apply_merges(table, args.merge))
        for note in table.notes:
            print(f"{PROG}: note: {note}", file=sys.stderr)
        max_order = min(2, table.m - 1) if args.max_order is None else args.max_order
        searched_all = args.top_models == "all" or (
            args.top_models == "default" and default_top_models(table.m) is None
        )
        if args.method == "bic" and args.bootstrap > 0 and 1 <= max_order < table.m:
            n_models = count_models(table.m, max_order)
            if searched_all and 5_000 < n_models <= MAX_MODELS:
                print(
                    f"{PROG}: note: searching all {n_models:,} models on every resample takes "
                    "minutes (the default --top-models searches far fewer, as R does)",
                    file=sys.stderr,
                )
        bar = None
        if args.bootstrap > 0 and not args.no_progress:
            from tqdm import tqdm

            n_cells = int((table.counts > 0).sum())
            bar = tqdm(
                total=args.bootstrap + n_cells,
                desc="bootstrap",
                unit="fit",
                file=sys.stderr,
                disable=None,
                leave=False,
            )
        try:
            result = estimate_population(
                table,
                method=args.method,
                threshold=args.threshold,
                max_order=args.max_order,
                top_models=args.top_models,
                n_bootstrap=args.bootstrap,
                seed=args.seed,
                level=args.level,
                jobs=args.jobs,
                progress=bar.update if bar is not None else None,
                drop_uninformative=False,  # done by prepare_table above
            )
        finally:
            if bar is not None:
                bar.close()
    except (TableError, SettingsError, TooManyModels, NoEstimableModel) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_INPUT

    if args.format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
    elif args.format == "csv":
        sys.stdout.write(format_csv(result))
    else:
        sys.stdout.write(format_text(result))

    if args.report or args.pdf:
        from .report import write_html, write_pdf

        try:
            if args.report:
                write_html(result, args.report)
                print(f"{PROG}: report written to {args.report}", file=sys.stderr)
            if args.pdf:
                write_pdf(result, args.pdf)
                print(f"{PROG}: PDF written to {args.pdf}", file=sys.stderr)
        except OSError as exc:
            print(f"{PROG}: error: cannot write the report: {exc.strerror or exc}", file=sys.stderr)
            return 1
        except RuntimeError as exc:  # the PDF engine gave up on the document
            print(f"{PROG}: error: cannot write the PDF: {exc}", file=sys.stderr)
            return EXIT_INPUT
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
