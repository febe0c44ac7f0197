"""The Week's fixed vocabularies: audiences, languages, event states and registration states.

The event lifecycle (:data:`EVENT`) and a registration's states (:data:`REGISTRATION`) are
declared once here as :class:`uitweg.core.states.StateMachine`, like the case, referral and
signal states; services check a step through :func:`may_move` and :func:`move_registration`,
templates only show it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from uitweg.core.states import StateMachine

#: languages an event can be offered in, and the public pages' languages
LANGUAGES = ("nl", "en", "pl", "ro", "bg", "uk")
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English", "pl": "Polski", "ro": "Română",
                  "bg": "Български", "uk": "Українська"}


class Audience(models.TextChoices):
    PUBLIC = "public", _("General public")
    PROFESSIONALS = "professionals", _("Professionals")
    SCHOOLS = "schools", _("Schools")
    EMPLOYERS = "employers", _("Employers")
    LABOUR_MIGRANTS = "labour_migrants", _("Labour migrants")


class EventState(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")


#: The event lifecycle, declared once (``uitweg.core.states``): submitted → approved/rejected →
#: published/cancelled; a rejected event goes back to "submitted" when its organiser changes and
#: resubmits it. Services check a step with :func:`may_move`.
EVENT = StateMachine("week.event", {
    EventState.SUBMITTED: (EventState.APPROVED, EventState.REJECTED),
    EventState.REJECTED: (EventState.SUBMITTED,),
    EventState.APPROVED: (EventState.PUBLISHED, EventState.CANCELLED),
    EventState.PUBLISHED: (EventState.CANCELLED,),
    EventState.CANCELLED: (),
})
TRANSITIONS = EVENT.transitions

#: states in which the organiser may still change the texts and details
EDITABLE = frozenset({EventState.SUBMITTED, EventState.REJECTED, EventState.APPROVED,
                      EventState.PUBLISHED})


def may_move(current: str, target: str) -> bool:
    return EVENT.allows(current, target)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


#: A registration's states, declared once (``uitweg.core.states``): confirmed or on the waiting
#: list when made; waiting → confirmed when a place frees up; either → cancelled (the link in the
#: e-mail); cancelled → confirmed or waiting when the same address registers again. Every status
#: change in :mod:`uitweg.week.registration` goes through :func:`move_registration`.
REGISTRATION = StateMachine("week.registration", {
    RegistrationStatus.CONFIRMED: (RegistrationStatus.CANCELLED,),
    RegistrationStatus.WAITLISTED: (RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED),
    RegistrationStatus.CANCELLED: (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
})


class StatusRefused(ValueError):
    """A status change the machine does not allow (a bug in the caller, never user input)."""


def move_registration(registration, target: str) -> None:
    """Set ``registration.status`` to ``target`` if :data:`REGISTRATION` allows it from the
    current status (a new, unsaved registration may start confirmed or waiting)."""
    current = registration.status if registration.pk else None
    allowed = (target in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
               if current is None else REGISTRATION.allows(current, target))
    if not allowed:
        raise StatusRefused(f"registration {registration.pk}: {current} → {target}")
    registration.status = target


class MaterialKind(models.TextChoices):
    POSTER = "poster", _("Poster")
    SOCIAL = "social", _("Social-media image")
    FLYER = "flyer", _("Flyer")
    OTHER = "other", _("Other")
