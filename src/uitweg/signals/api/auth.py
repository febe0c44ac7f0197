"""API-key authentication per organisation, with scopes: ``Authorization: Api-Key <key>``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from uitweg.signals.models import ApiKey
from uitweg.signals.services import hash_api_key

KEYWORD = "Api-Key"


@dataclass(frozen=True)
class ApiClient:
    """``request.user`` of an API call: the partner system, not a person."""

    key: ApiKey

    is_authenticated = True
    is_anonymous = False

    @property
    def organisation(self):
        return self.key.organisation

    def __str__(self) -> str:
        return f"api-key:{self.key.prefix}"


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = get_authorization_header(request)
        if not header:
            return None
        try:
            keyword, raw = header.decode("ascii").split(" ", 1)
        except (UnicodeDecodeError, ValueError):
            raise exceptions.AuthenticationFailed("Malformed Authorization header.") from None
        if keyword != KEYWORD or not raw.strip():
            raise exceptions.AuthenticationFailed(f"Use 'Authorization: {KEYWORD} <key>'.")
        key = (ApiKey.objects.select_related("organisation")
               .filter(hashed_key=hash_api_key(raw.strip()), active=True,
                       organisation__active=True).first())
        if key is None:
            raise exceptions.AuthenticationFailed("Invalid or revoked API key.")
        now = timezone.now()
        if key.last_used is None or now - key.last_used > timedelta(minutes=1):
            ApiKey.objects.filter(pk=key.pk).update(last_used=now)
        return ApiClient(key), key

    def authenticate_header(self, request):
        return KEYWORD


class HasScope(BasePermission):
    """The view declares ``required_scopes = {"GET": "signals:read", "POST": ...}``."""

    message = "This API key lacks the scope for this call."

    def has_permission(self, request, view):
        if not isinstance(request.user, ApiClient):
            return False
        needed = getattr(view, "required_scopes", {}).get(request.method)
        if request.method in ("HEAD", "OPTIONS"):
            needed = view.required_scopes.get("GET")
        return bool(needed) and needed in request.auth.scopes


class ApiKeyThrottle(SimpleRateThrottle):
    scope = "signals_api"

    def __init__(self):
        self.rate = f"{settings.SIGNALS_API_THROTTLE}/min"
        super().__init__()

    def get_cache_key(self, request, view):
        if isinstance(request.user, ApiClient):
            return f"signals:api:{request.auth.prefix}"
        return None
