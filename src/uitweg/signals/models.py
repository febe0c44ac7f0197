"""Signals of exploitation: the report, its people and identifiers, links, history, rules, keys.

Row-level access is one SQL filter: :func:`visible_signal_filter`. Intake officers and care
coordinators see the signals routed to their own organisation; nobody else sees signal content.
Child records (persons, identifiers, history) are filtered through their signal.
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
from uitweg.core.appendonly import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet  # noqa: F401
from uitweg.core.vocabulary import ExploitationForm, Gender
from uitweg.crypto.fields import (
    EncryptedCharField,
    EncryptedDateField,
    EncryptedJSONField,
    EncryptedTextField,
)
from uitweg.signals import deadlines
from uitweg.signals.vocabulary import (
    ClosureReason,
    IdentifierKindChoice,
    PersonRole,
    Priority,
    Source,
    Status,
)

#: Roles that work with signal content (within the row-level filter).
SIGNAL_ROLES = frozenset({Role.INTAKE_OFFICER, Role.CARE_COORDINATOR})

MAX_TEXT = 5000
MAX_LINE = 300


def visible_signal_filter(user, *, prefix: str = "") -> Q:
    """The ``Q`` keeping the signals ``user`` may see; ``prefix`` e.g. ``"signal__"``."""
    if not (user and getattr(user, "is_authenticated", False) and user.has_role(*SIGNAL_ROLES)
            and user.organisation_id):
        return Q(pk__in=[])
    return Q(**{f"{prefix}responsible_organisation_id": user.organisation_id})


class SignalQuerySet(models.QuerySet):
    def visible_to(self, user) -> SignalQuerySet:
        return self.filter(visible_signal_filter(user))

    def open(self) -> SignalQuerySet:
        return self.exclude(status=Status.CLOSED)

    def overdue(self, now=None) -> SignalQuerySet:
        return self.open().filter(deadline_at__lt=now or timezone.now())


class Signal(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    public_code_digest = models.CharField(max_length=64, unique=True, null=True, blank=True,
                                          editable=False)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    language = models.CharField(_("language of the report"), max_length=8, default="nl")

    description = EncryptedTextField(_("what was seen"), max_length=MAX_TEXT)
    location_text = EncryptedTextField(_("where"), max_length=MAX_LINE, blank=True)
    observed_when = EncryptedCharField(_("when"), max_length=200, blank=True)
    forms = models.JSONField(_("forms of exploitation"), default=list, blank=True)
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    minor_involved = models.BooleanField(_("minor involved"), null=True)
    acute_danger = models.BooleanField(_("acute danger"), default=False)
    region = models.CharField(_("region"), max_length=100, blank=True)

    contact_requested = models.BooleanField(_("reporter wants to be contacted"), default=False)
    contact_name = EncryptedCharField(_("contact name"), max_length=200, blank=True)
    contact_phone = EncryptedCharField(_("contact phone"), max_length=40, blank=True)
    contact_email = EncryptedCharField(_("contact e-mail"), max_length=254, blank=True)

    reporting_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("reporting organisation"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    source_reference = models.CharField(_("reference of the reporting organisation"),
                                        max_length=100, blank=True)

    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices,
                                db_index=True)
    triage_score = models.PositiveSmallIntegerField(_("triage score"), default=0)
    triage_reasons = models.JSONField(default=list, blank=True)

    responsible_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("responsible organisation"))
    team = models.CharField(_("team"), max_length=100, blank=True)
    routing_rule = models.ForeignKey("RoutingRule", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("assigned to"))

    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.RECEIVED, db_index=True)
    closure_reason = models.CharField(_("closure reason"), max_length=20, blank=True,
                                      choices=ClosureReason.choices)
    closure_note = EncryptedTextField(_("closure note"), blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    deadline_at = models.DateTimeField(_("handle before"), null=True, db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["responsible_organisation", "status", "priority"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def audit_label(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("signals:detail", args=[self.reference])

    @property
    def is_overdue(self) -> bool:
        return self.status != Status.CLOSED and deadlines.is_overdue(self.deadline_at,
                                                                     timezone.now())


class ChildQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(visible_signal_filter(user, prefix="signal__"))


class SignalPerson(models.Model):
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="persons")
    role = models.CharField(_("role"), max_length=16, choices=PersonRole.choices,
                            default=PersonRole.POSSIBLE_VICTIM)
    full_name = EncryptedCharField(_("full name"), max_length=200)
    aliases = EncryptedJSONField(_("aliases"), default=list, blank=True)
    date_of_birth = EncryptedDateField(_("date of birth"), null=True, blank=True)
    phone_numbers = EncryptedJSONField(_("phone numbers"), default=list, blank=True)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True)
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices,
                              default=Gender.UNKNOWN)
    languages = models.JSONField(_("languages"), default=list, blank=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("person in a signal")
        verbose_name_plural = _("persons in signals")

    def __str__(self) -> str:
        return f"{self.signal_id}/P{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"{self.signal.reference}/P{self.pk}"


class SignalIdentifier(models.Model):
    """One identifier of a signal: blind index for matching, encrypted value for display."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="identifiers")
    person = models.ForeignKey(SignalPerson, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="identifiers")
    kind = models.CharField(_("kind"), max_length=16, choices=IdentifierKindChoice.choices)
    digest = models.CharField(max_length=64)
    value = EncryptedCharField(_("value"), max_length=MAX_LINE, blank=True)
    detail = EncryptedCharField(_("detail"), max_length=MAX_LINE, blank=True)

    objects = ChildQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["kind", "digest"])]
        constraints = [models.UniqueConstraint(fields=["signal", "kind", "digest"],
                                               name="signals_identifier_unique")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.digest[:8]}"


class HistoryQuerySet(AppendOnlyQuerySet, ChildQuerySet):
    pass


class SignalEvent(AppendOnlyModel):
    """Append-only history of a signal: every service step adds one row."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = EncryptedTextField(blank=True)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.signal_id}:{self.action}"



class SignalLink(models.Model):
    """Two signals about the same situation (stored once, lower id first)."""

    from_signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="+")
    to_signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="+")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["from_signal", "to_signal"],
                                               name="signals_link_unique")]

    def __str__(self) -> str:
        return f"{self.from_signal_id}↔{self.to_signal_id}"


class SignalCaseLink(models.Model):
    """Many-to-many between signals and case files (cases app)."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="case_links")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["signal", "case"],
                                               name="signals_caselink_unique")]

    def __str__(self) -> str:
        return f"{self.signal_id}↔case {self.case_id}"


class DismissedCandidate(models.Model):
    SIGNAL = "signal"
    CASE = "case"

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="dismissals")
    target_type = models.CharField(max_length=8, choices=[(SIGNAL, SIGNAL), (CASE, CASE)])
    target_id = models.BigIntegerField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["signal", "target_type", "target_id"],
                                               name="signals_dismissal_unique")]

    def __str__(self) -> str:
        return f"{self.signal_id}✗{self.target_type}:{self.target_id}"


class RoutingRule(models.Model):
    """Editable by the functional administrator: which organisation and team handle what."""

    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=100,
                                             help_text=_("Lower numbers are tried first."))
    form = models.CharField(_("form of exploitation"), max_length=20, blank=True,
                            choices=ExploitationForm.choices, help_text=_("Empty: any form."))
    minor = models.BooleanField(_("minor involved"), null=True, blank=True,
                                help_text=_("Empty: whether or not a minor is involved."))
    region = models.CharField(_("region"), max_length=100, blank=True,
                              help_text=_("Empty: any region."))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("responsible organisation"))
    team = models.CharField(_("team"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class ApiScope(models.TextChoices):
    SIGNALS_WRITE = "signals:write", _("Submit signals")
    SIGNALS_READ = "signals:read", _("Read the status of own signals")


class ApiKey(models.Model):
    """A partner system's key. Only a SHA-256 of the (high-entropy, random) key is stored."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="+", verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, unique=True)
    hashed_key = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
