/*
 * Diary forms: keep a draft in localStorage so an accidental reload loses nothing, show the
 * value of intensity sliders, and stop a double tap from submitting twice.
 *
 * A form opts in with data-draft="<key>" (the key includes the user id, so one person's
 * draft is never offered to another on a shared phone). The server renders
 * data-draft-clear="<keys>" on the page after a successful save; those drafts are removed.
 * When the server re-renders a form after a validation error (data-draft-bound="1") its
 * values win and the draft is only updated, never restored over them.
 * Loaded as a static file: the CSP forbids inline scripts.
 */
(function () {
  "use strict";

  var PREFIX = "securebase:diary:";
  var MAX_AGE_MS = 7 * 24 * 3600 * 1000;
  var SKIP = { csrfmiddlewaretoken: true, idempotency_key: true };

  function getStore() {
    try {
      var s = window.localStorage;
      s.setItem(PREFIX + "probe", "1");
      s.removeItem(PREFIX + "probe");
      return s;
    } catch (e) {
      return null; // private mode or storage disabled: the form still works, just no drafts
    }
  }

  var store = getStore();

  function each(list, fn) {
    Array.prototype.forEach.call(list, fn);
  }

  function fields(form) {
    var result = [];
    each(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.type === "submit" || el.type === "button" || el.type === "hidden") return;
      result.push(el);
    });
    return result;
  }

  function serialize(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (!data[el.name]) data[el.name] = [];
        if (el.checked) data[el.name].push(el.value);
      } else if (el.tagName === "SELECT" && el.multiple) {
        data[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function apply(form, data) {
    fields(form).forEach(function (el) {
      if (!(el.name in data)) return;
      var value = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = Array.isArray(value) && value.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT" && el.multiple) {
        each(el.options, function (o) { o.selected = Array.isArray(value) && value.indexOf(o.value) !== -1; });
      } else if (typeof value === "string") {
        el.value = value;
      }
      el.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  function read(key) {
    try {
      var draft = JSON.parse(store.getItem(key) || "null");
      if (!draft || !draft.data || Date.now() - draft.savedAt > MAX_AGE_MS) return null;
      return draft.data;
    } catch (e) {
      return null;
    }
  }

  function write(key, data) {
    try {
      store.setItem(key, JSON.stringify({ savedAt: Date.now(), data: data }));
    } catch (e) { /* storage full: nothing else to do */ }
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  // 1. Drafts the server confirmed as saved.
  if (store) {
    each(document.querySelectorAll("[data-draft-clear]"), function (el) {
      (el.getAttribute("data-draft-clear") || "").split(/\s+/).forEach(function (key) {
        if (key.indexOf(PREFIX) === 0) store.removeItem(key);
      });
    });
  }

  // 2. Slider values shown next to the slider.
  each(document.querySelectorAll("[data-range-output]"), function (out) {
    var input = document.getElementById(out.getAttribute("data-range-output"));
    if (!input) return;
    var show = function () { out.textContent = input.value; };
    input.addEventListener("input", show);
    input.addEventListener("change", show);
    show();
  });

  // 3. One submit per tap; the idempotency key covers what gets through anyway.
  each(document.querySelectorAll("form"), function (form) {
    if (!form.querySelector("[data-once]")) return;
    form.addEventListener("submit", function () {
      window.setTimeout(function () {
        each(form.querySelectorAll("[data-once]"), function (button) { button.disabled = true; });
      }, 0);
    });
  });

  // 4. Drafts.
  if (!store) return;
  each(document.querySelectorAll("form[data-draft]"), function (form) {
    var key = form.getAttribute("data-draft");
    if (key.indexOf(PREFIX) !== 0) return;
    // Someone else logged in on this device: their unsaved drafts are not ours to keep.
    var mine = key.split(":").slice(0, 3).join(":") + ":";
    for (var i = store.length - 1; i >= 0; i--) {
      var other = store.key(i);
      if (other && other.indexOf(PREFIX) === 0 && other.indexOf(mine) !== 0) store.removeItem(other);
    }
    var initial = serialize(form);
    var bound = form.getAttribute("data-draft-bound") === "1";
    var draft = read(key);
    var notice = document.querySelector("[data-draft-notice]");

    if (bound) {
      write(key, initial);
    } else if (draft && !same(draft, initial)) {
      apply(form, draft);
      if (notice) notice.classList.remove("d-none");
    }

    var timer = null;
    var save = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (document.documentElement.hasAttribute("data-logging-out")) return;
        var now = serialize(form);
        if (same(now, initial) && !bound) store.removeItem(key);
        else write(key, now);
      }, 250);
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    // A reload right after typing must not lose the last 250 ms.
    window.addEventListener("pagehide", function () {
      window.clearTimeout(timer);
      // Logging out clears drafts (static/js/securebase.js); do not write one back.
      if (document.documentElement.hasAttribute("data-logging-out")) return;
      var now = serialize(form);
      if (!same(now, initial) || bound) write(key, now);
    });

    var discard = document.querySelector("[data-draft-discard]");
    if (discard) {
      discard.addEventListener("click", function () {
        store.removeItem(key);
        form.reset();
        each(form.querySelectorAll("input[type=range]"), function (el) {
          el.dispatchEvent(new Event("input", { bubbles: true }));
        });
        if (notice) notice.classList.add("d-none");
      });
    }
  });
})();
