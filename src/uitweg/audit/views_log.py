"""The access log of one record, for the roles that may review it. Reading it is logged too."""

from __future__ import annotations

from django.apps import apps
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from uitweg.audit.models import AccessLogEntry, Action
from uitweg.audit.service import record_for_request
from uitweg.audit.views import NotVisible, audited, get_visible_or_404
from uitweg.core.registry import guarded

#: The guard of the log pages; the accounts app, which owns roles, registers it (audit imports
#: no accounts module): ``role_required(*AUDIT_READER_ROLES)``.
READ_LOG_GUARD = "audit.read_log"


def _model_for(object_type: str):
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        raise NotVisible(object_type) from None
    if not hasattr(model._default_manager.all(), "visible_to"):
        raise NotVisible(object_type)
    return model


@require_safe
@guarded(READ_LOG_GUARD)
@audited
def record_log(request, object_type: str, object_id: str):
    model = _model_for(object_type)
    obj = get_visible_or_404(request, model._default_manager.all(), pk=object_id)
    entries = AccessLogEntry.objects.for_object(object_type, obj.pk).order_by("-seq")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    label = getattr(obj, "audit_label", "")
    record_for_request(request, action=Action.VIEW, object_type="audit.accesslog",
                       object_id=f"{object_type}:{obj.pk}",
                       object_label=label() if callable(label) else label,
                       purpose="access log review")
    return render(request, "audit/record_log.html", {"page": page, "record": obj,
                                                     "object_type": object_type})
