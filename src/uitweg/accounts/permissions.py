"""Role checks for pages that are about a function rather than a record.

A refusal raises :class:`RoleRefused` (403, reason ``role``); the access log writes one denied
entry for it (``uitweg.audit.views.log_refusal``), naming what the view declares as its
``audit_object_type`` (e.g. ``"cases.meeting"``) or else the view itself (``view:cases:list``).
"""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied


class RoleRefused(PermissionDenied):
    """The user's roles do not give access to this function."""

    reason = "role"

    def __init__(self, roles: tuple[str, ...] = ()):
        super().__init__("role")
        self.required_roles = tuple(roles)


def user_has_role(user, *roles: str) -> bool:
    return bool(user.is_authenticated and user.has_role(*roles))


def role_required(*roles: str, object_type: str = ""):
    """``@role_required(Role.X, Role.Y)``; ``object_type`` names the records the view protects
    (for the denied entry of a refusal)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not user_has_role(request.user, *roles):
                raise RoleRefused(roles)
            return view(request, *args, **kwargs)

        wrapper.uitweg_roles = roles
        if object_type:
            wrapper.audit_object_type = object_type
        return wrapper

    return decorator


class RoleRequiredMixin:
    required_roles: tuple[str, ...] = ()
    #: What the view protects, for the denied entry of a refusal ("" → the view's name).
    audit_object_type: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not user_has_role(request.user, *self.required_roles):
            raise RoleRefused(self.required_roles)
        return super().dispatch(request, *args, **kwargs)
