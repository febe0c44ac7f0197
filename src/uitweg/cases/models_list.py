"""The case list's own tables: saved filters, and the legal deadlines it shows and sorts by.
Imported by :mod:`uitweg.cases.models` (use the models from there)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Case


class SavedCaseFilterQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A saved filter is its owner's own: nobody else sees it."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(user_id=user.pk)


class SavedCaseFilter(models.Model):
    """A named case-list filter of one user (the query string of the list, validated)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    name = models.CharField(_("name"), max_length=60)
    query = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    objects = SavedCaseFilterQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "name"],
                                               name="cases_savedfilter_unique")]


class LegalDeadline(models.Model):
    """A deadline that follows from a case's legal dates (:func:`uitweg.cases.clocks.deadlines`,
    the one rule), stored so the case list can show and sort by the earliest in SQL, one query
    per page. Written only by ``services.write_legal_deadlines`` (from ``update_clocks``)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_deadlines")
    #: a key of :data:`uitweg.cases.clocks.DEADLINE_LABELS` (the label is shown from there)
    kind = models.CharField(max_length=32)
    due = models.DateField()

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.pk}"

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["case", "due"], name="cases_legaldeadline_idx"),
                   models.Index(fields=["due", "-case"], name="cases_legaldeadline_due_idx")]
