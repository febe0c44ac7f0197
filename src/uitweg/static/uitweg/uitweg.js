// Uitweg shared behaviour. No inline scripts (CSP); storage: sessionStorage only (one tab), which
// quick exit clears.
(function () {
  "use strict";

  var ESC_OPT_IN = "uitweg:esc-in-fields";
  var SHIFT_PRESSES = 3;
  var SHIFT_TIMEOUT_MS = 5000; // GOV.UK "Exit this page": up to 5 s between presses

  // Quick exit: replace the page with a neutral site and keep this page out of the back history
  // as far as the browser allows. Other scripts (the chat) listen for "uitweg:quick-exit" to close
  // their socket and end the conversation on the server first.
  function quickExit(url) {
    try { document.dispatchEvent(new CustomEvent("uitweg:quick-exit")); } catch (e) { /* ignore */ }
    try { window.sessionStorage.clear(); } catch (e) { /* ignore */ }
    document.documentElement.setAttribute("data-exited", "");
    document.title = "";
    document.body.innerHTML = "";
    try { window.history.replaceState(null, "", "/"); } catch (e) { /* ignore */ }
    window.location.replace(url);
  }

  // A field where Escape means "undo / close" to the person typing (and to their browser).
  function isTypingIn(el) {
    if (!el || el === document.body || el === document.documentElement) { return false; }
    if (el.isContentEditable) { return true; }
    var tag = el.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") { return true; }
    if (tag !== "INPUT") { return false; }
    var type = (el.getAttribute("type") || "text").toLowerCase();
    return ["button", "checkbox", "radio", "submit", "reset", "image", "range", "color",
            "file", "hidden"].indexOf(type) === -1;
  }

  function escapeOptedIn() {
    try { return window.sessionStorage.getItem(ESC_OPT_IN) === "1"; } catch (e) { return false; }
  }

  // Escape leaves the page, except while typing in a field: there it is opt-in, by the visitor
  // (the checkbox in "Quick exit: what it does not erase") or by the page (data-quick-exit-escape
  // on the field or a container). Shift pressed 3 times works everywhere (GOV.UK pattern).
  function escapeLeaves(event) {
    var target = event.target;
    if (!isTypingIn(target)) { return true; }
    if (target.closest && target.closest("[data-quick-exit-escape]")) { return true; }
    return escapeOptedIn();
  }

  function setupShiftShortcut(button, url) {
    var status = document.querySelector("[data-quick-exit-status]");
    var dots = document.createElement("span");
    dots.className = "uitweg-quick-exit__dots";
    dots.setAttribute("aria-hidden", "true");
    for (var i = 0; i < SHIFT_PRESSES; i++) { dots.appendChild(document.createElement("span")); }
    button.appendChild(dots);
    var presses = 0;
    var timer = null;
    var lastKeyWasModified = false;

    function say(key) {
      if (status) { status.textContent = key ? (status.getAttribute("data-t-" + key) || "") : ""; }
    }
    function show() {
      dots.classList.toggle("uitweg-quick-exit__dots--visible", presses > 0);
      Array.prototype.forEach.call(dots.children, function (dot, index) {
        dot.classList.toggle("uitweg-quick-exit__dot--on", index < presses);
      });
    }
    function reset(announce) {
      if (timer) { window.clearTimeout(timer); timer = null; }
      if (presses > 0 && announce) { say("expired"); }
      presses = 0;
      show();
    }
    // keyup, as GOV.UK does: Shift used as a modifier (Shift+A) fires a keyup for A with
    // shiftKey set first; the Shift keyup that follows is then not counted.
    document.addEventListener("keyup", function (event) {
      if (event.key === "Shift" && !lastKeyWasModified) {
        presses += 1;
        show();
        if (timer) { window.clearTimeout(timer); }
        if (presses >= SHIFT_PRESSES) {
          presses = 0;
          timer = null;
          quickExit(url);
          return;
        }
        say(presses === 1 ? "two" : "one");
        timer = window.setTimeout(function () { reset(true); }, SHIFT_TIMEOUT_MS);
      } else if (presses > 0) {
        reset(true);
      }
      lastKeyWasModified = event.shiftKey;
    }, true);
  }

  function setupEscapeOptIn() {
    var toggle = document.querySelector("[data-quick-exit-escape-toggle]");
    var option = document.querySelector("[data-quick-exit-escape-option]");
    if (!toggle || !option) { return; }
    option.hidden = false; // only useful with JavaScript
    toggle.checked = escapeOptedIn();
    toggle.addEventListener("change", function () {
      try {
        if (toggle.checked) { window.sessionStorage.setItem(ESC_OPT_IN, "1"); }
        else { window.sessionStorage.removeItem(ESC_OPT_IN); }
      } catch (e) { /* ignore */ }
    });
  }

  function setupQuickExit() {
    var button = document.querySelector("[data-quick-exit]");
    if (!button) { return; }
    var url = button.getAttribute("data-quick-exit");
    button.addEventListener("click", function (event) {
      event.preventDefault();
      quickExit(url);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !event.defaultPrevented && !event.isComposing &&
          escapeLeaves(event)) {
        quickExit(url);
      }
    });
    setupShiftShortcut(button, url);
    setupEscapeOptIn();
  }

  // Back to a page that holds a form (data-fresh-on-back): never show what was typed before.
  // The server sends no-store, so the page is normally fetched again; a browser that restores
  // it from its back-forward cache, or restores the typed values, gets a fresh page instead.
  function setupFreshOnBack() {
    window.addEventListener("pageshow", function (event) {
      var forms = document.querySelectorAll("form[data-fresh-on-back]");
      if (event.persisted && (forms.length || document.documentElement.hasAttribute("data-exited"))) {
        window.location.reload();
        return;
      }
      var entries = window.performance && window.performance.getEntriesByType
        ? window.performance.getEntriesByType("navigation") : [];
      if (!entries.length || entries[0].type !== "back_forward") { return; }
      Array.prototype.forEach.call(forms, function (form) { form.reset(); });
    });
  }

  // Buttons that confirm before submitting (data-confirm="question").
  function setupConfirm() {
    document.addEventListener("submit", function (event) {
      var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
      if (question && !window.confirm(question)) { event.preventDefault(); }
    });
  }

  // Error summary (ADR 0081): focus moves to it on load, so it is read out first; its links
  // move focus to the field and scroll its label into view (GOV.UK pattern).
  function setupErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
      var label = legend || document.querySelector("label[for='" + field.id + "']") || field;
      label.scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  // A wide table scrolls inside its own box (.uitweg-table-wrap), never the page (WCAG 1.4.10);
  // when it does scroll, the box can be reached and scrolled with the keyboard and is named
  // after the table's caption or the heading above it.
  function setupScrollRegions() {
    function label(wrap) {
      var caption = wrap.querySelector("caption");
      if (caption) { return caption.textContent.trim(); }
      var el = wrap.previousElementSibling;
      while (el && !/^H[1-6]$/.test(el.tagName)) { el = el.previousElementSibling; }
      if (!el && wrap.parentElement) {
        el = wrap.parentElement.querySelector("h1, h2, h3, h4");
      }
      return el ? el.textContent.trim() : "";
    }
    function update() {
      Array.prototype.forEach.call(document.querySelectorAll(".uitweg-table-wrap"), function (wrap) {
        var name = label(wrap);
        if (wrap.scrollWidth > wrap.clientWidth + 1 && name) {
          wrap.setAttribute("tabindex", "0");
          wrap.setAttribute("role", "region");
          wrap.setAttribute("aria-label", name);
        } else if (wrap.getAttribute("role") === "region") {
          wrap.removeAttribute("tabindex"); wrap.removeAttribute("role");
          wrap.removeAttribute("aria-label");
        }
      });
    }
    update();
    window.addEventListener("resize", update);
  }

  window.Uitweg = { quickExit: quickExit };
  setupFreshOnBack(); // before "pageshow" fires: this script is deferred, so it runs first
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setupQuickExit(); setupConfirm(); setupErrorSummary(); setupScrollRegions();
    });
  } else {
    setupQuickExit(); setupConfirm(); setupErrorSummary(); setupScrollRegions();
  }
})();
