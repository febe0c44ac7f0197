// Session expiry warning and kept-form restore (issue 10.8). No third-party code; works under
// the CSP (no inline script: data comes from data-* attributes and a json_script block).
(function () {
  "use strict";

  function restoreKeptForm() {
    var source = document.getElementById("uitweg-kept-form");
    if (!source) return;
    var data;
    try { data = JSON.parse(source.textContent); } catch (e) { return; }
    var main = document.querySelector("main") || document;
    var forms = Array.prototype.filter.call(main.querySelectorAll("form"), function (form) {
      return Object.keys(data).some(function (name) { return form.elements.namedItem(name); });
    });
    var form = forms[0];
    if (!form) return;
    Object.keys(data).forEach(function (name) {
      var values = data[name];
      var field = form.elements.namedItem(name);
      if (!field || name === "csrfmiddlewaretoken") return;
      var list = field instanceof RadioNodeList ? Array.prototype.slice.call(field) : [field];
      list.forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") {
          el.checked = values.indexOf(el.value) !== -1;
        } else if (el.tagName === "SELECT" && el.multiple) {
          Array.prototype.forEach.call(el.options, function (o) {
            o.selected = values.indexOf(o.value) !== -1;
          });
        } else if (el.type !== "hidden" || name === "version" || name.indexOf("version") !== -1) {
          el.value = values[0] || "";
        }
      });
    });
    var first = form.querySelector("input:not([type=hidden]), textarea, select");
    if (first) first.focus();
  }

  function sessionWarning() {
    var box = document.querySelector(".uitweg-session");
    if (!box) return;
    var warn = parseInt(box.getAttribute("data-warn"), 10) * 1000;
    var endsAt = Date.now() + parseInt(box.getAttribute("data-remaining"), 10) * 1000;
    var dialog = box.querySelector(".uitweg-session__dialog");
    var form = box.querySelector("form");
    var ended = box.querySelector(".uitweg-session__ended");
    var timer = null;

    function schedule() {
      window.clearTimeout(timer);
      var untilWarning = endsAt - warn - Date.now();
      timer = window.setTimeout(tick, Math.max(0, untilWarning));
    }
    function tick() {
      if (Date.now() >= endsAt) {
        form.hidden = true;
        ended.hidden = false;
        return;
      }
      if (box.hidden) {
        box.hidden = false;
        dialog.focus();
      }
      timer = window.setTimeout(tick, Math.min(1000 * 15, Math.max(250, endsAt - Date.now())));
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(box.getAttribute("data-stay-url"), {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (answer) {
        endsAt = Date.now() + answer.remaining * 1000;
        box.hidden = true;
        schedule();
      }).catch(function () {
        form.hidden = true;
        ended.hidden = false;
      });
    });
    schedule();
  }

  function start() {
    restoreKeptForm();
    sessionWarning();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
