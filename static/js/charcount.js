/* Character counter (issue 13: what an official types is never cut). Every field with a declared limit
   carries it as data-maxlength (core.forms.count_limits); templates/_charcount.html puts the counter after it,
   saying «Hasta 3,000 caracteres.» without JavaScript. Here the counter follows what is typed or pasted:
   «1,234 de 3,000 caracteres», and over the limit «Sobran 2,000 caracteres: el límite es 3,000». Nothing is
   cut: the server refuses the longer text with its message. Screen readers hear the count once typing pauses
   (a polite live region), not at every key.
   Counted as the server counts: characters (not UTF-16 units: an emoji is one), and a line break as two,
   because a form sends it as CR LF. */
(function () {
  "use strict";
  var ANNOUNCE_DELAY = 1000;

  function length(value) {
    var breaks = (value.match(/\r?\n/g) || []).length;
    return Array.from(value.replace(/\r?\n/g, "")).length + 2 * breaks;
  }

  function grouped(n, separator) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  function setUp(counter) {
    var field = document.getElementById(counter.dataset.for);
    var status = document.getElementById(counter.id + "_status");
    var limit = field ? parseInt(field.dataset.maxlength, 10) : NaN;
    if (!field || !(limit > 0)) { return; }
    var described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(counter.id) === -1) {
      described.push(counter.id);
      field.setAttribute("aria-describedby", described.join(" "));
    }
    var timer = null;

    function message() {
      var count = length(field.value);
      var sep = counter.dataset.separator || ",";
      var values = { count: grouped(count, sep), limit: grouped(limit, sep), over: grouped(count - limit, sep) };
      if (count <= limit) { return { over: false, text: fill(counter.dataset.msgCount, values) }; }
      var template = count - limit === 1 ? counter.dataset.msgOverOne : counter.dataset.msgOver;
      return { over: true, text: fill(template, values) };
    }

    function update(announce) {
      var now = message();
      counter.textContent = now.text;
      counter.classList.toggle("charcount-over", now.over);
      if (!status || !announce) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { status.textContent = message().text; }, ANNOUNCE_DELAY);
    }

    field.addEventListener("input", function () { update(true); });
    update(false);
  }

  document.querySelectorAll(".charcount[data-for]").forEach(setUp);
})();
