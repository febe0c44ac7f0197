"""``{% session_warning %}``: the "your session ends in two minutes" dialog and the kept form of
a session that ended (see :mod:`uitweg.accounts.kept_forms`), for the staff shell."""

from __future__ import annotations

import time

from django import template
from django.conf import settings
from django.template.loader import render_to_string

from uitweg.accounts import admission, kept_forms

register = template.Library()

WARN_SECONDS = 120


@register.simple_tag(takes_context=True)
def session_warning(context):
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    remaining = max(0, int(admission.deadline(request.session) - time.time())) \
        if admission.LAST_SEEN in request.session else settings.SESSION_IDLE_TIMEOUT
    return render_to_string("accounts/_session_warning.html", {
        "remaining": remaining, "warn": WARN_SECONDS, "kept": kept_forms.take(request),
    }, request=request)
