// evx review page: filters by kind and by flag. No data lives here: the page holds
// everything, this only toggles classes and the hidden attribute.
(function () {
  "use strict";
  // "show" boxes: unticking a kind removes its highlighting (body class hide-<kind>)
  document.querySelectorAll("input[data-hide]").forEach(function (box) {
    var apply = function () {
      document.body.classList.toggle("hide-" + box.getAttribute("data-hide"), !box.checked);
    };
    box.addEventListener("change", apply);
    apply();
  });
  // "only" boxes: show the articles carrying any ticked tag (all when none is ticked)
  var tagBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-tag]"));
  var tagged = Array.prototype.slice.call(document.querySelectorAll("[data-tags]"));
  var counter = document.getElementById("shown-count");
  function applyTags() {
    var wanted = tagBoxes.filter(function (b) { return b.checked; })
                         .map(function (b) { return b.getAttribute("data-tag"); });
    var shown = 0, total = 0;
    tagged.forEach(function (el) {
      var tags = (el.getAttribute("data-tags") || "").split(" ");
      var show = wanted.length === 0 || wanted.some(function (t) { return tags.indexOf(t) >= 0; });
      el.hidden = !show;
      if (el.tagName === "ARTICLE") { total += 1; if (show) { shown += 1; } }
    });
    if (counter) { counter.textContent = "showing " + shown + " of " + total + " articles"; }
  }
  tagBoxes.forEach(function (b) { b.addEventListener("change", applyTags); });
  applyTags();
})();
