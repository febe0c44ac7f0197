"""The case list (filters, computed columns, sorting, saved filters), the case owner form and
the form that names an organisation's contact on the team."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from uitweg.accounts.permissions import RoleRequiredMixin
from uitweg.accounts.roles import CASE_ROLES, Role
from uitweg.audit.views import AuditedMixin, get_within_or_404, log_search
from uitweg.core.vocabulary import ExploitationForm

from . import case_list, contacts, owner, saved_filters
from .models import Case, CaseMembership, SavedCaseFilter
from .services import CaseError
from .views import CaseFormView

#: (sort code when the column is clicked, its label): the sortable column headers
COLUMNS = [
    ("number", gettext_lazy("Case number")),
    ("state", gettext_lazy("Status")),
    ("", gettext_lazy("Case owner")),
    ("deadline", gettext_lazy("Next deadline")),
    ("-overdue", gettext_lazy("Overdue actions")),
    ("-activity", gettext_lazy("Last activity")),
]


class CaseListView(AuditedMixin, RoleRequiredMixin, TemplateView):
    required_roles = tuple(CASE_ROLES)
    template_name = "cases/case_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = case_list.CaseListForm(self.request.GET)
        form.is_valid()  # an invalid value is shown as an error and ignored, not a 500
        data = form.cleaned_data
        cases = (case_list.base(data, user=user)
                 .select_related("coordinating_organisation", "owner")
                 .only("id", "number", "state", "forms", "minor_on_first_signal",
                       "first_signal_date", "created_at", "coordinating_organisation__name",
                       "owner__username", "owner__first_name", "owner__last_name",
                       "next_action_due", "last_activity_at"))
        cases = case_list.filtered(cases, data, user=user)
        if data.get("sort") == "deadline":  # two index walks, not a sort of every case
            cases = case_list.DeadlineOrder(cases)
        else:
            cases = case_list.ordered(case_list.annotated(cases), data.get("sort", ""))
        page = Paginator(cases, settings.CASES_PAGE_SIZE).get_page(self.request.GET.get("page"))
        log_search(self.request, Case, page.object_list)
        for case in page.object_list:  # already fetched: no query
            case.deadline_label = case_list.deadline_label(case)
        query = self.request.GET.copy()
        query.pop("page", None)
        current_sort = data.get("sort", "")
        columns = [{"label": label, "sort": code,
                    "link": case_list.sort_link(self.request.GET, code) if code else "",
                    "current": bool(code) and code == current_sort}
                   for code, label in COLUMNS]
        context.update(
            form=form, page=page, query=query.urlencode(), columns=columns,
            form_labels=dict(ExploitationForm.choices),
            saved=SavedCaseFilter.objects.visible_to(user),
            filter_query=case_list.clean_query(self.request.GET),
            can_open=user.has_role(Role.CARE_COORDINATOR))
        return context


class SaveFilterView(RoleRequiredMixin, View):
    """POST: keep the current list filter under a name (the user's own)."""

    required_roles = tuple(CASE_ROLES)
    http_method_names = ["post"]

    def post(self, request):
        from django.http import QueryDict

        params = QueryDict(request.POST.get("query", "")[:500])
        try:
            saved = saved_filters.save_filter(by=request.user, name=request.POST.get("name", ""),
                                              params=params)
        except CaseError as exc:
            messages.error(request, str(exc))
            return redirect(reverse("cases:list") + "?" + params.urlencode())
        messages.success(request, _("Filter “%(name)s” saved.") % {"name": saved.name})
        return redirect(reverse("cases:list") + ("?" + saved.query if saved.query else ""))


class DeleteFilterView(RoleRequiredMixin, View):
    required_roles = tuple(CASE_ROLES)
    http_method_names = ["post"]

    def post(self, request, filter_pk):
        try:
            saved_filters.delete_filter(by=request.user, saved_id=filter_pk)
        except CaseError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Filter deleted."))
        return redirect("cases:list")


class OwnerForm(forms.Form):
    owner = forms.TypedChoiceField(label=gettext_lazy("Case owner"), required=False,
                                   coerce=int, empty_value=None)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {u.pk: u for u in owner.candidates(case)}
        self.fields["owner"].choices = [("", _("Nobody"))] + [
            (pk, owner.display_name(u)) for pk, u in self.people.items()]
        self.fields["owner"].help_text = _(
            "A named person of the coordinating organisation who keeps the case moving.")


class OwnerView(CaseFormView):
    coordinator_only = True
    form_class = OwnerForm
    title = gettext_lazy("Case owner")
    anchor = "team"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "case": self.case}

    def get_initial(self):
        return {"version": self.case.version, "owner": self.case.owner_id}

    def perform(self, form):
        data = form.cleaned_data
        chosen = form.people.get(data["owner"]) if data["owner"] else None
        owner.set_owner(by=self.request.user, case=self.case, owner=chosen,
                        expected_version=data["version"])
        return _("Case owner saved.")


class ContactForm(forms.Form):
    contact = forms.TypedChoiceField(label=gettext_lazy("Contact"), required=False,
                                     coerce=int, empty_value=None)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, membership: CaseMembership, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {u.pk: u for u in contacts.candidates(membership)}
        self.fields["contact"].choices = [("", _("Nobody"))] + [
            (pk, owner.display_name(u)) for pk, u in self.people.items()]
        self.fields["contact"].help_text = _(
            "The person at %(org)s whom the team contacts about this case.") % {
            "org": membership.organisation.name}


class ContactView(CaseFormView):
    """Name the contact of one organisation on the team (that organisation or the
    coordinating one; the service decides)."""

    form_class = ContactForm
    title = gettext_lazy("Contact on the team")
    anchor = "team"

    def membership(self) -> CaseMembership:
        if not hasattr(self, "_membership"):
            self._membership = get_within_or_404(
                CaseMembership.objects.select_related("organisation", "contact"),
                case=self.case, pk=self.kwargs["membership_pk"])
        return self._membership

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "membership": self.membership()}

    def get_initial(self):
        membership = self.membership()
        return {"version": membership.version, "contact": membership.contact_id}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Contact of %(org)s") % {"org": self.membership().organisation.name}
        return context

    def perform(self, form):
        data = form.cleaned_data
        chosen = form.people.get(data["contact"]) if data["contact"] else None
        contacts.set_contact(by=self.request.user, membership=self.membership(),
                             contact=chosen, expected_version=data["version"])
        return _("Contact saved.")
