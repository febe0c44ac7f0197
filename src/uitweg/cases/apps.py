from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "uitweg.cases"
    verbose_name = _("Case files")

    def ready(self):
        from uitweg.accounts.roles import CASE_ROLES, Role
        from uitweg.core.registry import (
            DashboardWidget,
            DemoLoader,
            NavItem,
            register_demo,
            register_nav,
            register_widget,
        )

        from . import demo, widgets

        register_nav(NavItem(_("Cases"), "cases:list", frozenset(CASE_ROLES), 20))
        register_nav(NavItem(_("Case meetings"), "cases:meetings", frozenset(CASE_ROLES), 21))
        register_nav(NavItem(_("CoMensha export"), "cases:export",
                             frozenset({Role.CARE_COORDINATOR}), 22))
        register_widget(DashboardWidget("cases.break_glass", widgets.break_glass_notices, 10))
        register_widget(DashboardWidget("cases.overdue", widgets.overdue_actions, 11))
        register_widget(DashboardWidget("cases.deadlines", widgets.upcoming_deadlines, 12))
        register_demo(DemoLoader("cases", demo.load, 20))
