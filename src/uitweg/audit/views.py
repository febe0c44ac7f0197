"""The one way views read personal data: row-level filter + access log, in one transaction.

    class CaseDetail(AuditedMixin, DetailView):
        audit_action = Action.VIEW
        def get_object(self):
            return get_visible_or_404(self.request, Case.objects, pk=self.kwargs["pk"])

``get_visible_or_404`` applies ``visible_to(user)``; outside it the view answers 404 and a
*denied* entry is written after the rollback. The mixin fails loudly (in every test of the view)
when a successful GET wrote no entry, or more than one, so logging cannot be forgotten.

Every refusal — :class:`NotVisible` (404) or ``PermissionDenied`` (403: a role check, "only the
coordinating organisation", a service's permission rule) — writes exactly one denied entry
through :func:`log_refusal`: here when it is raised inside the audited wrapper, otherwise by
:class:`uitweg.audit.middleware.AuditMiddleware` for refusals raised anywhere else in a view
(a role decorator outside the wrapper, a lookup in ``dispatch`` before it). ADR 0040.
"""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied
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
    """Fetch one object through ``visible_to(request.user)``; raise :class:`NotVisible`.

    The record becomes the request's subject: a refusal later in the request (403) names it."""
    obj = get_within_or_404(queryset.visible_to(request.user), action=action, **lookup)
    request.audit_subject = obj
    return obj


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


def _label(obj) -> str:
    label = getattr(obj, "audit_label", "") or ""
    return str(label() if callable(label) else label)


def _refused_object(request, exc, *, use_subject: bool = True) -> tuple[str, str, str]:
    """(object type, id, label) of a refusal: what the exception names, else the record the
    request fetched before it was refused, else what the view declares, else the view."""
    if getattr(exc, "object_type", ""):
        return exc.object_type, str(getattr(exc, "object_id", "")), ""
    subject = getattr(request, "audit_subject", None) if use_subject else None
    if subject is not None:
        return subject._meta.label_lower, str(subject.pk), _label(subject)
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "view:unknown", "", ""
    view = getattr(match.func, "view_class", None) or match.func
    model = getattr(view, "model", None)
    object_type = getattr(view, "audit_object_type", "") or getattr(
        match.func, "audit_object_type", "") or (
        model._meta.label_lower if model is not None else f"view:{match.view_name}")
    kwargs = match.kwargs
    if len(kwargs) == 1:
        object_id = str(next(iter(kwargs.values())))
    else:
        object_id = ",".join(f"{k}={v}" for k, v in kwargs.items())
    return object_type, object_id, ""


def _reason(exc) -> str:
    reason = getattr(exc, "reason", "") or getattr(exc, "code", "") or (
        exc.args[0] if exc.args else "")
    return str(reason)[:200] or "forbidden"


def _staff_request(request) -> bool:
    """A signed-in staff member on a staff page (public pages' 404s are not refusals)."""
    user = getattr(request, "user", None)
    return bool(getattr(user, "is_authenticated", False)
                and not getattr(request, "is_public_page", False))


def log_refusal(request, exc) -> None:
    """Write the one denied entry of a refused request, after the request's work was rolled
    back: :class:`NotVisible` (404, reason ``not_visible``), ``PermissionDenied`` (403, reason
    ``role`` or the refusal's own) and any other 404 a staff view raises (``not_found``: a view
    that used ``get_object_or_404`` is still logged). Idempotent per exception: however many
    layers see it, one entry."""
    if getattr(exc, "audit_logged", False):
        return
    safe = request.method in ("GET", "HEAD", "OPTIONS")
    if isinstance(exc, NotVisible):
        action, reason = exc.action, "not_visible"
        object_type, object_id, label = exc.object_type, exc.object_id, ""
    elif isinstance(exc, PermissionDenied):
        action = getattr(exc, "action", "") or (Action.VIEW if safe else Action.UPDATE)
        reason = _reason(exc)
        object_type, object_id, label = _refused_object(request, exc)
    elif isinstance(exc, Http404) and _staff_request(request):
        action, reason = (Action.VIEW if safe else Action.UPDATE), "not_found"
        object_type, object_id, label = _refused_object(request, exc, use_subject=False)
    else:
        return
    exc.audit_logged = True
    record_denied(request, action=action, object_type=object_type, object_id=object_id,
                  object_label=label, purpose=default_purpose(request), reason=reason)


def log_api_refusal(request, exc) -> None:
    """The partner API's refusals (DRF converts exceptions before any middleware sees them):
    a key without the scope (403, reason ``scope``) or a record outside its organisation (404,
    ``not_visible``). Calls without a valid key (401) are not attributable and write nothing."""
    from rest_framework import exceptions as api_exceptions

    if isinstance(exc, (api_exceptions.PermissionDenied, PermissionDenied)):
        reason = "scope" if isinstance(exc, api_exceptions.PermissionDenied) else _reason(exc)
    elif isinstance(exc, (api_exceptions.NotFound, Http404)):
        reason = "not_visible"
    else:
        return
    if getattr(exc, "audit_logged", False) or getattr(request, "auth", None) is None:
        return
    exc.audit_logged = True
    django_request = getattr(request, "_request", request)
    safe = django_request.method in ("GET", "HEAD", "OPTIONS")
    object_type, object_id, _ = _refused_object(django_request, exc, use_subject=False)
    record_denied(django_request, action=Action.VIEW if safe else Action.UPDATE,
                  object_type=object_type, object_id=object_id, purpose="partner API",
                  reason=reason)


def _run_audited(request, call):
    request.audit_entries = 0
    try:
        with transaction.atomic():  # the entry commits with the read; chained after (ADR 0047)
            response = call()
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()  # lazy template reads happen inside the transaction
            if request.method in ("GET", "HEAD") and response.status_code == 200:
                if request.audit_entries != 1:
                    raise AuditMissing(
                        f"{request.path}: {request.audit_entries} access-log entries, "
                        "expected exactly one"
                    )
    except (NotVisible, PermissionDenied) as exc:
        log_refusal(request, exc)  # the transaction above has been rolled back
        raise
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
