from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "uitweg.accounts"
    verbose_name = _("Organisations and staff")

    def ready(self):
        from uitweg.accounts import demo, signals, widgets  # noqa: F401
        from uitweg.accounts.permissions import role_required
        from uitweg.accounts.roles import AUDIT_READER_ROLES, Role
        from uitweg.core.registry import (
            DashboardWidget,
            DemoLoader,
            NavItem,
            register_demo,
            register_guard,
            register_nav,
            register_widget,
        )

        register_nav(NavItem(_("Dashboard"), "dashboard", frozenset(), order=0))
        register_nav(NavItem(_("Staff"), "accounts:staff_list",
                             frozenset({Role.ORG_ADMIN, Role.FUNCTIONAL_ADMIN}), order=90))
        register_nav(NavItem(_("Account changes"), "accounts:account_changes",
                             frozenset({Role.ORG_ADMIN}), order=91))
        register_nav(NavItem(_("Security"), "mfa_index", frozenset(), order=95))
        register_demo(DemoLoader("accounts", demo.load, order=0, summary=demo.print_logins))
        # who may read a record's access log (audit's pages; audit imports no accounts module)
        register_guard("audit.read_log", role_required(*AUDIT_READER_ROLES))
        register_widget(DashboardWidget("accounts.role_requests", widgets.role_requests, 5))

