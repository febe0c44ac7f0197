"""Forms of the cases app: fields, widgets and choices. The rules (dates, who may decide what)
live in the services; a view shows a service's :class:`~uitweg.cases.services.InvalidValue`
next to its field (see ``views.show_error``)."""

from __future__ import annotations

from django import forms
from django import forms as djforms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.models import Organisation, User
from uitweg.core import dates, territories
from uitweg.core.vocabulary import ExploitationForm, Gender, Indicator, VictimStatus

from . import clocks, lifecycle
from .models import (
    ActionStatus,
    CaseState,
    ClosureReason,
    DataCategory,
    LegalBasis,
    NeedDomain,
    ReferralStatus,
    ShelterKind,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LinesField(forms.CharField):
    """A textarea with one value per line, cleaned into a list."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [str(v).strip() for v in value if str(v).strip()]
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


def active_organisations():
    return Organisation.objects.filter(active=True).order_by("name")


class ConfirmForm(forms.Form):
    """No fields: the submit button confirms."""


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CountryField(forms.ChoiceField):
    """A country by name (choices set per request); an ISO code in any case is accepted too."""

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class LanguagesField(forms.MultipleChoiceField):
    """Languages by name; codes in any case, also "ro, en" in one value, are accepted too."""

    def to_python(self, value):
        values = super().to_python([value] if isinstance(value, str) else value)
        return [code.strip().lower() for item in values for code in item.split(",")
                if code.strip()]


class PersonFieldsForm(forms.Form):
    full_name = forms.CharField(label=_("Full name (or name used)"), max_length=200)
    aliases = LinesField(label=_("Aliases"), required=False, help_text=_("One per line."))
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False,
                                    widget=DateInput())
    phone_numbers = LinesField(label=_("Phone numbers"), required=False,
                               help_text=_("One per line."))
    addresses = LinesField(label=_("Addresses"), required=False, help_text=_("One per line."))
    identity_documents = LinesField(label=_("Identity document numbers"), required=False,
                                    help_text=_("One per line."))
    nationality = CountryField(
        label=_("Nationality"), required=False,
        widget=forms.Select(attrs={"data-filterable": "true"}))
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices,
                               initial=Gender.UNKNOWN)
    languages = LanguagesField(
        label=_("Languages"), required=False,
        help_text=_("Type to search; hold Ctrl (or Cmd) to choose more than one."),
        widget=forms.SelectMultiple(attrs={"data-filterable": "true", "size": 8}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # names in the interface language (CLDR via Babel); the database keeps ISO codes
        self.fields["nationality"].choices = [("", _("Unknown")), *territories.countries()]
        self.fields["languages"].choices = territories.languages()
        if isinstance(self.initial.get("languages"), str):
            self.initial["languages"] = [
                v.strip().lower() for v in self.initial["languages"].split(",") if v.strip()]

    def person_values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in PERSON_FIELDS}


PERSON_FIELDS = ("full_name", "aliases", "date_of_birth", "phone_numbers", "addresses",
                 "identity_documents", "nationality", "gender", "languages")


class ClassificationMixin(djforms.Form):
    forms = djforms.MultipleChoiceField(label=_("Forms of exploitation"),
                                      choices=ExploitationForm.choices,
                                      widget=djforms.CheckboxSelectMultiple)
    indicators = djforms.MultipleChoiceField(label=_("Indicators observed (ILO)"),
                                           choices=Indicator.choices, required=False,
                                           widget=djforms.CheckboxSelectMultiple)


class OpenCaseForm(PersonFieldsForm, ClassificationMixin):
    first_signal_date = forms.DateField(label=_("Date of the first signal"), widget=DateInput())
    reporting_organisation = forms.ModelChoiceField(
        label=_("Reporting organisation"), queryset=Organisation.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporting_organisation"].queryset = active_organisations()
        self.fields["first_signal_date"].initial = timezone.localdate()


class PersonForm(PersonFieldsForm, VersionedForm):
    pass


class CaseDetailsForm(ClassificationMixin, VersionedForm):
    victim_status = forms.ChoiceField(label=_("Victim status"), choices=VictimStatus.choices)
    reporting_organisation = forms.ModelChoiceField(
        label=_("Reporting organisation"), queryset=Organisation.objects.none(), required=False)
    registration_basis = forms.BooleanField(
        label=_("Legal basis to register with CoMensha"), required=False)
    information_advice = forms.BooleanField(label=_("Information and advice given"),
                                            required=False)
    criminal_case_pending = forms.BooleanField(
        label=_("Criminal case pending (holds anonymisation)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporting_organisation"].queryset = active_organisations()


class ClocksForm(VersionedForm):
    reflection_start = forms.DateField(label=_("Reflection period: start"), required=False,
                                       widget=DateInput())
    reflection_end = forms.DateField(
        label=_("Reflection period: end"), required=False, widget=DateInput(),
        help_text=_("Leave empty for the maximum of 3 months."))
    crime_reported_on = forms.DateField(label=_("Crime reported on (counts as application)"),
                                        required=False, widget=DateInput())
    permit_applied_on = forms.DateField(label=_("Residence permit applied for on"),
                                        required=False, widget=DateInput())
    permit_decision_on = forms.DateField(label=_("Decision on the permit"), required=False,
                                         widget=DateInput())
    permit_valid_from = forms.DateField(label=_("Temporary permit valid from"), required=False,
                                        widget=DateInput())
    shelter_kind = forms.ChoiceField(label=_("Shelter placement"), choices=ShelterKind.choices,
                                     required=False)
    shelter_start = forms.DateField(label=_("Shelter placement: start"), required=False,
                                    widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("reflection_start"), cleaned.get("reflection_end")
        try:
            if start:
                clocks.reflection_end(start, end)
            elif end:
                self.add_error("reflection_start", _("Enter the start of the reflection "
                                                     "period."))
        except clocks.ClockError as exc:
            self.add_error("reflection_end", exc.user_message())
        try:
            clocks.check_permit_dates(crime_reported_on=cleaned.get("crime_reported_on"),
                                      applied_on=cleaned.get("permit_applied_on"),
                                      decision_on=cleaned.get("permit_decision_on"),
                                      valid_from=cleaned.get("permit_valid_from"))
        except clocks.ClockError as exc:
            self.add_error(None, exc.user_message())
        if cleaned.get("shelter_start") and not cleaned.get("shelter_kind"):
            self.add_error("shelter_kind", _("Choose the kind of shelter placement."))
        return cleaned


class TransitionForm(VersionedForm):
    target = forms.ChoiceField(label=_("New status"))
    closure_reason = forms.ChoiceField(
        label=_("Closure reason"), required=False,
        choices=[("", "—"), *ClosureReason.choices],
        help_text=_("Required when closing the case."))
    reason = forms.CharField(label=_("Explanation"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Required when reopening the case."))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(CaseState.choices)
        self.fields["target"].choices = [(s, labels[s])
                                         for s in lifecycle.allowed_targets(case.state)]


class MemberForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"),
                                          queryset=Organisation.objects.none())
    start_date = forms.DateField(label=_("Member from"), required=False, widget=DateInput())

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = active_organisations()


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 5}))
    sensitive = forms.BooleanField(
        label=_("Sensitive: only the coordinating organisation may read it"), required=False)

    def __init__(self, *args, allow_sensitive: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_sensitive:
            del self.fields["sensitive"]


class NeedForm(forms.Form):
    domain = forms.ChoiceField(label=_("Domain"), choices=NeedDomain.choices)
    description = forms.CharField(label=_("Need"), widget=forms.Textarea(attrs={"rows": 3}))


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    responsible_organisation = forms.ModelChoiceField(label=_("Responsible organisation"),
                                                      queryset=Organisation.objects.none())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_organisation"].queryset = team


class ActionUpdateForm(VersionedForm):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())


class ConsentForm(forms.Form):
    given_on = forms.DateField(label=_("Consent given on"), widget=DateInput())
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations on the platform"), queryset=Organisation.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple)
    external_recipients = LinesField(label=_("Organisations outside the platform"),
                                     required=False, help_text=_("One per line."))
    data_categories = forms.MultipleChoiceField(
        label=_("Which data"), choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = active_organisations()
        self.fields["given_on"].initial = timezone.localdate()


class ReferralForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("To an organisation on the team"), queryset=Organisation.objects.none(),
        required=False)
    external_organisation = forms.CharField(
        label=_("Or: an organisation outside the platform"), max_length=200, required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    data_categories = forms.MultipleChoiceField(
        label=_("Personal data shared"), choices=DataCategory.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices,
                                    required=False)
    consent = forms.ModelChoiceField(label=_("Consent"), queryset=None, required=False)
    justification = forms.CharField(
        label=_("Justification"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required for a legal basis other than consent."))

    def __init__(self, *args, case, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = team
        self.fields["consent"].queryset = case.consents.filter(status="given")
        self.fields["consent"].label_from_instance = lambda c: _(
            "Consent of %(date)s") % {"date": dates.format_day(c.given_on)}

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("to_organisation")) == bool(
                (cleaned.get("external_organisation") or "").strip()):
            self.add_error("to_organisation", _("Choose one organisation on the team, or name "
                                                "one outside the platform."))
        return cleaned


class ReferralDecisionForm(VersionedForm):
    status = forms.ChoiceField(label=_("Decision"))
    reason = forms.CharField(label=_("Reason"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Required when declining."))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ReferralStatus.choices)
        self.fields["status"].choices = [(c, labels[c]) for c in choices]


class AgendaForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Case meeting"), queryset=None)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{dates.format_moment(m.scheduled_for)} · {m.title}")


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    scheduled_for = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    attendees = forms.ModelMultipleChoiceField(label=_("Attendees"), queryset=None,
                                               required=False,
                                               widget=forms.CheckboxSelectMultiple)
    external_attendees = forms.CharField(label=_("Other attendees"), max_length=500,
                                         required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = User.objects.filter(
            is_active=True, organisation__isnull=False).order_by("organisation__name",
                                                                 "username")
        self.fields["attendees"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.organisation.name})")


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 3}))
    need = forms.ModelChoiceField(label=_("Create an action for need"), queryset=None,
                                  required=False)
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args, case, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = case.needs.all()
        self.fields["need"].label_from_instance = lambda n: n.get_domain_display()
        self.fields["responsible_organisation"].queryset = team


class BreakGlassForm(forms.Form):
    number = forms.CharField(label=_("Case number"), max_length=20,
                             help_text=_("For example ZM-2026-0042."))
    reason = forms.CharField(label=_("Reason for emergency access"), min_length=10,
                             widget=forms.Textarea(attrs={"rows": 4}))
    credential = forms.CharField(
        label=_("Your password, or a code from your authenticator app"), strip=False,
        max_length=200, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Emergency access asks you to confirm who you are at this step, every "
                    "time; having logged in recently is not enough."))


class CaseFilterForm(forms.Form):
    number = forms.CharField(label=_("Case number"), required=False, max_length=20)
    state = forms.ChoiceField(label=_("Status"), required=False,
                              choices=[("", _("All")), *CaseState.choices])
    form = forms.ChoiceField(label=_("Form of exploitation"), required=False,
                             choices=[("", _("All")), *ExploitationForm.choices])
    age = forms.ChoiceField(label=_("Age group"), required=False,
                            choices=[("", _("All")), ("minor", _("Minor")),
                                     ("adult", _("Adult"))])
