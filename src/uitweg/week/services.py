"""Writes for editions and events (registrations: :mod:`uitweg.week.registration`; toolkit:
:mod:`uitweg.week.materials`). Keyword-only, in a transaction, the row locked, the actor checked
through :mod:`uitweg.week.permissions`, then the rules, then the write and one audit entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record
from uitweg.core import dates

from . import capacity as places
from . import mail, permissions
from .models import Edition, Event, Registration
from .vocabulary import LANGUAGES, Audience, EventState, RegistrationStatus, may_move

MAX_TEXT = 5000


@dataclass
class EventData:
    title: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    description: dict[str, str] = field(default_factory=dict)
    venue: str = ""
    address: str = ""
    accessibility: str = ""
    online_url: str = ""
    audiences: list[str] = field(default_factory=list)
    capacity: int | None = None
    registration_required: bool = True


def _audit(by: User, action: str, obj, purpose: str = "week") -> None:
    record(actor=actor_for(by), action=action, object_type=obj._meta.label_lower,
           object_id=obj.pk, object_label=str(obj), purpose=purpose)


def lock_event(event_id: int) -> Event:
    """The event row, locked until the transaction ends (``FOR UPDATE OF`` the event only:
    the joined edition and organisation stay unlocked)."""
    return (Event.objects.select_for_update(of=("self",)).select_related("edition")
            .get(pk=event_id))


def _clean_texts(texts: dict[str, str]) -> dict[str, str]:
    return {code: str(value).strip() for code, value in (texts or {}).items()
            if code in LANGUAGES and str(value or "").strip()}


def validate_event(data: EventData, edition: Edition) -> dict:
    """The event's fields, or one ``ValidationError`` naming every bad field."""
    errors: dict[str, list[str]] = {}
    title = _clean_texts(data.title)
    description = _clean_texts(data.description)
    if not title:
        errors["title"] = [_("Give a title in at least one language.")]
    if any(len(t) > 200 for t in title.values()):
        errors.setdefault("title", []).append(_("A title has at most 200 characters."))
    if any(len(t) > MAX_TEXT for t in description.values()):
        errors["description"] = [_("A description has at most 5000 characters.")]
    if set(description) - set(title):
        errors.setdefault("description", []).append(
            _("Give a title in every language that has a description."))
    if data.ends_at <= data.starts_at:
        errors["ends_at"] = [_("The end is after the start.")]
    local_start = timezone.localtime(data.starts_at).date()
    if not edition.starts_on <= local_start <= edition.ends_on:
        errors["starts_at"] = [_("The event is during the Week: %(first)s to %(last)s.") % {
            "first": dates.format_day(edition.starts_on),
            "last": dates.format_day(edition.ends_on)}]
    if not (data.venue.strip() or data.online_url.strip()):
        errors["venue"] = [_("Give a venue, an online link, or both.")]
    audiences = [a for a in data.audiences if a in Audience.values]
    if not audiences or len(audiences) != len(data.audiences):
        errors["audiences"] = [_("Choose at least one audience.")]
    if data.registration_required and data.capacity is not None and data.capacity < 1:
        errors["capacity"] = [_("An event with registration has at least 1 place.")]
    if errors:
        raise ValidationError(errors)
    return {"title": title, "description": description, "languages": [
                code for code in LANGUAGES if code in title],
            "starts_at": data.starts_at, "ends_at": data.ends_at,
            "venue": data.venue.strip(), "address": data.address.strip(),
            "accessibility": data.accessibility.strip(), "online_url": data.online_url.strip(),
            "audiences": audiences, "capacity": data.capacity,
            "registration_required": data.registration_required}


@transaction.atomic
def save_edition(*, by: User, year: int, starts_on: date, ends_on: date,
                 theme: dict[str, str], intro: dict[str, str], published: bool = False,
                 edition_id: int | None = None, expected_version: int | None = None) -> Edition:
    permissions.require_publisher(by)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": [_("The last day is on or after the first day.")]})
    if edition_id is None:
        if Edition.objects.filter(year=year).exists():
            raise ValidationError({"year": [_("There is already an edition for %(year)s.") % {
                "year": year}]})
        edition = Edition(year=year)
        action = Action.CREATE
    else:
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        if expected_version != edition.version:
            raise ValidationError(_("Someone else changed this edition meanwhile; reload it."))
        edition.version += 1
        action = Action.UPDATE
    edition.starts_on, edition.ends_on = starts_on, ends_on
    edition.theme, edition.intro = _clean_texts(theme), _clean_texts(intro)
    edition.published = published
    edition.save()
    _audit(by, action, edition)
    return edition


@transaction.atomic
def submit_event(*, by: User, edition_id: int, data: EventData) -> Event:
    """An editor (or publisher) submits an event of their own organisation for review."""
    permissions.require_week_staff(by)
    edition = Edition.objects.get(pk=edition_id)
    fields = validate_event(data, edition)
    event = Event.objects.create(edition=edition, organisation_id=by.organisation_id,
                                 submitted_by=by, state=EventState.SUBMITTED, **fields)
    _audit(by, Action.CREATE, event)
    return event


@transaction.atomic
def update_event(*, by: User, event_id: int, expected_version: int, data: EventData,
                 link_base: str = "") -> Event:
    """Change an event. Lowering the places below the confirmed count is refused with the
    count; more places move people up from the waiting list. A rejected event is submitted
    again."""
    event = lock_event(event_id)
    permissions.require_organiser_or_publisher(by, event)
    if event.state == EventState.CANCELLED:
        raise ValidationError(_("A cancelled event cannot be changed."))
    if expected_version != event.version:
        raise ValidationError(_("Someone else changed this event meanwhile; reload it."))
    fields = validate_event(data, event.edition)
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    verdict = places.check_capacity_change(new_capacity=fields["capacity"], confirmed=confirmed)
    if not verdict.allowed:
        raise ValidationError({"capacity": [_(
            "%(count)s people are already confirmed: the number of places cannot be lower "
            "than %(count)s.") % {"count": verdict.confirmed}]}, code="below_confirmed")
    for name, value in fields.items():
        setattr(event, name, value)
    if event.state == EventState.REJECTED:
        event.state = EventState.SUBMITTED
    event.version += 1
    event.save()
    from .registration import promote_waiting  # registration imports this module

    promote_waiting(event, link_base=link_base)
    _audit(by, Action.UPDATE, event)
    return event


DECISIONS = {"approve": EventState.APPROVED, "reject": EventState.REJECTED,
             "publish": EventState.PUBLISHED, "cancel": EventState.CANCELLED}


@transaction.atomic
def decide_event(*, by: User, event_id: int, decision: str, note: str = "",
                 link_base: str = "") -> Event:
    """approve / reject / publish (a publisher of the municipality) or cancel (that publisher
    or the organiser); every move is checked against the declared transitions."""
    event = lock_event(event_id)
    target = DECISIONS.get(decision)
    if target is None:
        raise ValidationError(_("Unknown decision."))
    if target == EventState.CANCELLED:
        permissions.require_organiser_or_publisher(by, event)
    else:
        permissions.require_publisher(by)
    if not may_move(event.state, target):
        raise ValidationError(_("This event is %(state)s: it cannot become %(target)s.") % {
            "state": event.get_state_display(), "target": EventState(target).label})
    if target == EventState.REJECTED and not note.strip():
        raise ValidationError({"note": [_("Say why the event is rejected.")]})
    event.state = target
    event.review_note = note.strip()[:1000]
    if target != EventState.CANCELLED:
        event.reviewed_by = by
    event.version += 1
    event.save()
    if target == EventState.CANCELLED and link_base:
        for registration in event.registrations.active().filter(erased_at__isnull=True):
            mail.send_after_commit("event_cancelled", registration, link_base=link_base)
    _audit(by, Action.UPDATE, event)
    return event


@transaction.atomic
def set_registration_closed(*, by: User, event_id: int, closed: bool) -> Event:
    event = lock_event(event_id)
    permissions.require_organiser_or_publisher(by, event)
    event.registration_closed = closed
    event.version += 1
    event.save(update_fields=["registration_closed", "version"])
    _audit(by, Action.UPDATE, event)
    return event


def confirmed_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
