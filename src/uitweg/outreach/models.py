"""Online outreach: platforms and templates (kept by the team lead), rounds, contacts.

Row-level access is one SQL filter, :func:`visible_filter`: the outreach team (outreach workers
and team leads) of the record's organisation; nobody else sees outreach records. A contact's
handle and phone are stored encrypted, and found only through :class:`ContactIdentifier` blind
indexes, unique per organisation, so a contact created twice in a race is one contact.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.models import Organisation
from uitweg.accounts.roles import Role
from uitweg.crypto.fields import EncryptedCharField, EncryptedTextField

from .vocabulary import FollowUp, Response, TargetGroup, TemplateLanguage

#: the outreach team: who sees outreach records of their organisation
OUTREACH_ROLES = frozenset({Role.OUTREACH_WORKER, Role.OUTREACH_LEAD})

MAX_NOTE = 2000


def visible_filter(user, *, prefix: str = "") -> Q:
    """The ``Q`` keeping the records of ``user``'s outreach team; ``prefix`` e.g.
    ``"contact__"``."""
    if not (user is not None and getattr(user, "is_authenticated", False) and user.is_active
            and user.organisation_id and user.has_role(*OUTREACH_ROLES)):
        return Q(pk__in=[])
    return Q(**{f"{prefix}organisation_id": user.organisation_id})


class TeamQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(visible_filter(user))


class Platform(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    active = models.BooleanField(_("in use"), default=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"],
                                               name="outreach_platform_unique_name")]

    def __str__(self) -> str:
        return self.name


class MessageTemplate(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    language = models.CharField(_("language"), max_length=8, choices=TemplateLanguage.choices)
    text = models.TextField(_("text"), max_length=MAX_NOTE)
    version = models.PositiveIntegerField(default=1)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["name", "language"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name", "language"],
                                               name="outreach_template_unique_language")]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class Round(models.Model):
    """A shift on one platform."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("outreach worker"))
    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="rounds",
                                 verbose_name=_("platform"))
    target_group = models.CharField(_("target group"), max_length=16,
                                    choices=TargetGroup.choices)
    region = models.CharField(_("region"), max_length=100)
    started_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    profiles_seen = models.PositiveIntegerField(_("profiles seen"), default=0)
    profiles_contacted = models.PositiveIntegerField(_("profiles contacted"), default=0)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["organisation", "worker", "closed_at"])]

    def __str__(self) -> str:
        return f"R-{self.pk}"

    audit_label = property(__str__)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def get_absolute_url(self) -> str:
        return reverse("outreach:round", args=[self.pk])


class Contact(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("platform"))
    first_round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="contacts")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    handle = EncryptedCharField(_("handle"), max_length=200, blank=True)
    phone = EncryptedCharField(_("phone number"), max_length=40, blank=True)
    target_group = models.CharField(_("target group"), max_length=16,
                                    choices=TargetGroup.choices)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    first_contact_on = models.DateField(_("first contact"), default=timezone.localdate)
    last_contact_on = models.DateField(_("last contact"), default=timezone.localdate,
                                       db_index=True)
    response = models.CharField(_("response"), max_length=16, choices=Response.choices,
                                default=Response.NONE)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    consent_notes = EncryptedTextField(_("consent notes"), blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True,
                                      db_index=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["-last_contact_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "next_follow_up"])]

    def __str__(self) -> str:
        return f"C-{self.pk}"

    audit_label = property(__str__)

    def get_absolute_url(self) -> str:
        return reverse("outreach:contact", args=[self.pk])


class ContactIdentifier(models.Model):
    """The blind index of a contact's handle or phone (never the value)."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="identifiers")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16)
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "digest"],
                                               name="outreach_identifier_once_per_team")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.digest[:8]}"


class ContactMessage(models.Model):
    """A contact moment, with the template of the message sent if any (never its text)."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="messages")
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    template = models.ForeignKey(MessageTemplate, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(max_length=8, choices=TemplateLanguage.choices, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at"]

    def __str__(self) -> str:
        return f"{self.contact_id}@{self.sent_at:%Y-%m-%d}"


class ContactFollowUp(models.Model):
    """What followed from a contact: a signal reported through the signals services, or a
    referral to care made through the cases services (``reference``: the signal's reference or
    the case number; the outreach team keeps it even when it cannot open the record)."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(max_length=16, choices=FollowUp.choices)
    signal = models.ForeignKey("signals.Signal", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    referral = models.ForeignKey("cases.Referral", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    to_organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=20)
    #: the form's one-time key: a form sent twice makes one referral
    submission = models.CharField(max_length=40, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                           related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at"]
        constraints = [models.UniqueConstraint(
            fields=["contact", "submission"], condition=~Q(submission=""),
            name="outreach_followup_submitted_once")]

    def __str__(self) -> str:
        return self.reference
