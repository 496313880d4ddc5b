/* Partner-city autocomplete for step 2: an ARIA combobox over the ciudades/buscar endpoint.
   Typing shows up to ten cities; arrows move, Enter chooses, Escape closes. Choosing fills the hidden
   ciudad_id. Without JavaScript the server matches the typed name and offers a list when it is ambiguous. */
(function () {
  "use strict";
  var box = document.querySelector(".autocomplete[data-url]");
  if (!box || !window.fetch) { return; }
  var input = box.querySelector("input[name=ciudad]");
  var hidden = box.querySelector("input[name=ciudad_id]");
  if (!input || !hidden || hidden.type !== "hidden") { return; }
  var list = document.createElement("ul");
  var live = document.createElement("p");
  list.id = "ciudad-opciones";
  list.className = "autocomplete-list";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  input.insertAdjacentElement("afterend", list);
  list.insertAdjacentElement("afterend", live);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("autocomplete", "off");
  var results = [];
  var active = -1;
  var timer = null;
  var lastQuery = "";

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var items = list.querySelectorAll("li");
    items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
    active = index;
    if (index >= 0 && items[index]) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    }
  }

  function choose(index) {
    var city = results[index];
    if (!city) { return; }
    input.value = city.label;
    hidden.value = city.id;
    close();
    hidden.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function render() {
    list.innerHTML = "";
    results.forEach(function (city, i) {
      var li = document.createElement("li");
      li.id = "ciudad-opcion-" + i;
      li.setAttribute("role", "option");
      li.textContent = city.label;
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    live.textContent = results.length ? box.dataset.msgCount.replace("{n}", results.length) : box.dataset.msgNone;
    active = -1;
  }

  function search() {
    var query = input.value.split(",")[0].trim();
    if (query.length < 2 || query === lastQuery) { if (query.length < 2) { close(); } return; }
    lastQuery = query;
    fetch(box.dataset.url + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (body) { if (query === lastQuery) { results = body.results; render(); } })
      .catch(close);
  }

  input.addEventListener("input", function () {
    hidden.value = "";  // typed text no longer matches the chosen city
    lastQuery = "";
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 250);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") { event.preventDefault(); highlight(Math.min(active + 1, results.length - 1)); }
    else if (event.key === "ArrowUp") { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
    else if (event.key === "Escape") { close(); }
  });
  input.addEventListener("blur", function () { window.setTimeout(close, 150); });
})();
