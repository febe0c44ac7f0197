from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "uitweg.signals"
    label = "signals"
    verbose_name = _("Signals")

    def ready(self):
        from uitweg.accounts.roles import Role
        from uitweg.core import registry
        from uitweg.core.registry import DashboardWidget, DemoLoader, NavItem, PublicCard
        from uitweg.signals import demo, tasks, widgets
        from uitweg.signals.api import schema  # noqa: F401 - OpenAPI auth extension
        from uitweg.signals.models import SIGNAL_ROLES

        registry.register_nav(NavItem(_("Signals"), "signals:list", frozenset(SIGNAL_ROLES), 20))
        registry.register_nav(NavItem(_("Report a signal"), "signals:intake", frozenset({
            Role.INTAKE_OFFICER, Role.CARE_COORDINATOR, Role.CASE_WORKER,
            Role.OUTREACH_WORKER}), 21))
        registry.register_nav(NavItem(_("Recurring places"), "signals:recurring",
                                      frozenset(SIGNAL_ROLES), 22))
        registry.register_nav(NavItem(_("Routing rules"), "signals:rules",
                                      frozenset({Role.FUNCTIONAL_ADMIN}), 80))
        registry.register_nav(NavItem(_("API keys"), "signals:api_keys",
                                      frozenset({Role.FUNCTIONAL_ADMIN}), 81))
        registry.register_widget(DashboardWidget("signals-urgent", widgets.urgent_signals, 10))
        registry.register_public_card(PublicCard(
            title=_("Seen something?"),
            text=_("Report signs of exploitation anonymously. You do not need to give your "
                   "name."),
            link=_("Report a signal"), url_name="signals_public:report", order=10))
        registry.register_demo(DemoLoader("signals", demo.load, 20))
        registry.register_task(DashboardWidget("signals.mine", tasks.my_signals, 20))
