"""Root URL configuration. Public pages are language-prefixed (/en/, /pl/, …; Dutch without a
prefix) so no language cookie is needed; staff pages live under /staff/."""

from importlib import import_module
from importlib.util import find_spec

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from uitweg.core import views as core_views

handler400 = "uitweg.core.views.error_400"
handler403 = "uitweg.core.views.error_403"
handler404 = "uitweg.core.views.error_404"
handler500 = "uitweg.core.views.error_500"

admin.site.site_header = "Uitweg"

APPS = ("cases", "signals", "chat", "monitoring", "outreach", "prevention", "week", "programme")

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("uitweg.accounts.urls")),
    path("staff/", core_views.dashboard, name="dashboard"),
    path("staff/tasks/", core_views.my_tasks, name="my_tasks"),
    path("staff/audit/", include("uitweg.audit.urls")),
    path("admin/", admin.site.urls),
]
for app in APPS:
    module = f"uitweg.{app}.urls"
    if find_spec(f"uitweg.{app}") and find_spec(module):
        mod = import_module(module)
        urlpatterns += getattr(mod, "staff_urlpatterns", [])
        urlpatterns += getattr(mod, "api_urlpatterns", [])

public_patterns = [path("", include(([path("", core_views.home, name="home")], "core")))]
for app in APPS:
    module = f"uitweg.{app}.urls"
    if find_spec(f"uitweg.{app}") and find_spec(module):
        public_patterns += getattr(import_module(module), "public_urlpatterns", [])

urlpatterns += i18n_patterns(*public_patterns, prefix_default_language=False)
