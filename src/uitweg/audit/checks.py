"""System check: refusals and access points depend on the audit middleware being installed."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def audit_middleware_installed(app_configs, **kwargs):
    from uitweg.audit.middleware import PATH

    middleware = list(settings.MIDDLEWARE)
    if PATH not in middleware:
        return [Error(f"{PATH} is not in MIDDLEWARE: refused requests would not be in the "
                      "access log and entries would not say where they came from.",
                      id="uitweg_audit.E001")]
    privacy = "uitweg.core.middleware.PrivacyLoggingMiddleware"
    if privacy in middleware and middleware.index(PATH) < middleware.index(privacy):
        return [Error(f"{PATH} must come after {privacy} (it reads the client address that "
                      "middleware settles).", id="uitweg_audit.E002")]
    return []
