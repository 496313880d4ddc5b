/* The wizard's partner step: "Usar esta ciudad" fills the city field (and its hidden id) in place, keeps what
   the person typed elsewhere, and lets the autosave pick the change up. Without JavaScript the same link
   reloads the step with the city filled in by the server (?ciudad=<id>). */
(function () {
  "use strict";
  var input = document.querySelector("input[name=ciudad]");
  var hidden = document.querySelector("input[name=ciudad_id]");
  if (!input || !hidden || hidden.type !== "hidden") { return; }
  var live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("aria-live", "polite");
  input.insertAdjacentElement("afterend", live);
  document.querySelectorAll("a.use-suggestion[data-city-id]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      input.value = link.getAttribute("data-city-label");
      hidden.value = link.getAttribute("data-city-id");
      // "change", not "input": typing would make the autocomplete forget the chosen id and search again.
      input.dispatchEvent(new Event("change", { bubbles: true }));
      hidden.dispatchEvent(new Event("change", { bubbles: true }));
      // Focus after this key event is over: moved at once, the same Enter would submit the step's form.
      window.setTimeout(function () { input.focus(); }, 0);
      var box = link.closest("[data-msg-chosen]");
      live.textContent = (box ? box.getAttribute("data-msg-chosen") + " " : "") + input.value;
    });
  });
})();
