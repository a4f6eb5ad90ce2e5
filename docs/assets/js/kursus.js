/* Small fixes to the theme that every page needs. */
(function () {
  "use strict";
  Samskabt.onPage(function (root) {
    // Material's search dialog has role="dialog" but no accessible name.
    var dialog = root.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Søg i kurset");
  });
})();
