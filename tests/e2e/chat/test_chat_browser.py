"""The chat in headless Chromium against a real uvicorn server (websockets need ASGI).

A young person starts a chat, a counsellor logs in with TOTP and picks it up, they exchange
messages, the young person's network drops and returns without loss, and quick exit ends the
chat on the server.
"""

import os
from pathlib import Path

import pytest

from uitweg.testing.browser import run_axe
from uitweg.testing.clients import fresh_code

pytestmark = [pytest.mark.e2e]
PASSWORD = "correct-horse-battery-staple-42"
SHOTS = os.environ.get("CHAT_SCREENSHOTS")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def login(page, server, username, secret):
    page.goto(f"{server.url}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/2fa/authenticate/**")
    page.fill("input[name=code]", fresh_code(secret, margin=10))
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/staff/")


def texts(page, selector):
    return [t.strip() for t in page.locator(selector).all_inner_texts()]


def test_youth_and_counsellor_chat_survive_network_loss_and_quick_exit(browser, server):
    staff = server.staff_session("berater", ["chat_counsellor"])
    csp_problems = []

    youth_ctx = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    youth = youth_ctx.new_page()
    youth.on("console", lambda m: csp_problems.append(m.text)
             if "Content Security Policy" in m.text else None)
    youth.route("https://www.google.nl/**", lambda route: route.fulfill(
        status=200, body="<html><body>neutral</body></html>", content_type="text/html"))
    youth.goto(f"{server.url}/chat/")
    youth.fill("#chat-nickname", "Sam")
    youth.select_option("#chat-age", "16-17")
    youth.click("#chat-start button[type=submit]")
    youth.wait_for_selector("#chat-status[data-position='1']")
    shot(youth, "youth-waiting")

    staff_ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    counsellor = staff_ctx.new_page()
    login(counsellor, server, "berater", staff["totp_secret"])
    counsellor.goto(f"{server.url}/staff/chat/")
    shot(counsellor, "console-queue")
    counsellor.click("#chat-pick")
    counsellor.wait_for_url("**/staff/chat/c/**")
    counsellor.wait_for_selector(".chat-msg--system")

    youth.wait_for_selector(".chat-msg--system")
    youth.fill("#chat-input", "Mijn baas houdt mijn paspoort")
    youth.click("#chat-send")
    counsellor.wait_for_selector(".chat-log li:has-text('Mijn baas houdt mijn paspoort')")
    counsellor.fill("#chat-input", "Dat mag niet. Wil je vertellen wat er gebeurt?")
    counsellor.press("#chat-input", "Enter")
    youth.wait_for_selector(".chat-log li:has-text('Wil je vertellen')")
    youth.wait_for_selector(".chat-msg--own .chat-msg__mark:has-text('gelezen')")

    # The network drops: the socket is gone, the young person keeps typing.
    youth_ctx.set_offline(True)
    youth.evaluate("window.UitwegChat.current().drop()")
    youth.wait_for_selector(".chat-offline")
    for text in ("Ben je er nog?", "Hij zegt dat ik schuld heb"):
        youth.fill("#chat-input", text)
        youth.click("#chat-send")
    counsellor.fill("#chat-input", "Ik ben er nog.")
    counsellor.press("#chat-input", "Enter")
    youth.wait_for_timeout(1500)
    assert youth.locator(".chat-msg--pending").count() == 2
    youth_ctx.set_offline(False)
    youth.evaluate("window.dispatchEvent(new Event('online'))")
    counsellor.wait_for_selector(".chat-log li:has-text('Hij zegt dat ik schuld heb')")
    youth.wait_for_selector(".chat-log li:has-text('Ik ben er nog.')")
    youth.wait_for_function("document.querySelectorAll('.chat-msg--pending').length === 0")
    shot(youth, "youth-chat")
    shot(counsellor, "counsellor-chat")

    expected = ["Mijn baas houdt mijn paspoort", "Dat mag niet. Wil je vertellen wat er gebeurt?",
                "Ben je er nog?", "Hij zegt dat ik schuld heb", "Ik ben er nog."]
    for page in (youth, counsellor):
        bodies = texts(page, ".chat-log .chat-msg:not(.chat-msg--system) .chat-msg__body")
        assert sorted(bodies) == sorted(expected), bodies  # each exactly once
        assert bodies.index("Ben je er nog?") < bodies.index("Hij zegt dat ik schuld heb")
    seqs = [int(s) for s in youth.locator(".chat-log li").evaluate_all(
        "items => items.map(li => li.getAttribute('data-seq'))")]
    assert seqs == sorted(seqs) == list(range(1, len(seqs) + 1))
    assert youth.evaluate("window.localStorage.length") == 0
    assert [c["name"] for c in youth_ctx.cookies()] == []

    # Quick exit: a neutral page, sessionStorage cleared, the chat ended on the server.
    for _ in range(3):  # Shift 3 times works while typing; Esc in a text field is opt-in (ADR 0029)
        youth.keyboard.press("Shift")
    youth.wait_for_url("https://www.google.nl/**")
    counsellor.wait_for_selector("#chat-youth-gone[data-reason=quick_exit]:not([hidden])")
    assert server.manage(
        "from uitweg.chat.models import Conversation; "
        "print(Conversation.objects.get().status)").strip().endswith("ended")
    counsellor.reload()
    shot(counsellor, "counsellor-ended")
    assert csp_problems == []
    youth_ctx.close()
    staff_ctx.close()


def test_youth_page_and_console_have_no_serious_accessibility_violations(browser, server):
    staff = server.staff_session("toegang", ["chat_counsellor", "chat_supervisor"])
    context = browser.new_context(locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    for path in ("/chat/", "/en/chat/"):
        page.goto(server.url + path)
        assert run_axe(page) == [], path
    login(page, server, "toegang", staff["totp_secret"])
    for path in ("/staff/chat/", "/staff/chat/overview/"):
        page.goto(server.url + path)
        assert run_axe(page) == [], path
    context.close()
