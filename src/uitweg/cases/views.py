"""Staff views of the case file. Every view reads through ``visible_to`` and writes one
access-log entry per successful GET (``AuditedMixin``); writes go through ``services``."""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from uitweg.accounts.models import Organisation
from uitweg.accounts.permissions import RoleRequiredMixin
from uitweg.accounts.roles import CASE_ROLES, Role
from uitweg.audit.views import (
    AuditedMixin,
    get_visible_or_404,
    get_within_or_404,
    log_search,
    log_view,
)

from . import comensha, permissions, services
from .forms import (
    ActionForm,
    ActionUpdateForm,
    AgendaForm,
    CaseDetailsForm,
    CaseFilterForm,
    ClocksForm,
    ConfirmForm,
    ConsentForm,
    MemberForm,
    NeedForm,
    NoteForm,
    OpenCaseForm,
    PersonForm,
    ReferralDecisionForm,
    ReferralForm,
    TransitionForm,
)
from .models import (
    BreakGlassAccess,
    CareAction,
    CareNeed,
    Case,
    CaseEvent,
    CaseMembership,
    Consent,
    Meeting,
    Note,
    Referral,
)
from .vocabulary import ExploitationForm

FULL_NUMBER = re.compile(r"^[A-Z]{2}-\d{4}-\w+$")


def show_error(form, exc: services.CaseError) -> None:
    """Put a service's refusal on the form: next to its field when the service names one."""
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, str(exc))


def current_member(case: Case, user) -> bool:
    today = timezone.localdate()
    return CaseMembership.objects.filter(
        case=case, organisation_id=user.organisation_id, start_date__lte=today,
    ).exclude(end_date__lte=today).exists()


def team_organisations(case: Case):
    today = timezone.localdate()
    return Organisation.objects.filter(
        case_memberships__case=case, case_memberships__start_date__lte=today,
    ).exclude(case_memberships__end_date__lte=today).distinct().order_by("name")


class CaseListView(AuditedMixin, RoleRequiredMixin, TemplateView):
    required_roles = tuple(CASE_ROLES)
    template_name = "cases/case_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CaseFilterForm(self.request.GET or None)
        cases = (Case.objects.visible_to(self.request.user)
                 .select_related("coordinating_organisation")
                 .only("id", "number", "state", "forms", "minor_on_first_signal",
                       "first_signal_date", "created_at", "coordinating_organisation__name"))
        if form.is_valid():
            data = form.cleaned_data
            number = data["number"].strip().upper()
            if FULL_NUMBER.match(number):
                cases = cases.filter(number=number)  # the unique index
            elif number:
                cases = cases.filter(number__icontains=number)
            if data["state"]:
                cases = cases.filter(state=data["state"])
            if data["form"]:
                cases = cases.filter(forms_index__contains=f",{data['form']},")
            if data["age"]:
                cases = cases.filter(minor_on_first_signal=data["age"] == "minor")
        page = Paginator(cases.order_by("-created_at", "-id"),
                         settings.CASES_PAGE_SIZE).get_page(self.request.GET.get("page"))
        log_search(self.request, Case, page.object_list)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(form=form, page=page, query=query.urlencode(),
                       form_labels=dict(ExploitationForm.choices),
                       can_open=self.request.user.has_role(Role.CARE_COORDINATOR))
        return context


class OpenCaseView(RoleRequiredMixin, FormView):
    """A care coordinator opens a case (state "new"). The empty form shows no personal data;
    the service logs the creation."""

    required_roles = (Role.CARE_COORDINATOR,)
    template_name = "cases/case_open.html"
    form_class = OpenCaseForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            case = services.open_case(
                by=self.request.user, person=form.person_values(), forms=data["forms"],
                indicators=data["indicators"], first_signal_date=data["first_signal_date"],
                reporting_organisation=data["reporting_organisation"])
        except services.CaseError as exc:
            show_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Case %(number)s opened.") % {"number": case.number})
        return redirect(case)


class CaseScopedMixin:
    """Loads ``self.case`` through the row-level filter (inside the audited transaction).

    ``members_only``: break-glass access is not enough (all writes).
    ``coordinator_only``: only the coordinating organisation (403 for other team members).
    Whether a closed case may be changed is the service's rule (``services.CaseClosed``);
    :class:`CaseFormView` turns that refusal into a message.
    """

    members_only = True
    coordinator_only = False
    purpose = "care"

    def dispatch(self, request, *args, **kwargs):
        queryset = Case.objects.select_related("person", "coordinating_organisation",
                                               "reporting_organisation")
        if self.members_only:
            queryset = queryset.member_of(request.user)
        self.case = get_visible_or_404(request, queryset, pk=kwargs["pk"])
        self.is_coordinating = (request.user.organisation_id
                                == self.case.coordinating_organisation_id)
        if self.coordinator_only and not self.is_coordinating:
            raise PermissionDenied(_("Only the coordinating organisation can do this."))
        return super().dispatch(request, *args, **kwargs)

    def log(self):
        log_view(self.request, self.case, purpose=self.purpose)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case=self.case, is_coordinating=self.is_coordinating)
        return context


class CaseDetailView(AuditedMixin, CaseScopedMixin, TemplateView):
    members_only = False  # break-glass access may read
    template_name = "cases/case_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case, user = self.case, self.request.user
        glass = not current_member(case, user)
        member = not glass and permissions.is_member(user, case)  # one query at most
        if glass:
            access = (BreakGlassAccess.objects.filter(case=case, user=user)
                      .order_by("-at").first())
            log_view(self.request, case, purpose="break-glass", break_glass=True,
                     reason=access.reason if access else "")
        else:
            self.log()
        needs = (CareNeed.objects.filter(case=case)
                 .prefetch_related(Prefetch("actions", queryset=CareAction.objects
                                            .select_related("responsible_organisation"))))
        events = CaseEvent.objects.filter(case=case).select_related("actor")
        if not self.is_coordinating:
            events = events.filter(sensitive=False)
        today = timezone.localdate()
        memberships = list(CaseMembership.objects.filter(case=case)
                           .select_related("organisation"))
        referrals = list(Referral.objects.filter(case=case).select_related(
            "to_organisation", "from_organisation", "consent"))
        context.update(
            break_glass=glass,
            person=case.person,
            deadlines=[(d, d.urgency(today), d.days_left(today), -d.days_left(today))
                       for d in services.case_deadlines(case)],
            memberships=memberships,
            today=today,
            needs=needs,
            referrals=referrals,
            # the referrals this user may decide on now (asked of the service; no query)
            respondable=set() if glass else {
                r.pk for r in referrals
                if services.referral_decisions(user, r, case, member=member)},
            consents=Consent.objects.filter(case=case).prefetch_related("organisations",
                                                                        "referrals"),
            # the case is visible (checked above); sensitive notes only for the coordinator
            notes=(Note.objects.filter(case=case) if self.is_coordinating else
                   Note.objects.filter(case=case, sensitive=False)).select_related(
                "organisation", "author"),
            events=events.order_by("-at", "-id"),
            agenda=case.agenda_items.select_related("meeting").prefetch_related("decisions"),
            age_group=comensha.age_group(case.minor_on_first_signal),
            file_type=comensha.FILE_TYPE_LABELS[comensha.file_type(
                shelter_kind=case.shelter_kind, information_advice=case.information_advice)],
            form_labels=dict(ExploitationForm.choices),
        )
        return context


class CaseFormView(AuditedMixin, CaseScopedMixin, FormView):
    """A form about one case: GET shows it (one access entry), POST calls a service."""

    template_name = "cases/case_form.html"
    title = ""
    intro = ""
    submit_label = gettext_lazy("Save")
    anchor = ""

    def get(self, request, *args, **kwargs):
        self.log()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, intro=self.intro, submit_label=self.submit_label,
                       changes=getattr(self, "changes", None))
        return context

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except services.StaleEdit as exc:
            self.changes = exc.changes
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        except services.CaseClosed as exc:
            messages.error(self.request, str(exc))
            return redirect(self.case)
        except services.CaseError as exc:
            show_error(form, exc)
            return self.form_invalid(form)
        if message:
            messages.success(self.request, message)
        return redirect(self.case.get_absolute_url() + (f"#{self.anchor}" if self.anchor else ""))

    def form_invalid(self, form):
        self.log()  # the form is shown again with the case's data
        return super().form_invalid(form)


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
                               values=form.person_values())
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
                               values=values)
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
        services.add_action(by=self.request.user, need=self.need(), **form.cleaned_data)
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
                               due_date=form.cleaned_data["due_date"])
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


def case_url(name: str, case: Case, **kwargs) -> str:
    return reverse(f"cases:{name}", kwargs={"pk": case.pk, **kwargs})
