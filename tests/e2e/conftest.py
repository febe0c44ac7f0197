import os

import pytest

from uitweg.testing.browser import CHROMIUM_ARGS, require_chromium

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in tests


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module. Playwright's sync API keeps an event loop running in the
    main thread while it is open; closed with the module, it leaves none behind for the next
    module in this process, whose synchronous code may call ``async_to_sync`` (a chat service
    sending to the channel layer on commit), which refuses to run beside a running loop."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_page(browser):
    """A page whose context lets axe-core be injected (CSP bypassed for the checker only)."""
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every browser test starts with an empty cache. allauth remembers a used TOTP code per user
    id in the cache, and the demo users keep their ids and secrets from one test to the next, so
    a login within the same 30 seconds as an earlier test's login was refused as a replay (the
    screenshots test failed that way once in CI)."""
    from django.core.cache import cache

    cache.clear()
