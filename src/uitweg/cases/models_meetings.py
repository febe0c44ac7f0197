"""Multidisciplinary case meetings: the agenda and its decisions.
Imported by :mod:`uitweg.cases.models` (use the models from there)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.models import Organisation
from uitweg.accounts.roles import CASE_ROLES
from uitweg.crypto.fields import EncryptedTextField

from .models import CareAction, Case


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Meetings the user's organisation organises, or with a visible case on the agenda."""
        if not (user and user.is_authenticated and user.has_role(*CASE_ROLES)):
            return self.none()
        return self.filter(
            Q(organising_organisation_id=user.organisation_id)
            | Q(pk__in=AgendaItem.objects.filter(
                case__in=Case.objects.visible_to(user)).values("meeting_id")))


class Meeting(models.Model):
    """A multidisciplinary case meeting."""

    title = models.CharField(_("title"), max_length=200)
    scheduled_for = models.DateTimeField(_("date and time"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    organising_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                                related_name="+")
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                       verbose_name=_("attendees"))
    external_attendees = models.CharField(_("other attendees"), max_length=500, blank=True)

    objects = MeetingQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        ordering = ["-scheduled_for"]

    @property
    def audit_label(self) -> str:
        return f"MDO-{self.pk}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agenda_items")

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "case"],
                                               name="cases_agendaitem_unique")]


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(item__case__in=Case.objects.visible_to(user))


class Decision(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    text = EncryptedTextField(_("decision"))
    action = models.ForeignKey(CareAction, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = DecisionQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        ordering = ["created_at", "id"]
