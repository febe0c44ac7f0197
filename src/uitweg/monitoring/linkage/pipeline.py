"""The whole pipeline on synthetic data: generate, encode, link, tabulate, estimate.

Used by the tests, the coverage study (``python -m uitweg.monitoring.linkage.coverage``) and the
benchmark (``make bench-linkage``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from uitweg.estimation import estimate_population
from uitweg.estimation.service import PopulationEstimate
from uitweg.estimation.table import CaptureTable

from .encoding import Encoder
from .histories import capture_table, true_table
from .link import DEFAULT, Linkage, Settings, link
from .quality import Quality, pairwise
from .synthetic import Synthetic

#: A fixed key for synthetic runs (the platform derives its key from BLIND_INDEX_KEY).
SYNTHETIC_KEY = b"uitweg synthetic linkage key....."


@dataclass
class Linked:
    synthetic: Synthetic
    linkage: Linkage
    quality: Quality
    linked: CaptureTable
    truth: CaptureTable
    encode_seconds: float
    link_seconds: float


def link_synthetic(synthetic: Synthetic, *, settings: Settings = DEFAULT,
                   key: bytes = SYNTHETIC_KEY) -> Linked:
    started = time.perf_counter()
    encoded = Encoder(key).encode_all(synthetic.registrations)
    encoded_at = time.perf_counter()
    linkage = link(encoded, settings)
    done = time.perf_counter()
    lists = synthetic.sources
    return Linked(
        synthetic, linkage, pairwise(linkage.cluster, synthetic.truth),
        capture_table(linkage, lists, source="synthetic (linked)"),
        true_table(synthetic.truth, [r.source for r in synthetic.registrations], lists,
                   source="synthetic (true)"),
        encoded_at - started, done - encoded_at)


def estimate(table: CaptureTable, *, seed: int, n_bootstrap: int = 200) -> PopulationEstimate:
    """The platform's estimate of a table: stepwise selection, BCa bootstrap."""
    return estimate_population(table, method="stepwise", n_bootstrap=n_bootstrap, seed=seed,
                               jobs=1)
