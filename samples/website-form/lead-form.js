// Posts the lead form as JSON, shows field errors inline, and carries utm parameters from the page URL.
// Without script (or if fetch is missing) the browser checks the required fields and does a normal form post; the API
// redirects back to the form's static redirect path, where CSS shows the #thank-you note.
(function () {
  "use strict";
  var form = document.getElementById("lead-form");
  if (!form) return;
  var status = document.getElementById("form-status");
  var params = new URLSearchParams(window.location.search);

  ["utm_source", "utm_medium", "utm_campaign"].forEach(function (name) {
    var value = params.get(name);
    if (value) form.elements[name].value = value;
  });
  var submissionId = newId();
  form.elements.submissionId.value = submissionId;

  if (!window.fetch || !window.JSON) return;

  // The API's own field errors, shown inline, replace the browser's checks.
  form.noValidate = true;

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    var body = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "redirect") return;
      if (el.type === "checkbox") { body[el.name] = el.checked; return; }
      if (el.value !== "") body[el.name] = el.value;
    });
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    show("Sending…", "");
    fetch(form.getAttribute("action"), {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": submissionId },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (response.status === 202) {
          form.reset();
          submissionId = newId();
          form.elements.submissionId.value = submissionId;
          form.setAttribute("data-lead-id", (json && json.leadId) || "");
          show("Thank you! We will be in touch.", "ok");
        } else if (response.status === 400 && json && json.errors) {
          showErrors(json.errors);
          show("Please check the highlighted fields.", "fail");
        } else if (response.status === 429 || response.status === 503) {
          show("We are busy right now; please try again in a minute.", "fail");
        } else {
          show((json && json.title) || "Something went wrong; please try again.", "fail");
        }
      });
    }).catch(function () {
      show("We could not reach the server; please try again.", "fail");
    }).then(function () {
      button.disabled = false;
    });
  });

  function showErrors(errors) {
    Object.keys(errors).forEach(function (field) {
      var target = form.querySelector('[data-error-for="' + field + '"]');
      var messages = errors[field];
      var text = Array.isArray(messages) ? messages.join(" ") : String(messages);
      if (target) target.textContent = text;
      if (form.elements[field]) form.elements[field].setAttribute("aria-invalid", "true");
    });
  }

  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-error-for]"), function (el) { el.textContent = ""; });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) { el.removeAttribute("aria-invalid"); });
  }

  function show(text, kind) {
    status.textContent = text;
    status.className = kind;
  }

  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return "sub-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }
})();
