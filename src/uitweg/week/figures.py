"""Figures per edition, aggregate only: events, registrations, attendance, by audience.

No name or address is read: counts come from status and check-in columns, which retention
keeps. An event counted under several audiences counts once in each.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from .models import Edition, Event
from .vocabulary import Audience, EventState, RegistrationStatus


@dataclass
class Row:
    label: str
    events: int = 0
    confirmed: int = 0
    waitlisted: int = 0
    cancelled: int = 0
    attended: int = 0

    @property
    def attendance_pct(self) -> int | None:
        return round(100 * self.attended / self.confirmed) if self.confirmed else None


@dataclass
class EditionFigures:
    edition: Edition
    total: Row
    by_audience: list[Row] = field(default_factory=list)


def for_edition(edition: Edition) -> EditionFigures:
    events = (Event.objects.filter(edition=edition,
                                   state__in=[EventState.PUBLISHED, EventState.CANCELLED])
              .annotate(
                  n_confirmed=Count("registrations", filter=Q(
                      registrations__status=RegistrationStatus.CONFIRMED)),
                  n_waitlisted=Count("registrations", filter=Q(
                      registrations__status=RegistrationStatus.WAITLISTED)),
                  n_cancelled=Count("registrations", filter=Q(
                      registrations__status=RegistrationStatus.CANCELLED)),
                  n_attended=Count("registrations", filter=Q(
                      registrations__checked_in_at__isnull=False)))
              .values("audiences", "n_confirmed", "n_waitlisted", "n_cancelled", "n_attended"))
    from django.utils.translation import gettext as _

    total = Row(_("All events"))
    rows = {code: Row(str(label)) for code, label in Audience.choices}
    for item in events:
        targets = [total] + [rows[a] for a in item["audiences"] if a in rows]
        for row in targets:
            row.events += 1
            row.confirmed += item["n_confirmed"]
            row.waitlisted += item["n_waitlisted"]
            row.cancelled += item["n_cancelled"]
            row.attended += item["n_attended"]
    return EditionFigures(edition, total, list(rows.values()))
