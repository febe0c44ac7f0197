"""Forms of the action programme pages: they collect input; the rules live in ``services``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.models import Organisation

from .vocabulary import ActionStatus, IndicatorSource, Pillar


class ActionForm(forms.Form):
    pillar = forms.ChoiceField(label=_("Pillar"), choices=Pillar.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=4000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    description_en = forms.CharField(label=_("Description in English"), max_length=4000,
                                     required=False, widget=forms.Textarea(attrs={"rows": 3}))
    owner = forms.ModelChoiceField(label=_("Owner organisation"),
                                   queryset=Organisation.objects.order_by("name"))
    start_year = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    published = forms.BooleanField(label=_("Show on the public page"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))


class IndicatorForm(forms.Form):
    title = forms.CharField(label=_("Indicator"), max_length=200)
    source = forms.ChoiceField(label=_("Counted from"), choices=IndicatorSource.choices)
    dimension = forms.CharField(label=_("Breakdown (optional)"), max_length=40,
                                required=False)
    category = forms.CharField(label=_("Category (optional)"), max_length=40,
                               required=False)
    target = forms.IntegerField(label=_("Target per year (optional)"), min_value=0,
                                required=False)


class ValueForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    value = forms.IntegerField(label=_("Value"), min_value=0)
    note = forms.CharField(label=_("Source of the value"), max_length=300, required=False)
