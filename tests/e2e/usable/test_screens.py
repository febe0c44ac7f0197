"""Screenshots of the case file, the case list, my tasks and the chat console at 1280 and
390 px (issue 10 "Must show"), written to ``UITWEG_SCREENS`` (``docs/screens`` for the docs;
a temporary folder otherwise). Each page is also checked: it answers 200 and shows its heading.
"""

import os
from pathlib import Path

import pytest
from django.test import override_settings

pytestmark = [pytest.mark.e2e,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENS = Path(os.environ.get("UITWEG_SCREENS", "/tmp/uitweg-screens"))
WIDTHS = (1280, 390)


@pytest.fixture
def demo_world():
    from uitweg.core.registry import DEMO_LOADERS

    needed = {"accounts", "cases", "cases-owners", "signals", "chat", "outreach"}
    with override_settings(DEMO_MODE=True):
        for loader in sorted(DEMO_LOADERS, key=lambda item: item.order):
            if loader.name in needed:
                loader.load()


def _login(browser, base, username, width):
    from uitweg.accounts import totp
    from uitweg.accounts.demo import DEMO_PASSWORD
    from uitweg.accounts.models import User
    from uitweg.testing.browser import login_with_totp

    user = User.objects.get(username=username)
    user.totp_secret = totp.secret_of(user)
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 900})
    page = context.new_page()
    login_with_totp(page, base, user, password=DEMO_PASSWORD)
    return context, page


def test_screenshots_of_the_daily_pages(browser, live_server, demo_world):
    from uitweg.cases.models import Case

    SCREENS.mkdir(parents=True, exist_ok=True)
    case = (Case.objects.filter(source_reference__startswith="demo-", owner__isnull=False)
            .exclude(state="closed").order_by("pk").first())
    pages = {"coordinator": {"case-list": "/staff/cases/",
                             "case-file": f"/staff/cases/{case.pk}/",
                             "my-tasks": "/staff/tasks/"},
             "caseworker": {"my-tasks-caseworker": "/staff/tasks/"},
             "counsellor": {"chat-console": "/staff/chat/"}}
    for username, shots in pages.items():
        # one login per user: a TOTP code is accepted once, so no second login within 30 s
        context, page = _login(browser, live_server.url, username, WIDTHS[0])
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in shots.items():
                response = page.goto(live_server.url + path)
                assert response.status == 200, (username, path)
                assert page.locator("main h1").count() == 1
                page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
        context.close()
