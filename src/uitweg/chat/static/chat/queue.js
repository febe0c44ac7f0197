// The console's queue, pushed: the queue socket says "queue" when a chat joins or leaves it, and
// the page fetches the queue again through its (audited) view. The slow poll stays as a fallback.
(function () {
  "use strict";
  var box = document.getElementById("chat-queue");
  if (!box || !window.WebSocket) { return; }
  var path = box.getAttribute("data-ws-path");
  var delay = 1000, ping = null, stopped = false;

  function refresh() { document.body.dispatchEvent(new Event("chat-queue-changed")); }

  function connect() {
    var ws = new WebSocket((window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + path);
    ws.onopen = function () {
      delay = 1000;
      refresh();   // whatever changed while the socket was away
      ping = setInterval(function () { ws.send("{\"type\":\"ping\"}"); }, 30000);
    };
    ws.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "queue") { refresh(); }
      else if (frame.type === "error") { stopped = true; }   // session over: the poll shows the login
    };
    ws.onclose = function (event) {
      clearInterval(ping);
      if (stopped || event.code === 4403) { return; }
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
