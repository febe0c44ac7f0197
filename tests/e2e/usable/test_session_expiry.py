"""Issue 10.8 in a real browser: the warning two minutes before the idle timeout, "stay logged
in", and a note typed while the session ran out that comes back after logging in again."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore

from uitweg.accounts.middleware import LAST_SEEN
from uitweg.testing.browser import login_with_totp

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _session(page):
    cookie = next(c for c in page.context.cookies() if c["name"].endswith("uitweg-session"))
    return SessionStore(session_key=cookie["value"])


@pytest.fixture
def page(browser):
    """English, so the test reads the source strings (the Dutch ones are checked by the crawl)."""
    context = browser.new_context(locale="en-GB")
    yield context.new_page()
    context.close()


def test_expiry_warning_stay_logged_in_and_the_kept_form(page, live_server, settings):
    from uitweg.cases.models import Note
    from uitweg.cases.tests.factories import coordinator, make_case
    from uitweg.testing.clients import current_code
    from uitweg.testing.factories import PASSWORD

    settings.SESSION_IDLE_TIMEOUT = 124  # the warning shows after 4 seconds
    user = coordinator()
    case = make_case(by=user)
    login_with_totp(page, live_server.url, user)
    first_step = int(time.time() // 30)  # the 30-second step of the code just used
    url = f"{live_server.url}/staff/cases/{case.pk}/notes/add/"
    page.goto(url)
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for(state="visible", timeout=15_000)
    assert "two minutes" in dialog.inner_text()
    before = _session(page)[LAST_SEEN]
    page.get_by_role("button", name="Stay logged in").click()
    dialog.wait_for(state="hidden", timeout=10_000)
    assert _session(page)[LAST_SEEN] > before  # the POST counted as activity

    page.fill("textarea[name=text]", "Gesprek met de advocaat: aangifte volgende week.")
    session = _session(page)
    session[LAST_SEEN] = time.time() - 1000  # the session ran out while typing
    session.save()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/accounts/login/**")
    assert not Note.objects.filter(case=case).exists()

    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/2fa/authenticate/**")
    # A one-time code is accepted once: wait for the next 30-second step if the first login's
    # code is still the current one.
    while int(time.time() // 30) == first_step:
        time.sleep(0.5)
    page.fill("input[name=code]", current_code(user, margin=10))
    page.click("main button[type=submit]")
    page.wait_for_url(url)
    assert page.input_value("textarea[name=text]") == (
        "Gesprek met de advocaat: aangifte volgende week.")
    assert page.get_by_role("status").filter(has_text="kept what you entered").is_visible()
    assert not Note.objects.filter(case=case).exists()  # not sent until the user confirms
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(f"{live_server.url}/staff/cases/{case.pk}/**")
    assert Note.objects.get(case=case).text.startswith("Gesprek met de advocaat")
