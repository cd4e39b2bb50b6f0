// The little the pages need: filters that apply on change, the cited sentence brought into view.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select.autosubmit").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });
  var hl = document.getElementById("hl");
  if (hl) { hl.scrollIntoView({ block: "center" }); }
  // A link to a conflict opens it.
  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.tagName === "DETAILS") { target.open = true; }
});
