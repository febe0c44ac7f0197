from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from uitweg.chat import channels, permissions
from uitweg.chat.channels import Channel
from uitweg.chat.models import AgeBand, CannedResponse, ExploitationForm, Outcome, Topic


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Private note"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class RiskCheckForm(forms.Form):
    thoughts = forms.BooleanField(label=_("Thoughts of harming themselves or of being harmed"),
                                  required=False)
    plan = forms.BooleanField(label=_("A plan"), required=False)
    means = forms.BooleanField(label=_("Access to the means"), required=False)
    timeframe = forms.BooleanField(label=_("A timeframe (soon)"), required=False)
    acute_danger = forms.BooleanField(label=_("Acute danger now"), required=False)


class TransferForm(forms.Form):
    to_user = forms.ModelChoiceField(label=_("Transfer to"), queryset=None)

    def __init__(self, *args, user=None, conversation=None, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).exclude(
            pk=getattr(user, "pk", None))
        ids = [u.pk for u in users if permissions.may_take_over(u, conversation)]
        self.fields["to_user"].queryset = get_user_model().objects.filter(pk__in=ids)
        self.fields["to_user"].label_from_instance = lambda u: u.get_full_name() or u.username


class BlockForm(forms.Form):
    hours = forms.TypedChoiceField(
        label=_("Block this chat for"), coerce=int,
        choices=[(1, _("1 hour")), (24, _("1 day")), (168, _("1 week")), (720, _("30 days"))])


class HandoverForm(forms.Form):
    shared_summary = forms.CharField(
        label=_("What the young person agreed to share"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only with their consent; no name unless they asked for it."))
    consent = forms.BooleanField(label=_("The young person agreed to this handover"))


class SignalForm(forms.Form):
    description = forms.CharField(
        label=_("What the young person agreed to pass on to the intake"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only with their consent, only what they agreed to share."))
    exploitation_forms = forms.MultipleChoiceField(
        label=_("Forms of exploitation"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[c for c in ExploitationForm.choices if c[0]])
    acute_danger = forms.BooleanField(label=_("Acute danger"), required=False)
    consent = forms.BooleanField(label=_("The young person agreed to this signal"))


class RegistrationForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    exploitation_form = forms.ChoiceField(label=_("Form of exploitation"),
                                          choices=ExploitationForm.choices, required=False)
    age_band = forms.ChoiceField(label=_("Age"), choices=AgeBand.choices, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)


class HandoverLookupForm(forms.Form):
    code = forms.CharField(label=_("Handover code"), max_length=12)


class CannedResponseForm(forms.ModelForm):
    class Meta:
        model = CannedResponse
        fields = ["title", "text", "order"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class InviteForm(forms.Form):
    """An outreach worker's personal chat code: the language of the link (ADR 0110)."""

    language = forms.ChoiceField(label=_("Language of the link"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        self.fields["language"].choices = [
            (code, names.get(code, code)) for code in channels.languages(Channel.OUTREACH)]
