"""`make bench`: run every `make bench-*` target in turn and end with one table.

Targets are found in the Makefile (every rule named ``bench-<name>``), so a benchmark added later
runs without touching this script. Each benchmark uses its own database (the benchmarks create
and name their own). The last line a benchmark prints is its summary
(``name: key value, key value …``, see ``uitweg.core.bench``); its figures are compared with the
targets below. The 1-minute load average is sampled every 5 s during each run: on this 2-core
machine a figure taken at load > 2 is marked as such.

The table is printed and written to docs/benchmarks.md under a dated heading, newest first,
keeping earlier runs below it.

    make bench                      # all
    make bench BENCH_ONLY="cases chat"
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from uitweg.core.bench import parse_summary  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
MARKER = "<!-- make bench: runs are inserted below this line, newest first -->"
PER_BENCH_TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "1500"))  # seconds
BUSY_LOAD = 2.0  # 2 cores

#: (benchmark, summary key) -> (operator, target, what it is). Figures without a target are
#: shown as measured.
TARGETS: dict[tuple[str, str], tuple[str, float, str]] = {
    ("cases", "detail_p95_ms"): ("<", 150, "case detail p95"),
    ("cases", "list_filtered_p95_ms"): ("<", 150, "case list (filtered) p95"),
    ("cases", "lock_held_p99_ms"): ("<", 2, "chain lock held p99"),
    ("cases", "throughput_2w_over_1w_x"): (">=", 1.6, "2 workers vs 1 (throughput)"),
    ("chat", "p99_ms"): ("<", 100, "chat delivery p99"),
    ("signals", "list_p95_ms"): ("<", 150, "signal list p95"),
    ("registration", "confirmed"): ("==", 100, "registrations confirmed (100 places)"),
    ("registration", "waitlisted"): ("==", 400, "registrations on the waiting list"),
    ("registration", "overbooked"): ("==", 0, "registrations over capacity"),
    ("registration", "promoted"): ("==", 50, "promoted after 50 cancellations"),
    ("outreach", "worklist_p95_ms"): ("<", 150, "outreach worklist p95"),
    ("outreach", "lead_p95_ms"): ("<", 150, "outreach team lead overview p95"),
    ("outreach", "lookup_p95_ms"): ("<", 20, "outreach known-before look-up (query) p95"),
    ("monitoring", "page_p95_ms"): ("<", 200, "monitoring figures page p95 (1M registrations)"),
    ("monitoring", "after_chat_write_p95_ms"): ("<", 200, "monitoring page p95 after a chat write"),
    ("monitoring", "after_signal_write_p95_ms"): ("<", 200,
                                                  "monitoring page p95 after a signal change"),
    ("public", "p95_ms"): ("<", 50, "public pages p95, 200 clients"),
    ("public", "max_page_kb"): ("<=", 100, "heaviest public page with CSS"),
    ("estimate", "slowest_ratio_to_r"): (">=", 20, "slowest speed-up over R"),
    ("linkage", "seconds"): ("<", 60, "linking 100,000 registrations"),
    ("linkage", "precision"): (">=", 0.98, "linkage precision"),
    ("linkage", "recall"): (">=", 0.95, "linkage recall"),
}


@dataclass
class Run:
    name: str
    exit_code: int | None = None
    seconds: float = 0.0
    summary: dict = field(default_factory=dict)
    last_line: str = ""
    loads: list[float] = field(default_factory=list)

    @property
    def max_load(self) -> float:
        return max(self.loads) if self.loads else os.getloadavg()[0]


def bench_targets(makefile: Path = ROOT / "Makefile") -> list[str]:
    return re.findall(r"^bench-([a-z0-9-]+):", makefile.read_text(), flags=re.MULTILINE)


def _sample_load(run: Run, stop: threading.Event) -> None:
    while not stop.wait(5):
        run.loads.append(os.getloadavg()[0])


def run_one(name: str, log_dir: Path) -> Run:
    run = Run(name)
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_load, args=(run, stop), daemon=True)
    sampler.start()
    started = time.monotonic()
    log_path = log_dir / f"bench-{name}.log"
    print(f"\n=== make bench-{name} (log: {log_path.relative_to(ROOT)})", flush=True)
    lines: list[str] = []
    with log_path.open("w") as log:
        proc = subprocess.Popen(  # noqa: S603
            ["make", "--no-print-directory", f"bench-{name}"], cwd=ROOT, text=True,  # noqa: S607
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        timer = threading.Timer(PER_BENCH_TIMEOUT, proc.kill)
        timer.start()
        for line in proc.stdout:
            sys.stdout.write(line)
            log.write(line)
            if line.strip():
                lines.append(line.strip())
        run.exit_code = proc.wait()
        timer.cancel()
    stop.set()
    run.seconds = time.monotonic() - started
    run.last_line = lines[-1] if lines else ""
    parsed = parse_summary(run.last_line)
    if parsed and run.exit_code == 0:
        run.summary = parsed[1]
    return run


def rows(run: Run) -> list[tuple[str, str, str, str]]:
    """(figure, value, target, verdict) rows of one run."""
    if run.exit_code != 0 or not run.summary:
        why = "timed out" if run.exit_code == -9 else f"exit {run.exit_code}"
        return [("—", run.last_line[:80] or "no output", "—", f"not run ({why})")]
    out = []
    for key, value in run.summary.items():
        if key == "load_1min":
            continue
        target = TARGETS.get((run.name, key))
        if target is None or not isinstance(value, float):
            out.append((key, _fmt(value), "—", "measured"))
            continue
        op, limit, _label = target
        met = {"<": value < limit, "<=": value <= limit,
               "==": value == limit}.get(op, value >= limit)
        out.append((key, _fmt(value), f"{op} {_fmt(limit)}", "met" if met else "not met"))
    return out


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:g}" if value < 1e6 else f"{value:,.0f}"
    return str(value)


def table(runs: list[Run]) -> str:
    lines = ["| benchmark | figure | value | target | status | load (max 1-min) | time |",
             "|---|---|---:|---|---|---:|---:|"]
    for run in runs:
        busy = f"{run.max_load:.1f}" + (" (busy)" if run.max_load > BUSY_LOAD else "")
        for figure, value, target, verdict in rows(run):
            lines.append(f"| bench-{run.name} | {figure} | {value} | {target} | {verdict} | "
                         f"{busy} | {run.seconds:.0f} s |")
    return "\n".join(lines)


def write_doc(text: str, doc: Path = DOC) -> None:
    content = doc.read_text() if doc.exists() else "# Benchmarks\n"
    if MARKER not in content:
        heading = "\n## Runs of `make bench`\n\n" + MARKER + "\n"
        first_section = content.find("\n## ")
        content = (content + heading if first_section < 0
                   else content[:first_section] + heading + content[first_section:])
    content = content.replace(MARKER, MARKER + "\n\n" + text.rstrip() + "\n", 1)
    doc.write_text(content)


def main() -> int:
    only = os.environ.get("BENCH_ONLY", "").split()
    names = [n for n in bench_targets() if not only or n in only]
    log_dir = ROOT / "var" / "bench"
    log_dir.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    runs = [run_one(name, log_dir) for name in names]
    result = table(runs)
    total = sum(r.seconds for r in runs)
    heading = (f"### {started:%Y-%m-%d %H:%M} UTC — `make bench`"
               f"{' BENCH_ONLY=' + ' '.join(only) if only else ''} ({total / 60:.0f} min, "
               f"{os.cpu_count()} CPUs)")
    print("\n" + heading + "\n\n" + result)
    write_doc(heading + "\n\n" + result + "\n")
    print(f"\nwritten to {DOC.relative_to(ROOT)}")
    return 0 if all(r.exit_code == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
