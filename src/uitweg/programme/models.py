"""The action programme: actions under the three pillars, their milestones and indicators.

Nothing here is personal data: an action names an organisation, never a person (the owner is
an organisation; who edits is in the account's own history). Indicator values are counted from
the monitoring figures (suppressed like every figure) or entered by hand for a year.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.models import Organisation

from .vocabulary import ActionStatus, IndicatorSource, Pillar

YEARS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Action(models.Model):
    pillar = models.CharField(_("pillar"), max_length=16, choices=Pillar.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description_en = models.TextField(_("description in English"), max_length=4000,
                                      blank=True)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("owner organisation"))
    start_year = models.PositiveSmallIntegerField(_("first year"), validators=YEARS)
    end_year = models.PositiveSmallIntegerField(_("last year"), validators=YEARS)
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices,
                              default=ActionStatus.PLANNED)
    published = models.BooleanField(_("on the public page"), default=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pillar", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programme:action", args=[self.pk])

    def runs_in(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    title = models.CharField(_("indicator"), max_length=200)
    source = models.CharField(_("counted from"), max_length=16,
                              choices=IndicatorSource.choices, default=IndicatorSource.MANUAL)
    #: a breakdown of the source (monitoring dimension key) and one category in it, or blank
    #: for the source's total
    dimension = models.CharField(_("breakdown"), max_length=40, blank=True)
    category = models.CharField(_("category"), max_length=40, blank=True)
    target = models.PositiveIntegerField(_("target per year"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class IndicatorValue(models.Model):
    """A value entered by hand for a year (where no source in the platform counts it)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEARS)
    value = models.PositiveIntegerField(_("value"))
    note = models.CharField(_("source of the value"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["indicator", "year"],
                                               name="programme_one_value_per_year")]

    def __str__(self) -> str:
        return f"{self.indicator_id}@{self.year}"
