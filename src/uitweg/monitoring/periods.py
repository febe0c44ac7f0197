"""Periods the monitoring pages show: a year or one quarter of it, and the same period in the
years before (the trend). Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass

#: How many periods a trend shows (the selected one and the ones before it).
TREND_LENGTH = 5
FIRST_YEAR = 2000


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None  # 1-4, or None for the whole year

    @property
    def label(self) -> str:
        return f"{self.year}" if self.quarter is None else f"{self.year} Q{self.quarter}"

    @property
    def slug(self) -> str:
        return f"{self.year}" if self.quarter is None else f"{self.year}-q{self.quarter}"

    def trend(self, length: int = TREND_LENGTH) -> list[Period]:
        """The same period in ``length`` years, oldest first, ending with this one."""
        first = max(FIRST_YEAR, self.year - length + 1)
        return [Period(y, self.quarter) for y in range(first, self.year + 1)]


def parse_period(year: str | None, quarter: str | None, *, this_year: int) -> Period:
    """The period asked for in a query string; anything odd falls back to this year (no error:
    bad input never breaks a page)."""
    y = int(year) if (year or "").isdigit() and FIRST_YEAR <= int(year) <= this_year else this_year
    q = int(quarter) if quarter in {"1", "2", "3", "4"} else None
    return Period(y, q)
