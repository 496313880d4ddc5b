// Registry and statistics pages. Everything works without this file; it saves phone users a long scroll (on
// narrow screens the filter panel starts closed, unless a filter is wrong: its message must stay in view), and
// fills the municipality list as soon as a state is chosen, from the small JSON list the registry serves.
(function () {
  "use strict";
  var panel = document.querySelector("details.filter-panel");
  if (!panel) {
    return;
  }
  if (window.matchMedia("(max-width: 56rem)").matches && !panel.querySelector(".errorlist")) {
    panel.open = false;
  }

  var form = panel.closest("form");
  var state = form && form.querySelector("select[name=state]");
  var municipality = form && form.querySelector("select[name=municipality]");
  if (!state || !municipality || !municipality.dataset.optionsUrl) {
    return;
  }
  var asked = 0;

  function fill(blankLabel, rows, enabled) {
    var options = [new Option(blankLabel, "")];
    rows.forEach(function (row) {
      options.push(new Option(row.name, row.cvegeo));
    });
    municipality.replaceChildren.apply(municipality, options);
    municipality.disabled = !enabled;
  }

  state.addEventListener("change", function () {
    var ask = ++asked;
    if (!state.value) {
      fill(municipality.dataset.chooseLabel, [], false);
      return;
    }
    var url = municipality.dataset.optionsUrl + "?state=" + encodeURIComponent(state.value);
    municipality.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (ask === asked) {
          fill(municipality.dataset.allLabel, data.municipalities, true);
        }
      })
      .catch(function () {
        // Without the list, the form still works: «Aplicar filtros» shows the state's municipalities.
        if (ask === asked) {
          fill(municipality.dataset.chooseLabel, [], false);
        }
      })
      .then(function () {
        if (ask === asked) {
          municipality.removeAttribute("aria-busy");
        }
      });
  });
})();
