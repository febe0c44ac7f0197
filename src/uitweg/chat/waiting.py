"""How long a young person will wait: pure arithmetic, no database (issue 10, item 11).

The inputs are what is true *now*: the counsellors of the channel who have the console open
(:mod:`uitweg.chat.availability`), how many chats each already holds, how many one counsellor
can hold (``CHAT_COUNSELLOR_CAPACITY``) and how long a chat lasts (the median of the channel's
recent chats, else ``CHAT_AVERAGE_MINUTES``).

The model: every available counsellor has ``capacity`` places. A free place is taken by the
first waiting chat; once all free places are taken, a place frees every ``average / places``
minutes on average. So number ``position`` in the queue waits about
``(position - free) * average / places`` minutes, and at least a minute. Nobody available
means there is no honest number: :func:`estimate` returns ``None`` and the page says so.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Ended chats whose median length is the average (most recent first).
SAMPLE = 20
#: Fewer measured chats than this: the setting is used instead.
MIN_SAMPLE = 5


@dataclass(frozen=True)
class Staffing:
    """The counsellors available for one channel now: the chats each already holds."""

    loads: tuple[int, ...]
    capacity: int
    average_minutes: float

    @property
    def available(self) -> int:
        return len(self.loads)

    @property
    def places(self) -> int:
        return self.available * max(1, self.capacity)

    @property
    def free(self) -> int:
        cap = max(1, self.capacity)
        return sum(cap - min(cap, max(0, load)) for load in self.loads)


def estimate(position: int, staffing: Staffing) -> int | None:
    """Minutes number ``position`` (1 = first) waits; ``None`` when nobody is available."""
    if staffing.available == 0:
        return None
    behind_free = max(0, position - staffing.free)
    minutes = behind_free * max(1.0, staffing.average_minutes) / staffing.places
    return max(1, math.ceil(minutes))


def average_minutes(durations: Iterable[float], *, fallback: float) -> float:
    """Median length in minutes of the recent chats; ``fallback`` if too few were measured."""
    measured: Sequence[float] = [d for d in durations if d > 0]
    if len(measured) < MIN_SAMPLE:
        return float(fallback)
    return float(statistics.median(measured))
