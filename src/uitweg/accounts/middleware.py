"""Session timeouts and mandatory MFA, enforced for every non-public URL."""

from __future__ import annotations

import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from uitweg.accounts.access import MFA_SETUP_URL_NAMES, is_public_view

LOGIN_AT = "uitweg.login_at"
LAST_SEEN = "uitweg.last_seen"


class SessionTimeoutMiddleware:
    """Idle timeout and absolute timeout for staff sessions (both configurable)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            login_at = session.setdefault(LOGIN_AT, now)
            last_seen = session.get(LAST_SEEN, now)
            if (now - last_seen > settings.SESSION_IDLE_TIMEOUT
                    or now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT):
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect_to_login(request.get_full_path())
            session[LAST_SEEN] = now
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
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.is_active or (user.organisation_id is None and not user.is_superuser):
                logout(request)
                return redirect_to_login(request.get_full_path())
            if match.view_name not in MFA_SETUP_URL_NAMES and not is_mfa_enabled(user):
                return redirect("accounts:mfa_required")
        return self.get_response(request)
