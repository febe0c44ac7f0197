"""The Week's e-mails to registrants, in the language they registered in.

Sent after the commit (``transaction.on_commit``), so a rolled-back registration sends nothing.
The confirmation carries the event as an ``.ics`` attachment and the cancellation link.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from uitweg.core import dates

from . import ical, tokens


def cancel_url(registration, link_base: str) -> str:
    token = tokens.cancel_token(registration.pk, registration.cancel_nonce)
    with translation.override(registration.language):
        path = reverse("week_public:cancel", kwargs={"token": token})
    return link_base.rstrip("/") + path


def event_url(event, language: str, link_base: str) -> str:
    with translation.override(language):
        return link_base.rstrip("/") + reverse("week_public:event", args=[event.pk])


def _when(event) -> str:
    return (f"{dates.format_moment(event.starts_at, weekday=True)}"
            f"–{dates.format_clock(event.ends_at)}")  # noqa: RUF001


def _where(event) -> str:
    return ", ".join(p for p in (event.venue, event.address) if p) or event.online_url


def _details(event, language) -> str:
    return "\n".join([
        event.title_in(language),
        _("When: %(when)s") % {"when": _when(event)},
        _("Where: %(where)s") % {"where": _where(event)},
    ])


def build(kind: str, registration, *, link_base: str) -> EmailMessage:
    """The message of ``kind`` ("confirmed", "waitlisted", "promoted", "reminder",
    "event_cancelled") for one registration."""
    event = registration.event
    language = registration.language
    with translation.override(language):
        details = _details(event, language)
        cancel = cancel_url(registration, link_base)
        page = event_url(event, language, link_base)
        greeting = _("Dear %(name)s,") % {"name": registration.name or _("participant")}
        footer = _("Cannot come? Cancel with this link, so someone on the waiting list gets "
                   "your place:\n%(link)s") % {"link": cancel}
        attach = kind in ("confirmed", "promoted", "reminder")
        if kind == "confirmed":
            subject = _("Registration confirmed: %(title)s") % {"title": event.title_in(language)}
            lead = _("You are registered. The event is in the attached calendar file.")
        elif kind == "promoted":
            subject = _("A place for you: %(title)s") % {"title": event.title_in(language)}
            lead = _("Someone cancelled: you moved up from the waiting list and are now "
                     "registered. The event is in the attached calendar file.")
        elif kind == "waitlisted":
            subject = _("On the waiting list: %(title)s") % {"title": event.title_in(language)}
            lead = _("The event is full. You are on the waiting list; when a place becomes "
                     "free you get it automatically and we e-mail you.")
        elif kind == "reminder":
            subject = _("Tomorrow: %(title)s") % {"title": event.title_in(language)}
            lead = _("A reminder: the event is tomorrow.")
        else:  # "event_cancelled"
            subject = _("Cancelled: %(title)s") % {"title": event.title_in(language)}
            lead = _("We are sorry: the organiser has cancelled this event.")
            footer = ""
        body = "\n\n".join(p for p in (greeting, lead, details, page, footer) if p)
        body += "\n\n— " + _("The Hague Week against Human Trafficking")
    message = EmailMessage(subject=subject, body=body, to=[registration.email],
                           from_email=settings.DEFAULT_FROM_EMAIL)
    if attach:
        message.attach(f"week-{event.pk}.ics",
                       ical.event_calendar(event, language=language, url=page),
                       "text/calendar; charset=utf-8; method=PUBLISH")
    return message


def _after_commit(send) -> None:
    transaction.on_commit(send)


def send_after_commit(kind: str, registration, *, link_base: str) -> None:
    message = build(kind, registration, link_base=link_base)
    _after_commit(lambda: message.send(fail_silently=False))
