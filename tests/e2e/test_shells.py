"""The public and staff shells in a real browser: login with MFA, quick exit, accessibility."""

import pytest

from uitweg.testing.browser import login_with_totp, run_axe
from uitweg.testing.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login(page, live_server, user):
    login_with_totp(page, live_server.url, user)


def test_staff_logs_in_with_totp_and_sees_organisation(page, live_server):
    user = UserFactory(username="anna", organisation__name="Zorgcoördinatie Test")
    login(page, live_server, user)
    header = page.locator("header").inner_text()
    assert "Zorgcoördinatie Test" in header
    assert page.locator("h1").inner_text() in ("Dashboard", "Overzicht")


@pytest.mark.parametrize("how", ["escape", "button"])
def test_quick_exit_replaces_the_page_and_its_history_entry(page, live_server, how):
    page.route("https://www.google.nl/**", lambda route: route.fulfill(
        status=200, body="<html><body>neutral</body></html>", content_type="text/html"))
    page.goto(f"{live_server.url}/en/")  # an earlier page
    page.goto(f"{live_server.url}/")  # the page the visitor leaves in a hurry
    page.evaluate("sessionStorage.setItem('chat', 'secret')")
    if how == "escape":
        page.keyboard.press("Escape")
    else:
        page.get_by_role("link", name="Snel weg").click()
    page.wait_for_url("https://www.google.nl/**")
    assert "neutral" in page.content()
    page.go_back()
    page.wait_for_load_state()
    # Back leads to the earlier page: the page that was left is gone from the history.
    assert page.url == f"{live_server.url}/en/"
    assert page.evaluate("sessionStorage.getItem('chat')") is None


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
