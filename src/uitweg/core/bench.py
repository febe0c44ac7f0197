"""The benchmarks' summary line: one stable format, written by every ``make bench-*`` as its
last line and read back by ``make bench`` (scripts/bench_all.py).

    cases: detail_p95_ms 39.4, list_filtered_p95_ms 54.4, load_1min 0.6

``name: key value, key value …`` — keys are lower-case words joined by ``_``; values are numbers
(a unit belongs in the key: ``_ms``, ``_s``, ``_x``) or single words (``yes``, ``skipped``).
No Django import: the estimation benchmark uses it too.
"""

from __future__ import annotations

import os
import re

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_LINE = re.compile(r"^([a-z][a-z0-9-]*): (.+)$")


def _value(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}"
    text = str(value)
    if not text or " " in text or "," in text:
        raise ValueError(f"a summary value is one word: {text!r}")
    return text


def summary_line(name: str, figures: dict, *, load: bool = True) -> str:
    """Format the summary; adds the 1-minute load average unless ``load=False``."""
    figures = dict(figures)
    if load and "load_1min" not in figures:
        figures["load_1min"] = round(os.getloadavg()[0], 1)
    for key in figures:
        if not _KEY.match(key):
            raise ValueError(f"bad summary key {key!r}")
    return f"{name}: " + ", ".join(f"{k} {_value(v)}" for k, v in figures.items())


def parse_summary(line: str) -> tuple[str, dict[str, float | str]] | None:
    """The (name, figures) of a summary line, or None when the line is not one."""
    match = _LINE.match(line.strip())
    if not match:
        return None
    figures: dict[str, float | str] = {}
    for part in match.group(2).split(", "):
        key, _, value = part.rpartition(" ")
        key = key.strip().replace(" ", "_").lower()
        if not key:
            return None
        try:
            figures[key] = float(value.rstrip("\u00d7x%"))
        except ValueError:
            figures[key] = value
    return match.group(1), figures
