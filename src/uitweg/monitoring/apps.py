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
        self._invalidate_counts_on_write()
        self._keep_day_counts()

    def _keep_day_counts(self):
        from django.db.models.signals import post_migrate

        from uitweg.core.registry import DemoLoader, register_demo
        from uitweg.monitoring import daycounts

        daycounts.connect()
        post_migrate.connect(daycounts.build_missing, sender=self,
                             dispatch_uid="monitoring-daycounts-build")
        # the demo loaders of other apps set some dates with QuerySet.update: count once after
        register_demo(DemoLoader("monitoring", daycounts.load_demo, 65))

    def _invalidate_counts_on_write(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from uitweg.monitoring.figures import COUNTED_MODELS, bump_data_version

        for app_label, model in COUNTED_MODELS:  # (app label, model) -> source
            if not apps.is_installed(f"uitweg.{app_label}"):
                continue
            sender = apps.get_model(app_label, model)
            for signal in (post_save, post_delete):
                signal.connect(bump_data_version, sender=sender,
                               dispatch_uid=f"monitoring-counts-{app_label}.{model}")
