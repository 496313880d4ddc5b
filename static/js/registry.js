// Registry and statistics pages. Everything works without this file; it only saves phone users a long scroll:
// on narrow screens the filter panel starts closed, unless a filter is wrong (its message must stay in view).
(function () {
  "use strict";
  var panel = document.querySelector("details.filter-panel");
  if (!panel) {
    return;
  }
  if (window.matchMedia("(max-width: 56rem)").matches && !panel.querySelector(".errorlist")) {
    panel.open = false;
  }
})();
