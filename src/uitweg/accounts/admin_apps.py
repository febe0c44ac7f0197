"""Django's admin app with :class:`uitweg.accounts.admin_site.SuperuserAdminSite` as its site."""

from django.contrib.admin.apps import AdminConfig


class SuperuserAdminConfig(AdminConfig):
    default_site = "uitweg.accounts.admin_site.SuperuserAdminSite"
