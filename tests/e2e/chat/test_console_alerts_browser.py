"""Issue 10 item 11 in Chromium: an opt-in sound and notification for a new chat, and an honest
wait estimate.

The browser has no speaker and no notification centre here, so an init script stands in for
``AudioContext`` and ``Notification`` and records their use; ``document.hasFocus`` is made
controllable to play "the console is in the background".
"""

import pytest

from tests.e2e.chat.test_chat_browser import login
from tests.e2e.chat.test_chat_refusals_browser import until
from tests.e2e.chat.test_console_truth_browser import start_chat

pytestmark = [pytest.mark.e2e]

STUBS = """
window.__alerts = {tones: 0, notes: [], asked: 0};
window.__focused = true;
document.hasFocus = function () { return window.__focused; };
function FakeAudio() { this.state = "running"; this.currentTime = 0; this.destination = {}; }
FakeAudio.prototype.resume = function () { return Promise.resolve(); };
FakeAudio.prototype.createGain = function () {
  return {gain: {setValueAtTime: function () {}, exponentialRampToValueAtTime: function () {}},
          connect: function () {}};
};
FakeAudio.prototype.createOscillator = function () {
  return {type: "", frequency: {setValueAtTime: function () {}}, connect: function () {},
          start: function () { window.__alerts.tones += 1; }, stop: function () {}};
};
window.AudioContext = FakeAudio;
function FakeNotification(title, options) {
  window.__alerts.notes.push({title: title, body: options.body});
}
FakeNotification.permission = "default";
FakeNotification.requestPermission = function (callback) {
  window.__alerts.asked += 1;
  FakeNotification.permission = "granted";
  if (callback) { callback("granted"); }
  return Promise.resolve("granted");
};
window.Notification = FakeNotification;
"""


def alerts(page):
    return page.evaluate("window.__alerts")


def rows(page, count):
    until(page, f"() => document.querySelectorAll('#chat-queue tr[data-chat]').length === {count}")


def expected_status(page, name, position, minutes=""):
    return (page.get_attribute("#chat-app", f"data-t-{name}")
            .replace("{position}", str(position)).replace("{minutes}", str(minutes)))


def test_nobody_there_is_said_and_a_new_chat_rings_only_when_switched_on(browser, server):
    staff = server.staff_session("belletje", ["chat_counsellor"])
    youth_ctx = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})

    # Nobody has the console open: no number, the honest sentence.
    first = start_chat(youth_ctx, server, "Eerste")
    first.wait_for_selector("#chat-status[data-wait='nobody']")
    assert first.inner_text("#chat-status") == expected_status(first, "position-nobody", 1)

    staff_ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    staff_ctx.add_init_script(STUBS)
    console = staff_ctx.new_page()
    login(console, server, "belletje", staff["totp_secret"])
    console.goto(f"{server.url}/staff/chat/")
    assert not console.is_checked("[data-testid=chat-alert-toggle]")  # off by default
    # The counsellor opened the console: the young person now gets a number (a free place).
    first.wait_for_selector("#chat-status[data-wait='1']", timeout=8000)
    assert first.inner_text("#chat-status") == expected_status(first, "position-soon", 1)

    rows(console, 1)
    second = start_chat(youth_ctx, server, "Tweede")
    rows(console, 2)
    console.wait_for_timeout(300)
    assert alerts(console) == {"tones": 0, "notes": [], "asked": 0}  # switched off: silent

    console.check("[data-testid=chat-alert-toggle]")
    assert alerts(console)["asked"] == 1  # permission asked from the click, not before
    assert console.evaluate("localStorage.getItem('uitweg-chat-alert')") == "on"
    assert not [c for c in staff_ctx.cookies() if "alert" in c["name"]]

    console.evaluate("window.__focused = false")  # the counsellor is in another window
    third = start_chat(youth_ctx, server, "Geheimnaam")
    rows(console, 3)
    until(console, "() => window.__alerts.notes.length === 1")
    note = alerts(console)["notes"][0]
    channel = console.get_attribute("#chat-queue tr[data-chat]:last-child", "data-channel-name")
    assert note == {"title": console.get_attribute("#chat-alert", "data-t-title"),
                    "body": channel}
    assert alerts(console)["tones"] == 1
    assert "Geheimnaam" not in str(note)  # nothing about the young person

    console.evaluate("window.__focused = true")  # in front: the sound only
    fourth = start_chat(youth_ctx, server, "Vierde")
    rows(console, 4)
    until(console, "() => window.__alerts.tones === 2")
    assert len(alerts(console)["notes"]) == 1

    console.reload()  # remembered on this device
    assert console.is_checked("[data-testid=chat-alert-toggle]")
    console.uncheck("[data-testid=chat-alert-toggle]")
    rows(console, 4)
    start_chat(youth_ctx, server, "Vijfde")
    rows(console, 5)
    console.wait_for_timeout(300)
    assert alerts(console)["tones"] == 0 and alerts(console)["notes"] == []  # off again
    for page in (first, second, third, fourth):
        page.close()
