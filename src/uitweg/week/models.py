"""Editions of the Week against Human Trafficking, their events, registrations and toolkit.

Texts that differ per language (an edition's theme and intro, an event's title and description)
are JSON objects keyed by language code; an event is *offered* in the languages of its title.
Registrants' names and e-mail addresses are encrypted; a second registration with the same
address is found through a blind index (``email_digest``), never the plaintext. Registrations
are seen only by the organising organisation's editors and publishers (:func:`visible_filter`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.models import Organisation
from uitweg.accounts.roles import OrganisationKind, Role
from uitweg.crypto.fields import EncryptedCharField

from .vocabulary import EventState, MaterialKind, RegistrationStatus

WEEK_ROLES = frozenset({Role.EDITOR, Role.PUBLISHER})


def in_language(texts: dict, language: str | None = None) -> tuple[str, str]:
    """(text, language) of a per-language text: the asked language, else Dutch, else any."""
    language = (language or get_language() or "nl")[:2]
    for code in (language, "nl", "en", *sorted(texts or {})):
        if (texts or {}).get(code):
            return texts[code], code
    return "", language


def _week_staff(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active
                and user.organisation_id and user.has_role(*WEEK_ROLES))


def visible_filter(user, *, prefix: str = "") -> Q:
    """Registrations: the editors and publishers of the organising organisation only."""
    if not _week_staff(user):
        return Q(pk__in=[])
    return Q(**{f"{prefix}organisation_id": user.organisation_id})


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Events a staff member works with: their organisation's, and every event for a
        publisher of the municipality (who reviews them)."""
        if not _week_staff(user):
            return self.none()
        if user.has_role(Role.PUBLISHER) and user.organisation.kind == \
                OrganisationKind.MUNICIPALITY:
            return self
        return self.filter(organisation_id=user.organisation_id)

    def public(self):
        return self.filter(state=EventState.PUBLISHED, edition__published=True)


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(visible_filter(user, prefix="event__"))

    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)


class Edition(models.Model):
    year = models.PositiveIntegerField(_("year"), unique=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    theme = models.JSONField(_("theme"), default=dict, blank=True)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    published = models.BooleanField(_("programme public"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    audit_label = property(__str__)

    def theme_in(self, language=None) -> str:
        return in_language(self.theme, language)[0]

    def intro_in(self, language=None) -> str:
        return in_language(self.intro, language)[0]


class Event(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="events",
                                verbose_name=_("edition"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("organiser"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    languages = models.JSONField(_("languages"), default=list)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    accessibility = models.TextField(_("accessibility"), max_length=1000, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    audiences = models.JSONField(_("audiences"), default=list)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    registration_required = models.BooleanField(_("registration required"), default=True)
    registration_closed = models.BooleanField(_("registration closed"), default=False)
    state = models.CharField(_("state"), max_length=16, choices=EventState.choices,
                             default=EventState.SUBMITTED)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    review_note = models.TextField(_("review note"), max_length=1000, blank=True)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"E-{self.pk}"

    audit_label = property(__str__)

    def title_in(self, language=None) -> str:
        return in_language(self.title, language)[0]

    def description_in(self, language=None) -> str:
        return in_language(self.description, language)[0]

    def shown_language(self, language=None) -> str:
        return in_language(self.title, language)[1]

    @property
    def is_online(self) -> bool:
        return bool(self.online_url) and not self.venue

    def get_absolute_url(self) -> str:
        return reverse("week_public:event", args=[self.pk])


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    name = EncryptedCharField(_("name"), max_length=200, blank=True)
    email = EncryptedCharField(_("e-mail address"), max_length=254, blank=True)
    email_digest = models.CharField(max_length=64, blank=True)
    language = models.CharField(max_length=8, default="nl")
    status = models.CharField(max_length=16, choices=RegistrationStatus.choices)
    #: a random value in the cancellation link; a new one on every (re-)registration
    cancel_nonce = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(default=timezone.now)  # place on the waiting list
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["queued_at", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["event", "email_digest"], condition=~Q(email_digest=""),
            name="week_registration_once_per_address")]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"R-{self.pk}"

    audit_label = property(__str__)


class Material(models.Model):
    """A toolkit file (poster, image, PDF) of an edition, stored in the database: an upload is
    saved completely or not at all, and needs no media folder (ADR 0098)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=16, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title
