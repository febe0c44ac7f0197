"""Opening hours of the chat: parsing and checking, without Django (pure, tested on its own).

Format: ``"mon-fri 14:00-22:00; sat-sun 16:00-22:00"`` in local time; ``24:00`` is midnight at
the end of the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Slot:
    weekday: int  # Monday = 0
    start: int  # minutes after midnight
    end: int  # minutes after midnight, up to 24 * 60


def _minutes(text: str) -> int:
    hours, minutes = text.strip().split(":")
    value = int(hours) * 60 + int(minutes)
    if not 0 <= value <= 24 * 60 or not 0 <= int(minutes) < 60:
        raise ValueError(f"not a time: {text!r}")
    return value


def _days(text: str) -> list[int]:
    text = text.strip().lower()
    if "-" in text:
        first, last = (DAYS.index(part.strip()) for part in text.split("-", 1))
        if last < first:
            return list(range(first, 7)) + list(range(0, last + 1))
        return list(range(first, last + 1))
    return [DAYS.index(part.strip()) for part in text.split(",")]


def parse(spec: str) -> list[Slot]:
    """Parse the opening-hours setting; raise ``ValueError`` on a malformed part."""
    slots = []
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        try:
            days, times = part.split()
            start, end = (_minutes(t) for t in times.split("-"))
            weekdays = _days(days)
        except ValueError as exc:
            raise ValueError(f"opening hours: cannot read {part!r}") from exc
        if end <= start:
            raise ValueError(f"opening hours: {part!r} ends before it starts")
        slots.extend(Slot(day, start, end) for day in weekdays)
    return slots


def is_open(slots: list[Slot], now: dt.datetime) -> bool:
    minute = now.hour * 60 + now.minute
    return any(s.weekday == now.weekday() and s.start <= minute < s.end for s in slots)


def describe(slots: list[Slot]) -> list[tuple[int, str]]:
    """``[(weekday, "14:00-22:00"), …]`` in week order, for display."""
    def fmt(m: int) -> str:
        return f"{m // 60:02d}:{m % 60:02d}"

    return [(s.weekday, f"{fmt(s.start)}-{fmt(s.end)}")
            for s in sorted(slots, key=lambda s: (s.weekday, s.start))]
