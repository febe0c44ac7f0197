"""Which language a request is served in (ADR 0003, ADR 0080).

Public pages take their language from the URL prefix only (`/` Dutch, `/en/`, `/pl/`, …): no
cookie and no Accept-Language, so a page can be shared and nothing about the visitor is kept.
Every other page (staff, login, admin) takes the language cookie set by the staff switcher, then
the browser's Accept-Language, then Dutch — always one of ``STAFF_LANGUAGES``.

Django's own ``LocaleMiddleware`` forces ``LANGUAGE_CODE`` on every path without a language prefix
when ``prefix_default_language=False``, which is why the staff switch used to have no effect.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


def staff_languages() -> tuple[str, ...]:
    return tuple(getattr(settings, "STAFF_LANGUAGES", (settings.LANGUAGE_CODE,)))


def pick_staff_language(*, cookie: str | None, accept_language: str) -> str:
    """The staff page language: an explicit choice, else the browser's preference, else Dutch."""
    offered = staff_languages()
    if cookie in offered:
        return cookie
    for code, _quality in parse_accept_lang_header(accept_language or ""):
        if code == "*":
            break
        code = code.lower()
        for candidate in (code, code.split("-")[0]):
            if candidate in offered:
                return candidate
    return settings.LANGUAGE_CODE


def is_public_path(path_info: str, urlconf=None) -> bool:
    """True when the path belongs to the language-prefixed public URL patterns."""
    if translation.get_language_from_path(path_info):
        return True
    relative = path_info[1:] if path_info.startswith("/") else path_info  # as the root resolver
    for pattern in get_resolver(urlconf).url_patterns:
        if isinstance(getattr(pattern, "pattern", None), LocalePrefixPattern):
            with translation.override(settings.LANGUAGE_CODE):
                try:
                    pattern.resolve(relative)
                except Resolver404:
                    continue
                return True
    return False


class UitwegLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware for public pages; cookie / Accept-Language / Dutch for everything else."""

    def process_request(self, request):
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if is_public_path(request.path_info, urlconf):
            super().process_request(request)
            return
        language = pick_staff_language(
            cookie=request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME),
            accept_language=request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
        )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
