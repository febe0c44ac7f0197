"""Forms of the public report, the professional intake and the staff steps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.models import Organisation, User
from uitweg.core.vocabulary import ExploitationForm, Gender, Indicator
from uitweg.signals.models import MAX_LINE, MAX_TEXT, SIGNAL_ROLES, ApiScope, RoutingRule
from uitweg.signals.services import KVK_RE, BusinessData, PersonData, SignalData
from uitweg.signals.vocabulary import ClosureReason, PersonRole, public_indicator_choices

YES, NO, UNKNOWN = "yes", "no", "unknown"


def _tri(value: str) -> bool | None:
    return {YES: True, NO: False}.get(value)


def public_form_choices():
    return [
        (ExploitationForm.SEXUAL, _("Sex work under pressure or force")),
        (ExploitationForm.LABOUR, _("Work under bad conditions or force")),
        (ExploitationForm.CRIMINAL, _("Forced to commit crimes (e.g. dealing, stealing)")),
        (ExploitationForm.ORGAN_REMOVAL, _("Forced to give up an organ")),
    ]


class PublicReportForm(forms.Form):
    description = forms.CharField(
        label=_("What did you see or hear?"), max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe the situation in your own words. Leave out your own name."))
    location = forms.CharField(
        label=_("Where was it?"), max_length=MAX_LINE, required=False,
        help_text=_("An address, a street, a business or an area."))
    observed_when = forms.CharField(label=_("When was it?"), max_length=200, required=False,
                                    help_text=_("A date or a period, e.g. \"last week\"."))
    forms_seen = forms.MultipleChoiceField(
        label=_("What does it look like?"), required=False,
        widget=forms.CheckboxSelectMultiple, choices=public_form_choices)
    indicators = forms.MultipleChoiceField(
        label=_("What did you notice?"), required=False,
        widget=forms.CheckboxSelectMultiple, choices=public_indicator_choices)
    child_involved = forms.ChoiceField(
        label=_("Does a child (under 18) seem to be involved?"), widget=forms.RadioSelect,
        choices=[(YES, _("Yes")), (NO, _("No")), (UNKNOWN, _("I don't know"))],
        initial=UNKNOWN)
    wants_contact = forms.BooleanField(
        label=_("I would like to be contacted about my report"), required=False)
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=200,
                                   required=False)
    contact_phone = forms.CharField(label=_("Your phone number"), max_length=40,
                                    required=False)
    contact_email = forms.EmailField(label=_("Your e-mail address"), max_length=254,
                                     required=False, error_messages={"invalid": _(
                                         "Enter an e-mail address like name@example.nl.")})
    # One token per rendering of the form: a second send with it files nothing (receipts.py).
    submission = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        given_but_invalid = "contact_phone" in self.errors or "contact_email" in self.errors
        if data.get("wants_contact") and not given_but_invalid and not (
                data.get("contact_phone") or data.get("contact_email")):
            raise ValidationError(_("To be contacted, give a phone number or an e-mail "
                                    "address."))
        return data

    def content(self) -> dict:
        """What was sent, without the token: to recognise the same report sent twice."""
        return {k: v for k, v in self.cleaned_data.items() if k != "submission"}

    def to_data(self) -> SignalData:
        d = self.cleaned_data
        return SignalData(
            description=d["description"], location=d["location"],
            observed_when=d["observed_when"], forms=list(d["forms_seen"]),
            indicators=list(d["indicators"]), minor=_tri(d["child_involved"]),
            addresses=[d["location"].strip()] if d["location"].strip() else [],
            contact_requested=d["wants_contact"], contact_name=d["contact_name"],
            contact_phone=d["contact_phone"], contact_email=d["contact_email"])


class StatusLookupForm(forms.Form):
    code = forms.CharField(label=_("Your code"), max_length=20,
                           help_text=_("The code you received after sending your report, "
                                       "e.g. ABCD-EFGH-JKLM."))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _facts_fields(minor_initial: str | None = None):
    """The facts a professional reports and the intake officer triages (the same fields)."""
    initial = {"initial": minor_initial} if minor_initial is not None else {}
    return (
        forms.MultipleChoiceField(
            label=_("Forms of exploitation"), required=False,
            widget=forms.CheckboxSelectMultiple, choices=ExploitationForm.choices),
        forms.MultipleChoiceField(
            label=_("Indicators"), required=False, widget=forms.CheckboxSelectMultiple,
            choices=Indicator.choices),
        forms.ChoiceField(
            label=_("Minor involved"), widget=forms.RadioSelect,
            choices=[(YES, _("Yes")), (NO, _("No")), (UNKNOWN, _("Unknown"))], **initial),
        forms.BooleanField(label=_("Acute danger"), required=False),
    )


class ProfessionalSignalForm(forms.Form):
    description = forms.CharField(label=_("What was observed"), max_length=MAX_TEXT,
                                  widget=forms.Textarea(attrs={"rows": 6}))
    observed_when = forms.CharField(label=_("When"), max_length=200, required=False)
    forms_seen, indicators, minor, acute_danger = _facts_fields(minor_initial=UNKNOWN)
    addresses = forms.CharField(label=_("Locations (one address per line)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    businesses = forms.CharField(
        label=_("Businesses (one per line: name; KvK number)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}))
    phone_numbers = forms.CharField(label=_("Phone numbers (one per line)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    websites = forms.CharField(label=_("Websites and advertisements (one per line)"),
                               required=False, widget=forms.Textarea(attrs={"rows": 2}))
    vehicles = forms.CharField(label=_("Vehicles (licence plates, one per line)"),
                               required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source_reference = forms.CharField(label=_("Your organisation's reference"),
                                       max_length=100, required=False)

    def clean_businesses(self):
        result = []
        for line in _lines(self.cleaned_data["businesses"]):
            name, _sep, kvk = line.partition(";")
            kvk = kvk.strip()
            if kvk and not KVK_RE.match(kvk):
                raise ValidationError(_("A KvK number has exactly 8 digits: %(value)s"),
                                      params={"value": kvk})
            result.append(BusinessData(name=name.strip(), kvk=kvk))
        return result

    def to_data(self, persons: list[PersonData]) -> SignalData:
        d = self.cleaned_data
        addresses = _lines(d["addresses"])
        return SignalData(
            description=d["description"], location="; ".join(addresses),
            observed_when=d["observed_when"], forms=list(d["forms_seen"]),
            indicators=list(d["indicators"]), minor=_tri(d["minor"]),
            acute_danger=d["acute_danger"], persons=persons, addresses=addresses,
            businesses=d["businesses"], phone_numbers=_lines(d["phone_numbers"]),
            websites=_lines(d["websites"]), vehicles=_lines(d["vehicles"]),
            source_reference=d["source_reference"])


class PersonForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=PersonRole.choices)
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    nationality = forms.CharField(label=_("Nationality (ISO code, e.g. PL)"), max_length=2,
                                  required=False)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices,
                               initial=Gender.UNKNOWN)
    phone_numbers = forms.CharField(label=_("Phone numbers (one per line)"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))

    def clean_nationality(self):
        return self.cleaned_data["nationality"].upper()

    def to_person(self) -> PersonData | None:
        d = self.cleaned_data
        if not d.get("full_name"):
            return None
        return PersonData(full_name=d["full_name"], date_of_birth=d["date_of_birth"],
                          nationality=d["nationality"], gender=d["gender"], role=d["role"],
                          phone_numbers=_lines(d["phone_numbers"]))


PersonFormSet = forms.formset_factory(PersonForm, extra=2, max_num=10)


class TriageForm(forms.Form):
    forms_seen, indicators, minor, acute_danger = _facts_fields()
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    @classmethod
    def for_signal(cls, signal, data=None):
        minor = {True: YES, False: NO}.get(signal.minor_involved, UNKNOWN)
        return cls(data, initial={"forms_seen": signal.forms, "indicators": signal.indicators,
                                  "minor": minor, "acute_danger": signal.acute_danger},
                   prefix="triage")

    def minor_value(self):
        return _tri(self.cleaned_data["minor"])


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args, signal, **kwargs):
        super().__init__(*args, prefix="assign", **kwargs)
        candidates = User.objects.filter(organisation_id=signal.responsible_organisation_id,
                                         is_active=True).order_by("username")
        ids = [u.pk for u in candidates if u.has_role(*SIGNAL_ROLES)]
        self.fields["assignee"].queryset = User.objects.filter(pk__in=ids)
        self.fields["assignee"].label_from_instance = (
            lambda u: u.get_full_name() or u.username)


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=[
        c for c in ClosureReason.choices if c[0] != ClosureReason.CONVERTED_TO_CASE])
    note = forms.CharField(label=_("Note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="close", **kwargs)


class RoutingRuleForm(forms.ModelForm):
    form = forms.ChoiceField(label=_("Form of exploitation"), required=False,
                             choices=[("", _("Any")), *ExploitationForm.choices])
    minor = forms.NullBooleanField(
        label=_("Minor involved"), required=False, widget=forms.Select(choices=[
            ("unknown", _("Any")), ("true", _("Yes")), ("false", _("No"))]))

    class Meta:
        model = RoutingRule
        fields = ["name", "order", "form", "minor", "region", "organisation", "team", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(active=True)


class ApiKeyForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"),
                                          queryset=Organisation.objects.filter(active=True))
    name = forms.CharField(label=_("Name of the partner system"), max_length=100)
    scopes = forms.MultipleChoiceField(label=_("Scopes"), choices=ApiScope.choices,
                                       widget=forms.CheckboxSelectMultiple)
