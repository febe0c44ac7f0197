"""Break-glass, the CoMensha export and the subject access report."""

from __future__ import annotations

import io
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from uitweg.accounts.permissions import RoleRequiredMixin
from uitweg.accounts.roles import CASE_ROLES, Role
from uitweg.audit.models import AccessLogEntry, Action
from uitweg.audit.service import record_denied, record_for_request
from uitweg.audit.views import AuditedMixin, log_view
from uitweg.core.exports import csv_response

from . import comensha, reauth, services
from .forms import BreakGlassForm
from .models import Case, Person
from .views import CaseScopedMixin


class BreakGlassView(RoleRequiredMixin, FormView):
    """Emergency access to a case of another team: a stated reason, and the password or an
    authenticator code entered on this form (a recent login does not count, ADR 0016).

    The answer does not say whether the number exists: a known and an unknown number both end
    on the case list filtered by that number, with the same message (a known case is listed
    because break-glass made it visible). Both attempts are in the access log.
    """

    required_roles = tuple(CASE_ROLES)
    template_name = "cases/break_glass.html"
    form_class = BreakGlassForm

    def form_valid(self, form):
        request, user = self.request, self.request.user
        number = form.cleaned_data["number"].strip().upper()
        reason = form.cleaned_data["reason"].strip()
        check = reauth.confirm_identity(user, form.cleaned_data["credential"])
        if not check:
            record_denied(request, action=Action.BREAK_GLASS, object_type="cases.case",
                          object_id=number[:64], purpose="break-glass",
                          reason=f"re-authentication failed: {check.code}")
            form.add_error("credential", check.message)
            return self.form_invalid(form)
        case = Case.objects.filter(number=number).first()
        if case is None:
            # A failed emergency attempt is logged too (NEN 7513: outcome denied).
            record_denied(request, action=Action.BREAK_GLASS, object_type="cases.case",
                          object_id=number[:64], purpose="break-glass", reason=reason)
        elif not Case.objects.member_of(user).filter(pk=case.pk).exists():
            services.break_glass(by=user, case=case, reason=reason)
        messages.warning(request, _(
            "Your emergency access request is in the access log. If a case with this number "
            "exists, it is listed below for %(minutes)d minutes and its care coordinator is "
            "notified.") % {"minutes": settings.CASES_BREAK_GLASS_MINUTES})
        return redirect(reverse("cases:list") + "?" + urlencode({"number": number}))


def registrable_cases(user):
    """Cases with a legal basis to register, coordinated by the user's organisation."""
    return (Case.objects.visible_to(user)
            .filter(registration_basis=True, coordinating_organisation_id=user.organisation_id,
                    anonymised_at__isnull=True))


def comensha_rows(cases):
    rows = cases.select_related("reporting_organisation").values(
        "id", "number", "forms", "person__nationality", "minor_on_first_signal",
        "person__gender", "reporting_organisation__name", "reporting_organisation__kind",
        "region", "shelter_kind", "information_advice", "first_signal_date")
    for row in rows.order_by("number"):
        yield row["id"], {
            "case_number": row["number"],
            "forms_of_exploitation": ";".join(row["forms"]),
            "nationality": row["person__nationality"],
            "age_group": comensha.age_group(row["minor_on_first_signal"]),
            "gender": row["person__gender"],
            "reporting_organisation": row["reporting_organisation__name"] or "",
            "reporting_organisation_kind": row["reporting_organisation__kind"] or "",
            "region": row["region"],
            "file_type": comensha.file_type(shelter_kind=row["shelter_kind"],
                                            information_advice=row["information_advice"]),
            "first_signal_date": row["first_signal_date"].isoformat(),
        }


@method_decorator(reauthentication_required(allow_get=True), name="dispatch")
class ComenshaExportView(RoleRequiredMixin, TemplateView):
    """GET: what will be exported (a count). POST (re-authenticated): the CSV, one entry."""

    required_roles = (Role.CARE_COORDINATOR,)
    template_name = "cases/export.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(count=registrable_cases(self.request.user).count(),
                       fields=comensha.CSV_FIELDS)
        return context

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            ids, rows = [], []
            for pk, row in comensha_rows(registrable_cases(request.user)):
                ids.append(pk)
                rows.append([row[name] for name in comensha.CSV_FIELDS])
            record_for_request(request, action=Action.EXPORT, object_type="cases.case",
                               object_ids=ids, purpose="national registration (CoMensha)")
        stamp = timezone.localdate().isoformat()
        return csv_response(f"comensha-{stamp}.csv", comensha.CSV_FIELDS, rows)


def role_labels(roles: str) -> str:
    labels = dict(Role.choices)
    return ", ".join(str(labels.get(r, r)) for r in roles.split(",") if r)


def consultations(case: Case, user):
    """Every access-log entry about the person's cases and the person (for art. 15 GDPR)."""
    from django.db.models import Q

    case_ids = [str(pk) for pk in Case.objects.visible_to(user).filter(person_id=case.person_id)
                .values_list("pk", flat=True)]
    return (AccessLogEntry.objects
            .filter(Q(object_type="cases.case", object_id__in=case_ids)
                    | Q(object_type="cases.person", object_id=str(case.person_id)))
            .order_by("at", "seq"))


class SubjectAccessView(AuditedMixin, CaseScopedMixin, TemplateView):
    coordinator_only = True
    members_only = True
    template_name = "cases/subject_access.html"
    pdf = False

    def get(self, request, *args, **kwargs):
        log_view(request, self.case, action=Action.PRINT if self.pdf else Action.VIEW,
                 purpose="subject access request (GDPR art. 15)")
        context = self.get_context_data(**kwargs)
        if not self.pdf:
            return self.render_to_response(context)
        from xhtml2pdf import pisa

        html = render_to_string("cases/subject_access_pdf.html", context, request=request)
        output = io.BytesIO()
        result = pisa.CreatePDF(html, dest=output, encoding="utf-8")
        if result.err:
            raise RuntimeError("PDF rendering failed")
        response = HttpResponse(output.getvalue(), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="inzage-{self.case.number}.pdf"')
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        person: Person = case.person
        context.update(
            person=person, generated_at=timezone.now(),
            cases=Case.objects.visible_to(self.request.user).filter(person=person).select_related(
                "coordinating_organisation").prefetch_related("memberships__organisation",
                                                              "referrals__to_organisation",
                                                              "consents", "needs__actions"),
            entries=[(entry, role_labels(entry.role))
                     for entry in consultations(case, self.request.user)],
        )
        return context


@method_decorator(transaction.atomic, name="dispatch")
class AcknowledgeBreakGlassView(RoleRequiredMixin, TemplateView):
    """POST only: the coordinator marks a break-glass notice as seen."""

    required_roles = (Role.CARE_COORDINATOR,)
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from django.http import Http404

        from .models import BreakGlassAccess

        access = (BreakGlassAccess.objects
                  .filter(case__in=Case.objects.member_of(request.user),
                          case__coordinating_organisation_id=request.user.organisation_id,
                          pk=kwargs["access_pk"]).first())
        if access is None:
            raise Http404("Not found")
        services.acknowledge_break_glass(by=request.user, access=access)
        return redirect("dashboard")
