/*
 * Site-wide behaviour (loaded on every page; no inline script under the CSP).
 *
 * Diary drafts kept in this browser are private text. When the person logs out they are
 * removed, so the next person on a shared phone finds nothing of them.
 */
(function () {
  "use strict";
  var PREFIX = "securebase:";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute("data-logout")) return;
    // Tells the diary's draft keeper not to save the page once more as it unloads.
    document.documentElement.setAttribute("data-logging-out", "1");
    try {
      var store = window.localStorage;
      for (var i = store.length - 1; i >= 0; i--) {
        var key = store.key(i);
        if (key && key.indexOf(PREFIX) === 0) store.removeItem(key);
      }
    } catch (e) {
      // Storage blocked or unavailable: then no draft was stored either.
    }
  });

  // A field that only matters for one choice of a radio group (the online link of a session)
  // is shown only while that choice is made: data-shown-with="<radio name>=<value>".
  function showDependentFields() {
    var fields = document.querySelectorAll("[data-shown-with]");
    Array.prototype.forEach.call(fields, function (field) {
      var rule = field.getAttribute("data-shown-with").split("=");
      var chosen = field.form && field.form.querySelector("input[name='" + rule[0] + "']:checked");
      var wrapper = field.closest(".mb-3") || field;
      wrapper.classList.toggle("d-none", !chosen || chosen.value !== rule[1]);
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target && event.target.type === "radio") showDependentFields();
  });
  showDependentFields();
})();
