""""Stay logged in": a POST that counts as activity and answers how long the session now runs.
The session middleware has admitted the session; the idle clock is moved here even when the
last recorded activity was less than a minute ago (the middleware moves it at most once a
minute, ADR 0033)."""

from __future__ import annotations

import time

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from uitweg.accounts import admission


@require_POST
def session_stay(request):
    admission.touch(request.session, now=time.time(), always=True)
    remaining = max(0, int(admission.deadline(request.session) - time.time()))
    response = JsonResponse({"remaining": remaining})
    response["Cache-Control"] = "no-store"
    return response
