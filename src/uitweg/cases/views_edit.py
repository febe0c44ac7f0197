"""The forms of one case file (status, person, details, dates, team, notes, plan, consent,
referrals, agenda): each GET is logged like the case file, each POST calls one service.
Split from :mod:`uitweg.cases.views` (the case file and the base classes)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uitweg.audit.views import get_within_or_404

from . import confirm, services
from .forms import (
    ActionForm,
    ActionUpdateForm,
    AgendaForm,
    CaseDetailsForm,
    ClocksForm,
    ConfirmForm,
    ConsentForm,
    MemberForm,
    NeedForm,
    NoteForm,
    PersonForm,
    ReferralDecisionForm,
    ReferralForm,
    TransitionForm,
)
from .models import (
    CareAction,
    CareNeed,
    Case,
    CaseMembership,
    Consent,
    Meeting,
    Referral,
)
from .views import CaseFormView, team_organisations


class TransitionView(CaseFormView):
    coordinator_only = True
    form_class = TransitionForm
    title = gettext_lazy("Change status")
    anchor = "status"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.case}

    def get_initial(self):
        return {"version": self.case.version}

    def perform(self, form):
        data = form.cleaned_data
        services.transition(by=self.request.user, case=self.case, target=data["target"],
                            expected_version=data["version"],
                            closure_reason=data["closure_reason"], reason=data["reason"])
        return _("Status changed.")


class PersonEditView(CaseFormView):
    coordinator_only = True
    form_class = PersonForm
    title = gettext_lazy("Edit person")
    anchor = "person"

    def get_initial(self):
        person = self.case.person
        initial = {name: getattr(person, name) for name in
                   ("full_name", "aliases", "date_of_birth", "phone_numbers", "addresses",
                    "identity_documents", "nationality", "gender")}
        initial.update(languages=", ".join(person.languages or []), version=person.version)
        return initial

    def perform(self, form):
        services.update_person(by=self.request.user, case=self.case,
                               expected_version=form.cleaned_data["version"],
                               values=form.person_values(), confirmed=confirm.confirmed(form))
        return _("Person details saved.")


class CaseDetailsEditView(CaseFormView):
    coordinator_only = True
    form_class = CaseDetailsForm
    title = gettext_lazy("Edit classification")
    anchor = "classification"

    def get_initial(self):
        case = self.case
        return {"forms": case.forms, "indicators": case.indicators,
                "victim_status": case.victim_status,
                "reporting_organisation": case.reporting_organisation_id,
                "registration_basis": case.registration_basis,
                "information_advice": case.information_advice,
                "criminal_case_pending": case.criminal_case_pending, "version": case.version}

    def perform(self, form):
        values = dict(form.cleaned_data)
        version = values.pop("version")
        services.update_case_details(by=self.request.user, case=self.case,
                                     expected_version=version, values=values)
        return _("Case details saved.")


class ClocksEditView(CaseFormView):
    coordinator_only = True
    form_class = ClocksForm
    title = gettext_lazy("Legal clocks")
    intro = gettext_lazy("Reflection period (up to 3 months), residence permit for victims "
                         "(B8/3: reporting the crime counts as the application; the temporary "
                         "permit is valid for 1 year) and shelter placement.")
    anchor = "clocks"

    def get_initial(self):
        initial = {name: getattr(self.case, name) for name in services.CLOCK_FIELDS}
        initial["version"] = self.case.version
        return initial

    def perform(self, form):
        values = dict(form.cleaned_data)
        version = values.pop("version")
        services.update_clocks(by=self.request.user, case=self.case, expected_version=version,
                               values=values, confirmed=confirm.confirmed(form))
        return _("Dates saved.")


class MemberAddView(CaseFormView):
    coordinator_only = True
    form_class = MemberForm
    title = gettext_lazy("Add an organisation to the team")
    intro = gettext_lazy("Members of the team can read the case file from the start date "
                         "until their membership ends.")
    anchor = "team"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.case}

    def perform(self, form):
        data = form.cleaned_data
        services.add_member(by=self.request.user, case=self.case,
                            organisation=data["organisation"], start_date=data["start_date"])
        return _("%(org)s added to the team.") % {"org": data["organisation"].name}


class MemberEndView(CaseFormView):
    coordinator_only = True
    form_class = ConfirmForm
    title = gettext_lazy("End team membership")
    submit_label = gettext_lazy("End membership")
    anchor = "team"

    def get_context_data(self, **kwargs):
        membership = self.membership()
        context = super().get_context_data(**kwargs)
        context["intro"] = _("%(org)s will no longer see this case from today.") % {
            "org": membership.organisation.name}
        return context

    def membership(self):
        return get_within_or_404(
            CaseMembership.objects.select_related("organisation"),
            case=self.case, pk=self.kwargs["membership_pk"])

    def perform(self, form):
        services.end_membership(by=self.request.user, membership=self.membership())
        return _("Membership ended.")


class NoteAddView(CaseFormView):
    form_class = NoteForm
    title = gettext_lazy("Add a note")
    anchor = "notes"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "allow_sensitive": self.is_coordinating}

    def perform(self, form):
        services.add_note(by=self.request.user, case=self.case, text=form.cleaned_data["text"],
                          sensitive=form.cleaned_data.get("sensitive", False))
        return _("Note added.")


class NeedAddView(CaseFormView):
    form_class = NeedForm
    title = gettext_lazy("Add a need to the care plan")
    anchor = "plan"

    def perform(self, form):
        services.add_need(by=self.request.user, case=self.case, **form.cleaned_data)
        return _("Need added.")


class ActionAddView(CaseFormView):
    form_class = ActionForm
    title = gettext_lazy("Add an action")
    anchor = "plan"

    def need(self):
        return get_within_or_404(CareNeed.objects, case=self.case, pk=self.kwargs["need_pk"])

    def get_form_kwargs(self):
        self.need()
        return {**super().get_form_kwargs(), "team": team_organisations(self.case)}

    def perform(self, form):
        services.add_action(by=self.request.user, need=self.need(), **form.cleaned_data,
                            confirmed=confirm.confirmed(form))
        return _("Action added.")


class ActionUpdateView(CaseFormView):
    form_class = ActionUpdateForm
    title = gettext_lazy("Update an action")
    anchor = "plan"

    def action(self):
        return get_within_or_404(
            CareAction.objects.select_related("need"),
            need__case=self.case, pk=self.kwargs["action_pk"])

    def get_initial(self):
        action = self.action()
        return {"status": action.status, "due_date": action.due_date,
                "version": action.version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = self.action().description
        return context

    def perform(self, form):
        services.update_action(by=self.request.user, action=self.action(),
                               expected_version=form.cleaned_data["version"],
                               status=form.cleaned_data["status"],
                               due_date=form.cleaned_data["due_date"],
                               confirmed=confirm.confirmed(form))
        return _("Action saved.")


class ConsentAddView(CaseFormView):
    coordinator_only = True
    form_class = ConsentForm
    title = gettext_lazy("Record consent")
    intro = gettext_lazy("Record which organisations may receive which data, as the person "
                         "agreed.")
    anchor = "consent"

    def perform(self, form):
        services.record_consent(by=self.request.user, case=self.case, **form.cleaned_data)
        return _("Consent recorded.")


class ConsentWithdrawView(CaseFormView):
    coordinator_only = True
    form_class = ConfirmForm
    title = gettext_lazy("Withdraw consent")
    submit_label = gettext_lazy("Withdraw consent")
    anchor = "consent"

    def consent(self):
        return get_within_or_404(Consent.objects, case=self.case, pk=self.kwargs["consent_pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consent = self.consent()
        rested = [r.recipient_name for r in consent.referrals.select_related("to_organisation")]
        context["intro"] = _("Future sharing on this consent stops. Shares that rested on it: "
                             "%(list)s.") % {"list": ", ".join(rested) or _("none")}
        return context

    def perform(self, form):
        rested = services.withdraw_consent(by=self.request.user, consent=self.consent())
        return _("Consent withdrawn. Shares that rested on it: %(list)s.") % {
            "list": ", ".join(r.recipient_name for r in rested) or _("none")}


class ReferralAddView(CaseFormView):
    form_class = ReferralForm
    title = gettext_lazy("Refer to an organisation")
    intro = gettext_lazy("A referral that shares personal data needs a legal basis: the "
                         "person's consent, or another basis with a written justification.")
    submit_label = gettext_lazy("Send referral")
    anchor = "referrals"

    def get_form_kwargs(self):
        team = team_organisations(self.case).exclude(pk=self.request.user.organisation_id)
        return {**super().get_form_kwargs(), "case": self.case, "team": team}

    def perform(self, form):
        data = form.cleaned_data
        services.send_referral(
            by=self.request.user, case=self.case, purpose=data["purpose"],
            to_organisation=data["to_organisation"],
            external_organisation=data["external_organisation"],
            data_categories=data["data_categories"], legal_basis=data["legal_basis"],
            consent=data["consent"], justification=data["justification"])
        return _("Referral sent.")


class ReferralDecideView(CaseFormView):
    form_class = ReferralDecisionForm
    title = gettext_lazy("Referral")
    anchor = "referrals"

    def referral(self):
        return get_within_or_404(
            Referral.objects.select_related("to_organisation"),
            case=self.case, pk=self.kwargs["referral_pk"])

    @staticmethod
    def choices_for(user, referral: Referral, case: Case) -> list[str]:
        """The decisions the service accepts from ``user`` now (asked of the service)."""
        return services.referral_decisions(user, referral, case)

    def get_form_kwargs(self):
        choices = self.choices_for(self.request.user, self.referral(), self.case)
        return {**super().get_form_kwargs(), "choices": choices}

    def get_initial(self):
        return {"version": self.referral().version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referral = self.referral()
        context["referral"] = referral
        context["intro"] = _("To %(org)s: %(purpose)s (status: %(status)s)") % {
            "org": referral.recipient_name, "purpose": referral.purpose,
            "status": referral.get_status_display()}
        return context

    def perform(self, form):
        referral = services.decide_referral(by=self.request.user, referral=self.referral(),
                                            status=form.cleaned_data["status"],
                                            expected_version=form.cleaned_data["version"],
                                            reason=form.cleaned_data["reason"])
        return _("Referral: %(status)s.") % {"status": referral.get_status_display()}


class AgendaAddView(CaseFormView):
    form_class = AgendaForm
    title = gettext_lazy("Put on the agenda of a case meeting")
    anchor = "meetings"

    def get_form_kwargs(self):
        meetings = (Meeting.objects.visible_to(self.request.user)
                    .filter(scheduled_for__gte=timezone.now() - timedelta(days=1))
                    .order_by("scheduled_for"))
        return {**super().get_form_kwargs(), "meetings": meetings}

    def perform(self, form):
        services.put_on_agenda(by=self.request.user, meeting=form.cleaned_data["meeting"],
                               case=self.case)
        return _("Put on the agenda.")
