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


#: categories of :func:`registration_counts` "attendance" (one per registration, exclusive)
ATTENDANCE = ("checked_in", "registered", "waitlisted", "cancelled")
#: the audience category of an event with more than one audience
MULTIPLE_AUDIENCES = "multiple"


def registration_counts(dimension: str, first_year: int, last_year: int,
                        quarter: int | None = None) -> list[tuple[int, str, int]]:
    """(year, category, count) of registrations, aggregate only (no name, no address): for the
    monitoring figures. The year and quarter are those of the event's start; events published
    or cancelled, as in :mod:`.figures`.

    ``dimension`` "audience": the event's audience, ``multiple`` for an event with more than one
    (so each registration counts once), "" for none. "attendance": ``checked_in``, else
    ``registered`` (confirmed), ``waitlisted`` or ``cancelled``.
    """
    from django.db.models import Case, CharField, Value, When
    from django.db.models.functions import ExtractYear

    from .models import Registration
    from .vocabulary import EventState

    qs = Registration.objects.filter(
        event__state__in=[EventState.PUBLISHED, EventState.CANCELLED],
        event__starts_at__year__gte=first_year, event__starts_at__year__lte=last_year)
    if quarter:
        qs = qs.filter(event__starts_at__quarter=quarter)
    qs = qs.annotate(year=ExtractYear("event__starts_at"))
    if dimension == "attendance":
        category = Case(
            When(checked_in_at__isnull=False, then=Value("checked_in")),
            When(status=RegistrationStatus.CONFIRMED, then=Value("registered")),
            When(status=RegistrationStatus.WAITLISTED, then=Value("waitlisted")),
            default=Value("cancelled"), output_field=CharField())
        rows = qs.annotate(category=category).values("year", "category").annotate(
            n=Count("pk")).order_by()
        return [(r["year"], r["category"], r["n"]) for r in rows]
    if dimension != "audience":
        raise ValueError(f"unknown dimension {dimension!r}")
    per_event = qs.values("year", "event_id").annotate(n=Count("pk")).order_by()
    per_event = list(per_event)
    audiences = dict(Event.objects.filter(pk__in={r["event_id"] for r in per_event})
                     .values_list("pk", "audiences"))  # dozens of events a year
    totals: dict[tuple[int, str], int] = {}
    for r in per_event:
        found = audiences.get(r["event_id"]) or []
        code = found[0] if len(found) == 1 else (MULTIPLE_AUDIENCES if found else "")
        totals[(r["year"], code)] = totals.get((r["year"], code), 0) + r["n"]
    return [(year, code, n) for (year, code), n in totals.items()]
