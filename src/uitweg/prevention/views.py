"""The staff page of the reach figures, and the public page server (Wagtail's, marked public)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.views import serve as wagtail_serve

from uitweg.accounts.access import public
from uitweg.accounts.permissions import role_required
from uitweg.accounts.roles import Role
from uitweg.prevention import reach

REACH_ROLES = (Role.EDITOR, Role.PUBLISHER, Role.ANALYST)


@role_required(*REACH_ROLES, object_type="prevention.reach")
@require_safe
def reach_view(request):
    try:
        days = min(max(int(request.GET.get("days", 30)), 1), 366)
    except ValueError:
        days = 30
    return render(request, "prevention/reach.html",
                  {"figures": reach.figures(days=days), "days": days,
                   "day_choices": (7, 30, 90, 365)})


@public
@require_http_methods(["GET", "HEAD", "POST"])
def serve(request, path=""):
    """A published prevention page (the self-check answers with POST; nothing is stored)."""
    return wagtail_serve(request, path)
