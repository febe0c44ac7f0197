"""Staff pages of the action programme: the year's progress per pillar, an action with its
milestones and indicators, the forms that change them, and the yearly progress report (PDF).

No access-log entry is written for reading these pages: they hold no personal data (an action
names organisations, indicator values are suppressed figures; ADR 0072 applies as to the
monitoring pages). A refused role check is still logged, as everywhere.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from uitweg.accounts.permissions import role_required

from . import permissions, services, sources
from .forms import ActionForm, IndicatorForm, MilestoneForm, StatusForm, ValueForm
from .models import Action, Milestone
from .progress import indicator_rows, progress
from .vocabulary import IndicatorSource

readers = role_required(*permissions.VIEW_ROLES, object_type="programme.action")


def year_from(request) -> int:
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= this_year + 10 else this_year


def _apply_errors(form, exc: ValidationError) -> None:
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@readers
@require_safe
def actions(request):
    year = year_from(request)
    return render(request, "programme/actions.html", {
        "year": year, "pillars": progress(Action.objects.all(), year),
        "may_write": permissions.may_write_programme(request.user),
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 6, -1),
    })


def _detail(request, action, **forms):
    year = year_from(request)
    context = {
        "action": action, "year": year,
        "indicators": list(zip(action.indicators.all(),
                               indicator_rows(action, year, {}), strict=True)),
        "may_write": permissions.may_write_programme(request.user),
        "may_update": permissions.may_update_progress(request.user, action),
        "status_form": StatusForm(initial={"status": action.status,
                                           "version": action.version}),
        "milestone_form": MilestoneForm(), "indicator_form": IndicatorForm(),
        "value_form": ValueForm(initial={"year": min(year, timezone.localdate().year)}),
        "breakdowns": {key: sources.breakdowns(key) for key in IndicatorSource.values
                       if key != IndicatorSource.MANUAL},
    }
    context.update(forms)
    return render(request, "programme/action.html", context,
                  status=400 if forms else 200)


@readers
@require_safe
def action(request, action_pk):
    return _detail(request, get_object_or_404(Action, pk=action_pk))


def _data(cleaned) -> services.ActionData:
    return services.ActionData(
        pillar=cleaned["pillar"], title=cleaned["title"], owner_id=cleaned["owner"].pk,
        start_year=cleaned["start_year"], end_year=cleaned["end_year"],
        description=cleaned["description"], title_en=cleaned["title_en"],
        description_en=cleaned["description_en"], status=cleaned["status"],
        published=cleaned["published"])


@readers
@require_http_methods(["GET", "POST"])
def action_edit(request, action_pk=None):
    existing = get_object_or_404(Action, pk=action_pk) if action_pk else None
    permissions.require_write_programme(request.user)
    if request.method == "POST":
        form = ActionForm(request.POST)
        if form.is_valid():
            try:
                if existing:
                    saved = services.update_action(by=request.user, action_id=existing.pk,
                                                   data=_data(form.cleaned_data),
                                                   version=form.cleaned_data["version"])
                else:
                    saved = services.create_action(by=request.user,
                                                   data=_data(form.cleaned_data))
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The action is saved."))
                return redirect(saved)
        status = 400
    else:
        initial = {"start_year": timezone.localdate().year,
                   "end_year": timezone.localdate().year}
        if existing:
            initial = {name: getattr(existing, name) for name in (
                "pillar", "title", "description", "title_en", "description_en", "start_year",
                "end_year", "status", "published", "version")}
            initial["owner"] = existing.owner_id
        form, status = ActionForm(initial=initial), 200
    return render(request, "programme/action_form.html", {"form": form, "action": existing},
                  status=status)


def _post(request, action, form, call, success: str, form_name: str):
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(action)
    return _detail(request, action, **{form_name: form})


@readers
@require_POST
def status(request, action_pk):
    action = get_object_or_404(Action, pk=action_pk)
    return _post(request, action, StatusForm(request.POST), lambda c: services.update_status(
        by=request.user, action_id=action.pk, status=c["status"], version=c["version"]),
        _("The status is saved."), "status_form")


@readers
@require_POST
def milestone_add(request, action_pk):
    action = get_object_or_404(Action, pk=action_pk)
    return _post(request, action, MilestoneForm(request.POST), lambda c: services.add_milestone(
        by=request.user, action_id=action.pk, title=c["title"], due_on=c["due_on"]),
        _("The milestone is added."), "milestone_form")


@readers
@require_POST
def milestone_mark(request, milestone_pk):
    milestone = get_object_or_404(Milestone, pk=milestone_pk)
    services.mark_milestone(by=request.user, milestone_id=milestone.pk,
                            done=request.POST.get("done") == "1")
    messages.success(request, _("The milestone is saved."))
    return redirect(milestone.action)


@readers
@require_POST
def indicator_add(request, action_pk):
    action = get_object_or_404(Action, pk=action_pk)
    return _post(request, action, IndicatorForm(request.POST), lambda c: services.add_indicator(
        by=request.user, action_id=action.pk, title=c["title"], source=c["source"],
        dimension=c["dimension"], category=c["category"], target=c["target"]),
        _("The indicator is added."), "indicator_form")


@readers
@require_POST
def value_record(request, action_pk, indicator_pk):
    action = get_object_or_404(Action, pk=action_pk)
    indicator = get_object_or_404(action.indicators, pk=indicator_pk)
    return _post(request, action, ValueForm(request.POST), lambda c: services.record_value(
        by=request.user, indicator_id=indicator.pk, year=c["year"], value=c["value"],
        note=c["note"]), _("The value is saved."), "value_form")


@readers
@require_safe
def report_pdf(request):
    """The progress report of a year for the council."""
    from xhtml2pdf import pisa

    year = year_from(request)
    html = render_to_string("programme/report_pdf.html", {
        "year": year, "pillars": progress(Action.objects.all(), year),
        "made_on": timezone.localdate()}, request=request)
    output = io.BytesIO()
    if pisa.CreatePDF(html, dest=output, encoding="utf-8").err:
        messages.error(request, _("The report could not be made; try again later."))
        return redirect("programme:actions")
    response = HttpResponse(output.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="actieprogramma-{year}.pdf"'
    return response
