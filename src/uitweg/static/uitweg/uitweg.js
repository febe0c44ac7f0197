// Uitweg shared behaviour. No inline scripts (CSP), no storage beyond sessionStorage clearing.
(function () {
  "use strict";

  // Quick exit: replace the page with a neutral site and keep this page out of the back history
  // as far as the browser allows. Other scripts (the chat) listen for "uitweg:quick-exit" to close
  // their socket and end the conversation on the server first.
  function quickExit(url) {
    try { document.dispatchEvent(new CustomEvent("uitweg:quick-exit")); } catch (e) { /* ignore */ }
    try { window.sessionStorage.clear(); } catch (e) { /* ignore */ }
    document.title = "";
    document.body.innerHTML = "";
    try { window.history.replaceState(null, "", "/"); } catch (e) { /* ignore */ }
    window.location.replace(url);
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
      if (event.key === "Escape" && !event.defaultPrevented) {
        quickExit(url);
      }
    });
  }

  // Buttons that confirm before submitting (data-confirm="question").
  function setupConfirm() {
    document.addEventListener("submit", function (event) {
      var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
      if (question && !window.confirm(question)) { event.preventDefault(); }
    });
  }

  window.Uitweg = { quickExit: quickExit };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setupQuickExit(); setupConfirm(); });
  } else {
    setupQuickExit(); setupConfirm();
  }
})();
