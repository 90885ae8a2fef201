/*
 * Diary entries written without a connection, kept in this browser's IndexedDB until sent.
 *
 * Shared by the pages and the service worker (no DOM here). Each entry keeps the idempotency
 * key its form was given and the time it was written (its "when" field), so sending it twice
 * stores it once and it keeps its own time. Entries belong to the person logged in when they
 * were written and are only sent while that person is logged in; logging out deletes them all.
 */
(function (root) {
  "use strict";
  var DB_NAME = "securebase-offline";
  var ENTRIES = "entries";
  var META = "meta";
  var SYNC_URL = "/diary/sync/";
  var channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("securebase-queue") : null;
  var sending = null;

  function request(req) {
    return new Promise(function (resolve, reject) {
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function open() {
    var req = root.indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = function () {
      var db = req.result;
      if (!db.objectStoreNames.contains(ENTRIES)) db.createObjectStore(ENTRIES, { keyPath: "key" });
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: "name" });
    };
    return request(req);
  }

  function withStore(name, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(name, mode);
        var result;
        Promise.resolve(work(tx.objectStore(name))).then(function (value) { result = value; }, reject);
        tx.oncomplete = function () { db.close(); resolve(result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
        tx.onabort = function () { db.close(); reject(tx.error); };
      });
    });
  }

  var listeners = [];

  function changed(detail) {
    // A BroadcastChannel never hears its own messages, so this page's (or worker's) own
    // listeners are told directly: an entry this page sent shows as sent here too.
    var message = detail || { type: "changed" };
    if (channel) channel.postMessage(message);
    listeners.forEach(function (listener) { listener(message); });
  }

  function onChange(listener) {
    // listener(message) for changes made here and in every other tab or the worker.
    listeners.push(listener);
    if (channel) channel.addEventListener("message", function (event) { listener(event.data || {}); });
  }

  function newKey() {
    if (root.crypto && root.crypto.randomUUID) return root.crypto.randomUUID();
    var b = root.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  var NOT_SENT = { csrfmiddlewaretoken: true, idempotency_key: true, kind: true };

  function entryFromForm(formData, kind, user) {
    // formData: a FormData of a diary form; the summary is what the list on the phone shows.
    var fields = [];
    formData.forEach(function (value, name) {
      if (!NOT_SENT[name] && typeof value === "string") fields.push([name, value]);
    });
    var written = formData.get("occurred_at");
    return {
      key: formData.get("idempotency_key") || newKey(),
      user: String(user),
      kind: kind,
      fields: fields,
      writtenAt: written ? new Date(written).getTime() || Date.now() : Date.now(),
      summary: "",
    };
  }

  function getMeta(name) {
    return withStore(META, "readonly", function (store) {
      return request(store.get(name)).then(function (row) { return row ? row.value : null; });
    });
  }

  function setMeta(name, value) {
    return withStore(META, "readwrite", function (store) { return request(store.put({ name: name, value: value })); });
  }

  function add(entry) {
    // entry: {key, user, kind: "quick"|"full", fields: [[name, value], ...], writtenAt: ms}
    entry.status = "waiting";
    return withStore(ENTRIES, "readwrite", function (store) { return request(store.put(entry)); })
      .then(function () { changed(); return entry; });
  }

  function list(user) {
    return withStore(ENTRIES, "readonly", function (store) { return request(store.getAll()); })
      .then(function (rows) {
        return rows.filter(function (row) { return user == null || String(row.user) === String(user); })
          .sort(function (a, b) { return a.writtenAt - b.writtenAt; });
      });
  }

  function remove(key) {
    return withStore(ENTRIES, "readwrite", function (store) { return request(store.delete(key)); });
  }

  function update(entry) {
    return withStore(ENTRIES, "readwrite", function (store) { return request(store.put(entry)); });
  }

  function clearAll() {
    // Everything this browser kept for the diary goes: entries and who was logged in.
    return Promise.all([
      withStore(ENTRIES, "readwrite", function (store) { return request(store.clear()); }),
      withStore(META, "readwrite", function (store) { return request(store.clear()); }),
    ]).then(function () { changed({ type: "cleared" }); });
  }

  function whoIsLoggedIn() {
    // {user, csrf} of the current session, or null when logged out (the login page answers).
    return fetch(SYNC_URL, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/json") !== 0) return null;
        return response.json();
      });
  }

  function sendOne(entry, session) {
    var body = new FormData();
    entry.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    body.set("kind", entry.kind);
    body.set("idempotency_key", entry.key);
    body.set("csrfmiddlewaretoken", session.csrf);
    return fetch(SYNC_URL, {
      method: "POST", body: body, credentials: "same-origin", cache: "no-store",
      headers: { "X-CSRFToken": session.csrf, Accept: "application/json" },
    }).then(function (response) {
      if (response.status === 200 || response.status === 201) {
        return response.json().then(function (data) {
          return remove(entry.key).then(function () { changed({ type: "sent", key: entry.key, url: data.url }); });
        });
      }
      if (response.status === 400) {
        // The server refused it (a date in the future, …): keep the text, show the reason.
        return response.json().then(function (data) {
          entry.status = "refused";
          entry.errors = data.errors || [];
          return update(entry).then(function () { changed(); });
        });
      }
      throw new Error("not sent: " + response.status);
    });
  }

  function sendAll() {
    // One run at a time per page or worker; the idempotency key covers runs in other tabs.
    if (sending) return sending;
    sending = whoIsLoggedIn().then(function (session) {
      if (!session) return { sent: 0, waiting: null };
      return list(session.user).then(function (entries) {
        var waiting = entries.filter(function (e) { return e.status === "waiting"; });
        return waiting.reduce(function (chain, entry) {
          return chain.then(function () { return sendOne(entry, session); });
        }, Promise.resolve()).then(function () { return { sent: waiting.length }; });
      });
    }).finally(function () { sending = null; });
    return sending;
  }

  root.SecurebaseQueue = {
    SYNC_TAG: "securebase-diary",
    newKey: newKey,
    entryFromForm: entryFromForm,
    add: add,
    list: list,
    remove: remove,
    clearAll: clearAll,
    getMeta: getMeta,
    setMeta: setMeta,
    sendAll: sendAll,
    onChange: onChange,
  };
})(self);
