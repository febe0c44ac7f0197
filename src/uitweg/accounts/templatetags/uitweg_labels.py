"""Words instead of codes on staff pages (issue 10.7): ``{{ code|role_label }}``,
``{{ code|purpose_label }}``, ``{{ record|record_name }}``."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from uitweg.accounts.roles import Role

register = template.Library()

#: purposes of use written to the access log (``purpose=``) → what a reader understands
PURPOSES = {
    "care": _("care for the person"),
    "break-glass": _("emergency access (break-glass)"),
    "dashboard": _("dashboard and my tasks"),
    "case meeting": _("case meeting"),
    "access log review": _("review of the access log"),
    "signal intake": _("intake of a signal"),
    "signal linking": _("linking signals"),
    "signal from outreach": _("signal from online outreach"),
    "signal handling": _("handling a signal"),
    "outreach": _("online outreach"),
    "warm handover": _("warm handover from the chat"),
    "partner status": _("status for the reporting partner"),
    "administrative approach": _("administrative approach"),
    "administration": _("administration of accounts"),
    "subject access": _("subject access request"),
}


#: actors that are not a staff member (access log usernames, signal history)
ACTORS = {
    "public": _("the public (anonymous report)"),
    "system": _("the system"),
    "api": _("partner API"),
}


@register.filter
def actor_name(username) -> str:
    """A username as written in the access log or a history, in words for the non-staff ones."""
    username = str(username or "")
    if username in ACTORS:
        return str(ACTORS[username])
    if username.startswith("api-key:"):
        return f"{ACTORS['api']} ({username.split(':', 1)[1]})"
    return username or str(ACTORS["system"])


@register.filter
def role_label(code) -> str:
    """One role code, or several separated by commas, as their names."""
    labels = {**dict(Role.choices), "public": ACTORS["public"], "api": ACTORS["api"]}
    codes = [c.strip() for c in str(code or "").split(",") if c.strip()]
    return ", ".join(str(labels.get(c, c.replace("_", " "))) for c in codes)


@register.filter
def purpose_label(code) -> str:
    code = str(code or "")
    return str(PURPOSES.get(code, code.replace("_", " ")))


@register.filter
def record_name(record) -> str:
    """A staff member by name; any other record by its kind and label ("case ZM-2026-0001")."""
    full_name = getattr(record, "get_full_name", None)
    if callable(full_name):
        return full_name() or getattr(record, "username", "")
    label = getattr(record, "audit_label", "") or str(record)
    label = label() if callable(label) else label
    return f"{record._meta.verbose_name} {label}"
