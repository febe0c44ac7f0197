from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "uitweg.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        from uitweg.core.registry import DashboardWidget, NavItem, register_nav, register_widget
        from uitweg.monitoring import widgets
        from uitweg.monitoring.permissions import FIGURE_ROLES

        register_nav(NavItem(_("Monitoring"), "monitoring:figures", frozenset(FIGURE_ROLES), 60))
        register_widget(DashboardWidget("monitoring", widgets.persons_in_view, 60))
