"""Partner-API error format shared by every API: ``{"errors": [{"field": "persons[0].date_of_birth",
"reason": "..."}]}`` for 400 (DRF and Django validation errors alike), ``{"detail": "..."}``
otherwise. Wired as ``REST_FRAMEWORK["EXCEPTION_HANDLER"]``."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from uitweg.core.registry import access_log


def flatten(detail, prefix: str = "") -> list[dict[str, str]]:
    """Nested DRF error detail → a flat list of ``{"field", "reason"}``."""
    items: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key in ("non_field_errors", "__all__", ""):
                name = prefix
            elif isinstance(key, int):  # ListField child errors come keyed by index
                name = f"{prefix}[{key}]"
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            items += flatten(value, name)
    elif isinstance(detail, list):
        if all(not isinstance(v, (dict, list)) for v in detail):
            items += [{"field": prefix, "reason": str(v)} for v in detail]
        else:
            for i, value in enumerate(detail):
                if value:
                    items += flatten(value, f"{prefix}[{i}]")
    else:
        items.append({"field": prefix, "reason": str(detail)})
    return items


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        exc = exceptions.ValidationError(detail)
    response = drf_exception_handler(exc, context)
    if response is not None and context.get("request") is not None:
        # one denied entry per refusal (ADR 0040), through the access log the audit app registers
        access_log().log_api_refusal(context["request"], exc)
    if response is None:
        return None  # unexpected: Django's 500 handling (logged, generic page)
    if isinstance(exc, exceptions.ValidationError):
        return Response({"errors": flatten(exc.detail)}, status=status.HTTP_400_BAD_REQUEST)
    return response


def partner_api_only(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: the schema documents the partner API (``/api/``) only,
    not the REST views that libraries bring for their own admin (Wagtail's under ``/cms/``)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
