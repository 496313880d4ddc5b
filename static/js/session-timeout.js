// Idle-timeout warning. The server logs a user out after ACCOUNTS_IDLE_TIMEOUT seconds without a request
// (accounts/middleware.py); this script only asks the server how much time is left and, a few minutes
// before the end, opens a modal dialog whose "Seguir conectado" button counts as activity.
(function () {
  "use strict";
  var dialog = document.getElementById("session-timeout");
  if (!dialog || typeof dialog.showModal !== "function" || !window.fetch) {
    return; // without <dialog> or fetch the server still enforces the timeout
  }
  var timeout = Number(dialog.dataset.timeout);
  var warning = Number(dialog.dataset.warning);
  var statusUrl = dialog.dataset.statusUrl;
  var loginUrl = dialog.dataset.loginUrl;
  var keepForm = dialog.querySelector("[data-session-keep]");
  var endSlot = dialog.querySelector("[data-session-end]");
  var csrfToken = keepForm.querySelector("[name=csrfmiddlewaretoken]").value;
  var language = document.documentElement.lang || "es-MX";
  var timer = null;
  var returnFocus = null;

  function schedule(seconds, callback) {
    window.clearTimeout(timer);
    timer = window.setTimeout(callback, Math.max(1, seconds) * 1000);
  }

  function goToLogin() {
    var here = window.location.pathname + window.location.search;
    window.location.assign(loginUrl + "?next=" + encodeURIComponent(here));
  }

  function openDialog(secondsLeft) {
    var end = new Date(Date.now() + secondsLeft * 1000);
    endSlot.textContent = end.toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" });
    if (!dialog.open) {
      returnFocus = document.activeElement;
      dialog.showModal();
    }
  }

  function closeDialog() {
    if (dialog.open) {
      dialog.close();
    }
  }

  // Asking does not count as activity: another tab may have kept the session alive meanwhile.
  function check() {
    fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : Promise.reject(response);
      })
      .then(function (state) {
        if (!state.authenticated || state.seconds_left <= 0) {
          goToLogin();
        } else if (state.seconds_left > warning + 5) {
          closeDialog();
          schedule(state.seconds_left - warning, check);
        } else {
          openDialog(state.seconds_left);
          schedule(state.seconds_left + 1, check);
        }
      })
      .catch(function () {
        schedule(30, check); // a network hiccup: ask again soon
      });
  }

  function keepAlive(event) {
    if (event) {
      event.preventDefault();
    }
    fetch(keepForm.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken },
    })
      .then(function (response) {
        if (response.status === 401) {
          goToLogin();
          return null;
        }
        return response.ok ? response.json() : Promise.reject(response);
      })
      .then(function (state) {
        if (state) {
          closeDialog();
          schedule(state.seconds_left - warning, check);
        }
      })
      .catch(function () {
        schedule(5, check);
      });
  }

  keepForm.addEventListener("submit", keepAlive);
  // Escape shows the person is there: treat it like "Seguir conectado" rather than ignoring it.
  dialog.addEventListener("cancel", keepAlive);
  dialog.addEventListener("close", function () {
    if (returnFocus && typeof returnFocus.focus === "function") {
      returnFocus.focus();
    }
    returnFocus = null;
  });

  schedule(timeout - warning, check);
})();
