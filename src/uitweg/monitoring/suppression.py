"""Moved to :mod:`uitweg.core.suppression` (outreach uses it too, and apps may not import each
other both ways). Re-exported for code written against this path."""

from uitweg.core.suppression import (  # noqa: F401
    DEFAULT_THRESHOLD,
    Cell,
    Hidden,
    SuppressedTable,
    feasible_ranges,
    suppress,
    suppress_series,
)
