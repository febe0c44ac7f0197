"""Issue 10 item 11 in Chromium against uvicorn: the console tells the truth.

A young person who closes the tab leaves the queue (the minutes without a socket are simulated
by moving the stamp of its last socket back: nothing else stamps it once the tab is gone); the
supervisor overview answers while two young people wait; messages carry a local "14:05" time;
a quick exit is shown to the counsellor as a danger sign.
"""

import re

import pytest

from tests.e2e.chat.test_chat_browser import login

pytestmark = [pytest.mark.e2e]


def start_chat(context, server, nickname):
    page = context.new_page()
    page.route("https://www.google.nl/**", lambda route: route.fulfill(
        status=200, body="<html><body>neutral</body></html>", content_type="text/html"))
    page.goto(f"{server.url}/chat/")
    page.fill("#chat-nickname", nickname)
    page.click("#chat-start button[type=submit]")
    page.wait_for_selector("#chat-status[data-position]")
    return page


def queue_names(page):
    return page.locator("#chat-queue tbody td:first-child").all_inner_texts()


def test_closed_tab_leaves_the_queue_and_overview_works_while_two_wait(browser, server):
    staff = server.staff_session("bewaker", ["chat_counsellor", "chat_supervisor"])
    youth_ctx = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    stays = start_chat(youth_ctx, server, "Blijft")
    leaves = start_chat(browser.new_context(locale="nl-NL"), server, "Weg")

    staff_ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    supervisor = staff_ctx.new_page()
    login(supervisor, server, "bewaker", staff["totp_secret"])
    response = supervisor.goto(f"{server.url}/staff/chat/overview/")
    assert response.status == 200  # was a 500 whenever anyone waited
    assert supervisor.locator("tbody tr").count() == 2

    leaves.context.close()  # the tab (and its socket) is gone
    stays.wait_for_timeout(500)
    server.manage(  # CHAT_LEFT_AFTER minutes pass; only the open tab keeps pinging
        "import datetime as dt; from django.utils import timezone; "
        "from uitweg.chat.models import Conversation; "
        "Conversation.objects.exclude(status='ended').update("
        "youth_seen_at=timezone.now() - dt.timedelta(minutes=5))")
    # The open tab is still there: its socket reconnects (as after a network change) and is
    # heard again; the closed one is not.
    stays.evaluate("window.UitwegChat.current().drop()")
    stays.wait_for_timeout(2000)
    stays.wait_for_selector("#chat-app:not(.chat-offline)")
    supervisor.goto(f"{server.url}/staff/chat/")
    names = " ".join(queue_names(supervisor))
    assert "Blijft" in names and "Weg" not in names
    # Pushed, not polled (the fallback poll is 60 s): a new chat shows up within seconds.
    supervisor.wait_for_timeout(1000)  # the queue socket is open
    late = start_chat(youth_ctx, server, "Later")
    supervisor.wait_for_selector("#chat-queue td:has-text('Later')", timeout=8000)
    late.close()
    supervisor.click("#chat-pick")
    supervisor.wait_for_url("**/staff/chat/c/**")
    assert "Blijft" in supervisor.locator("h1").inner_text()  # never the dead one

    stays.wait_for_selector(".chat-msg--system")
    stays.fill("#chat-input", "Hoi")
    stays.click("#chat-send")
    supervisor.wait_for_selector(".chat-log li:has-text('Hoi')")
    for page in (stays, supervisor):
        stamp = page.locator(".chat-log li[data-from=youth] time.chat-msg__time").first
        assert re.fullmatch(r"\d\d:\d\d", stamp.inner_text()), stamp.inner_text()

    for _ in range(3):  # quick exit
        stays.keyboard.press("Shift")
    stays.wait_for_url("https://www.google.nl/**")
    supervisor.wait_for_selector("#chat-youth-gone[data-reason=quick_exit]:not([hidden])")
    assert supervisor.locator("[data-needs-youth] button:disabled").count() >= 1
    youth_ctx.close()
    staff_ctx.close()
