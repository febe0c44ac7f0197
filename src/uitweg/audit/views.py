"""The one way views read personal data: row-level filter + access log, in one transaction.

    class CaseDetail(AuditedMixin, DetailView):
        audit_action = Action.VIEW
        def get_object(self):
            return get_visible_or_404(self.request, Case.objects, pk=self.kwargs["pk"])

``get_visible_or_404`` applies ``visible_to(user)``; outside it the view answers 404 and a
*denied* entry is written after the rollback. The mixin fails loudly (in every test of the view)
when a successful GET wrote no entry, or more than one, so logging cannot be forgotten.
"""

from __future__ import annotations

import functools

from django.db import transaction
from django.http import Http404

from uitweg.audit.models import Action
from uitweg.audit.service import record_denied, record_for_request


class NotVisible(Http404):
    """The object does not exist or is outside the user's row-level filter (never says which)."""

    def __init__(self, object_type: str, object_id: str = "", action: str = Action.VIEW):
        super().__init__("Not found")
        self.object_type = object_type
        self.object_id = object_id
        self.action = action


class AuditMissing(RuntimeError):
    """A view answered with personal data without writing exactly one access-log entry."""


def default_purpose(request) -> str:
    return getattr(request, "audit_purpose", "") or "care"


def get_within_or_404(queryset, *, action: str = Action.VIEW, **lookup):
    """Fetch one object from a queryset that is already scoped (to what the user may see, or to
    a record fetched with :func:`get_visible_or_404`); raise :class:`NotVisible` otherwise."""
    model = queryset.model
    try:
        return queryset.get(**lookup)
    except model.DoesNotExist:
        object_id = lookup.get("pk", next(iter(lookup.values()), ""))
        raise NotVisible(model._meta.label_lower, str(object_id), action) from None


def get_visible_or_404(request, queryset, *, action: str = Action.VIEW, **lookup):
    """Fetch one object through ``visible_to(request.user)``; raise :class:`NotVisible`."""
    return get_within_or_404(queryset.visible_to(request.user), action=action, **lookup)


def log_view(request, obj, *, action: str = Action.VIEW, purpose: str = "", **extra):
    """One entry for one record read in this request."""
    label = getattr(obj, "audit_label", "") or ""
    return record_for_request(
        request, action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk),
        object_label=label() if callable(label) else label,
        purpose=purpose or default_purpose(request), **extra,
    )


def log_search(request, model, objects, *, purpose: str = "", action: str = Action.SEARCH,
               **extra):
    """One entry for a list or search result: the ids of every record shown."""
    return record_for_request(
        request, action=action, object_type=model._meta.label_lower,
        object_ids=[o.pk for o in objects], purpose=purpose or default_purpose(request), **extra,
    )


def _run_audited(request, call):
    request.audit_entries = 0
    try:
        with transaction.atomic():
            response = call()
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()  # lazy template reads happen inside the transaction
            if request.method in ("GET", "HEAD") and response.status_code == 200:
                if request.audit_entries != 1:
                    raise AuditMissing(
                        f"{request.path}: {request.audit_entries} access-log entries, "
                        "expected exactly one"
                    )
    except NotVisible as exc:
        record_denied(request, action=exc.action, object_type=exc.object_type,
                      object_id=exc.object_id, purpose=default_purpose(request))
        raise Http404("Not found") from None
    return response


class AuditedMixin:
    """For class-based views that show or change personal data."""

    def dispatch(self, request, *args, **kwargs):
        parent = super().dispatch
        return _run_audited(request, lambda: parent(request, *args, **kwargs))


def audited(view):
    """Decorator form of :class:`AuditedMixin` for function views."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return _run_audited(request, lambda: view(request, *args, **kwargs))

    wrapper.uitweg_audited = True
    return wrapper


AuditedMixin.uitweg_audited = True
