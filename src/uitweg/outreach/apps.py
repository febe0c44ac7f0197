from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "uitweg.outreach"
    label = "outreach"
    verbose_name = _("Online outreach")

    def ready(self):
        from uitweg.accounts.roles import Role
        from uitweg.core import registry
        from uitweg.core.registry import DashboardWidget, DemoLoader, NavItem
        from uitweg.outreach import (
            demo,
            personal_data,  # noqa: F401 - the retention registry
            tasks,
            widgets,
        )
        from uitweg.outreach.models import OUTREACH_ROLES

        team = frozenset(OUTREACH_ROLES)
        registry.register_nav(NavItem(_("Outreach"), "outreach:worklist", team, 30))
        registry.register_nav(NavItem(_("Known before?"), "outreach:known_before", team, 31))
        registry.register_nav(NavItem(_("Outreach figures"), "outreach:figures",
                                      frozenset({*OUTREACH_ROLES, Role.ANALYST}), 32))
        registry.register_nav(NavItem(_("Platforms and templates"), "outreach:templates",
                                      frozenset({Role.OUTREACH_LEAD}), 33))
        registry.register_widget(DashboardWidget("outreach-follow-ups", widgets.follow_ups_due, 30))
        registry.register_demo(DemoLoader("outreach", demo.load, 40))
        registry.register_task(DashboardWidget("outreach.mine", tasks.my_follow_ups, 30))
