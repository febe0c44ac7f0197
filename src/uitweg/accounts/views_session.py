""""Stay logged in": a POST that counts as activity (the session middleware has just moved the
idle clock) and answers how long the session now runs."""

from __future__ import annotations

import time

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from uitweg.accounts import admission


@require_POST
def session_stay(request):
    remaining = max(0, int(admission.deadline(request.session) - time.time()))
    response = JsonResponse({"remaining": remaining})
    response["Cache-Control"] = "no-store"
    return response
