"""Places and the waiting list, as pure rules (no database): what a registration becomes, who
is promoted after a cancellation, whether a capacity change is allowed.

The services call these while holding the event row's lock, so the counts they pass are exact.
"""

from __future__ import annotations

from dataclasses import dataclass

CONFIRMED = "confirmed"
WAITLISTED = "waitlisted"


def new_status(*, capacity: int | None, confirmed: int) -> str:
    """A new registration is confirmed while places are left; otherwise it waits.

    ``capacity`` None means no limit."""
    if capacity is None or confirmed < capacity:
        return CONFIRMED
    return WAITLISTED


def places_left(*, capacity: int | None, confirmed: int) -> int | None:
    return None if capacity is None else max(0, capacity - confirmed)


def promotions(*, capacity: int | None, confirmed: int, waiting: int) -> int:
    """How many people on the waiting list move up now (after a cancellation, or a larger
    capacity): as many as there are free places, at most everyone waiting."""
    if capacity is None:
        return waiting
    return max(0, min(waiting, capacity - confirmed))


@dataclass(frozen=True)
class CapacityCheck:
    allowed: bool
    confirmed: int


def check_capacity_change(*, new_capacity: int | None, confirmed: int) -> CapacityCheck:
    """A capacity below the number already confirmed is refused (nobody is un-invited)."""
    if new_capacity is not None and new_capacity < confirmed:
        return CapacityCheck(False, confirmed)
    return CapacityCheck(True, confirmed)
