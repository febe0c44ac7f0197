from __future__ import annotations

import functools
import logging

from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from uitweg.core.access import public
from uitweg.core.registry import DASHBOARD, PUBLIC_CARDS, TASKS, access_log

security_log = logging.getLogger("uitweg.security")


@public
@require_safe
def home(request):
    cards = []
    for card in sorted(PUBLIC_CARDS, key=lambda c: c.order):
        try:
            url = reverse(card.url_name)
        except NoReverseMatch:
            continue
        cards.append({"title": card.title, "text": card.text, "link": card.link, "url": url})
    return render(request, "core/home.html", {"public_cards": cards})


def audited(view):
    """The audit app's ``audited`` wrapper (registered with core, which imports no app)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return access_log().audited(view)(request, *args, **kwargs)

    return wrapper


@audited
@require_safe
def dashboard(request):
    """The staff start page: widgets by role. One access-log entry lists every record shown."""
    widgets, records = [], []
    for widget in sorted(DASHBOARD, key=lambda w: w.order):
        result = widget.render(request)
        if result is None:
            continue
        widgets.append(render_to_string(result.template, result.context, request=request))
        records.extend(result.records)
    _log_dashboard(request, records)
    return render(request, "core/dashboard.html", {"widgets": widgets})


@audited
@require_safe
def my_tasks(request):
    """The signed-in staff member's own work: sections the apps register
    (``registry.register_task``). One access-log entry lists every record shown."""
    sections, records = [], []
    for section in sorted(TASKS, key=lambda w: w.order):
        result = section.render(request)
        if result is None:
            continue
        sections.append(render_to_string(result.template, result.context, request=request))
        records.extend(result.records)
    _log_dashboard(request, records, page="core.my_tasks")
    return render(request, "core/my_tasks.html", {"sections": sections})


def _log_dashboard(request, records, page="core.dashboard"):
    record_for_request = access_log().record_for_request
    if records:
        types = sorted({t for t, _id in records})
        record_for_request(request, action="search", object_type=",".join(types)[:60],
                           object_ids=[f"{t}:{i}" for t, i in records],
                           purpose="dashboard")
    else:
        record_for_request(request, action="search", object_type=page,
                           purpose="dashboard")


@public
def csrf_failure(request, reason=""):
    security_log.warning("CSRF failure on %s", request.path)
    return render(request, "core/error.html", {
        "title": _("The form has expired"),
        "message": _("For your security this form could not be sent. Go back, reload the "
                     "page and try again."),
    }, status=403)


def error_400(request, exception=None):
    return render(request, "core/error.html", {
        "title": _("Bad request"), "message": _("The request could not be understood."),
    }, status=400)


def error_403(request, exception=None):
    # a service's refusal (uitweg.core.refusals.Refused) says why; a role check does not
    return render(request, "core/error.html", {
        "title": _("Not allowed"),
        "message": getattr(exception, "user_message", "")
        or _("Your role does not give access to this page."),
    }, status=403)


def error_404(request, exception=None):
    return render(request, "core/error.html", {
        "title": _("Page not found"),
        "message": _("This page does not exist or is not available to you."),
    }, status=404)


def error_500(request):
    return render(request, "core/error.html", {
        "title": _("Something went wrong"),
        "message": _("An error occurred on our side. Nothing was saved. Please try again "
                     "later."),
    }, status=500)
