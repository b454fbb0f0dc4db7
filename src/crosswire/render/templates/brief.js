"use strict";
// Citation buttons reveal the cited sentence; the panel id is in data-target.
document.addEventListener("click", function (event) {
  var target = event.target;
  var button = target instanceof Element ? target.closest("button[data-target]") : null;
  if (!button) {
    return;
  }
  var panel = document.getElementById(button.getAttribute("data-target") || "");
  if (!panel) {
    return;
  }
  var opening = panel.hidden;
  panel.hidden = !opening;
  button.setAttribute("aria-expanded", opening ? "true" : "false");
});
// Following a link to a source briefly highlights it, so the reader sees where they landed.
window.addEventListener("hashchange", function () {
  var source = document.getElementById(location.hash.slice(1));
  if (source && source.classList.contains("source")) {
    source.classList.add("flash");
    window.setTimeout(function () { source.classList.remove("flash"); }, 1600);
  }
});
// The sources filter: hide the sources whose outlet, title, date and file do not match.
(function () {
  var input = document.getElementById("source-filter");
  var count = document.getElementById("source-count");
  if (!input) {
    return;
  }
  var sources = Array.prototype.slice.call(document.querySelectorAll("article.source"));
  var keys = sources.map(function (source) {
    var parts = source.querySelectorAll("h3, .stitle, .meta");
    return Array.prototype.map.call(parts, function (p) { return p.textContent; }).join(" ").toLowerCase();
  });
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    sources.forEach(function (source, index) {
      var match = words.every(function (word) { return keys[index].indexOf(word) >= 0; });
      source.hidden = !match;
      shown += match ? 1 : 0;
    });
    if (count) {
      count.textContent = shown + " of " + sources.length;
    }
  });
})();
