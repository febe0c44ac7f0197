"""Spanish exists only for the outreach chat (ADR 0110, following ADR 0092).

``ChannelLanguagesMiddleware`` (after the locale middleware): any other public URL under a
language of ``CHAT_OUTREACH_ONLY_LANGUAGES`` (``/es/…``) redirects to the English page, so no
page shows Dutch or English text under ``lang="es"``; the outreach chat page and the quick-exit
beacon stay.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation

#: Paths (after the language prefix) that exist in the outreach-only languages.
OUTREACH_PATHS = ("chat/outreach/", "chat/end/")
FALLBACK = "en"


def outreach_only_language(path: str) -> str | None:
    code = translation.get_language_from_path(path)
    return code if code in getattr(settings, "CHAT_OUTREACH_ONLY_LANGUAGES", ()) else None


class ChannelLanguagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        code = outreach_only_language(path)
        if code and not path[len(code) + 2:].startswith(OUTREACH_PATHS):
            target = translate_url(request.get_full_path(), FALLBACK)
            if target == request.get_full_path():
                with translation.override(FALLBACK):
                    target = reverse("core:home")
            return HttpResponseRedirect(target)
        return self.get_response(request)
