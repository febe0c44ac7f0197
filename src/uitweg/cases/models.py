"""The shared case file of a (presumed) victim of human trafficking.

Row-level access ("need to know") is one SQL filter: ``Case.objects.visible_to(user)`` keeps the
cases whose team the user's organisation currently belongs to (membership started, not ended),
plus the cases the user opened by break-glass within its validity. Only the case roles
(:data:`uitweg.accounts.roles.CASE_ROLES`) see cases at all.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.models import Organisation
from uitweg.accounts.roles import CASE_ROLES
from uitweg.core.appendonly import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from uitweg.core.vocabulary import Gender, VictimStatus
from uitweg.crypto.fields import (
    EncryptedCharField,
    EncryptedDateField,
    EncryptedJSONField,
    EncryptedTextField,
)
from uitweg.crypto.index import IdentifierKind

from . import lifecycle


class CaseState(models.TextChoices):
    """The labels of :data:`lifecycle.CASE`'s states (the machine is declared there)."""

    NEW = lifecycle.NEW, _("New")
    ASSESSMENT = lifecycle.ASSESSMENT, _("Assessment")
    CARE_COORDINATION = lifecycle.CARE_COORDINATION, _("Care coordination")
    AFTERCARE = lifecycle.AFTERCARE, _("Aftercare")
    CLOSED = lifecycle.CLOSED, _("Closed")


class ClosureReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("Care goals reached")
    NOT_A_VICTIM = "not_a_victim", _("Not a victim")
    MOVED_AWAY = "moved_away", _("Moved out of the region")
    RETURNED = "returned", _("Returned to country of origin")
    NO_CONTACT = "no_contact", _("Contact lost")
    DECLINED_CARE = "declined_care", _("Person declined care")
    DECEASED = "deceased", _("Deceased")


class ShelterKind(models.TextChoices):
    NONE = "", _("None")
    COSM = "cosm", _("COSM (categorical shelter)")
    WMO = "wmo", _("Municipal shelter (Wmo)")
    YOUTH = "youth", _("Youth care")
    NIDOS = "nidos", _("Nidos (unaccompanied minor)")


def _today():
    return timezone.localdate()


def visible_case_filter(user, *, break_glass: bool = True) -> Q:
    """The ``Q`` that keeps the cases ``user`` may see: one SQL condition, no per-row Python.

    ``EXISTS (a current membership of the user's organisation) OR EXISTS (an unexpired
    break-glass of the user)``, both correlated on the case. For an EXISTS PostgreSQL plans both
    ways and keeps the cheaper one for the rows it expects: for one case (the case file, every
    lookup by id) a probe of the membership index, 0.2 ms; for a list, the sub-query hashed
    once, so the cost does not grow with the page size. The earlier ``pk IN (…) OR pk IN (…)``
    could only be hashed: every case file built the set of all 25,000 case ids of the
    organisation first (11 ms of database CPU per page, ADR 0010's update). Measured against
    ``IN (… UNION ALL …)``, whose row estimate misleads the planner into 25,000 index probes
    for a filtered list (ADR 0010, docs/benchmarks.md).
    """
    if not (user and user.is_authenticated and user.has_role(*CASE_ROLES)
            and user.organisation_id):
        return Q(pk__in=[])
    today = _today()
    member = Exists(CaseMembership.objects.filter(
        case_id=OuterRef("pk"), organisation_id=user.organisation_id, start_date__lte=today,
    ).filter(Q(end_date__isnull=True) | Q(end_date__gt=today)))
    if not break_glass:
        return Q(member)
    glass = Exists(BreakGlassAccess.objects.filter(
        case_id=OuterRef("pk"), user_id=user.pk, expires_at__gt=timezone.now()))
    return Q(member) | Q(glass)


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PersonQuerySet:
        return self.filter(pk__in=Case.objects.visible_to(user).values("person_id"))


class Person(models.Model):
    """A (presumed) victim. Identifying data encrypted; lists show the case number only."""

    full_name = EncryptedCharField(_("full name"), max_length=200)
    aliases = EncryptedJSONField(_("aliases"), default=list, blank=True)
    date_of_birth = EncryptedDateField(_("date of birth"), null=True, blank=True)
    phone_numbers = EncryptedJSONField(_("phone numbers"), default=list, blank=True)
    addresses = EncryptedJSONField(_("addresses"), default=list, blank=True)
    identity_documents = EncryptedJSONField(_("identity document numbers"), default=list,
                                            blank=True)
    nationality = models.CharField(_("nationality"), max_length=2, blank=True,
                                   help_text=_("ISO 3166-1 alpha-2 country code."))
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices,
                              default=Gender.UNKNOWN)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    @property
    def audit_label(self) -> str:
        return f"P-{self.pk}"

    def __str__(self) -> str:
        return self.audit_label


class PersonIdentifier(models.Model):
    """Blind index of one identifier of a person, to match signals with cases."""

    KIND_CHOICES = [(k, k) for k in IdentifierKind.ALL]

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=16, choices=KIND_CHOICES)
    digest = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        indexes = [models.Index(fields=["kind", "digest"])]
        constraints = [models.UniqueConstraint(fields=["person", "kind", "digest"],
                                               name="cases_personidentifier_unique")]


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        return self.filter(visible_case_filter(user))

    def member_of(self, user) -> CaseQuerySet:
        """Cases the user's organisation is a current team member of (no break-glass)."""
        return self.filter(visible_case_filter(user, break_glass=False))

    def open(self) -> CaseQuerySet:
        return self.exclude(state=CaseState.CLOSED)


class Case(models.Model):
    number = models.CharField(_("case number"), max_length=20, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    state = models.CharField(_("state"), max_length=20, choices=CaseState.choices,
                             default=CaseState.NEW, db_index=True)
    closure_reason = models.CharField(_("closure reason"), max_length=20, blank=True,
                                      choices=ClosureReason.choices)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    victim_status = models.CharField(_("victim status"), max_length=16,
                                     choices=VictimStatus.choices,
                                     default=VictimStatus.PRESUMED)
    forms = models.JSONField(_("forms of exploitation"), default=list)
    #: ",sexual,labour," — the forms again, for filtering on every database (set by services)
    forms_index = models.CharField(max_length=100, blank=True, editable=False)
    indicators = models.JSONField(_("indicators observed"), default=list, blank=True)
    first_signal_date = models.DateField(_("date of first signal"))
    minor_on_first_signal = models.BooleanField(_("minor on first signal"), null=True)
    coordinating_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="coordinated_cases",
        verbose_name=_("coordinating organisation"))
    reporting_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reported_cases", null=True,
        blank=True, verbose_name=_("reporting organisation"))
    region = models.CharField(_("region"), max_length=100, blank=True)
    source_reference = models.CharField(_("source reference"), max_length=100, blank=True)
    registration_basis = models.BooleanField(
        _("legal basis to register with CoMensha"), default=False,
        help_text=_("Presumed victims are registered; set when the basis has been checked."))
    shelter_kind = models.CharField(_("shelter"), max_length=8, blank=True,
                                    choices=ShelterKind.choices)
    information_advice = models.BooleanField(_("information and advice given"), default=False)
    criminal_case_pending = models.BooleanField(
        _("criminal case pending"), default=False,
        help_text=_("Holds anonymisation after the retention period."))
    # legal clocks (computed by uitweg.cases.clocks)
    reflection_start = models.DateField(_("reflection period: start"), null=True, blank=True)
    reflection_end = models.DateField(_("reflection period: end"), null=True, blank=True)
    crime_reported_on = models.DateField(_("crime reported on"), null=True, blank=True)
    permit_applied_on = models.DateField(_("residence permit applied for on"), null=True,
                                         blank=True)
    permit_decision_on = models.DateField(_("residence permit decision on"), null=True,
                                          blank=True)
    permit_valid_from = models.DateField(_("residence permit valid from"), null=True,
                                         blank=True)
    shelter_start = models.DateField(_("shelter placement: start"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    #: the named person of the coordinating organisation who keeps the case moving
    #: (set through :func:`uitweg.cases.owner.set_owner`)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="owned_cases",
                              verbose_name=_("case owner"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: stored for the case list's sort orders (ADR 0115), kept by the write services through
    #: :mod:`uitweg.cases.list_columns`: the earliest due date of the open care-plan actions
    #: and the moment of the latest case event
    next_action_due = models.DateField(null=True, blank=True, editable=False)
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "-created_at"]),
                   models.Index(fields=["-created_at", "-id"], name="cases_case_list_idx"),
                   models.Index(fields=["next_action_due", "-id"],
                                name="cases_case_action_due_idx")]
        # cases_case_activity_idx (last_activity_at DESC NULLS LAST, id DESC) is created by
        # migration 0004 on PostgreSQL only: SQLite has no NULLS LAST in an index

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        """A loaded case may hold older list columns: only ``list_columns`` writes them."""
        if not self._state.adding and kwargs.get("update_fields") is None:
            skip = {"next_action_due", "last_activity_at", *self.get_deferred_fields()}
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields
                                       if not f.primary_key and f.name not in skip
                                       and f.attname not in skip]
        super().save(*args, **kwargs)

    @property
    def audit_label(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.state == CaseState.CLOSED

    @property
    def form_labels(self) -> list[str]:
        from uitweg.core.vocabulary import ExploitationForm

        labels = dict(ExploitationForm.choices)
        return [str(labels.get(code, code)) for code in self.forms]

    @property
    def indicator_labels(self) -> list[str]:
        from uitweg.core.vocabulary import Indicator

        labels = dict(Indicator.choices)
        return [str(labels.get(code, code)) for code in self.indicators]


class MembershipRole(models.TextChoices):
    COORDINATING = "coordinating", _("Coordinating organisation")
    PARTNER = "partner", _("Partner")


class CaseMembership(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="case_memberships",
                                     verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=16, choices=MembershipRole.choices,
                            default=MembershipRole.PARTNER)
    start_date = models.DateField(_("start date"), default=_today)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    #: the organisation's named contact for this case (``cases.contacts.set_contact``)
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("contact"))
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        # all key columns: visible_to's sub-query is an index-only scan
        indexes = [models.Index(fields=["organisation", "start_date", "end_date", "case"],
                                name="cases_member_visible_idx")]
        ordering = ["start_date", "id"]

    def is_current(self, on=None) -> bool:
        on = on or _today()
        return self.start_date <= on and (self.end_date is None or self.end_date > on)


class BreakGlassAccess(models.Model):
    """Emergency access by someone outside the team; stated reason, re-authenticated."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    organisation_name = models.CharField(max_length=200, blank=True)
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        indexes = [models.Index(fields=["case", "user", "expires_at"])]
        ordering = ["-at"]

    @classmethod
    def expiry(cls, now, minutes: int):
        return now + timedelta(minutes=minutes)


class EventKind(models.TextChoices):
    STATUS = "status", _("Status")
    PERSON = "person", _("Person")
    TEAM = "team", _("Team")
    PLAN = "plan", _("Care plan")
    REFERRAL = "referral", _("Referral")
    CONSENT = "consent", _("Consent")
    MEETING = "meeting", _("Case meeting")
    NOTE = "note", _("Note")
    CLOCK = "clock", _("Legal clocks")
    ACCESS = "access", _("Access")


AppendOnly = AppendOnlyError  # the name tests and callers know


class CaseEventQuerySet(AppendOnlyQuerySet):
    def visible_to(self, user):
        return self.filter(case__in=Case.objects.visible_to(user))


class CaseEvent(AppendOnlyModel):
    """The case history: append-only; the timeline is read from it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    organisation_name = models.CharField(max_length=200, blank=True)
    summary = models.CharField(max_length=300)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True)
    sensitive = models.BooleanField(default=False)
    #: what was changed ("case", "person", "action:12"), its new version and the field names
    target = models.CharField(max_length=40, blank=True)
    version = models.PositiveIntegerField(null=True)
    fields = models.JSONField(default=list, blank=True)

    objects = CaseEventQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        ordering = ["at", "id"]
        # the case list's "last activity" column: one index probe per listed case
        indexes = [models.Index(fields=["case", "-at"], name="cases_event_last_idx")]


class NoteQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sensitive notes: only for the coordinating organisation."""
        base = self.filter(case__in=Case.objects.visible_to(user))
        return base.filter(Q(sensitive=False)
                           | Q(case__coordinating_organisation_id=user.organisation_id))


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField(_("text"))
    sensitive = models.BooleanField(
        _("sensitive"), default=False,
        help_text=_("Visible only to the coordinating organisation."))
    created_at = models.DateTimeField(default=timezone.now)

    objects = NoteQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        ordering = ["created_at", "id"]


class NeedDomain(models.TextChoices):
    SAFETY = "safety", _("Safety")
    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    LEGAL_AID = "legal_aid", _("Legal aid")
    RESIDENCE = "residence", _("Residence status")
    INCOME = "income", _("Income")
    HOUSING = "housing", _("Housing")
    EDUCATION_WORK = "education_work", _("Education and work")
    RETURN = "return", _("Return and reintegration")
    CHILDREN = "children", _("Children")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class CaseScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(case__in=Case.objects.visible_to(user))


class CareNeed(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="needs")
    domain = models.CharField(_("domain"), max_length=16, choices=NeedDomain.choices)
    description = EncryptedTextField(_("description"))
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    objects = CaseScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        ordering = ["domain", "id"]


class CareActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(need__case__in=Case.objects.visible_to(user))

    def overdue(self, on=None):
        return self.filter(due_date__lt=on or _today(),
                           status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])


class CareAction(models.Model):
    need = models.ForeignKey(CareNeed, on_delete=models.CASCADE, related_name="actions")
    description = EncryptedTextField(_("action"))
    responsible_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("responsible organisation"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices,
                              default=ActionStatus.OPEN)
    version = models.PositiveIntegerField(default=1)

    objects = CareActionQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["status", "due_date"])]


# Consent, referrals, case meetings and the case list's tables are declared in their own
# modules (one module per subject, none over 500 lines); every model stays importable from here.
from .models_list import LegalDeadline, SavedCaseFilter  # noqa: E402, F401
from .models_meetings import (  # noqa: E402, F401
    AgendaItem,
    Decision,
    Meeting,
)
from .models_sharing import (  # noqa: E402, F401
    Consent,
    ConsentStatus,
    DataCategory,
    LegalBasis,
    Referral,
    ReferralStatus,
)
