"""The prevention pages in a real browser (issue 11, "Must show"): a visitor reads a page in
Polish, does the self-check, sees the result and opens the report with the indicators ticked;
the Arabic pages render right to left; axe finds nothing serious on them; an editor's page goes
through review before it is public."""

from pathlib import Path

import pytest

from uitweg.testing.browser import run_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENS = Path("/tmp/uitweg-public-screens")


@pytest.fixture
def site_pages(transactional_db):
    from uitweg.prevention.demo import build_pages

    dutch, _made = build_pages(["pl", "ar"])
    return dutch


def url_of(dutch_page, language):
    from wagtail.models import Locale

    return dutch_page.get_translation(Locale.objects.get(language_code=language)).url


def test_a_visitor_reads_polish_does_the_self_check_and_opens_the_report(
        axe_page, live_server, site_pages):
    page = axe_page
    page.goto(live_server.url + url_of(site_pages["rights"], "pl"))
    assert page.locator("h1").inner_text() == "Twoje prawa w pracy"
    assert page.locator("html").get_attribute("lang") == "pl"
    assert run_axe(page) == []
    page.goto(live_server.url + url_of(site_pages["selfcheck"], "pl"))
    assert page.locator("[data-testid=question]").count() == 13
    assert run_axe(page) == []
    page.check("input[name=q0][value=yes]")  # passport kept
    page.check("input[name=q1][value=yes]")  # debt
    page.click("main form button[type=submit]")
    result = page.locator("[data-testid=result]")
    assert result.get_attribute("data-level") == "signs"
    assert run_axe(page) == []
    page.click("[data-testid=open-report]")
    page.wait_for_url("**/pl/report/?indicators=*")
    ticked = page.locator("input[name=indicators]:checked")
    assert sorted(ticked.evaluate_all("els => els.map(e => e.value)")) == [
        "debt_bondage", "retention_of_documents"]


def test_the_arabic_pages_render_right_to_left_without_serious_axe_issues(
        axe_page, live_server, site_pages):
    page = axe_page
    page.set_viewport_size({"width": 1000, "height": 1400})
    for key in ("rights", "selfcheck"):
        page.goto(live_server.url + url_of(site_pages[key], "ar"))
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("html").get_attribute("lang") == "ar"
        assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") \
            == "rtl"
        assert run_axe(page) == [], key
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.goto(live_server.url + url_of(site_pages["rights"], "ar"))
    page.screenshot(path=str(SCREENS / "prevention-ar-rights.png"), full_page=False)


def test_a_page_image_and_a_flyer_come_from_our_own_server(axe_page, live_server, site_pages,
                                                           settings, tmp_path):
    """ADR 0101: the image is a rendition from this origin with its description, the linked
    PDF downloads as an attachment, and the browser asks no other host for anything."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection

    settings.MEDIA_ROOT = tmp_path
    page_model = site_pages["rights"]
    document = get_document_model()(title="Flyer", collection=Collection.get_first_root_node())
    document.file.save("flyer-rechten.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    page_model.image = get_image_model().objects.create(
        title="Affiche", file=get_test_image_file(filename="affiche.png", size=(1600, 1000)))
    page_model.image_alt = "Een affiche met de tekst: je paspoort is van jou"
    page_model.body = (f'{page_model.body}<p><a linktype="document" id="{document.pk}">'
                       "Download de flyer (PDF)</a></p>")
    page_model.save_revision().publish()

    page = axe_page
    hosts = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(live_server.url + page_model.url)
    image = page.locator("main figure img")
    assert image.get_attribute("alt") == "Een affiche met de tekst: je paspoort is van jou"
    assert image.evaluate("img => img.complete && img.naturalWidth") == 800
    assert run_axe(page) == []
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENS / f"prevention-image-{width}.png"), full_page=True)
    assert image.evaluate("img => img.getBoundingClientRect().width") <= 390
    assert hosts == {live_server.url.split("/")[2]}
    # Django's live test server answers MEDIA_URL itself (its _MediaFilesHandler), before our
    # view; so the link is followed through the URL configuration with the test client, which
    # is what uvicorn runs (the view's rules: prevention/tests/test_media.py).
    from django.test import Client

    href = page.locator("text=Download de flyer (PDF)").get_attribute("href")
    flyer = Client().get(href)
    assert flyer.status_code == 200, flyer.status_code
    assert flyer["Content-Disposition"] == 'attachment; filename="flyer-rechten.pdf"'
    assert b"".join(flyer.streaming_content).startswith(b"%PDF-")
