// A second tap on "Save" while the first request is on its way would only find the first
// check-in again (idempotency key), but disabling the button says "saving" without doubt.
document.querySelectorAll("form[data-once]").forEach((form) => {
  form.addEventListener("submit", () => {
    form.querySelectorAll("button[type=submit]").forEach((button) => {
      window.setTimeout(() => { button.disabled = true; }, 0);
    });
  });
});
