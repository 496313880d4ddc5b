// Generated documents: "Generar" without leaving the page, then "Generando…" until the link appears.
// The page works without this script: the form posts and redirects back, and a reload shows the link.
(function () {
  "use strict";
  if (!window.fetch) return;

  var container = document.querySelector("[data-documents]");
  var announcer = document.querySelector("[data-announce]");

  function delay(tries) { return tries < 10 ? 1000 : 3000; }

  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  function label(name) { return container ? container.getAttribute("data-label-" + name) : ""; }

  function sectionTitle(item) {
    var section = item.closest("section");
    var heading = section && section.querySelector("h2");
    return heading ? heading.textContent.trim() : "";
  }

  function showState(item, data) {
    var state = item.querySelector(".doc-state");
    item.setAttribute("data-status", data.status);
    state.textContent = "";
    if (data.done) {
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = label("download");
      link.setAttribute("aria-label", label("download") + " " + sectionTitle(item) + ", " + item.querySelector(".doc-format").textContent);
      var size = document.createElement("span");
      size.className = "hint-inline";
      size.textContent = " (" + data.size + ")";
      state.appendChild(link);
      state.appendChild(size);
      announce(label("ready") + " " + sectionTitle(item) + ", " + item.querySelector(".doc-format").textContent);
    } else if (data.failed) {
      var failed = document.createElement("span");
      failed.className = "tag tag-red";
      failed.textContent = label("failed");
      state.appendChild(failed);
    } else {
      var working = document.createElement("span");
      working.className = "doc-working";
      working.textContent = label("working");
      state.appendChild(working);
    }
  }

  function poll(item, tries) {
    fetch(item.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        showState(item, data);
        if (!data.done && !data.failed) window.setTimeout(function () { poll(item, tries + 1); }, delay(tries));
        else if (!document.querySelector('[data-status="pending"], [data-status="running"]')) {
          var hint = document.querySelector("[data-reload-hint]");
          if (hint) hint.hidden = true;
        }
      })
      .catch(function () { window.setTimeout(function () { poll(item, tries + 1); }, 5000); });
  }

  function itemFor(list, data) {
    var item = document.createElement("li");
    item.className = "doc-file";
    item.setAttribute("data-status-url", data.status_url);
    var format = document.createElement("span");
    format.className = "doc-format";
    format.textContent = data.format_label;
    var state = document.createElement("span");
    state.className = "doc-state";
    item.appendChild(format);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(state);
    list.appendChild(item);
    return item;
  }

  if (container) {
    Array.prototype.forEach.call(container.querySelectorAll('[data-status="pending"], [data-status="running"]'), function (item) {
      poll(item, 0);
    });

    Array.prototype.forEach.call(container.querySelectorAll("form[data-generate]"), function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = form.querySelector("button");
        button.disabled = true;
        fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            if (response.status !== 202) throw new Error("HTTP " + response.status);
            return response.json();
          })
          .then(function (data) {
            var section = form.closest("section");
            var list = section.querySelector(".doc-files");
            if (!list) {
              list = document.createElement("ul");
              list.className = "doc-files";
              section.insertBefore(list, form);
            }
            list.textContent = "";
            var version = section.querySelector(".doc-version");
            if (version) version.hidden = true;
            data.documents.forEach(function (doc) {
              var item = itemFor(list, doc);
              showState(item, doc);
              if (!doc.done && !doc.failed) poll(item, 0);
            });
            button.disabled = false;
            button.textContent = label("again");
            button.setAttribute("aria-label", label("again") + ": " + section.querySelector("h2").textContent.trim());
            button.classList.add("button-secondary");
          })
          .catch(function () { form.submit(); });
      });
    });
  }

  // The public constancia's waiting page: poll, then offer the download.
  var waiting = document.querySelector("[data-public-document]");
  if (waiting) {
    var tries = 0;
    (function check() {
      fetch(waiting.getAttribute("data-status-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (data && data.done) {
            var state = waiting.querySelector("[data-public-state]");
            state.textContent = waiting.getAttribute("data-label-ready") + " ";
            var link = document.createElement("a");
            link.href = data.url;
            link.textContent = waiting.getAttribute("data-label-download");
            state.appendChild(link);
            waiting.querySelector("[data-public-reload]").hidden = true;
            link.focus();
          } else if (!(data && data.failed)) {
            tries += 1;
            window.setTimeout(check, delay(tries));
          }
        })
        .catch(function () { window.setTimeout(check, 5000); });
    })();
  }
})();
