"""Staff views of the case file. Every view reads through ``visible_to`` and writes one
access-log entry per successful GET (``AuditedMixin``); writes go through ``services``."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from uitweg.accounts.models import Organisation
from uitweg.accounts.permissions import RoleRequiredMixin
from uitweg.accounts.roles import Role
from uitweg.audit.views import (
    AuditedMixin,
    get_visible_or_404,
    log_view,
)
from uitweg.core.vocabulary import ExploitationForm

from . import comensha, confirm, contacts, permissions, services
from .forms import (
    OpenCaseForm,
)
from .models import (
    BreakGlassAccess,
    CareAction,
    CareNeed,
    Case,
    CaseEvent,
    CaseMembership,
    Consent,
    Note,
    Referral,
)

FULL_NUMBER = re.compile(r"^[A-Z]{2}-\d{4}-\w+$")


def show_error(form, exc: services.CaseError) -> None:
    """Put a service's refusal (or its question about a date) on the form."""
    confirm.show_refusal(form, exc)


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
                reporting_organisation=data["reporting_organisation"],
                confirmed=confirm.confirmed(form))
        except services.CaseError as exc:  # a refusal, or a question about a date
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
                           .select_related("organisation", "contact"))
        referrals = list(Referral.objects.filter(case=case).select_related(
            "to_organisation", "from_organisation", "consent"))
        context.update(
            break_glass=glass,
            person=case.person,
            deadlines=[(d, d.urgency(today), d.days_left(today), -d.days_left(today))
                       for d in services.case_deadlines(case)],
            memberships=memberships,
            # the team contacts this user may name now (asked of the service's module; no query)
            contact_nameable=set() if glass else {
                m.pk for m in memberships if contacts.offered(user, m, case, member=member)},
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
        except services.CaseError as exc:  # a refusal, or a question about a date
            show_error(form, exc)
            return self.form_invalid(form)
        if message:
            messages.success(self.request, message)
        return redirect(self.case.get_absolute_url() + (f"#{self.anchor}" if self.anchor else ""))

    def form_invalid(self, form):
        self.log()  # the form is shown again with the case's data
        return super().form_invalid(form)


def case_url(name: str, case: Case, **kwargs) -> str:
    return reverse(f"cases:{name}", kwargs={"pk": case.pk, **kwargs})
