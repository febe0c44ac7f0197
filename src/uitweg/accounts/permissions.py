"""Role checks for pages that are about a function rather than a record."""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied


def user_has_role(user, *roles: str) -> bool:
    return bool(user.is_authenticated and user.has_role(*roles))


def role_required(*roles: str):
    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not user_has_role(request.user, *roles):
                raise PermissionDenied("role")
            return view(request, *args, **kwargs)

        wrapper.uitweg_roles = roles
        return wrapper

    return decorator


class RoleRequiredMixin:
    required_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not user_has_role(request.user, *self.required_roles):
            raise PermissionDenied("role")
        return super().dispatch(request, *args, **kwargs)
