/*
 * securebase's service worker, served from the site root (/sw.js) so it controls every page.
 *
 * It keeps only the app shell (the offline page in each language and the static files it
 * needs) in its cache. Pages with a person's data are never stored: every navigation goes to
 * the network, and only when that fails is the offline page shown. Diary entries written
 * offline wait in IndexedDB (diary/offline-queue.js) and are sent by the page or, where the
 * browser has Background Sync, by the "sync" event below.
 */
/* Shell version {{ version }} */
"use strict";
var SHELL_CACHE = "securebase-shell-{{ version }}";
var OFFLINE_PAGES = {{ offline_pages|safe }};
var SHELL_FILES = {{ shell_files|safe }};

importScripts({{ queue_script|safe }}, {{ push_script|safe }});

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE).then(function (cache) {
      // Fetched without cookies: the shell is the same for everyone and names no one.
      var requests = Object.values(OFFLINE_PAGES).concat(SHELL_FILES).map(function (url) {
        return new Request(url, { credentials: "omit", cache: "reload" });
      });
      return cache.addAll(requests);
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("securebase-") === 0 && name !== SHELL_CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () {
      // The browser starts each navigation itself while the worker wakes, and follows its
      // redirects as without a worker.
      if (self.registration.navigationPreload) return self.registration.navigationPreload.enable();
      return null;
    }).then(function () { return self.clients.claim(); })
  );
});

function offlinePage(path) {
  // The full form where the full form was asked for; the quick entry (the app's shell) elsewhere.
  var suffix = path.indexOf("/diary/new/") === 0 ? "-full" : "";
  return SecurebaseQueue.getMeta("lang").catch(function () { return null; }).then(function (lang) {
    var guess = (self.navigator.language || "").slice(0, 2);
    var url = OFFLINE_PAGES[lang + suffix] || OFFLINE_PAGES[guess + suffix] || OFFLINE_PAGES["en" + suffix];
    return caches.open(SHELL_CACHE).then(function (cache) { return cache.match(url); });
  });
}

// A new diary entry sent while the phone believed it was online: when the network fails
// anyway, the entry is kept on the phone instead of lost with the error page.
var ENTRY_FORMS = { "/diary/quick/": "quick", "/diary/new/": "full" };

function postOrKeep(request, kind, path) {
  var copy = request.clone();
  return fetch(request).catch(function () {
    return Promise.all([copy.formData(), SecurebaseQueue.getMeta("user")]).then(function (got) {
      var form = got[0], user = got[1];
      if (!user) return null;
      return SecurebaseQueue.add(SecurebaseQueue.entryFromForm(form, kind, user));
    }).catch(function () { return null; }).then(function () {
      return offlinePage(path).then(function (page) { return page || Response.error(); });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && request.method === "POST" && ENTRY_FORMS[url.pathname]) {
    event.respondWith(postOrKeep(request, ENTRY_FORMS[url.pathname], url.pathname));
    return;
  }
  if (request.mode === "navigate" && request.method === "GET") {
    // Network only: a page about a person is never kept, so never shown to the next login.
    event.respondWith(Promise.resolve(event.preloadResponse).then(function (preloaded) {
      return preloaded || fetch(request);
    }).catch(function () {
      return offlinePage(url.pathname).then(function (page) { return page || Response.error(); });
    }));
    return;
  }
  if (request.method !== "GET" || SHELL_FILES.indexOf(url.pathname) === -1) return;
  event.respondWith(
    caches.open(SHELL_CACHE).then(function (cache) {
      return cache.match(url.pathname).then(function (hit) { return hit || fetch(request); });
    })
  );
});

self.addEventListener("sync", function (event) {
  if (event.tag === SecurebaseQueue.SYNC_TAG) event.waitUntil(SecurebaseQueue.sendAll());
});
