"""Public registration for an event: places, the waiting list, cancellation, check-in, reminders.

Concurrency: every change of an event's registrations locks the event row first
(``SELECT … FOR UPDATE OF`` the event on PostgreSQL; SQLite serialises writers with
``BEGIN IMMEDIATE``), then counts and decides with the pure rules of :mod:`.capacity`. So 500
people registering at once for 100 places give exactly 100 confirmed (``make
bench-registration``). A second registration with the same address (blind index, unique per
event) changes nothing and says so.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uitweg.accounts.models import User
from uitweg.audit.models import Action
from uitweg.audit.service import actor_for, record
from uitweg.crypto.index import blind_index, normalise_text

from . import capacity as places
from . import mail, permissions, tokens
from .models import Event, Registration
from .services import lock_event
from .vocabulary import (
    LANGUAGES,
    REGISTRATION,
    EventState,
    RegistrationStatus,
    move_registration,
)

CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
CANCELLED = RegistrationStatus.CANCELLED

# outcome codes of a registration (shown on the result page)
NEW_CONFIRMED = "confirmed"
NEW_WAITLISTED = "waitlisted"
ALREADY_CONFIRMED = "already_confirmed"
ALREADY_WAITLISTED = "already_waitlisted"

# refusal codes
NOT_OPEN = "not_open"
NO_REGISTRATION = "no_registration"
STARTED = "started"
CLOSED = "closed"
FORGED = "forged"
USED = "used"


class RegistrationRefused(ValidationError):
    def __init__(self, message, code):
        super().__init__(message, code=code)
        self.reason = code


def email_digest(email: str) -> str:
    """The blind index of an address, in its own domain (it never matches another app's)."""
    return blind_index(email, normalise=normalise_text, domain="week-registration-email")


@dataclass(frozen=True)
class Registered:
    outcome: str
    registration: Registration


def _refuse_closed(event: Event, now: datetime) -> None:
    if event.state != EventState.PUBLISHED or not event.edition.published:
        raise RegistrationRefused(_("This event is not open for registration."), NOT_OPEN)
    if not event.registration_required:
        raise RegistrationRefused(_("This event needs no registration: you can just come."),
                                  NO_REGISTRATION)
    if event.starts_at <= now:
        raise RegistrationRefused(_("This event has already started; registration is no "
                                    "longer possible."), STARTED)
    if event.registration_closed:
        raise RegistrationRefused(_("Registration for this event is closed."), CLOSED)


def clean_person(name: str, email: str) -> tuple[str, str]:
    errors = {}
    name = " ".join((name or "").split())
    email = (email or "").strip()
    if not name:
        errors["name"] = [_("Give your name.")]
    elif len(name) > 200:
        errors["name"] = [_("A name has at most 200 characters.")]
    try:
        validate_email(email)
        if len(email) > 254:
            raise ValidationError("too long")
    except ValidationError:
        errors["email"] = [_("Give a valid e-mail address, like name@example.nl.")]
    if errors:
        raise ValidationError(errors)
    return name, email


@transaction.atomic
def register(*, event_id: int, name: str, email: str, language: str, link_base: str,
             now: datetime | None = None) -> Registered:
    """Register (no account). Confirmed while places are left, else on the waiting list."""
    name, email = clean_person(name, email)
    now = now or timezone.now()
    event = lock_event(event_id)
    _refuse_closed(event, now)
    language = language if language in LANGUAGES else "nl"
    digest = email_digest(email)
    existing = Registration.objects.filter(event=event, email_digest=digest).first()
    if existing is not None and existing.status != CANCELLED:
        outcome = ALREADY_CONFIRMED if existing.status == CONFIRMED else ALREADY_WAITLISTED
        return Registered(outcome, existing)
    confirmed = Registration.objects.filter(event=event, status=CONFIRMED).count()
    status = places.new_status(capacity=event.capacity, confirmed=confirmed)
    registration = existing or Registration(event=event, email_digest=digest)
    registration.name, registration.email, registration.language = name, email, language
    move_registration(registration, status)
    registration.cancel_nonce = secrets.token_urlsafe(16)
    registration.created_at = registration.queued_at = now
    registration.cancelled_at = registration.promoted_at = registration.reminded_at = None
    registration.save()
    mail.send_after_commit(status, registration, link_base=link_base)
    return Registered(NEW_CONFIRMED if status == CONFIRMED else NEW_WAITLISTED, registration)


def promote_waiting(event: Event, *, link_base: str, now: datetime | None = None
                    ) -> list[Registration]:
    """Move people up from the waiting list while places are free (the caller holds the
    event's lock). Each promoted person is e-mailed after the commit."""
    confirmed = Registration.objects.filter(event=event, status=CONFIRMED).count()
    waiting = Registration.objects.filter(event=event, status=WAITLISTED)
    count = places.promotions(capacity=event.capacity, confirmed=confirmed,
                              waiting=waiting.count())
    promoted = list(waiting.order_by("queued_at", "pk")[:count])
    now = now or timezone.now()
    for registration in promoted:
        move_registration(registration, CONFIRMED)
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        if link_base and registration.email:
            mail.send_after_commit("promoted", registration, link_base=link_base)
    return promoted


@dataclass(frozen=True)
class Cancelled:
    event: Event
    promoted: list[Registration]


@transaction.atomic
def cancel(*, token: str, link_base: str, now: datetime | None = None) -> Cancelled:
    """Cancel with the signed link from the e-mail; the next on the waiting list moves up.

    A changed link is refused as forged; a link used before (or of an erased registration)
    as used — both with a clear message, nothing changed."""
    try:
        registration_id, nonce = tokens.read_cancel_token(token)
    except tokens.BadToken:
        raise RegistrationRefused(_("This cancellation link is not valid. Use the link from "
                                    "your e-mail exactly as it is."), FORGED) from None
    event_id = (Registration.objects.filter(pk=registration_id)
                .values_list("event_id", flat=True).first())
    if event_id is None:
        raise RegistrationRefused(_("This cancellation link is not valid. Use the link from "
                                    "your e-mail exactly as it is."), FORGED)
    event = lock_event(event_id)
    registration = Registration.objects.get(pk=registration_id)
    if not REGISTRATION.allows(registration.status, CANCELLED) or not registration.cancel_nonce \
            or not secrets.compare_digest(registration.cancel_nonce, nonce):
        raise RegistrationRefused(_("This cancellation link has already been used: the "
                                    "registration is cancelled."), USED)
    move_registration(registration, CANCELLED)
    registration.cancelled_at = now or timezone.now()
    registration.cancel_nonce = ""
    registration.save(update_fields=["status", "cancelled_at", "cancel_nonce"])
    promoted = promote_waiting(event, link_base=link_base, now=now)
    return Cancelled(event, promoted)


def event_for_token(token: str) -> Event | None:
    """The event a cancellation link is about (for the confirmation page), or None."""
    try:
        registration_id, _nonce = tokens.read_cancel_token(token)
    except tokens.BadToken:
        return None
    registration = Registration.objects.select_related("event").filter(
        pk=registration_id).first()
    return registration.event if registration else None


@transaction.atomic
def check_in(*, by: User, registration_id: int, present: bool,
             now: datetime | None = None) -> Registration:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    lock_event(registration.event_id)
    permissions.require_organiser(by, registration.event)
    if registration.status != CONFIRMED:
        raise ValidationError(_("Only confirmed participants can be checked in."))
    registration.checked_in_at = (now or timezone.now()) if present else None
    registration.save(update_fields=["checked_in_at"])
    record(actor=actor_for(by), action=Action.UPDATE, object_type="week.registration",
           object_id=registration.pk, object_label=str(registration), purpose="week check-in")
    return registration


def reminders_due(now: datetime | None = None):
    """Confirmed registrations for published events starting tomorrow (local date), not yet
    reminded."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))
    end = start + timedelta(days=1)
    return (Registration.objects.filter(
        status=CONFIRMED, reminded_at__isnull=True, event__state=EventState.PUBLISHED,
        event__starts_at__gte=start, event__starts_at__lt=end).filter(erased_at__isnull=True)
        .select_related("event"))


def send_reminders(*, link_base: str, now: datetime | None = None) -> int:
    """E-mail each due registrant once (idempotent: ``reminded_at`` is set in the same
    transaction as the message is queued, and re-checked under the row lock)."""
    sent = 0
    for pk in list(reminders_due(now).values_list("pk", flat=True)):
        with transaction.atomic():
            registration = (Registration.objects.select_for_update(of=("self",))
                            .select_related("event").get(pk=pk))
            if registration.reminded_at is not None or registration.status != CONFIRMED:
                continue
            registration.reminded_at = now or timezone.now()
            registration.save(update_fields=["reminded_at"])
            mail.send_after_commit("reminder", registration, link_base=link_base)
            sent += 1
    return sent
