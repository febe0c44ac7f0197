"""The team lead's pages (platforms, message templates) and the figures (no personal data)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from uitweg.accounts.permissions import role_required
from uitweg.accounts.roles import Role
from uitweg.audit.views import audited, get_visible_or_404
from uitweg.core.exports import csv_response

from . import figures as outreach_figures
from . import services
from .forms import PlatformForm, TemplateForm
from .models import MessageTemplate, Platform
from .permissions import FIGURE_ROLES

lead_only = role_required(Role.OUTREACH_LEAD, object_type="outreach.messagetemplate")


@lead_only
@require_safe
def templates(request):
    items = list(MessageTemplate.objects.visible_to(request.user))
    return render(request, "outreach/templates.html", {
        "platforms": list(Platform.objects.visible_to(request.user)),
        "templates": [(t, TemplateForm(initial={"name": t.name, "language": t.language,
                                                "text": t.text, "version": t.version},
                                       prefix=f"t{t.pk}")) for t in items],
        "platform_form": PlatformForm(), "template_form": TemplateForm(prefix="new"),
    })


def _saved(request, call, success: str):
    try:
        call()
    except ValidationError as exc:
        messages.error(request, _("Not saved: %(errors)s") % {"errors": " ".join(exc.messages)})
    except services.OutreachError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("outreach:templates")


@require_POST  # first: a GET is 405 for everyone (nothing to show or refuse)
@audited
@lead_only
def platform_add(request):
    form = PlatformForm(request.POST)
    name = request.POST.get("name", "") if not form.is_valid() else form.cleaned_data["name"]
    return _saved(request, lambda: services.save_platform(by=request.user, name=name),
                  _("Platform added."))


@require_POST  # first: a GET is 405 for everyone (nothing to show or refuse)
@audited
@lead_only
def platform_toggle(request, platform_pk):
    platform = get_visible_or_404(request, Platform.objects.all(), pk=platform_pk,
                                  action="update")
    return _saved(request, lambda: services.save_platform(
        by=request.user, name=platform.name, active=not platform.active,
        platform_id=platform.pk), _("Platform changed."))


def _template_call(request, prefix: str, template_id: int | None):
    form = TemplateForm(request.POST, prefix=prefix)
    form.is_valid()  # the service validates again and names every problem
    data = {k: form.data.get(f"{prefix}-{k}", "") for k in ("name", "language", "text")}
    version = form.cleaned_data.get("version") if hasattr(form, "cleaned_data") else None
    return lambda: services.save_template(by=request.user, template_id=template_id,
                                          version=version, **data)


@require_POST  # first: a GET is 405 for everyone (nothing to show or refuse)
@audited
@lead_only
def template_add(request):
    return _saved(request, _template_call(request, "new", None), _("Template saved."))


@require_POST  # first: a GET is 405 for everyone (nothing to show or refuse)
@audited
@lead_only
def template_edit(request, template_pk):
    template = get_visible_or_404(request, MessageTemplate.objects.all(), pk=template_pk,
                                  action="update")
    return _saved(request, _template_call(request, f"t{template.pk}", template.pk),
                  _("Template saved."))


def _year(request) -> int:
    value = request.GET.get("year", "")
    this_year = timezone.localdate().year
    return int(value) if value.isdigit() and 2000 <= int(value) <= this_year else this_year


@role_required(*FIGURE_ROLES, object_type="outreach.figures")
@require_safe
def figures(request):
    year = _year(request)
    data = outreach_figures.figures_for(request.user.organisation_id, year)
    return render(request, "outreach/figures.html", {
        "figures": data, "years": range(timezone.localdate().year, 2023, -1),
        "months": outreach_figures.MONTHS,
    })


@role_required(*FIGURE_ROLES, object_type="outreach.figures")
@require_safe
def figures_csv(request):
    year = _year(request)
    header, rows = outreach_figures.csv_rows(
        outreach_figures.figures_for(request.user.organisation_id, year))
    return csv_response(f"outreach-{year}.csv", header, rows)
