from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "uitweg.core"
    verbose_name = "Uitweg"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from uitweg.core import checks  # noqa: F401
        from uitweg.core.registry import NavItem, register_nav

        register_nav(NavItem(_("My tasks"), "my_tasks", frozenset(), 5))
