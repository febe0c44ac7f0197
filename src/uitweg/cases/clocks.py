"""Legal clocks: reflection period, residence permit (B8/3), shelter placement. Pure; no database.

Month arithmetic clamps to the end of the month: 31 January + 1 month = 28 (or 29) February.
A period of N months starting on day S ends the day before the same day N months later.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .purerror import PureError
from .purerror import mark as _

REFLECTION_MAX_MONTHS = 3
PERMIT_VALID_MONTHS = 12  # temporary B8/3 permit: 1 year, renewable
NON_TEMPORARY_AFTER_MONTHS = 36  # a non-temporary permit may follow after 3 years
COSM_PLACEMENT_MONTHS = 3
HORIZON_DAYS = 14
URGENT_DAYS = 3


class ClockError(PureError):
    """Dates that cannot be right; ``str(exc)`` is the reason for the user."""


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def period_end(start: date, months: int) -> date:
    """Last day of a period of ``months`` months from ``start`` (inclusive)."""
    return add_months(start, months) - timedelta(days=1)


def reflection_end(start: date, end: date | None = None) -> date:
    """End of the reflection period: ``end`` if given and valid, else the 3-month maximum."""
    latest = period_end(start, REFLECTION_MAX_MONTHS)
    if end is None:
        return latest
    if end < start:
        raise ClockError(_("The reflection period cannot end before it starts."))
    if end > latest:
        raise ClockError(_("The reflection period lasts at most 3 months (until %(date)s)."),
                         date=latest)
    return end


def permit_expiry(valid_from: date) -> date:
    return period_end(valid_from, PERMIT_VALID_MONTHS)


def non_temporary_from(valid_from: date) -> date:
    return add_months(valid_from, NON_TEMPORARY_AFTER_MONTHS)


def check_permit_dates(*, crime_reported_on: date | None, applied_on: date | None,
                       decision_on: date | None, valid_from: date | None) -> None:
    if applied_on and crime_reported_on and applied_on < crime_reported_on:
        raise ClockError(_("Reporting the crime counts as the application; the application "
                           "cannot be earlier than the report."))
    if decision_on and applied_on and decision_on < applied_on:
        raise ClockError(_("The decision cannot be earlier than the application."))
    if valid_from and not (applied_on or crime_reported_on):
        raise ClockError(_("A permit needs an application or a report of the crime first."))


@dataclass(frozen=True)
class Deadline:
    kind: str
    label: str
    due: date

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def urgency(self, today: date) -> str:
        """overdue / urgent (≤3 days) / soon (≤14 days) / later."""
        left = self.days_left(today)
        if left < 0:
            return "overdue"
        if left <= URGENT_DAYS:
            return "urgent"
        if left <= HORIZON_DAYS:
            return "soon"
        return "later"


#: every kind of legal deadline and its label (English, translated when shown)
DEADLINE_LABELS = {
    "reflection_end": _("End of reflection period"),
    "permit_expiry": _("Residence permit expires (renew before)"),
    "permit_non_temporary": _("Non-temporary residence permit possible"),
    "shelter_end": _("End of COSM shelter placement"),
}


def _deadline(kind: str, due: date) -> Deadline:
    return Deadline(kind, DEADLINE_LABELS[kind], due)


def deadlines(*, reflection_start: date | None = None, reflection_end_on: date | None = None,
              crime_reported_on: date | None = None, permit_applied_on: date | None = None,
              permit_decision_on: date | None = None, permit_valid_from: date | None = None,
              shelter_kind: str = "", shelter_start: date | None = None) -> list[Deadline]:
    """Every deadline that follows from the recorded dates, soonest first."""
    found: list[Deadline] = []
    if reflection_start:
        found.append(_deadline("reflection_end",
                               reflection_end(reflection_start, reflection_end_on)))
    if permit_valid_from:
        found.append(_deadline("permit_expiry", permit_expiry(permit_valid_from)))
        found.append(_deadline("permit_non_temporary", non_temporary_from(permit_valid_from)))
    if shelter_kind == "cosm" and shelter_start:
        found.append(_deadline("shelter_end", period_end(shelter_start, COSM_PLACEMENT_MONTHS)))
    return sorted(found, key=lambda d: d.due)


def upcoming(found: list[Deadline], today: date, horizon: int = HORIZON_DAYS) -> list[Deadline]:
    """Deadlines from today up to ``horizon`` days ahead (the dashboard's 14 and 3 days)."""
    return [d for d in found if 0 <= d.days_left(today) <= horizon]
