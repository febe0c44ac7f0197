"""Forms of the public pages (their texts are in every public language)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from uitweg.core import dates

from .vocabulary import LANGUAGE_NAMES, LANGUAGES, Audience


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254,
                             help_text=_("Only for the confirmation, a reminder and changes to "
                                         "this event. Deleted 30 days after the event."),
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class ProgrammeFilter(forms.Form):
    day = forms.DateField(label=_("Day"), required=False, widget=forms.Select)
    audience = forms.ChoiceField(label=_("For"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, days=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].widget.choices = [("", _("All days"))] + [
            (d.isoformat(), dates.format_day(d, weekday=True)) for d in days]
        self.fields["audience"].choices = [("", _("Everyone")), *list(Audience.choices)]
        self.fields["language"].choices = [("", _("All languages"))] + [
            (code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
