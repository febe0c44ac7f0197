"""Privacy and security headers that apply to every response."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import timezone

from uitweg.core.access import is_public_view
from uitweg.core.forwarded import client_address, trusted_networks
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
    The address is the connecting peer, or — only when that peer is one of ``TRUSTED_PROXIES``
    — the client it names in ``X-Forwarded-For`` (:mod:`uitweg.core.forwarded`, ADR 0043).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # X-Forwarded-For counts only from a configured proxy (TRUSTED_PROXIES, finding 7);
        # no view reads the header itself: REMOTE_ADDR becomes the client's address.
        address = client_address(
            request.META.get("REMOTE_ADDR") or "",
            request.META.pop("HTTP_X_FORWARDED_FOR", None),
            trusted_networks(tuple(settings.TRUSTED_PROXIES)),
        )
        request.META.pop("HTTP_X_REAL_IP", None)
        request.META["REMOTE_ADDR"] = address
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
        # Nothing this app renders may be kept by the browser: staff pages hold personal data,
        # and a public page in the cache or the back-forward cache is a trace on a victim's
        # device (a half-typed report, a thank-you page with its code; issue 9 finding 8,
        # ADR 0027). Static files never reach this middleware (WhiteNoise answers first).
        response.headers["Cache-Control"] = "no-store, private"
        response.headers["Pragma"] = "no-cache"
        if getattr(request, "clear_site_data", False):
            response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
        return response
