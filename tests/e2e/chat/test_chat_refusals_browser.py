"""Refusals in the browser (issue 9, finding 6): a poison frame leaves the young person's outbox
and is not resent after a reconnect, and neither page shows a raw refusal code."""

import pytest

from tests.e2e.chat.test_chat_browser import login

pytestmark = [pytest.mark.e2e]

RAW = ("bad_frame", "bad_id", "id_reused", "replay_limit", "session_idle")


def until(page, script: str, timeout: float = 10) -> None:
    """Poll ``script`` (a function) until true; the pages' CSP forbids Playwright's string eval."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(script):
        assert time.monotonic() < deadline, script
        page.wait_for_timeout(100)


def test_a_poison_frame_is_dropped_and_no_page_shows_a_raw_code(browser, server):
    staff = server.staff_session("weiger", ["chat_counsellor"])
    youth_ctx = browser.new_context(locale="nl-NL")
    youth = youth_ctx.new_page()
    youth.goto(f"{server.url}/chat/")
    youth.click("#chat-start button[type=submit]")
    youth.wait_for_selector("#chat-status[data-position='1']")
    # What a protocol-following client holds when its frame cannot be stored: a message in the
    # outbox whose frame carries a lone surrogate.
    youth.evaluate("""() => {
        const conn = window.UitwegChat.current();
        conn.outbox.push({id: "poison-000001", body: "half"});
        conn.saveOutbox();
        conn.ws.send('{"type": "msg", "id": "poison-000001", "body": "half \\\\ud83d"}');
    }""")
    until(youth, "() => window.UitwegChat.current().outbox.length === 0")
    status = youth.inner_text("#chat-status")
    assert status == youth.get_attribute("#chat-app", "data-t-not-sent")
    assert not any(code in status for code in RAW)
    # A reconnect resends the outbox: the poison is not in it any more.
    youth.evaluate("window.UitwegChat.current().drop()")
    youth.wait_for_selector("#chat-app:not(.chat-offline)")
    youth.wait_for_timeout(500)
    assert youth.evaluate("JSON.parse(sessionStorage.getItem('uitweg-chat')).outbox") == []
    # The browser's own text with half an emoji is sent as U+FFFD, never as a poison frame.
    youth.fill("#chat-input", "half een emoji")
    youth.evaluate("""() => { const i = document.getElementById('chat-input');
                              i.value = i.value + '\\ud83d'; }""")
    youth.click("#chat-send")
    until(youth, "() => document.querySelectorAll('.chat-msg--pending').length === 0")
    assert "\ufffd" in youth.inner_text(".chat-log")

    out = server.manage(
        "from uitweg.chat import services; from uitweg.accounts.models import User; "
        "print(services.pick_next(counsellor=User.objects.get(username='weiger')).public_id)")
    public_id = out.strip().splitlines()[-1]
    staff_ctx = browser.new_context(locale="nl-NL")
    counsellor = staff_ctx.new_page()
    login(counsellor, server, "weiger", staff["totp_secret"])
    counsellor.goto(f"{server.url}/staff/chat/c/{public_id}/")
    counsellor.wait_for_selector("#chat-status:has-text('Verbonden')")
    counsellor.evaluate("""() => window.UitwegChat.current().send(
        {type: "msg", id: "bad id!", body: "x"})""")
    until(counsellor, "() => document.getElementById('chat-status').textContent !== 'Verbonden.'")
    status = counsellor.inner_text("#chat-status")
    assert status == counsellor.get_attribute("#chat-app", "data-t-err-bad_id")
    assert not any(code in status for code in RAW)
    youth_ctx.close()
    staff_ctx.close()
