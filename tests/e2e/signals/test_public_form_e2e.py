"""The public report form in a real browser: filed once, no text comes back, nothing lost, exits.

Issue 10 items 1, 2 and 5 (public side). Each of these failed on the form as it was: a double
tap filed two reports and a reload of the thank-you page a third, Back restored the description,
the rate limit showed a page without the form, and Shift did nothing.
"""

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENS = Path("/tmp/uitweg-public-screens")
TEXT = "Drie vrouwen wonen boven de nagelstudio en gaan nooit alleen naar buiten."


@pytest.fixture
def setting():
    from django.core.cache import cache

    from uitweg.signals.tests.factories import care_org

    cache.clear()
    care_org(name="Zorgcoördinatie E2E")
    yield
    cache.clear()


def signals():
    from uitweg.signals.models import Signal

    return Signal.objects.count()


def fill(page, text=TEXT):
    page.fill("textarea[name=description]", text)
    page.fill("input[name=location]", "Hoefkade 12, Den Haag")
    page.check("input[name=child_involved][value=no]")


def token_of(page) -> str:
    return page.locator("input[name=submission]").get_attribute("value")


def test_double_submit_and_reload_give_one_signal(page, live_server, setting):
    page.goto(f"{live_server.url}/report/")
    fill(page)
    # Two extra sends of the very same form reach the server first (a double tap on a slow
    # connection), then the real button is pressed.
    statuses = page.evaluate("""async () => {
        const form = document.querySelector("form[data-fresh-on-back]");
        const send = () => fetch(form.action || location.href, {method: "POST",
            body: new FormData(form), redirect: "manual", credentials: "same-origin"});
        const answers = await Promise.all([send(), send()]);
        return answers.map((a) => a.type);
    }""")
    assert statuses == ["opaqueredirect", "opaqueredirect"]  # both answered with a redirect
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=report-code]")
    code = page.locator("[data-testid=report-code]").inner_text()
    assert "?" not in page.url and code not in page.url
    for _ in range(2):
        page.reload()
        assert page.locator("[data-testid=report-code]").inner_text() == code
    assert signals() == 1
    # The thank-you page shows the emergency banner too.
    assert "112" in page.locator("[data-testid=emergency]").inner_text()


def test_back_after_submit_shows_an_empty_form(page, live_server, setting):
    page.goto(f"{live_server.url}/en/")  # where the visitor came from
    page.goto(f"{live_server.url}/report/")
    used = token_of(page)
    fill(page)
    page.fill("input[name=observed_when]", "vorige week")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=report-code]")
    page.go_back()
    page.wait_for_selector("textarea[name=description]")
    assert page.url.endswith("/report/")
    assert page.input_value("textarea[name=description]") == ""
    assert page.input_value("input[name=location]") == ""
    assert page.input_value("input[name=observed_when]") == ""
    assert token_of(page) != used  # a fresh form: a new report is a new report
    fill(page, "Een andere melding: busjes bij de kassen.")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=report-code]")
    assert signals() == 2


def test_the_rate_limited_form_keeps_its_text(page, live_server, setting, settings):
    settings.SIGNALS_PUBLIC_RATE_LIMIT = 1
    page.goto(f"{live_server.url}/report/")
    # Validation errors do not count.
    with page.expect_navigation():
        page.click("button[type=submit]")  # empty: refused, and not counted
    assert signals() == 0
    fill(page)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=report-code]")
    page.goto(f"{live_server.url}/report/")
    second = "Jongens worden elke ochtend om vijf uur bij de kassen afgezet."
    fill(page, second)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=rate-limited]")
    assert page.input_value("textarea[name=description]") == second
    assert re.search(r"\d+ minu", page.locator("[data-testid=rate-limited]").inner_text())
    assert signals() == 1


@pytest.fixture
def neutral(page):
    page.route("https://www.google.nl/**", lambda route: route.fulfill(
        status=200, body="<html><body>neutral</body></html>", content_type="text/html"))
    return page


def test_shift_three_times_exits_even_while_typing(neutral, live_server, setting):
    page = neutral
    page.goto(f"{live_server.url}/en/")
    page.goto(f"{live_server.url}/report/")
    page.click("textarea[name=description]")
    page.keyboard.type("Three Women")  # capitals: Shift as a modifier is not counted
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert page.url.endswith("/report/")
    assert page.locator(".uitweg-quick-exit__dot--on").count() == 2  # visible feedback
    page.keyboard.press("Shift")
    page.wait_for_url("https://www.google.nl/**")
    page.go_back()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/en/"


def test_escape_in_a_field_does_not_exit_unless_opted_in(neutral, live_server, setting):
    page = neutral
    page.goto(f"{live_server.url}/report/")
    page.click("textarea[name=description]")
    page.keyboard.type("half a report")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.endswith("/report/")
    assert page.input_value("textarea[name=description]") == "half a report"
    # The visitor opts in: Escape in a field now leaves at once.
    page.click("[data-testid=quick-exit-help] summary")
    page.check("[data-quick-exit-escape-toggle]")
    page.click("textarea[name=description]")
    page.keyboard.press("Escape")
    page.wait_for_url("https://www.google.nl/**")


def test_escape_outside_a_field_exits(neutral, live_server, setting):
    page = neutral
    page.goto(f"{live_server.url}/report/")
    page.click("h1")
    page.keyboard.press("Escape")
    page.wait_for_url("https://www.google.nl/**")


@pytest.mark.parametrize("width", [390, 320])
def test_the_quick_exit_button_never_covers_a_field_on_mobile(browser, live_server, setting,
                                                              width):
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 740},
                                  is_mobile=True, has_touch=True, reduced_motion="reduce")
    page = context.new_page()
    SCREENS.mkdir(exist_ok=True)
    try:
        for path in ("/report/", "/report/status/"):
            page.goto(f"{live_server.url}{path}")
            page.screenshot(path=str(SCREENS / f"{path.strip('/').replace('/', '-')}-{width}.png"))
            fields = page.locator("main input:not([type=hidden]), main textarea, main select, "
                                  "main button")
            overlaps = page.evaluate("""() => {
                const exit = document.querySelector(".uitweg-quick-exit");
                const hits = [];
                const all = Array.from(document.querySelectorAll(
                    "main input:not([type=hidden]), main textarea, main select, main button"));
                for (const el of all) {
                    if (!el.offsetParent) continue;  // hidden (contact fields until wanted)
                    // The visitor has scrolled the field up to the top of the screen, then taps it.
                    el.blur();
                    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 10);
                    el.focus();
                    const r = el.getBoundingClientRect();
                    const bar = exit.getBoundingClientRect();
                    const meet = r.left < bar.right && r.right > bar.left
                        && r.top < bar.bottom && r.bottom > bar.top;
                    if (meet) hits.push(el.name || el.textContent.trim());
                    // ... and the quick exit stays on screen, wherever the visitor is.
                    if (bar.top < 0 || bar.bottom > window.innerHeight) hits.push("off screen");
                }
                return hits;
            }""")
            assert fields.count() > 0
            assert overlaps == [], (path, width, overlaps)
            # No sideways scrolling either.
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.goto(f"{live_server.url}/report/")
        page.locator("input[name=observed_when]").focus()
        page.screenshot(path=str(SCREENS / f"report-focused-{width}.png"))
    finally:
        context.close()
