// A search box for long selects (countries, languages): <select data-filterable="true">.
// Progressive enhancement, no third-party code, CSP-safe; the select keeps working without it.
(function () {
  "use strict";
  function enhance(select) {
    var label = document.querySelector('label[for="' + select.id + '"]');
    var box = document.createElement("input");
    box.type = "search";
    box.className = "utrecht-textbox uitweg-select-filter";
    box.id = select.id + "-search";
    box.setAttribute("autocomplete", "off");
    box.setAttribute("aria-controls", select.id);
    var searchLabel = document.documentElement.lang === "en" ? "Search" : "Zoeken";
    box.setAttribute("aria-label", searchLabel + (label ? ": " + label.textContent.trim() : ""));
    box.placeholder = searchLabel + "…";
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var term = box.value.trim().toLocaleLowerCase();
      Array.prototype.forEach.call(select.options, function (option) {
        var text = (option.text + " " + option.value).toLocaleLowerCase();
        option.hidden = term !== "" && option.value !== "" && !option.selected &&
          text.indexOf(term) === -1;
      });
    });
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("select[data-filterable]"), enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
