from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "uitweg.audit"
    verbose_name = _("Access log")

    def ready(self):
        from uitweg.audit import checks  # noqa: F401 - registers the system check
        from uitweg.audit.service import record_for_request
        from uitweg.audit.views import audited, log_api_refusal
        from uitweg.core.registry import AccessLog, register_access_log

        # core's dashboard and the API error handler log through this (core imports no app)
        register_access_log(AccessLog(audited=audited, record_for_request=record_for_request,
                                      log_api_refusal=log_api_refusal))
