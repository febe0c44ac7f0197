import pytest


@pytest.fixture
def pages(db):
    """The demo pages in Dutch, Polish and Arabic (the PO route of the demo loader)."""
    from uitweg.prevention.demo import build_pages

    dutch, _made = build_pages(["pl", "ar"])
    return dutch


@pytest.fixture
def translated(pages):
    """Page ``key`` in ``language``."""
    from wagtail.models import Locale

    def get(key, language):
        return pages[key].get_translation(Locale.objects.get(language_code=language)).specific

    return get
