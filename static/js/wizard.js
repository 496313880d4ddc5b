/* Wizard autosave: while the official types, the step is saved to the server (the same POST as the
   "Guardar" button, asking for JSON), and "Guardado 10:42" is announced in an aria-live region.
   Without JavaScript the normal submit saves everything; this only adds saving in between. */
(function () {
  "use strict";
  // A wizard page restored by the back button from the back-forward cache shows the statuses of when it was
  // left (a step done since then shown as undone): fetch it again. The server also sends no-store.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { window.location.reload(); }
  });
  var form = document.getElementById("step-form");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("estado-guardado");
  var version = document.getElementById("id_version");
  // The signed answers this page started from: the server merges per field against them (another person's
  // change to a field this page did not touch is kept), and sends the new ones after each save.
  var base = document.getElementById("id_base");
  var touched = {};  // fields typed in while a save was on its way: a merged value must not overwrite them
  var preview = document.getElementById("preview-body");
  var DELAY = 1200;
  var timer = null;
  var inFlight = false;
  var pending = false;
  var stopped = false;

  function say(text) { if (status) { status.textContent = text; } }

  // Put a value saved by someone else into this page's field, so that the next autosave keeps it.
  function setField(name, value) {
    if (touched[name]) { return; }
    var values = Array.isArray(value) ? value.map(String) : (value === null || value === undefined ? [] : [String(value)]);
    var inputs = form.querySelectorAll("[name='" + name.replace(/'/g, "") + "']");
    inputs.forEach(function (input) {
      if (input.type === "checkbox" || input.type === "radio") {
        input.checked = values.indexOf(input.value) !== -1 ||
          (input.type === "checkbox" && values.length === 1 && /^(on|true)$/i.test(values[0]));
      } else if (input.tagName === "SELECT" && input.multiple) {
        Array.prototype.forEach.call(input.options, function (option) {
          option.selected = values.indexOf(option.value) !== -1;
        });
      } else if (input.type !== "file" && input.type !== "hidden") {
        input.value = values.length ? values[0] : "";
      }
    });
  }

  function payload() {
    var data = new FormData(form);
    // Files are sent only by the button: an autosave never uploads a half-chosen document.
    form.querySelectorAll("input[type=file]").forEach(function (input) { data.delete(input.name); });
    return data;
  }

  function save() {
    if (stopped) { return; }
    if (inFlight) { pending = true; return; }
    inFlight = true;
    touched = {};
    say(form.dataset.msgSaving);
    fetch(form.dataset.autosave, {
      method: "POST",
      body: payload(),
      credentials: "same-origin",
      keepalive: true,
      headers: {
        "Accept": "application/json",
        "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value
      }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (result.ok && result.body.saved) {
        version.value = result.body.version;
        if (base && result.body.base) { base.value = result.body.base; }
        (result.body.merged || []).forEach(function (field) { setField(field.name, field.value); });
        say(result.body.message);
        if (preview && result.body.preview_html) { preview.innerHTML = result.body.preview_html; }
      } else {
        // A conflict or a file that left the draft state: stop, and let the button show what happened.
        stopped = true;
        say(result.body.message || form.dataset.msgError);
      }
    }).catch(function () {
      say(navigator.onLine === false ? form.dataset.msgOffline : form.dataset.msgError);
    }).then(function () {
      inFlight = false;
      if (pending) { pending = false; schedule(); }
    });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, DELAY);
  }

  form.addEventListener("input", function (event) {
    if (event.target.name) { touched[event.target.name] = true; }
    if (event.target.type !== "file") { schedule(); }
  });
  form.addEventListener("change", function (event) {
    if (event.target.name) { touched[event.target.name] = true; }
    if (event.target.type !== "file") { schedule(); }
  });
  // Leaving the page (closing the tab or the browser) with unsaved typing: save it right away.
  window.addEventListener("pagehide", function () {
    if (timer && !stopped) {
      window.clearTimeout(timer);
      timer = null;
      save();
    }
  });
  form.addEventListener("submit", function () {
    window.clearTimeout(timer);
    timer = null;
    stopped = true;
  });
})();
