"""Django's admin for superusers (operations) only.

Everyone else — the functional administrator included — is refused with 403 and a denied
access-log entry: staff access is managed on the staff pages, with four eyes, never through the
admin (ADR 0009).
"""

from __future__ import annotations

import functools

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied

from uitweg.audit.models import Action
from uitweg.audit.service import record_denied


def _is_superuser(request) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


class SuperuserAdminSite(AdminSite):
    site_header = "Uitweg"

    def has_permission(self, request) -> bool:
        return _is_superuser(request)

    def _refuse(self, request):
        exc = PermissionDenied("superuser")
        record_denied(request, action=Action.VIEW, object_type="admin",
                      object_id=request.path[:100], purpose="administration", reason="role")
        exc.audit_logged = True  # one denied entry, whichever layer sees the refusal
        raise exc

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not _is_superuser(request):
                self._refuse(request)
            return inner(request, *args, **kwargs)

        return wrapper

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not _is_superuser(request):
            self._refuse(request)
        return super().login(request, extra_context)
