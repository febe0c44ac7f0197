"""Issue 10 item 11 in Chromium against uvicorn: several chats in one panel.

A counsellor holds two chats with two young people and handles both on one page: a message in
the other tab shows as an unread badge (and is not marked read), a reply goes only to that
chat, half-typed text stays with its chat across tab switches and a reload, a reload shows
both logs, and a quick exit marks its tab. The page passes axe at 1280 and 390 px wide.
"""

import re
from pathlib import Path

import pytest

from tests.e2e.chat.test_chat_browser import login
from tests.e2e.chat.test_console_truth_browser import start_chat
from uitweg.testing.browser import run_axe

pytestmark = [pytest.mark.e2e]
SHOTS = Path("/tmp/uitweg-reports")


def tab(page, chat_id):
    return page.locator(f"[data-chat-tab='{chat_id}']")


def panel(page, chat_id):
    return page.locator(f"#chat-panel-{chat_id}")


def bodies(page, chat_id):
    return [t.strip() for t in panel(page, chat_id).locator(
        ".chat-msg:not(.chat-msg--system) .chat-msg__body").all_inner_texts()]


def test_two_chats_in_one_panel(browser, server):
    staff = server.staff_session("paneel", ["chat_counsellor"])
    youth_a = start_chat(browser.new_context(locale="nl-NL"), server, "Anna")
    youth_b = start_chat(browser.new_context(locale="nl-NL"), server, "Bram")

    staff_ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = staff_ctx.new_page()
    csp_problems = []
    page.on("console", lambda m: csp_problems.append(m.text)
            if "Content Security Policy" in m.text else None)
    login(page, server, "paneel", staff["totp_secret"])
    for _ in range(2):
        page.goto(f"{server.url}/staff/chat/")
        page.click("#chat-pick")
        page.wait_for_url("**/staff/chat/c/**")
    page.goto(f"{server.url}/staff/chat/")
    page.click("#chat-panel-link")
    page.wait_for_url(re.compile(r".*/staff/chat/panel/(\?chat=.*)?$"))
    a = page.locator("[data-chat-tab]:has-text('Anna')").get_attribute("data-chat-tab")
    b = page.locator("[data-chat-tab]:has-text('Bram')").get_attribute("data-chat-tab")
    assert page.locator("[role=tab]").count() == 2
    # the first chat is selected; the other panel is hidden; both sockets are connected
    assert tab(page, a).get_attribute("aria-selected") == "true"
    assert tab(page, b).get_attribute("tabindex") == "-1"
    assert panel(page, a).is_visible() and not panel(page, b).is_visible()
    page.wait_for_function(
        "() => document.querySelectorAll('[data-chat-panel] .chat-msg--system').length >= 2")

    # Young person B writes while A is selected: B's tab counts it, and it is not read yet.
    youth_b.wait_for_selector(".chat-msg--system")
    youth_b.fill("#chat-input", "Hallo, ik ben Bram")
    youth_b.click("#chat-send")
    page.wait_for_selector(f"[data-chat-tab='{b}'] [data-chat-unread]:not([hidden])")
    assert tab(page, b).locator("[data-chat-unread-count]").inner_text() == "1"
    assert tab(page, a).locator("[data-chat-unread]").is_hidden()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "multichat-panel-unread-1280.png"))
    page.wait_for_function(
        "() => /Bram/.test(document.querySelector('[data-chat-announce]').textContent)")
    youth_b.wait_for_selector(".chat-msg--own .chat-msg__mark:has-text('verzonden')")
    youth_b.wait_for_timeout(1000)
    assert youth_b.locator(".chat-msg--own .chat-msg__mark:has-text('gelezen')").count() == 0

    # Half a message in A; to B with the arrow key (roving tabindex); reply in B.
    panel(page, a).locator("textarea").fill("Half getypt voor Anna")
    tab(page, a).focus()
    page.keyboard.press("ArrowRight")
    assert tab(page, b).get_attribute("aria-selected") == "true"
    assert page.evaluate("document.activeElement.getAttribute('data-chat-tab')") == b
    assert tab(page, b).locator("[data-chat-unread]").is_hidden()  # cleared on selecting
    assert not panel(page, a).is_visible()
    youth_b.wait_for_selector(".chat-msg--own .chat-msg__mark:has-text('gelezen')")  # now read
    panel(page, b).locator("textarea").fill("Fijn dat je schrijft, Bram")
    panel(page, b).locator("textarea").press("Enter")
    youth_b.wait_for_selector(".chat-log li:has-text('Fijn dat je schrijft, Bram')")
    youth_a.wait_for_timeout(500)
    assert youth_a.locator(".chat-log li:has-text('Fijn dat je schrijft')").count() == 0

    # Back to A (Home): the half-typed text is still there, and survives a reload.
    tab(page, b).focus()
    page.keyboard.press("Home")
    assert tab(page, a).get_attribute("aria-selected") == "true"
    assert panel(page, a).locator("textarea").input_value() == "Half getypt voor Anna"
    page.reload()
    page.wait_for_selector(f"#chat-panel-{a}:not([hidden])")  # the URL keeps the tab
    assert panel(page, a).locator("textarea").input_value() == "Half getypt voor Anna"
    panel(page, a).locator("textarea").press("Enter")
    youth_a.wait_for_selector(".chat-log li:has-text('Half getypt voor Anna')")
    assert youth_b.locator(".chat-log li:has-text('Half getypt')").count() == 0

    # A reload shows both logs (each from its own socket) and no draft.
    page.reload()
    page.wait_for_selector(f"#chat-panel-{a} .chat-log li:has-text('Half getypt voor Anna')")
    page.wait_for_function(
        f"() => document.querySelectorAll('#chat-panel-{b} .chat-msg:not(.chat-msg--system)')"
        ".length === 2")
    assert bodies(page, a) == ["Half getypt voor Anna"]
    assert bodies(page, b) == ["Hallo, ik ben Bram", "Fijn dat je schrijft, Bram"]
    assert panel(page, a).locator("textarea").input_value() == ""
    assert tab(page, b).locator("[data-chat-unread]").is_hidden()  # read before: no badge
    assert csp_problems == []

    # Accessibility and screenshots at 1280 and 390 px (axe needs CSP bypassed).
    axe_ctx = browser.new_context(locale="nl-NL", bypass_csp=True,
                                  storage_state=staff_ctx.storage_state())
    axe_page = axe_ctx.new_page()
    for width, height in ((1280, 900), (390, 844)):
        axe_page.set_viewport_size({"width": width, "height": height})
        axe_page.goto(f"{server.url}/staff/chat/panel/?chat={b}")
        axe_page.wait_for_function(
            f"() => document.querySelectorAll('#chat-panel-{b} .chat-msg').length >= 3")
        assert run_axe(axe_page) == [], width
        assert axe_page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"), width  # no sideways
        axe_page.screenshot(path=str(SHOTS / f"multichat-panel-{width}.png"), full_page=True)
    axe_ctx.close()

    # Quick exit in A while B is selected: A's tab says so.
    tab(page, b).click()
    for _ in range(3):
        youth_a.keyboard.press("Shift")
    page.wait_for_selector(f"[data-chat-tab='{a}'] [data-chat-marker]:not([hidden])")
    assert tab(page, a).locator("[data-chat-marker]").inner_text() == panel(
        page, a).locator("[data-chat-part=youth-gone-badge]").inner_text()
    assert tab(page, a).get_attribute("data-ended") == "1"
    for context in (youth_a.context, youth_b.context, staff_ctx):
        context.close()
