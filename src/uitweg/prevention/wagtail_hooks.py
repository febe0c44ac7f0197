"""CMS admin additions of the prevention app: links to an information page's flyer and card."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.menus.pages import PageMenuItem

from uitweg.prevention import flyers


def flyer_url(page, size: str) -> str:
    """The public URL of ``page``'s PDF, under the prefix of the page's own language."""
    with translation.override(page.locale.language_code):
        return reverse("prevention_flyer", args=[page.pk, size])


@hooks.register("register_page_header_buttons")
def flyer_buttons(page, user, view_name, next_url=None):
    from uitweg.prevention.models import InfoPage

    if not page.live or not isinstance(page.specific_deferred, InfoPage):
        return
    labels = {"a4": _("Print this page as a flyer (A4)"),
              "a5": _("Print this page as a card (A5)")}
    for priority, size in enumerate(flyers.SIZES, start=80):
        yield PageMenuItem(label=labels[size], url=flyer_url(page, size), icon_name="doc-full",
                           priority=priority, page=page)
