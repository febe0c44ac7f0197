"""Issue 10 items 4, 6 and 13 in a real browser: staff pages reflow at 320 px as the demo
coordinator, the staff language switch, and the error summary taking focus."""

import os
from pathlib import Path

import pytest
from django.test import override_settings

from uitweg.testing.browser import login_with_totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("UITWEG_SHOTS", "/tmp/uitweg-shots"))

NO_SIDEWAYS_SCROLL = """() => {
  const root = document.documentElement;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1
                  && !el.closest('.uitweg-table-wrap, [data-scroll-region]'))
    .slice(0, 5).map(el => el.tagName + '.' + el.className);
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


@pytest.fixture
def demo_coordinator():
    from uitweg.accounts.models import User
    from uitweg.core.registry import DEMO_LOADERS

    with override_settings(DEMO_MODE=True):
        for loader in sorted(DEMO_LOADERS, key=lambda item: item.order):
            loader.load()
    return User.objects.get(username="coordinator")


def _staff_pages(page, base):
    page.goto(f"{base}/staff/cases/")
    first_case = page.locator("main a[href^='/staff/cases/'][href$='/']").filter(
        has_text="-").first
    case_url = first_case.get_attribute("href") if first_case.count() else None
    pages = {"dashboard": "/staff/", "case-list": "/staff/cases/",
             "signal-list": "/staff/signals/", "staff-list": "/accounts/staff/"}
    if case_url:
        pages["case-detail"] = case_url
    return pages


def test_staff_pages_reflow_at_320px_without_sideways_scrolling(browser, live_server,
                                                                demo_coordinator):
    from uitweg.accounts.demo import DEMO_PASSWORD

    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 640})
    page = context.new_page()
    login_with_totp(page, live_server.url, demo_coordinator, password=DEMO_PASSWORD)
    pages = _staff_pages(page, live_server.url)
    assert "case-detail" in pages, "the demo coordinator sees at least one case"
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name, path in pages.items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status < 500, (name, response.status)
        page.screenshot(path=str(SHOTS / f"staff-320-{name}.png"), full_page=True)
        measured = page.evaluate(NO_SIDEWAYS_SCROLL)
        if measured["scroll"] > measured["client"]:
            problems[name] = measured
    context.close()
    assert problems == {}


def test_checkboxes_and_radios_are_at_least_24px(page, live_server):
    page.goto(f"{live_server.url}/report/")
    sizes = page.evaluate("""() => [...document.querySelectorAll(
        'main input[type=checkbox], main input[type=radio]')]
        .map(el => { const r = el.getBoundingClientRect(); return [el.id, r.width, r.height]; })""")
    assert sizes
    assert [s for s in sizes if s[1] < 24 or s[2] < 24] == []


def test_required_field_does_not_look_wrong_before_anyone_types(page, live_server):
    page.goto(f"{live_server.url}/report/")
    style = """() => { const s = getComputedStyle(document.querySelector('#id_description'));
                       return [s.borderTopColor, s.borderBottomWidth, s.backgroundColor]; }"""
    page.evaluate("document.querySelector('#id_description').required = true")
    empty = page.evaluate(style)
    page.fill("#id_description", "Iets gezien bij de kas.")
    page.evaluate("document.activeElement.blur()")
    assert page.evaluate(style) == empty


def test_error_summary_takes_focus_and_links_to_the_field(page, live_server):
    page.goto(f"{live_server.url}/report/")
    page.fill("#id_description", "Drie vrouwen wonen boven de nagelstudio.")
    page.check("#id_wants_contact")
    page.fill("#id_contact_email", "kasia@example")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-error-summary]")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.title().split(" ")[0] in ("Fout:", "Error:")
    page.click("[data-error-summary] a[href='#id_contact_email']")
    assert page.evaluate("document.activeElement.id") == "id_contact_email"


def test_staff_language_switch_and_accept_language(browser, live_server):
    from uitweg.testing.factories import UserFactory

    user = UserFactory(username="taal")
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    login_with_totp(page, live_server.url, user)
    assert page.locator("html").get_attribute("lang") == "nl"
    page.select_option("#staff-lang", "en")
    page.locator("footer button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/staff/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("button", name="Log out").is_visible()
    # The public pages keep their URL language whatever the staff cookie says.
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "nl"
    context.close()

    english_browser = browser.new_context(locale="en-GB")
    page = english_browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "en"
    english_browser.close()
