"""Issue 12, "must show": an adult opens the outreach chat in Spanish with the worker's code and
the worker answers (ADR 0110), in headless Chromium against a real uvicorn server."""

import pytest

from tests.e2e.chat.test_chat_browser import login, shot

pytestmark = [pytest.mark.e2e]


def test_an_adult_opens_the_outreach_chat_in_spanish_with_the_workers_code(browser, server):
    staff = server.staff_session("veldwerker", ["outreach_worker"])
    worker_ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    worker = worker_ctx.new_page()
    login(worker, server, "veldwerker", staff["totp_secret"])
    worker.goto(f"{server.url}/staff/chat/")
    worker.click("#chat-invite")
    worker.select_option("select[name=language]", "es")
    worker.click("#chat-invite-make")
    link = worker.inner_text("#chat-invite-link").strip()
    assert "/es/chat/outreach/#code=" in link
    shot(worker, "outreach-invite")

    adult_ctx = browser.new_context(locale="es-ES", viewport={"width": 390, "height": 844})
    adult = adult_ctx.new_page()
    adult.goto(link)
    assert adult.get_attribute("html", "lang") == "es"
    assert "#code" not in adult.url  # the code left the address bar at once
    assert adult.input_value("#chat-code") == link.rsplit("=", 1)[1]
    assert "Chatea con" in adult.inner_text("h1")
    adult.fill("#chat-nickname", "Luz")
    adult.click("#chat-start button[type=submit]")
    adult.wait_for_selector("#chat-status:has-text('Tu trabajador')")
    shot(adult, "outreach-waiting-es")

    worker.goto(f"{server.url}/staff/chat/")
    worker.wait_for_selector("td[data-channel=outreach]")
    worker.click("#chat-pick")
    worker.wait_for_url("**/staff/chat/c/**")
    assert worker.get_attribute("#chat-language", "data-language") == "es"
    assert worker.get_attribute("#chat-channel", "data-channel") == "outreach"

    adult.wait_for_selector(".chat-msg--system")
    adult.fill("#chat-input", "Hola, necesito ayuda con mis papeles")
    adult.click("#chat-send")
    worker.wait_for_selector(".chat-log li:has-text('necesito ayuda')")
    worker.fill("#chat-input", "Hola Luz, estoy aquí. ¿Qué pasa con tus papeles?")
    worker.press("#chat-input", "Enter")
    adult.wait_for_selector(".chat-log li:has-text('estoy aquí')")
    shot(adult, "outreach-chat-es")
    shot(worker, "outreach-console")
    assert [c["name"] for c in adult_ctx.cookies()] == []

    # the same code does not open a second chat
    other = browser.new_context(locale="es-ES").new_page()
    other.goto(link)
    other.click("#chat-start button[type=submit]")
    other.wait_for_selector("#chat-code-error:not([hidden])")
    adult_ctx.close()
    worker_ctx.close()
