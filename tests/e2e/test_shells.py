"""The public and staff shells in a real browser: login with MFA, quick exit, accessibility."""

import pytest

from uitweg.testing.browser import run_axe
from uitweg.testing.clients import current_code
from uitweg.testing.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/2fa/authenticate/**")
    page.fill("input[name=code]", current_code(user))
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")


def test_staff_logs_in_with_totp_and_sees_organisation(page, live_server):
    user = UserFactory(username="anna", organisation__name="Zorgcoördinatie Test")
    login(page, live_server, user)
    header = page.locator("header").inner_text()
    assert "Zorgcoördinatie Test" in header
    assert page.locator("h1").inner_text() in ("Dashboard", "Overzicht")


def test_quick_exit_leaves_page_and_history(page, live_server):
    page.route("https://www.google.nl/**", lambda route: route.fulfill(
        status=200, body="<html><body>neutral</body></html>", content_type="text/html"))
    page.goto(f"{live_server.url}/")
    page.evaluate("sessionStorage.setItem('x', '1')")
    page.keyboard.press("Escape")
    page.wait_for_url("https://www.google.nl/**")
    assert "neutral" in page.content()
    page.go_back()
    # The exited page was replaced in history: going back does not show it again.
    assert live_server.url + "/" != page.url or "Uitweg" not in page.title()


def test_public_home_has_no_serious_accessibility_violations(axe_page, live_server):
    axe_page.goto(f"{live_server.url}/")
    assert run_axe(axe_page) == []
    axe_page.goto(f"{live_server.url}/en/")
    assert run_axe(axe_page) == []


def test_staff_dashboard_and_login_have_no_serious_violations(axe_page, live_server):
    axe_page.goto(f"{live_server.url}/accounts/login/")
    assert run_axe(axe_page) == []
    user = UserFactory(username="bert")
    login(axe_page, live_server, user)
    assert run_axe(axe_page) == []
