"""Public pages: the anonymous report form and the neutral status page. No account, no IP."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from uitweg.accounts.access import public
from uitweg.signals import ratelimit, services
from uitweg.signals.forms import PublicReportForm, StatusLookupForm
from uitweg.signals.vocabulary import PublicStage

PUBLIC_LANGUAGES = ("nl", "en", "pl", "ro", "bg", "uk")


def _public(request):
    request.public_languages = PUBLIC_LANGUAGES


def _too_many(request):
    return render(request, "signals/public/too_many.html",
                  {"minutes": max(1, settings.SIGNALS_RATE_WINDOW // 60)}, status=429)


@public
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    _public(request)
    if request.method == "POST":
        if not ratelimit.hit(request, "report", limit=settings.SIGNALS_PUBLIC_RATE_LIMIT,
                             window=settings.SIGNALS_RATE_WINDOW):
            return _too_many(request)
        form = PublicReportForm(request.POST)
        if form.is_valid():
            try:
                _signal, code = services.submit_public_report(
                    data=form.to_data(), language=get_language() or "nl")
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return render(request, "signals/public/thanks.html", {"code": code})
    else:
        form = PublicReportForm()
    return render(request, "signals/public/report.html", {"form": form})


@public
@require_http_methods(["GET", "HEAD", "POST"])
def status(request):
    _public(request)
    stage = None
    not_found = False
    if request.method == "POST":
        if not ratelimit.hit(request, "status", limit=settings.SIGNALS_STATUS_RATE_LIMIT,
                             window=settings.SIGNALS_RATE_WINDOW):
            return _too_many(request)
        form = StatusLookupForm(request.POST)
        if form.is_valid():
            code = services.public_stage_for_code(form.cleaned_data["code"])
            if code is None:
                not_found = True
            else:
                stage = PublicStage(code)
    else:
        form = StatusLookupForm()
    return render(request, "signals/public/status.html",
                  {"form": form, "stage": stage, "not_found": not_found,
                   "stages": PublicStage.choices})
