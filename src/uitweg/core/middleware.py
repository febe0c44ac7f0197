"""Privacy and security headers that apply to every response."""

from __future__ import annotations

import hashlib
import hmac

from django.urls import Resolver404, resolve
from django.utils import timezone

from uitweg.accounts.access import is_public_view
from uitweg.crypto.keys import daily_client_key


def client_hash(address: str, *, today=None) -> str:
    """Keyed hash of the client address with a key that rotates daily; for rate limits only."""
    day = today or timezone.now().date()
    return hmac.new(daily_client_key(day), address.encode(), hashlib.sha256).hexdigest()[:32]


class PrivacyLoggingMiddleware:
    """Public requests lose their client address before any view sees it.

    ``request.client_hash`` (a daily-rotating keyed hash) is all that rate limiting gets; the
    address itself is removed from ``request.META`` so no code path can store it by accident.
    Staff requests keep it for the (truncated) access-point field of the access log.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = request.META.get("REMOTE_ADDR") or ""
        request.client_hash = client_hash(address)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        request.is_public_page = is_public_view(match)
        if request.is_public_page:
            request.META["REMOTE_ADDR"] = ""
            request.META.pop("HTTP_X_FORWARDED_FOR", None)
            request.META.pop("HTTP_X_REAL_IP", None)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
        )
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # DRF may replace request.user by None on API calls: never assume a user object.
        signed_in = getattr(getattr(request, "user", None), "is_authenticated", False)
        if not getattr(request, "is_public_page", True) or signed_in:
            response.headers["Cache-Control"] = "no-store, private"
            response.headers["Pragma"] = "no-cache"
        if getattr(request, "clear_site_data", False):
            response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response
