"""The confirmation step for odd but possible dates in the case forms (issue 10.9).

The rule is the service's: it refuses such a date with :class:`services.NeedsConfirmation`
unless it is called with ``confirmed=True``. A view passes :func:`confirmed(form) <confirmed>`
and, when the service asks, :func:`ask` shows each question on its date field (in the error
summary, like every error) with a checkbox "Yes, this date is right" right after it. Ticking it
and saving again confirms exactly the dates that were asked about: change one of them and the
question comes back.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

CHECKBOX = "confirm_dates"
ASKED = "confirm_dates_for"  # the fields and values that were asked about, as shown


def _fingerprint(form, names) -> str:
    return ";".join(f"{name}={form.data.get(form.add_prefix(name), '')}" for name in names)


def confirmed(form) -> bool:
    """The user ticked the box for the dates that are in the form now."""
    if not form.is_bound or not form.data.get(form.add_prefix(CHECKBOX)):
        return False
    asked = form.data.get(form.add_prefix(ASKED), "")
    names = [part.split("=", 1)[0] for part in asked.split(";") if "=" in part]
    return asked == _fingerprint(form, names)


def ask(form, exc) -> None:
    """Show the questions of ``exc`` (a ``NeedsConfirmation``) on the form, unticked."""
    names = list(dict.fromkeys(f.field for f in exc.findings if f.field in form.fields))
    data = form.data.copy()
    data[form.add_prefix(ASKED)] = _fingerprint(form, names)
    data.pop(form.add_prefix(CHECKBOX), None)
    form.data = data
    form.fields[ASKED] = forms.CharField(widget=forms.HiddenInput, required=False)
    form.fields[CHECKBOX] = forms.BooleanField(
        label=_("Yes, this date is right"), label_suffix="", required=False,
        help_text=_("Check the date first. Tick this only if it is right, then save again."))
    order = [n for n in form.fields if n not in (ASKED, CHECKBOX)]
    at = order.index(names[-1]) + 1 if names else len(order)
    form.order_fields([*order[:at], CHECKBOX, ASKED, *order[at:]])
    for finding in exc.findings:
        form.add_error(finding.field if finding.field in names else None, finding.message())


def show_refusal(form, exc) -> None:
    """Put what a case service said on the form: a question about a date (``NeedsConfirmation``)
    with its checkbox, or a refusal next to its field when the service names one."""
    from .services import NeedsConfirmation

    if isinstance(exc, NeedsConfirmation):
        ask(form, exc)
        return
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, str(exc))
