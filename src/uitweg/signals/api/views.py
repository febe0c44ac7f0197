"""Partner API v1: submit signals and read the status of one's own signals (API key + scope)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from uitweg.audit.models import Action
from uitweg.audit.service import record
from uitweg.signals import services
from uitweg.signals.api import schema as _schema  # noqa: F401 - registers the auth scheme
from uitweg.signals.api.auth import ApiKeyAuthentication, ApiKeyThrottle, HasScope
from uitweg.signals.api.errors import exception_handler
from uitweg.signals.api.serializers import SignalIn, SignalOut
from uitweg.signals.models import ApiScope, Signal

ErrorList = inline_serializer("ErrorList", fields={
    "errors": serializers.ListField(child=inline_serializer("FieldError", fields={
        "field": serializers.CharField(), "reason": serializers.CharField()}))})
Detail = inline_serializer("Detail", fields={"detail": serializers.CharField()})
COMMON_ERRORS = {401: OpenApiResponse(Detail, description="Missing or invalid API key"),
                 403: OpenApiResponse(Detail, description="The key lacks the scope"),
                 429: OpenApiResponse(Detail, description="Too many calls")}


class Pages(PageNumberPagination):
    page_size = 50


class RestoreDjangoUser:
    """REST_FRAMEWORK["UNAUTHENTICATED_USER"] is None, which DRF copies onto the Django
    request; the foundation's SecurityHeadersMiddleware reads ``request.user`` afterwards."""

    def finalize_response(self, request, response, *args, **kwargs):
        if getattr(request._request, "user", None) is None:
            request._request.user = AnonymousUser()
        return super().finalize_response(request, response, *args, **kwargs)


class PartnerApiView(RestoreDjangoUser, GenericAPIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ApiKeyThrottle]
    uitweg_public = True  # reachable without a staff session; the API key is checked here

    def get_exception_handler(self):
        return exception_handler

    def own_signals(self):
        return Signal.objects.filter(reporting_organisation_id=self.request.auth.organisation_id)

    def audit(self, action, **kwargs):
        record(actor=services.api_actor(self.request.auth), action=action,
               object_type="signals.signal", purpose="partner status", **kwargs)


class SignalCollection(PartnerApiView):
    required_scopes = {"GET": ApiScope.SIGNALS_READ, "POST": ApiScope.SIGNALS_WRITE}
    serializer_class = SignalIn
    pagination_class = Pages

    @extend_schema(responses={200: SignalOut(many=True), **COMMON_ERRORS},
                   summary="List the signals your organisation submitted")
    def get(self, request):
        from django.db import transaction

        with transaction.atomic():
            page = self.paginate_queryset(self.own_signals().order_by("-received_at"))
            self.audit(Action.SEARCH, object_ids=[s.pk for s in page])
            return self.get_paginated_response(SignalOut(page, many=True).data)

    @extend_schema(request=SignalIn, responses={
        201: SignalOut, 400: OpenApiResponse(ErrorList, description="Invalid payload: the "
                                             "field and the reason"), **COMMON_ERRORS},
        summary="Submit a signal")
    def post(self, request):
        serializer = SignalIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        signal = services.submit_api_signal(key=request.auth, data=serializer.to_data())
        return Response(SignalOut(signal).data, status=status.HTTP_201_CREATED)


class SignalItem(PartnerApiView):
    required_scopes = {"GET": ApiScope.SIGNALS_READ}
    serializer_class = SignalOut

    @extend_schema(responses={200: SignalOut, 404: OpenApiResponse(Detail),
                              **COMMON_ERRORS},
                   summary="Status of one signal your organisation submitted")
    def get(self, request, reference):
        from django.db import transaction
        from django.http import Http404

        with transaction.atomic():
            signal = self.own_signals().filter(reference=reference).first()
            if signal is None:
                raise Http404
            self.audit(Action.VIEW, object_id=signal.pk, object_label=signal.reference)
            return Response(SignalOut(signal).data)


class Schema(RestoreDjangoUser, SpectacularAPIView):
    """The OpenAPI document: public by URL; every call it describes needs a key."""

    authentication_classes = []
    permission_classes = [AllowAny]
    uitweg_public = True

    def get_exception_handler(self):
        return exception_handler
