"""Reads of the Week: the public programme with filters and the counts each row shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from . import capacity as places
from .models import Edition, Event
from .vocabulary import LANGUAGE_NAMES, Audience, RegistrationStatus


def programme_events(edition: Edition, *, day: date | None = None, audience: str = "",
                     language: str = "") -> list[Event]:
    events = (Event.objects.public().filter(edition=edition)
              .select_related("organisation", "edition")
              .annotate(n_confirmed=Count("registrations", filter=Q(
                  registrations__status=RegistrationStatus.CONFIRMED))))
    if day:
        start = timezone.make_aware(datetime.combine(day, time.min))
        events = events.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
    result = list(events.order_by("starts_at", "pk"))
    if audience:  # JSON lists: filtered in Python (a week has dozens of events, not thousands)
        result = [e for e in result if audience in e.audiences]
    if language:
        result = [e for e in result if language in e.languages]
    return result


@dataclass
class EventRow:
    event: Event
    title: str
    description: str
    lang: str  # the language the texts are shown in
    in_other_language: bool
    languages: list[tuple[str, str]]
    audiences: list[str]
    places_left: int | None
    full: bool
    registration_open: bool
    started: bool


def event_rows(events, language: str) -> list[EventRow]:
    now = timezone.now()
    labels = dict(Audience.choices)
    rows = []
    for event in events:
        confirmed = getattr(event, "n_confirmed", None)
        if confirmed is None:
            confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        left = places.places_left(capacity=event.capacity, confirmed=confirmed)
        shown = event.shown_language(language)
        started = event.starts_at <= now
        rows.append(EventRow(
            event=event, title=event.title_in(language),
            description=event.description_in(language), lang=shown,
            in_other_language=shown != language,
            languages=[(c, LANGUAGE_NAMES.get(c, c)) for c in event.languages],
            audiences=[str(labels.get(a, a)) for a in event.audiences],
            places_left=left, full=left == 0,
            registration_open=(event.registration_required and not event.registration_closed
                               and not started),
            started=started))
    return rows
