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
