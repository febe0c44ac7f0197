"""``make bench-linkage``: link 100,000 synthetic registrations from 6 sources with 30 % overlap.

    python -m uitweg.monitoring.bench_linkage [--registrations 100000] [--seed 1]

Generates the registrations (names of several origins, Cyrillic ones in Cyrillic or in another
transliteration, typos, swapped names, day/month swaps, wrong days and years, missing dates, some
identity documents), encodes them (keyed CLKs and blocking keys), links them, and prints
precision, recall and the time of encoding plus linking (generation not counted; wall clock as
``seconds``, this process's CPU time as ``cpu_s``, which a busy machine does not inflate). Target:
linking in < 60 s on this machine; precision >= 0.98 and recall >= 0.95. Pure Python, one core,
no database.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from uitweg.core.bench import summary_line

from .linkage.pipeline import link_synthetic
from .linkage.synthetic import with_overlap


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=100_000)
    parser.add_argument("--overlap", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    synthetic = with_overlap(args.registrations, seed=args.seed, overlap=args.overlap)
    generated = time.perf_counter() - started
    per_person = Counter(synthetic.truth)
    persons = len(per_person)
    multi = sum(1 for n in per_person.values() if n > 1)
    in_multi = sum(n for n in per_person.values() if n > 1)
    print(f"{len(synthetic.registrations):,} registrations of {persons:,} people from "
          f"{len(synthetic.sources)} sources; {in_multi / len(synthetic.truth):.0%} of the "
          f"registrations belong to the {multi:,} people registered more than once "
          f"(generated in {generated:.1f} s)", flush=True)
    cpu = time.process_time()
    result = link_synthetic(synthetic)
    cpu = time.process_time() - cpu
    q = result.quality
    seconds = result.encode_seconds + result.link_seconds
    print(f"encoding {result.encode_seconds:.1f} s, linking {result.link_seconds:.1f} s "
          f"({result.linkage.comparisons:,} comparisons, {result.linkage.exact_links:,} exact "
          f"and {result.linkage.near_links:,} near links, {result.linkage.skipped_blocks} "
          "blocks skipped)")
    print(f"pairs: {q.true_pairs:,} true, {q.found_pairs:,} found, {q.correct_pairs:,} correct")
    print(f"persons: {result.truth.observed:,} true, {result.linked.observed:,} after linking")
    print(summary_line("linkage", {"seconds": round(seconds, 1), "cpu_s": round(cpu, 1),
                                   "precision": round(q.precision, 4),
                                   "recall": round(q.recall, 4)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
