"""Session timeouts and mandatory MFA for every non-public URL, decided by the one admission
policy (:func:`uitweg.accounts.admission.admit`) that staff sockets use too."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from uitweg.accounts import admission, kept_forms
from uitweg.accounts.access import is_public_view

# Re-exported: the session keys of the clocks live with the policy.
LOGIN_AT = admission.LOGIN_AT
LAST_SEEN = admission.LAST_SEEN


def _refuse(request, decision: admission.Admission):
    """What a page does with a refused admission."""
    if decision.reason == admission.MFA:
        return redirect("accounts:mfa_required")
    if decision.reason in admission.SESSION_OVER:
        timed_out = decision.reason in (admission.IDLE, admission.EXPIRED)
        kept = kept_forms.capture(request) if timed_out else None
        logout(request)
        kept_forms.keep(request.session, kept)
        if kept:
            messages.info(request, _("Your session has ended. Log in again: what you entered "
                                     "has been kept and is shown again to check and send."))
        elif timed_out:
            messages.info(request, _("Your session has ended. Please log in again."))
    return redirect_to_login(request.get_full_path())


class SessionTimeoutMiddleware:
    """Idle timeout and absolute timeout for staff sessions (both configurable), on every URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            admission.start_clocks(request.session, now=now)
            decision = admission.admit(request.user, request.session, now=now, public=True)
            if not decision:
                return _refuse(request, decision)
            admission.touch(request.session, now=now)
        return self.get_response(request)


class RequireMFAMiddleware:
    """Default deny: a non-public URL needs login, and a login needs an enrolled second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        if not is_public_view(match):
            now = time.time()
            if request.user.is_authenticated:
                admission.start_clocks(request.session, now=now)
            decision = admission.admit(request.user, request.session, now=now,
                                       view_name=match.view_name)
            if not decision:
                return _refuse(request, decision)
        return self.get_response(request)
