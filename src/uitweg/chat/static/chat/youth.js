// The public chat page of every channel (the young person's, the outreach chat for adults).
// Token and unsent messages in sessionStorage only.
(function () {
  "use strict";
  var app = document.getElementById("chat-app");
  if (!app) { return; }
  var channel = app.getAttribute("data-channel") || "youth";
  var KEY = channel === "youth" ? "uitweg-chat" : "uitweg-chat-" + channel;
  var $ = function (id) { return document.getElementById(id); };
  var t = function (name) { return app.getAttribute("data-t-" + name) || ""; };
  var startForm = $("chat-start"), box = $("chat-box"), log = $("chat-log");
  var statusLine = $("chat-status"), typingLine = $("chat-typing"), input = $("chat-input");
  var compose = $("chat-compose"), alternatives = $("chat-alternatives");
  var state = load();
  var pendingStart = null, ended = false, conn = null;
  var typing = new window.UitwegChat.TypingLine(typingLine, t("typing"));
  var lastCounsellorSeq = 0, readSent = 0;

  function load() {
    try { return JSON.parse(window.sessionStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save() {
    try { window.sessionStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }
  function clearState() {
    state = {};
    try { window.sessionStorage.removeItem(KEY); } catch (e) { /* ignore */ }
  }
  function setStatus(text) { statusLine.textContent = text; }

  function url() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + app.getAttribute("data-ws-path");
  }

  var messages = new window.UitwegChat.MessageLog({
    log: log, own: "youth", t: t,
    label: function (from) { return from === "youth" ? t("you") : t("counsellor"); },
  });
  function showPending(item) { messages.showPending(item); }
  function render(frame) {
    if (messages.render(frame)) { lastCounsellorSeq = frame.seq; sendRead(); }
  }

  function markRead(seq) { messages.markRead(seq); }

  function sendRead() {
    if (document.visibilityState === "visible" && lastCounsellorSeq > readSent && conn) {
      if (conn.send({ type: "read", seq: lastCounsellorSeq })) { readSent = lastCounsellorSeq; }
    }
  }

  function showAlternatives(text) {
    alternatives.hidden = false;
    if (text) { $("chat-closed-text").textContent = text; }
  }

  function finish(text) {
    ended = true;
    setStatus(text);
    compose.hidden = true;
    typing.clear();
    if (conn) { conn.stop(); }
    clearState();
    startForm.hidden = false;
  }

  function onFrame(frame) {
    switch (frame.type) {
      case "token":
        state.token = frame.token;
        save();
        break;
      case "welcome":
        startForm.hidden = true;
        box.hidden = false;
        compose.hidden = false;
        if (frame.status === "active") { setStatus(t("active")); }
        if (frame.status === "ended") { finish(t("ended")); return; }
        markRead(frame.counsellor_read);
        conn.flush();
        break;
      case "msg":
        render(frame);
        break;
      case "queue":
        if (frame.personal) { setStatus(t("waiting-for-worker")); break; }
        // wait_minutes is null when nobody is available: no number then, the honest sentence.
        statusLine.setAttribute("data-wait", frame.wait_minutes === null ? "nobody" : String(frame.wait_minutes));
        statusLine.setAttribute("data-position", String(frame.position));
        setStatus(t(frame.wait_minutes === null ? "position-nobody" : frame.wait_minutes <= 1 ? "position-soon" : "position")
          .replace("{position}", frame.position).replace("{minutes}", frame.wait_minutes));
        if (frame.long) { showAlternatives(); }
        break;
      case "status":
        if (frame.status === "active") { setStatus(t("active")); }
        if (frame.status === "ended") { finish(t("ended")); }
        break;
      case "typing":
        typing.show();
        break;
      case "read":
        if (frame.from === "counsellor") { markRead(frame.seq); }
        break;
      case "error":
        onError(frame);
        break;
    }
  }

  function onError(frame) {
    if (frame.reason === "closed") { showAlternatives(t("closed")); pendingStart = null; conn.stop(); conn = null; startForm.hidden = true; return; }
    if (frame.reason === "bad_code") {   // a personal code that is unknown, used or expired
      pendingStart = null; conn.stop(); conn = null; clearState();
      box.hidden = true; startForm.hidden = false;
      $("chat-code-error").textContent = t("bad_code"); $("chat-code-error").hidden = false;
      $("chat-code").focus();
      return;
    }
    if (frame.reason === "blocked") { finish(t("blocked")); return; }
    if (frame.reason === "unknown_token") { clearState(); finish(t("ended")); return; }
    if (frame.reason === "ended") { finish(t("ended")); return; }
    if (window.UitwegChat.POISON.indexOf(frame.reason) >= 0) {
      // The message was taken out of the outbox (chat-core.js): never resent, off the screen.
      if (frame.id) { messages.drop(frame.id); }
      setStatus(frame.reason === "too_long" || frame.reason === "frame_too_big" ? t("too-long") : t("not-sent"));
      return;
    }
    if (frame.reason === "rate") {
      setStatus(t("rate"));
      setTimeout(function () { if (conn) { conn.flush(); } }, 1000 * Math.max(5, frame.retry_after || 0));
      return;
    }
    if (frame.reason === "replay_limit") { return; }   // chat-core.js asks again after the wait
    setStatus(t("error"));
  }

  function open() {
    conn = new window.UitwegChat.Connection({
      url: url(),
      store: {
        load: function () { return state.outbox || []; },
        save: function (outbox) { state.outbox = outbox; save(); },
      },
      onOpen: function () {
        if (state.token) {
          conn.send({ type: "resume", token: state.token, last_seq: conn.lastSeq });
        } else if (pendingStart) {
          conn.send(pendingStart);
          pendingStart = null;
        }
      },
      onFrame: onFrame,
      onState: function (online) {
        app.classList.toggle("chat-offline", !online);
        if (!online && !ended) { setStatus(t("offline")); }
      },
    });
    (conn.outbox || []).forEach(showPending);
    conn.connect();
  }

  startForm.addEventListener("submit", function (event) {
    event.preventDefault();
    ended = false;
    log.innerHTML = "";
    var code = $("chat-code");
    pendingStart = { type: "start", nickname: $("chat-nickname").value, channel: channel,
                     age_band: $("chat-age") ? $("chat-age").value : "",
                     code: code ? code.value.trim() : "", lang: app.getAttribute("data-lang") };
    if ($("chat-code-error")) { $("chat-code-error").hidden = true; }
    box.hidden = false;
    compose.hidden = false;
    startForm.hidden = true;
    open();
  });

  window.UitwegChat.Composer({
    form: compose, input: input, onPost: showPending,
    connection: function () { return conn; },
  });

  $("chat-end").addEventListener("click", function () {
    if (conn) { conn.send({ type: "end" }); }
    finish(t("ended"));
  });

  // Quick exit: end the chat on the server even while the page is being replaced.
  document.addEventListener("uitweg:quick-exit", function () {
    var token = state.token;
    if (conn) { conn.send({ type: "end", quick_exit: true }); conn.stop(); }
    if (token && navigator.sendBeacon) {
      var data = new FormData();
      data.append("token", token);
      data.append("quick_exit", "1");   // the counsellor sees "used quick exit" (a danger sign)
      navigator.sendBeacon(app.getAttribute("data-end-url"), data);
    }
    clearState();
  });

  // Coming back: network returns, the page is shown again, or the window gets focus.
  window.UitwegChat.wakeOnReturn(function () { return conn; }, sendRead);
  window.addEventListener("offline", function () { if (conn) { conn.drop(); } });

  // A personal link carries the code after "#" (never sent to the server): into the field, and
  // out of the address bar and the history at once.
  var fromLink = /^#code=([A-Za-z0-9-]{1,20})$/.exec(window.location.hash);
  if (fromLink && $("chat-code")) {
    $("chat-code").value = fromLink[1];
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }

  if (state.token) {
    box.hidden = false;
    startForm.hidden = true;
    open();
  }
  window.UitwegChat.current = function () { return conn; };
})();
