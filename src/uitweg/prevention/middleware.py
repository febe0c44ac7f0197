"""Two path rules of the prevention pages.

- ``CmsAdminCSPMiddleware`` (listed after CSPMiddleware): the Wagtail admin under ``/cms/``
  gets a relaxed Content Security Policy (inline styles and scripts of the editor, framed
  previews); every other path keeps the strict policy of ``CONTENT_SECURITY_POLICY`` (ADR 0091).
- ``PreventionLanguagesMiddleware``: Arabic and easy-read Dutch exist only for the prevention
  pages; any other public URL in those languages redirects to the English / Dutch page, so no
  page shows Dutch text under ``lang="ar"`` (ADR 0092).
"""

from __future__ import annotations

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation

CMS_PREFIX = "/cms/"
CMS_CSP = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [NONE],
    "object-src": [NONE],
}
#: Where a prevention-only language sends the other public pages.
FALLBACK = {"ar": "en", "nl-b1": "nl"}
#: Public URL prefix of the Wagtail pages (see urls.py).
PAGES_PREFIX = "werken-in-nederland/"


def is_cms_path(path: str) -> bool:
    return path == CMS_PREFIX[:-1] or path.startswith(CMS_PREFIX)


class CmsAdminCSPMiddleware:
    """Listed after CSPMiddleware (inside it), so it marks the response before CSP is built."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_cms_path(request.path_info):
            response._csp_config = CMS_CSP  # django-csp reads it per response
            response.headers.pop("X-Frame-Options", None)
            response["X-Frame-Options"] = "SAMEORIGIN"  # the editor's live preview
        return response


def prevention_only_language(path: str) -> str | None:
    code = translation.get_language_from_path(path)
    only = getattr(settings, "PREVENTION_ONLY_LANGUAGES", ())
    return code if code in only else None


def is_prevention_path(path: str, code: str) -> bool:
    rest = path[len(code) + 2:]  # "/ar/" stripped
    return rest.startswith(PAGES_PREFIX) or rest == PAGES_PREFIX[:-1]


class PreventionLanguagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = prevention_only_language(request.path_info)
        if code and not is_prevention_path(request.path_info, code):
            target = translate_url(request.get_full_path(), FALLBACK[code])
            if target == request.get_full_path():  # not a known public URL: the home page
                with translation.override(FALLBACK[code]):
                    from django.urls import reverse

                    target = reverse("core:home")
            return HttpResponseRedirect(target)
        return self.get_response(request)
