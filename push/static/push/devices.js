/*
 * The devices page: turn notifications on in this browser (permission, then the service
 * worker's pushManager.subscribe with this server's VAPID key, then the subscription sent to
 * the server), mark this device in the list, and unsubscribe the browser when its own entry
 * is turned off.
 */
(function () {
  "use strict";
  var root = document.getElementById("push-devices");
  var button = document.getElementById("push-enable");
  if (!root || !button) return;

  function show(id) {
    var element = document.getElementById(id);
    if (element) element.classList.remove("d-none");
  }

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function csrfToken() {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  var supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  var iOS = /iPhone|iPad|iPod/.test(navigator.userAgent);
  if (!supported) {
    show(iOS && !window.navigator.standalone ? "push-ios-install" : "push-unsupported");
    button.disabled = true;
    return;
  }

  function markThisDevice(subscription) {
    if (!subscription) return;
    root.querySelectorAll("[data-endpoint]").forEach(function (item) {
      if (item.getAttribute("data-endpoint") !== subscription.endpoint) return;
      item.querySelector("[data-this-device]").classList.remove("d-none");
      item.querySelector("form").setAttribute("data-this-device", "1");
      button.classList.add("d-none");
      show("push-this-device-on");
    });
  }

  navigator.serviceWorker.ready.then(function (registration) {
    return registration.pushManager.getSubscription();
  }).then(markThisDevice).catch(function () {});

  function register(subscription) {
    return fetch(root.getAttribute("data-subscribe-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(subscription.toJSON())
    }).then(function (response) {
      if (!response.ok) throw new Error("not registered");
      window.location.reload();
    });
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") {
        show("push-denied");
        button.disabled = false;
        return null;
      }
      return navigator.serviceWorker.ready.then(function (registration) {
        return registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(root.getAttribute("data-vapid-key"))
        });
      }).then(register);
    }).catch(function () {
      show("push-failed");
      button.disabled = false;
    });
  });

  // Turning off this very device also ends the browser's subscription, so nothing arrives.
  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-this-device")) return;
    event.preventDefault();
    navigator.serviceWorker.ready.then(function (registration) {
      return registration.pushManager.getSubscription();
    }).then(function (subscription) {
      return subscription ? subscription.unsubscribe() : null;
    }).catch(function () {}).then(function () {
      form.submit();
    });
  });
})();
