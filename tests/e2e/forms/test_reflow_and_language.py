"""Issue 10 items 4, 6 and 13 in a real browser: staff pages reflow at 320 px as the demo
coordinator, the staff language switch, and the error summary taking focus."""

import os
from pathlib import Path

import pytest
from django.test import override_settings

from uitweg.testing.browser import login_with_totp, run_axe

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
    from uitweg.accounts import totp

    user = User.objects.get(username="coordinator")
    user.totp_secret = totp.secret_of(user)
    return user


BROKEN_WORDS = """(selector) => {
  // Words (split at spaces and hyphens) whose letters end up on two lines.
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const match of node.textContent.matchAll(/[^\\s\\-\u2010\u2011\u2013\u2014\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) { broken.push(match[0]); }
      }
    }
  }
  return broken;
}"""


def _staff_pages(page, base):
    page.goto(f"{base}/staff/cases/")
    first_case = page.locator("main table a[href^='/staff/cases/']").first
    pages = {"dashboard": "/staff/", "case-list": "/staff/cases/",
             "signal-list": "/staff/signals/"}
    if first_case.count():
        pages["case-detail"] = first_case.get_attribute("href")
    return pages


def _measure(page, base, pages, prefix):
    problems = {}
    for name, path in pages.items():
        response = page.goto(f"{base}{path}")
        assert response.status < 400, (name, response.status)
        page.screenshot(path=str(SHOTS / f"{prefix}-{name}.png"), full_page=True)
        measured = page.evaluate(NO_SIDEWAYS_SCROLL)
        broken = page.evaluate(BROKEN_WORDS, "footer")
        # A table that scrolls in its own box can be reached and scrolled by keyboard.
        unreachable = page.evaluate("""() => [...document.querySelectorAll('.uitweg-table-wrap')]
            .filter(w => w.scrollWidth > w.clientWidth + 1)
            .filter(w => w.tabIndex !== 0 || !w.getAttribute('aria-label')).length""")
        if measured["scroll"] > measured["client"] or broken or unreachable:
            problems[name] = {**measured, "broken_footer_words": broken,
                              "unreachable_scroll_boxes": unreachable}
    return problems


def test_staff_pages_reflow_at_320px_without_sideways_scrolling(browser, live_server,
                                                                demo_coordinator):
    from uitweg.accounts.demo import DEMO_PASSWORD

    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 640})
    page = context.new_page()
    login_with_totp(page, live_server.url, demo_coordinator, password=DEMO_PASSWORD)
    pages = _staff_pages(page, live_server.url)
    assert "case-detail" in pages, "the demo coordinator sees at least one case"
    problems = _measure(page, live_server.url, pages, "staff-320")
    context.close()

    # The staff list is for organisation administrators.
    from uitweg.accounts import totp
    from uitweg.accounts.models import User

    orgadmin = User.objects.get(username="orgadmin")
    orgadmin.totp_secret = totp.secret_of(orgadmin)
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 640})
    page = context.new_page()
    login_with_totp(page, live_server.url, orgadmin, password=DEMO_PASSWORD)
    problems.update(_measure(page, live_server.url, {"staff-list": "/accounts/staff/"},
                             "staff-320"))
    context.close()
    assert problems == {}


def test_public_pages_reflow_at_320px_and_the_footer_breaks_no_words(browser, live_server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 640})
    page = context.new_page()
    problems = _measure(page, live_server.url, {"home": "/", "report": "/report/",
                                                "home-uk": "/uk/", "report-bg": "/bg/report/"},
                        "public-320")
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
    # The shared stylesheet alone (signals.css has its own rule for this one form).
    page.evaluate("document.querySelectorAll('link[href*=signals]').forEach(l => l.remove())")
    assert page.evaluate("document.querySelector('#id_description').matches(':invalid')")
    empty = page.evaluate(style)
    page.fill("#id_description", "Iets gezien bij de kas.")
    page.evaluate("document.activeElement.blur()")
    assert page.evaluate(style) == empty


def test_error_summary_takes_focus_and_links_to_the_field(axe_page, live_server):
    page = axe_page
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
    assert run_axe(page) == []


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
