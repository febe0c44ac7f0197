"""The error summary pattern (NL Design System / GOV.UK) for every Django form (ADR 0081).

``summary_items(form)`` lists each error with the id of the control it belongs to; the shared form
template (``django/forms/div.html``) and the allauth form element render them as links at the top
of the form. ``ErrorTitleMiddleware`` prefixes the page title with "Fout: " / "Error: " on any
HTML page that shows such a summary, so no view has to do anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

MARKER = b"data-error-summary"


@dataclass(frozen=True)
class SummaryItem:
    message: str
    label: str = ""
    target: str = ""  # id of the control to link to; empty for errors of the whole form


def _target(bound_field) -> str:
    widget = bound_field.field.widget
    if bound_field.auto_id and getattr(widget, "input_type", None) in ("radio", "checkbox") and (
        getattr(widget, "allow_multiple_selected", False) or bound_field.use_fieldset
    ):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label or bound_field.auto_id or ""


def summary_items(form) -> list[SummaryItem]:
    """Every error of a bound form, form-wide errors first, then per field in form order."""
    if form is None or not getattr(form, "is_bound", False) or not form.errors:
        return []
    items = [SummaryItem(message=str(error)) for error in form.non_field_errors()]
    for bound_field in form:
        for error in bound_field.errors:
            if bound_field.is_hidden:
                items.append(SummaryItem(message=str(error)))
            else:
                items.append(SummaryItem(message=str(error), label=str(bound_field.label or ""),
                                         target=_target(bound_field)))
    return items


class ErrorTitleMiddleware:
    """Prefix <title> with "Error: " when the page shows an error summary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (getattr(response, "streaming", False)
                or not response.get("Content-Type", "").startswith("text/html")
                or MARKER not in response.content):
            return response
        prefix = gettext("Error:").encode() + b" "
        content = response.content
        start = content.find(b"<title>")
        if start != -1 and not content[start + 7:].startswith(prefix):
            response.content = content[:start + 7] + prefix + content[start + 7:]
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
