"""API error handling shared by every partner API: specific 4xx with a reason, never a 500 page."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

log = logging.getLogger("uitweg.api")


def exception_handler(exc, context):
    """DRF's handler, plus Django's ValidationError as 400 with the field and the reason."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "message_dict"):
            detail = exc.message_dict
        else:
            detail = {"non_field_errors": exc.messages}
        return Response({"errors": detail}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        return Response({"detail": "Not allowed."}, status=status.HTTP_403_FORBIDDEN)
    return drf_exception_handler(exc, context)
