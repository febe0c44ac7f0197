"""Handling deadlines per priority, in hours (around the clock) or working days (pure Python)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

HOURS = "h"
WORKING_DAYS = "wd"


@dataclass(frozen=True)
class Deadline:
    amount: int
    unit: str  # HOURS or WORKING_DAYS


_ITEM = re.compile(r"^\s*([a-z_]+)\s*=\s*(\d+)\s*(h|wd)\s*$")


def parse(spec: str) -> dict[str, Deadline]:
    """``"urgent=4h,high=1wd"`` → ``{"urgent": Deadline(4, "h"), "high": Deadline(1, "wd")}``."""
    result: dict[str, Deadline] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        match = _ITEM.match(item)
        if not match:
            raise ValueError(f"bad deadline {item!r}; use e.g. urgent=4h or normal=5wd")
        result[match.group(1)] = Deadline(int(match.group(2)), match.group(3))
    return result


def is_working_day(day: date, holidays: Iterable[date] = ()) -> bool:
    return day.weekday() < 5 and day not in set(holidays)


def due_at(start: datetime, deadline: Deadline, holidays: Iterable[date] = ()) -> datetime:
    """When a signal received at ``start`` must have been handled.

    Hours count around the clock. Working days skip weekends and ``holidays``; a signal received
    on a weekend starts counting from the next working day at the same time of day.
    """
    if deadline.unit == HOURS:
        return start + timedelta(hours=deadline.amount)
    holidays = frozenset(holidays)
    # Working days are days in The Hague, not in UTC: a signal received at 00:30 on a Saturday
    # (23:30 UTC on Friday) was received on a Saturday. Arithmetic on a datetime in a zoneinfo
    # zone is wall-clock arithmetic, so "the same time of day" also holds across a DST change.
    moment = _local(start)
    remaining = deadline.amount
    while remaining > 0:
        moment += timedelta(days=1)
        if is_working_day(moment.date(), holidays):
            remaining -= 1
    return moment


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    from django.utils import timezone  # only aware values need the platform's time zone

    return timezone.localtime(moment)


def is_overdue(due: datetime | None, now: datetime) -> bool:
    return due is not None and now > due
