"""Public pages: the anonymous report form and the neutral status page. No account, no IP.

The report form is post-redirect-get with a one-time token per rendering (``receipts``): a
report is filed once, the thank-you page is safe to reload, and no text comes back. The rate
limit counts accepted reports only and never throws the text away (ADR 0028).
"""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from uitweg.accounts.access import public
from uitweg.core import ratelimit
from uitweg.signals import receipts, services
from uitweg.signals.forms import PublicReportForm, StatusLookupForm
from uitweg.signals.vocabulary import PublicStage

PUBLIC_LANGUAGES = ("nl", "en", "pl", "ro", "bg", "uk")

NOT_SENT = _("Your report has not been sent yet. Check it and press “Send report”.")
ALREADY_SENT = _("A report was already sent from this form. To send this text as a new "
                 "report, check it and press “Send report” again.")


def _public(request):
    request.public_languages = PUBLIC_LANGUAGES


def minutes_until(seconds: int) -> int:
    """Whole minutes to wait, rounded up (never 0: 'in 0 minutes' helps nobody)."""
    return max(1, math.ceil(seconds / 60))


def _report_limit(request, *, count: bool) -> ratelimit.Decision:
    """Accepted reports per client: ``peek`` before filing, ``hit`` once a report is filed."""
    check = ratelimit.hit if count else ratelimit.peek
    return check("signals:report", ratelimit.client_key(request),
                 limit=settings.SIGNALS_PUBLIC_RATE_LIMIT, window=settings.SIGNALS_RATE_WINDOW)


def _report_page(request, form, *, status=200, notice=None, wait_minutes=None):
    return render(request, "signals/public/report.html",
                  {"form": form, "notice": notice, "wait_minutes": wait_minutes}, status=status)


def _with_new_token(request) -> PublicReportForm:
    """The same text in a bound form, with a fresh token (the old one was used or missing)."""
    data = request.POST.copy()
    data["submission"] = receipts.new_token()
    form = PublicReportForm(data)
    form.is_valid()
    return form


def prefilled_indicators(query) -> list[str]:
    """Indicator codes ticked in advance (``?indicators=debt_bondage&indicators=…``), e.g. by
    the prevention self-check's result link; unknown codes are ignored, nothing is stored."""
    from uitweg.signals.vocabulary import public_indicator_choices

    known = [code for code, _label in public_indicator_choices()]
    asked = set(query.getlist("indicators")[:len(known)])
    return [code for code in known if code in asked]


class SeeOther(HttpResponseRedirect):
    status_code = 303  # after a POST: the browser GETs the result, Back never re-sends


def _to_receipt(token: str):
    return SeeOther(reverse("signals_public:sent", kwargs={"token": token}))


@public
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    _public(request)
    if request.method != "POST":
        return _report_page(request, PublicReportForm(
            initial={"submission": receipts.new_token(),
                     "indicators": prefilled_indicators(request.GET)}))
    form = PublicReportForm(request.POST)
    if not form.is_valid():
        return _report_page(request, form)
    token = form.cleaned_data["submission"]
    if not receipts.is_token(token):
        return _report_page(request, _with_new_token(request), notice=NOT_SENT)
    content = receipts.content_digest(form.content())
    receipt = receipts.lookup(token)
    if receipt is None:
        decision = _report_limit(request, count=False)
        if not decision.allowed:
            return _report_page(request, form, status=429,
                                wait_minutes=minutes_until(decision.retry_after))
        receipt = receipts.claim(token, content=content)
    if receipt is not None:  # this form was sent before (or is being sent right now)
        if receipt.content != content:
            return _report_page(request, _with_new_token(request), notice=ALREADY_SENT)
        receipts.wait_for_code(token)
        return _to_receipt(token)
    try:
        _signal, code = services.submit_public_report(
            data=form.to_data(), language=get_language() or "nl")
    except ValidationError as exc:
        receipts.release(token)
        form.add_error(None, exc)
        return _report_page(request, form)
    except BaseException:
        receipts.release(token)
        raise
    _report_limit(request, count=True)
    receipts.complete(token, content=content, code=code)
    return _to_receipt(token)


@public
@require_safe
def sent(request, token: str):
    """The thank-you page: shows the code again while the receipt lives; never creates."""
    _public(request)
    receipt = receipts.lookup(token)
    if receipt is not None and receipt.code is None:
        receipt = receipts.wait_for_code(token)
    if receipt is None or receipt.code is None:
        return render(request, "signals/public/thanks.html", {"code": None}, status=404)
    return render(request, "signals/public/thanks.html",
                  {"code": receipt.code, "receipt_minutes": receipts.RECEIPT_TTL // 60})


@public
@require_http_methods(["GET", "HEAD", "POST"])
def status(request):
    _public(request)
    stage = None
    not_found = False
    if request.method == "POST":
        form = StatusLookupForm(request.POST)
        # Every look-up counts (the limit slows code guessing); the typed code is kept.
        decision = ratelimit.hit("signals:status", ratelimit.client_key(request),
                                 limit=settings.SIGNALS_STATUS_RATE_LIMIT,
                                 window=settings.SIGNALS_RATE_WINDOW)
        if not decision.allowed:
            return render(request, "signals/public/status.html",
                          {"form": form, "stage": None, "not_found": False,
                           "stages": PublicStage.choices,
                           "wait_minutes": minutes_until(decision.retry_after)}, status=429)
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
