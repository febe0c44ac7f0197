from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "uitweg.audit"
    verbose_name = _("Access log")

    def ready(self):
        from uitweg.audit import checks  # noqa: F401 - registers the system check
