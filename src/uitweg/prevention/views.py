"""The staff page of the reach figures, the public page server (Wagtail's, marked public), the
flyers, and the CMS's public images and documents."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.views import serve as wagtail_serve

from uitweg.accounts.access import public
from uitweg.accounts.permissions import role_required
from uitweg.accounts.roles import Role
from uitweg.prevention import reach

REACH_ROLES = (Role.EDITOR, Role.PUBLISHER, Role.ANALYST)
#: The cache group of the Wagtail pages (uitweg.core.pagecache; cleared by prevention.signals).
PAGES_GROUP = "pages"


@role_required(*REACH_ROLES, object_type="prevention.reach")
@require_safe
def reach_view(request):
    try:
        days = min(max(int(request.GET.get("days", 30)), 1), 366)
    except ValueError:
        days = 30
    return render(request, "prevention/reach.html",
                  {"figures": reach.figures(days=days), "days": days,
                   "day_choices": (7, 30, 90, 365)})


@public
@require_http_methods(["GET", "HEAD", "POST"])
def serve(request, path=""):
    """A published prevention page (the self-check answers with POST; nothing is stored).

    An anonymous GET is answered from the cache of rendered pages when it can be (ADR 0111);
    the view is counted either way. Only a page that counted itself is kept (a 200 of a
    ``CountedPage`` to GET: not a redirect, a restricted page or the self-check's result)."""
    from django.conf import settings

    from uitweg.core import pagecache
    from uitweg.prevention import reach

    key = pagecache.request_key(request, PAGES_GROUP)
    found = pagecache.fetch(request, key, PAGES_GROUP)
    if found.response is not None:
        if found.meta:
            reach.count_view(**found.meta)
        return found.response
    response = wagtail_serve(request, path)
    counted = getattr(request, "counted_page", None)
    if counted:
        pagecache.store(request, key, PAGES_GROUP, found.generation, response,
                        ttl=settings.PUBLIC_PAGE_CACHE_SECONDS, meta=counted)
    return response


@public
@require_safe
def flyer(request, page_id: int, size: str):
    """An information page as a printable A4 flyer or A5 card (PDF, issue 11.3).

    Public and anonymous like the page itself: not counted, no cookie. The PDF is built once per
    page revision and size and kept in the server's cache; the browser is told not to keep it
    (``no-store`` from SecurityHeadersMiddleware, ADR 0027: a cached PDF is a trace).
    """
    from django.conf import settings
    from django.core.cache import cache
    from django.http import Http404, HttpResponse
    from django.utils import translation

    from uitweg.prevention import flyers
    from uitweg.prevention.models import InfoPage

    if size not in flyers.SIZES:
        raise Http404("Unknown flyer size.")
    page = (InfoPage.objects.live().public().filter(pk=page_id)
            .select_related("locale").first())
    if page is None:
        raise Http404("No published information page with this number.")
    key = f"prevention:flyer:{page.pk}:{page.live_revision_id}:{size}:{flyers.VERSION}"
    pdf = cache.get(key)
    if pdf is None:
        try:
            pdf = flyers.build_pdf(flyer_for(page, settings.WAGTAILADMIN_BASE_URL), size)
        except flyers.FontMissing as error:
            return HttpResponse(f"Flyers are not available: {error}", status=503,
                                content_type="text/plain; charset=utf-8")
        cache.set(key, pdf, 24 * 3600)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{page.slug}-{size}.pdf"'
    response["Content-Language"] = translation.get_language_info(
        "nl" if page.locale.language_code == "nl-b1" else page.locale.language_code)["code"]
    return response


def flyer_for(page, base_url: str):
    """The texts of ``page`` for its flyer, in the page's language."""
    from urllib.parse import urlsplit

    from django.utils import translation

    from uitweg.prevention import flyers, public_text

    language = page.locale.language_code
    with translation.override(language):
        scan = str(public_text.FLYER_SCAN)
        footer = str(public_text.FLYER_FOOTER)
    body = flyers.plain_text(str(page.body))
    return flyers.Flyer(
        title=page.title, summary=page.summary, language=language,
        excerpt=body, url=base_url.rstrip("/") + urlsplit(page.url).path,
        scan_label=scan, footer=footer)


@public
@require_safe
def media_file(request, name: str):
    """An image rendition or a document of a published page (:mod:`uitweg.prevention.media`).

    Anything not published is 404 (an admitted editor or publisher may see it, for the CMS and
    the preview). Documents are attachments; nothing may run in either (nosniff, a sandbox
    policy); the visitor is not counted and nothing about them is read (the privacy middleware
    has removed the address before this view runs)."""
    from django.http import FileResponse, Http404

    from uitweg.prevention import media

    found = media.find(name)
    if found is None:
        raise Http404("No such file.")
    kind, obj, stored = found
    if not (media.is_public(obj) or media.may_preview(request)):
        raise Http404("No such file.")
    try:
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404("No such file.") from missing
    is_document = kind == "document"
    response = FileResponse(handle, as_attachment=is_document,
                            filename=obj.filename if is_document else "",
                            content_type=media.content_type(name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = media.FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
