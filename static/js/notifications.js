// The header's unread-notification badge. The server fills it from its cache when it can; otherwise, and
// every two minutes while the page is visible, this asks /api/notificaciones/sin-leer/ for the number.
(function () {
  "use strict";
  var link = document.querySelector("[data-unread-url]");
  if (!link || !window.fetch) return;
  // The same number on the menu's link and, on phones, on the «Menú» button that hides it.
  var badges = document.querySelectorAll("[data-unread-badge]");
  var number = link.querySelector("[data-unread-number]");
  var badge = link.querySelector("[data-unread-badge]");
  var INTERVAL = 120000;

  function show(count) {
    Array.prototype.forEach.call(badges, function (each) {
      each.querySelector("[data-unread-number]").textContent = count > 0 ? String(count) : "";
      each.hidden = !(count > 0);
    });
  }

  function refresh() {
    fetch(link.getAttribute("data-unread-url"), { credentials: "same-origin", redirect: "manual", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && typeof data.unread === "number") show(data.unread); })
      .catch(function () { /* offline: keep what is shown */ });
  }

  if (number.textContent.trim() === "" && badge.hidden) refresh();
  setInterval(function () { if (!document.hidden) refresh(); }, INTERVAL);
})();
