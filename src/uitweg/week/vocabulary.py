"""The Week's fixed vocabularies: audiences, languages, event states and registration states.

The event lifecycle is declared once here (:data:`TRANSITIONS`); services check it through
:func:`may_move`, templates only show it.
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


class MaterialKind(models.TextChoices):
    POSTER = "poster", _("Poster")
    SOCIAL = "social", _("Social-media image")
    FLYER = "flyer", _("Flyer")
    OTHER = "other", _("Other")
