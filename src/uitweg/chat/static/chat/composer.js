// What both chat pages (the young person's and the counsellor's) do around the connection of
// chat-core.js: the message composer, the other side's "is typing" line, and waking the
// connection when the person comes back. Loaded after chat-core.js, before the page's own script.
(function () {
  "use strict";
  var TYPING_EVERY = 2000;   // announce own typing at most every 2 s (the server drops more)
  var TYPING_SHOWN = 4000;   // the other side's typing line stays 4 s after their last keystroke

  // options: form, input, connection() -> the Connection or null, onPost(outbox item).
  // Enter sends (Shift+Enter is a new line); a message goes through the outbox (conn.post).
  function Composer(options) {
    var form = options.form, input = options.input, lastTyping = 0;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var conn = options.connection();
      var text = input.value.trim();
      if (!text || !conn) { return; }
      options.onPost(conn.post(text));
      input.value = "";
      input.focus();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
    });
    input.addEventListener("input", function () {
      var conn = options.connection(), now = Date.now();
      if (conn && now - lastTyping > TYPING_EVERY) { lastTyping = now; conn.send({ type: "typing" }); }
    });
  }

  // The line under the log that says the other side is typing, for a few seconds.
  function TypingLine(element, text) {
    var timer = null;
    this.show = function () {
      element.textContent = text;
      clearTimeout(timer);
      timer = setTimeout(function () { element.textContent = ""; }, TYPING_SHOWN);
    };
    this.clear = function () { clearTimeout(timer); element.textContent = ""; };
  }

  // Coming back (network returns, the window gets focus, the page is shown again): wake the
  // connection; onVisible runs too when the page becomes visible (to send read marks).
  function wakeOnReturn(connection, onVisible) {
    var wake = function () { var conn = connection(); if (conn) { conn.wake(); } };
    window.addEventListener("online", wake);
    window.addEventListener("focus", wake);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { wake(); if (onVisible) { onVisible(); } }
    });
  }

  window.UitwegChat.Composer = Composer;
  window.UitwegChat.TypingLine = TypingLine;
  window.UitwegChat.wakeOnReturn = wakeOnReturn;
})();
