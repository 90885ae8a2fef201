// Saves each answer the moment it is given, so a reload, a lost connection or a closed tab
// loses nothing. Without JavaScript the form's own "Save answers" button does the same.
(function () {
  "use strict";
  var form = document.getElementById("fill-form");
  if (!form || !window.fetch) { return; }
  var url = form.dataset.answerUrl;
  var total = parseInt(form.dataset.total, 10);
  var tokenInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var statusEl = document.getElementById("save-status");
  var progressText = document.getElementById("progress-text");
  var bar = document.getElementById("progress-bar");

  function answeredCount() {
    return form.querySelectorAll("input[type=radio]:checked").length;
  }

  function showProgress(answered) {
    bar.value = answered;
    progressText.textContent = form.dataset.textProgress.replace("__N__", answered).replace("__T__", total);
  }

  function send(input, attempt) {
    var body = new FormData();
    body.append("item", input.name.replace("item-", ""));
    body.append("answer", input.value);
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": tokenInput.value, "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (!response.ok) { throw new Error("status " + response.status); }
      return response.json();
    }).then(function (data) {
      input.closest("fieldset").classList.remove("border-danger");
      input.closest("fieldset").dataset.saved = "1";
      statusEl.textContent = form.dataset.textSaved;
      showProgress(data.answered);
    }).catch(function () {
      if (attempt < 2) {
        return new Promise(function (resolve) { setTimeout(resolve, 1500); }).then(function () {
          // Only retry if the client has not changed this answer meanwhile.
          if (input.checked) { return send(input, attempt + 1); }
        });
      }
      statusEl.textContent = form.dataset.textFailed;
    });
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.type !== "radio") { return; }
    showProgress(answeredCount());
    send(input, 0);
  });

  // Resume where the client left off: jump to the first unanswered statement.
  var firstOpen = form.dataset.firstOpen;
  if (firstOpen && answeredCount() > 0 && !window.location.hash) {
    var target = document.getElementById("item-" + firstOpen);
    if (target) { target.scrollIntoView({ block: "start" }); }
  }
})();
