// Counsellor's view of one chat: the same delivery guarantees as the young person's side.
(function () {
  "use strict";
  var app = document.getElementById("chat-app");
  if (!app) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var t = function (name) { return app.getAttribute("data-t-" + name) || ""; };
  var log = $("chat-log"), statusLine = $("chat-status"), typingLine = $("chat-typing");
  var input = $("chat-input"), compose = $("chat-compose"), canned = $("chat-canned");
  var KEY = "uitweg-chat-staff-" + app.getAttribute("data-conversation");
  var lastYouthSeq = 0, readSent = 0;
  var typing = new window.UitwegChat.TypingLine(typingLine, t("typing"));
  // Refusals that end this socket for good: the page has to be reloaded (or the user logs in).
  var STOP = ["login", "role", "mfa", "inactive", "organisation", "session_idle", "session_expired",
              "not_found", "transferred"];

  function store() {
    return {
      load: function () { try { return JSON.parse(window.sessionStorage.getItem(KEY)) || []; } catch (e) { return []; } },
      save: function (outbox) { try { window.sessionStorage.setItem(KEY, JSON.stringify(outbox)); } catch (e) { /* ignore */ } },
    };
  }

  var messages = new window.UitwegChat.MessageLog({
    log: log, own: "counsellor", t: t,
    label: function (from) { return from === "youth" ? t("youth") : t("counsellor"); },
  });
  function showPending(item) { messages.showPending(item); }
  function render(frame) {
    if (messages.render(frame)) { lastYouthSeq = frame.seq; sendRead(); }
  }

  function sendRead() {
    if (app.getAttribute("data-read-only") === "1") { return; }
    if (document.visibilityState === "visible" && lastYouthSeq > readSent) {
      if (conn.send({ type: "read", seq: lastYouthSeq })) { readSent = lastYouthSeq; }
    }
  }

  function markRead(seq) { messages.markRead(seq); }

  // The young person used quick exit or left: say so (a danger sign) and take away what needs
  // them (handover code, transfer, block); notes, escalation and the registration stay.
  function youthGone(reason) {
    var box = $("chat-youth-gone");
    if (!box) { return; }
    box.setAttribute("data-reason", reason);
    $("chat-youth-gone-badge").textContent = t("gone-" + reason);
    $("chat-youth-gone-text").textContent = t("gone-" + reason + "-text");
    box.hidden = false;
    document.querySelectorAll("[data-needs-youth]").forEach(function (panel) {
      panel.open = false;
      panel.querySelectorAll("button, input, select, textarea").forEach(function (el) { el.disabled = true; });
    });
  }

  var conn = new window.UitwegChat.Connection({
    url: (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + app.getAttribute("data-ws-path"),
    store: store(),
    onOpen: function () { conn.send({ type: "resume", last_seq: conn.lastSeq }); },
    onState: function (online) { statusLine.textContent = online ? t("online") : t("offline"); },
    onFrame: function (frame) {
      if (frame.type === "welcome") { markRead(frame.youth_read); conn.flush(); }
      else if (frame.type === "msg") { render(frame); }
      else if (frame.type === "typing") { typing.show(); }
      else if (frame.type === "read" && frame.from === "youth") { markRead(frame.seq); }
      else if (frame.type === "status") {
        if (frame.status === "ended") {
          $("chat-state").textContent = t("ended");
          if (compose) { compose.hidden = true; }
          if (frame.reason === "quick_exit" || frame.reason === "left") { youthGone(frame.reason); }
          conn.stop();
          statusLine.textContent = t("ended");
        }
      }
      else if (frame.type === "error") {
        if (frame.reason === "replay_limit") { return; }   // chat-core.js asks again after the wait
        if (frame.id && window.UitwegChat.POISON.indexOf(frame.reason) >= 0) { messages.drop(frame.id); }
        statusLine.textContent = t("err-" + frame.reason) || t("error");   // never the raw code
        if (STOP.indexOf(frame.reason) >= 0) { conn.stop(); }
      }
    },
  });
  conn.outbox.forEach(showPending);
  conn.connect();

  if (compose) {
    window.UitwegChat.Composer({
      form: compose, input: input, onPost: showPending,
      connection: function () { return conn; },
    });
  }
  if (canned) {
    canned.addEventListener("change", function () {
      if (canned.value) { input.value = (input.value ? input.value + " " : "") + canned.value; input.focus(); canned.value = ""; }
    });
  }
  window.UitwegChat.wakeOnReturn(function () { return conn; }, sendRead);
  window.UitwegChat.current = function () { return conn; };
})();
