/*
 * The installable app in the page: registers the service worker (/sw.js), keeps diary entries
 * written without a connection (diary/offline-queue.js) and sends them when the connection
 * returns or the app opens; shows what waits on this phone and what was sent.
 *
 * Online pages of a client carry data-offline-user (who is logged in); the offline page the
 * worker shows carries data-offline-shell and trusts the last client seen online.
 */
(function () {
  "use strict";
  var Q = window.SecurebaseQueue;
  var body = document.body;
  var onlineUser = body.getAttribute("data-offline-user");
  var isShell = body.hasAttribute("data-offline-shell");
  var sent = [];
  var waitingNow = {};

  if ("serviceWorker" in navigator) {
    // After the page has loaded, so installing the worker's files never slows the first view.
    var register = function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
        // No worker (private mode, old browser): the site works as before, without offline.
      });
    };
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register);
  }
  if (!Q || !window.indexedDB) return;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function localInputValue(date) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) +
      "T" + pad(date.getHours()) + ":" + pad(date.getMinutes());
  }

  // --- What waits on this phone -------------------------------------------------------
  var panel = document.querySelector("[data-offline-queue]");

  function text(name) { return panel.getAttribute("data-text-" + name) || ""; }

  function when(entry) {
    try {
      return new Date(entry.writtenAt).toLocaleString(document.documentElement.lang, {
        weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
      });
    } catch (e) {
      return new Date(entry.writtenAt).toLocaleString();
    }
  }

  function row(entry, state) {
    var li = document.createElement("li");
    li.className = "py-1 border-bottom offline-entry";
    li.setAttribute("data-offline-entry-state", state);
    var label = document.createElement("span");
    label.textContent = when(entry) + (entry.summary ? " · " + entry.summary : "") + " — ";
    li.appendChild(label);
    var strong = document.createElement("strong");
    if (state === "sent") {
      strong.textContent = text("sent");
      li.appendChild(strong);
      if (entry.url) {
        var open = document.createElement("a");
        open.href = entry.url;
        open.className = "ms-2";
        open.textContent = text("open");
        li.appendChild(open);
      }
    } else if (state === "refused") {
      strong.textContent = text("refused") + " " + (entry.errors || []).join(" ");
      li.appendChild(strong);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "btn btn-link btn-sm p-0 ms-2 align-baseline";
      remove.textContent = text("remove");
      remove.addEventListener("click", function () { Q.remove(entry.key).then(render); });
      li.appendChild(remove);
    } else {
      strong.textContent = text("waiting");
      li.appendChild(strong);
    }
    return li;
  }

  function currentUser() {
    return onlineUser ? Promise.resolve(onlineUser) : Q.getMeta("user");
  }

  function render() {
    if (!panel) return Promise.resolve();
    return currentUser().then(function (user) {
      return user ? Q.list(user) : [];
    }).then(function (entries) {
      var list = panel.querySelector("[data-offline-queue-list]");
      list.textContent = "";
      entries.forEach(function (entry) {
        // Remembered, so a "sent" from another tab or the worker still shows here as sent.
        waitingNow[entry.key] = entry;
        list.appendChild(row(entry, entry.status === "refused" ? "refused" : "waiting"));
      });
      sent.forEach(function (entry) { list.appendChild(row(entry, "sent")); });
      panel.classList.toggle("d-none", entries.length + sent.length === 0);
    }).catch(function () {});
  }

  // --- Sending ----------------------------------------------------------------------------
  function trySend() {
    if (!navigator.onLine) return Promise.resolve();
    return currentUser().then(function (user) { return user ? Q.list(user) : []; }).then(function (entries) {
      entries.forEach(function (entry) { waitingNow[entry.key] = entry; });
      if (!entries.length) return null;
      return Q.sendAll().catch(function () { askForSync(); });
    }).then(render);
  }

  function askForSync() {
    // Background Sync lets the worker send even after this page is closed (Chromium).
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.sync) return reg.sync.register(Q.SYNC_TAG);
      return null;
    }).catch(function () {});
  }

  Q.onChange(function (data) {
    if (data.type === "sent" && waitingNow[data.key]) {
      var entry = waitingNow[data.key];
      entry.url = data.url;
      if (sent.indexOf(entry) === -1) sent.push(entry);
    }
    if (data.type === "cleared") sent = [];
    render();
  });

  // --- Writing without a connection ----------------------------------------------------------
  function summary(form) {
    var names = [];
    each(form.querySelectorAll("input[name=emotion]:checked"), function (input) {
      var label = form.querySelector("label[for='" + input.id + "']");
      if (label) names.push(label.textContent.trim());
    });
    return names.join(", ");
  }

  // The sharing default the client's form last showed online, as the online form would: on
  // opening the offline page and again on the emptied form after each save.
  function applySharedDefault(root) {
    return Q.getMeta("sharedDefault").then(function (value) {
      each(root.querySelectorAll("input[name=shared]"), function (box) { box.checked = value === true; });
    });
  }

  function fresh(form) {
    // A new entry: its own idempotency key and, on the offline page, the time it is now.
    var key = form.querySelector("input[name=idempotency_key]");
    if (key) key.value = Q.newKey();
    var time = form.querySelector("input[name=occurred_at]");
    if (time && isShell) time.value = localInputValue(new Date());
  }

  function keep(form, user) {
    var error = form.querySelector("[data-offline-error]");
    var data = new FormData(form);
    if (!data.getAll("emotion").length) {
      if (error) {
        error.textContent = form.getAttribute("data-text-need-emotion");
        error.classList.remove("d-none");
        error.scrollIntoView({ block: "center" });
      }
      return Promise.resolve(false);
    }
    if (error) error.classList.add("d-none");
    var entry = Q.entryFromForm(data, form.getAttribute("data-offline-entry"), user);
    entry.summary = summary(form);
    return Q.add(entry).then(function () {
      waitingNow[entry.key] = entry;
      var draft = form.getAttribute("data-draft");
      try { if (draft) window.localStorage.removeItem(draft); } catch (e) { /* no storage */ }
      form.reset();
      fresh(form);
      if (isShell) applySharedDefault(form);
      each(form.querySelectorAll("input[type=range]"), function (el) {
        el.dispatchEvent(new Event("input", { bubbles: true }));
      });
      return render().then(function () {
        if (panel) panel.scrollIntoView({ block: "start" });
        askForSync();
        trySend();
        return true;
      });
    });
  }

  each(document.querySelectorAll("form[data-offline-entry]"), function (form) {
    if (isShell) fresh(form);
    form.addEventListener("submit", function (event) {
      // Online pages post as always; the offline page (no session token) always keeps first.
      if (!isShell && navigator.onLine) return;
      event.preventDefault();
      currentUser().then(function (user) {
        if (!user) return false;
        return keep(form, user);
      }).then(function () {
        window.setTimeout(function () {
          each(form.querySelectorAll("[data-once]"), function (button) { button.disabled = false; });
        }, 10);
      });
    });
  });

  // --- Pages that need a connection to submit (questionnaires) --------------------------------
  function showConnection() {
    // The offline page stays open after the connection returns: say so, and where to go on.
    each(document.querySelectorAll("[data-online-again]"), function (el) { el.classList.toggle("d-none", !navigator.onLine); });
    each(document.querySelectorAll("[data-offline-banner]"), function (el) { el.classList.toggle("d-none", navigator.onLine); });
    each(document.querySelectorAll("[data-offline-notice]"), function (notice) {
      notice.classList.toggle("d-none", navigator.onLine);
    });
  }
  each(document.querySelectorAll("form[data-needs-connection]"), function (form) {
    form.addEventListener("submit", function (event) {
      if (navigator.onLine) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      showConnection();
    }, true);
  });
  window.addEventListener("offline", showConnection);
  window.addEventListener("online", function () { showConnection(); trySend(); });
  showConnection();

  // --- Who is logged in, as the worker's offline page will need to know -----------------------
  var ready = Promise.resolve();
  if (onlineUser) {
    ready = Q.setMeta("user", onlineUser).then(function () {
      return Q.setMeta("lang", document.documentElement.lang);
    }).catch(function () {});
    var shared = document.querySelector("form[data-offline-entry][data-draft-bound='0'] input[name=shared]");
    if (shared) ready = ready.then(function () { return Q.setMeta("sharedDefault", shared.checked); });
  } else if (isShell) {
    // Saving waits until the sharing default is on the form: an entry saved before it would
    // go out with a sharing choice the client never saw.
    var saveButtons = document.querySelectorAll("form[data-offline-entry] [type=submit]");
    each(saveButtons, function (b) { b.disabled = true; });
    ready = Q.getMeta("user").then(function (user) {
      if (!user) {
        each(document.querySelectorAll("[data-offline-no-user]"), function (el) { el.classList.remove("d-none"); });
        return false;
      }
      return applySharedDefault(document).then(function () { return true; });
    }).catch(function () { return true; }).then(function (canSave) {
      if (canSave) each(saveButtons, function (b) { b.disabled = false; });
    });
  }
  ready.then(render).then(trySend);

  // --- Logging out: nothing of this person stays on the phone ---------------------------------
  // A shared phone must not keep receiving this person's reminders: the browser unsubscribes and
  // the logout tells the server which subscription was this device's.
  function forgetPush(form) {
    if (!("serviceWorker" in navigator)) return Promise.resolve();
    return navigator.serviceWorker.getRegistration().then(function (registration) {
      return registration && registration.pushManager ? registration.pushManager.getSubscription() : null;
    }).then(function (subscription) {
      if (!subscription) return null;
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "push_endpoint";
      input.value = subscription.endpoint;
      form.appendChild(input);
      return subscription.unsubscribe();
    }).catch(function () {});
  }
  each(document.querySelectorAll("form[data-logout]"), function (form) {
    var clearing = false;
    form.addEventListener("submit", function (event) {
      if (clearing) return;
      event.preventDefault();
      clearing = true;
      // Send what can still be sent first (briefly), then forget everything and log out.
      var send = navigator.onLine ? Q.sendAll().catch(function () {}) : Promise.resolve();
      var limit = new Promise(function (resolve) { window.setTimeout(resolve, 4000); });
      Promise.race([send, limit]).then(function () { return Q.clearAll(); }).catch(function () {})
        .then(function () { return forgetPush(form); }).then(function () {
          form.submit();
        });
    });
  });
})();
