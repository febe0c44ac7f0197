"""Consent and referrals: what may be shared with whom, and the referrals that share it.
Imported by :mod:`uitweg.cases.models` (use the models from there)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.models import Organisation

from . import lifecycle
from .models import Case


class ConsentStatus(models.TextChoices):
    GIVEN = "given", _("Given")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DataCategory(models.TextChoices):
    IDENTITY = "identity", _("Identity and contact details")
    CASE = "case", _("Case summary and forms of exploitation")
    HEALTH = "health", _("Health and care needs")
    RESIDENCE = "residence", _("Residence status and legal procedure")


class ConsentQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(case__in=Case.objects.visible_to(user))


class Consent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    status = models.CharField(_("status"), max_length=10, choices=ConsentStatus.choices,
                              default=ConsentStatus.GIVEN)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    organisations = models.ManyToManyField(Organisation, related_name="+", blank=True,
                                           verbose_name=_("organisations"))
    external_recipients = models.JSONField(_("organisations outside the platform"),
                                           default=list, blank=True)
    data_categories = models.JSONField(_("data"), default=list)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = ConsentQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        ordering = ["-given_on", "-id"]

    @property
    def is_active(self) -> bool:
        return self.status == ConsentStatus.GIVEN

    @property
    def data_labels(self) -> list[str]:
        labels = dict(DataCategory.choices)
        return [str(labels.get(code, code)) for code in self.data_categories]


class LegalBasis(models.TextChoices):
    NONE = "", _("No personal data shared")
    CONSENT = "consent", _("Consent of the person")
    VITAL_INTEREST = "vital_interest", _("Vital interest (GDPR art. 6(1)(d))")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation (GDPR art. 6(1)(c))")
    PUBLIC_TASK = "public_task", _("Public task (GDPR art. 6(1)(e))")


class ReferralStatus(models.TextChoices):
    """The labels of :data:`lifecycle.REFERRAL`'s statuses (the machine is declared there)."""

    PROPOSED = lifecycle.PROPOSED, _("Proposed")
    ACCEPTED = lifecycle.ACCEPTED, _("Accepted")
    DECLINED = lifecycle.DECLINED, _("Declined")
    COMPLETED = lifecycle.COMPLETED, _("Completed")
    WITHDRAWN = lifecycle.WITHDRAWN, _("Withdrawn")


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(case__in=Case.objects.visible_to(user))


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                          related_name="+")
    to_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                        related_name="incoming_referrals", null=True,
                                        blank=True, verbose_name=_("to organisation"))
    external_organisation = models.CharField(
        _("organisation outside the platform"), max_length=200, blank=True)
    purpose = models.CharField(_("purpose"), max_length=300)
    data_categories = models.JSONField(_("data shared"), default=list, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=20, blank=True,
                                   choices=LegalBasis.choices)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="referrals")
    justification = models.TextField(_("justification"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ReferralStatus.choices,
                              default=ReferralStatus.PROPOSED)
    reason = models.TextField(_("reason"), blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                related_name="+")
    version = models.PositiveIntegerField(default=1)

    objects = ReferralQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        ordering = ["-sent_at", "-id"]

    @property
    def data_labels(self) -> list[str]:
        labels = dict(DataCategory.choices)
        return [str(labels.get(code, code)) for code in self.data_categories]

    @property
    def recipient_name(self) -> str:
        return self.to_organisation.name if self.to_organisation_id else self.external_organisation
