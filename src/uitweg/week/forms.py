"""Forms of the Week. They only shape input; every rule lives in the services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .services import EventData
from .vocabulary import LANGUAGE_NAMES, LANGUAGES, Audience, MaterialKind


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _per_language(form, prefix: str, label, *, textarea=False, max_length=None):
    for code in LANGUAGES:
        widget = forms.Textarea(attrs={"rows": 4, "lang": code}) if textarea else \
            forms.TextInput(attrs={"lang": code})
        form.fields[f"{prefix}_{code}"] = forms.CharField(
            label=f"{label} ({LANGUAGE_NAMES[code]})", required=False, widget=widget,
            max_length=max_length)


def _texts(data, prefix: str) -> dict[str, str]:
    return {code: data.get(f"{prefix}_{code}", "") for code in LANGUAGES}


class EventForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    venue = forms.CharField(label=_("Venue"), required=False, max_length=200)
    address = forms.CharField(label=_("Address"), required=False, max_length=200)
    accessibility = forms.CharField(
        label=_("Accessibility"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wheelchair access, hearing loop, quiet room, sign language…"))
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    audiences = forms.MultipleChoiceField(label=_("Audience"), choices=Audience.choices,
                                          widget=forms.CheckboxSelectMultiple)
    registration_required = forms.BooleanField(label=_("Registration required"),
                                               required=False, initial=True)
    capacity = forms.IntegerField(label=_("Places"), required=False, min_value=0,
                                  help_text=_("Empty: no limit."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _per_language(self, "title", _("Title"), max_length=200)
        _per_language(self, "description", _("Description"), textarea=True, max_length=5000)
        order = [f"title_{c}" for c in LANGUAGES] + [f"description_{c}" for c in LANGUAGES]
        self.order_fields(order)

    @classmethod
    def initial_for(cls, event) -> dict:
        initial = {name: getattr(event, name) for name in (
            "venue", "address", "accessibility", "online_url", "audiences",
            "registration_required", "capacity", "version")}
        initial["starts_at"] = timezone.localtime(event.starts_at)
        initial["ends_at"] = timezone.localtime(event.ends_at)
        for code in LANGUAGES:
            initial[f"title_{code}"] = event.title.get(code, "")
            initial[f"description_{code}"] = event.description.get(code, "")
        return initial

    def to_data(self) -> EventData:
        data = self.cleaned_data
        return EventData(
            title=_texts(data, "title"), description=_texts(data, "description"),
            starts_at=data["starts_at"], ends_at=data["ends_at"], venue=data["venue"],
            address=data["address"], accessibility=data["accessibility"],
            online_url=data["online_url"], audiences=list(data["audiences"]),
            capacity=data["capacity"], registration_required=data["registration_required"])


class EditionForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput())
    published = forms.BooleanField(label=_("Programme public"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _per_language(self, "theme", _("Theme"), max_length=200)
        _per_language(self, "intro", _("Introduction"), textarea=True, max_length=2000)

    @classmethod
    def initial_for(cls, edition) -> dict:
        initial = {"year": edition.year, "starts_on": edition.starts_on,
                   "ends_on": edition.ends_on, "published": edition.published,
                   "version": edition.version}
        for code in LANGUAGES:
            initial[f"theme_{code}"] = edition.theme.get(code, "")
            initial[f"intro_{code}"] = edition.intro.get(code, "")
        return initial

    def texts(self, prefix) -> dict[str, str]:
        return _texts(self.cleaned_data, prefix)


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MaterialKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), help_text=_("PDF, PNG, JPEG or SVG."),
                           allow_empty_file=True)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[(d, d) for d in
                                          ("approve", "reject", "publish", "cancel")])
    note = forms.CharField(required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))
