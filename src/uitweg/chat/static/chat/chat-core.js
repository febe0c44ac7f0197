// Shared client of the Uitweg chat: a socket that always comes back, an outbox that is emptied
// only by acknowledgements, and a log that shows every numbered message once and in order.
// No storage but sessionStorage (young person's token and unsent messages); no inline code.
(function () {
  "use strict";

  // Refusals after which resending a message can never succeed: it leaves the outbox (the
  // page says why in its own words). Everything else (rate, replay_limit, a lost line) is retried.
  var POISON = ["bad_frame", "frame_too_big", "bad_id", "empty", "too_long", "id_reused",
                "read_only", "ended"];

  // A lone UTF-16 surrogate (half an emoji) cannot be stored; send U+FFFD in its place.
  function wellFormed(text) {
    if (typeof text.toWellFormed === "function") { return text.toWellFormed(); }
    return text.replace(/([\uD800-\uDBFF][\uDC00-\uDFFF])|[\uD800-\uDFFF]/g,
      function (match, pair) { return pair || "\uFFFD"; });
  }

  function newId() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // options: url, onOpen(send), onFrame(frame), onState(online), store {load(), save(outbox)}
  function Connection(options) {
    this.options = options;
    this.ws = null;
    this.lastSeq = 0;
    this.pending = {};          // seq -> frame received ahead of a gap
    this.outbox = (options.store && options.store.load()) || [];
    this.stopped = false;
    this.delay = 250;
    this.syncing = false;
    this.timer = null;
    this.syncTimer = null;
    this.pingTimer = null;
    this.awaitingPong = false;
    // true once the server welcomed this socket and the outbox was resent (flush): before that a
    // new message waits in the outbox, so it can never be stored ahead of an older one
    this.ready = false;
  }

  Connection.prototype.connect = function () {
    var self = this;
    if (this.stopped || (this.ws && this.ws.readyState <= 1)) { return; }
    clearTimeout(this.timer);
    var ws = new WebSocket(this.options.url);
    this.ws = ws;
    ws.onopen = function () {
      self.ready = false;
      self.delay = 250;
      self.syncing = false;
      self.options.onState(true);
      self.options.onOpen();
      self.startPing();
    };
    ws.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      self.handle(frame);
    };
    ws.onclose = function () {
      if (self.ws === ws) { self.ws = null; }
      clearInterval(self.pingTimer);
      self.options.onState(false);
      if (!self.stopped) {
        self.timer = setTimeout(function () { self.connect(); }, self.delay);
        self.delay = Math.min(self.delay * 2, 4000);
      }
    };
  };

  Connection.prototype.startPing = function () {
    var self = this;
    clearInterval(this.pingTimer);
    this.awaitingPong = false;
    this.pingTimer = setInterval(function () {
      if (self.awaitingPong) { self.drop(); return; }   // the line is dead; start again
      self.awaitingPong = true;
      self.send({ type: "ping", last_seq: self.lastSeq });
    }, 15000);
  };

  // Close the socket now (network change, page back in focus after a long time); reconnects.
  Connection.prototype.drop = function () {
    if (this.ws) { try { this.ws.close(); } catch (e) { /* ignore */ } }
  };

  Connection.prototype.wake = function () {
    if (!this.ws || this.ws.readyState > 1) { this.delay = 250; this.connect(); }
    else if (this.ws.readyState === 1) { this.send({ type: "ping" }); this.awaitingPong = true; }
  };

  Connection.prototype.stop = function () {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.syncTimer);
    clearInterval(this.pingTimer);
    this.drop();
  };

  Connection.prototype.send = function (frame) {
    if (this.ws && this.ws.readyState === 1) {
      this.ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  };

  Connection.prototype.saveOutbox = function () {
    if (this.options.store) { this.options.store.save(this.outbox); }
  };

  // Queue a message; it stays in the outbox until the server acknowledges its id.
  Connection.prototype.post = function (body) {
    var item = { id: newId(), body: wellFormed(body) };
    this.outbox.push(item);
    this.saveOutbox();
    if (this.ready) { this.send({ type: "msg", id: item.id, body: item.body }); }
    return item;
  };

  Connection.prototype.flush = function () {
    for (var i = 0; i < this.outbox.length; i++) {
      this.send({ type: "msg", id: this.outbox[i].id, body: this.outbox[i].body });
    }
    this.ready = !!(this.ws && this.ws.readyState === 1);
  };

  Connection.prototype.forget = function (id) {
    this.outbox = this.outbox.filter(function (item) { return item.id !== id; });
    this.saveOutbox();
  };

  // Ask for what comes after the last contiguous number (now, or after a wait in seconds).
  Connection.prototype.sync = function (wait) {
    var self = this;
    clearTimeout(this.syncTimer);
    this.syncing = true;
    if (!wait) { this.send({ type: "sync", last_seq: this.lastSeq }); return; }
    this.syncTimer = setTimeout(function () { self.sync(0); }, wait * 1000);
  };

  Connection.prototype.handle = function (frame) {
    if (frame.type === "pong") { this.awaitingPong = false; return; }
    if (frame.type === "ack") { this.forget(frame.id); }
    if (frame.type === "more") { this.sync(0); return; }     // the replay came in pages
    if (frame.type === "error") {
      if (frame.id && POISON.indexOf(frame.reason) >= 0) { this.forget(frame.id); }
      if (frame.reason === "replay_limit") { this.sync(Math.max(1, frame.retry_after || 1)); }
    }
    if (frame.type === "msg") {
      if (frame.seq <= this.lastSeq) { return; }            // already shown
      if (frame.seq > this.lastSeq + 1) {                   // a gap: hold it, ask for the rest
        this.pending[frame.seq] = frame;
        if (!this.syncing) { this.sync(0); }
        return;
      }
      this.deliver(frame);
      while (this.pending[this.lastSeq + 1]) {
        var next = this.pending[this.lastSeq + 1];
        delete this.pending[next.seq];
        this.deliver(next);
      }
      if (Object.keys(this.pending).length === 0) { this.syncing = false; }
      return;
    }
    this.options.onFrame(frame);
  };

  Connection.prototype.deliver = function (frame) {
    this.lastSeq = frame.seq;
    this.forget(frame.id);
    this.options.onFrame(frame);
  };

  // "14:05" in the reader's own time zone (the server sends ISO 8601 with an offset).
  function clockTime(iso) {
    if (typeof iso !== "string") { return ""; }
    var date = new Date(iso);
    if (isNaN(date.getTime())) { return ""; }
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  // The visible message list, from one side's point of view. options: log (the <ol>), own
  // ("youth" or "counsellor"), label(from) -> name, t(name) -> translated text.
  // Own messages carry a sent/read mark; pending (unacknowledged) ones stay at the bottom.
  function MessageLog(options) {
    this.log = options.log;
    this.own = options.own;
    this.label = options.label;
    this.t = options.t;
  }

  MessageLog.prototype.bubble = function (id, from, text, mark) {
    var li = document.createElement("li");
    var side = from === "system" ? "system" : (from === this.own ? "own" : "other");
    li.className = "chat-msg chat-msg--" + side;
    if (id) { li.setAttribute("data-id", id); }
    li.setAttribute("data-from", from);
    var who = document.createElement("span");
    who.className = "chat-msg__who";
    who.textContent = from === "system" ? "" : this.label(from);
    var body = document.createElement("p");
    body.className = "chat-msg__body";
    body.textContent = text;
    li.appendChild(who);
    li.appendChild(body);
    if (side === "own") {
      var status = document.createElement("span");
      status.className = "chat-msg__mark";
      status.textContent = mark;
      li.appendChild(status);
    }
    return li;
  };

  MessageLog.prototype.showPending = function (item) {
    var li = this.bubble(item.id, this.own, item.body, this.t("sending"));
    li.classList.add("chat-msg--pending");
    this.log.appendChild(li);
    this.log.scrollTop = this.log.scrollHeight;
  };

  // Show a numbered message (replacing its pending copy); true when it came from the other side.
  MessageLog.prototype.render = function (frame) {
    var old = this.log.querySelector('.chat-msg--pending[data-id="' + frame.id + '"]');
    if (old) { old.remove(); }
    var text = frame.from === "system" ? (this.t("sys-" + frame.body) || frame.body) : frame.body;
    var li = this.bubble(frame.id, frame.from, text, this.t("sent"));
    li.setAttribute("data-seq", frame.seq);
    var when = clockTime(frame.at);
    if (when) {
      var time = document.createElement("time");
      time.className = "chat-msg__time uitweg-date";
      time.setAttribute("datetime", frame.at);
      time.textContent = when;
      li.insertBefore(time, li.querySelector(".chat-msg__body"));
    }
    this.log.insertBefore(li, this.log.querySelector(".chat-msg--pending"));
    this.log.scrollTop = this.log.scrollHeight;
    return frame.from !== this.own && frame.from !== "system";
  };

  // Take a refused message off the screen (it has left the outbox too).
  MessageLog.prototype.drop = function (id) {
    var li = this.log.querySelector('.chat-msg--pending[data-id="' + id + '"]');
    if (li) { li.remove(); }
  };

  // Mark own messages up to seq as read by the other side.
  MessageLog.prototype.markRead = function (seq) {
    var mark = this.t("read");
    this.log.querySelectorAll(".chat-msg--own[data-seq]").forEach(function (li) {
      if (parseInt(li.getAttribute("data-seq"), 10) <= seq) {
        li.querySelector(".chat-msg__mark").textContent = mark;
      }
    });
  };

  window.UitwegChat = { Connection: Connection, MessageLog: MessageLog, newId: newId,
                       POISON: POISON, wellFormed: wellFormed, clockTime: clockTime };
})();
