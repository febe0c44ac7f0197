"""Multiple systems estimation (MSE) of the hidden number of victims of human trafficking.

Input is a capture-history table: one 0/1 column per registering organisation (a "list") and the
number of people seen on exactly that combination of lists. The pattern of overlaps between the
lists tells how many people were on none of them. Methods follow Chan, Silverman & Vincent (2021)
(stepwise selection, BCa bootstrap, parameters at minus infinity for lists that never overlap) and
Silverman, Chan & Vincent (2024) (BIC over hierarchical models). See ``docs/estimation.md``.

This package is pure computation: it imports nothing from Django.
"""

from .hierarchy import TooManyModels
from .selection import NoEstimableModel
from .service import PopulationEstimate, SettingsError, estimate_population, threshold_sweep
from .table import (
    CaptureTable,
    TableError,
    drop_uninformative_lists,
    merge_lists,
    parse_csv,
    read_csv,
)

__all__ = [
    "CaptureTable",
    "NoEstimableModel",
    "PopulationEstimate",
    "SettingsError",
    "TableError",
    "TooManyModels",
    "drop_uninformative_lists",
    "estimate_population",
    "merge_lists",
    "parse_csv",
    "read_csv",
    "threshold_sweep",
]
