/*
 * Passkey pages (add a passkey, log in with one) around allauth's WebAuthn script.
 *
 * Where the browser cannot make or use passkeys the passkey buttons are hidden or say so; when
 * the person cancels the fingerprint/face prompt, or the device refuses, the page says so in
 * words instead of a console error, and nothing typed on the page is lost.
 */
(function () {
  "use strict";

  function show(id) {
    var element = document.getElementById(id);
    if (element) element.classList.remove("d-none");
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.PublicKeyCredential) {
      show("passkey-unsupported");
      var add = document.getElementById("mfa_webauthn_add");
      if (add) add.disabled = true;
      var login = document.getElementById("passkey-login-block");
      if (login) login.classList.add("d-none");
    }
  });

  document.addEventListener("allauth.error", function (event) {
    var tags = (event.detail && event.detail.tags) || [];
    if (tags.indexOf("webauthn") === -1) return;
    event.preventDefault();
    show("passkey-error");
  });
})();
