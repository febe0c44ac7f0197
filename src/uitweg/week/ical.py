"""iCalendar (RFC 5545) for events: one event (the e-mail attachment, the per-event feed) and
the whole programme of an edition, built with the ``icalendar`` library."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//Uitweg//Week tegen Mensenhandel//NL"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def uid(event) -> str:
    return f"week-event-{event.pk}@{settings.SITE_NAME.lower()}"


def vevent(event, *, language: str, url: str = "", status: str = "") -> VEvent:
    item = VEvent()
    item.add("uid", uid(event))
    item.add("dtstamp", timezone.now())
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("summary", event.title_in(language))
    description = event.description_in(language)
    if url:
        description = f"{description}\n\n{url}".strip()
    item.add("description", description)
    place = ", ".join(p for p in (event.venue, event.address) if p) or event.online_url
    if place:
        item.add("location", place)
    if url:
        item.add("url", url)
    item.add("status", status or ("CANCELLED" if event.state == "cancelled" else "CONFIRMED"))
    item.add("sequence", event.version)
    return item


def event_calendar(event, *, language: str, url: str = "") -> bytes:
    cal = _calendar(event.title_in(language))
    cal.add("method", "PUBLISH")
    cal.add_component(vevent(event, language=language, url=url))
    return cal.to_ical()


def programme_calendar(name: str, events: Iterable, *, language: str,
                       url_of=lambda event: "") -> bytes:
    cal = _calendar(name)
    cal.add("method", "PUBLISH")
    for event in events:
        cal.add_component(vevent(event, language=language, url=url_of(event)))
    return cal.to_ical()
