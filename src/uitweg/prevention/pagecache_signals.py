"""When the cached information pages are cleared (uitweg.core.pagecache, ADR 0111).

Any change that can show on a public page starts a new generation of the ``pages`` group: a page
published (also by a workflow approval, a scheduled publication or a translation's publication),
unpublished, moved or deleted; an image or document changed or deleted (a page shows its
rendition and links to the file); a site changed. One change clears every page, not only the
page itself: menus, breadcrumbs, language links and the self-check link show other pages.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from uitweg.core import pagecache

GROUP = "pages"  # = views.PAGES_GROUP


def clear(sender=None, **kwargs) -> None:
    pagecache.bump(GROUP)


def _page_deleted(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        clear()


def connect() -> None:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    page_published.connect(clear, dispatch_uid="pagecache-page-published")
    page_unpublished.connect(clear, dispatch_uid="pagecache-page-unpublished")
    post_page_move.connect(clear, dispatch_uid="pagecache-page-moved")
    post_delete.connect(_page_deleted, dispatch_uid="pagecache-page-deleted")
    for model in (get_image_model(), get_document_model(), Site):
        post_save.connect(clear, sender=model, dispatch_uid=f"pagecache-save-{model.__name__}")
        post_delete.connect(clear, sender=model,
                            dispatch_uid=f"pagecache-delete-{model.__name__}")
