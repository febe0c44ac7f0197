"""The published test tables, shipped in ``uitweg/estimation/data``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from uitweg.estimation.table import CaptureTable, read_csv

DATA = Path(str(resources.files("uitweg.estimation") / "data"))
TABLES = ("Artificial_3", "NewOrl", "Western", "UKdat", "UKdat_5", "Ned", "Ned_5")


def load(name: str) -> CaptureTable:
    return read_csv(DATA / f"{name}.csv")


def bic_cli(name: str, resamples: int, *extra: str) -> list[str]:
    """Command-line arguments: a seeded, one-process BIC bootstrap of a shipped table."""
    options = ["--method", "bic", "--bootstrap", str(resamples), "--seed", "1", "--jobs", "1"]
    return [str(DATA / f"{name}.csv"), *options, *extra]
