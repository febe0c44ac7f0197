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
