"""The public page of the action programme: the published actions of a year and their progress.

Actions are written in Dutch, with an English version where the municipality gave one. The page
is offered in Dutch and English only; under the other public languages it redirects to the
English page (one language per page: no Dutch text under ``lang="pl"``).
"""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.views.decorators.http import require_safe

from uitweg.core.access import public

from .models import Action
from .progress import progress

LANGUAGES = ("nl", "en")


@public
@require_safe
def index(request):
    request.public_languages = LANGUAGES
    if get_language() not in LANGUAGES:
        with override("en"):
            return redirect(reverse("programme_public:index"))
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= this_year else this_year
    return render(request, "programme/public.html", {
        "year": year, "pillars": progress(Action.objects.filter(published=True), year),
        "english": get_language() == "en", "years": range(this_year, this_year - 5, -1),
    })
