/*
 * Push and notification clicks inside the service worker (/sw.js imports this file).
 *
 * The server's payload (push/payloads.py) is JSON: {title, body, url, tag}. It names no one and
 * holds no health data; the page it opens sits behind the login as always.
 */
"use strict";

self.addEventListener("push", function (event) {
  var message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (error) {
    message = {};
  }
  var title = message.title || "securebase";
  // Only a path on this site is opened, never another address.
  var url = typeof message.url === "string" && message.url.charAt(0) === "/" && message.url.charAt(1) !== "/" ? message.url : "/";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: message.body || "",
      tag: message.tag || "securebase",
      icon: "/static/icons/icon-192.png",
      badge: "/static/icons/icon-192.png",
      data: { url: url }
    })
  );
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i++) {
        if (windows[i].url === url && "focus" in windows[i]) return windows[i].focus();
      }
      for (var j = 0; j < windows.length; j++) {
        if ("navigate" in windows[j] && new URL(windows[j].url).origin === self.location.origin) {
          return windows[j].navigate(url).then(function (client) { return client && client.focus(); });
        }
      }
      return self.clients.openWindow(url);
    })
  );
});
