// Counsellor's view of one chat: the same delivery guarantees as the young person's side.
// UitwegChat.Panel(root) runs one chat inside one element; the conversation page has one, the
// panel page (panel.js) one per tab. Every part is found inside the panel's scope by its
// data-chat-part attribute, so several panels can live on one page.
(function () {
  "use strict";
  // Refusals that end this socket for good: the page has to be reloaded (or the user logs in).
  var STOP = ["login", "role", "mfa", "inactive", "organisation", "session_idle", "session_expired",
              "not_found", "transferred"];

  function storage(key) {
    return {
      get: function () { try { return window.sessionStorage.getItem(key); } catch (e) { return null; } },
      set: function (value) {
        try {
          if (value) { window.sessionStorage.setItem(key, value); } else { window.sessionStorage.removeItem(key); }
        } catch (e) { /* ignore */ }
      },
    };
  }

  // root: the element with data-ws-path, data-conversation, data-read-only and data-t-* texts.
  // options (all optional): scope (element the parts are found in; default root), texts (an
  // element with shared data-t-* texts), isActive() -> false while the panel is not shown (no
  // read marks then), onWelcome(frame), onYouthMessage(frame), onEnded(reason), onStop(reason).
  function Panel(root, options) {
    options = options || {};
    var scope = options.scope || root;
    var part = function (name) { return scope.querySelector('[data-chat-part="' + name + '"]'); };
    var t = function (name) {
      return root.getAttribute("data-t-" + name) ||
        (options.texts ? options.texts.getAttribute("data-t-" + name) : "") || "";
    };
    var isActive = options.isActive || function () { return true; };
    var callback = function (name) { return options[name] || function () {}; };
    var id = root.getAttribute("data-conversation");
    var log = part("log"), statusLine = part("status");
    var input = part("input"), compose = part("compose"), canned = part("canned");
    var KEY = "uitweg-chat-staff-" + id;
    var draft = storage("uitweg-chat-staff-draft-" + id);
    var lastYouthSeq = 0, readSent = 0, ended = false;
    var typing = new window.UitwegChat.TypingLine(part("typing"), t("typing"));
    var self = this;
    this.root = root;
    this.id = id;
    this.welcome = null;   // the first welcome frame of this page load (read marks, last number)

    var messages = new window.UitwegChat.MessageLog({
      log: log, own: "counsellor", t: t,
      label: function (from) { return from === "youth" ? t("youth") : t("counsellor"); },
    });
    function showPending(item) { messages.showPending(item); }
    function render(frame) {
      if (messages.render(frame)) {
        lastYouthSeq = frame.seq;
        callback("onYouthMessage")(frame);
        sendRead();
      }
    }

    function sendRead() {
      if (root.getAttribute("data-read-only") === "1") { return; }
      if (document.visibilityState === "visible" && isActive() && lastYouthSeq > readSent) {
        if (conn.send({ type: "read", seq: lastYouthSeq })) { readSent = lastYouthSeq; }
      }
    }

    function markRead(seq) { messages.markRead(seq); }

    // The young person used quick exit or left: say so (a danger sign) and take away what needs
    // them (handover code, transfer, block); notes, escalation and the registration stay.
    function youthGone(reason) {
      var box = part("youth-gone");
      if (!box) { return; }
      box.setAttribute("data-reason", reason);
      part("youth-gone-badge").textContent = t("gone-" + reason);
      part("youth-gone-text").textContent = t("gone-" + reason + "-text");
      box.hidden = false;
      scope.querySelectorAll("[data-needs-youth]").forEach(function (panel) {
        panel.open = false;
        panel.querySelectorAll("button, input, select, textarea").forEach(function (el) { el.disabled = true; });
      });
    }

    function end(reason) {
      if (ended) { return; }
      ended = true;
      var state = part("state");
      if (state) { state.textContent = t("ended"); }
      if (compose) { compose.hidden = true; draft.set(""); }
      if (reason === "quick_exit" || reason === "left") { youthGone(reason); }
      callback("onEnded")(reason || "");
    }

    var conn = new window.UitwegChat.Connection({
      url: (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + root.getAttribute("data-ws-path"),
      store: {
        load: function () { try { return JSON.parse(window.sessionStorage.getItem(KEY)) || []; } catch (e) { return []; } },
        save: function (outbox) { try { window.sessionStorage.setItem(KEY, JSON.stringify(outbox)); } catch (e) { /* ignore */ } },
      },
      onOpen: function () { conn.send({ type: "resume", last_seq: conn.lastSeq }); },
      onState: function (online) { if (!ended) { statusLine.textContent = online ? t("online") : t("offline"); } },
      onFrame: function (frame) {
        if (frame.type === "welcome") {
          if (!self.welcome) { self.welcome = frame; callback("onWelcome")(frame); }
          markRead(frame.youth_read);
          conn.flush();
        }
        else if (frame.type === "msg") { render(frame); }
        else if (frame.type === "typing") { typing.show(); }
        else if (frame.type === "read" && frame.from === "youth") { markRead(frame.seq); }
        else if (frame.type === "status") {
          if (frame.status === "ended") {
            end(frame.reason);
            conn.stop();
            statusLine.textContent = t("ended");
          }
        }
        else if (frame.type === "error") {
          if (frame.reason === "replay_limit") { return; }   // chat-core.js asks again after the wait
          if (frame.id && window.UitwegChat.POISON.indexOf(frame.reason) >= 0) { messages.drop(frame.id); }
          statusLine.textContent = t("err-" + frame.reason) || t("error");   // never the raw code
          if (STOP.indexOf(frame.reason) >= 0) { conn.stop(); callback("onStop")(frame.reason); }
        }
      },
    });
    conn.outbox.forEach(showPending);
    conn.connect();

    if (compose && input) {
      // Half-typed text survives a reload (and a switch to another tab: the same element).
      if (!input.value && draft.get()) { input.value = draft.get(); }
      input.addEventListener("input", function () { draft.set(input.value); });
      window.UitwegChat.Composer({
        form: compose, input: input,
        onPost: function (item) { showPending(item); draft.set(""); },
        connection: function () { return conn; },
      });
    }
    if (canned && input) {
      canned.addEventListener("change", function () {
        if (canned.value) {
          input.value = (input.value ? input.value + " " : "") + canned.value;
          draft.set(input.value);
          input.focus();
          canned.value = "";
        }
      });
    }
    window.UitwegChat.wakeOnReturn(function () { return conn; }, sendRead);

    this.connection = function () { return conn; };
    this.sendRead = sendRead;
    this.ended = function () { return ended; };
    this.scrollToEnd = function () { log.scrollTop = log.scrollHeight; };
  }

  window.UitwegChat.Panel = Panel;

  // The conversation page: one panel; its parts (state, young person gone) sit around #chat-app.
  var app = document.getElementById("chat-app");
  if (!app) { return; }
  var page = new Panel(app, { scope: app.closest("[data-chat-scope]") || app });
  window.UitwegChat.current = page.connection;
})();
