"""Multidisciplinary case meetings: schedule, agenda, attendees, decisions."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from uitweg.accounts.permissions import RoleRequiredMixin
from uitweg.accounts.roles import CASE_ROLES
from uitweg.audit.views import (
    AuditedMixin,
    get_visible_or_404,
    get_within_or_404,
    log_search,
    log_view,
)

from . import confirm, services
from .forms import DecisionForm, MeetingForm
from .models import AgendaItem, Case, Meeting
from .views import team_organisations


class MeetingListView(AuditedMixin, RoleRequiredMixin, TemplateView):
    required_roles = tuple(CASE_ROLES)
    audit_object_type = "cases.meeting"
    template_name = "cases/meeting_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meetings = list(Meeting.objects.visible_to(self.request.user)
                        .select_related("organising_organisation")[:100])
        log_search(self.request, Meeting, meetings)
        context["meetings"] = meetings
        return context


class MeetingCreateView(RoleRequiredMixin, FormView):
    required_roles = tuple(CASE_ROLES)
    audit_object_type = "cases.meeting"
    template_name = "cases/meeting_form.html"
    form_class = MeetingForm

    def form_valid(self, form):
        try:
            meeting = services.schedule_meeting(by=self.request.user, **form.cleaned_data,
                                                confirmed=confirm.confirmed(form))
        except services.CaseError as exc:  # a refusal, or a question about a date
            confirm.show_refusal(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Case meeting scheduled."))
        return redirect("cases:meeting", meeting_pk=meeting.pk)


class MeetingDetailView(AuditedMixin, RoleRequiredMixin, TemplateView):
    required_roles = tuple(CASE_ROLES)
    audit_object_type = "cases.meeting"
    template_name = "cases/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = get_visible_or_404(
            self.request, Meeting.objects.select_related("organising_organisation"),
            pk=self.kwargs["meeting_pk"])
        log_view(self.request, meeting)
        visible = Case.objects.member_of(self.request.user).values("pk")
        items = (meeting.items.filter(case__in=visible).select_related("case")
                 .prefetch_related("decisions"))
        context.update(meeting=meeting, items=items,
                       hidden_items=meeting.items.exclude(case__in=visible).count(),
                       attendees=meeting.attendees.select_related("organisation"))
        return context


class DecisionAddView(AuditedMixin, RoleRequiredMixin, FormView):
    required_roles = tuple(CASE_ROLES)
    audit_object_type = "cases.decision"
    template_name = "cases/case_form.html"
    form_class = DecisionForm

    def _load(self):
        """Inside the audited transaction (not in ``dispatch``, which runs before it): a
        refusal is then logged like every other, and the read commits with its entry."""
        self.item = get_within_or_404(AgendaItem.objects.select_related("meeting"),
                                      meeting_id=self.kwargs["meeting_pk"],
                                      pk=self.kwargs["item_pk"])
        self.case = get_visible_or_404(self.request,
                                       Case.objects.member_of(self.request.user),
                                       pk=self.item.case_id)

    def get(self, request, *args, **kwargs):
        self._load()
        log_view(request, self.case, purpose="case meeting")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self._load()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.case,
                "team": team_organisations(self.case)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case=self.case, title=_("Record a decision"),
                       intro=_("Case meeting “%(title)s”. A decision with a need, a "
                               "responsible organisation and a due date also becomes a "
                               "care-plan action.") % {"title": self.item.meeting.title},
                       submit_label=_("Save decision"))
        return context

    def form_valid(self, form):
        try:
            services.record_decision(by=self.request.user, item=self.item, **form.cleaned_data,
                                     confirmed=confirm.confirmed(form))
        except services.CaseError as exc:  # a refusal, or a question about a date
            confirm.show_refusal(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Decision recorded."))
        return redirect("cases:meeting", meeting_pk=self.item.meeting_id)

    def form_invalid(self, form):
        log_view(self.request, self.case, purpose="case meeting")
        return super().form_invalid(form)
