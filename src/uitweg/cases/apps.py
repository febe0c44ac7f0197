from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "uitweg.cases"
    verbose_name = _("Case files")

    def ready(self):
        from uitweg.accounts.roles import CASE_ROLES, Role
        from uitweg.core import registry
        from uitweg.core.registry import DashboardWidget, DemoLoader, NavItem

        from . import demo, demo_owners, tasks, widgets

        registry.register_nav(NavItem(_("Cases"), "cases:list", frozenset(CASE_ROLES), 20))
        registry.register_nav(NavItem(_("Case meetings"), "cases:meetings",
                                      frozenset(CASE_ROLES), 21))
        registry.register_nav(NavItem(_("CoMensha export"), "cases:export",
                                      frozenset({Role.CARE_COORDINATOR}), 22))
        registry.register_widget(DashboardWidget("cases.break_glass",
                                                 widgets.break_glass_notices, 10))
        registry.register_widget(DashboardWidget("cases.overdue", widgets.overdue_actions, 11))
        registry.register_widget(DashboardWidget("cases.deadlines", widgets.upcoming_deadlines, 12))
        registry.register_demo(DemoLoader("cases", demo.load, 20))
        registry.register_demo(DemoLoader("cases-owners", demo_owners.load, 21))
        registry.register_task(DashboardWidget("cases.my_actions", tasks.my_overdue_actions, 10))
        registry.register_task(DashboardWidget("cases.my_referrals", tasks.my_referrals, 11))
