"""No lost work when a session ends (issue 10.8).

A form posted after the idle or absolute timeout is kept on the server, in the session store of
the new (anonymous) session that the logout starts — never in a cookie or the browser's storage.
Django's ``login()`` keeps that session's data (it only cycles the key), so after logging in
again the same user gets the form back on the same page, filled in, to check and send again.
The kept form belongs to the user who typed it: another account logging in on that browser
never sees it, and it lapses after :data:`KEEP_SECONDS`.
"""

from __future__ import annotations

import time

SESSION_KEY = "uitweg.kept_form"
KEEP_SECONDS = 60 * 60
MAX_BYTES = 64 * 1024
#: never kept: the CSRF token (stale anyway) and anything that looks like a secret
SKIPPED = ("csrfmiddlewaretoken", "password", "code", "otp", "token")


def capture(request) -> dict | None:
    """What to keep from ``request`` (a POST by a logged-in user), before the logout."""
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    data = {key: request.POST.getlist(key) for key in request.POST
            if not any(part in key.lower() for part in SKIPPED)}
    if not data or sum(len(k) + sum(len(v) for v in vals) for k, vals in data.items()) \
            > MAX_BYTES:
        return None
    return {"user": request.user.pk, "path": request.path, "data": data, "at": time.time()}


def keep(session, kept: dict | None) -> None:
    """Store ``kept`` in the (new) session after the logout."""
    if kept:
        session[SESSION_KEY] = kept


def take(request) -> dict | None:
    """The kept form for this page and user, removed from the session (offered once)."""
    kept = request.session.get(SESSION_KEY)
    if not kept or not request.user.is_authenticated:
        return None
    if kept.get("user") != request.user.pk or time.time() - kept.get("at", 0) > KEEP_SECONDS:
        del request.session[SESSION_KEY]  # another account, or too old: never shown
        return None
    if kept.get("path") != request.path or request.method != "GET":
        return None
    del request.session[SESSION_KEY]
    return kept["data"]
