"""The published test tables, shipped in ``uitweg/estimation/data``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from uitweg.estimation.table import CaptureTable, read_csv

DATA = Path(str(resources.files("uitweg.estimation") / "data"))
TABLES = ("Artificial_3", "NewOrl", "Western", "UKdat", "UKdat_5", "Ned", "Ned_5")


def load(name: str) -> CaptureTable:
    return read_csv(DATA / f"{name}.csv")
