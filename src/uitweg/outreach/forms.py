"""Forms of the outreach pages. Rules live in the services; forms only shape the input."""

from __future__ import annotations

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.models import Organisation
from uitweg.cases import services as case_services
from uitweg.core.vocabulary import ExploitationForm, Indicator

from .models import MAX_NOTE, MessageTemplate, Platform
from .services import ContactData
from .vocabulary import Response, TargetGroup, TemplateLanguage, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundForm(forms.Form):
    platform = forms.ModelChoiceField(label=_("Platform"), queryset=Platform.objects.none())
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    region = forms.CharField(label=_("Region"), max_length=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].queryset = Platform.objects.visible_to(user).filter(active=True)
        self.fields["region"].initial = getattr(user.organisation, "region", "")


class CloseRoundForm(forms.Form):
    profiles_seen = forms.IntegerField(label=_("Profiles seen"), min_value=0)
    profiles_contacted = forms.IntegerField(label=_("Profiles contacted"), min_value=0)


class ContactForm(forms.Form):
    handle = forms.CharField(label=_("Handle or profile link"), max_length=300, required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    languages = forms.MultipleChoiceField(label=_("Languages"), required=False,
                                          choices=TemplateLanguage.choices,
                                          widget=forms.CheckboxSelectMultiple)
    template = forms.ModelChoiceField(label=_("Message sent"), required=False,
                                      queryset=MessageTemplate.objects.none())
    response = forms.ChoiceField(label=_("Response"), choices=Response.choices)
    topics = forms.MultipleChoiceField(label=_("Topics"), required=False, choices=Topic.choices,
                                       widget=forms.CheckboxSelectMultiple)
    indicators = forms.MultipleChoiceField(label=_("Indicators"), required=False,
                                           choices=Indicator.choices,
                                           widget=forms.CheckboxSelectMultiple)
    consent_notes = forms.CharField(label=_("Consent notes"), required=False,
                                    max_length=MAX_NOTE, widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=MAX_NOTE,
                            widget=forms.Textarea(attrs={"rows": 2}))
    next_follow_up = forms.DateField(label=_("Next follow-up"), required=False, widget=DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = MessageTemplate.objects.visible_to(user)

    def data_for_service(self) -> ContactData:
        d = self.cleaned_data
        return ContactData(
            target_group=d["target_group"], handle=d.get("handle", ""),
            phone=d.get("phone", ""), languages=d["languages"], response=d["response"],
            topics=d["topics"], indicators=d["indicators"], consent_notes=d["consent_notes"],
            notes=d["notes"], next_follow_up=d["next_follow_up"],
            template_id=d["template"].pk if d.get("template") else None)


class UpdateContactForm(ContactForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class KnownBeforeForm(forms.Form):
    handle = forms.CharField(label=_("Handle or profile link"), max_length=300, required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)


class SignalFromContactForm(forms.Form):
    description = forms.CharField(label=_("What the person told or what you noticed"),
                                  max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    indicators = forms.MultipleChoiceField(label=_("Indicators"), required=False,
                                           choices=Indicator.choices,
                                           widget=forms.CheckboxSelectMultiple)
    forms_seen = forms.MultipleChoiceField(label=_("Forms of exploitation"), required=False,
                                           choices=ExploitationForm.choices,
                                           widget=forms.CheckboxSelectMultiple)
    share_phone = forms.BooleanField(label=_("Share the phone number (only with consent)"),
                                     required=False)
    consent = forms.BooleanField(label=_("The person agreed to this report and to what it "
                                         "contains"), required=False)


class ReferralFromContactForm(forms.Form):
    """A referral to a care organisation with consent; ``submission`` is a one-time key, so the
    form sent twice refers once (the service keeps it)."""

    to_organisation = forms.ModelChoiceField(label=_("Care organisation"),
                                             queryset=Organisation.objects.none())
    purpose = forms.CharField(label=_("What the referral is for"), max_length=300,
                              required=False)
    forms_seen = forms.MultipleChoiceField(label=_("Forms of exploitation"), required=False,
                                           choices=ExploitationForm.choices,
                                           widget=forms.CheckboxSelectMultiple)
    indicators = forms.MultipleChoiceField(label=_("Indicators"), required=False,
                                           choices=Indicator.choices,
                                           widget=forms.CheckboxSelectMultiple)
    share_identity = forms.BooleanField(
        label=_("Share the name the person uses, their phone number and languages (only with "
                "consent)"), required=False)
    name_used = forms.CharField(label=_("Name the person uses"), max_length=200,
                                required=False)
    consent_note = forms.CharField(label=_("What the person agreed to, and how"),
                                   max_length=MAX_NOTE, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    consent = forms.BooleanField(label=_("The person agreed to this referral and to what it "
                                         "shares"), required=False)
    submission = forms.CharField(max_length=40, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = case_services.referral_recipients()
        if not self.is_bound:
            self.initial.setdefault("submission", secrets.token_urlsafe(16))


class PlatformForm(forms.Form):
    name = forms.CharField(label=_("Platform"), max_length=100)


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    language = forms.ChoiceField(label=_("Language"), choices=TemplateLanguage.choices)
    text = forms.CharField(label=_("Text"), max_length=MAX_NOTE,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("Variables: {worker}, {organisation}, {platform}, "
                                       "{phone}."))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
