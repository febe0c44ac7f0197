"""One estimate of the hidden number for one year: its state, progress and result (counts only).

The result holds the capture-history table, the linkage counts and the estimate: aggregates,
never a registration or an identity (ADR 0075, 0076).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EstimateStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    REFUSED = "refused", _("No estimate possible")
    FAILED = "failed", _("Failed")


ACTIVE = (EstimateStatus.QUEUED, EstimateStatus.RUNNING)


class EstimateRun(models.Model):
    year = models.PositiveIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=8, choices=EstimateStatus.choices,
                              default=EstimateStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)  # percent
    stage = models.CharField(max_length=16, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    result = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["year"], condition=Q(status__in=["queued", "running"]),
            name="monitoring_one_active_estimate_per_year")]

    def __str__(self) -> str:
        return f"E-{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


class DayCount(models.Model):
    """How many records of a source fall on one day in one category of one breakdown: the
    pre-aggregated counts the figures are read from (``monitoring.daycounts``). Counts only;
    kept current by the saves and deletes of the counted records, rebuilt by
    ``manage.py rebuild_monitoring_counts``."""

    source = models.CharField(max_length=16)
    dimension = models.CharField(max_length=24)
    day = models.DateField()
    code = models.CharField(max_length=100, blank=True)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["source", "dimension", "day", "code"], name="monitoring_daycount_key")]

    def __str__(self) -> str:
        return f"{self.source}.{self.dimension} {self.day} {self.code}: {self.n}"
