"""Which CMS images and documents the public may download, and how they are sent (issue 11).

Files uploaded in the CMS live under ``MEDIA_ROOT`` and are addressed as
``/werken-in-nederland/media/<name>`` (``MEDIA_URL``): renditions of images (``images/…``: the
resized, re-encoded copies pages show) and documents (``documents/…``, PDF only, ADR 0094). The
original uploads (``original_images/…``) are never sent: they may carry camera metadata.

A file is public when a live page that anyone may read (no view restriction) refers to it —
Wagtail's reference index records every image field and every image or document in rich text —
and its collection is not private. Anything else (a draft's image, a document nobody links to
yet, a page taken offline, a private collection) answers 404, except to an editor or publisher
with an admitted staff session (login, second factor, session clocks), who sees it in the CMS
and the preview. No request is counted or logged with anything about the visitor.
"""

from __future__ import annotations

import time

from django.contrib.contenttypes.models import ContentType

#: Folders under MEDIA_ROOT that may be sent, and how.
DOCUMENTS = "documents/"
RENDITIONS = "images/"
IMAGE_TYPES = {"webp": "image/webp", "png": "image/png", "jpg": "image/jpeg",
               "jpeg": "image/jpeg"}
DOCUMENT_TYPES = {"pdf": "application/pdf"}
#: What a downloaded file may do when opened in the browser: nothing (no script, no plug-in).
FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def image_alt_problem(*, has_image: bool, alt: str) -> str:
    """``""`` when the text alternative of a page image is acceptable, else the error code."""
    if has_image and not (alt or "").strip():
        return "alt_missing"
    return ""


def referring_page_ids(obj) -> list[int]:
    """The pages whose stored content refers to ``obj`` (an image or a document)."""
    from wagtail.models import Page, ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    ids = (ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
           .values_list("object_id", flat=True))
    return [int(pk) for pk in ids if str(pk).isdigit()]


def is_public(obj) -> bool:
    """A live page anyone may read refers to ``obj``, and its collection is not private.

    A live page's row holds its published content (drafts of a live page are revisions), so a
    reference from a live page is a reference from what the public sees."""
    from wagtail.models import Page

    collection = getattr(obj, "collection", None)
    if collection is not None and collection.get_view_restrictions().exists():
        return False
    pages = referring_page_ids(obj)
    return bool(pages) and Page.objects.live().public().filter(pk__in=pages).exists()


def may_preview(request) -> bool:
    """An editor or publisher with an admitted staff session (as every /cms/ page requires)."""
    from uitweg.accounts.admission import admit
    from uitweg.accounts.roles import Role

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return bool(admit(user, request.session, now=time.time(),
                      roles=(Role.EDITOR, Role.PUBLISHER)))


def find(name: str):
    """``(kind, obj, file)`` for a name under MEDIA_ROOT that may ever be sent, else None:
    a document, or a rendition of an image of an allowed type."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if name.startswith(DOCUMENTS) and extension in DOCUMENT_TYPES:
        document = get_document_model().objects.filter(file=name).select_related(
            "collection").first()
        return ("document", document, document.file) if document else None
    if name.startswith(RENDITIONS) and extension in IMAGE_TYPES:
        rendition = (get_image_model().get_rendition_model().objects.filter(file=name)
                     .select_related("image", "image__collection").first())
        return ("image", rendition.image, rendition.file) if rendition else None
    return None


def content_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    return {**IMAGE_TYPES, **DOCUMENT_TYPES}[extension]
