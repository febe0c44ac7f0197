// Opt-in sound and browser notification when a new chat joins the queue (issue 10, item 11).
// Off by default; the choice is kept in localStorage (staff side only, never a cookie). The tone
// is made with the Web Audio API (no file, no request). The notification says only "new chat in
// the queue" and the channel: never a nickname, a message or anything about the young person.
// It is not shown while this page has the focus (the sound is enough then).
(function () {
  "use strict";
  var box = document.getElementById("chat-alert");
  var toggle = document.getElementById("chat-alert-toggle");
  if (!box || !toggle) { return; }
  var KEY = "uitweg-chat-alert";
  var note = document.getElementById("chat-alert-note");
  var audio = null;
  var known = null;   // public ids of the waiting chats already seen (null: not read yet)

  function enabled() { try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; } }
  function remember(on) { try { window.localStorage.setItem(KEY, on ? "on" : "off"); } catch (e) { /* ignore */ } }

  // Browsers only let a page make sound after a click or key press: the context is made (or
  // resumed) from one.
  function unlockAudio() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return; }
    if (!audio) { audio = new Ctx(); }
    if (audio.state === "suspended" && audio.resume) { audio.resume(); }
  }

  function tone() {
    if (!audio) { return; }
    var now = audio.currentTime, osc = audio.createOscillator(), gain = audio.createGain();
    osc.type = "sine";
    osc.frequency.setValueAtTime(880, now);
    osc.frequency.setValueAtTime(660, now + 0.15);
    gain.gain.setValueAtTime(0.0001, now);
    gain.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.35);
    osc.connect(gain);
    gain.connect(audio.destination);
    osc.start(now);
    osc.stop(now + 0.4);
  }

  function notify(channelNames) {
    if (!("Notification" in window) || window.Notification.permission !== "granted") { return; }
    if (document.hasFocus()) { return; }   // the page is in front: the sound only
    try {
      new window.Notification(box.getAttribute("data-t-title"), {
        body: channelNames.join(", "), tag: "uitweg-chat-queue", silent: true,
      });
    } catch (e) { /* some browsers only allow notifications from a service worker */ }
  }

  function showNote() {
    var denied = enabled() && "Notification" in window && window.Notification.permission === "denied";
    note.textContent = denied ? box.getAttribute("data-t-denied") : "";
  }

  function waitingRows() {
    return Array.prototype.slice.call(document.querySelectorAll("#chat-queue tr[data-chat]"));
  }

  function check() {
    var rows = waitingRows(), ids = rows.map(function (row) { return row.getAttribute("data-chat"); });
    if (known !== null && enabled()) {
      var fresh = rows.filter(function (row) { return known.indexOf(row.getAttribute("data-chat")) < 0; });
      if (fresh.length) {
        var names = [];
        fresh.forEach(function (row) {
          var name = row.getAttribute("data-channel-name");
          if (names.indexOf(name) < 0) { names.push(name); }
        });
        tone();
        notify(names);
      }
    }
    known = ids;
  }

  toggle.checked = enabled();
  showNote();
  toggle.addEventListener("change", function () {
    remember(toggle.checked);
    if (toggle.checked) {
      unlockAudio();
      if ("Notification" in window && window.Notification.permission === "default") {
        var asked = window.Notification.requestPermission(showNote);
        if (asked && asked.then) { asked.then(showNote); }
      }
    }
    showNote();
  });
  // Remembered as on: the sound needs one click or key press on this page first.
  ["pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(type, function () { if (enabled()) { unlockAudio(); } }, { passive: true });
  });
  document.body.addEventListener("htmx:afterSettle", check);   // the queue was fetched again
  check();
})();
